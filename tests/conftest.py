"""Shared test fixtures: paths to the bundled articles and a deterministic environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE = FIXTURES / "post_guancha_shanghai_soft_power.txt"


@pytest.fixture(autouse=True, scope="session")
def _deterministic_environment(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Outputs are compared byte for byte; the cache must not leak between test runs.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


from tests.plugin_goldens import pytest_addoption  # noqa: E402,F401  (--update-goldens)
