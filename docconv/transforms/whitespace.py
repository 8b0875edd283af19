"""normalise_whitespace: collapse source whitespace by the CSS Text segment-break rules.

Runs of spaces, tabs and newlines collapse to one space, except that a run containing a newline
disappears when the characters on both sides are East Asian wide (CJK ideographs, kana,
full-width punctuation — not Hangul, whose words are separated by spaces) or when either side is
a zero-width space. Whitespace at the start and end of a block goes.

Deliberate choices for the special spaces: U+00A0 NO-BREAK SPACE survives inside text (it means
"keep these together") but not at a block's edges, where it is hand-made indentation; U+3000
IDEOGRAPHIC SPACE likewise; U+200B, U+FEFF and U+2060 are dropped (they are invisible and mean
nothing to a reader once line breaking is the renderer's job); U+200C/U+200D are kept because
emoji and some scripts need them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from docconv.model import (
    CONTAINER_INLINES,
    Block,
    Code,
    CodeBlock,
    Document,
    Figure,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
    TableRow,
    Text,
)

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_INVISIBLE = re.compile(r"[\u200b\ufeff\u2060\u00ad]")
_EDGE_SPACES = " \t\n\r\f\u00a0\u3000"


def is_wide(char: str) -> bool:
    """East Asian Wide/Fullwidth/Halfwidth and not Hangul: no space between such characters."""
    if not char:
        return False
    if "\uac00" <= char <= "\ud7af" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f":
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


def _flatten_text(nodes: tuple[Inline, ...], out: list[Text]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            out.append(node)
        elif isinstance(node, CONTAINER_INLINES):
            _flatten_text(node.children, out)


class _RunNormaliser:
    """Normalises one block's inline run, carrying the previous visible character across nodes."""

    def __init__(self, texts: list[Text]) -> None:
        self.texts = texts
        self.position = 0
        self.previous = ""  # last visible character emitted; "" at block start
        self.pending_space = False

    def next_visible(self) -> str:
        for text in self.texts[self.position + 1 :]:
            stripped = _INVISIBLE.sub("", text.text).lstrip(" \t\n\r\f")
            if stripped:
                return stripped[0]
        return ""

    def run(self, nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for node in nodes:
            if isinstance(node, Text):
                text = self.text(node.text)
                if text:
                    result.append(Text(text))
            elif isinstance(node, LineBreak):
                self.previous, self.pending_space = "\n", False
                if result and isinstance(result[-1], Text):
                    trimmed = result[-1].text.rstrip(" ")
                    result[-1:] = [Text(trimmed)] if trimmed else []
                result.append(node)
            elif isinstance(node, Code):
                if self.pending_space:
                    result.append(Text(" "))
                    self.pending_space = False
                result.append(node)
                self.previous = node.text[-1:] or self.previous
            else:
                children = self.run(node.children)
                if children:
                    result.append(replace(node, children=children))
        return tuple(result)

    def text(self, raw: str) -> str:
        after = self.next_visible()
        self.position += 1
        text = _INVISIBLE.sub("", raw)
        leading = text[:1] in " \t\n\r\f" and bool(text)
        body = text.strip(" \t\n\r\f")
        if not body:
            # Whitespace only: decide at the next visible character.
            if text and self.previous and self.previous != "\n":
                newline = "\n" in text or "\r" in text
                if not (newline and is_wide(self.previous) and is_wide(after)):
                    self.pending_space = True
            return ""
        prefix = ""
        if leading or self.pending_space:
            newline = "\n" in text[: len(text) - len(text.lstrip(" \t\n\r\f"))]
            if self.previous and self.previous != "\n" and not (newline and is_wide(self.previous) and is_wide(body[0])):
                prefix = " "
        self.pending_space = False
        trailing_run = text[len(text.rstrip(" \t\n\r\f")) :]
        collapsed = collapse(body, self.previous, body[-1])
        if trailing_run:
            newline = "\n" in trailing_run or "\r" in trailing_run
            if not (newline and is_wide(body[-1]) and is_wide(after)):
                self.pending_space = True
        self.previous = body[-1]
        return prefix + collapsed


def normalise_inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    texts: list[Text] = []
    _flatten_text(nodes, texts)
    normalised = _RunNormaliser(texts).run(nodes)
    return _strip_edges(normalised)


def _strip_edges(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    items = list(nodes)
    while items and isinstance(items[0], (Text, LineBreak)) and not _lstrip(items[0]):
        items.pop(0)
    while items and isinstance(items[-1], (Text, LineBreak)) and not _rstrip(items[-1]):
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].text.lstrip(_EDGE_SPACES))
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].text.rstrip(_EDGE_SPACES))
    if items and isinstance(items[0], CONTAINER_INLINES):
        items[0] = replace(items[0], children=_strip_edges(items[0].children))
    if items and isinstance(items[-1], CONTAINER_INLINES):
        items[-1] = replace(items[-1], children=_strip_edges(items[-1].children))
    return tuple(i for i in items if not (isinstance(i, CONTAINER_INLINES) and not i.children))


def _lstrip(node: Inline) -> str:
    return node.text.lstrip(_EDGE_SPACES) if isinstance(node, Text) else ""


def _rstrip(node: Inline) -> str:
    return node.text.rstrip(_EDGE_SPACES) if isinstance(node, Text) else ""


def _merge_texts(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
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
            return replace(block, items=tuple(ListItem(normalise_blocks(i.blocks)) for i in items))
        case Quote(blocks=blocks):
            inner = normalise_blocks(blocks)
            return replace(block, blocks=inner) if inner else None
        case Table(head=head, body=body):
            def rows(group: tuple[TableRow, ...]) -> tuple[TableRow, ...]:
                return tuple(TableRow(tuple(replace(c, children=tidy_inlines(c.children)) for c in r.cells)) for r in group)

            return replace(block, head=rows(head), body=rows(body), caption=" ".join(block.caption.split()))
        case CodeBlock() | Rule():
            return block
    return block


def normalise_blocks(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    return tuple(b for b in (normalise_block(block) for block in blocks) if b is not None)


def normalise_whitespace(document: Document) -> Document:
    """Apply the segment-break rules to every block's text."""
    from docconv.model import Metadata

    meta: Metadata = replace(document.meta, title=collapse(document.meta.title, "", "").strip(_EDGE_SPACES))
    return replace(document, meta=meta, blocks=normalise_blocks(document.blocks))
