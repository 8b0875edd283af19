"""What a pip user gets: declared dependencies, licence, metadata, and named messages for missing pieces."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import docconv
from docconv.options import Options
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]  # type: ignore[no-any-return]


def test_the_html_cleaner_is_a_dependency_of_its_own() -> None:
    # pip 23 does not match justext's lxml[html_clean] to lxml's "html-clean" extra: without this,
    # a wheel installed by a stock venv's pip cannot read a web page.
    dependencies = [str(d).split(">")[0].split("=")[0].lower().replace("-", "_") for d in _project()["dependencies"]]  # type: ignore[attr-defined]
    assert "lxml_html_clean" in dependencies
    import lxml_html_clean  # noqa: F401  (installed, as declared)


def test_licence_and_classifiers() -> None:
    project = _project()
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert "Typing :: Typed" in project["classifiers"]  # type: ignore[operator]


def test_the_user_agent_names_the_version_and_no_page_that_does_not_exist() -> None:
    assert Options().user_agent == f"docconv/{docconv.__version__}"
    assert "http" not in Options().user_agent


def test_a_missing_package_is_named_not_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docconv import pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ImportError("lxml.html.clean module is now a separate project lxml_html_clean", name="lxml.html.clean")

    monkeypatch.setattr(pipeline, "read", broken)
    source = tmp_path / "a.md"
    source.write_text("text\n", encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "a.pdf"))
    assert code == 1
    assert "internal error" not in err and "'lxml.html.clean' cannot be imported" in err and "pip install" in err
