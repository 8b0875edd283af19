"""What the HTML walker knows about elements: tag families, hidden/text/lang tests, tidying inline runs, resolving references."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import Tag
from bs4.element import CData, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from docconv.model import (
    Block,
    Figure,
    Heading,
    Inline,
    LangSpan,
    LineBreak,
    Paragraph,
    Table,
    plain_text,
)
from docconv.tree import map_blocks, map_inline_runs

DROPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "select",
        "option",
        "textarea",
        "label",
        "canvas",
        "svg",
        "math",
        "audio",
        "video",
        "source",
        "track",
        "map",
        "area",
        "link",
        "meta",
        "head",
        "title",
        "base",
        "dialog",
        "menu",
        "nav",
        "aside",
    ]
)
CONTAINERS = frozenset(
    [
        "html",
        "body",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "center",
        "hgroup",
        "address",
        "details",
        "summary",
        "fieldset",
        "legend",
        "dl",
        "dd",
        "dt",
        "picture",
        "span-block",
    ]
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
EMPHASIS = frozenset(["em", "i", "cite", "dfn", "var"])
STRONG = frozenset(["strong", "b"])
CODE = frozenset(["code", "kbd", "samp", "tt"])
BLOCK_TAGS = (
    frozenset(
        [
            "p",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "dir",
            "li",
            "blockquote",
            "pre",
            "listing",
            "xmp",
            "plaintext",
            "table",
            "figure",
            "hr",
            "img",
        ]
    )
    | CONTAINERS
)
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "nobr",
    ]
)


@dataclass(frozen=True, slots=True)
class InlineImage:
    """An image met inside inline content; the paragraph builder lifts it out as a Figure."""

    figure: Figure


InlineItem = Inline | InlineImage


def _marked(children: tuple[Inline, ...], lang: str) -> tuple[Inline, ...]:
    """A heading's or cell's run as a language span (they have no ``lang`` of their own)."""
    if not children or (len(children) == 1 and isinstance(children[0], LangSpan)):
        return children
    return (LangSpan(children=children, lang=lang),)


def with_lang(blocks: list[Block], lang: str) -> list[Block]:
    """Mark ``blocks`` (paragraphs; headings and table cells through a language span; inside quotes
    and lists too) as written in ``lang``."""

    def mark(block: Block) -> Block:
        if isinstance(block, Paragraph) and block.lang is None:
            return replace(block, lang=lang)
        if isinstance(block, Heading):
            return replace(block, children=_marked(block.children, lang))
        if isinstance(block, Table):
            return map_inline_runs((block,), lambda run: _marked(run, lang))[0]
        return block

    return list(map_blocks(blocks, mark))


def lang_span(items: list[InlineItem], lang: str) -> list[InlineItem]:
    """Wrap an inline run the source marked with ``lang``; images stay outside."""
    images = [i for i in items if isinstance(i, InlineImage)]
    run = tuple(i for i in items if not isinstance(i, InlineImage))
    if not run or not plain_text(run).strip():
        return items
    return [*images, LangSpan(children=run, lang=lang)]


# Void elements libxml2 (2.14) does not know are void: it nests everything after them inside
# them, so ``<embed>`` or ``<source>`` (dropped) would take the rest of the page with them.
_MISNESTED_VOID = ("embed", "source", "track", "wbr", "keygen")


def unnest_void_elements(root: Tag) -> None:
    """Put back in place the content the parser nested inside void elements (the element itself carries none)."""
    for element in root.find_all(_MISNESTED_VOID):
        for child in reversed(list(element.contents)):  # after it, in order; the element keeps its attributes
            element.insert_after(child.extract())


def class_words(element: Tag) -> str:
    """An element's class and id, camelCase split into words (``relatedNews`` → ``related News``)."""
    classes: object = element.get("class") or []
    words = " ".join(str(c) for c in classes) if isinstance(classes, list) else str(classes)
    return _CAMEL.sub(r"\1 \2", f"{words} {element.get('id') or ''}".strip())


_CAMEL = re.compile(r"([a-z])([A-Z])")


def is_text(node: NavigableString) -> bool:
    return not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)) or isinstance(node, CData)


def is_hidden(element: Tag) -> bool:
    """Hidden for good: ``hidden``, ``aria-hidden="true"``, ``display:none``, microdata hidden by a
    class, a label for screen readers only. The article's paragraphs a paywall hides are not.

    ``visibility:hidden`` is not: a descendant can be ``visible`` again, and pages hide their
    article that way until a script reveals it — WeChat's ``#js_content``, the body of every
    article saved from mp.weixin.qq.com.
    """
    if _not_displayed(element) or element.get("aria-hidden") == "true":
        return not _withheld_article(element)
    return is_hidden_microdata(element) or _for_screen_readers(element) or _for_print_only(element)


