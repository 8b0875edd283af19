"""A page's title, from the candidates that agree rather than from the first ``<h1>``.

Candidates: ``og:title``, ``twitter:title``, JSON-LD ``headline``, the ``ArticleTitle`` meta of
Chinese government and news systems, the ``<title>`` — and the page's headings (``<h1>`` and
title-marked ``<h2>``/``<h3>``). A heading wins when a metadata title holds it where a headline
goes (at its start, or after a site prefix): it is the visible headline without the site's name.
A heading that is the site's logo or name never does: one marked ``logo``/``brand``/``site-name``
(or inside such an element), one that is a link to the site's front page, or one whose text is the
site's name. Without such a heading, the metadata titles are cleaned of their site suffix
(``_新浪新闻``, `` - 网易``, ``@ 站名 :: 痞客邦 PIXNET ::``, `` | Site``) and the one most of them
agree on is taken.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from docconv.model import comparable
from docconv.readers.html.nodes import class_words

_LOGO = re.compile(r"logo|brand|site[-\s]?(?:name|title)|masthead|header[-\s]?title|blog[-\s]?(?:name|title)", re.IGNORECASE)
_TITLE_MARK = re.compile(
    r"(?:^|[-_\s])(?:title|headline|heading|entry-title|post-title|article-title|rich_media_title)(?:$|[-_\s])", re.IGNORECASE
)
# A site suffix of blog hosts: "标题 @ 博主的家 :: 痞客邦 ::", "Title :: Site".
_HOST_SUFFIX = re.compile(r"\s*::\s*[^:]{1,40}?\s*::?\s*$")
_AUTHOR_SUFFIX = re.compile(r"\s+@\s+[^@]{1,40}$")
# The unread count a site writes before the title of a page saved while signed in: "(3 条消息) 标题", "(2) Title".
_UNREAD_COUNT = re.compile(
    r"^\s*[(（]\s*\d{1,4}\+?\s*(?:条|條|件|则|則)?\s*(?:新?消息|私信|通知|new messages?|messages?|notifications?)?\s*[)）]\s*",
    re.IGNORECASE,
)
# What sets a site's name off a headline in a title ("标题_观察者网", "Title | Site", "Title - Site").
TITLE_SEPARATORS = " -|｜–—_·•»:：/"
_SEPARATOR_AFTER = re.compile(r"^\s*(?:[-|｜–—_·•»:：@]|::)")
_SEPARATOR_BEFORE = re.compile(r"(?:[-|｜–—_·•»:：@]|::)\s*$")


def _text(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def is_site_heading(element: Tag, site_name: str | None) -> bool:
    """A heading that names the site rather than the article: a logo, or a link to the front page."""
    for node in [element, *list(element.parents)[:3]]:
        if isinstance(node, Tag) and _LOGO.search(class_words(node)):
            return True
    links = element.find_all("a")
    text = _text(element)
    if len(links) == 1 and _text(links[0]) == text and _front_page(str(links[0].get("href") or "")):
        return True
    return bool(site_name and comparable(text) == comparable(site_name))


def logo_name(soup: BeautifulSoup) -> str | None:
    """The site's name as its logo heading shows it (its text, or its image's description)."""
    body = soup.body or soup
    for element in body.find_all(("h1", "h2"), limit=10):
        # A sidebar box's <h2> links to its section's front page ("财经头条"); a logo <h2> is marked or drawn.
        plain_box = element.name == "h2" and element.find("img") is None and not _LOGO.search(class_words(element))
        if is_site_heading(element, None) and not plain_box:
            image = element.find("img", alt=True)
            name = _text(element) or (" ".join(str(image["alt"]).split()) if isinstance(image, Tag) else "")
            if 2 <= len(name) <= 40:
                return name
    return None


def _front_page(href: str) -> bool:
    """A link to a site's front page; "#" and "javascript:…" lead nowhere."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return False
    parts = urlsplit(href)
    return parts.path in ("", "/", "/index.html", "/index.htm", "/blog", "/blog/") and not parts.query


