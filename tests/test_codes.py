"""The diagnostics catalogue: every code docconv reports is listed, and docs/diagnostics.md is generated from it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from docconv.codes import CATALOGUE, catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent
_KEBAB = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Calls whose first string argument (or second, for ``report``) is a diagnostic code.
_CODE_CALLS = {"warning": 0, "info": 0, "error": 0, "report": 1, "_lost": 0, "ImageError": 0}


def codes_in_source() -> dict[str, str]:
    """Every literal code passed to a reporter (or to the image errors that become diagnostics), with its file."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "docconv").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = _CODE_CALLS.get(name)
            if index is not None and len(node.args) > index:
                argument = node.args[index]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str) and _KEBAB.fullmatch(argument.value):
                    found[argument.value] = str(path.relative_to(ROOT))
    return found


def test_every_code_in_the_source_is_catalogued() -> None:
    used = codes_in_source()
    assert len(used) > 25  # the scan finds the reporters' calls at all
    missing = {code: where for code, where in used.items() if code not in CATALOGUE}
    assert not missing, f"add these codes to docconv/codes.py: {missing}"


def test_every_catalogued_code_is_used() -> None:
    used = set(codes_in_source())
    # image-offline and image-fetch-failed come from the media store's _lost(); the rest from reporter calls.
    assert set(CATALOGUE) <= used, sorted(set(CATALOGUE) - used)


def test_codes_are_kebab_case_with_a_level_and_a_meaning() -> None:
    for name, code in CATALOGUE.items():
        assert name == name.lower() and " " not in name and "_" not in name
        assert code.level in ("info", "warning", "error") and code.meaning


def test_the_diagnostics_doc_is_generated_from_the_catalogue() -> None:
    doc = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert doc == catalogue_markdown(), "docs/diagnostics.md is stale: python -m docconv.codes > docs/diagnostics.md"
