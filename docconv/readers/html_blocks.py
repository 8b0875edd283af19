"""Turn an HTML element tree (BeautifulSoup) into the model's blocks and inline runs.

Only content survives: scripts, styles, forms, embedded objects, event handlers and inline
styles have no node to go into. Text is kept as written (whitespace included); the
``normalise_whitespace`` transform applies the CSS segment-break rules afterwards. Nesting
deeper than ``max_depth`` is flattened to its text rather than recursed into.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from docconv.diagnostics import Reporter
from docconv.errors import LimitExceededError
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
    ListItem,
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
from docconv.options import Limits

DROPPED = frozenset(
    [
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
        "input", "button", "select", "option", "textarea", "label", "canvas", "svg", "math", "audio", "video", "source",
        "track", "map", "area", "link", "meta", "head", "title", "base", "dialog", "menu", "nav", "aside"
    ]
)
CONTAINERS = frozenset(
    [
        "html", "body", "div", "section", "article", "main", "header", "footer", "center", "hgroup", "address",
        "details", "summary", "fieldset", "legend", "dl", "dd", "dt", "picture", "span-block"
    ]
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
EMPHASIS = frozenset(["em", "i", "cite", "dfn", "var"])
STRONG = frozenset(["strong", "b"])
CODE = frozenset(["code", "kbd", "samp", "tt"])
SAFE_LINK_SCHEMES = frozenset(("http", "https", "mailto"))
_LAZY_SRC_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url")
_CAPTION_CLASS = re.compile(r"caption|desc|pic-?info|img-?(note|title|text)|photo-?(note|text)|credit", re.I)
_CAPTION_START = re.compile(r"^\s*[（(]?\s*(图|圖|图片|圖片|图为|圖為|写真|▲|△|↑|Photo|Image|Picture|Credit)", re.I)
_CENTERED = re.compile(r"text-align\s*:\s*center", re.I)


@dataclass(frozen=True, slots=True)
class _Image:
    """An image met inside inline content; the paragraph builder lifts it out as a Figure."""

    figure: Figure


_InlineItem = Inline | _Image


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
        blocks: list[Block] = []
        pending: list[_InlineItem] = []
        if depth == 0:
            _unnest_void_elements(element)
        if depth > self.limits.max_depth:
            self._report_flattened()
            return self._paragraphs(self._flat_text(element))

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
                if _is_text(child):
                    pending.append(Text(str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in DROPPED or _hidden(child):
                continue
            if name == "br":
                pending.append(LineBreak())
                continue
            if name == "li":
                flush()
                items = [child]
                while index < len(children) and _is_li_or_blank(children[index]):
                    if isinstance(children[index], Tag):
                        items.append(children[index])  # type: ignore[arg-type]
                    index += 1
                blocks.append(ListBlock(tuple(self._list_item(li, depth + 1) for li in items)))
                continue
            if name in INLINE_TAGS or (name not in BLOCK_TAGS and not _has_block_child(child)):
                pending.extend(self.inline_child(child, depth + 1))
                continue
            flush()
            produced = self._block(child, name, depth + 1)
            lang = _lang(child)
            blocks.extend(with_lang(produced, lang) if lang else produced)
            if blocks and isinstance(blocks[-1], Figure) and not blocks[-1].caption:
                caption = _caption_after(children, index)
                if caption is not None:
                    blocks[-1] = _with_caption(blocks[-1], caption[0])
                    index = caption[1]
        flush()
        self._count(len(blocks))
        return blocks

    def _block(self, element: Tag, name: str, depth: int) -> list[Block]:
        if name in HEADINGS:
            children = tuple(self._inline_only(self.inlines(element, depth)))
            return [Heading(HEADINGS[name], children)] if plain_text(children).strip() else []
        if name == "p":
            return self._paragraphs(self.inlines(element, depth), lang=_lang(element))
        if name in ("ul", "ol", "dir"):
            return [self._list(element, name == "ol", depth)]
        if name == "blockquote":
            inner = self.blocks(element, depth)
            return [Quote(tuple(inner))] if inner else []
        if name in ("pre", "listing", "xmp", "plaintext"):
            return [_code_block(element)]
        if name == "table":
            return self._table(element, depth)
        if name == "figure":
            return self._figure(element, depth)
        if name == "img":
            figure = self._image(element)
            return [figure] if figure else []
        if name == "hr":
            return [Rule()]
        # Everything else is a container of blocks: div, section, article, unknown tags.
        return self.blocks(element, depth)

    def _paragraphs(self, items: Iterable[_InlineItem], lang: str | None = None) -> list[Block]:
        """Split an inline run at its images: text before, the figure, text after."""
        blocks: list[Block] = []
        run: list[Inline] = []
        for item in items:
            if isinstance(item, _Image):
                if _has_text(run):
                    blocks.append(Paragraph(tuple(run), lang))
                run = []
                blocks.append(item.figure)
            else:
                run.append(item)
        if _has_text(run):
            blocks.append(Paragraph(tuple(_trim_breaks(run)), lang))
        return blocks

    def _list(self, element: Tag, ordered: bool, depth: int) -> ListBlock:
        items = [self._list_item(li, depth + 1) for li in element.find_all("li", recursive=False)]
        if not items:  # a list of bare text or of nested lists: keep its text as one item
            inner = self.blocks(element, depth)
            items = [ListItem(tuple(inner))] if inner else []
        start = 1
        if ordered:
            try:
                start = int(str(element.get("start", "1")).strip())
            except ValueError:
                start = 1
        return ListBlock(tuple(items), ordered, max(start, 0))

    def _list_item(self, element: Tag, depth: int) -> ListItem:
        return ListItem(tuple(self.blocks(element, depth)))

    def _figure(self, element: Tag, depth: int) -> list[Block]:
        caption_element = element.find("figcaption")
        caption = ""
        if isinstance(caption_element, Tag):
            caption = _clean_caption(caption_element.get_text(" "))
            caption_element.extract()
        inner = self.blocks(element, depth)  # once: a second walk would report every warning twice
        images: list[Block] = [b for b in inner if isinstance(b, Figure)]
        others: list[Block] = [b for b in inner if not isinstance(b, Figure)]
        if not images:
            return others + ([Paragraph((Text(caption),))] if caption else [])
        if caption:
            images[-1] = _with_caption(images[-1], caption)
        return [*images, *others]

    def _table(self, element: Tag, depth: int) -> list[Block]:
        caption_element = element.find("caption")
        caption = ""
        if isinstance(caption_element, Tag):
            caption = plain_text(tuple(self._inline_only(self.inlines(caption_element, depth))))
        rows: list[tuple[Tag, bool]] = []
        for row in _table_rows(element):
            in_head = row.parent is not None and row.parent.name == "thead"
            rows.append((row, in_head))
        grid: list[list[TableCell]] = []
        head_count = 0
        pending_rowspans: dict[int, int] = {}
        spans_dropped = False
        for row_index, (row, in_head) in enumerate(rows):
            cells: list[TableCell] = []
            column = 0
            for cell in row.find_all(("td", "th"), recursive=False):
                while pending_rowspans.get(column, 0) > 0:
                    pending_rowspans[column] -= 1
                    cells.append(TableCell((), header=cell.name == "th"))
                    column += 1
                inlines = tuple(self._inline_only(self.inlines(cell, depth)))
                cells.append(TableCell(inlines, header=cell.name == "th", align=_align(cell)))
                colspan = _span(cell.get("colspan"))
                rowspan = _span(cell.get("rowspan"))
                if colspan > 1 or rowspan > 1:
                    spans_dropped = True
                for extra in range(colspan):
                    if rowspan > 1:
                        pending_rowspans[column + extra] = rowspan - 1
                    if extra:
                        cells.append(TableCell(()))
                column += colspan
            while pending_rowspans.get(column, 0) > 0:
                pending_rowspans[column] -= 1
                cells.append(TableCell(()))
                column += 1
            if not cells:
                continue
            if (in_head or (row_index == head_count and all(c.header for c in cells))) and head_count == row_index:
                head_count += 1
            grid.append(cells)
        if not grid:
            return []
        if spans_dropped:
            self.reporter.warning("table-span-dropped", "a table cell spanning rows or columns was split into single cells")
        width = max(len(r) for r in grid)
        table_rows = [TableRow(tuple(r + [TableCell(())] * (width - len(r)))) for r in grid]
        if head_count == len(table_rows):  # all-header tables: only the first row is the head
            head_count = 1
        return [Table(tuple(table_rows[:head_count]), tuple(table_rows[head_count:]), _clean_caption(caption))]

    # ---------------------------------------------------------- inline level

    def inlines(self, element: Tag, depth: int = 0) -> list[_InlineItem]:
        if depth > self.limits.max_depth:
            self._report_flattened()
            return self._flat_text(element)
        items: list[_InlineItem] = []
        for child in element.children:
            block_child = isinstance(child, Tag) and child.name.lower() in BLOCK_TAGS and child.name.lower() != "img"
            after_text = _has_text([i for i in items if not isinstance(i, _Image)])
            if block_child and after_text and not isinstance(items[-1], LineBreak):
                items.append(LineBreak())
            items.extend(self.inline_child(child, depth))
        return items

    def inline_child(self, child: object, depth: int) -> list[_InlineItem]:
        """The inline items one child node contributes (a text, an <em>, an <a> …)."""
        items: list[_InlineItem] = []
        if isinstance(child, NavigableString):
            if _is_text(child):
                items.append(Text(str(child)))
            return items
        if not isinstance(child, Tag):
            return items
        name = child.name.lower()
        if name in DROPPED or _hidden(child):
            return items
        if name == "br":
            items.append(LineBreak())
        elif name == "img":
            figure = self._image(child)
            if figure:
                items.append(_Image(figure))
        elif name in EMPHASIS:
            items.extend(self._wrap(Emphasis, child, depth))
        elif name in STRONG:
            items.extend(self._wrap(Strong, child, depth))
        elif name in CODE:
            text = child.get_text()
            if text:
                items.append(Code(text))
        elif name == "sup":
            items.extend(self._wrap(Superscript, child, depth))
        elif name == "sub":
            items.extend(self._wrap(Subscript, child, depth))
        elif name == "a":
            items.extend(self._link(child, depth))
        elif name == "q":
            # Browsers draw the quotation marks of <q>; without them the words read as the writer's own.
            opening, closing = ("「", "」") if (_lang(child) or "").startswith("ja") else ("“", "”")
            items.extend([Text(opening), *self.inlines(child, depth + 1), Text(closing)])
        elif name in BLOCK_TAGS or name in CONTAINERS:
            # A block inside inline content (a <div> in a <td>, a <p> in an <li>): its text goes
            # on a line of its own (``inlines`` adds the break before it).
            items.extend(self.inlines(child, depth + 1))
        else:
            items.extend(self.inlines(child, depth + 1))
        lang = _lang(child) if name not in BLOCK_TAGS else None
        return _lang_span(items, lang) if lang else items

    def _wrap(self, node: type, element: Tag, depth: int) -> list[_InlineItem]:
        """Wrap inline children in ``node``, lifting any image out in front of it."""
        inner = self.inlines(element, depth + 1)
        images = [i for i in inner if isinstance(i, _Image)]
        run = tuple(i for i in inner if not isinstance(i, _Image))
        wrapped: list[_InlineItem] = list(images)
        if run and plain_text(run).strip():
            wrapped.append(node(run))
        elif run:
            wrapped.extend(run)
        return wrapped

    def _link(self, element: Tag, depth: int) -> list[_InlineItem]:
        inner = self.inlines(element, depth + 1)
        images = [i for i in inner if isinstance(i, _Image)]
        run = tuple(i for i in inner if not isinstance(i, _Image))
        href = str(element.get("href") or "").strip()
        url = self._safe_url(href)
        items: list[_InlineItem] = list(images)
        if url and plain_text(run).strip():
            items.append(Link(run, url))
        else:
            items.extend(run)
        return items

    def _safe_url(self, href: str) -> str | None:
        if not href or href.startswith("#"):
            return href if self.keep_fragment_links and len(href) > 1 else None
        href = re.sub(r"[\x00-\x20\x7f]", "", href) if ":" in href.split("/")[0] else href.strip()
        absolute = self._resolve(href)
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
        src = str(element.get("src") or "").strip()
        if not src or (src.startswith("data:") and len(src) < 200):
            # Lazy-loading pages put a tiny placeholder in src and the real image elsewhere.
            src = next((str(element[a]).strip() for a in _LAZY_SRC_ATTRIBUTES if element.get(a)), src)
        if not src:
            return None
        if not src.startswith("data:"):
            src = self._resolve(src)
        alt = " ".join(str(element.get("alt") or "").split())
        title = " ".join(str(element.get("title") or "").split())
        caption = title if self.image_title_is_caption else ""
        return Figure(src, alt, caption)

    # ---------------------------------------------------------------- helpers

    def _resolve(self, url: str) -> str:
        """An absolute URL: against the page, or, for a saved page's ``/path`` and ``//host``, its site."""
        local = not self.base_url or not self.base_url.startswith(("http:", "https:"))
        if url.startswith("//") and local:
            return urljoin(self.site_url or "https:", url)
        if url.startswith("/") and local and self.site_url:
            return urljoin(self.site_url, url)
        return urljoin(self.base_url, url) if self.base_url else url

    def _inline_only(self, items: Iterable[_InlineItem]) -> list[Inline]:
        """Inline content where no figure can stand (headings, cells): images keep their alt text."""
        result: list[Inline] = []
        for item in items:
            if isinstance(item, _Image):
                if item.figure.alt:
                    result.append(Text(item.figure.alt))
            else:
                result.append(item)
        return result

    def _flat_text(self, element: Tag) -> list[_InlineItem]:
        text = " ".join(s for s in element.strings if _is_text(s) and s.strip())
        return [Text(text)] if text else []

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