def headings(soup: BeautifulSoup, site_name: str | None) -> list[str]:
    """The page's article headings: its ``<h1>``s and title-marked ``<h2>``/``<h3>``, logos left out."""
    body = soup.body or soup
    found: list[str] = []
    for element in body.find_all(("h1", "h2", "h3"), limit=60):
        if (
            element.name != "h1"
            and not _TITLE_MARK.search(class_words(element))
            and not _TITLE_MARK.search(class_words(element.parent or element))
        ):
            continue
        text = _text(element)
        if len(text) >= 2 and not is_site_heading(element, site_name):
            found.append(text)
    return found


def _placed(heading: str, title: str) -> bool:
    """Whether a metadata title holds the heading where a headline goes: the whole of it, at its
    start before a separator, or at its end after one (``Site | Headline``)."""
    if len(heading) < 4 or heading not in title:
        return False
    if title == heading:
        return True
    if title.startswith(heading) and _SEPARATOR_AFTER.match(title[len(heading) :]):
        return True
    return title.endswith(heading) and bool(_SEPARATOR_BEFORE.search(title[: -len(heading)]))


def choose(
    soup: BeautifulSoup, metas: dict[str, str], ld: dict[str, Any], site_name: str | None, clean: Any
) -> tuple[str, str | None]:
    """``(title, headline)``: the page's title by agreement, and the heading it came from (if any).

    ``clean`` is the site-suffix cleaner (``page.clean_title``).
    """
    page_title = " ".join(soup.title.string.split()) if soup.title and soup.title.string else ""
    page_title = _UNREAD_COUNT.sub("", page_title) or page_title
    ld_headline = " ".join(ld["headline"].split()) if isinstance(ld.get("headline"), str) else ""
    written = [metas.get("og:title", ""), metas.get("twitter:title", ""), ld_headline, metas.get("articletitle", ""), page_title]
    written = [" ".join(t.split()) for t in written if t and t.strip()]
    # A title that is only the site's name (or its slogan, the same in og:site_name) names no article.
    written = [t for t in written if not _only_the_site(t, site_name, clean)]
    candidates = [h for h in headings(soup, site_name) if not _names_the_site(h, written)]
    placed = [h for h in candidates if any(_placed(h, t) for t in written)]
    if placed:
        best = max(placed, key=len)
        return best, best
    if not written:
        return (candidates[0], candidates[0]) if candidates else ("", None)
    cleaned = [clean(_without_host_suffix(t), site_name, None) for t in written]
    votes = Counter(comparable(t) for t in cleaned if t)
    winner = max(cleaned, key=lambda t: votes[comparable(t)])  # ties: the first written (og:title first)
    return winner, None


def _names_the_site(heading: str, written: list[str]) -> bool:
    """A heading that one title adds to another after a separator ("Headline | The New Republic"
    beside "Headline", or "Headline | Section | Site" beside "Headline"): the site's name, however
    the heading is marked."""
    titles = [t for t in written if comparable(t) != comparable(heading)]
    for title in written:
        if title != heading and title.endswith(heading) and _SEPARATOR_BEFORE.search(title[: -len(heading)]):
            rest = _SEPARATOR_BEFORE.sub("", title[: -len(heading)]).strip()
            if any(rest == other or (rest.startswith(other) and _SEPARATOR_AFTER.match(rest[len(other) :])) for other in titles):
                return True
    return False


def _only_the_site(title: str, site_name: str | None, clean: Any) -> bool:
    """A metadata title that is the site's name, or nothing once the site's name is cut from it."""
    if not site_name:
        return False
    said = comparable(title)
    return said == comparable(site_name) or not comparable(clean(title, site_name, None).strip(TITLE_SEPARATORS))


def _without_host_suffix(title: str) -> str:
    stripped = _AUTHOR_SUFFIX.sub("", _HOST_SUFFIX.sub("", title))
    return stripped if len(stripped) >= 4 else title
