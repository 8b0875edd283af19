"""Every public name of ``import docconv`` has a docstring with a runnable example, and the examples pass.

The examples run from the repository root (they read ``fixtures/``), offline, like the README's.
"""

from __future__ import annotations

import doctest
import inspect
import os
from pathlib import Path

import pytest

import docconv

ROOT = Path(__file__).resolve().parent.parent


def _examples(name: str) -> list[doctest.DocTest]:
    """The examples in the name's own docstring, run in the module that defines it (as ``--doctest-modules`` would)."""
    target = docconv if name == "docconv" else getattr(docconv, name)
    finder = doctest.DocTestFinder(recurse=False)
    module = inspect.getmodule(target)
    return [test for test in finder.find(target, name, module=module) if test.examples]


@pytest.mark.parametrize("name", ["docconv", *docconv.__all__])
def test_every_public_name_has_a_runnable_example(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    tests = _examples(name)
    assert tests, f"docconv.{name} has no example in its docstring"
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in tests:
        runner.run(test)
    assert runner.failures == 0, f"docconv.{name}: {runner.failures} failing example(s) (run pytest -s to see them)"
