"""What a page carries beside its article and never is it, however much text an extractor takes
from it: lists of other stories ("related posts", "more stories", "most read"), rivers of teaser
cards, consent managers' privacy notices, the labels of a video player's controls, and ad slots
that say they are ads.

They are removed before the article's region is chosen: an extractor that takes a list's teasers
or a cookie policy for the article draws the region to them (a portal's "top news" column beside a
short article, a privacy notice longer than the story).
"""

from __future__ import annotations

import re
from collections import Counter

from bs4 import Tag

from docconv.charclass import CJK_IDEOGRAPHIC
from docconv.readers.html.nodes import PARAGRAPH_CHARS, class_words, is_text

# Class and id words of the lists of other stories a page carries beside its article.
_OTHER_STORIES = re.compile(
    r"(?:^|[-_\s])(?:related(?:[-_\s]?(?:posts?|stories|articles|news|content|links))?|relatedposts|jp-relatedposts|wp_rp|yarpp"
    r"|recommended|(?:more|top|hot|latest)[-_\s]?(?:stories|articles|news|posts)|most[-_\s]?(?:read|popular|viewed)"
    # The pinyin Chinese sites name them by: 相关新闻, 相关文章, 相关阅读, 推荐, 排行.
    r"|xgxw|xgwz|xgyd|tuijian|paihang)(?:$|[-_\s])",
    re.IGNORECASE,
)


def lists_other_stories(element: Tag) -> bool:
    """An element whose class or id names a list of other stories ("related posts", "most read"):
    never the article, however much text an extractor takes from its teasers. A post's taxonomy
    classes (WordPress's ``category-top-stories``, ``tag-most-read``) name what it is filed under."""
    words = " ".join(word for word in class_words(element).split() if not _TAXONOMY.match(word))
    return bool(_OTHER_STORIES.search(words))


_TAXONOMY = re.compile(r"(?:category|tag|section|topic)-", re.IGNORECASE)


_CONSENT = re.compile(r"(?:^|[-_\s])(?:cookie|cookies|gdpr|consent|onetrust)(?:$|[-_\s])", re.IGNORECASE)
# A paragraph that only introduces a list of other stories.
# A line that introduces a list of other stories: removed with the list here, and read as the
# list's start on the blocks (``furniture``).
LEAD_IN = re.compile(
    r"^\W*(?:往期推荐|往期推薦|往期回顾|往期回顧|猜你喜欢|猜你喜歡|热门推荐|熱門推薦|精彩推荐|精彩推薦|更多精彩|热门文章|熱門文章"
    r"|阅读更多|閱讀更多|(?:延伸|相关|相關|推荐|推薦|更多|扩展|擴展)(?:阅读|閱讀|新闻|新聞|报道|報導|文章|专题|專題)"
    r"|related(?: stories| articles| posts| reading| content)?|read more|more from|more stories|more on this|see also"
    r"|most read|you may also like|recommended(?: for you)?)\W*$",
    re.IGNORECASE,
)
# A "list of other stories" holding this share of the page's text is a misnamed wrapper of the
# article, unless this share of its text is in links: teasers that are links, not an article.
_HOLDS_ARTICLE = 0.6
_TEASER_LINKS = 0.5
_SPACE = re.compile(r"\s+")


def _chars(element: Tag) -> int:
    return len(_SPACE.sub("", element.get_text()))


def link_density(element: Tag) -> float:
    """The share of an element's text that is in links."""
    text = _chars(element)
    if not text:
        return 1.0
    return sum(_chars(a) for a in element.find_all("a")) / text


_SENTENCE_CHARS = 100  # letters of a whole sentence of prose (a CJK character counts two)
_SENTENCES_IN_A_ROW = 3
_PROSE_LINKS = 0.2
_CJK_LETTER = re.compile(f"[{CJK_IDEOGRAPHIC}]")
# A run of text that ends a sentence; a teaser's blurb is often cut off with an ellipsis instead.
_ENDS_SENTENCE = re.compile(r"[。！？.!?][”’」』\"')）]*$")


def reads_as_prose(element: Tag) -> bool:
    """An element whose text is an article's, whatever its name says ("mixRelatedNewsBlk" around a
    story's body): few links, and paragraphs of unlinked sentences one after another. A teaser's
    blurb has sentences too, but its title, source or age stands between it and the next one."""
    if link_density(element) > _PROSE_LINKS:
        return False
    in_a_row = 0
    for text in element.find_all(string=True):
        run = " ".join(str(text).split())
        if not run or not is_text(text) or text.find_parent(("script", "style")) is not None:
            continue
        long_enough = len(run) + len(_CJK_LETTER.findall(run)) >= _SENTENCE_CHARS
        if long_enough and text.find_parent("a") is None and _ENDS_SENTENCE.search(run):
            in_a_row += 1
            if in_a_row >= _SENTENCES_IN_A_ROW:
                return True
        else:
            in_a_row = 0
    return False


