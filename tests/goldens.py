"""Golden files: compare an output with fixtures/golden/<name>, or rewrite it under ``--update-goldens``."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOLDEN = FIXTURES / "golden"


def portable(text: str) -> str:
    """Replace this checkout's location with a placeholder so goldens are the same on every machine."""
    return text.replace(FIXTURES.resolve().as_uri(), "file:///FIXTURES")


def updating(request: pytest.FixtureRequest) -> bool:
    """``pytest --update-goldens`` (once tests/conftest.py registers the option) or ``DOCCONV_UPDATE_GOLDENS=1``."""
    try:
        option = bool(request.config.getoption("--update-goldens"))
    except ValueError:  # option not registered
        option = False
    return option or os.environ.get("DOCCONV_UPDATE_GOLDENS") == "1"


def check_golden(request: pytest.FixtureRequest, name: str, actual: str) -> None:
    path = GOLDEN / name
    actual = portable(actual)
    if updating(request):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path.relative_to(ROOT)}; run pytest --update-goldens and review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual", n=2))
        pytest.fail(f"{name} differs from its golden (pytest --update-goldens rewrites it):\n{diff[:6000]}")
