"""Legal but pathological layouts, degraded on purpose before WeasyPrint sees them.

Measured on this project's benchmark machine (docs/robustness.md):

- WeasyPrint lays out a table cell in about 2.5 ms, whatever the arrangement: a table 2,000
  columns wide and 20 rows deep took 101 s, and the same cells in column groups of 10 or 25
  took as long. A page holds a dozen columns at most, so a table wider than
  ``WIDE_TABLE_COLUMNS`` is set as a list of its rows instead ("header: value; …"), which lays
  out as text: 16 s for the 2,000-column table.
- The time to lay out one paragraph grows with the square of its length (each line re-encodes
  the rest of the paragraph): a 1 MB paragraph of Chinese took 53 s, the same text in
  paragraphs of at most 2,000 characters 10 s. A paragraph longer than ``LONG_PARAGRAPH`` is
  set as several, split at sentence ends.

Each degradation is reported once per document with a warning. The walk recurses no deeper
than the model does, which ``nesting.cap_nesting`` bounded when the document was read.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docconv.charclass import SENTENCE_END
from docconv.diagnostics import Reporter
from docconv.model import (
    Block,
    Document,
    Inline,
    ListBlock,
    ListItem,
    Packet,
    Paragraph,
    Quote,
    Table,
    Text,
    plain_text,
)

WIDE_TABLE_COLUMNS = 50
LONG_PARAGRAPH = 4000  # characters; split into pieces of about CHUNK
CHUNK = 2000


@dataclass
class _Seen:
    wide_tables: int = 0
    widest: int = 0
    split_paragraphs: int = 0
    longest: int = 0


def layout_safe(packet: Packet, reporter: Reporter) -> Packet:
    """``packet`` with over-wide tables set as lists and over-long paragraphs split."""
    documents = tuple(_document(document, reporter) for document in packet.documents)
    if all(new is old for new, old in zip(documents, packet.documents, strict=True)):
        return packet
    return replace(packet, documents=documents)


def _document(document: Document, reporter: Reporter) -> Document:
    seen = _Seen()
    blocks = _blocks(document.blocks, seen)
    where = document.origin
    if seen.wide_tables:
        reporter.warning(
            "table-too-wide",
            f"{seen.wide_tables} table(s) up to {seen.widest} columns wide (more than {WIDE_TABLE_COLUMNS},"
            " wider than a page can hold) set as a list of rows",
            where=where,
        )
    if seen.split_paragraphs:
        reporter.warning(
            "paragraph-split",
            f"{seen.split_paragraphs} paragraph(s) up to {seen.longest} characters long (more than"
            f" {LONG_PARAGRAPH}) set as several paragraphs, split at sentence ends, to keep the layout fast",
            where=where,
        )
    return document if blocks is None else replace(document, blocks=blocks)


def _blocks(blocks: tuple[Block, ...], seen: _Seen) -> tuple[Block, ...] | None:
    """The blocks with degradations applied, or None when none applied (nothing is copied)."""
    result: list[Block] = []
    changed = False
    for block in blocks:
        new = _block(block, seen)
        changed = changed or new is not None
        result.extend([block] if new is None else new)
    return tuple(result) if changed else None


def _block(block: Block, seen: _Seen) -> list[Block] | None:
    match block:
        case Table(head=head, body=body) if max((len(r.cells) for r in head + body), default=0) > WIDE_TABLE_COLUMNS:
            seen.wide_tables += 1
            seen.widest = max(seen.widest, max(len(r.cells) for r in head + body))
            return _rows_as_list(block)
        case Paragraph(children=children) if len(plain_text(children)) > LONG_PARAGRAPH:
            pieces = split_paragraph(children)
            if len(pieces) < 2:
                return None
            seen.split_paragraphs += 1
            seen.longest = max(seen.longest, len(plain_text(children)))
            return [Paragraph(children=piece, lang=block.lang) for piece in pieces]
        case Quote(blocks=inner):
            kept = _blocks(inner, seen)
            return None if kept is None else [Quote(blocks=kept)]
        case ListBlock(items=items):
            new_items = [_blocks(item.blocks, seen) for item in items]
            if all(n is None for n in new_items):
                return None
            return [
                replace(block, items=tuple(i if n is None else ListItem(blocks=n) for i, n in zip(items, new_items, strict=True)))
            ]
    return None


def _rows_as_list(table: Table) -> list[Block]:
    """A table as a caption and one list item per body row: "header: value; header: value …"."""
    headers = [plain_text(cell.children).strip() for cell in table.head[0].cells] if table.head else []
    rows = table.body if table.head else table.head + table.body
    items: list[ListItem] = []
    for row in rows:
        parts: list[Inline] = []
        for index, cell in enumerate(row.cells):
            if cell.covered:
                continue
            if parts:
                parts.append(Text(text="; "))
            label = headers[index] if index < len(headers) else ""
            if label:
                parts.append(Text(text=f"{label}: "))
            parts.extend(cell.children)
        items.append(ListItem(blocks=(Paragraph(children=tuple(parts)),)))
    caption = [Paragraph(children=(Text(text=table.caption),))] if table.caption else []
    return [*caption, ListBlock(items=tuple(items))]


def split_paragraph(children: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """An inline run as pieces of about ``CHUNK`` characters, cut after sentence ends.

    Only text at the run's top level is cut (markup stays whole); a run without a sentence end
    is cut at the chunk size, so no piece grows without bound.
    """
    pieces: list[tuple[Inline, ...]] = []
    current: list[Inline] = []
    size = 0
    for node in children:
        if not isinstance(node, Text) or size + len(node.text) <= CHUNK:
            current.append(node)
            size += len(plain_text((node,)))
            continue
        text = node.text
        while size + len(text) > CHUNK:
            cut = _cut(text, max(CHUNK - size, 0))
            if cut == 0:  # no sentence end before the budget: close the piece and start afresh
                if not current:
                    cut = text.rfind(" ", 1, CHUNK) + 1 or CHUNK
                else:
                    pieces.append(tuple(current))
                    current, size = [], 0
                    continue
            current.append(Text(text=text[:cut]))
            pieces.append(tuple(current))
            current, size, text = [], 0, text[cut:].lstrip()
        if text:
            current.append(Text(text=text))
            size += len(text)
    if current:
        pieces.append(tuple(current))
    return [piece for piece in pieces if plain_text(piece).strip()]


def _cut(text: str, budget: int) -> int:
    """Where to cut ``text`` within ``budget`` characters: after the last sentence end (0: none)."""
    cut = 0
    for match in SENTENCE_END.finditer(text, 0, budget):
        cut = match.end()
    return cut