BLOCK_TAGS = frozenset(
    [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dir", "li", "blockquote", "pre", "listing", "xmp",
        "plaintext", "table", "figure", "hr", "img"
    ]
) | CONTAINERS
INLINE_TAGS = frozenset(
    [
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
        "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
        "nobr"
    ]
)


def with_lang(blocks: list[Block], lang: str) -> list[Block]:
    """Mark the paragraphs of ``blocks`` (inside quotes and lists too) as written in ``lang``."""
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and block.lang is None:
            block = Paragraph(block.children, lang)
        elif isinstance(block, Quote):
            block = Quote(tuple(with_lang(list(block.blocks), lang)))
        elif isinstance(block, ListBlock):
            items = tuple(ListItem(tuple(with_lang(list(i.blocks), lang))) for i in block.items)
            block = ListBlock(items, block.ordered, block.start)
        result.append(block)
    return result


def _lang_span(items: list[_InlineItem], lang: str) -> list[_InlineItem]:
    """Wrap an inline run the source marked with ``lang``; images stay outside."""
    images = [i for i in items if isinstance(i, _Image)]
    run = tuple(i for i in items if not isinstance(i, _Image))
    if not run or not plain_text(run).strip():
        return items
    return [*images, LangSpan(run, lang)]


# Void elements libxml2 (2.14) does not know are void: it nests everything after them inside
# them, so ``<embed>`` or ``<source>`` (dropped) would take the rest of the page with them.
_MISNESTED_VOID = ("embed", "source", "track", "wbr", "keygen")


