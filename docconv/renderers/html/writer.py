"""Document blocks and inlines → HTML or EPUB-valid XHTML (the one walker of the html, pdf and epub renderers).

Nothing from the document is ever emitted raw: every text and attribute value goes through
``_text``/``_attr``. Two syntaxes, one walk:

* HTML (``xhtml=False``, the html and pdf renderers): ``markupsafe`` escaping; ``lang`` is the
  rendering tag (zh-CN …) and written only where it changes; with ``typography`` CJK runs get
  render-time spacing and joiners (``typography.py``), with ``link_notes`` (paper) every external
  link gets a number and its URL is listed once.
* XHTML (``xhtml=True``, the epub renderer): what EPUBCheck wants — characters XML forbids are
  removed, every element is closed, ``lang`` and ``xml:lang`` go together with the document's valid
  BCP 47 tag, links never nest and only absolute http/https/mailto URLs become links
  (percent-encoded), empty lists, rows and tables are not written, and a lost image is always a
  figure whose placeholder names the caption when there is no alt text.

``blocks_html`` is the entry point for a whole body; renderers that need the headings or link
notes use ``writer_for``/``HtmlWriter`` directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import assert_never
from urllib.parse import quote

from markupsafe import Markup, escape

from docconv import l10n
from docconv.language import is_cjk, normalise_tag, primary, rendering_tag
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
    TableRow,
    Text,
    plain_text,
)
from docconv.renderers.html.blockset import Kind, emphasis_marks, punctuation_style, typeset_block
from docconv.renderers.html.typography import typeset_text

# Maps a Figure to the ``src`` to write, or None when the image is lost (a placeholder is written).
ImageSource = Callable[[Figure], "str | None"]
_NOTE_SCHEMES = ("http://", "https://", "ftp://", "mailto:")
_ALIGN = ("left", "center", "right")

# Outside the XML 1.0 Char production, plus the C1 controls and noncharacters HTML also rejects.
# Listed as what is removed rather than as the negation of what is kept: the negated class
# spans most of the BMP, and compiling it cost 4 ms of every process's start-up.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_SAFE_URL = "/:?#[]@!$&'*+,;=%~-._()"
_BCP47 = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
_CLASS_TOKEN = re.compile(r"[\w+#.-]+")


# ------------------------------------------------------------------ XML text (EPUB content documents)


def clean(text: str) -> str:
    """Text with the characters XML cannot carry removed."""
    return _NOT_XML.sub("", text)


def xml_text(text: str) -> str:
    """Escaped XML character data (quotes stay as they are)."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attribute(text: str) -> str:
    """An escaped XML attribute value (for double quotes); whitespace characters survive attribute normalisation."""
    return xml_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;")


def lang_attributes(tag: str | None) -> str:
    """`` lang="…" xml:lang="…"`` for a valid tag, or nothing: EPUBCheck wants both, equal."""
    tidy = normalise_tag(tag) if tag else None
    if not tidy or not _BCP47.fullmatch(tidy):
        return ""
    return f' lang="{tidy}" xml:lang="{tidy}"'


def link_href(url: str) -> str | None:
    """A hyperlink target EPUBCheck accepts (absolute http/https/mailto, percent-encoded), else None."""
    url = clean(url).strip()
    if not re.match(r"(?i)(https?://[^/\s]|mailto:)", url):
        return None
    return quote(url, safe=_SAFE_URL)


