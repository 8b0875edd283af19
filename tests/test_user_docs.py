"""The user guide stays true to the code: every option of every command, the manifest schema, every
template variable and CSS class are documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from docconv.cli import main
from docconv.packets import ARTICLE_KEYS, MANIFEST_KEYS

ROOT = Path(__file__).resolve().parent.parent
USAGE = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
CUSTOMISING = (ROOT / "docs" / "customising.md").read_text(encoding="utf-8")
TEMPLATES = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "styles" / "templates").glob("*.j2")}


def _options(command: click.Command) -> list[str]:
    return [name for param in command.params for name in param.opts if name.startswith("--") and name != "--help"]


@pytest.mark.parametrize("name", [None, *sorted(main.commands)])
def test_usage_documents_every_option(name: str | None) -> None:
    command = main if name is None else main.commands[name]
    missing = [option for option in _options(command) if f"`{option}" not in USAGE]
    assert not missing, f"docs/usage.md does not document {missing} of {name or 'docconv'}"
    if name is not None:
        assert f"docconv {name}" in USAGE


def test_usage_has_the_manifest_schema_from_the_code() -> None:
    for key, meaning in {**MANIFEST_KEYS, **ARTICLE_KEYS}.items():
        assert f"| `{key}` | {meaning} |" in USAGE, key


def test_usage_covers_exit_codes_environment_and_cache() -> None:
    for code in ("| 0 |", "| 2 |", "| 7 |", "| 130 |"):
        assert code in USAGE
    for variable in ("SOURCE_DATE_EPOCH", "XDG_CACHE_HOME", "FONTCONFIG_FILE", "~/.cache/docconv"):
        assert variable in USAGE


def test_customising_lists_every_template_variable() -> None:
    used = {m for text in TEMPLATES.values() for m in re.findall(r"\b(?:page|article)\.[a-z_]+", text)}
    missing = sorted(v for v in used if f"`{v}" not in CUSTOMISING)
    assert not missing, missing


def test_customising_lists_every_css_class_the_templates_and_themes_use() -> None:
    classes = {c for text in TEMPLATES.values() for value in re.findall(r'class="([^"{]*)"', text) for c in value.split()}
    for sheet in ("print.css", "epub.css"):
        css = re.sub(r"/\*.*?\*/", "", (ROOT / "styles" / sheet).read_text(encoding="utf-8"), flags=re.S)
        selectors = " ".join(re.findall(r"([^{}]+)\{", css))
        classes |= set(re.findall(r"\.([a-z][a-z0-9-]*)", selectors))
    missing = sorted(c for c in classes if f"`{c}`" not in CUSTOMISING)
    assert not missing, missing


def test_readme_links_the_guides_and_keeps_its_quick_start() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/usage.md" in readme and "docs/customising.md" in readme and "docs/api.md" in readme
    assert "bash scripts/demo.sh   # installs everything" in readme and "bash .ci/run           # installs everything" in readme