def holds_headline(element: Tag) -> bool:
    """Whether an element is or holds the page's article or headline (``<article>``, ``<main>``, ``<h1>``)."""
    return element.name in ("article", "main") or element.find(("h1", "article", "main")) is not None


def removed_with_lead_in(element: Tag) -> int:
    """Removes a list of other stories and the line introducing it ("延伸閱讀：", which means
    nothing once the list is gone); the number of elements removed."""
    label = element.find_previous_sibling()
    element.decompose()
    if isinstance(label, Tag) and LEAD_IN.match(label.get_text(" ", strip=True)):
        label.decompose()
        return 2
    return 1


def remove_never_article(body: Tag) -> None:
    """Removes consent notices, lists of other stories, rivers of teaser cards, players' labels,
    labelled ad slots and boxes about the writer from a page. A wrapper that merely carries such a
    name (it holds the headline, an ``<article>``, or most of the page in few links) stays, and so
    does a river that is the whole page (a blog's index)."""
    page_chars = _chars(body)
    for player in body.find_all(_is_player):
        if not player.decomposed and not holds_headline(player) and _chars(player) <= _PLAYER_CHARS:
            for text in player.find_all(string=True):
                if text.find_parent("a") is None:
                    text.extract()  # its controls, speeds and error messages; its video and links stay
    for element in _teaser_lists(body):
        if element.decomposed or holds_headline(element) or reads_as_prose(element):
            continue
        if _chars(element) < page_chars * _HOLDS_ARTICLE or _prose_outside(body, element) >= _PROSE_OUTSIDE:
            element.decompose()
    for element in body.find_all(lambda element: lists_other_stories(element) or bool(_CONSENT.search(class_words(element)))):
        if element.decomposed or holds_headline(element):
            continue
        notice = bool(_CONSENT.search(class_words(element)))  # a privacy notice is long, and never an article
        if not notice and reads_as_prose(element):
            continue
        teasers = lists_other_stories(element) and link_density(element) > _TEASER_LINKS
        if _chars(element) < page_chars * _HOLDS_ARTICLE or teasers or notice:
            removed_with_lead_in(element)
    for box in _labelled_ads(body):
        if not box.decomposed:
            box.decompose()
    for box in body.find_all(_is_author_box):
        if not box.decomposed and not holds_headline(box) and _chars(box) <= _AUTHOR_BOX_CHARS:
            box.decompose()
    for widget in body.find_all(lambda element: bool(_RECOMMENDER.search(class_words(element)))):
        if not widget.decomposed and not holds_headline(widget):
            widget.decompose()


# The widgets of the networks that fill a page's foot with paid and recommended links (Outbrain,
# Taboola, Revcontent …), named by their own markup: whatever they hold is never the article.
_RECOMMENDER = re.compile(
    r"(?:^|[-_\s])(?:outbrain|ob-widget|ob-dynamic-rec-container|taboola|trc_related_container|trc_rbox|revcontent|rc-wc"
    r"|zergnet(?:-widget)?|dianomi|plista|ligatus|mgid|nativo|adblade|content-?ad)(?:$|[-_\s\d])",
    re.IGNORECASE,
)


# The box about the writer under an article ("A 38-year industry veteran, Lance has covered …"),
# named for what it is; the byline at the top is read as metadata before this runs.
_AUTHOR_BOX = re.compile(
    r"(?:^|[-_\s])(?:author[-_\s]*(?:bio|biography|box|card|profile|about)|about[-_\s]*(?:the[-_\s]*)?author|bio[-_\s]*box)"
    r"(?:$|[-_\s])",
    re.IGNORECASE,
)
_AUTHOR_BOX_CHARS = 1200


def _is_author_box(element: Tag) -> bool:
    """The box about the writer: named so, or marked up as the author (schema.org) with a description."""
    if _AUTHOR_BOX.search(class_words(element)):
        return True
    return "author" in str(element.get("itemprop") or "").split() and element.find(itemprop="description") is not None


# What an ad slot's label says, in the languages of the pages that print one.
AD_WORDS = (
    r"advertisement|advertising|anzeige|werbung|publicidad|publicidade|publicité|pubblicità|advertentie|reklam|reklama"
    r"|annonse|annons|mainos|реклама|广告|廣告|広告"
)
# The label an ad slot prints in an element of its own ("Sponsored Links", <i>广告</i>). Alone on a line
# "Sponsored" labels a section of sponsored stories instead, which the block rules cut as a section.
_AD_LABEL = re.compile(rf"^(?:{AD_WORDS}|sponsored(?: links?| content| stories)?|ads by google|推广|推廣)$", re.IGNORECASE)
_AD_BOX_CHARS = 600  # an ad slot's label with its links and their blurbs; more is the article around it
_AD_LINKS = 0.15  # share of an ad slot's text in its links (headlines, addresses) beside their short blurbs


