"""One depth cap on the model, applied once when a document is read, that every later stage relies on.

Transforms, the model's helpers and every renderer walk the tree recursively, and so does
WeasyPrint's layout (a few Python frames per box: measured, it survives about 120 nested
block boxes from a shallow stack, docs/robustness.md). Readers already flatten element trees
deeper than ``Limits.max_depth``, but the tree they build can still be hundreds of levels
deep. ``cap_nesting`` flattens whatever is deeper than ``Limits.max_nesting`` *layout levels*
— the boxes a renderer will nest: a quotation is one, a list two (list and item), a table five
(wrapper, table, row group, row, cell), a paragraph one, each inline container one — so every
walk afterwards is at most that deep, with room to spare below Python's recursion limit.

Flattening keeps every word: a quotation or list past the cap is replaced by the blocks it
holds, in order, in the deepest container that is kept; inline markup past the cap by its text.
Superscripts inside superscripts stop at two levels (each level shrinks the type, and deeper
ones print at a size no one can read). One ``nesting-flattened`` warning says it happened.

The walk itself recurses only down to the cap; below it, subtrees are flattened with explicit
stacks, so no input depth reaches Python's stack here either.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from docconv.diagnostics import Reporter
from docconv.model import (
    Block,
    Code,
    Document,
    Emphasis,
    Heading,
    Inline,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
)

LIST_LEVELS = 2  # <ul> and <li>
TABLE_LEVELS = 5  # WeasyPrint's table wrapper, <table>, <tbody>, <tr>, <td>
MAX_SCRIPT_LEVELS = 2  # x², and x² inside a superscript; deeper ones are unreadable
MIN_NESTING = TABLE_LEVELS + 2  # a cap below this could not hold a table's text


class _Cap:
    def __init__(self, limit: int) -> None:
        self.limit = max(limit, MIN_NESTING)
        self.flattened = False

    # ------------------------------------------------------------- blocks

    def blocks(self, blocks: tuple[Block, ...], depth: int) -> tuple[Block, ...]:
        result: list[Block] = []
        for block in blocks:
            result.extend(self.block(block, depth))
        return _same(blocks, result)

    def block(self, block: Block, depth: int) -> list[Block]:
        match block:
            case Quote(blocks=inner) if depth + 1 <= self.limit:
                kept = self.blocks(inner, depth + 1)
                return [block if kept is inner else replace(block, blocks=kept)]
            case ListBlock(items=items) if depth + LIST_LEVELS <= self.limit:
                new_items = tuple(self._item(item, depth + LIST_LEVELS) for item in items)
                return [block if _identical(items, new_items) else replace(block, items=new_items)]
            case Quote() | ListBlock():
                self.flattened = True
                return [flat for leaf in leaf_blocks(block) for flat in self.block(leaf, depth)]
            case Paragraph(children=children) | Heading(children=children):
                kept_inlines = self.inlines(children, depth + 1, 0)
                return [block if kept_inlines is children else replace(block, children=kept_inlines)]
            case Table():
                return self._table(block, depth)
        return [block]

    def _item(self, item: ListItem, depth: int) -> ListItem:
        kept = self.blocks(item.blocks, depth)
        return item if kept is item.blocks else ListItem(blocks=kept)

    def _table(self, table: Table, depth: int) -> list[Block]:
        if depth + TABLE_LEVELS > self.limit:
            self.flattened = True
            rows = table.head + table.body
            return [Paragraph(children=_joined([leaf_inlines(c.children) for c in row.cells])) for row in rows]

        def row(r: TableRow) -> TableRow:
            cells = tuple(self._cell(c, depth + TABLE_LEVELS) for c in r.cells)
            return r if _identical(r.cells, cells) else TableRow(cells=cells)

        head, body = tuple(map(row, table.head)), tuple(map(row, table.body))
        if _identical(table.head, head) and _identical(table.body, body):
            return [table]
        return [replace(table, head=head, body=body)]

    def _cell(self, cell: TableCell, depth: int) -> TableCell:
        kept = self.inlines(cell.children, depth, 0)
        return cell if kept is cell.children else replace(cell, children=kept)

    # ------------------------------------------------------------ inlines

    def inlines(self, nodes: tuple[Inline, ...], depth: int, scripts: int) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for node in nodes:
            result.extend(self.inline(node, depth, scripts))
        return _same(nodes, result)

    def inline(self, node: Inline, depth: int, scripts: int) -> list[Inline]:
        if not isinstance(node, (Emphasis, Strong, Link, Superscript, Subscript, LangSpan)):
            return [node]
        script = isinstance(node, (Superscript, Subscript))
        if script and scripts >= MAX_SCRIPT_LEVELS:
            self.flattened = True
            return list(self.inlines(node.children, depth, scripts))
        if depth + 1 > self.limit:
            self.flattened = True
            return list(leaf_inlines(node.children))
        kept = self.inlines(node.children, depth + 1, scripts + script)
        return [node if kept is node.children else replace(node, children=kept)]


def leaf_blocks(block: Block) -> list[Block]:
    """The blocks inside quotations and list items, in reading order, without the containers."""
    leaves: list[Block] = []
    stack: list[Block] = [block]
    while stack:
        current = stack.pop()
        if isinstance(current, Quote):
            stack.extend(reversed(current.blocks))
        elif isinstance(current, ListBlock):
            stack.extend(reversed([inner for item in current.items for inner in item.blocks]))
        else:
            leaves.append(current)
    return leaves


def leaf_inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Text, code and line breaks of an inline run, in order, without the markup around them."""
    leaves: list[Inline] = []
    stack: list[Inline] = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, (Text, Code, LineBreak)):
            leaves.append(node)
        else:
            stack.extend(reversed(node.children))
    return tuple(leaves)


def _joined(cells: list[tuple[Inline, ...]]) -> tuple[Inline, ...]:
    joined: list[Inline] = []
    for cell in cells:
        if joined and cell:
            joined.append(Text(text=" "))
        joined.extend(cell)
    return tuple(joined)


def _identical(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


T = TypeVar("T")


def _same(old: tuple[T, ...], new: list[T]) -> tuple[T, ...]:
    """``old`` itself when nothing changed, so an untouched tree is returned as it came."""
    as_tuple = tuple(new)
    return old if _identical(old, as_tuple) else as_tuple


def cap_nesting(document: Document, max_nesting: int, reporter: Reporter) -> Document:
    """``document`` with nothing nested deeper than ``max_nesting`` layout levels (see module doc)."""
    cap = _Cap(max_nesting)
    blocks = cap.blocks(document.blocks, 0)
    if cap.flattened and not any(d.code == "nesting-flattened" for d in reporter.diagnostics):
        reporter.warning(
            "nesting-flattened",
            f"quotations, lists and inline markup nested deeper than {cap.limit} levels were flattened"
            f" to their text; raise it with --limit max_nesting=N",
        )
    return document if blocks is document.blocks else replace(document, blocks=blocks)
