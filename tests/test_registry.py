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
    media_type = "text/plain"
    extension = ".txt"

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

    @staticmethod
    def sniff(text):
        return text.startswith("MEMO:")

    @staticmethod
    def read(source, options, reporter):
        title, _, body = source.text[5:].partition("\\n")
        return Document(meta=Metadata(title=title.strip()), blocks=(Paragraph(children=(Text(text=body.strip()),)),))


def sign(document):
    return replace(document, blocks=(*document.blocks, Paragraph(children=(Text(text="-- signed by the plugin"),))))


RENDERER = Shout()
IMPOSTOR = NotMarkdown()
READER = Memo()
'''

ENTRY_POINTS = """
[docconv.renderers]
shout = docconv_demo_plugin:RENDERER
markdown = docconv_demo_plugin:IMPOSTOR

[docconv.readers]
memo = docconv_demo_plugin:READER

[docconv.transforms]
sign = docconv_demo_plugin:sign
"""


def _forget_scans() -> None:
    registry._scan.cache_clear()
    registry.get_renderer.cache_clear()


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
    assert "shout" in registry.renderer_names()
    document = docconv.read(b"---\ntitle: quiet news\n---\n\nbody\n")
    assert docconv.render(document, "shout") == b"QUIET NEWS"


def test_a_plugin_cannot_replace_a_builtin_renderer(installed_plugin: Path) -> None:
    document = docconv.read(b"---\ntitle: t\n---\n\nbody text\n")
    assert b"body text" in docconv.render(document, "markdown")


def test_a_reader_plugin_is_consulted_before_the_builtins(installed_plugin: Path) -> None:
    document = docconv.read(b"MEMO: budget\nspend less\n")
    assert document.meta.title == "budget"
    assert "spend less" in docconv.render(document, "markdown").decode()


def test_a_transform_plugin_runs_after_the_builtins(installed_plugin: Path) -> None:
    markdown = docconv.render(docconv.read(b"---\ntitle: t\n---\n\nbody\n"), "markdown").decode()
    assert markdown.rstrip().endswith("-- signed by the plugin")


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
