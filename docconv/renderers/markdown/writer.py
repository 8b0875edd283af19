"""Markdown renderer: CommonMark + GFM tables with YAML front matter, no raw HTML, no wrapping.

One paragraph is one line. Text is escaped only where a character could start Markdown syntax.
The tree is first passed through ``markdown_projection`` so that everything written parses back
to the same tree.
"""

from __future__ import annotations

import re
from typing import Any, assert_never
from urllib.parse import quote, unquote

import yaml

from docconv.conventions import COVER_KEYS, TABLE_CAPTION_PREFIX, TAG_KEYS
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
    Metadata,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Subscript,
    Superscript,
    Table,
    Text,
)
from docconv.renderers.markdown.projection import markdown_projection

_ALWAYS_ESCAPED = re.compile(r"([\\`*\[\]])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d{1,9}[.)]|~~~|:)")


def escape(text: str, line_start: bool = False, in_table: bool = False) -> str:
    text = _ALWAYS_ESCAPED.sub(r"\\\1", text)
    text = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", text)
    text = _ENTITY_LIKE.sub(r"\\&", text)
    text = _TAG_LIKE.sub(r"\\<", text)
    text = text.replace("~~", r"\~\~")
    if in_table:
        text = text.replace("|", r"\|")
    if line_start:
        match = _LINE_START.match(text)
        if match:
            marker = match.group(2)
            if marker[0].isdigit():
                text = match.group(1) + marker[:-1] + "\\" + marker[-1] + text[match.end() :]
            elif marker in ("-", "+", "=", "#", ">", ":") or marker == "~~~":
                text = match.group(1) + "\\" + text[len(match.group(1)) :]
    return text


