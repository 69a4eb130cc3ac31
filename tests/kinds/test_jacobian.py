from checkers import Hessian, Jacobian, JacobianDeterminant, POSITIVE, Source, Var, matrix, vector
from checkers.kinds import kind_of
from checkers.kinds._jacobian import ResolvedJacobian
from checkers.kinds._jacobian_determinant import ResolvedJacobianDeterminant

SRC = Source(lines=(1, 1), section="kinds")
POLAR = (Var("r", (), POSITIVE), Var("theta"))
DPHI = "[[cos(theta), -r*sin(theta)], [sin(theta), r*cos(theta)]]"


def polar(claimed, cls=Jacobian, **more):
    return cls(name="j", source=SRC, variables=POLAR, function=("r*cos(theta)", "r*sin(theta)"),
               wrt=("r", "theta"), claimed=claimed, **more)


def test_rows_are_outputs_and_columns_inputs(run):
    found = run(polar(DPHI))
    assert isinstance(found.resolved, ResolvedJacobian)
    assert found.resolved.function.shape == (2, 1)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"
    assert found.numeric["sympy"].status == "agrees"


def test_the_transpose_is_refuted_and_disagrees(run):
    found = run(polar("[[cos(theta), sin(theta)], [-r*sin(theta), r*cos(theta)]]"))
    assert found.symbolic.status == "refuted"
    assert found.numeric["claimed"].status == "disagrees"


def test_the_determinant_is_its_own_kind_with_its_own_resolved_class(run):
    found = run(polar("r", JacobianDeterminant))
    assert isinstance(found.resolved, ResolvedJacobianDeterminant)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees"
    assert run(polar("r^2", JacobianDeterminant)).numeric["claimed"].status == "disagrees"


def test_the_report_writes_the_relation_of_a_jacobian():
    from checkers.kinds import resolve

    r = resolve(polar(DPHI))
    view = kind_of(Jacobian).view(r)
    assert view.relation.text.startswith("Jacobian in ({wrt})")
    assert r"\det" in kind_of(JacobianDeterminant).view(resolve(polar("r",
                                                                   JacobianDeterminant))).relation.tex


def test_a_jacobian_in_one_vector_is_decided_entry_by_entry(run):
    claim = Jacobian(name="j", source=SRC, variables=(vector("x", "n"), matrix("A", "m", "n")),
                     function="A*x", wrt=("x",), claimed="A")
    found = run(claim)
    assert found.symbolic.status == "proved" and found.symbolic.entrywise
    assert found.numeric["claimed"].status == "agrees"
    assert found.numeric["sympy"].status == "agrees"  # SymPy's B.T, transposed to a Jacobian


def test_a_hessian_in_one_vector(run):
    claim = Hessian(name="h", source=SRC, variables=(vector("x", "n"), matrix("A", "n", "n")),
                    function="x.T*A*x", wrt=("x",), claimed="A + A.T")
    found = run(claim)
    assert found.symbolic.status == "proved" and found.symbolic.entrywise
    # SymPy's general form is shown and cross-checked by JAX, never trusted to decide
    assert found.symbolic.derived is not None
    assert found.numeric["claimed"].status == "agrees"
    assert found.numeric["sympy"].status == "agrees"
