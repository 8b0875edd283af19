"""Walks over the document tree, in one place: every stage that visits or rebuilds nodes uses these.

Each walk matches every node type and ends in ``assert_never``, so mypy names every walk that a
new node type would break. The visiting walks keep their own stack instead of recursing, so a
deep tree costs memory, not Python stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import assert_never

from docconv.model import (
    Block,
    Code,
    CodeBlock,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableRow,
    Text,
)


def child_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks directly inside ``block`` (quotations and list items hold blocks)."""
    match block:
        case Quote(blocks=blocks):
            return blocks
        case ListBlock(items=items):
            return tuple(b for item in items for b in item.blocks)
        case Heading() | Paragraph() | Figure() | Table() | CodeBlock() | Rule():
            return ()
    assert_never(block)


def inline_runs(block: Block) -> tuple[tuple[Inline, ...], ...]:
    """The inline runs directly in ``block``: a heading's or paragraph's text, each table cell."""
    match block:
        case Heading(children=children) | Paragraph(children=children):
            return (children,)
        case Table(head=head, body=body):
            return tuple(cell.children for row in head + body for cell in row.cells)
        case Quote() | ListBlock() | Figure() | CodeBlock() | Rule():
            return ()
    assert_never(block)


def child_inlines(node: Inline) -> tuple[Inline, ...]:
    """The inlines directly inside ``node``."""
    match node:
        case Emphasis(children=children) | Strong(children=children) | Link(children=children):
            return children
        case Superscript(children=children) | Subscript(children=children) | LangSpan(children=children):
            return children
        case Text() | Code() | LineBreak():
            return ()
    assert_never(node)


def walk_blocks(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, nested ones too, in document order."""
    stack: list[Block] = list(reversed(tuple(blocks)))
    while stack:
        block = stack.pop()
        yield block
        stack.extend(reversed(child_blocks(block)))


def has_content(blocks: Iterable[Block]) -> bool:
    """Some text or an image: an empty list or a lone rule is not an article."""
    from docconv.model import block_text

    for block in walk_blocks(blocks):
        if isinstance(block, Figure):
            return True
        if isinstance(block, (Heading, Paragraph, Table, CodeBlock)) and block_text(block).strip():
            return True
    return False


def walk_inlines(nodes: Iterable[Inline]) -> Iterator[Inline]:
    """Every inline node, nested ones too, in document order."""
    stack: list[Inline] = list(reversed(tuple(nodes)))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(child_inlines(node)))


def all_inlines(blocks: Iterable[Block]) -> Iterator[Inline]:
    """Every inline node of every block, nested blocks too, in document order."""
    for block in walk_blocks(blocks):
        for run in inline_runs(block):
            yield from walk_inlines(run)


def figures(blocks: Iterable[Block]) -> list[Figure]:
    """Every figure, in quotations and list items too."""
    return [block for block in walk_blocks(blocks) if isinstance(block, Figure)]


def tables(blocks: Iterable[Block]) -> list[Table]:
    """Every table, in quotations and list items too."""
    return [block for block in walk_blocks(blocks) if isinstance(block, Table)]


def map_blocks(blocks: Iterable[Block], change: Callable[[Block], Block | None]) -> tuple[Block, ...]:
    """Rebuild ``blocks`` bottom-up: children first, then ``change`` on each block (None drops it)."""
    result = []
    for block in blocks:
        changed = change(_with_children_mapped(block, change))
        if changed is not None:
            result.append(changed)
    return tuple(result)


def _with_children_mapped(block: Block, change: Callable[[Block], Block | None]) -> Block:
    match block:
        case Quote(blocks=blocks):
            return replace(block, blocks=map_blocks(blocks, change))
        case ListBlock(items=items):
            return replace(block, items=tuple(replace(item, blocks=map_blocks(item.blocks, change)) for item in items))
        case Heading() | Paragraph() | Figure() | Table() | CodeBlock() | Rule():
            return block
    assert_never(block)


def map_inline_runs(blocks: Iterable[Block], change: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]) -> tuple[Block, ...]:
    """Rebuild ``blocks`` with ``change`` applied to every inline run (headings, paragraphs, cells)."""

    def one(block: Block) -> Block:
        match block:
            case Heading(children=children) | Paragraph(children=children):
                return replace(block, children=change(children))
            case Table(head=head, body=body):
                return replace(block, head=_map_rows(head, change), body=_map_rows(body, change))
            case Quote() | ListBlock() | Figure() | CodeBlock() | Rule():
                return block
        assert_never(block)

    return map_blocks(blocks, one)


def _map_rows(rows: tuple[TableRow, ...], change: Callable[[tuple[Inline, ...]], tuple[Inline, ...]]) -> tuple[TableRow, ...]:
    return tuple(replace(row, cells=tuple(replace(cell, children=change(cell.children)) for cell in row.cells)) for row in rows)


def map_inlines(nodes: Iterable[Inline], change: Callable[[Inline], Inline | None]) -> tuple[Inline, ...]:
    """Rebuild ``nodes`` bottom-up: children first, then ``change`` on each node (None drops it)."""
    result = []
    for node in nodes:
        match node:
            case Emphasis() | Strong() | Link() | Superscript() | Subscript() | LangSpan():
                node = replace(node, children=map_inlines(node.children, change))
            case Text() | Code() | LineBreak():
                pass
            case _:
                assert_never(node)
        changed = change(node)
        if changed is not None:
            result.append(changed)
    return tuple(result)
