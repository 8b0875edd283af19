"""Readers: pick the reader for an input by sniffing its content, then read it into a Document.

Every reader, built-in or plugin, is an object registered in ``docconv.registry.READERS`` with a
``name``, ``sniff(text) -> bool`` and ``read(source, context) -> Document``. They are asked in
registry order — the built-ins first, then plugins by name — except that a reader marked
``fallback`` (Markdown, which takes any text) is asked last.
"""

from __future__ import annotations

from typing import Protocol

from docconv.context import Context
from docconv.model import Document
from docconv.registry import READERS
from docconv.sources import Source


class Reader(Protocol):
    name: str

    def sniff(self, text: str) -> bool: ...

    def read(self, source: Source, context: Context) -> Document: ...


def choose(text: str) -> Reader:
    """The reader that claims ``text`` first."""
    deferred: list[Reader] = []
    for _entry, reader in READERS.items():
        if getattr(reader, "fallback", False):
            deferred.append(reader)
        elif reader.sniff(text):
            return reader
    for reader in deferred:
        if reader.sniff(text):
            return reader
    return READERS.get("markdown")


def sniff(text: str) -> str:
    """The name of the reader for ``text``: ``post``, ``html``, ``markdown`` or a plugin's.

    >>> sniff("---\\ntitle: x\\n---\\n<p>hi</p>")
    'post'
    """
    return choose(text).name


def read_source(source: Source, context: Context, reader: str | None = None) -> Document:
    """Read a loaded source with the named reader, or the one that claims its text."""
    chosen = READERS.get(reader) if reader else choose(source.text)
    return chosen.read(source, context)