# ------------------------------------------------------------------ the walker


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
    labels: bool = True  # data-label on headings: their plain text, for PDF bookmarks and running headers
    # A heading at ``top_level`` is written as h(2 + heading_offset), deeper ones below it, gaps closed.
    # top_level=1 with heading_offset=-1 keeps the source's levels.
    heading_offset: int = 0
    top_level: int = 2
    id_prefix: str = ""
    headings: list[HeadingEntry] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lang_stack: list[str | None] = [self.language]
        self._in_link = 0

    # ---------------------------------------------------------------- helpers

    @property
    def _void_end(self) -> str:
        return "/>" if self.xhtml else ">"

    def _cjk(self) -> bool:
        return self.typography and is_cjk(self._lang_stack[-1]) and primary(self._lang_stack[-1]) != "ko"

    def _text(self, text: str) -> Markup:
        """One text run, escaped, with CJK typography where it applies."""
        return self._text_raw(typeset_text(text, self._cjk()))

    def _set(self, html: Markup, kind: Kind) -> Markup:
        """A block's inline HTML with the rules that look across inline boundaries (blockset.py)."""
        if not self.typography or self.xhtml:
            return html
        return typeset_block(html, punctuation_style(self._lang_stack[-1]), kind)

    def _text_raw(self, text: str) -> Markup:
        """Escaped text without typography (code)."""
        return Markup(xml_text(text)) if self.xhtml else escape(text)

    def _attr(self, value: str) -> Markup:
        return Markup(xml_attribute(value)) if self.xhtml else escape(value)

    def _lang_attr(self, lang: str | None) -> Markup:
        if self.xhtml:
            # EPUB readers understand script subtags: the BCP 47 tag itself, on every element that has one.
            return Markup(lang_attributes(lang))
        if not lang or lang == self._lang_stack[-1]:
            return Markup("")
        return Markup(' lang="{0}"').format(rendering_tag(lang))

    # ---------------------------------------------------------------- inlines

    def inlines(self, nodes: tuple[Inline, ...]) -> Markup:
        return Markup("").join(self.inline(node) for node in nodes)

    def inline(self, node: Inline) -> Markup:
        match node:
            case Text(text=text):
                return self._text(text)
            case Emphasis(children=children):
                inner = self.inlines(children)
                if self.typography and not self.xhtml and punctuation_style(self._lang_stack[-1]):
                    inner = emphasis_marks(inner)  # no italic Han: the theme draws emphasis dots
                return Markup("<em>{}</em>").format(inner)
            case Strong(children=children):
                return Markup("<strong>{}</strong>").format(self.inlines(children))
            case Code(text=text):
                return Markup("<code>{}</code>").format(self._text_raw(text))
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
        shown_url = url
        if self.xhtml:
            href = link_href(url)
            if href is None or self._in_link:  # HTML forbids nested links; keep the words
                return self.inlines(children)
            url = href
        self._in_link += 1
        try:
            inner = self.inlines(children)
        finally:
            self._in_link -= 1
        if self.xhtml and not inner:
            inner = self._text_raw(shown_url)  # an empty link could not be seen or followed
        anchor = Markup('<a href="{}">{}</a>').format(self._attr(url), inner)
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
        return Markup("\n").join(part for part in (self.block(block) for block in blocks) if part)

    def block(self, block: Block) -> Markup:
        match block:
            case Heading():
                return self.heading(block)
            case Paragraph(children=children, lang=lang):
                attr = self._lang_attr(lang)
                self._lang_stack.append(lang or self._lang_stack[-1])
                try:
                    # Lines broken by hand (verse, addresses) are not a paragraph's running text:
                    # no first-line indent, or only the first line would stand in.
                    code = _code_lines(children)
                    if code is not None:  # <p><code> with newlines is a code block written inline
                        return Markup("<pre><code>{}</code></pre>").format(self._text_raw(code))
                    by_hand = any(isinstance(c, LineBreak) for c in children)
                    lines = Markup(' class="lines"') if by_hand else Markup("")
                    inner = self._set(self.inlines(children), "inline" if by_hand else "paragraph")
                    return Markup("<p{}{}>{}</p>").format(lines, attr, inner)
                finally:
                    self._lang_stack.pop()
            case Figure():
                return self.figure(block)
            case ListBlock(items=items, ordered=ordered, start=start):
                if not items and self.xhtml:
                    return Markup("")
                tag = "ol" if ordered else "ul"
                start_attr = Markup(' start="{}"').format(start) if ordered and start != 1 else Markup("")
                rows = Markup("").join(Markup("<li>{}</li>\n").format(self.blocks(item.blocks)) for item in items)
                return Markup("<{0}{1}>\n{2}</{0}>").format(Markup(tag), start_attr, rows)
            case Quote(blocks=blocks):
                inner = self.blocks(blocks)
                return Markup("<blockquote>\n{}</blockquote>").format(inner + Markup("\n") if inner else inner)
            case Table():
                return self.table(block)
            case CodeBlock(text=text, language=language):
                safe = language and (not self.xhtml or _CLASS_TOKEN.fullmatch(language))
                cls = Markup(' class="language-{}"').format(self._attr(language or "")) if safe else Markup("")
                return Markup("<pre><code{}>{}</code></pre>").format(cls, self._text_raw(text))
            case Rule():
                return Markup("<hr" + self._void_end)
            case _:
                assert_never(block)

    def heading(self, block: Heading) -> Markup:
        depth = max(1, block.level - self.top_level + 1)
        tag = Markup(f"h{min(6, depth + 1 + self.heading_offset)}")
        ident = f"{self.id_prefix}h{len(self.headings) + 1}"
        plain = plain_text(block.children)
        label = " ".join((clean(plain) if self.xhtml else plain).split())
        self.headings.append(HeadingEntry(block.level, depth, label, ident))
        inner = self._set(self.inlines(block.children), "heading")
        if not self.labels:
            return Markup('<{0} id="{1}">{2}</{0}>').format(tag, self._attr(ident), inner)
        # data-label: the heading's own text for PDF bookmarks, without render-time spacing and joiners
        return Markup('<{0} id="{1}" data-label="{2}">{3}</{0}>').format(tag, self._attr(ident), self._attr(label), inner)

    def figure(self, block: Figure) -> Markup:
        src = self.image_src(block) if self.image_src else None
        caption_html = self._set(self._text(block.caption), "inline")
        caption = Markup("<figcaption>{}</figcaption>").format(caption_html) if block.caption else Markup("")
        if src is not None:
            alt = block.alt or block.caption
            image = Markup('<img src="{}" alt="{}"' + self._void_end).format(self._attr(src), self._attr(alt))
            return Markup("<figure>{}{}</figure>").format(image, caption)
        # A lost image becomes its description.
        if self.xhtml:
            # The placeholder names the caption when there is no alt text, so the caption is not repeated.
            text = l10n.image_placeholder(block.alt, block.caption, self._lang_stack[-1])
            caption = caption if block.alt else Markup("")
        else:
            text = l10n.image_placeholder(block.alt, "", self._lang_stack[-1])  # the caption stays the caption
        placeholder = Markup('<p class="image-placeholder">{}</p>').format(self._text(text))
        if not caption and not self.xhtml:
            return placeholder
        return Markup('<figure class="image-lost">{}{}</figure>').format(placeholder, caption)

    def table(self, table: Table) -> Markup:
        def cell(c: TableCell, in_head: bool) -> Markup:
            if c.covered:  # the merged cell that spans over it stands for it
                return Markup("")
            tag = Markup("th" if c.header or in_head else "td")
            align = Markup(' class="align-{}"').format(c.align) if c.align in _ALIGN else Markup("")
            if c.rowspan > 1:
                align += Markup(' rowspan="{}"').format(c.rowspan)
            if c.colspan > 1:
                align += Markup(' colspan="{}"').format(c.colspan)
            return Markup("<{0}{1}>{2}</{0}>").format(tag, align, self._set(self.inlines(c.children), "inline"))

        def kept(rows: tuple[TableRow, ...]) -> list[TableRow]:
            return [row for row in rows if row.cells or not self.xhtml]

        head, body = kept(table.head), kept(table.body)
        if (head or body) and not any(plain_text(c.children).strip() for row in (*head, *body) for c in row.cells):
            # Every cell is empty: an image grid whose images were lost. One placeholder, not an empty grid.
            text = l10n.image_placeholder("", table.caption, self._lang_stack[-1])
            return Markup('<p class="image-placeholder">{}</p>').format(self._text(text))
        if self.xhtml and not head and not body:
            return Markup("<p>{}</p>").format(self._text(table.caption)) if table.caption else Markup("")
        parts: list[Markup] = [Markup('<table class="data">')]
        if table.caption:
            parts.append(Markup("<caption>{}</caption>").format(self._set(self._text(table.caption), "inline")))
        for section, rows, in_head in (("thead", head, True), ("tbody", body, False)):
            if not rows:
                continue
            lines = Markup("").join(
                Markup("<tr>{}</tr>\n").format(Markup("").join(cell(c, in_head) for c in row.cells)) for row in rows
            )
            parts.append(Markup("<{0}>\n{1}</{0}>").format(Markup(section), lines))
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


