"""Boilerplate extraction for full web pages: find the article element, prune what is not article.

trafilatura decides *which text* is the article (it is the best-maintained extractor and handles
Chinese pages well), but its own output flattens structure: table captions become header cells,
figcaptions, ``lang`` attributes and ``<sup>`` are lost. So docconv uses its verdict only as an
oracle and maps it back onto the original tree: the element that holds the most article text and
the least other text becomes the content root, and inside it the subtrees that are plainly
boilerplate (navigation, share bars, ads, related links, comments — by tag, class/id and link
density, and holding no article text) are removed. The existing ``HtmlToBlocks`` walker then reads
the original markup, so tables, figures and lists survive intact.

Every whole HTML document is extracted; a post body or a bare fragment never is.
``Options.extract`` forces (True) or forbids (False) it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

from docconv.charclass import CJK_TEXT
from docconv.diagnostics import Reporter
from docconv.model import comparable
from docconv.options import Options
from docconv.readers.html.extractor import trafilatura_output
from docconv.readers.html.figures import image_source, is_page_chrome
from docconv.readers.html.matching import found_chars, squeeze
from docconv.readers.html.nodes import PAGE_FORM_CHARS, class_words, is_hidden_microdata
from docconv.readers.html.other_stories import (
    holds_headline,
    link_density,
    lists_other_stories,
    reads_as_prose,
    remove_never_article,
    removed_with_lead_in,
)
from docconv.readers.html.parse import html5_markup, looks_like_page
from docconv.readers.html.rescue import Verdict
from docconv.readers.html.tables import is_layout_table

# Class/id words that mark page furniture rather than article content.
BOILERPLATE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs?|sidebar|side|widget|widget-area|footer|topbar|"
    r"header|masthead|share|sharing|sharedaddy|social|comments?|comment-area|comment-list|respond|reply|related|"
    r"relatedposts|jp-relatedposts|recommend|recommended|hot|hot-list|ranking|rank|popular|trending|more|"
    r"ad|ads|advert|advertisement|adsbygoogle|banner|sponsor|promo|newsletter|subscribe|signup|login|"
    r"qrcode|qr|ewm|download|app|tags-links|cat-links|post-navigation|pagination|pager|skip-link|screen-reader-text|"
    r"copyright|disclaimer|toolbar|search|print|fav|entry-footer|entry-meta|byline|article-info|"
    r"author-bio|meta|date|dateline|pubtime|publish-time|tags|tag-list|keywords|"
    r"support-us|supportus|support-cta|support-banner|support-box|support-appeal|donate|donation|contribute|membership|paywall|upsell|"
    r"mw-editsection|editsection|edit-link|navbox|navbox-inner|catlinks|ambox|sisterproject|"
    r"controls?|control-bar|settings?|"
    r"popup|pop-up|popmake|pum|modal|overlay|lightbox|flyout|cookie|cookies|gdpr|consent)(?:$|[-_\s])",
    re.IGNORECASE,
)
# Layers a script shows over the page (pop-ups, dialogs, cookie banners): hidden until then, and
# never the article, however much text the extractor found in them.
_OVERLAY = re.compile(
    r"(?:^|[-_\s])(?:popup|pop-up|popmake|pum|modal|overlay|lightbox|flyout|cookie|cookies|gdpr|consent)(?:$|[-_\s])",
    re.IGNORECASE,
)
_FURNITURE_TAGS = frozenset(("nav", "aside", "footer", "form", "header", "menu", "dialog"))
_SKIPPED = frozenset(("script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe"))
_SPACE = re.compile(r"\s+")
MIN_ARTICLE_CHARS = 80  # below this, trafilatura's verdict is not trusted
MIN_PAGE_CHARS = 400  # a page with less text and no furniture element is read whole
# Class/id words of an article's metadata line (author, date, source), and how long such a line can be.
_METADATA_MARK = re.compile(
    r"(?:^|[-_\s])(?:byline|dateline|date|pubtime|publish-time|entry-meta|post-meta|article-info|meta)(?:$|[-_\s])",
    re.IGNORECASE,
)
_BYLINE_CHARS = 80


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def is_boilerplate_marked(element: Tag) -> bool:
    """An element whose tag or class/id names page furniture (``<nav>``, ``class="related-news"``).

    A ``<footer>`` or ``<header>`` inside a quotation or a figure is its attribution or caption.
    """
    if element.name in ("footer", "header") and element.find_parent(("blockquote", "figure", "q")) is not None:
        return False
    if element.name in _FURNITURE_TAGS:
        return True
    marker = class_words(element)
    if not marker or _names_content(element, marker):
        return False
    if _SUPPORT.search(marker) and _APPEAL.search(element.get_text(" ")[:_APPEAL_CHARS]):
        return True  # a box asking readers to fund the site; a help centre's "support-article" is an article
    return bool(BOILERPLATE.search(marker))


def _names_content(element: Tag, marker: str) -> bool:
    """Class words that only look like furniture's: a code highlighter's tokens (``hljs-comment``,
    ``token comment``), a picture that opens in a lightbox (``zh-lightbox-thumb``), the article's
    body with a modifier (``article-body type-header``)."""
    if element.name in ("pre", "code") or element.find_parent(("pre", "code")) is not None:
        return True
    if element.name == "img" or (element.name in ("a", "figure", "picture") and element.find("img") is not None):
        return not BOILERPLATE.search(_OVERLAY.sub(" ", marker))
    return bool(_ARTICLE_CLASS.search(marker))


_SUPPORT = re.compile(r"(?:^|[-_\s])support(?:$|[-_\s])", re.IGNORECASE)
_APPEAL = re.compile(
    r"contribut|donat|reader funding|fund (?:our|independent)|support us\b|become a (?:member|supporter)", re.IGNORECASE
)
_APPEAL_CHARS = 2000


def laid_out_in_tables(body: Tag) -> bool:
    """Whether a page is laid out in tables (older government and CMS sites); its first 20 tables tell."""
    return any(is_layout_table(table) for table in body.find_all("table", limit=20))


def wanted(soup: BeautifulSoup, options: Options, text: str) -> bool:
    """Whether to run extraction: forced or forbidden by ``options.extract``, else on every whole page.

    A whole page is extracted even when it shows no sign of furniture: menus written as plain
    links, footers as plain lines and "related" blocks without a telling class are common, and on a
    page that really is only its article the extractor agrees with the whole body, so nothing is lost.
    Only a page of a few lines (under ``MIN_PAGE_CHARS``) without a furniture element is read whole.
    """
    if options.extract is not None:
        return options.extract
    body = soup.body
    if body is None or not looks_like_page(text):
        return False
    # A page of a few lines without any sign of furniture has nothing to separate, and the
    # extractor may drop a heading or a table from it.
    return len(squeeze(body.get_text())) >= MIN_PAGE_CHARS or _shows_furniture(body)


def _shows_furniture(body: Tag) -> bool:
    """A furniture element, a table layout, a class or id naming furniture, or much of the text in links."""
    if body.find(_FURNITURE_TAGS - {"header"}) is not None or laid_out_in_tables(body):
        return True
    if any(is_boilerplate_marked(element) for element in body.find_all(True)):
        return True
    all_text = len(_norm(body.get_text()))
    link_text = sum(len(_norm(a.get_text())) for a in body.find_all("a"))
    return all_text > 0 and link_text / all_text > 0.3


@dataclass
class _Verdict:
    """What trafilatura considers article: its text (whitespace removed).

    It is asked for text only: asked for images too, it takes a block of linked banner images
    (a betting sidebar, a gallery of other stories) for the article on some pages, whose real text
    it finds without them.
    """

    text: str
    prose: int = 0  # characters in prose lines less those in other lines: how article-like the verdict reads
    # Its lines read as prose only where it joined a page's menu entries and names into one line
    # (Chinese and Japanese prose has no spaces to join them with): it took menus for the article.
    joined_menus: bool = False


def _trafilatura_verdict(html: str, base_url: str | None, reporter: Reporter, tables: bool = True) -> _Verdict | None:
    from lxml import etree  # type: ignore[import-untyped]

    try:
        # Text only: asked for images too, it takes a block of linked banners for the article on some pages.
        xml = trafilatura_output(html, base_url, "xml", tables=tables, images=False)
    except Exception as error:
        reason = type(error).__name__
        reporter.warning("extraction-failed", f"boilerplate extraction failed ({reason}); using the page heuristics")
        return None
    if not xml:
        return None
    try:
        tree = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        return None
    main = tree.find("main")
    root = main if main is not None else tree
    text = squeeze("".join(root.itertext()))
    if len(text) < MIN_ARTICLE_CHARS:
        return None
    as_read, as_written = _prose_balance(root)
    return _Verdict(text, as_written, joined_menus=as_written < 0 <= as_read)


_WHOLE_PAGE = 0.9  # a verdict holding this share of the page's text is the page, not its article


def _reads_better(one: _Verdict, other: _Verdict, page_chars: int) -> bool:
    """Whether verdict ``one`` should replace ``other``: only when ``other`` failed, being the whole
    page (the extractor's fallback returns it as one paragraph, whatever its punctuation) or more
    menu than prose, and ``one`` reads better. More prose alone is no reason: a newsletter
    promotion under the article is prose too."""

    def merit(verdict: _Verdict) -> float:
        return -len(verdict.text) if len(verdict.text) >= page_chars * _WHOLE_PAGE else verdict.prose

    return merit(one) > merit(other) and (len(other.text) >= page_chars * _WHOLE_PAGE or other.prose < 0)


_VERDICT_LINES = frozenset(("p", "head", "item", "cell", "quote"))
_LINE_END = "\ue000"  # (private use) marks the extractor's <lb/> while its lines are read


def _prose_balance(root: Any) -> tuple[int, int]:  # an lxml element (lxml has no type information)
    """Characters of the extractor's lines that read as prose, less those that do not (menu
    entries, labels, footer lines) and those in links: two verdicts on one page are compared by it.
    Counted on its lines as it gives them, and on the lines the page wrote (its joins undone)."""
    for line_break in root.iter("lb"):
        line_break.tail = _LINE_END + (line_break.tail or "")
    linked = sum(len(squeeze("".join(ref.itertext()))) for ref in root.iter("ref"))
    as_read = as_written = -2 * linked  # link text counts against the verdict, also where it stands in a prose line
    for element in root.iter(*_VERDICT_LINES):
        if any(inner is not element and inner.tag in _VERDICT_LINES for inner in element.iter()):
            continue  # its lines are counted where they are written
        for line in "".join(element.itertext()).split(_LINE_END):
            as_read += _line_balance(squeeze(line))
            as_written += sum(_line_balance(squeeze(part)) for part in _JOINED.split(line))
    return as_read, as_written


def _line_balance(text: str) -> int:
    return -len(text) if _not_prose(text) else len(text)


# A space between two Chinese or Japanese characters: prose in those languages has none, so it
# is where the extractor joined separate elements (menu entries, a ranking's names) into one line.
_JOINED = re.compile(f"(?<=[{CJK_TEXT}])\\s+(?=[{CJK_TEXT}])")


@dataclass
class _Counts:
    kept: int = 0
    other: int = 0
    weak: int = 0  # of ``kept``, the characters in links or in short lines without punctuation

    @property
    def score(self) -> int:
        """How much an element looks like the article's container: its article text less its other
        text, with article text that is not prose counted against it too: text in links, and short
        lines without a punctuation mark. An extractor that cannot tell a page's parts apart counts
        navigation, breadcrumbs, lists of headlines and a site's header and footer lines as article;
        they still do not make a region the article, prose does (the punctuation and text density
        rules of Chinese extractors)."""
        return self.kept - self.other - (3 * self.weak) // 2

    @property
    def prose(self) -> int:
        return self.kept - self.weak


# A mark that ends a sentence or a clause: what prose has and navigation, labels and footers lack.
_SENTENCE_MARK = re.compile(r"[。！？；，、.!?;,]")
_LINE_CHARS = 50
_PROSE_CHARS_PER_MARK = 80  # a clause or sentence ends at least this often in prose, CJK or not


def _is_short_line(element: Tag) -> bool:
    """An element whose text is not prose."""
    return _not_prose(squeeze(element.get_text()))


def _not_prose(text: str) -> bool:
    """A short line without punctuation (a label, a menu entry) or a longer one with fewer marks
    than sentences have (a footer's "主办单位：…　ICP备案号：…")."""
    marks = len(_SENTENCE_MARK.findall(text))
    return marks == 0 or (len(text) >= _LINE_CHARS and marks * _PROSE_CHARS_PER_MARK < len(text))


def _count(element: Tag, verdict: _Verdict, counts: dict[int, _Counts]) -> _Counts:
    """Article and non-article characters under ``element``, memoised by element id."""
    total = _Counts()
    short: bool | None = None  # whether the element's text is not prose; computed once, when needed
    for child in element.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            text = squeeze(str(child))
            found = found_chars(text, verdict.text)
            total.kept += found
            total.other += len(text) - found
            if found and (short := _is_short_line(element) if short is None else short):
                total.weak += found
        elif isinstance(child, Tag) and child.name not in _SKIPPED:
            if child.name == "img" or is_hidden_microdata(child):
                continue  # a theme's hidden schema.org data for every teaser: never what makes a region the article
            inner = _count(child, verdict, counts)
            total.kept += inner.kept
            total.other += inner.other
            total.weak += inner.kept if child.name == "a" else inner.weak
    counts[id(element)] = total
    return total


def _prune(root: Tag, counts: dict[int, _Counts]) -> int:
    """Remove boilerplate subtrees under ``root`` that hold (almost) no article text; returns how many."""
    removed = 0
    prose = counts[id(root)].kept - counts[id(root)].weak if id(root) in counts else 0
    for element in list(root.find_all(True)):
        if element.parent is None or element.decomposed or _opens_prose(element) or _in_data_table(element):
            continue
        if lists_other_stories(element) and not holds_headline(element) and not reads_as_prose(element):
            removed += removed_with_lead_in(element)  # teasers, which the extractor may count as article
            continue
        count = counts.get(id(element))
        if count and (count.kept - count.weak) * 2 > prose:
            continue  # it holds most of the article's prose: the article's own container, in a page of links
        kept = count.kept if count else 0
        other = count.other if count else len(_norm(element.get_text()))
        marked = is_boilerplate_marked(element)
        if marked and kept + other <= _BYLINE_CHARS and _METADATA_MARK.search(class_words(element)):
            # A byline or date line: trafilatura often counts it as article, but it is the
            # metadata docconv already has (author, date), and the outputs print it themselves.
            element.decompose()
            removed += 1
            continue
        link_list = kept + other >= 10 and link_density(element) > 0.6 and element.name not in ("a", "p")
        # It holds article text: keep it, however it is marked — unless it is marked *and* a list
        # of links ("related news"), whose titles trafilatura counts as article when it cannot
        # tell a page's parts apart.
        if kept > max(20, other // 4) and not (marked and link_list):
            continue
        if marked or (other >= 10 and link_list):
            removed += removed_with_lead_in(element)
    return removed


def _in_data_table(element: Tag) -> bool:
    """A cell or row of a table of data: a cell of links is the table's column, not a link list,
    and a table with a cell taken out misreports every row."""
    if element.name not in ("td", "th", "tr"):
        return False
    table = element.find_parent("table")
    return table is not None and not is_layout_table(table)


_PROSE_AFTER_DATELINE = 40  # characters of a sentence after the place, in the same paragraph
_INLINE = frozenset(("span", "em", "strong", "b", "i", "small", "font", "time", "a"))


def _opens_prose(element: Tag) -> bool:
    """An inline dateline that opens a paragraph ("<span class=dateline>KOBE – </span>A total of…"):
    the place is the article's first words, not the page's metadata line."""
    parent = element.parent
    if element.name not in _INLINE or parent is None or parent.name not in ("p", "div"):
        return False
    if not _METADATA_MARK.search(class_words(element)):
        return False
    rest = squeeze(parent.get_text()).replace(squeeze(element.get_text()), "", 1)
    return len(rest) >= _PROSE_AFTER_DATELINE and not _not_prose(rest)


def _unwrap_page_forms(body: Tag, counts: dict[int, _Counts]) -> None:
    """A ``<form>`` holding article text is the page's layout, not a form: ASP.NET WebForms wraps
    every page in one. It becomes a plain container, so neither pruning nor the walk drops it."""
    for form in body.find_all("form"):
        count = counts.get(id(form))
        if count is not None and count.kept >= PAGE_FORM_CHARS:
            form.name = "div"


# What may stand after the article's last paragraph without being in the extractor's text: a data
# table (not asked for on table-laid pages), an image, code, a quotation.
_TAIL_KEPT = frozenset(("table", "figure", "img", "picture", "pre", "blockquote"))


def _trim_tail(root: Tag, counts: dict[int, _Counts], verdict: _Verdict) -> int:
    """Remove what follows the article's last text inside the root: comments and "posted by" lines
    that a blog template writes as siblings of the article's paragraphs, with no container to prune."""
    node = root
    while True:
        holding = [c for c in node.find_all(True, recursive=False) if _kept(c, counts) > 0]
        if len(holding) != 1 or any(_loose_article_text(c, verdict) for c in node.children):
            break
        node = holding[0]
    children = list(node.children)
    last = max((i for i, c in enumerate(children) if _kept(c, counts) >= 10 or _loose_article_text(c, verdict)), default=None)
    if last is None:
        return 0
    removed = 0
    for element in children[last + 1 :]:
        if not isinstance(element, Tag) or element.name in _TAIL_KEPT or element.find(_TAIL_KEPT):
            continue
        if _kept(element, counts) == 0 and squeeze(element.get_text()):
            element.decompose()
            removed += 1
    return removed


def _loose_article_text(node: object, verdict: _Verdict) -> bool:
    """A text node directly in a container (``<br>``-separated articles) that is article text."""
    return isinstance(node, NavigableString) and not isinstance(node, Comment) and found_chars(squeeze(node), verdict.text) >= 10


def _kept(element: object, counts: dict[int, _Counts]) -> int:
    count = counts.get(id(element))
    return count.kept if count else 0


def _overlaid(body: Tag) -> set[int]:
    """The ids of the elements in pop-up layers, the layers included."""
    layers = [element for element in body.find_all(True) if _OVERLAY.search(class_words(element))]
    return {id(node) for layer in layers for node in (layer, *layer.descendants)}


_REMOVED_VERDICT = 0.5  # a verdict with less of its text left on the page was mostly in what was removed


def _best_container(body: Tag, counts: dict[int, _Counts], menus_read: bool) -> Tag:
    """The element with the most article text and the least other text, outside pop-up layers.

    When that element holds under half the article (its container also holds much furniture:
    a table cell of a portal page, an encyclopedia's navigation boxes), the element that holds
    most of the article with the least other text is taken instead (the body when none holds
    70 % of it), and pruning removes the furniture inside it.
    """
    overlaid = _overlaid(body)
    candidates = [
        (element, count)
        for element in body.find_all(True)
        if (count := counts.get(id(element))) is not None
        and element.name not in ("p", "a", "span", "li", "tr")
        and id(element) not in overlaid
    ]
    best, best_count = body, counts[id(body)]
    for element, count in candidates:
        # On a tie the inner element wins: what its container adds is worth nothing as article.
        if count.kept > 0 and (count.score > best_count.score or (count.score == best_count.score and best in element.parents)):
            best, best_count = element, count
    total = counts[id(body)].kept
    if best_count.kept >= total * 0.5 or (menus_read and _holds_its_prose(best_count, counts[id(body)])):
        return best
    # The body holds all of it: when no element holds most of the article, the article is the page.
    holding = [(element, count) for element, count in candidates if count.kept >= total * 0.7] + [(body, counts[id(body)])]
    return min(holding, key=lambda pair: pair[1].other)[0]


_MOST_PROSE = 0.6  # share of the article's prose that makes an element its container, whatever else the extractor took


def _declared_body_around(root: Tag, body: Tag) -> Tag:
    """The element the page declares its article's body (WeChat's ``#js_content``, schema.org's
    ``articleBody``) when the chosen element lies inside it and holds only part of its text: the
    extractor found one of the many sections an editor split the article into."""
    declared = body.find_all(lambda element: element.get("id") == "js_content" or element.get("itemprop") == "articleBody")
    if len(declared) != 1 or declared[0] not in root.parents:
        return root
    wider = len(squeeze(declared[0].get_text())) >= _PART_OF_DECLARED * len(squeeze(root.get_text()))
    return declared[0] if wider else root


_PART_OF_DECLARED = 2  # a declared body with this many times the chosen element's text holds more than headline and labels


def _holds_its_prose(element: _Counts, page: _Counts) -> bool:
    """Whether an element holds most of the prose of an article that an extractor read mostly
    from menus and rankings: on the page, its text is mostly links and short lines without a
    sentence mark."""
    mostly_menus = page.weak * 2 > page.kept
    enough = min(element.prose, page.prose) >= MIN_ARTICLE_CHARS
    return mostly_menus and enough and element.prose >= page.prose * _MOST_PROSE


_PART_CHARS = 40  # article characters that make an element of the root's kind a part of the article


def _joined_parts(soup: BeautifulSoup, root: Tag, counts: dict[int, _Counts]) -> Tag:
    """The root, or the article's parts joined in one container when the page splits the article
    into several elements of the root's kind (``<div class="story-text">`` before and after an
    advertisement; BuzzFeed's ``subbuzz subbuzz-text`` and ``subbuzz subbuzz-image`` blocks, one
    kind in variants): each part holds article text and more of it than anything else, and the
    container stands where the first part stood."""
    classes = root.get("class")
    if not classes:
        return root
    kind = {str(c) for c in classes}
    parts = [
        element
        for element in (soup.body or soup).find_all(root.name)
        if _same_kind(kind, {str(c) for c in element.get("class") or []})
        and (
            ((count := counts.get(id(element))) is not None and count.kept >= _PART_CHARS and count.kept > count.other)
            or _continues(root, element)
        )
    ]
    parts = [part for part in parts if part is root or not _signed_post(part)]
    # Page builders nest elements of one kind (WPBakery's ``wpb_wrapper`` in a column's
    # ``wpb_wrapper``): the one around the root holds only some of the article's parts, the others
    # stand beside it. The outermost of the rest are the parts.
    ancestors = {id(parent) for parent in root.parents}
    parts = [part for part in parts if id(part) not in ancestors]
    parts = [part for part in parts if not any(other in part.parents for other in parts)]
    if len(parts) < 2 or root not in parts:
        return root
    joined = soup.new_tag("div")
    parts[0].insert_before(joined)
    for part in parts:
        joined.append(part.extract())
    counts[id(joined)] = _Counts(
        sum(counts[id(p)].kept for p in parts), sum(counts[id(p)].other for p in parts), sum(counts[id(p)].weak for p in parts)
    )
    return joined


_CONTINUATION_LEVELS = 4  # how far up the article's text and its continuation meet (a grid's cell, its block)


def _continues(root: Tag, element: Tag) -> bool:
    """The rest of the article in the root's text class after an ad slot, which the extractor did not
    count (Engadget's last ``article-text … no-review`` block): prose, in the root's neighbourhood, after it."""
    if element is root or not any(_ARTICLE_CLASS.search(str(c)) for c in root.get("class") or []):
        return False
    near = list(root.parents)[:_CONTINUATION_LEVELS]
    if not any(ancestor in element.parents for ancestor in near):
        return False
    text = " ".join(element.get_text(" ").split())
    if len(text) < _CONTINUATION_CHARS or not _CLOSES_SENTENCE.search(text) or link_density(element) >= _PROSE_LINK_SHARE:
        return False
    return element in root.find_all_next(root.name)


_CONTINUATION_CHARS = 150  # a paragraph of the article, not a caption or a label
_CLOSES_SENTENCE = re.compile(r"[.!?。！？][\"'”’」)）]*$")
_PROSE_LINK_SHARE = 0.2


def _same_kind(one: set[str], other: set[str]) -> bool:
    """Classes of one kind of element: the same, or variants of a class both share (a BEM block's
    modifiers: ``subbuzz subbuzz-text`` and ``subbuzz subbuzz-image``), or the root's article-text
    classes with a modifier added (``article-text c-gray-1 no-review`` after ``article-text c-gray-1``)."""
    shared = one & other
    if one < other and any(_ARTICLE_CLASS.search(c) for c in one):
        return True
    return bool(shared) and all(any(c.startswith((f"{s}-", f"{s}_")) for s in shared) for c in one ^ other)


_ARTICLE_CLASS = re.compile(r"(?:^|[-_])(?:article|story|entry|post)[-_]?(?:text|body|content)(?:$|[-_])", re.IGNORECASE)


# Who posted it and when: the mark of a forum's reply, whose container looks like the first post's.
_POSTED = re.compile(
    r"发布时间|發佈時間|发表于|發表於|posted (?:by|on|at)\b|\breply #?\d+|回复\s*#?\d+|回覆\s*#?\d+", re.IGNORECASE
)
_SIGNATURE_CHARS = 200


def _signed_post(element: Tag) -> bool:
    text = " ".join(element.get_text(" ").split())
    return bool(_POSTED.search(text[:_SIGNATURE_CHARS]) or _POSTED.search(text[-_SIGNATURE_CHARS:]))


def main_content(soup: BeautifulSoup, html: str, base_url: str | None, reporter: Reporter) -> Tag | None:
    """The article element of a full page, with boilerplate pruned, or None to fall back."""
    region = article_region(soup, html, base_url, reporter)
    return region[0] if region else None


def _verdict_for_layout(body: Tag, html: str, base_url: str | None, reporter: Reporter) -> tuple[_Verdict | None, bool]:
    """The extractor's verdict on a page, and whether it was asked for tables.

    On a page laid out in tables trafilatura keeps the whole layout as one "table" of article;
    without tables it finds the article inside them. (A data table in such an article is not in
    the verdict, but it sits in the article's cell and holds no furniture, so it stays.) Other
    table layouts hold the article in a cell it only finds with tables; without them it reads the
    whole layout, menus and all. So both are asked for there, and the one that reads better wins.
    """
    tables = not laid_out_in_tables(body)
    verdict = _trafilatura_verdict(html, base_url, reporter, tables=tables)
    if not tables:
        with_tables = _trafilatura_verdict(html, base_url, reporter, tables=True)
        page_text = squeeze(body.get_text())
        if with_tables is not None and (
            verdict is None
            or _reads_better(with_tables, verdict, len(page_text))
            or (_in_footer(verdict, page_text) and not _in_footer(with_tables, page_text))
        ):
            verdict, tables = with_tables, True
    whole_page = verdict is not None and len(verdict.text) >= len(squeeze(body.get_text())) * _WHOLE_PAGE
    if whole_page and verdict is not None and verdict.prose < 0 and usual_root(body) is not body:
        # The extractor gave up and returned the whole page, menus first, on a page that marks its
        # article (one <article> or <main>): that mark is the better verdict.
        return None, tables
    return verdict, tables


_FOOTER = 0.75  # an article does not start in the last quarter of its page's text: that is the footer


def _in_footer(verdict: _Verdict, page_text: str) -> bool:
    start = page_text.find(verdict.text[:40])
    return start >= 0 and start >= len(page_text) * _FOOTER


def article_region(soup: BeautifulSoup, html: str, base_url: str | None, reporter: Reporter) -> tuple[Tag, Verdict | None] | None:
    """The article element of a full page, with boilerplate pruned, and what the extractor took as
    the article (to check the walk against, ``rescue``); None to fall back."""
    body = soup.body
    if body is None:
        return None
    remove_never_article(body)
    verdict, tables = _verdict_for_layout(body, html, base_url, reporter)
    if verdict is not None and found_chars(verdict.text, squeeze(body.get_text())) < len(verdict.text) * _REMOVED_VERDICT:
        # The extractor read a privacy notice or a list of teasers as the article: ask it again
        # about the page without them.
        html = str(soup)
        verdict, tables = _verdict_for_layout(body, html, base_url, reporter)
    if verdict is None and (reparsed := html5_markup(html)) is not None:
        # The extractor's own parse loses the article on some pages a browser shows whole.
        verdict, tables = _verdict_for_layout(body, reparsed, base_url, reporter)
        html = reparsed if verdict is not None else html
    if verdict is None:
        return structural_root(body, reporter, "the extractor found no article"), None
    counts: dict[int, _Counts] = {}
    total = _count(body, verdict, counts)
    _unwrap_page_forms(body, counts)
    menus_read = verdict.joined_menus
    root = _declared_body_around(_joined_parts(soup, _best_container(body, counts, menus_read), counts), body)
    root_count = counts[id(root)]
    description = _page_description(soup)
    kept_aside = _standfirst_aside(root, description, soup)
    removed = _prune(root, counts) + _trim_tail(root, counts, verdict)
    _standfirst_back(kept_aside)
    lead = _lead_before(root, description)
    for element in reversed(lead):
        root.insert(0, element.extract())
    menus_read = menus_read and _holds_its_prose(root_count, total)
    found = _found_share(root_count, total, len(verdict.text), menus_read)
    reporter.info(
        "extracted",
        f"article body taken from <{root.name}{_describe(root)}>: {root_count.kept} of {len(verdict.text)} article characters, "
        f"{total.other - root_count.other} characters of page furniture left out, {removed} boilerplate blocks pruned inside",
    )
    if found < 0.6:
        reporter.warning(
            "extraction-partial", f"only {found:.0%} of the article text was found in one element; some may be missing"
        )
    return root, Verdict(verdict.text, tables, html, menus_read=menus_read)


def _found_share(root: _Counts, page: _Counts, verdict_chars: int, menus_read: bool) -> float:
    """The share of the article the region holds. Measured against what the page still holds: the
    lists of other stories removed before and hidden microdata were never the article, even where
    the extractor counted them; and only against its prose when the rest it read was menus."""
    if menus_read:
        return root.prose / max(1, page.prose)
    return root.kept / max(1, min(verdict_chars, page.kept))


# What news sites call the summary under the headline.
_STANDFIRST = re.compile(
    r"(?:^|[-_\s])(?:standfirst|dek|deck|lede|lead|summary|excerpt|intro|abstract|sub-?headline|sub-?title|teaser)(?:$|[-_\s])",
    re.IGNORECASE,
)


def _lead_before(root: Tag, description: str) -> list[Tag]:
    """The lead photo and the standfirst that an ``<article>`` puts above the body the extractor chose.

    Many news pages (the Guardian's, the BBC's) hold the article text in a body element and
    put the headline, the standfirst and the main photo with its caption above it in the same
    ``<article>``; the extractor counts only the body as article, and the photo would be lost.
    """
    article = root.find_parent("article")
    if article is None:
        return []
    lead: list[Tag] = []
    around_root = {id(parent) for parent in root.parents}
    for element in article.find_all(True):
        if element is root:
            break
        if root in element.parents or any(element in taken.descendants for taken in lead):
            continue
        if (_is_description(element, description) or _named_standfirst(element)) and _in_article_header(element, article):
            lead.append(element)  # named after the header it sits in ("post-header__dek"), and says so
            continue
        if _furniture_between(element, article, around_root):
            continue
        said = _is_standfirst(element) or _is_description(element, description)
        if _is_lead_photo(element) or (said and not _in_slide(element, article, around_root)):
            lead.append(element)
    return lead


def _standfirst_aside(root: Tag, description: str, soup: BeautifulSoup) -> tuple[Tag, Tag] | None:
    """Set the standfirst aside when the headline's block inside the body's container holds it,
    marked as a header ("sidebar-grid__header"), which the pruning may remove: it waits right after
    that block, a marker in its place, for ``_standfirst_back``."""
    for element in root.find_all(True):
        if not (_is_standfirst(element) or _is_description(element, description)):
            continue
        marked = [a for a in element.parents if a is not root and root in a.parents and is_boilerplate_marked(a)]
        head = marked[-1] if marked else None
        if head is None or head.find("h1") is None:
            return None
        marker = soup.new_tag("span")
        element.replace_with(marker)
        head.insert_after(element)
        return element, marker
    return None


def _standfirst_back(aside: tuple[Tag, Tag] | None) -> None:
    """The standfirst back in its place when the pruning kept the block it came from."""
    if aside is None:
        return
    standfirst, marker = aside
    if marker.decomposed or marker.parent is None:
        return  # pruned with its block: the standfirst stays where it was set aside
    if not standfirst.decomposed and any(parent.name == "body" for parent in marker.parents):
        marker.replace_with(standfirst.extract())
    else:
        marker.extract()


def _page_description(soup: BeautifulSoup) -> str:
    for key in ("description", "og:description", "twitter:description"):
        meta = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
        if isinstance(meta, Tag) and (content := _norm(str(meta.get("content") or ""))):
            return content
    return ""


_DESCRIPTION_TAGS = frozenset(("p", "h2", "h3", "h4", "div", "span"))


def _is_description(element: Tag, description: str) -> bool:
    """A line under the headline that says what the page's description says, whatever its quotes:
    the standfirst, whatever its element or class (generated class names say nothing)."""
    return (
        element.name in _DESCRIPTION_TAGS
        and len(description) >= 20
        and comparable(element.get_text()) == comparable(description)
        and element.find(("a", "h1", "figure", "img")) is None
    )


def _is_lead_photo(element: Tag) -> bool:
    """A ``<figure>`` of one picture that is the article's: not the byline's portrait set as a figure."""
    image = element.find("img") if element.name == "figure" else None
    if not isinstance(image, Tag) or element.find(("figure", "table")):
        return False
    return not is_page_chrome(image, image_source(image))


def _furniture_between(element: Tag, article: Tag, around_root: set[int]) -> bool:
    """Whether ``element`` sits in furniture inside the ``<article>``. The article's own header is
    not ("post-header__dek" is its standfirst), nor is a wrapper round the body too ("sidebar-grid")."""
    node: Tag | None = element
    while node is not None and node is not article:
        if id(node) in around_root:
            return False
        if is_boilerplate_marked(node) and not _article_header(node):
            return True
        node = node.parent
    return False


# The names that say a standfirst and nothing else (a "teaser" or a "lead" may be another story's).
_STANDFIRST_NAME = re.compile(r"(?:^|[-_\s])(?:standfirst|dek|deck|sub-?title|sub-?headline)(?:$|[-_\s])", re.IGNORECASE)


def _named_standfirst(element: Tag) -> bool:
    return _is_standfirst(element) and bool(_STANDFIRST_NAME.search(class_words(element)))


_CAPTION_BOX_LEVELS = 3
_CAPTION_BOX_EXTRA = 40  # characters beside the caption in its picture's box: a credit, a counter


def _in_slide(element: Tag, article: Tag, around_root: set[int]) -> bool:
    """A caption in its picture's box (a slideshow's "summary" beside its slide): the smallest box
    round it that holds an image holds little else."""
    text = len(_norm(element.get_text()))
    for level, parent in enumerate(element.parents):
        if level >= _CAPTION_BOX_LEVELS or parent is article or id(parent) in around_root:
            return False
        if parent.find("img") is not None:
            return len(_norm(parent.get_text())) <= text + _CAPTION_BOX_EXTRA
    return False


def _in_article_header(element: Tag, article: Tag) -> bool:
    return any(_article_header(parent) for parent in element.parents if article in parent.parents)


def _article_header(element: Tag) -> bool:
    """An article's own ``<header>``: it holds the headline (and the standfirst under it)."""
    return element.name == "header" and element.find("h1") is not None


_STANDFIRST_CHARS = 600
_STANDFIRST_WORDS = 5
_CJK_LETTER = re.compile(f"[{CJK_TEXT}]")
_ABSTRACT_CHARS = 4000  # a paper's abstract, structured in sections, is longer than a news standfirst


def _is_standfirst(element: Tag) -> bool:
    words = " ".join(str(element.get(a) or "") for a in ("data-gu-name", "data-component", "itemprop", "data-title"))
    named = f"{class_words(element)} {words}"
    if not _STANDFIRST.search(named) or element.find(("h1", "figure", "img", "table")):
        return False
    if element.find_parent("a") is not None:
        return False  # a label inside the headline's link, or another story's teaser
    longest = _ABSTRACT_CHARS if re.search(r"abstract", named, re.IGNORECASE) else _STANDFIRST_CHARS
    text = _norm(element.get_text())
    if not 20 <= len(text) <= longest or link_density(element) >= 0.3:
        return False
    # A sentence of its own: a series' name in a "subtitle" ("Reader Kitchen Remodel") says too little.
    return len(element.get_text(" ").split()) >= _STANDFIRST_WORDS or len(_CJK_LETTER.findall(text)) >= 2 * _STANDFIRST_WORDS


def _describe(element: Tag) -> str:
    marker = class_words(element)
    return f' "{marker}"' if marker else ""


def structural_root(body: Tag, reporter: Reporter, why: str) -> Tag:
    """Without a trustworthy verdict: the usual content root, with the furniture its markup names
    pruned; a ``<form>`` holding a page's worth of text is its layout (ASP.NET), not furniture."""
    for form in body.find_all("form"):
        if len(squeeze(form.get_text())) >= PAGE_FORM_CHARS:
            form.name = "div"
    root = usual_root(body)
    for element in list(root.find_all(True)):
        if element.parent is not None and not element.decomposed and is_boilerplate_marked(element) and element is not root:
            element.decompose()
    reporter.info("extraction-heuristic", f"{why}; used the page structure instead")
    return root


def usual_root(body: Tag) -> Tag:
    """The page's one ``<article>`` or ``<main>`` when it holds text (a theme may leave an empty
    one beside the real article), else the whole body."""
    for name in ("article", "main"):
        found = body.find_all(name)
        if len(found) == 1 and found[0].get_text(strip=True):
            return found[0]
    return body
