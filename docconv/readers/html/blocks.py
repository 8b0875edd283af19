"""Turn an HTML element tree (BeautifulSoup) into the model's blocks and inline runs.

Only content survives: scripts, styles, forms, embedded objects, event handlers and inline
styles have no node to go into. Text is kept as written (whitespace included); the
``normalise_whitespace`` transform applies the CSS segment-break rules afterwards. Nesting
deeper than ``max_depth`` is flattened to its text rather than recursed into.

This module holds the walk and its block/inline dispatch; tables are built in ``html_tables``,
images and captions found in ``html_figures``, and tag families and element tests live in ``html_nodes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from bs4 import Tag
from bs4.element import NavigableString

from docconv.charclass import INVISIBLE
from docconv.diagnostics import Reporter
from docconv.errors import LimitExceededError
from docconv.model import (
    Block,
    Code,
    Emphasis,
    Figure,
    Heading,
    Inline,
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
    Text,
    plain_text,
    split_at_blank_lines,
)
from docconv.options import Limits
from docconv.readers.html.code import code_block, code_table
from docconv.readers.html.embeds import EMBEDS, video_address, video_title
from docconv.readers.html.figures import (
    IMAGE_TAGS,
    caption_below_in_paragraph,
    caption_under,
    description,
    image_source,
    inline_caption_after,
    is_page_chrome,
    noscript_images,
    place_caption,
    take_figcaption,
)
from docconv.readers.html.nodes import (
    BLOCK_TAGS,
    CODE,
    CONTAINERS,
    DROPPED,
    EMPHASIS,
    HEADINGS,
    INLINE_TAGS,
    STRONG,
    InlineImage,
    InlineItem,
    element_lang,
    has_text,
    holds_blocks,
    is_hidden,
    is_li_or_blank,
    is_note_backlink,
    is_page_form,
    is_text,
    lang_span,
    resolve_reference,
    unnest_void_elements,
    with_lang,
)
from docconv.readers.html.tables import build_table, frames_a_picture, is_layout_table, layout_cells

SAFE_LINK_SCHEMES = frozenset(("http", "https", "mailto"))


def _drawn_formula(element: Tag) -> bool:
    """KaTeX's drawing of a formula in spans (``.katex-html``) beside the formula itself
    (``.katex-mathml``): the same formula a second time, as glyphs in boxes."""
    classes = element.get_attribute_list("class")
    return "katex-html" in classes and element.find_previous_sibling(class_="katex-mathml") is not None


def math_source(element: Tag) -> str:
    """A MathML formula as text no output has to typeset: the TeX it was written in (KaTeX and
    MathJax keep it in an ``<annotation>``), else its symbols in order."""
    for annotation in element.find_all("annotation"):
        if "tex" in str(annotation.get("encoding") or "").lower() and annotation.get_text(strip=True):
            return " ".join(annotation.get_text().split())
    return " ".join(element.get_text(" ").split())


# A Chinese or Japanese full stop inside a heading element, more text after it, or ending a long
# one: an editor set paragraphs large with <h1> (WeChat's news digests). A headline may exclaim or
# ask in its middle ("…软实力！市委全会通过…"), but it never holds a full stop.
_SENTENCE_WITHIN = re.compile(r"。[”’」』)）]*\s*[^\s。！？”’」』)）]|^.{30,}。[”’」』)）]*\s*$", re.DOTALL)
# The same in a language of words: one sentence ending and another beginning in a heading element of
# sixteen words or more (BuzzFeed sets each item's sentences in an <h2>), or 25 words ending in a full stop.
_NEXT_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"'”’)]*\s+[\"“‘(]?[A-Z]")
_ENDS_SENTENCE = re.compile(r"[a-z]{2}\.[\"'”’)]*\s*$")
_SENTENCES_WORDS = 16
_SENTENCE_WORDS = 25


def _sentences(text: str) -> bool:
    """Whether a heading element's text is sentences rather than a heading."""
    words = len(text.split())
    return bool(
        _SENTENCE_WITHIN.search(text)
        or (words >= _SENTENCES_WORDS and _NEXT_SENTENCE.search(text))
        or (words >= _SENTENCE_WORDS and _ENDS_SENTENCE.search(text))
    )


