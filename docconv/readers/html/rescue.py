"""When the article element holds much less than the extractor found, read the extractor's own article.

docconv maps the extractor's verdict back onto the page's markup to keep its structure (captions,
``lang``, merged cells). On pages whose article is split over sibling containers, or sits in
markup the walk cannot see into, the chosen element holds a fraction of the article: a list of
related links in place of a 3,000-character story. Losing the text is worse than losing some
structure, so when the blocks read from the page cover under half of the extractor's text, the
extractor's HTML output (paragraphs, headings, lists, tables, images) is read by the same walker
instead, provided it covers clearly more.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from docconv.diagnostics import Reporter
from docconv.model import Block, Figure, block_text
from docconv.readers.html.blocks import HtmlToBlocks
from docconv.readers.html.extractor import trafilatura_output
from docconv.readers.html.figures import image_source, is_page_chrome
from docconv.readers.html.matching import found_chars, squeeze
from docconv.readers.html.nodes import DROPPED, is_hidden
from docconv.readers.html.other_stories import lists_other_stories

_TEMPLATE_TYPES = ["text/template", "text/html", "text/x-template"]
ENOUGH = 0.5  # the page's own blocks are kept when they cover this share of the extractor's text
_BETTER_BY = 0.2  # the extractor's blocks must cover this much more to replace them


@dataclass(frozen=True)
class Verdict:
    """What the extractor took as the page's article: its squeezed text, whether it was asked for
    tables (it is not on pages laid out in tables), and the markup it read (the page as written,
    or as a browser builds it when the extractor found nothing in that)."""

    text: str
    tables: bool
    markup: str  # the page as the extractor read it
    # The extractor read mostly menus as the article, and the region was chosen for holding its
    # prose: what the extractor read is no article to fall back on.
    menus_read: bool = False


def coverage(blocks: list[Block], verdict: str) -> float:
    """The share of the extractor's text that ``blocks`` hold."""
    if not verdict:
        return 1.0
    ours = squeeze("".join(block_text(b) for b in blocks))
    return found_chars(verdict, ours) / len(verdict)


def rescued(
    blocks: list[Block], verdict: Verdict | None, base_url: str | None, converter: HtmlToBlocks, reporter: Reporter
) -> list[Block]:
    """``blocks``, or the extractor's reading of the page when it holds clearly more of the article."""
    if verdict is None or verdict.menus_read:
        return blocks
    kept = coverage(blocks, verdict.text)
    if kept >= ENOUGH:
        return blocks
    root = _extractor_article(verdict.markup, base_url, verdict.tables)
    if root is None:
        return blocks
    theirs = _readable(converter.blocks(root), verdict.markup)
    found = coverage(theirs, verdict.text)
    if found < kept + _BETTER_BY:
        return blocks
    reporter.warning(
        "extraction-fallback",
        f"the article element held {kept:.0%} of the text the extractor found; its own reading of the page "
        f"({found:.0%}) was used instead, with less of the page's structure",
    )
    return theirs


def _readable(blocks: list[Block], html: str) -> list[Block]:
    """The extractor's blocks whose text a reader of the page sees outside lists of other stories:
    it also reads the text of frames, objects, form controls and ``<noscript>``, which docconv never
    shows, and takes the teasers of a "related posts" list for the article on some blogs."""
    soup = BeautifulSoup(html, "lxml")
    chrome = _chrome_image_names(soup)
    # A template script holds markup a script shows as the page (Blogger's post bodies): readable.
    templates = [
        squeeze(BeautifulSoup(script.string or "", "lxml").get_text()) for script in soup.find_all("script", type=_TEMPLATE_TYPES)
    ]
    for element in soup.find_all(list(DROPPED - {"form"})):
        if not element.decomposed:
            element.decompose()
    for element in soup.find_all(lambda element: is_hidden(element) or lists_other_stories(element)):
        if not element.decomposed:
            element.decompose()
    visible = squeeze(soup.get_text()) + "".join(templates)
    kept: list[Block] = []
    for block in blocks:
        text = squeeze(block_text(block))
        if isinstance(block, Figure):
            if _file_name(block.src) not in chrome:
                kept.append(block)
        elif text and found_chars(text, visible) * 2 >= len(text):
            kept.append(block)
    return kept


def _chrome_image_names(soup: BeautifulSoup) -> set[str]:
    """File names of the page's icons, beacons and chrome images. The extractor's output drops the
    sizes and descriptions that tell them apart, so its images are judged by the page's markup."""
    chrome: set[str] = set()
    pictures: set[str] = set()
    for image in soup.find_all("img"):
        src = image_source(image)
        if src:
            (chrome if is_page_chrome(image, src) else pictures).add(_file_name(src))
    return chrome - pictures


def _file_name(src: str) -> str:
    return src.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _extractor_article(html: str, base_url: str | None, tables: bool) -> Tag | None:
    try:
        output = trafilatura_output(html, base_url, "html", tables=tables, images=True, formatting=True)
    except Exception:  # the extractor already ran once on this page; a failure now leaves the blocks as they are
        return None
    if not output:
        return None
    soup = BeautifulSoup(output, "lxml")
    return soup.body