def _unnest_void_elements(root: Tag) -> None:
    """Put back in place the content the parser nested inside void elements (the element itself carries none)."""
    for element in root.find_all(_MISNESTED_VOID):
        if element.contents:
            element.unwrap()


def _is_text(node: NavigableString) -> bool:
    return not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)) or isinstance(node, CData)


def _hidden(element: Tag) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = str(element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _lang(element: Tag) -> str | None:
    from docconv.language import normalise_tag

    value = element.get("lang") or element.get("xml:lang")
    return normalise_tag(str(value), element.get_text()[:2000]) if value else None


def _has_block_child(element: Tag) -> bool:
    return any(isinstance(c, Tag) and c.name.lower() in BLOCK_TAGS for c in element.children)


def _is_li_or_blank(node: object) -> bool:
    if isinstance(node, Tag):
        return node.name.lower() == "li"
    return isinstance(node, NavigableString) and not node.strip()


def _has_text(run: list[Inline] | list[_InlineItem]) -> bool:
    return any(not isinstance(i, (_Image, LineBreak)) and plain_text((i,)).strip() for i in run)  # type: ignore[arg-type]


def _trim_breaks(run: list[Inline]) -> list[Inline]:
    while run and (isinstance(run[-1], LineBreak) or (isinstance(run[-1], Text) and not run[-1].text.strip())):
        run = run[:-1]
    while run and (isinstance(run[0], LineBreak) or (isinstance(run[0], Text) and not run[0].text.strip())):
        run = run[1:]
    return run


def _code_block(element: Tag) -> CodeBlock:
    text = element.get_text()
    first = next(iter(element.children), None)
    if isinstance(first, NavigableString) and str(first).startswith("\n") and text.startswith("\n"):
        text = text[1:]  # HTML drops a newline right after <pre> (not one inside its <code>)
    language = ""
    code = element.find("code")
    if isinstance(code, Tag):
        for cls in code.get("class") or []:
            if str(cls).startswith("language-"):
                language = str(cls)[len("language-") :]
    return CodeBlock(text.rstrip("\n"), language)


def _table_rows(table: Tag) -> list[Tag]:
    rows: list[Tag] = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child.find_all("tr", recursive=False))
    return rows


