"""The closed document model: metadata, blocks and inline runs shared by every reader and renderer.

Every node is a frozen, slotted dataclass holding tuples, so a tree is immutable and
transforms return new trees with ``dataclasses.replace``. Renderers walk the tree with
``match`` statements ending in ``assert_never`` so that mypy names every renderer a new
node type would break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import assert_never

# ---------------------------------------------------------------- inline nodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Link:
    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Superscript:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Subscript:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LangSpan:
    """A run the source marked as another language (``<span lang="ja">``)."""

    children: tuple[Inline, ...]
    lang: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LineBreak:
    pass


Inline = Text | Emphasis | Strong | Code | Link | Superscript | Subscript | LangSpan | LineBreak
CONTAINER_INLINES = (Emphasis, Strong, Link, Superscript, Subscript, LangSpan)

# ----------------------------------------------------------------- block nodes


@dataclass(frozen=True, slots=True, kw_only=True)
class Heading:
    level: int  # 1..6; the article title is metadata, body headings usually start at 2
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Paragraph:
    children: tuple[Inline, ...]
    lang: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure:
    """An image with its description; ``src`` is an absolute URL or a path relative to the input."""

    src: str
    alt: str = ""
    caption: str = ""  # plain text: every output format can carry it


@dataclass(frozen=True, slots=True, kw_only=True)
class ListItem:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ListBlock:
    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TableCell:
    """One position of a table's grid.

    A merged cell is its top-left position, with ``rowspan``/``colspan``; the positions it spans
    over are ``covered`` cells, kept so every row has the table's width: HTML outputs leave them
    out, Markdown (which cannot merge cells) shows them empty.
    """

    children: tuple[Inline, ...]
    header: bool = False
    align: str | None = None  # "left" | "center" | "right"
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TableRow:
    cells: tuple[TableCell, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    head: tuple[TableRow, ...]
    body: tuple[TableRow, ...]
    caption: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeBlock:
    text: str
    language: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    pass


Block = Heading | Paragraph | Figure | ListBlock | Quote | Table | CodeBlock | Rule

# -------------------------------------------------------------------- metadata

ExtraValue = str | int | float | bool | None | tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata:
    """What is known about an article: typed fields, and the rest of its front matter in ``extra``.

    >>> Metadata(title="标题", language="zh-Hans").title
    '标题'
    """

    title: str = ""
    authors: tuple[str, ...] = ()
    date: datetime | None = None  # always timezone-aware when set
    categories: tuple[str, ...] = ()
    source_url: str | None = None
    cover_image: str | None = None
    language: str | None = None  # BCP 47, e.g. "zh-Hans", "zh-Hant", "ja", "en"
    description: str | None = None
    site_name: str | None = None
    extra: tuple[tuple[str, ExtraValue], ...] = ()  # unknown front-matter keys, in source order


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article: its metadata and its blocks (headings, paragraphs, lists, tables, figures …).

    >>> Document(meta=Metadata(title="标题"), blocks=(Paragraph(children=(Text(text="正文。"),)),))
    Document(title='标题', 1 block, language=None, origin='<input>')
    """

    meta: Metadata
    blocks: tuple[Block, ...]
    # Where the input came from: resolves relative resources and names the input in messages.
    # Not part of the content, so equality ignores them.
    base_url: str | None = field(default=None, compare=False)
    origin: str = field(default="<input>", compare=False)

    def __repr__(self) -> str:
        count = f"{len(self.blocks)} block{'s' if len(self.blocks) != 1 else ''}"
        return f"Document(title={self.meta.title!r}, {count}, language={self.meta.language!r}, origin={self.origin!r})"


@dataclass(frozen=True, slots=True, kw_only=True)
class PacketMeta:
    """A briefing packet's cover: title, subtitle, date, organisation, notice, language.

    >>> PacketMeta(title="今日简报", notice="内部资料").notice
    '内部资料'
    """

    title: str
    subtitle: str = ""
    date: datetime | None = None
    organisation: str = ""
    notice: str = ""
    language: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Omission:
    """An article a ``--keep-going`` packet had to leave out, and why."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Packet:
    """One or more documents bound for rendering; a single article is a packet of one.

    >>> Packet(meta=PacketMeta(title="简报"), documents=())
    Packet(title='简报', 0 articles, language='en')
    """

    meta: PacketMeta
    documents: tuple[Document, ...]
    omitted: tuple[Omission, ...] = ()
    is_single: bool = True  # a lone article renders without cover and contents

    @property
    def language(self) -> str:
        if self.meta.language:
            return self.meta.language
        for document in self.documents:
            if document.meta.language:
                return document.meta.language
        return "en"

    def __repr__(self) -> str:
        count = f"{len(self.documents)} article{'s' if len(self.documents) != 1 else ''}"
        left_out = f", {len(self.omitted)} left out" if self.omitted else ""
        return f"Packet(title={self.meta.title!r}, {count}{left_out}, language={self.language!r})"


# --------------------------------------------------------------------- helpers


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The text of an inline run, without markup (line breaks become newlines)."""
    parts: list[str] = []
    for node in nodes:
        match node:
            case Text(text=text) | Code(text=text):
                parts.append(text)
            case LineBreak():
                parts.append("\n")
            case Emphasis() | Strong() | Link() | Superscript() | Subscript() | LangSpan():
                parts.append(plain_text(node.children))
            case _:
                assert_never(node)
    return "".join(parts)


