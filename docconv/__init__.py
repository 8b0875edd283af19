"""docconv: web articles → print-ready PDF, EPUB 3 and clean Markdown.

>>> import docconv
>>> doc = docconv.read("fixtures/post_guancha_shanghai_soft_power.txt")
>>> docconv.render(doc, "markdown").data[:3]
b'---'

Importing docconv loads no rendering engine: WeasyPrint, ebooklib and fontTools are imported
only by the renderer that needs them.
"""

from __future__ import annotations

from docconv.api import bind, convert, read, read_bytes, read_text, render
from docconv.context import Context
from docconv.diagnostics import Diagnostic, Reporter
from docconv.errors import DocconvError
from docconv.model import Document, Metadata, Packet, PacketMeta
from docconv.options import Limits, Options, make_options
from docconv.pipeline import Result
from docconv.version import __version__ as __version__

__all__ = [
    "Context",
    "Diagnostic",
    "DocconvError",
    "Document",
    "Limits",
    "Metadata",
    "Options",
    "Packet",
    "PacketMeta",
    "Reporter",
    "Result",
    "bind",
    "convert",
    "make_options",
    "read",
    "read_bytes",
    "read_text",
    "render",
]
