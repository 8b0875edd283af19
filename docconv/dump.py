"""A stable, indented text dump of a Document tree, for golden tests and debugging."""

from __future__ import annotations

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
    Paragraph,
    Quote,
    Rule,
    Strong,
    Subscript,
    Superscript,
    Table,
    Text,
)


def dump(document: Document) -> str:
    """``dump(read("<h2>A</h2>"))`` → ``"meta ...\\nHeading 2\\n  Text 'A'"``."""
    meta = document.meta
    lines = [
        f"title: {meta.title!r}",
        f"authors: {list(meta.authors)!r}",
        f"date: {meta.date.isoformat() if meta.date else None}",
        f"categories: {list(meta.categories)!r}",
        f"source_url: {meta.source_url!r}",
        f"cover_image: {meta.cover_image!r}",
        f"language: {meta.language!r}",
        f"description: {meta.description!r}",
        f"site_name: {meta.site_name!r}",
    ]
    lines += [f"extra.{key}: {value!r}" for key, value in meta.extra]
    lines.append("blocks:")
    for block in document.blocks:
        _block(block, 1, lines)
    return "\n".join(lines) + "\n"


def _block(block: Block, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    match block:
        case Heading(level=level, children=children):
            lines.append(f"{pad}Heading {level}")
            _inlines(children, depth + 1, lines)
        case Paragraph(children=children, lang=lang):
            lines.append(f"{pad}Paragraph" + (f" lang={lang}" if lang else ""))
            _inlines(children, depth + 1, lines)
        case Figure(src=src, alt=alt, caption=caption):
            lines.append(f"{pad}Figure src={src!r} alt={alt!r} caption={caption!r}")
        case ListBlock(items=items, ordered=ordered, start=start):
            lines.append(f"{pad}List ordered={ordered} start={start}")
            for item in items:
                lines.append(f"{pad}  Item")
                for inner in item.blocks:
                    _block(inner, depth + 2, lines)
        case Quote(blocks=blocks):
            lines.append(f"{pad}Quote")
            for inner in blocks:
                _block(inner, depth + 1, lines)
        case Table(head=head, body=body, caption=caption):
            lines.append(f"{pad}Table caption={caption!r}")
            for kind, rows in (("Head", head), ("Row", body)):
                for row in rows:
                    lines.append(f"{pad}  {kind}")
                    for cell in row.cells:
                        flags = ("th" if cell.header else "td") + (f" align={cell.align}" if cell.align else "")
                        flags += "".join(f" {k}={v}" for k, v in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if v > 1)
                        flags += " covered" if cell.covered else ""
                        lines.append(f"{pad}    Cell {flags}")
                        _inlines(cell.children, depth + 3, lines)
        case CodeBlock(text=text, language=language):
            lines.append(f"{pad}CodeBlock {language!r} {text!r}")
        case Rule():
            lines.append(f"{pad}Rule")
        case _:
            assert_never(block)


def _inlines(nodes: tuple[Inline, ...], depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    for node in nodes:
        match node:
            case Text(text=text):
                lines.append(f"{pad}Text {text!r}")
            case Code(text=text):
                lines.append(f"{pad}Code {text!r}")
            case LineBreak():
                lines.append(f"{pad}LineBreak")
            case Link(children=children, url=url):
                lines.append(f"{pad}Link {url!r}")
                _inlines(children, depth + 1, lines)
            case LangSpan(children=children, lang=lang):
                lines.append(f"{pad}LangSpan {lang}")
                _inlines(children, depth + 1, lines)
            case (
                Emphasis(children=children)
                | Strong(children=children)
                | Superscript(children=children)
                | Subscript(children=children)
            ):
                lines.append(f"{pad}{type(node).__name__}")
                _inlines(children, depth + 1, lines)
            case _:
                assert_never(node)
