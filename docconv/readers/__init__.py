"""Readers: pick the reader for an input by sniffing its content, then read it into a Document.

Built-in readers are tried in order; plugins registered in the ``docconv.readers`` entry-point
group are consulted first, each a ``(sniff, read)`` pair exposed as an object with
``sniff(text) -> bool`` and ``read(source, options, reporter) -> Document``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docconv.diagnostics import Reporter
from docconv.model import Document
from docconv.options import Options
from docconv.registry import plugins
from docconv.sources import Source

ReadFunction = Callable[[Source, Options, Reporter], Document]


_HTML_DOCUMENT = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S)


def sniff(text: str) -> str:
    """The name of the reader for ``text``: ``post``, ``html`` or ``markdown``.

    >>> sniff("---\\ntitle: x\\n---\\n<p>hi</p>")
    'post'
    """
    from docconv.readers.frontmatter import has_front_matter
    from docconv.readers.post import body_is_html

    if has_front_matter(text):
        return "post"
    if _HTML_DOCUMENT.match(text) or body_is_html(text):
        return "html"
    return "markdown"


def _builtin(name: str) -> ReadFunction:
    if name == "post":
        from docconv.readers.post import read_post

        return read_post
    if name == "html":
        from docconv.readers.html.page import read_html

        return read_html
    from docconv.readers.markdown import read_markdown

    return read_markdown


def read_source(source: Source, options: Options, reporter: Reporter, reader: str | None = None) -> Document:
    # Scanned once per process: a scan reads every installed distribution's metadata, which
    # cost more than reading a short article (docs/performance.md).
    for plugin in plugins("docconv.readers"):
        candidate = plugin.load()
        if (reader and plugin.name == reader) or (not reader and candidate.sniff(source.text)):
            return candidate.read(source, options, reporter)  # type: ignore[no-any-return]
    return _builtin(reader or sniff(source.text))(source, options, reporter)
