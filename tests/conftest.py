"""Fixtures shared by the whole suite.

Checking claims is what costs: a batch of verdicts that several tests need is checked once per
session, in a session-scoped fixture, and the tests that need one are in the slow lane. Under pytest-xdist (``-n 2``, with ``--dist loadgroup`` from
pyproject.toml) every test that uses such a fixture is sent to the same worker (an
``xdist_group`` named after the fixture), so the batch is checked once, not once per worker.
"""

import os
import shutil
import tempfile

import pytest

from checkers import Config, check_all

pytest_plugins = ["pytester"]

_COMPILED = "JAX_COMPILATION_CACHE_DIR"
_OURS = "DERIVCHECK_TESTS_JAX_FOLDER"  # the folder this conftest made (an xdist worker makes its own)


def pytest_configure(config):
    """One folder of JAX's compiled programs for this process and the commands its tests start
    (witnesses/numeric/_numeric.compile_into): a claim that several tests check, in this process
    or in a subprocess, is compiled once. One folder per xdist worker, so that two processes
    never write the same entry at once; removed at the end."""
    named = os.environ.get(_COMPILED)
    if named is not None and named != os.environ.get(_OURS):
        return  # a folder named by whoever runs the tests
    folder = tempfile.mkdtemp(prefix="derivcheck-tests-jax-")
    settings = {_COMPILED: folder, _OURS: folder,
                "JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS": "0",
                "JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES": "0"}
    config._derivcheck_compiled = folder, {k: os.environ.get(k) for k in settings}
    os.environ.update(settings)


def pytest_unconfigure(config):
    folder, before = getattr(config, "_derivcheck_compiled", (None, {}))
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def config():
    """Both witnesses, few points: the tests are about verdicts, not statistics."""
    return Config(seed=0, points=24, budget=60.0)


@pytest.fixture(scope="session")
def chapter_verdicts(config):
    """Every claim of the bundled chapter, checked once, by name.

    Each claim draws its points from its own generator (seed and name), so a claim's verdict is
    the same in this batch as in a batch of any other claims under the same ``config``."""
    from derivations import CLAIMS, texts

    return {v.claim.name: v for v in check_all(CLAIMS, config, texts=texts())}


# A test that needs one of these batches of verdicts checks many claims end to end: it is in the
# slow lane (``-m slow``), and under xdist in the batch's own worker (corpus tests name their
# half's group themselves, tests/test_corpus.py).
BATCHES = ("chapter_verdicts", "quality_verdicts", "points_jacobians_verdicts")
# A test that runs pytest in a subprocess imports SymPy and JAX again and checks claims there.
SLOW_FIXTURES = (*BATCHES, "corpus_halves", "pytester")


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    """Mark the tests of the slow lane and group each batch's tests (see the docstring)."""
    for item in items:
        used = getattr(item, "fixturenames", ())
        if any(name in used for name in SLOW_FIXTURES):
            item.add_marker(pytest.mark.slow)
        batch = next((name for name in BATCHES if name in used), None)
        if batch is not None:
            item.add_marker(pytest.mark.xdist_group(batch))
    if getattr(config.option, "loadgroup", False):
        _group_for_xdist(items)


def _group_for_xdist(items) -> None:
    """What ``--dist loadgroup`` does, done here: pytest-xdist (3.8) sends a test to its group's
    worker by the suffix ``@group`` of its node id, which it writes to ``item._nodeid``; pytest 9
    keeps the node id in ``item._id``, so xdist's suffix is lost and every worker checked every
    batch (the chapter and each corpus half twice). Without the suffix the tests still run,
    only ungrouped."""
    from _pytest.nodeid import coerce_node_id

    for item in items:
        groups = sorted({str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                         for m in item.iter_markers("xdist_group")})
        if groups and not item.nodeid.endswith("@" + "_".join(groups)):
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(groups)}")
