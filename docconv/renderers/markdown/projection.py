"""markdown_projection: the part of a Document that CommonMark/GFM can carry, made safe to write.

Markdown has no language spans, no superscript and no line breaks in headings or table cells,
and CommonMark only parses ``**`` where the delimiter is "flanking": ``**“人人都是软实力”**的`` is
literal asterisks. This projection rewrites a tree into a form the Markdown writer renders
faithfully, so that reading docconv's Markdown back yields exactly the projected tree:

- punctuation and spaces at the edges of emphasis move outside it (``“**人人都是软实力**”的``), and
  spaces at the edges of a link;
- emphasis that still could not open or close is unwrapped to its text;
- ``Strong(Emphasis(x))`` becomes ``Emphasis(Strong(x))`` (how ``***x***`` parses back);
- superscripts/subscripts become Unicode super/subscript characters where they exist, text otherwise;
- table head cells are header cells, body cells are not, and a column has one alignment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from typing import assert_never

from docconv.model import (
    Block,
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
    split_at_blank_lines,
)

_SUPERSCRIPTS = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def is_punctuation(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"


def is_space(char: str) -> bool:
    return not char or char.isspace() or unicodedata.category(char) == "Zs"


def _edge(node: Inline, last: bool) -> str:
    """The character a node renders at its start (or end) in Markdown."""
    match node:
        case Text(text=text):
            return (text[-1] if last else text[0]) if text else ""
        case LineBreak():
            return "\n"
        case Code():
            return "`"
        case Link():
            return ")" if last else "["
        case Emphasis(children=children) | Strong(children=children):
            # Adjacent delimiter runs merge, so the character beyond them is what counts.
            inner = children[-1] if last else children[0]
            return _edge(inner, last) if children else "*"
        case _:
            return "x"


def _can_open(previous: str, first: str) -> bool:
    if is_space(first):
        return False
    return not is_punctuation(first) or is_space(previous) or is_punctuation(previous)


def _can_close(last: str, following: str) -> bool:
    if is_space(last):
        return False
    return not is_punctuation(last) or is_space(following) or is_punctuation(following)


def _split_edges(
    children: tuple[Inline, ...], at_edge: Callable[[str], bool] = lambda c: is_space(c) or is_punctuation(c)
) -> tuple[str, tuple[Inline, ...], str]:
    """Move the characters ``at_edge`` (spaces and punctuation) at the start and end of a run out of it."""
    items = list(children)
    before = after = ""
    if items and isinstance(items[0], Text):
        text = items[0].text
        cut = 0
        while cut < len(text) and at_edge(text[cut]):
            cut += 1
        before, rest = text[:cut], text[cut:]
        items[0:1] = [Text(text=rest)] if rest else []
    if items and isinstance(items[-1], Text):
        text = items[-1].text
        cut = len(text)
        while cut > 0 and at_edge(text[cut - 1]):
            cut -= 1
        rest, after = text[:cut], text[cut:]
        items[-1:] = [Text(text=rest)] if rest else []
    return before, tuple(items), after


def _merge(nodes: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for node in nodes:
        previous = merged[-1] if merged else None
        if isinstance(node, Text) and isinstance(previous, Text):
            merged[-1] = Text(text=previous.text + node.text)
        elif isinstance(node, (Emphasis, Strong)) and type(previous) is type(node):
            assert isinstance(previous, (Emphasis, Strong))
            merged[-1] = replace(node, children=tuple(_merge(list(previous.children + node.children))))
        elif isinstance(node, Code) and isinstance(previous, Code):
            merged[-1] = Code(text=previous.text + node.text)  # `a``b` would read back as one span "a``b"
        elif isinstance(node, Text) and not node.text:
            continue
        else:
            merged.append(node)
    return merged


def _script(node: Superscript | Subscript, flatten: bool, in_link: bool) -> list[Inline]:
    text = plain_text(node.children)
    table = _SUPERSCRIPTS if isinstance(node, Superscript) else _SUBSCRIPTS
    converted = text.translate(table)
    if all(c != o or c.isspace() for c, o in zip(converted, text, strict=True)):
        return [Text(text=converted)]
    return list(project_inlines(node.children, flatten, in_link))


def project_inlines(nodes: tuple[Inline, ...], flatten_breaks: bool = False, in_link: bool = False) -> tuple[Inline, ...]:
    """Project one inline run; ``flatten_breaks`` turns line breaks into spaces (headings, cells).

    A link inside a link keeps only its text: CommonMark has no nested links, and ``[[a](x)](y)``
    reads back as text around a link.
    """
    items: list[Inline] = []
    for node in nodes:
        match node:
            case LangSpan(children=children):
                items.extend(project_inlines(children, flatten_breaks, in_link))
            case Superscript() | Subscript():
                items.extend(_script(node, flatten_breaks, in_link))
            case LineBreak() if flatten_breaks:
                items.append(Text(text=" "))
            case Code(text=text) if "\n" in text or "\r" in text:
                items.append(Code(text=re.sub(r"\r\n?|\n", " ", text)))  # CommonMark reads a code span's line ending as a space
            case Link(children=children) if in_link:
                items.extend(project_inlines(children, flatten_breaks, in_link))
            case Link(children=children):
                # A space at a link's edge reads back outside it: write it there.
                projected = project_inlines(children, flatten_breaks, in_link=True)
                before, inner, after = _split_edges(projected, is_space)
                if inner or not projected:
                    items.extend((Text(text=before), replace(node, children=inner), Text(text=after)))
                else:
                    items.append(Text(text=before + after))  # a link of nothing but spaces
            case Emphasis(children=children) | Strong(children=children):
                inner = project_inlines(_unnest(children, type(node)), flatten_breaks, in_link)
                if len(inner) == 1 and isinstance(node, Strong) and isinstance(inner[0], Emphasis):
                    # ***x*** reads back as Emphasis(Strong(x)): write it that way.
                    items.append(Emphasis(children=(Strong(children=inner[0].children),)))
                    continue
                before, inner, after = _split_edges(inner)
                items.append(Text(text=before))
                if inner:
                    items.append(replace(node, children=inner))
                items.append(Text(text=after))
            case Text() | Code() | LineBreak():
                items.append(node)
            case _:
                assert_never(node)
    items = _merge(items)
    return tuple(_unwrap_unflanked(items))


def _unnest(nodes: tuple[Inline, ...], kind: type[Emphasis] | type[Strong]) -> tuple[Inline, ...]:
    """Bold inside bold is just bold: ``**0**0****`` would not read back as nested strong emphasis."""
    result: list[Inline] = []
    for node in nodes:
        if isinstance(node, kind):
            result.extend(_unnest(node.children, kind))
        elif isinstance(node, (Emphasis, Strong, Link)):
            result.append(replace(node, children=_unnest(node.children, kind)))
        else:
            result.append(node)
    return tuple(result)


def _flattened(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A one-line run (heading, cell): breaks become spaces, then whitespace is tidied as the reader will
    (a space that lands at a link's or emphasis's edge moves outside it)."""
    from docconv.transforms.whitespace import tidy_inlines

    return project_inlines(tidy_inlines(project_inlines(nodes, flatten_breaks=True)), flatten_breaks=True)


