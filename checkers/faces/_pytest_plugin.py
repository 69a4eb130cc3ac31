"""pytest plugin: ``pytest --derivations [PATH]`` collects every derivation as a test item.

A discrepancy fails the item with a falsifying example; an undecided claim is skipped with its
reason code and sentence; a claim that cannot be checked as declared is an error with the
message that says why.
Registered through the ``pytest11`` entry point; imports nothing heavy until a test runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ._args import whole

_BUNDLED = "<bundled chapter>"


def pytest_addoption(parser):
    group = parser.getgroup("derivcheck")
    group.addoption("--derivations", nargs="?", const=_BUNDLED, default=None, metavar="PATH",
                    help="collect derivations (.toml or .py files, or folders) as tests;"
                         " without PATH, the bundled chapter")
    group.addoption("--derivations-seed", type=whole(0), default=0, metavar="N",
                    help="seed of derivcheck's random points (0)")
    group.addoption("--derivations-document", action="append", default=[],
                    metavar="[NAME=]PATH", help="check the claims against another edition of"
                                                " their text (as derivcheck run --document)")


def pytest_configure(config):
    config.addinivalue_line("markers", "derivation: a derivation collected by derivcheck")
    target = config.getoption("derivations", None)
    if target is None:
        return
    if target == _BUNDLED:
        files = [_bundled_dir() / "__init__.py"]
    else:  # exactly what `derivcheck run PATH` collects, by the same function
        from ..model._errors import UsageError
        from ..readers._collect import collect

        try:
            files = [p.resolve() for p in collect([Path(target)])]
        except UsageError as err:
            raise pytest.UsageError(f"--derivations: {err}") from None
    config._derivcheck_files = set(files)
    for path in files:  # each file named, so that pytest's own folder rules skip none
        if str(path) not in config.args:
            config.args.append(str(path))


def pytest_collect_file(file_path: Path, parent):
    files = getattr(parent.config, "_derivcheck_files", None)
    if files is None or Path(file_path).resolve() not in files:
        return None
    if _within(file_path, _bundled_dir()):
        return BundledFile.from_parent(parent, path=file_path)
    return DerivationFile.from_parent(parent, path=file_path)


def _bundled_dir() -> Path:
    from ..readers._bundled import home

    return home()


def _within(path: Path, target: Path) -> bool:
    path = Path(path).resolve()
    return path == target or target in path.parents


class DerivationFile(pytest.File):
    """A derivation file of the user's: one item per claim."""

    def collect(self):
        from ..readers._files import load

        found = load([Path(self.path)])
        for claim in found.claims:
            yield DerivationItem.from_parent(self, name=claim.name, claim=claim,
                                             texts=found.texts)

    def repr_failure(self, excinfo):
        from ..model._errors import DerivcheckError

        if isinstance(excinfo.value, DerivcheckError):  # a file that cannot be read: say why
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class BundledFile(pytest.File):
    """The bundled chapter's derivations."""

    def collect(self):
        from ..readers._bundled import bundled

        chapter = bundled()
        documents = chapter.texts()
        for claim in chapter.CLAIMS:
            yield DerivationItem.from_parent(self, name=claim.name, claim=claim,
                                             texts=documents)


class Discrepancy(Exception):
    """The claim does not hold; carries the verdict."""


class DerivationItem(pytest.Item):
    def __init__(self, *, claim, texts, **kwargs):
        super().__init__(**kwargs)
        self.claim, self.texts = claim, texts
        self.add_marker(pytest.mark.derivation)

    def runtest(self):
        from ..engine._check import Config, check

        seed = self.config.getoption("derivations_seed")
        verdict = check(self.claim, Config(seed=seed), texts=self.texts,
                        editions=self._editions())
        if verdict.holds:
            return
        if verdict.status == "undecided":
            pytest.skip(f"undecided ({verdict.reason}): {verdict.summary}")
        raise Discrepancy(verdict)

    def _editions(self):
        from ..model._errors import UsageError
        from ..readers._anchors import editions

        specs = self.config.getoption("derivations_document")
        try:
            return editions(specs, self.texts) if specs else ()
        except UsageError as err:
            raise pytest.UsageError(f"--derivations-document: {err}") from None

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, Discrepancy):
            path = None if isinstance(self.parent, BundledFile) else self.path
            return falsifying_example(excinfo.value.args[0], path,
                                      self.config.getoption("derivations_seed"))
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, self.claim.source.lines[0] - 1, f"{self.claim.kind} {self.name}"


def falsifying_example(verdict, path, seed: int) -> str:
    """A discrepancy told as Hypothesis tells a failure: the claim, the simplest failing point,
    both values there, and how to reproduce it."""
    claim = verdict.claim
    head = "Falsifying example" if verdict.status == "discrepancy" else "Cannot check"
    lines = [f"{head}: {claim.name} ({claim.where()}, {claim.source.document})"]
    if verdict.moved_from is not None:
        from ..model._format import line_range

        lines.append(f"  moved from {line_range(*verdict.moved_from.lines)} of"
                     f" {verdict.moved_from.document} to {line_range(*claim.source.lines)}")
    numeric, symbolic = verdict.numeric, verdict.symbolic
    if numeric is not None and numeric.status == "disagrees" and numeric.point:
        at = ", ".join(f"{k}={_num(v)}" for k, v in numeric.point.items())
        lines.append(f"  at {at}:")
        lines.append(f"    claimed {_num(numeric.claimed)}")
        lines.append(f"    true    {_num(numeric.true)}")
        lines.append(f"    error   {numeric.error:.3g}")
    if symbolic is not None and symbolic.status == "refuted" and symbolic.difference:
        lines.append(f"  SymPy: claimed − true = {symbolic.difference}")
    lines.append(f"  verdict: {verdict.status} ({verdict.reason}) — {verdict.summary}")
    if claim.note:
        lines.append(f"  note: {claim.note}")
    where = "" if path is None else f" {path}"
    lines.append(f"Reproduce: derivcheck run{where} -k '{claim.name}' --seed {seed}")
    return "\n".join(lines)


def _num(value) -> str:
    from ..model._format import value as fmt_value

    return fmt_value(value)
