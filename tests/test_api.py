"""The Python API as a library user expects it: one path or many, named mistakes, explicit text, short reprs."""

from __future__ import annotations

from pathlib import Path

import pytest

import docconv
from docconv.errors import InputError, UnknownOptionError, UsageError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "post_guancha_shanghai_soft_power.txt"


def test_stylesheets_take_one_path_or_many(tmp_path: Path) -> None:
    css = tmp_path / "my.css"
    css.write_text("body { color: #123456 }\n", encoding="utf-8")
    for value in (str(css), css, [str(css)], (css,)):
        assert docconv.make_options(stylesheets=value).stylesheets == (css,)
    html = docconv.convert(SAMPLE, "html", stylesheets=str(css), offline=True).data.decode()
    assert "color: #123456" in html


@pytest.mark.parametrize(("name", "closest"), [("ofline", "offline"), ("page_sise", "page_size"), ("max_dept", "max_depth")])
def test_a_misspelt_option_names_the_closest(name: str, closest: str) -> None:
    with pytest.raises(UnknownOptionError, match=f"unknown docconv option '{name}'; did you mean '{closest}'") as caught:
        docconv.convert(SAMPLE, "markdown", **{name: True})
    assert isinstance(caught.value, docconv.DocconvError) and caught.value.exit_code == 2


def test_bind_says_what_is_missing() -> None:
    document = docconv.read(SAMPLE, offline=True)
    with pytest.raises(UsageError, match="a packet needs a title"):
        docconv.bind([document], {})
    with pytest.raises(UnknownOptionError, match="did you mean 'title'"):
        docconv.bind([document], {"titel": "简报"})
    assert docconv.bind([document], "简报").meta.title == "简报"


def test_text_and_paths_are_explicit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="hello world: no such file"):
        docconv.read("hello world")
    from docconv.model import document_text

    assert "hello world" in document_text(docconv.read_text("hello world"))
    assert docconv.read_bytes("# 标题\n\n正文。\n".encode("utf-8-sig")).meta.title == "标题"
    with pytest.warns(DeprecationWarning, match="read_text"):
        assert docconv.read("<p>正文。</p>").blocks
    with pytest.raises(docconv.errors.LimitExceededError):
        docconv.read_text("x" * 100, max_input_bytes=10)


def test_reprs_are_short() -> None:
    result = docconv.convert(SAMPLE, "epub", offline=True)
    assert len(result.data) > 10_000 and len(repr(result)) < 100
    document = docconv.read(SAMPLE, offline=True)
    assert repr(document).startswith("Document(title='厚植城市精神") and len(repr(document)) < 200
    assert repr(docconv.Options(strict=True)) == "Options(strict=True)"
    assert repr(docconv.bind([document], "简报")) == "Packet(title='简报', 1 article, language='zh-Hans')"
