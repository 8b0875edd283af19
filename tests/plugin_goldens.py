"""pytest plugin: the ``--update-goldens`` option.

``-p tests.plugin_goldens`` cannot load it (the console script cannot import ``tests`` that early),
so tests/conftest.py re-exports the hook: ``from tests.plugin_goldens import pytest_addoption``.
Until then ``DOCCONV_UPDATE_GOLDENS=1 pytest`` does the same.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite fixtures/golden/* from the current output instead of comparing (review the diff like code)",
    )