def _code_span(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ") and text.strip()):
        text = f" {text} "
    return f"{fence}{text}{fence}"


def _url(url: str) -> str:
    if url.startswith("#"):
        # In-document anchors stay readable (CJK headings); readers percent-encode them back.
        fragment = unquote(url[1:])
        return "#" + re.sub(r"[\s()<>\\]", lambda m: quote(m.group(0)), fragment)
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


class _Writer:
    def __init__(self) -> None:
        self.in_table = False

    # inline ------------------------------------------------------------------

    def inlines(self, nodes: tuple[Inline, ...], line_start: bool = True) -> str:
        parts: list[str] = []
        at_start = line_start
        for node in nodes:
            parts.append(self.inline(node, at_start))
            at_start = isinstance(node, LineBreak)
        return "".join(parts)

    def inline(self, node: Inline, line_start: bool) -> str:
        match node:
            case Text(text=text):
                return escape(text, line_start, self.in_table)
            case Emphasis(children=children):
                return f"*{self.inlines(children, False)}*"
            case Strong(children=children):
                return f"**{self.inlines(children, False)}**"
            case Code(text=text):
                span = _code_span(text)
                return span.replace("|", r"\|") if self.in_table else span
            case Link(children=children, url=url):
                return f"[{self.inlines(children, False)}]({_url(url)})"
            case LineBreak():
                return "\\\n"
            case LangSpan(children=children) | Superscript(children=children) | Subscript(children=children):
                return self.inlines(children, line_start)  # removed by the projection; kept total
            case _:
                assert_never(node)

    # block -------------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        parts: list[str] = []
        previous: Block | None = None
        bullet_toggle = False
        for block in blocks:
            if isinstance(block, ListBlock) and isinstance(previous, ListBlock) and previous.ordered == block.ordered:
                bullet_toggle = not bullet_toggle  # adjacent lists need different markers to stay apart
            else:
                bullet_toggle = False
            parts.append(self.block(block, bullet_toggle))
            previous = block
        return "\n\n".join(p for p in parts if p)

    def block(self, block: Block, alternate: bool = False) -> str:
        match block:
            case Heading(level=level, children=children):
                text = self.inlines(children, False)
                if text.endswith("#"):
                    text = text[:-1] + "\\#"
                return f"{'#' * level} {text}"
            case Paragraph(children=children):
                return self.inlines(children)
            case Figure(src=src, alt=alt, caption=caption):
                title = ' "' + caption.replace("\\", "\\\\").replace('"', '\\"') + '"' if caption else ""
                alt_text = alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
                return f"![{alt_text}]({_url(src).replace('(', '%28').replace(')', '%29')}{title})"
            case ListBlock():
                return self.list(block, alternate)
            case Quote(blocks=blocks):
                inner = self.blocks(blocks)
                return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
            case Table():
                return self.table(block)
            case CodeBlock(text=text, language=language):
                longest = max((len(run) for run in re.findall(r"^\s*(`{3,})", text, re.MULTILINE)), default=2)
                fence = "`" * max(3, longest + 1)
                return f"{fence}{language}\n{text}\n{fence}" if text else f"{fence}{language}\n{fence}"
            case Rule():
                return "---"
            case _:
                assert_never(block)

    def list(self, block: ListBlock, alternate: bool) -> str:
        tight = all(
            sum(1 for b in item.blocks if not isinstance(b, ListBlock)) <= 1
            and all(isinstance(b, (Paragraph, ListBlock)) for b in item.blocks)
            and not (item.blocks and isinstance(item.blocks[0], ListBlock))
            for item in block.items
        )
        rendered_items = []
        for number, item in enumerate(block.items, start=block.start):
            if block.ordered:
                marker = f"{number}{')' if alternate else '.'} "
            else:
                marker = "* " if alternate else "- "
            separator = "\n" if tight else "\n\n"
            body = separator.join(self._item_blocks(item.blocks))
            indent = " " * len(marker)
            lines = body.split("\n")
            text = marker + lines[0] + "".join("\n" + (indent + line if line else "") for line in lines[1:])
            rendered_items.append(text.rstrip() if body else marker.rstrip())
        return ("\n" if tight else "\n\n").join(rendered_items)

    def _item_blocks(self, blocks: tuple[Block, ...]) -> tuple[str, ...]:
        """An item's blocks; adjacent lists alternate markers here too, or they read back as one list."""
        parts: tuple[str, ...] = ()
        previous: Block | None = None
        toggle = False
        for block in blocks:
            adjacent = isinstance(block, ListBlock) and isinstance(previous, ListBlock) and previous.ordered == block.ordered
            toggle = not toggle if adjacent else False
            parts += (self.block(block, toggle),)
            previous = block
        return parts

    def table(self, table: Table) -> str:
        self.in_table = True
        try:
            rows = table.head + table.body
            width = max(len(r.cells) for r in rows)
            head = table.head[0].cells if table.head else ()
            header = [self.inlines(c.children, False) for c in head] + [""] * (width - len(head))
            reference = rows[0].cells
            aligns = {"left": ":--", "center": ":-:", "right": "--:", None: "---"}
            rule = [aligns[reference[i].align if i < len(reference) else None] for i in range(width)]
            lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
            for row in table.body:
                cells = [self.inlines(c.children, False) for c in row.cells]
                lines.append("| " + " | ".join(cells + [""] * (width - len(cells))) + " |")
        finally:
            self.in_table = False
        result = "\n".join(lines)
        if table.caption:
            result += "\n\n" + escape(TABLE_CAPTION_PREFIX + table.caption, line_start=True)
        return result


def front_matter(document: Document) -> dict[str, Any]:
    meta = document.meta
    data: dict[str, Any] = {"title": meta.title}
    if len(meta.authors) == 1:
        data["author"] = meta.authors[0]
    elif meta.authors:
        data["authors"] = list(meta.authors)
    if meta.date:
        data["date"] = meta.date.isoformat()
    categories = _without_kept_keys(meta)
    if categories:
        data["categories"] = categories
    cover_as_written = any(k.lower() in COVER_KEYS and v == meta.cover_image for k, v in meta.extra)
    for key, value in (
        ("source", meta.source_url),
        ("cover", None if cover_as_written else meta.cover_image),
        ("lang", meta.language),
        ("description", meta.description),
        ("site_name", meta.site_name),
    ):
        if value:
            data[key] = value
    for key, extra in meta.extra:
        if key.lower() not in data:
            data[key] = list(extra) if isinstance(extra, tuple) else extra
    return data


def _without_kept_keys(meta: Metadata) -> list[str]:
    """The categories less those the post's own ``tags`` key gives back (it is written as written)."""
    tagged: set[str] = set()
    for key, value in meta.extra:
        if key.lower() in TAG_KEYS and value is not None:
            items = value if isinstance(value, tuple) else re.split(r"[,，、;；]", str(value))
            tagged.update(item.strip() for item in items)
    return [c for c in meta.categories if c not in tagged]


def dump_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=2**31 - 1)


def render_document(document: Document) -> str:
    projected = markdown_projection(document)
    body = _Writer().blocks(projected.blocks)
    return f"---\n{dump_yaml(front_matter(document))}---\n\n{body}\n"