def _span(value: object) -> int:
    try:
        return max(1, min(int(str(value)), 100))
    except (TypeError, ValueError):
        return 1


def _align(cell: Tag) -> str | None:
    align = str(cell.get("align") or "").lower()
    style = str(cell.get("style") or "").lower()
    for option in ("left", "center", "right"):
        if align == option or f"text-align:{option}" in style.replace(" ", ""):
            return option
    return None


def _with_caption(figure: Block, caption: str) -> Figure:
    assert isinstance(figure, Figure)
    return Figure(figure.src, figure.alt, caption)


def _clean_caption(text: str) -> str:
    return " ".join(text.split())


def _caption_after(children: Sequence[object], index: int) -> tuple[str, int] | None:
    """A caption written as the paragraph right under an image (centred, classed or "图为…")."""
    position = index
    while position < len(children) and isinstance(children[position], NavigableString):
        if str(children[position]).strip():
            return None
        position += 1
    if position >= len(children):
        return None
    candidate = children[position]
    if not isinstance(candidate, Tag) or candidate.name.lower() not in ("p", "div", "span", "figcaption"):
        return None
    if candidate.find(("img", "p", "div", "table", "ul", "ol")):
        return None
    text = _clean_caption(candidate.get_text(" "))
    if not text or len(text) > 120:
        return None
    classes = " ".join(str(c) for c in candidate.get("class") or [])
    styled = _CENTERED.search(str(candidate.get("style") or "")) or str(candidate.get("align") or "").lower() == "center"
    if _CAPTION_CLASS.search(classes) or candidate.name.lower() == "figcaption" or _CAPTION_START.match(text) or (
        styled and len(text) <= 60
    ):
        return text, position + 1
    return None


_RESOURCE_ATTRIBUTES = ("href", "src", "data", "srcset", "poster", "action", "content")


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
                reporter.warning(
                    "resource-refused", f"<{element.name}> pointing at a local file ({value[:80]}) was not followed"
                )
                break


def parse_fragment(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")
