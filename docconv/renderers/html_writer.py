"""Document blocks and inlines → HTML or XHTML fragments (shared by the html, pdf and epub renderers).

Every piece of text goes through ``markupsafe.escape``; nothing from the document is ever
emitted raw. ``blocks_html`` is the public entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import assert_never

from markupsafe import Markup

from docconv import l10n
from docconv.language import is_cjk, primary, rendering_tag
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
    TableCell,
    Text,
    plain_text,
)
from docconv.renderers.typography import typeset

# Maps a Figure to the ``src`` to write, or None when the image is lost (a placeholder is written).
ImageSource = Callable[[Figure], "str | None"]
_NOTE_SCHEMES = ("http://", "https://", "ftp://", "mailto:")


@dataclass(frozen=True, slots=True)
class HeadingEntry:
    """A heading as written: for outlines, navigation documents and tables of contents."""

    level: int  # the document's level (2 for the first level under the title, usually)
    depth: int  # 1-based nesting depth below the article title, after normalising gaps
    text: str
    id: str


@dataclass
class HtmlWriter:
    """Walks one Document's blocks; collects its headings and (for paper) its link notes."""

    language: str | None
    xhtml: bool = False
    image_src: ImageSource | None = None
    link_notes: bool = False  # paper cannot be clicked: number each link and print its URL once
    typography: bool = True
    heading_offset: int = 0  # added to the (normalised) heading level of the tag written
    id_prefix: str = ""
    headings: list[HeadingEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _top_level: int = 2

    def __post_init__(self) -> None:
        self._lang_stack: list[str | None] = [self.language]

    # ---------------------------------------------------------------- helpers

    @property
    def _void_end(self) -> str:
        return "/>" if self.xhtml else ">"

    def _cjk(self) -> bool:
        return self.typography and is_cjk(self._lang_stack[-1]) and primary(self._lang_stack[-1]) != "ko"

    def _lang_attr(self, lang: str | None) -> Markup:
        if not lang or lang == self._lang_stack[-1]:
            return Markup("")
        tag = rendering_tag(lang)
        if self.xhtml:
            return Markup(' lang="{0}" xml:lang="{0}"').format(tag)
        return Markup(' lang="{0}"').format(tag)

    # ---------------------------------------------------------------- inlines

    def inlines(self, nodes: tuple[Inline, ...]) -> Markup:
        return Markup("").join(self.inline(node) for node in nodes)

    def inline(self, node: Inline) -> Markup:
        match node:
            case Text(text=text):
                return typeset(text, self._cjk())
            case Emphasis(children=children):
                return Markup("<em>{}</em>").format(self.inlines(children))
            case Strong(children=children):
                return Markup("<strong>{}</strong>").format(self.inlines(children))
            case Code(text=text):
                return Markup("<code>{}</code>").format(text)
            case Link(children=children, url=url):
                return self.link(children, url)
            case Superscript(children=children):
                return Markup("<sup>{}</sup>").format(self.inlines(children))
            case Subscript(children=children):
                return Markup("<sub>{}</sub>").format(self.inlines(children))
            case LangSpan(children=children, lang=lang):
                attr = self._lang_attr(lang)
                self._lang_stack.append(lang)
                try:
                    inner = self.inlines(children)
                finally:
                    self._lang_stack.pop()
                return Markup("<span{}>{}</span>").format(attr, inner) if attr else inner
            case LineBreak():
                return Markup("<br" + self._void_end)
            case _:
                assert_never(node)

    def link(self, children: tuple[Inline, ...], url: str) -> Markup:
        inner = self.inlines(children)
        anchor = Markup('<a href="{}">{}</a>').format(url, inner)
        if not self.link_notes or not url.lower().startswith(_NOTE_SCHEMES):
            return anchor
        shown = plain_text(children).strip()
        if shown in (url, url.removeprefix("mailto:")) or shown.rstrip("/") == url.rstrip("/"):
            return anchor  # the URL is already on the page
        if url not in self.notes:
            self.notes.append(url)
        number = self.notes.index(url) + 1
        note_id = f"{self.id_prefix}note-{number}"
        return anchor + Markup('<sup class="link-ref"><a href="#{}">{}</a></sup>').format(note_id, number)

    # ---------------------------------------------------------------- blocks

    def blocks(self, blocks: tuple[Block, ...]) -> Markup:
        return Markup("\n").join(self.block(block) for block in blocks)

    def block(self, block: Block) -> Markup:
        match block:
            case Heading():
                return self.heading(block)
            case Paragraph(children=children, lang=lang):
                attr = self._lang_attr(lang)
                self._lang_stack.append(lang or self._lang_stack[-1])
                try:
                    return Markup("<p{}>{}</p>").format(attr, self.inlines(children))
                finally:
                    self._lang_stack.pop()
            case Figure():
                return self.figure(block)
            case ListBlock(items=items, ordered=ordered, start=start):
                tag = "ol" if ordered else "ul"
                start_attr = Markup(' start="{}"').format(start) if ordered and start != 1 else Markup("")
                rows = Markup("").join(Markup("<li>{}</li>\n").format(self.blocks(item.blocks)) for item in items)
                return Markup("<{0}{1}>\n{2}</{0}>").format(Markup(tag), start_attr, rows)
            case Quote(blocks=blocks):
                return Markup("<blockquote>\n{}\n</blockquote>").format(self.blocks(blocks))
            case Table():
                return self.table(block)
            case CodeBlock(text=text, language=language):
                cls = Markup(' class="language-{}"').format(language) if language else Markup("")
                return Markup("<pre><code{}>{}</code></pre>").format(cls, text)
            case Rule():
                return Markup("<hr" + self._void_end)
            case _:
                assert_never(block)

    def heading(self, block: Heading) -> Markup:
        depth = max(1, block.level - self._top_level + 1)
        tag = f"h{min(6, depth + 1 + self.heading_offset)}"
        ident = f"{self.id_prefix}h{len(self.headings) + 1}"
        label = " ".join(plain_text(block.children).split())
        self.headings.append(HeadingEntry(block.level, depth, label, ident))
        # data-label: the heading's own text for PDF bookmarks, without render-time spacing and joiners
        return Markup('<{0} id="{1}" data-label="{2}">{3}</{0}>').format(Markup(tag), ident, label, self.inlines(block.children))

    def figure(self, block: Figure) -> Markup:
        src = self.image_src(block) if self.image_src else None
        caption = (
            Markup("<figcaption>{}</figcaption>").format(typeset(block.caption, self._cjk())) if block.caption else Markup("")
        )
        if src is None:
            # A lost image becomes its description; its caption is still the caption.
            text = l10n.image_placeholder(block.alt, "", self._lang_stack[-1])
            placeholder = Markup('<p class="image-placeholder">{}</p>').format(typeset(text, self._cjk()))
            return Markup('<figure class="image-lost">{}{}</figure>').format(placeholder, caption) if block.caption else placeholder
        image = Markup('<img src="{}" alt="{}"' + self._void_end).format(src, block.alt or block.caption)
        return Markup("<figure>{}{}</figure>").format(image, caption)

    def table(self, table: Table) -> Markup:
        def cell(c: TableCell, in_head: bool) -> Markup:
            tag = Markup("th" if c.header or in_head else "td")
            align = Markup(' class="align-{}"').format(c.align) if c.align in ("left", "center", "right") else Markup("")
            return Markup("<{0}{1}>{2}</{0}>").format(tag, align, self.inlines(c.children))

        parts: list[Markup] = [Markup('<table class="data">')]
        if table.caption:
            parts.append(Markup("<caption>{}</caption>").format(typeset(table.caption, self._cjk())))
        for section, rows, in_head in (("thead", table.head, True), ("tbody", table.body, False)):
            if not rows:
                continue
            body = Markup("").join(
                Markup("<tr>{}</tr>\n").format(Markup("").join(cell(c, in_head) for c in row.cells)) for row in rows
            )
            parts.append(Markup("<{0}>\n{1}</{0}>").format(Markup(section), body))
        parts.append(Markup("</table>"))
        return Markup("\n").join(parts)

    def notes_html(self, heading_tag: str = "h2") -> Markup:
        """The numbered list of link URLs written by ``link_notes`` (empty when there are none)."""
        if not self.notes:
            return Markup("")
        title = l10n.text("links", self.language)
        items = Markup("").join(
            Markup('<li id="{}note-{}"><span class="url">{}</span></li>\n').format(self.id_prefix, n, url)
            for n, url in enumerate(self.notes, start=1)
        )
        return Markup('<section class="link-notes"><{0} class="notes-title">{1}</{0}>\n<ol>\n{2}</ol></section>').format(
            Markup(heading_tag), title, items
        )


def top_heading_level(document: Document) -> int:
    """The level of the document's highest heading (2 when it has none)."""
    levels = [b.level for b in document.blocks if isinstance(b, Heading)]
    return min(levels) if levels else 2


def writer_for(document: Document, **kwargs: object) -> HtmlWriter:
    writer = HtmlWriter(document.meta.language, **kwargs)  # type: ignore[arg-type]
    writer._top_level = top_heading_level(document)
    return writer


def blocks_html(
    document: Document,
    context: object | None = None,
    *,
    xhtml: bool = False,
    image_src: ImageSource | None = None,
    link_notes: bool = False,
    typography: bool = True,
    heading_offset: int = 0,
    id_prefix: str = "",
) -> str:
    """A Document's body as an HTML (or, with ``xhtml=True``, well-formed XHTML) fragment.

    ``image_src(figure)`` gives the ``src`` for each figure, or None for a placeholder text
    (the default when no ``image_src`` is given). Headings are written as ``<h2>``… for the
    document's top heading level (plus ``heading_offset``), each with an ``id`` made from
    ``id_prefix``. ``context`` is accepted for symmetry with renderers and is not used.
    With ``link_notes`` every external link gets a number and the URL list is appended.

    >>> from docconv.model import Document, Metadata, Paragraph, Text
    >>> blocks_html(Document(Metadata(language="zh-Hans"), (Paragraph((Text("用Python写<b>"),)),)))
    '<p>用 Python 写&lt;b&gt;</p>'
    """
    writer = writer_for(
        document,
        xhtml=xhtml,
        image_src=image_src,
        link_notes=link_notes,
        typography=typography,
        heading_offset=heading_offset,
        id_prefix=id_prefix,
    )
    body = writer.blocks(document.blocks)
    if link_notes and writer.notes:
        body = body + Markup("\n") + writer.notes_html()
    return str(body)
