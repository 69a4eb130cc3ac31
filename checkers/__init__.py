"""derivcheck: check the derivations of a math-heavy text two independent ways.

A claim is frozen data (what the text claims, about which variables, and where); ``check`` turns
a claim into a verdict with its evidence: a SymPy proof or refutation, and JAX autodiff at random
points with a concrete counterexample.
"""

from .engine._check import Config as Config, check as check, check_all as check_all
from .readers._anchors import Edition as Edition
from .model._claims import (NONNEGATIVE as NONNEGATIVE, POSITIVE as POSITIVE, REAL as REAL,
                            Approximation as Approximation, CellValue as CellValue,
                            Claim as Claim, CriticalPoints as CriticalPoints,
                            Derivative as Derivative, Domain as Domain, Extremum as Extremum,
                            Fn as Fn, Gradient as Gradient, Hessian as Hessian,
                            Jacobian as Jacobian,
                            JacobianDeterminant as JacobianDeterminant,
                            Identity as Identity, Index as Index, Latex as Latex,
                            NoClaim as NoClaim, Source as Source, Taylor as Taylor, Tex as Tex,
                            Tolerance as Tolerance, Value as Value, Var as Var, interval as interval, matrix as matrix,
                            scalar as scalar, vector as vector)
from .model._claims import (DIAGONAL as DIAGONAL, NATURAL as NATURAL, ORTHOGONAL as ORTHOGONAL,
                            POSITIVE_DEFINITE as POSITIVE_DEFINITE, SYMMETRIC as SYMMETRIC,
                            integers as integers)
from .model._errors import (DeclarationError as DeclarationError,
                            DerivcheckError as DerivcheckError, ExpressionError as ExpressionError,
                            ShapeError as ShapeError, UsageError as UsageError)
from .model._reasons import Reason as Reason
from .model._verdict import ToolDisagreement as ToolDisagreement, Verdict as Verdict
from .readers._errors import CodeCellError as CodeCellError, MarkdownError as MarkdownError
from .readers._files import DerivationFileError as DerivationFileError
from .readers.latex._errors import (LatexError as LatexError,
                                    LatexShapeError as LatexShapeError)
from .witnesses.numeric._errors import UnsupportedExpression as UnsupportedExpression

__version__ = "0.1.0"
