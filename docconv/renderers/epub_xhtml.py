"""EPUB content documents: the document model → well-formed, EPUBCheck-valid XHTML 5 strings.

Written by hand rather than through an HTML serialiser so that every byte is under control:
text is escaped and stripped of characters XML forbids, every element is closed, ``lang`` and
``xml:lang`` always go together, links never nest, and a lost image becomes its description
(``l10n.image_placeholder``) instead of a broken reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import assert_never
from urllib.parse import quote

from docconv import l10n
from docconv.language import normalise_tag
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
    TableCell,
    Text,
    plain_text,
)

# XML 1.0 Char production, minus the C1 controls and noncharacters HTML also rejects.
_NOT_XML = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]")
_SAFE_URL = "/:?#[]@!$&'*+,;=%~-._()"
_ALIGN = {"left", "center", "right"}

# What ``image_src`` returns for a figure: the href of the embedded image, or None when it was lost.
ImageResolver = Callable[[Figure], "str | None"]


def clean(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _NOT_XML.sub("", text)


def escape(text: str) -> str:
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attribute(text: str) -> str:
    return escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;")


def lang_attributes(tag: str | None) -> str:
    """`` lang="…" xml:lang="…"`` for a valid tag, or nothing: EPUBCheck wants both, equal."""
    tidy = normalise_tag(tag) if tag else None
    if not tidy or not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", tidy):
        return ""
    return f' lang="{tidy}" xml:lang="{tidy}"'


def link_href(url: str) -> str | None:
    """A hyperlink target EPUBCheck accepts (absolute http/https/mailto, percent-encoded), else None."""
    url = clean(url).strip()
    if not re.match(r"(?i)(https?://[^/\s]|mailto:)", url):
        return None
    return quote(url, safe=_SAFE_URL)


@dataclass(frozen=True, slots=True)
class HeadingEntry:
    """A heading as the navigation lists it."""

    level: int
    title: str
    anchor: str


@dataclass
class ChapterWriter:
    """Renders the blocks of one article; collects its headings for the navigation."""

    language: str | None
    image_src: ImageResolver
    id_prefix: str = "h"
    headings: list[HeadingEntry] = field(default_factory=list)
    _in_link: int = 0

    # inline ------------------------------------------------------------------

    def inlines(self, nodes: tuple[Inline, ...]) -> str:
        return "".join(self.inline(node) for node in nodes)

    def inline(self, node: Inline) -> str:
        match node:
            case Text(text=text):
                return escape(text)
            case Emphasis(children=children):
                return f"<em>{self.inlines(children)}</em>"
            case Strong(children=children):
                return f"<strong>{self.inlines(children)}</strong>"
            case Code(text=text):
                return f"<code>{escape(text)}</code>"
            case Link(children=children, url=url):
                href = link_href(url)
                if href is None or self._in_link:  # HTML forbids nested links; keep the words
                    return self.inlines(children)
                self._in_link += 1
                try:
                    inner = self.inlines(children) or escape(url)
                finally:
                    self._in_link -= 1
                return f'<a href="{attribute(href)}">{inner}</a>'
            case Superscript(children=children):
                return f"<sup>{self.inlines(children)}</sup>"
            case Subscript(children=children):
                return f"<sub>{self.inlines(children)}</sub>"
            case LangSpan(children=children, lang=lang):
                attrs = lang_attributes(lang)
                inner = self.inlines(children)
                return f"<span{attrs}>{inner}</span>" if attrs else inner
            case LineBreak():
                return "<br/>"
            case _:
                assert_never(node)

    # blocks ------------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...]) -> str:
        return "".join(self.block(block) for block in blocks)

    def block(self, block: Block) -> str:
        match block:
            case Heading(level=level, children=children):
                level = min(max(level, 1), 6)
                anchor = f"{self.id_prefix}{len(self.headings) + 1}"
                title = " ".join(clean(plain_text(children)).split())
                self.headings.append(HeadingEntry(level, title, anchor))
                return f'<h{level} id="{anchor}">{self.inlines(children)}</h{level}>\n'
            case Paragraph(children=children, lang=lang):
                return f"<p{lang_attributes(lang)}>{self.inlines(children)}</p>\n"
            case Figure():
                return self.figure(block)
            case ListBlock(items=items, ordered=ordered, start=start):
                if not items:
                    return ""
                tag = "ol" if ordered else "ul"
                start_attr = f' start="{start}"' if ordered and start != 1 else ""
                body = "".join(f"<li>{self.blocks(item.blocks).strip()}</li>\n" for item in items)
                return f"<{tag}{start_attr}>\n{body}</{tag}>\n"
            case Quote(blocks=blocks):
                return f"<blockquote>\n{self.blocks(blocks)}</blockquote>\n"
            case Table():
                return self.table(block)
            case CodeBlock(text=text, language=language):
                css = f' class="language-{attribute(language)}"' if re.fullmatch(r"[\w+#.-]+", language or "") else ""
                return f"<pre><code{css}>{escape(text)}</code></pre>\n"
            case Rule():
                return "<hr/>\n"
            case _:
                assert_never(block)

    def figure(self, figure: Figure) -> str:
        href = self.image_src(figure)
        caption = f"<figcaption>{escape(figure.caption)}</figcaption>" if figure.caption else ""
        if href is None:
            placeholder = escape(l10n.image_placeholder(figure.alt, figure.caption, self.language))
            # The placeholder already says the caption when there was no alt text.
            caption = caption if figure.alt else ""
            return f'<figure class="image-lost"><p class="image-placeholder">{placeholder}</p>{caption}</figure>\n'
        alt = figure.alt or figure.caption
        return f'<figure><img src="{attribute(href)}" alt="{attribute(alt)}"/>{caption}</figure>\n'

    def table(self, table: Table) -> str:
        head = [row for row in table.head if row.cells]
        body = [row for row in table.body if row.cells]
        if not head and not body:
            return f"<p>{escape(table.caption)}</p>\n" if table.caption else ""
        parts = ["<table>\n"]
        if table.caption:
            parts.append(f"<caption>{escape(table.caption)}</caption>\n")
        if head:
            parts.append("<thead>\n")
            parts += [f"<tr>{''.join(self.cell(c, True) for c in row.cells)}</tr>\n" for row in head]
            parts.append("</thead>\n")
        if body:
            parts.append("<tbody>\n")
            parts += [f"<tr>{''.join(self.cell(c, c.header) for c in row.cells)}</tr>\n" for row in body]
            parts.append("</tbody>\n")
        parts.append("</table>\n")
        return "".join(parts)

    def cell(self, cell: TableCell, header: bool) -> str:
        tag = "th" if header else "td"
        align = f' class="align-{cell.align}"' if cell.align in _ALIGN else ""
        return f"<{tag}{align}>{self.inlines(cell.children)}</{tag}>"


def page(
    *,
    title: str,
    language: str | None,
    body: str,
    stylesheets: tuple[str, ...],
    body_type: str = "",
    body_class: str = "",
) -> str:
    """A complete XHTML content document around ``body`` (already-escaped markup)."""
    links = "".join(f'<link rel="stylesheet" type="text/css" href="{attribute(href)}"/>\n' for href in stylesheets)
    epub_type = f' epub:type="{body_type}"' if body_type else ""
    css_class = f' class="{body_class}"' if body_class else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!DOCTYPE html>\n"
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"{lang_attributes(language)}>\n'
        "<head>\n"
        '<meta charset="utf-8"/>\n'
        f"<title>{escape(title)}</title>\n"
        f"{links}"
        "</head>\n"
        f"<body{epub_type}{css_class}>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )
