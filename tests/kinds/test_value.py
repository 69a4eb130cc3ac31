from checkers import Source, Value, Var
from checkers.kinds import kind_of
from checkers.kinds._value import ResolvedValue

SRC = Source(lines=(1, 1), section="kinds")
KIND = kind_of(Value)


def value(claimed):
    return Value(name="v", source=SRC, variables=(Var("x"), Var("y")),
                 function="log(e^x + e^y)", wrt=("x", "y"), at=("0", "log(2)"), claimed=claimed)


def test_a_right_value_is_proved_and_agrees_at_the_point(run):
    found = run(value("log(3)"))
    assert isinstance(found.resolved, ResolvedValue)
    assert found.symbolic.status == "proved"
    assert found.numeric["claimed"].status == "agrees" and found.numeric["claimed"].points == 1


def test_a_wrong_value_is_refuted_and_disagrees(run):
    found = run(value("log(2)"))
    assert found.symbolic.status == "refuted"
    numeric = found.numeric["claimed"]
    assert numeric.status == "disagrees" and numeric.point["x"] == 0.0


def test_the_report_shows_f_at_the_point(run):
    r = run(value("log(3)")).resolved
    relation = KIND.view(r).relation
    assert relation.at == r.at and relation.text == "{f}{at} ="
