"""normalise_whitespace: collapse source whitespace by the CSS Text segment-break rules.

Runs of spaces, tabs and newlines collapse to one space, except that a run containing a newline
disappears when the characters on both sides are East Asian wide (CJK ideographs, kana,
full-width punctuation — not Hangul, whose words are separated by spaces) or when either side is
a zero-width space. Whitespace at the start and end of a block goes.

Deliberate choices for the special spaces: U+00A0 NO-BREAK SPACE survives inside text (it means
"keep these together") but not at a block's edges, where it is hand-made indentation; U+3000
IDEOGRAPHIC SPACE likewise; U+200B, U+FEFF, U+2060 and control characters are dropped (they are invisible and mean
nothing to a reader once line breaking is the renderer's job); U+200C/U+200D are kept because
emoji and some scripts need them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import assert_never

from docconv.charclass import CONTROLS, INVISIBLE, is_hangul
from docconv.model import (
    CONTAINER_INLINES,
    EDGE_SPACES,
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
    TableRow,
    Text,
    plain_text,
)
from docconv.transforms import FunctionTransform

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_INVISIBLE = re.compile(f"[{INVISIBLE}{CONTROLS}]")


def is_wide(char: str) -> bool:
    """East Asian Wide/Fullwidth/Halfwidth and not Hangul: no space between such characters."""
    if not char:
        return False
    if is_hangul(char):
        return False
    return unicodedata.east_asian_width(char) in ("W", "F", "H")


def collapse(text: str, before: str, after: str) -> str:
    """Collapse whitespace in ``text``; ``before``/``after`` are the visible neighbours outside it."""
    text = _INVISIBLE.sub("", text)

    def replace_run(match: re.Match[str]) -> str:
        run = match.group(0)
        left = text[match.start() - 1] if match.start() > 0 else before
        right = text[match.end()] if match.end() < len(text) else after
        if ("\n" in run or "\r" in run) and is_wide(left) and is_wide(right):
            return ""
        return " "

    return _COLLAPSIBLE.sub(replace_run, text)


_CODE_MARK = "\ufffc"  # stands for an inline code span: visible, not wide
_BREAK_MARK = "\ue000"  # stands for a line break: whitespace next to it disappears


def _pieces(nodes: tuple[Inline, ...], out: list[str], depths: list[int], depth: int = 0) -> None:
    """The run's text as one list of pieces: Text contents, and one mark per code span or break."""
    for node in nodes:
        match node:
            case Text(text=text):
                out.append(_INVISIBLE.sub("", text))
            case Code():
                out.append(_CODE_MARK)
            case LineBreak():
                out.append(_BREAK_MARK)
            case Emphasis() | Strong() | Link() | Superscript() | Subscript() | LangSpan():
                _pieces(node.children, out, depths, depth + 1)
                continue
            case _:
                assert_never(node)
        depths.append(depth)


def _collapse_pieces(pieces: list[str], depths: list[int]) -> list[str]:
    """Collapse whitespace across the whole run.

    The one space a run keeps goes to the least nested text it touches (``the `` + *Saint
    Brendan*, not ``the`` + * Saint Brendan*): spaces stay outside emphasis and links.
    """
    joined = "".join(pieces)
    owner: list[int] = []
    for index, piece in enumerate(pieces):
        owner.extend([index] * len(piece))
    output = [[] for _ in pieces]  # type: list[list[str]]
    position = 0
    for match in _COLLAPSIBLE.finditer(joined):
        for i in range(position, match.start()):
            output[owner[i]].append(joined[i])
        left = joined[match.start() - 1] if match.start() > 0 else ""
        right = joined[match.end()] if match.end() < len(joined) else ""
        run = match.group(0)
        keep = bool(left) and bool(right) and _BREAK_MARK not in (left, right)
        if keep and ("\n" in run or "\r" in run) and is_wide(left) and is_wide(right):
            keep = False
        if keep:
            touched = list(dict.fromkeys(owner[match.start() : match.end()]))
            for neighbour in (owner[match.start() - 1], owner[match.end()]):
                if pieces[neighbour] not in (_CODE_MARK, _BREAK_MARK):
                    touched.append(neighbour)
            target = min(touched, key=lambda piece: (depths[piece], piece))
            if target > owner[match.start()]:
                output[target].insert(0, " ")  # nothing of that later piece is written yet
            else:
                output[target].append(" ")
        position = match.end()
    for i in range(position, len(joined)):
        output[owner[i]].append(joined[i])
    return ["".join(chars) for chars in output]


