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
    headings_under_images: list[str] = field(default_factory=list)  # headings right after a figure (docconv only)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def extract(name: str, html: bytes) -> Extraction:
    started = time.perf_counter()
    try:
        if name != "docconv":
            return Extraction(_trafilatura(html), time.perf_counter() - started)
        extraction = _docconv(html)
    except Exception as error:  # a failure is a result to count, not a reason to stop the run
        return Extraction([], time.perf_counter() - started, f"{type(error).__name__}: {error}"[:300])
    extraction.seconds = time.perf_counter() - started
    return extraction


def _docconv(html: bytes) -> Extraction:
    import docconv
    from docconv.model import Figure, Heading

    document = docconv.read(html, offline=True)
    extraction = Extraction([], 0.0)
    previous: object = None
    for block, text in _leaf_blocks(document.blocks):
        is_figure = isinstance(block, Figure)
        (extraction.captions if is_figure else extraction.lines).extend(line.strip() for line in text.split("\n") if line.strip())
        if isinstance(block, Heading) and isinstance(previous, Figure):
            extraction.headings_under_images.append(text)
        previous = block
    return extraction


def _leaf_blocks(blocks: tuple[object, ...]) -> Iterator[tuple[object, str]]:
    """(block, text) of every leaf block in reading order, figures inside lists and quotations
    included; a figure's text is its caption, or its description when it has none."""
    from docconv.model import Figure, ListBlock, Quote, block_text

    for block in blocks:
        if isinstance(block, Figure):
            yield block, block.caption or block.alt
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _leaf_blocks(item.blocks)
        elif isinstance(block, Quote):
            yield from _leaf_blocks(block.blocks)
        else:
            yield block, block_text(block)  # type: ignore[arg-type]


def _trafilatura(html: bytes) -> list[str]:
    import trafilatura

    from docconv.diagnostics import Reporter
    from docconv.sources import decode

    page, _ = decode(html, "<page>", Reporter())
    text = trafilatura.extract(page, include_comments=False, include_tables=True)
    return [line.strip() for line in (text or "").split("\n") if line.strip()]
