"""Readers: pick the reader for an input by sniffing its content, then read it into a Document.

Built-in readers are tried in order; plugins registered in the ``docconv.readers`` entry-point
group are consulted first, each a ``(sniff, read)`` pair exposed as an object with
``sniff(text) -> bool`` and ``read(source, options, reporter) -> Document``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from collections.abc import Callable

from docconv.diagnostics import Reporter
from docconv.model import Document
from docconv.options import Options
from docconv.registry import plugins
from docconv.sources import Source

ReadFunction = Callable[[Source, Options, Reporter], Document]


class _Deferred(types.ModuleType):
    """A module whose code runs when one of its attributes is first asked for."""

    def __getattr__(self, name: str) -> object:  # only called for attributes not set yet
        # From here on an ordinary module, also while its code runs (submodule imports look it up).
        self.__class__ = types.ModuleType  # type: ignore[assignment]
        try:
            self.__spec__.loader.exec_module(self)  # type: ignore[union-attr]
        except BaseException:
            sys.modules.pop(self.__name__, None)
            raise
        return getattr(self, name)


def _defer_soupsieve() -> None:
    """Load soupsieve on its first use instead of when BeautifulSoup is imported.

    ``bs4`` imports soupsieve eagerly, and soupsieve compiles its regular expressions at import
    (about 40 ms, a tenth of a short batch's start-up); only the HTML reader's byline lookup runs a
    CSS selector, so Markdown and post inputs never need it. bs4 uses the module only inside its
    selector methods. (``importlib.util.LazyLoader`` does not do here: any ``import soupsieve``
    reads ``__spec__``, which makes it load.)
    """
    if "soupsieve" in sys.modules or "bs4" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("soupsieve")
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None:
        return  # not installed: bs4 warns and works without selectors, as before
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _Deferred
    sys.modules["soupsieve"] = module


# The readers package is imported before any of its modules (each imports bs4), so this runs first.
_defer_soupsieve()

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
        from docconv.readers.html import read_html

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
