"""Plugins found through entry points: a renderer, a reader and a transform installed as a real distribution.

The distribution is a ``.dist-info`` folder on ``sys.path``, which is what pip leaves behind, so
``importlib.metadata`` finds it exactly as it would find an installed package.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import docconv
import docconv.registry as registry
from tests.test_cli import run

PLUGIN_MODULE = '''
from dataclasses import replace

from docconv.model import Document, Metadata, Paragraph, Text


class Shout:
    name = "shout"
    aliases = ("loud",)
    extensions = (".shout",)
    media_type = "text/plain"
    binary = False

    def render(self, packet, context):
        words = []
        for document in packet.documents:
            words.append((document.meta.title or "").upper())
        return "\\n".join(words).encode("utf-8")


class NotMarkdown(Shout):
    name = "markdown"

    def render(self, packet, context):
        return b"the plugin, not the built-in"


class Memo:
    """Reads ``MEMO: title`` files."""

    name = "memo"

    @staticmethod
    def sniff(text):
        return text.startswith("MEMO:")

    @staticmethod
    def read(source, context):
        title, _, body = source.text[5:].partition("\\n")
        return Document(meta=Metadata(title=title.strip()), blocks=(Paragraph(children=(Text(text=body.strip()),)),))


class Sign:
    name = "sign"

    def apply(self, document, context):
        context.reporter.info("signed", "the plugin signed the article")
        return replace(document, blocks=(*document.blocks, Paragraph(children=(Text(text="-- signed by the plugin"),))))


RENDERER = Shout()
IMPOSTOR = NotMarkdown()
READER = Memo()
SIGN = Sign()
'''

ENTRY_POINTS = """
[docconv.renderers]
shout = docconv_demo_plugin:RENDERER
markdown = docconv_demo_plugin:IMPOSTOR

[docconv.readers]
memo = docconv_demo_plugin:READER

[docconv.transforms]
sign = docconv_demo_plugin:SIGN
"""


def _forget_scans() -> None:
    registry.forget()


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    site = tmp_path / "site"
    info = site / "docconv_demo_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: docconv-demo-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(textwrap.dedent(ENTRY_POINTS))
    (site / "docconv_demo_plugin.py").write_text(PLUGIN_MODULE)
    monkeypatch.syspath_prepend(str(site))
    _forget_scans()
    yield tmp_path
    _forget_scans()
    sys.modules.pop("docconv_demo_plugin", None)


def test_a_renderer_plugin_is_listed_and_used(installed_plugin: Path) -> None:
    assert "shout" in registry.RENDERERS.names()
    document = docconv.read(b"---\ntitle: quiet news\n---\n\nbody\n")
    assert docconv.render(document, "shout").data == b"QUIET NEWS"


def test_a_plugin_cannot_replace_a_builtin_renderer_and_is_reported(installed_plugin: Path) -> None:
    document = docconv.read(b"---\ntitle: t\n---\n\nbody text\n")
    result = docconv.render(document, "markdown")
    assert b"body text" in result.data
    assert [d.message for d in result.diagnostics if d.code == "plugin-shadowed"] == [
        "the output format plugin 'markdown' from docconv-demo-plugin 1.0 is ignored: a built-in has that name"
    ]


def test_a_reader_plugin_is_consulted_before_the_markdown_fallback(installed_plugin: Path) -> None:
    document = docconv.read(b"MEMO: budget\nspend less\n")
    assert document.meta.title == "budget"
    assert "spend less" in docconv.render(document, "markdown").data.decode()


def test_a_transform_plugin_runs_after_the_builtins(installed_plugin: Path) -> None:
    markdown = docconv.render(docconv.read(b"---\ntitle: t\n---\n\nbody\n"), "markdown").data.decode()
    assert markdown.rstrip().endswith("-- signed by the plugin")


def test_the_plugin_format_is_found_by_extension_and_alias(installed_plugin: Path) -> None:
    source = installed_plugin / "post.md"
    source.write_text("---\ntitle: by extension\n---\n\nbody\n", encoding="utf-8")
    code, _, errors = run("convert", str(source), "-o", str(installed_plugin / "post.shout"))
    assert code == 0, errors
    assert (installed_plugin / "post.shout").read_bytes() == b"BY EXTENSION"
    code, out, errors = run("convert", str(source), "-t", "loud", "-o", "-")
    assert (code, out) == (0, "BY EXTENSION"), errors


def test_plugins_command_lists_every_kind_with_its_origin(installed_plugin: Path) -> None:
    code, out, _ = run("plugins")
    assert code == 0
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "shout docconv-demo-plugin 1.0 [loud, .shout]" in lines
    assert "markdown docconv-demo-plugin 1.0 shadowed by the built-in, not used" in lines
    assert "markdown built-in [md, .md, .markdown]" in lines
    assert "memo docconv-demo-plugin 1.0" in lines and "sign docconv-demo-plugin 1.0" in lines
    assert "recover-headings built-in" in lines


def test_transforms_report_what_they_did_and_verbose_shows_it(installed_plugin: Path) -> None:
    source = installed_plugin / "post.txt"
    body = "\n\n".join(["第一段开头的文字，说明了背景情况。" * 3, "小标题一", "这一段展开小标题的内容，比标题长得多。" * 3])
    source.write_text(f"---\ntitle: 报告\n---\n\n{body}\n", encoding="utf-8")
    code, _, quiet_errors = run("convert", str(source), "-t", "md", "-o", str(installed_plugin / "a.md"))
    assert code == 0 and "headings-recovered" not in quiet_errors
    code, _, errors = run("convert", str(source), "-t", "md", "-o", str(installed_plugin / "b.md"), "-v")
    assert code == 0
    assert "info: [headings-recovered]" in errors and "1 short paragraph(s) read as headings" in errors
    assert "info: [signed]" in errors


def test_the_cli_writes_a_plugin_format(installed_plugin: Path) -> None:
    source = installed_plugin / "memo.txt"
    source.write_bytes(b"MEMO: cli title\nbody\n")
    target = installed_plugin / "memo.out"
    code, _, errors = run("convert", str(source), "-o", str(target), "-t", "shout")
    assert code == 0, errors
    assert target.read_bytes() == b"CLI TITLE"


def test_an_unknown_format_names_the_plugin_formats_too(installed_plugin: Path) -> None:
    with pytest.raises(docconv.errors.UnsupportedFormatError, match="shout"):
        registry.get_renderer("nonesuch")