def _labelled_ads(body: Tag) -> list[Tag]:
    """Ad slots marked by their label: the largest element that begins with the label and holds
    little more than links (sponsored links and their blurbs, a promoted headline inside the
    article's text). A label alone, with no link beside it, is left for the block rules."""
    boxes: list[Tag] = []
    for string in body.find_all(string=lambda s: is_text(s) and bool(_AD_LABEL.match(s.strip()))):
        box, label = string.parent, _SPACE.sub("", string)
        if not isinstance(box, Tag):
            continue
        while isinstance(box.parent, Tag) and box.parent is not body and _starts_with(box.parent, label):
            box = box.parent
        if box.name != "a" and box.find("a", href=True) is None:
            continue
        in_link = box.name == "a" or box.find_parent("a") is not None
        linked = in_link or (link_density(box) >= _AD_LINKS and not _has_sentences(box))
        if linked and _chars(box) <= _AD_BOX_CHARS and not holds_headline(box):
            boxes.append(box)
    return boxes


_BLURB_CHARS = 160  # an ad's blurb between its links; a longer run of text is the article's prose


def _has_sentences(element: Tag) -> bool:
    return any(len(_SPACE.sub("", s)) > _BLURB_CHARS for s in element.find_all(string=True) if s.find_parent("a") is None)


def _starts_with(element: Tag, label: str) -> bool:
    return _chars(element) <= _AD_BOX_CHARS and _SPACE.sub("", element.get_text()).startswith(label)


# A script-driven video or audio player: its own text is its controls' labels ("倍速 1.5X", "Skip intro").
_PLAYER = re.compile(r"(?:^|[-_\s])\w*player(?:$|[-_\s])", re.IGNORECASE)
_PLAYER_CHARS = 1000  # more text than a player's labels: an article named after its player
_MEDIA = ("video", "audio", "iframe", "object", "embed")


def _is_player(element: Tag) -> bool:
    """A media player: named so, and holding its media or saying what it plays (not a football
    player's card, ``player-stats``)."""
    words = class_words(element)
    if not _PLAYER.search(words):
        return False
    return element.find(_MEDIA) is not None or bool(re.search(r"video|audio|media|mplayer", words, re.IGNORECASE))


_CARDS = 4  # sibling teaser cards that make a list of other stories
_CARD_CHARS = 600
_RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|\d+\s*(?:分钟|小时|天)前|\d+\s*(?:分鐘|小時|天)前",
    re.IGNORECASE,
)


_WRITTEN_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{4}\b|\d{4}年\d{1,2}月\d{1,2}日",
    re.IGNORECASE,
)


def _is_teaser_card(element: Tag) -> bool:
    """A card of another story: its headline linking to it and the time it was published (a
    ``<time>``, "13 hours ago", "January 15, 2008"), in a few lines. A live blog's entry links to
    itself (``#block-…``), by its time: it is the article; so is an entry of two paragraphs or more
    (a teaser has at most one line of blurb under its headline). A table's row is a card only when
    it is one cell: a row of several cells is the article's data (a table of dated releases)."""
    if _chars(element) > _CARD_CHARS or not any(_is_headline_link(link) for link in element.find_all("a", href=True)):
        return False
    if sum(_chars(p) >= PARAGRAPH_CHARS for p in element.find_all("p")) >= 2:
        return False
    if element.find("time") is not None or _RELATIVE_TIME.search(text := element.get_text(" ")):
        return True
    cells = [c for c in element.find_all(("td", "th"), recursive=False) if c.get_text(strip=True)]
    return bool(_WRITTEN_DATE.search(text)) and (element.name != "tr" or len(cells) <= 1)


_HEADLINE_CHARS = 15


def _is_headline_link(link: Tag) -> bool:
    href = str(link.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "javascript:")) and _chars(link) >= _HEADLINE_CHARS


def _teaser_lists(body: Tag) -> list[Tag]:
    """Elements holding a run of ``_CARDS`` or more sibling cards of the same kind, each a teaser of
    another story with its time: a "river" of latest stories."""
    found: list[Tag] = []
    for parent in body.find_all(True):
        children = parent.find_all(True, recursive=False)
        if len(children) < _CARDS:
            continue
        kinds = Counter((child.name, tuple(child.get("class") or ())) for child in children)
        kind, count = kinds.most_common(1)[0]
        if count < _CARDS:
            continue
        cards = [child for child in children if (child.name, tuple(child.get("class") or ())) == kind]
        if sum(_is_teaser_card(card) for card in cards) >= max(_CARDS, len(cards) * 3 // 4):
            found.append(parent)
    return found


_PROSE_OUTSIDE = 200  # characters of paragraphs elsewhere on the page: a short article beside a long river


def _prose_outside(body: Tag, element: Tag) -> int:
    """Characters of paragraphs of prose on the page outside ``element``: whether the page has an
    article beside a river of teasers, or is only the river."""
    inside = {id(p) for p in element.find_all("p")}
    lengths = (_chars(p) for p in body.find_all("p") if id(p) not in inside and link_density(p) < _TEASER_LINKS)
    return sum(length for length in lengths if length >= PARAGRAPH_CHARS)