@dataclass
class HtmlToBlocks:
    """One conversion of an element tree; holds the state shared by the recursive walk."""

    reporter: Reporter
    base_url: str | None = None
    limits: Limits = field(default_factory=Limits)
    image_title_is_caption: bool = False
    keep_fragment_links: bool = False  # Markdown tables of contents link to their own headings
    site_url: str | None = None  # a saved page's canonical URL: root-relative URLs resolve against it
    block_count: int = 0
    _flattened: bool = False

    # ----------------------------------------------------------- block level

    def blocks(self, element: Tag, depth: int = 0) -> list[Block]:
        if (whole := self._without_walking(element, depth)) is not None:
            return whole
        blocks: list[Block] = []
        pending: list[InlineItem] = []

        def flush() -> None:
            if pending:
                blocks.extend(self._paragraphs(pending))
                pending.clear()

        children = list(element.children)
        index = 0
        while index < len(children):
            child = children[index]
            index += 1
            if isinstance(child, NavigableString):
                if is_text(child):
                    pending.append(Text(text=str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in EMBEDS and not is_hidden(child):
                if video := self._video_link(child):
                    flush()
                    blocks.append(Paragraph(children=tuple(video)))
                continue
            if name in ("noscript", "math"):
                pending.extend(self.inline_child(child, depth + 1))
                continue
            if (name in DROPPED and not is_page_form(child)) or is_hidden(child):
                continue
            if name == "br":
                pending.append(LineBreak())
                continue
            if name == "li":
                flush()
                items = [child]
                while index < len(children) and is_li_or_blank(children[index]):
                    if isinstance(children[index], Tag):
                        items.append(children[index])  # type: ignore[arg-type]
                    index += 1
                blocks.append(ListBlock(items=tuple(self._list_item(li, depth + 1) for li in items)))
                continue
            if (name in INLINE_TAGS and not _wraps_blocks(child)) or (name not in BLOCK_TAGS and not holds_blocks(child)):
                pending.extend(self.inline_child(child, depth + 1))
                continue
            if (after := _flush_with_caption(flush, blocks, element, children, index - 1)) != index - 1:
                index = after
                continue
            produced = self._block(child, name, depth + 1)
            lang = element_lang(child)
            blocks.extend(with_lang(produced, lang) if lang else produced)
            if blocks and isinstance(blocks[-1], Figure) and not blocks[-1].caption:
                index = caption_under(blocks, element, children, index)
        flush()
        self._count(len(blocks))
        return blocks

    def _without_walking(self, element: Tag, depth: int) -> list[Block] | None:
        """The blocks of an element that is not walked child by child: too deep, or a layout table."""
        if depth == 0:
            unnest_void_elements(element)
        if depth > self.limits.max_depth:
            self._report_flattened()
            return self._paragraphs(self._flat_text(element))
        if element.name in ("table", "tbody", "thead", "tfoot", "tr"):
            # The extractor's content root can be a layout table or one of its rows.
            return [block for cell in layout_cells(element) for block in self.blocks(cell, depth + 1)]
        return None

    def _block(self, element: Tag, name: str, depth: int) -> list[Block]:
        if name in HEADINGS:
            children = tuple(self._inline_only(self.inlines(element, depth)))
            if _sentences(plain_text(children)):
                return self._paragraphs(list(children), lang=element_lang(element))
            return [Heading(level=HEADINGS[name], children=children)] if plain_text(children).strip() else []
        if name == "p" and not any(isinstance(child, Tag) and _wraps_blocks(child) for child in element.children):
            return self._paragraphs(self.inlines(element, depth), lang=element_lang(element))
        if name in ("ul", "ol", "dir"):
            listed = self._list(element, name == "ol", depth)
            # A list of empty items is drawing, not text: line-number columns, carousel dots.
            return [listed] if any(item.blocks for item in listed.items) else []
        if name == "blockquote":
            inner = self.blocks(element, depth)
            return [Quote(blocks=tuple(inner))] if inner else []
        if name in ("pre", "listing", "xmp", "plaintext"):
            return [code_block(element)]
        if name == "table":
            if (code := code_table(element)) is not None:
                return [code]
            if frames_a_picture(element):
                return place_caption(self.blocks(element, depth), "")  # its other cells are the caption
            return self.blocks(element, depth) if is_layout_table(element) else self._table(element, depth)
        if name == "figure":
            return self._figure(element, depth)
        if name == "img":
            figure = self._image(element)
            return [figure] if figure else []
        if name == "hr":
            return [Rule()]
        # Everything else is a container of blocks: div, section, article, unknown tags.
        return self.blocks(element, depth)

    def _paragraphs(self, items: Iterable[InlineItem], lang: str | None = None) -> list[Block]:
        """An inline run as blocks: paragraphs split at its images and at blank lines.

        Many Chinese news systems write a whole article as text separated by ``<br><br>`` (often
        with ``　　`` indentation after each), so a blank line is where a paragraph ends.
        """
        blocks: list[Block] = []
        for part in _split_at_images(items):
            if isinstance(part, InlineImage):
                blocks.append(part.figure)
            else:
                blocks.extend(Paragraph(children=paragraph, lang=lang) for paragraph in split_at_blank_lines(list(part)))
        return blocks

    def _list(self, element: Tag, ordered: bool, depth: int) -> ListBlock:
        items: list[ListItem] = []
        for child in element.find_all(("li", "ul", "ol"), recursive=False):
            if child.name == "li":
                items.append(self._list_item(child, depth + 1))
                continue
            # A list written straight inside a list (invalid, but common) belongs to the item above it.
            nested = self._block(child, child.name, depth + 1)
            if items:
                items[-1] = ListItem(blocks=items[-1].blocks + tuple(nested))
            elif nested:
                items.append(ListItem(blocks=tuple(nested)))
        if not items:  # a list of bare text or of nested lists: keep its text as one item
            inner = self.blocks(element, depth)
            items = [ListItem(blocks=tuple(inner))] if inner else []
        start = 1
        if ordered:
            try:
                start = int(str(element.get("start", "1")).strip())
            except ValueError:
                start = 1
        return ListBlock(items=tuple(items), ordered=ordered, start=max(start, 0))

    def _list_item(self, element: Tag, depth: int) -> ListItem:
        return ListItem(blocks=tuple(self.blocks(element, depth)))

    def _figure(self, element: Tag, depth: int) -> list[Block]:
        caption = take_figcaption(element)
        inner = self.blocks(element, depth)  # once: a second walk would report every warning twice
        return place_caption(inner, caption)

    def _table(self, element: Tag, depth: int) -> list[Block]:
        return build_table(element, lambda cell: tuple(self._inline_only(self.inlines(cell, depth))))

    # ---------------------------------------------------------- inline level

    def inlines(self, element: Tag, depth: int = 0) -> list[InlineItem]:
        if depth > self.limits.max_depth:
            self._report_flattened()
            return self._flat_text(element)
        items: list[InlineItem] = []
        children = list(element.children)
        index = 0
        while index < len(children):
            child = children[index]
            index += 1
            block_child = isinstance(child, Tag) and child.name.lower() in BLOCK_TAGS and child.name.lower() != "img"
            after_text = has_text([i for i in items if not isinstance(i, InlineImage)])
            if block_child and after_text and not isinstance(items[-1], LineBreak):
                items.append(LineBreak())
            produced = self.inline_child(child, depth)
            last = produced[-1] if produced else None
            if isinstance(last, InlineImage) and not last.figure.caption:
                found = inline_caption_after(children, index) or caption_below_in_paragraph(element, children, index)
                if found is not None:
                    produced[-1], index = InlineImage(replace(last.figure, caption=found[0])), found[1]
            items.extend(produced)
        return items

    def inline_child(self, child: object, depth: int) -> list[InlineItem]:
        """The inline items one child node contributes (a text, an <em>, an <a> …)."""
        items: list[InlineItem] = []
        if isinstance(child, NavigableString):
            if is_text(child):
                items.append(Text(text=str(child)))
            return items
        if not isinstance(child, Tag):
            return items
        name = child.name.lower()
        if name in EMBEDS and not is_hidden(child):
            return list(self._video_link(child))
        if name == "noscript":
            return [InlineImage(f) for f in map(self._image, noscript_images(child)) if f]
        if name == "math" and not is_hidden(child):
            return [Code(text=formula)] if (formula := math_source(child)) else []
        if _drawn_formula(child):
            return items
        if name in DROPPED or is_hidden(child):
            return items
        if name == "br":
            items.append(LineBreak())
        elif name in IMAGE_TAGS:
            figure = self._image(child)
            if figure:
                items.append(InlineImage(figure))
        elif name in EMPHASIS:
            items.extend(self._wrap(Emphasis, child, depth))
        elif name in STRONG:
            items.extend(self._wrap(Strong, child, depth))
        elif name in CODE:
            text = child.get_text()
            if text:
                items.append(Code(text=text))
        elif name == "sup":
            items.extend(self._wrap(Superscript, child, depth))
        elif name == "sub":
            items.extend(self._wrap(Subscript, child, depth))
        elif name == "a":
            items.extend(self._link(child, depth))
        elif name in ("rt", "rtc") and isinstance(child.parent, Tag) and child.parent.name.lower() in ("ruby", "rtc"):
            items.extend(self._ruby_text(child, depth))
        elif name == "q":
            # Browsers draw the quotation marks of <q>; without them the words read as the writer's own.
            opening, closing = ("「", "」") if (element_lang(child) or "").startswith("ja") else ("“", "”")
            items.extend([Text(text=opening), *self.inlines(child, depth + 1), Text(text=closing)])
        elif name == "figure":
            items.extend(self._inline_figure(child, depth))
        elif name in BLOCK_TAGS or name in CONTAINERS:
            # A block inside inline content (a <div> in a <td>, a <p> in an <li>): its text goes
            # on a line of its own (``inlines`` adds the break before it).
            items.extend(self.inlines(child, depth + 1))
        else:
            items.extend(self.inlines(child, depth + 1))
        lang = element_lang(child) if name not in BLOCK_TAGS else None
        return lang_span(items, lang) if lang else items

    def _inline_figure(self, figure: Tag, depth: int) -> list[InlineItem]:
        """A ``<figure>`` a page wrote inside a paragraph (``<p><span><figure>``): its caption goes on
        its image, as it does on a figure of its own, and is not read as the paragraph's text."""
        caption = take_figcaption(figure)
        items = self.inlines(figure, depth + 1)
        images = [index for index, item in enumerate(items) if isinstance(item, InlineImage)]
        if not caption:
            return items
        if not images:
            return [*items, Text(text=caption)]
        last = items[images[-1]]
        assert isinstance(last, InlineImage)
        if not last.figure.caption:
            items[images[-1]] = InlineImage(replace(last.figure, caption=caption))
        return items

    def _ruby_text(self, annotation: Tag, depth: int) -> list[InlineItem]:
        """A ruby annotation (the reading of 漢字) as text after its base: in the parentheses the
        page's ``<rp>`` supplies, else in full-width ones, so a reading never runs into the text."""
        inner = self.inlines(annotation, depth + 1)
        ruby = annotation.parent
        has_rp = isinstance(ruby, Tag) and ruby.find("rp") is not None
        if has_rp or not plain_text(tuple(i for i in inner if not isinstance(i, InlineImage))).strip():
            return inner
        return [Text(text="（"), *inner, Text(text="）")]

    def _wrap(self, node: type, element: Tag, depth: int) -> list[InlineItem]:
        """Wrap inline children in ``node``; an image inside splits it, keeping the text's order."""

        def wrapped(run: tuple[Inline, ...]) -> list[InlineItem]:
            return [node(children=run)] if _shows_text(run) else list(run)

        return _around_images(self.inlines(element, depth + 1), wrapped)

    def _link(self, element: Tag, depth: int) -> list[InlineItem]:
        if is_note_backlink(element):
            return []  # "↩" back to the call: in print and in an e-book it is a stray arrow
        url = self._safe_url(str(element.get("href") or "").strip())

        def linked(run: tuple[Inline, ...]) -> list[InlineItem]:
            return [Link(children=run, url=url)] if url and _shows_text(run) else list(run)

        return _around_images(self.inlines(element, depth + 1), linked)

    def _video_link(self, player: Tag) -> list[Inline]:
        """An embedded video player as a link to the video (nothing for other embeds)."""
        address = video_address(player)
        url = self._safe_url(address) if address else None
        if not url:
            return []
        return [Link(children=(Text(text=f"▶ {video_title(player) or url}"),), url=url)]

    def _safe_url(self, href: str) -> str | None:
        if not href or href.startswith("#"):
            return href if self.keep_fragment_links and len(href) > 1 else None
        href = re.sub(r"[\x00-\x20\x7f]", "", href) if ":" in href.split("/")[0] else href.strip()
        absolute = resolve_reference(href, self.base_url, self.site_url)
        scheme = urlsplit(absolute).scheme.lower()
        if scheme in SAFE_LINK_SCHEMES:
            return absolute
        if scheme == "file" and not urlsplit(href).scheme:
            return href  # a saved page's relative link: the file URL would mean nothing to a reader
        if not scheme and not href.lower().startswith(("javascript", "vbscript", "data")):
            return href  # relative link with no base to resolve against: keep as written
        self.reporter.warning("unsafe-link-dropped", f"link with scheme {scheme or '?'!r} kept as plain text")
        return None

    def _image(self, element: Tag) -> Figure | None:
        src = image_source(element)
        if not src or is_page_chrome(element, src):
            return None
        if not src.startswith("data:"):
            src = resolve_reference(src, self.base_url, self.site_url)
        alt = description(str(element.get("alt") or ""), src)
        title = " ".join(str(element.get("title") or "").split())
        caption = title if self.image_title_is_caption else ""
        return Figure(src=src, alt=alt, caption=caption)

    # ---------------------------------------------------------------- helpers

    def _inline_only(self, items: Iterable[InlineItem]) -> list[Inline]:
        """Inline content where no figure can stand (headings, cells): images keep their alt text."""
        result: list[Inline] = []
        for item in items:
            if isinstance(item, InlineImage):
                if item.figure.alt:
                    result.append(Text(text=item.figure.alt))
            else:
                result.append(item)
        return result

    def _flat_text(self, element: Tag) -> list[InlineItem]:
        text = " ".join(s for s in element.strings if is_text(s) and s.strip())
        return [Text(text=text)] if text else []

    def _report_flattened(self) -> None:
        if not self._flattened:
            self._flattened = True
            self.reporter.warning(
                "nesting-flattened", f"elements nested deeper than {self.limits.max_depth} levels were flattened to text"
            )

    def _count(self, added: int) -> None:
        self.block_count += added
        if self.block_count > self.limits.max_blocks:
            raise LimitExceededError(f"more than {self.limits.max_blocks} blocks")


_RESOURCE_ATTRIBUTES = ("href", "src", "data", "srcset", "poster", "action", "content")


def _flush_with_caption(
    flush: Callable[[], None], blocks: list[Block], element: Tag, children: Sequence[object], index: int
) -> int:
    """Flushes the inline run before the block child at ``index``; a picture that ends it (in a
    link or a span) takes that block as its caption when it is one ("wp-caption-text"). The index
    of the next child to walk."""
    before = len(blocks)
    flush()
    if len(blocks) > before and isinstance(blocks[-1], Figure) and not blocks[-1].caption:
        return caption_under(blocks, element, children, index)
    return index


_INVISIBLE = str.maketrans("", "", INVISIBLE)


def _shows_text(run: tuple[Inline, ...]) -> bool:
    """Whether a run shows any text: a link round a line break and a zero-width space shows none."""
    return bool(plain_text(run).translate(_INVISIBLE).strip())


def _wraps_blocks(element: Tag) -> bool:
    """A ``<span>`` or ``<font>`` round paragraphs or a table (``<span id="articleText"><p>…</p><p>…</p></span>``):
    a container, whose paragraphs stay paragraphs rather than lines of one."""
    return element.name in ("span", "font") and element.find(("p", "table"), recursive=False) is not None


def _split_at_images(items: Iterable[InlineItem]) -> Iterator[tuple[Inline, ...] | InlineImage]:
    """An inline run's text runs and images in their order: ``a<img>b`` is ``(a,)``, the picture, ``(b,)``."""
    run: list[Inline] = []
    for item in items:
        if isinstance(item, InlineImage):
            if run:
                yield tuple(run)
            run = []
            yield item
        else:
            run.append(item)
    if run:
        yield tuple(run)


def _around_images(items: list[InlineItem], wrap: Callable[[tuple[Inline, ...]], list[InlineItem]]) -> list[InlineItem]:
    """An element's inline items with each run between its images wrapped: ``<b>a<img>b</b>`` is
    **a**, the picture, **b**, so the text keeps its place round a figure that must stand alone."""
    return [item for part in _split_at_images(items) for item in ([part] if isinstance(part, InlineImage) else wrap(part))]


def report_local_references(soup: Tag, reporter: Reporter) -> None:
    """Warn about elements that point at local files: they are never followed, but say so.

    Stylesheets, scripts, frames and objects named by an input are never fetched at all;
    a ``file:`` reference among them is worth a warning because it usually means a page is
    probing for local files.
    """
    for element in soup.find_all(("link", "script", "iframe", "frame", "object", "embed", "source", "meta", "form", "use")):
        for attribute in _RESOURCE_ATTRIBUTES:
            value = str(element.get(attribute) or "")
            if re.search(r"(?i)(^|url=)\s*file:", value):
                reporter.warning("resource-refused", f"<{element.name}> pointing at a local file ({value[:80]}) was not followed")
                break