def _unwrap_unflanked(items: list[Inline]) -> list[Inline]:
    changed = True
    while changed:
        changed = False
        for index, node in enumerate(items):
            if not isinstance(node, (Emphasis, Strong)):
                continue
            previous = _edge(items[index - 1], last=True) if index > 0 else ""
            following = _edge(items[index + 1], last=False) if index + 1 < len(items) else ""
            if not node.children or not (
                _can_open(previous, _edge(node, last=False)) and _can_close(_edge(node, last=True), following)
            ):
                items[index : index + 1] = list(node.children)
                items = _merge(items)
                changed = True
                break
    return items


def _project_table(table: Table) -> Table:
    rows = table.head + table.body
    width = max((len(r.cells) for r in rows), default=0)
    reference = rows[0].cells if rows else ()
    aligns = [reference[i].align if i < len(reference) else None for i in range(width)]

    def row(r: TableRow, header: bool) -> TableRow:
        cells = list(r.cells) + [TableCell(children=())] * (width - len(r.cells))
        return TableRow(
            cells=tuple(TableCell(children=_flattened(c.children), header=header, align=aligns[i]) for i, c in enumerate(cells))
        )

    head = tuple(row(r, True) for r in table.head[:1])
    body = tuple(row(r, False) for r in table.head[1:] + table.body)
    if head and not any(plain_text(c.children).strip() for c in head[0].cells):
        head = ()
    return Table(head=head, body=body, caption=table.caption)


def project_block(block: Block) -> Block | None:
    match block:
        case Heading(children=children):
            inner = _flattened(children)
            return replace(block, children=inner) if plain_text(inner).strip() else None
        case Paragraph(children=children):
            inner = project_inlines(children)
            return Paragraph(children=inner) if inner else None  # project_blocks splits it at blank lines
        case ListBlock(items=items):
            # An empty item is a bare "-", which under a paragraph line is a setext heading underline.
            kept = tuple(ListItem(blocks=inner) for inner in (project_blocks(i.blocks) for i in items) if inner)
            return replace(block, items=kept) if kept else None
        case Quote(blocks=blocks):
            quoted = project_blocks(blocks)
            return Quote(blocks=quoted) if quoted else None
        case Table():
            return _project_table(block)
        case Figure() | CodeBlock() | Rule():
            return block
    return block


def project_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    projected: list[Block] = []
    for block in map(project_block, blocks):
        if isinstance(block, Paragraph):
            # Unwrapped emphasis can bring two line breaks side by side, which Markdown can only
            # write as a blank line: the paragraph ends there, as it will when read back.
            projected.extend(Paragraph(children=part) for part in split_at_blank_lines(block.children))
        elif block is not None:
            projected.append(block)
    return tuple(projected)


def markdown_projection(document: Document) -> Document:
    return replace(document, blocks=project_blocks(document.blocks))
