import pytest

from checkers import Config


@pytest.fixture(scope="session")
def config():
    """Both witnesses, few points: the tests are about verdicts, not statistics."""
    return Config(seed=0, points=24, budget=60.0)


pytest_plugins = ["pytester"]
