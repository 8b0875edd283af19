"""The two extractors under test, each turning a page's raw bytes into body-text lines.

* ``docconv``: ``docconv.read(bytes, offline=True)`` — the full-page reader with boilerplate
  extraction, exactly as ``docconv convert page.html`` reads a saved page — then the text of every
  block except figures (an image's caption or description is not body text), one line per line of
  each block's text. The title is metadata, never a block, so it is not part of the body.
* ``trafilatura``: ``trafilatura.extract(text, include_comments=False, include_tables=True)``, its
  plain-text output split into lines. It is given the page decoded by docconv's decoder
  (``docconv.sources.decode``), so that both extract from the same text: on raw bytes trafilatura
  guesses the encoding itself and turns several GB2312 pages of the Chinese set into mojibake,
  which measures its decoder, not its extraction.

A failure (a ``DocconvError``, or any exception) yields no lines and is recorded, never raised.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

EXTRACTORS = ("docconv", "trafilatura")


@dataclass(slots=True)
class Extraction:
    lines: list[str]
    seconds: float
    error: str = ""  # "" when the extractor returned normally
    captions: list[str] = field(default_factory=list)  # figure captions and descriptions (docconv only)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def extract(name: str, html: bytes) -> Extraction:
    started = time.perf_counter()
    try:
        lines, captions = _docconv(html) if name == "docconv" else (_trafilatura(html), [])
    except Exception as error:  # a failure is a result to count, not a reason to stop the run
        return Extraction([], time.perf_counter() - started, f"{type(error).__name__}: {error}"[:300])
    return Extraction(lines, time.perf_counter() - started, captions=captions)


def _docconv(html: bytes) -> tuple[list[str], list[str]]:
    import docconv

    document = docconv.read(html, offline=True)
    lines: list[str] = []
    captions: list[str] = []
    for text, is_figure in _block_texts(document.blocks):
        (captions if is_figure else lines).extend(line.strip() for line in text.split("\n") if line.strip())
    return lines, captions


def _block_texts(blocks: tuple[object, ...]) -> Iterator[tuple[str, bool]]:
    """(text, is a figure) of every leaf block, figures inside lists and quotations included."""
    from docconv.model import Figure, ListBlock, Quote, block_text

    for block in blocks:
        if isinstance(block, Figure):
            yield block.caption or block.alt, True
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _block_texts(item.blocks)
        elif isinstance(block, Quote):
            yield from _block_texts(block.blocks)
        else:
            yield block_text(block), False  # type: ignore[arg-type]


def _trafilatura(html: bytes) -> list[str]:
    import trafilatura

    from docconv.diagnostics import Reporter
    from docconv.sources import decode

    page, _ = decode(html, "<page>", Reporter())
    text = trafilatura.extract(page, include_comments=False, include_tables=True)
    return [line.strip() for line in (text or "").split("\n") if line.strip()]
