"""A saved page into a tree: lxml first, the HTML5 parsing rules when lxml loses the page.

lxml (libxml2) is fast but does not follow the HTML5 parsing algorithm. On some saved pages it
gives up: an unknown element in ``<head>`` (``<mbox>``, a stray table row) makes it keep
everything in the head, or stop reading, and the page has no ``<body>`` at all; a browser
closes the head there and shows the page. When lxml's tree holds much less text than the markup
plainly carries, the page is parsed again with html5lib, which follows the browsers' rules, and
the extractor is given that tree's markup so that both read the same page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import Comment, NavigableString

from docconv.diagnostics import Reporter
from docconv.readers.html.matching import squeeze

# html5lib is pure Python (about 1 s per MB of markup here): larger pages keep lxml's tree.
MAX_REPARSE_CHARS = 3_000_000
# lxml's tree is judged lost when it holds under this share of the text a tag-stripping scan finds.
_LOST_SHARE = 0.6
_NOT_TEXT = re.compile(r"<(script|style|noscript|template|textarea)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_UNREAD = ("script", "style", "noscript", "template", "textarea", "title")


@dataclass(frozen=True, slots=True)
class ParsedPage:
    soup: BeautifulSoup
    markup: str  # what the extractor is given: the page as written, or html5lib's tree when it was reparsed


def parse_page(text: str, reporter: Reporter) -> ParsedPage:
    """The page's tree; a fragment (a post's body) is always lxml's, it has no head to lose its body in."""
    soup = _with_open_noscript_unwrapped(BeautifulSoup(text, "lxml"))
    if (soup.body is not None and not _lost_text(soup, text)) or len(text) > MAX_REPARSE_CHARS or not looks_like_page(text):
        return ParsedPage(soup, text)
    again = _with_open_noscript_unwrapped(BeautifulSoup(text, "html5lib"))
    if again.body is None or _visible_chars(again) <= _visible_chars(soup):
        return ParsedPage(soup, text)
    reporter.info("page-reparsed", "the page's markup loses its body in the fast parser; read it by the HTML5 parsing rules")
    return ParsedPage(again, str(again))


_SWALLOWED = 0.5  # share of the body's text inside one <noscript>: the page, not a fallback message
_SWALLOWED_CHARS = 500  # and at least this much of it: "please enable JavaScript" is a message


def _with_open_noscript_unwrapped(soup: BeautifulSoup) -> BeautifulSoup:
    """A ``<noscript>`` that opens an element it does not close (``<noscript><div id="nojs"></noscript>``)
    holds the rest of the page in a parser that reads its content as markup; a browser running
    scripts reads it as text and shows the page. Such a ``<noscript>`` is unwrapped."""
    body = soup.body
    if body is None:
        return soup
    total = len(squeeze(body.get_text()))
    for noscript in body.find_all("noscript"):
        inside = len(squeeze(noscript.get_text())) if not noscript.decomposed else 0
        if inside >= _SWALLOWED_CHARS and inside >= total * _SWALLOWED:
            noscript.unwrap()
    return soup


def looks_like_page(text: str) -> bool:
    """Whether ``text`` starts like a whole HTML document rather than a fragment of one."""
    head = text[:4096].lower()
    # Saved pages that lost their opening tags still carry what only a page holds: its head, or
    # the form ASP.NET wraps around everything.
    marks = ("<html", "<body", "<!doctype", "<head", "<meta ", "<title", "<link ", "<form")
    return any(mark in head for mark in marks) or re.search(r"<body[\s>]", text, re.IGNORECASE) is not None


def html5_markup(text: str) -> str | None:
    """The page as a browser builds it, serialised, for the extractor when it finds nothing in the
    markup as written (its own lxml parse loses the article on some pages); None for a page too
    large to parse again."""
    if len(text) > MAX_REPARSE_CHARS:
        return None
    return str(BeautifulSoup(text, "html5lib"))


def _lost_text(soup: BeautifulSoup, text: str) -> bool:
    """Whether lxml's tree holds much less text than the markup's text between tags."""
    scanned = len(squeeze(html.unescape(_TAG.sub(" ", _NOT_TEXT.sub(" ", text)))))
    return scanned >= 200 and _visible_chars(soup) < scanned * _LOST_SHARE


def _visible_chars(soup: BeautifulSoup) -> int:
    """Characters of text in the body outside scripts, styles and the like (the two parsers' trees
    type those strings differently, so they are told apart by where they stand)."""
    body = soup.body
    if body is None:
        return 0
    unread = {id(node) for element in body.find_all(_UNREAD) for node in element.descendants}
    return sum(
        len(squeeze(str(node)))
        for node in body.descendants
        if isinstance(node, NavigableString) and not isinstance(node, Comment) and id(node) not in unread
    )