def has_merged_cells(table: Table) -> bool:
    return any(c.rowspan > 1 or c.colspan > 1 for row in table.head + table.body for c in row.cells)


def comparable(text: str) -> str:
    """Text as compared for "the same words": without spaces, punctuation or case."""
    return re.sub(r"[\s\W_]+", "", text).lower()


def split_at_blank_lines(children: Sequence[Inline]) -> list[tuple[Inline, ...]]:
    """A paragraph's inlines as the paragraphs they make: a blank line — two or more line breaks
    with only whitespace between — ends one, and so does a line break followed by a paragraph
    indent (``　　``, the way Chinese text marks where a paragraph starts). Line breaks and spaces
    at each paragraph's edges go, and so do paragraphs without text. Any other single line break
    stays inside its paragraph.
    """
    paragraphs: list[list[Inline]] = [[]]
    breaks = 0
    indent = ""  # the whitespace since the last line break
    for node in children:
        if isinstance(node, LineBreak):
            breaks += 1
            indent = ""
            paragraphs[-1].append(node)
            continue
        text = node.text if isinstance(node, Text) else ""
        if isinstance(node, Text) and not text.strip():
            indent += text
        else:
            lead = indent + text[: len(text) - len(text.lstrip())]
            if breaks >= 2 or (breaks and _INDENT.search(lead)):
                paragraphs.append([])
            breaks = 0
            indent = ""
        paragraphs[-1].append(node)
    return [trimmed for trimmed in map(_trim_edges, paragraphs) if plain_text(trimmed).strip()]


_INDENT = re.compile("\u3000|\u00a0{2,}")
# Whitespace that goes at a block's edges: ASCII spaces, and the no-break and ideographic spaces
# pages indent paragraphs with.
EDGE_SPACES = " \t\n\r\f\u00a0\u3000"


def _trim_edges(run: list[Inline]) -> tuple[Inline, ...]:
    def blank(node: Inline) -> bool:
        return isinstance(node, LineBreak) or (isinstance(node, Text) and not node.text.strip())

    start, end = 0, len(run)
    while start < end and blank(run[start]):
        start += 1
    while end > start and blank(run[end - 1]):
        end -= 1
    trimmed = list(run[start:end])
    # The indentation that opened the paragraph goes too, as the whitespace transform drops it at
    # any block's edge (this runs after it when the Markdown projection splits a paragraph).
    if trimmed and isinstance(trimmed[0], Text):
        trimmed[0] = Text(text=trimmed[0].text.lstrip(EDGE_SPACES))
    if trimmed and isinstance(trimmed[-1], Text):
        trimmed[-1] = Text(text=trimmed[-1].text.rstrip(EDGE_SPACES))
    return tuple(trimmed)


def block_text(block: Block) -> str:
    """The readable text of one block, for search, language detection and tests."""
    match block:
        case Heading(children=children) | Paragraph(children=children):
            return plain_text(children)
        case Figure(alt=alt, caption=caption):
            return caption or alt
        case ListBlock(items=items):
            return "\n".join(block_text(b) for item in items for b in item.blocks)
        case Quote(blocks=blocks):
            return "\n".join(block_text(b) for b in blocks)
        case Table(head=head, body=body, caption=caption):
            rows = [caption] if caption else []
            rows += ["\t".join(plain_text(c.children) for c in row.cells) for row in head + body]
            return "\n".join(rows)
        case CodeBlock(text=text):
            return text
        case Rule():
            return ""
    assert_never(block)


def heading_offset(document: Document) -> int:
    """How far to shift body headings so that none sits at the title's level 1."""
    levels = [b.level for b in document.blocks if isinstance(b, Heading)]
    return 1 if levels and min(levels) == 1 else 0


def document_text(document: Document) -> str:
    return "\n".join(filter(None, (block_text(b) for b in document.blocks)))


def prose_text(blocks: Sequence[Block]) -> str:
    """The text of blocks written in the document's language: code, in Latin letters whatever the
    article's language, would make a Chinese post with many listings read as English."""
    return "\n".join(filter(None, (block_text(b) for b in blocks if not isinstance(b, CodeBlock))))