def is_never_drawn(element: Tag) -> bool:
    """Text no sighted reader sees: ``hidden``, ``display:none``, a label for screen readers only.
    (``aria-hidden`` text is drawn: a caption hidden from screen readers, which read the alt instead.)"""
    return _not_displayed(element) or _for_screen_readers(element)


def _not_displayed(element: Tag) -> bool:
    """``hidden`` or ``display:none``: the element takes no place on the page."""
    style = str(element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style


# The rest of the article a paywall hides until the reader subscribes: the page holds it, hidden
# by a script's switch, in an element named for the paywall. A subscription box named so is a few
# short lines; the article is paragraphs.
_PAYWALL = re.compile(r"paywall|premium|subscriber|locked|metered|restricted", re.IGNORECASE)
PARAGRAPH_CHARS = 50  # a paragraph of prose, not a label or a link line
_WITHHELD_PARAGRAPHS = 2
_WITHHELD_CHARS = 400


def _withheld_article(element: Tag) -> bool:
    if not _PAYWALL.search(class_words(element)):
        return False
    paragraphs = [len(p.get_text()) for p in element.find_all("p")]
    return sum(n >= PARAGRAPH_CHARS for n in paragraphs) >= _WITHHELD_PARAGRAPHS and sum(paragraphs) >= _WITHHELD_CHARS


# The classes that take a label off the screen for screen readers only ("Article content" above
# each section of a story, "image caption," or "Legende:" before a caption), with a framework's
# prefix or not (``u-visually-hidden``, ``h-offscreen``): a sighted reader never sees them.
_SCREEN_READER_CLASS = re.compile(
    r"^(?:[a-z]{1,3}-)?(?:sr-only|sr-text|visually-?hidden|hidden-visually|off-?screen|screen-?reader(?:-text|-only)?"
    r"|a11y-hidden|element-invisible)$",
    re.IGNORECASE,
)
_SCREEN_READER_CHARS = 200  # a label; a longer text so marked is not one, and is kept


def _for_screen_readers(element: Tag) -> bool:
    if not any(_SCREEN_READER_CLASS.match(str(c)) for c in element.get("class") or []):
        return False
    return len(element.get_text()) <= _SCREEN_READER_CHARS


# What a page shows only on paper it prints itself ("This article was printed from …").
_PRINT_ONLY = re.compile(
    r"^(?:print-?only|print-?box|visible-print(?:-block)?|show-for-print|d-print-(?:block|inline))$", re.IGNORECASE
)


def _for_print_only(element: Tag) -> bool:
    names = [str(element.get("id") or ""), *(str(c) for c in element.get("class") or [])]
    return any(_PRINT_ONLY.match(name) for name in names)


# The classes CSS frameworks hide an element with. Pages hide collapsed content that way too (the
# rest of a contents list until "more" is clicked), which is the article's: only schema.org data
# hidden so — a theme's image URL, size, author and dates for every teaser — is never read.
_HIDING_CLASSES = frozenset(("hidden", "d-none", "hide", "is-hidden", "u-hidden"))


def is_hidden_microdata(element: Tag) -> bool:
    """Hidden by a class and holding only microdata (``itemprop`` values) for search engines."""
    if not any(str(c).lower() in _HIDING_CLASSES for c in element.get("class") or []):
        return False
    strings = [t for t in element.find_all(string=True) if t.strip()]
    return bool(strings) and all(_in_microdata(t, element) for t in strings)


def _in_microdata(string: NavigableString, within: Tag) -> bool:
    for parent in string.parents:
        if parent.get("itemprop") is not None:
            return True
        if parent is within:
            return False
    return False


_CONTROLS = ("input", "button", "select", "option", "textarea", "label", "script", "style")
PAGE_FORM_CHARS = 200


def is_page_form(element: Tag) -> bool:
    """A ``<form>`` that wraps a page's content rather than asking for input: ASP.NET WebForms and
    some portal templates put the whole page, article included, inside one. It holds prose —
    at least ``PAGE_FORM_CHARS`` characters outside its controls."""
    if element.name.lower() != "form":
        return False
    text = 0
    for string in element.find_all(string=True):
        if not any(parent.name in _CONTROLS for parent in string.parents if parent is not element):
            text += len("".join(str(string).split()))
            if text >= PAGE_FORM_CHARS:
                return True
    return False


def element_lang(element: Tag) -> str | None:
    from docconv.language import normalise_tag

    value = element.get("lang") or element.get("xml:lang")
    return normalise_tag(str(value), element.get_text()[:2000]) if value else None


def holds_blocks(element: Tag) -> bool:
    """Whether an element the walker does not know holds block content: a block child, or a block
    anywhere inside when it is a custom element (``<pp-header>``, ``<story-body>``), whose children
    are often custom elements too, laid out as blocks by the page's styles. An AMP image is an
    image whatever it holds (its placeholder and fallback ``<div>``s)."""
    if element.name.lower() in ("amp-img", "amp-anim"):
        return False
    if any(isinstance(c, Tag) and c.name.lower() in BLOCK_TAGS for c in element.children):
        return True
    return "-" in element.name and element.find(_BLOCK_NAMES) is not None


_BLOCK_NAMES = sorted(BLOCK_TAGS - {"img"})  # an image is inline content: <amp-img> holds its <noscript> copy


def is_li_or_blank(node: object) -> bool:
    if isinstance(node, Tag):
        return node.name.lower() == "li"
    return isinstance(node, NavigableString) and not node.strip()


def has_text(run: list[Inline] | list[InlineItem]) -> bool:
    return any(not isinstance(i, (InlineImage, LineBreak)) and plain_text((i,)).strip() for i in run)


# Footnote back-references: kramdown's reversefootnote, pandoc's footnote-back, markdown-it's
# footnote-backref, WordPress plugins' footnote-return; DPUB-ARIA's doc-backlink.
_BACKLINK_CLASS = re.compile(r"reversefootnote|footnote-?back(?:ref|link)?|footnote-?return|fn-?back(?:ref)?", re.IGNORECASE)
_BACKLINK_TEXT = frozenset(["↩", "↩\ufe0e", "↩\ufe0f", "↑", "⤴", "^", "⏎"])


def is_note_backlink(link: Tag) -> bool:
    """A link from a footnote back to where it was called."""
    if link.get("role") == "doc-backlink":
        return True
    classes = " ".join(str(c) for c in link.get("class") or [])
    if classes and _BACKLINK_CLASS.search(classes):
        return True
    href = str(link.get("href") or "")
    return href.startswith("#") and link.get_text().strip() in _BACKLINK_TEXT


# A gallery's counter before each slide's caption ("1 of 4. Authorities monitor …").
_SLIDE_COUNTER = re.compile(r"^\d{1,3}\s*of\s*\d{1,3}\s*[.:|]\s*(?=\S)", re.IGNORECASE)


def clean_caption(text: str) -> str:
    return _SLIDE_COUNTER.sub("", " ".join(text.split()))


def resolve_reference(url: str, base_url: str | None, site_url: str | None) -> str:
    """Where an image, cover or link of the page points.

    A web page's references resolve against the page. In a local file (a saved page, a post) a
    relative path stays as written, as pandoc keeps it, so Markdown output stays portable (the
    media store resolves it against the input when it needs the bytes); ``//host/…`` and
    ``/path`` resolve against the page's own site when its canonical URL names one, or against
    the local site a post belongs to (``local_site_root``), else against the file, where the fetch
    policy judges them like any other local path.
    """
    local = not base_url or not base_url.startswith(("http:", "https:"))
    if local and not urlsplit(url).scheme:
        if url.startswith("//"):
            return urljoin(site_url if site_url and not site_url.startswith("file:") else "https:", url)
        if not url.startswith("/"):
            return url
        if site_url and site_url.startswith("file:"):
            return site_url.rstrip("/") + url
        if site_url:
            return urljoin(site_url, url)
    return urljoin(base_url, url) if base_url else url


# Where Jekyll (``_posts``, ``_drafts``) and Hexo (``source/_posts``, ``source/_drafts``) keep
# posts: the folder holding them is the one the site's ``/`` stands for.
_POST_FOLDERS = ("_posts", "_drafts")


def local_site_root(origin: str) -> str | None:
    """The local folder a post's ``/path`` means, as a ``file:`` URL, when the post sits in a site's posts folder."""
    if not origin or origin.startswith("<") or "://" in origin:
        return None
    path = Path(origin).absolute()
    for folder in path.parents:
        if folder.name in _POST_FOLDERS:
            return folder.parent.as_uri() + "/"
    return None