def _code_lines(children: tuple[Inline, ...]) -> str | None:
    """The code of a paragraph that holds only one piece of inline code running over several lines."""
    codes = [c for c in children if isinstance(c, Code)]
    rest = [c for c in children if not isinstance(c, Code)]
    if len(codes) != 1 or "\n" not in codes[0].text.strip():
        return None
    if any(not isinstance(c, Text) or c.text.strip() for c in rest):
        return None
    return codes[0].text.strip("\n")


def top_heading_level(document: Document) -> int:
    """The level of the document's highest heading (2 when it has none)."""
    levels = [b.level for b in document.blocks if isinstance(b, Heading)]
    return min(levels) if levels else 2


def writer_for(document: Document, **kwargs: object) -> HtmlWriter:
    """A writer for ``document`` whose top heading level is written as h2 (plus ``heading_offset``)."""
    return HtmlWriter(document.meta.language, top_level=top_heading_level(document), **kwargs)  # type: ignore[arg-type]


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
    """A Document's body as an HTML (or, with ``xhtml=True``, EPUB-valid XHTML) fragment.

    ``image_src(figure)`` gives the ``src`` for each figure, or None for a placeholder text
    (the default when no ``image_src`` is given). Headings are written as ``<h2>``… for the
    document's top heading level (plus ``heading_offset``), each with an ``id`` made from
    ``id_prefix``. ``context`` is accepted for symmetry with renderers and is not used.
    With ``link_notes`` every external link gets a number and the URL list is appended.

    >>> from docconv.model import Document, Metadata, Paragraph, Text
    >>> doc = Document(meta=Metadata(language="zh-Hans"), blocks=(Paragraph(children=(Text(text="用Python写<b>"),)),))
    >>> blocks_html(doc)
    '<p>用 Python <span class="nobr">写&lt;b&gt;</span></p>'
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