def _rebuild(nodes: tuple[Inline, ...], texts: list[str]) -> tuple[Inline, ...]:
    """Put the collapsed pieces back into the tree (consuming ``texts`` in order)."""
    result: list[Inline] = []
    for node in nodes:
        match node:
            case Text():
                piece = texts.pop(0)
                if piece:
                    result.append(Text(text=piece))
            case Code() | LineBreak():
                texts.pop(0)
                result.append(node)
            case Emphasis() | Strong() | Link() | Superscript() | Subscript() | LangSpan():
                children = _rebuild(node.children, texts)
                if children and not plain_text(children).strip(" "):
                    result.extend(children)  # emphasis around nothing but a space is just the space
                elif children:
                    result.append(replace(node, children=children))
            case _:
                assert_never(node)
    return tuple(result)


def normalise_inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    pieces: list[str] = []
    depths: list[int] = []
    _pieces(nodes, pieces, depths)
    return _strip_edges(_rebuild(nodes, _collapse_pieces(pieces, depths)))


def _strip_edges(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return _strip_side(_strip_side(nodes, first=True), first=False)


def _strip_side(nodes: tuple[Inline, ...], *, first: bool) -> tuple[Inline, ...]:
    """Strip edge whitespace on one side only, descending into the edge container.

    One side at a time: stripping both sides of the first container would eat the space between
    it and the next node (``<b>foo </b><i>bar</i>``), and recursing twice into a lone container
    would cost 2**depth.
    """
    items = list(nodes)
    edge = 0 if first else -1
    strip = _lstrip if first else _rstrip
    while items and isinstance(items[edge], (Text, LineBreak)) and not strip(items[edge]):
        items.pop(edge)
    node = items[edge] if items else None
    if isinstance(node, Text):
        items[edge] = Text(text=node.text.lstrip(EDGE_SPACES) if first else node.text.rstrip(EDGE_SPACES))
    elif isinstance(node, CONTAINER_INLINES):
        children = _strip_side(node.children, first=first)
        if children:
            items[edge] = replace(node, children=children)
        else:
            items.pop(edge)
            return _strip_side(tuple(items), first=first)
    return tuple(items)


def _lstrip(node: Inline) -> str:
    return node.text.lstrip(EDGE_SPACES) if isinstance(node, Text) else ""


def _rstrip(node: Inline) -> str:
    return node.text.rstrip(EDGE_SPACES) if isinstance(node, Text) else ""


def _merge_texts(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(text=merged[-1].text + node.text)
        elif isinstance(node, CONTAINER_INLINES):
            merged.append(replace(node, children=_merge_texts(node.children)))
        else:
            merged.append(node)
    return tuple(merged)


def tidy_inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return _merge_texts(normalise_inlines(_merge_texts(nodes)))


def normalise_block(block: Block) -> Block | None:
    match block:
        case Heading(children=children):
            tidy = tidy_inlines(children)
            return replace(block, children=tidy) if tidy else None
        case Paragraph(children=children):
            tidy = tidy_inlines(children)
            return replace(block, children=tidy) if tidy else None
        case Figure():
            return replace(block, alt=" ".join(block.alt.split()), caption=" ".join(block.caption.split()))
        case ListBlock(items=items):
            return replace(block, items=tuple(ListItem(blocks=normalise_blocks(i.blocks)) for i in items))
        case Quote(blocks=blocks):
            inner = normalise_blocks(blocks)
            return replace(block, blocks=inner) if inner else None
        case Table(head=head, body=body):

            def rows(group: tuple[TableRow, ...]) -> tuple[TableRow, ...]:
                return tuple(TableRow(cells=tuple(replace(c, children=tidy_inlines(c.children)) for c in r.cells)) for r in group)

            return replace(block, head=rows(head), body=rows(body), caption=" ".join(block.caption.split()))
        case CodeBlock() | Rule():
            return block
    assert_never(block)


def normalise_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    return tuple(b for b in (normalise_block(block) for block in blocks) if b is not None)


def normalise_whitespace(document: Document) -> Document:
    """Apply the segment-break rules to every block's text."""
    from docconv.model import Metadata

    meta: Metadata = replace(document.meta, title=collapse(document.meta.title, "", "").strip(EDGE_SPACES))
    return replace(document, meta=meta, blocks=normalise_blocks(document.blocks))


TRANSFORM = FunctionTransform(
    "normalise-whitespace",
    lambda document, context: normalise_whitespace(document),
    "apply the CSS segment-break rules: no spaces between CJK characters, one space elsewhere",
)
