"""HTML reader: a full page or a bare fragment → Document, metadata from ``<head>``.

Page metadata comes from ``<title>``, ``<html lang>``, ``<meta>`` (author, description,
``article:published_time``, Open Graph), JSON-LD and ``<link rel=canonical>``. The body is the
``<article>`` (or ``<main>``) when there is exactly one, else the whole ``<body>``; pages with
navigation and comments go through boilerplate extraction first (see ``extract``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from docconv.charclass import CJK_IDEOGRAPHIC
from docconv.dates import in_usual_zone, parse_date
from docconv.diagnostics import Reporter
from docconv.language import detect, language_shown, normalise_tag
from docconv.model import Block, Document, Figure, Metadata, Paragraph, Text, block_text, comparable, plain_text, prose_text
from docconv.options import Options
from docconv.readers.html.blocks import HtmlToBlocks, report_local_references
from docconv.readers.html.drop_caps import close_spaced_drop_caps, joined_drop_caps
from docconv.readers.html.furniture import tidy
from docconv.readers.html.nodes import local_site_root, resolve_reference
from docconv.readers.html.opening import byline_authors, dateline
from docconv.readers.html.parse import parse_page
from docconv.readers.html.rescue import Verdict, rescued
from docconv.readers.html.title import TITLE_SEPARATORS, logo_name
from docconv.readers.html.title import choose as choose_title
from docconv.readers.html.written_dates import WRITTEN_DATE, as_iso, labelled_date, script_date
from docconv.sources import Source
from docconv.tree import has_content

# Separators sites put between a headline and their own name: "标题_观察者网", "Title | Site", "Title - Site".
_SPACED_SEPARATOR = re.compile(r"\s+[-|–—_·•»:]\s+")
_TIGHT_SEPARATOR = re.compile(r"\s*[|｜_–—]\s*")
_CJK_SUFFIX = re.compile(rf"^(.{{6,}}?)\s*-\s*([{CJK_IDEOGRAPHIC}A-Za-z0-9\s]{{2,12}})$")
# Zones that pages without one almost always mean: a Chinese news site's "2023-08-21 08:40" is Beijing time.
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
)


def read_html(source: Source, options: Options, reporter: Reporter) -> Document:
    parsed = parse_page(source.text, reporter)
    soup = parsed.soup
    base_url = _base_url(soup, source.base_url)
    page_url = source.base_url if source.base_url and source.base_url.startswith("http") else None
    meta, date_guessed = page_metadata(soup, base_url, reporter, page_url)
    site_url = meta.source_url if meta.source_url and meta.source_url.startswith("http") else None
    from docconv.readers.html import extract

    whole_page = extract.wanted(soup, options, parsed.markup)
    body, verdict = _content_root(soup, parsed.markup, source, whole_page, reporter)
    close_spaced_drop_caps(body)
    report_local_references(soup, reporter)
    converter = HtmlToBlocks(reporter, base_url, options.limits, site_url=site_url)
    blocks = joined_drop_caps(rescued(converter.blocks(body), verdict, source.base_url, converter, reporter))
    blocks = _without_title_line(blocks, meta.title)
    meta = _dated_by_dateline(meta, blocks, reporter, date_guessed)
    if not meta.authors and whole_page:
        meta = replace(meta, authors=byline_authors(blocks))
    blocks = tidy(blocks, meta, whole_page)
    if not any(block_text(b).strip() for b in blocks):
        blocks = _structured_body(soup, reporter) or blocks
    if whole_page and not any(block_text(b).strip() for b in blocks):
        blocks = _page_structure(source, meta, converter, reporter)
    meta = _checked_language(meta, prose_text(blocks[:200]), reporter)
    return Document(meta=meta, blocks=tuple(blocks), base_url=base_url, origin=source.origin)


def _page_structure(source: Source, meta: Metadata, converter: HtmlToBlocks, reporter: Reporter) -> list[Block]:
    """The article read from the page's own structure, for a page whose extracted region held no
    readable text (the extractor took a carousel of linked teasers for the article)."""
    from docconv.readers.html import extract

    soup = parse_page(source.text, reporter).soup
    if soup.body is None:
        return []
    root = extract.structural_root(soup.body, reporter, "the article element held no readable text")
    return tidy(joined_drop_caps(converter.blocks(root)), meta, whole_page=True)


def _dated_by_dateline(meta: Metadata, blocks: list[Block], reporter: Reporter, guessed: bool) -> Metadata:
    """The page's date from its dateline when the metadata has none, only the day of it, or one
    guessed from the page's text (which may be a related story's date)."""
    known = meta.date
    if known is not None and (known.hour, known.minute, known.second) != (0, 0, 0) and not guessed:
        return meta
    line = dateline(blocks)
    language = meta.language or detect(prose_text(blocks[:200]))
    written = written_date(line, language, reporter) if line else None
    if written is None or (known is not None and written.date() != known.date() and not guessed):
        return meta
    return replace(meta, date=written)


def written_date(line: str, language: str | None, reporter: Reporter) -> Any:
    """The date a dateline writes, in the page language's usual zone when it gives none; None if it
    holds no date that parses."""
    match = WRITTEN_DATE.search(line)
    if match is None:
        return None
    raw = as_iso(match.group(0))
    date, zone_assumed = parse_date(raw)
    if date and zone_assumed:
        date = in_usual_zone(date, raw, language, "page", reporter)
    return date


def _without_title_line(blocks: list[Block], title: str) -> list[Block]:
    """The body without a paragraph that only repeats the page's title.

    Pages laid out in tables (and some CMS templates) write the headline as a bold line, not an
    ``<h1>``, so the heading transform does not see it; the page's metadata does name the title.
    """
    wanted = comparable(title)
    if len(wanted) < 4:
        return blocks
    for index, block in enumerate(blocks[:3]):
        said = plain_text(block.children).strip() if isinstance(block, Paragraph) else ""
        # A line ending in a colon introduces what follows ("Harbour:"), as no headline does.
        if said and comparable(said) == wanted and not said.endswith((":", "：")):
            rest = blocks[:index] + blocks[index + 1 :]
            return rest if has_content(rest) else blocks  # a page that says only its headline keeps it
        if not isinstance(block, Figure) and block_text(block).strip():
            break  # the headline line opens the body; after the article's first words it is the article's
    return blocks


def _structured_body(soup: BeautifulSoup, reporter: Reporter) -> list[Block]:
    """The article from the page's JSON-LD, for pages whose HTML is an empty shell filled in by a
    script: an article's ``articleBody``, or a how-to's or recipe's description and steps (which
    may hold HTML); plain text, so one paragraph per line."""
    ld = _json_ld(soup)
    body = ld.get("articleBody")
    texts = [body] if isinstance(body, str) else [ld.get("description"), *_ld_steps(ld)]
    lines = [line.strip() for text in texts if isinstance(text, str) for line in _ld_text(text).splitlines() if line.strip()]
    if not lines:
        return []
    reporter.info("article-from-structured-data", "the page's HTML holds no article; its JSON-LD article text was read instead")
    return [Paragraph(children=(Text(text=line),)) for line in lines]


def _ld_steps(ld: dict[str, Any]) -> list[Any]:
    """The texts of a how-to's steps or a recipe's ingredients and instructions, sections flattened."""
    steps: list[Any] = []
    pending = [ld.get("step"), ld.get("recipeIngredient"), ld.get("recipeInstructions")]
    while pending and len(steps) < _LD_STEPS:
        item = pending.pop(0)
        if isinstance(item, list):
            pending[:0] = item
        elif isinstance(item, dict):
            pending[:0] = [item.get("text") or item.get("name"), item.get("itemListElement")]
        elif isinstance(item, str):
            steps.append(item)
    return steps


_LD_STEPS = 500  # steps read from structured data: a how-to has dozens, a hostile page could hold millions


def _ld_text(text: str) -> str:
    """Structured data's text, which some sites write as HTML (``<p>…</p>``)."""
    if "<" not in text:
        return text
    return BeautifulSoup(_LINE_ENDS.sub("\n", text), "lxml").get_text()


_LINE_ENDS = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|div|tr|blockquote)\s*>", re.IGNORECASE)


def read_body(html: str, meta: Metadata, source: Source, options: Options, reporter: Reporter) -> Document:
    """The HTML body of a post whose metadata came from front matter."""
    soup = BeautifulSoup(html, "lxml")
    root = soup.body or soup
    site_url = meta.source_url if meta.source_url and meta.source_url.startswith("http") else local_site_root(source.origin)
    report_local_references(soup, reporter)
    blocks = joined_drop_caps(HtmlToBlocks(reporter, source.base_url, options.limits, site_url=site_url).blocks(root))
    return Document(meta=meta, blocks=tuple(blocks), base_url=source.base_url, origin=source.origin)


def _base_url(soup: BeautifulSoup, fallback: str | None) -> str | None:
    """The page's own URL, or its ``<base href>``: an absolute base wins even for a saved file."""
    base = soup.find("base", href=True)
    if isinstance(base, Tag):
        href = str(base["href"]).strip()
        if urlsplit(href).scheme in ("http", "https"):
            return href
        if fallback and fallback.startswith("http"):
            return urljoin(fallback, href)
    return fallback


def _content_root(
    soup: BeautifulSoup, markup: str, source: Source, whole_page: bool, reporter: Reporter
) -> tuple[Tag, Verdict | None]:
    from docconv.readers.html import extract

    if whole_page:
        extracted = extract.article_region(soup, markup, source.base_url, reporter)
        if extracted is not None:
            return extracted
    return (extract.usual_root(soup.body) if soup.body else soup), None


def _meta_index(soup: BeautifulSoup) -> dict[str, str]:
    """``<meta>`` contents by lower-cased property/name/itemprop/http-equiv; the first value wins."""
    index: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        # Some saved pages hold the metadata in ``value`` (the tool that saved them renamed ``content``).
        content = " ".join(str(tag.get("content") or tag.get("value") or "").split())
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attribute)
            if key:
                index.setdefault(str(key).strip().lower(), content)
    return index


def _first(index: dict[str, str], *names: str) -> str | None:
    return next((index[name] for name in names if index.get(name)), None)


def _json_ld(soup: BeautifulSoup) -> dict[str, Any]:
    """The first JSON-LD object describing an article, flattened from ``@graph``."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        candidates = data if isinstance(data, list) else [data]
        for item in list(candidates):
            if isinstance(item, dict) and isinstance(item.get("@graph"), list):
                candidates.extend(item["@graph"])
        for item in candidates:
            if isinstance(item, dict) and re.search(r"Article|Posting|Report|HowTo|Recipe", str(item.get("@type", ""))):
                return item
    return {}


def _ld_names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.strip().startswith("http"):
            names.append(" ".join(name.split()))
    return tuple(dict.fromkeys(names))


def _ld_image(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url")
    return value.strip() if isinstance(value, str) and value.strip() else None


def clean_title(title: str, site_name: str | None, headline: str | None = None) -> str:
    """Drop a site-name suffix or prefix: ``标题_观察者网`` → ``标题``, ``Title | Site`` → ``Title``.

    ``headline`` (the page's ``<h1>``) settles it when the title contains it.
    """
    title = " ".join(title.split())
    if headline:
        headline = " ".join(headline.split())
        if len(headline) >= 4 and headline in title:
            return headline
    if site_name and title != site_name:
        # The site's name as a prefix or suffix, set off by a separator ("标题_观察者网", "Title | Site"),
        # not a word of the headline ("Lina Morgana on Twitter").
        stripped = _without_site_name(title, site_name)
        if stripped != title and len(stripped) >= 4:
            return clean_title(stripped, None)
    for separator in (_SPACED_SEPARATOR, _TIGHT_SEPARATOR):
        parts = [p.strip() for p in separator.split(title) if p.strip()]
        if len(parts) > 1:
            longest = max(parts, key=len)
            # Half the title, or twice any other part: "标题 | 要聞 | 即時新聞 | 聯合新聞網" names a section and a site.
            if len(longest) >= len(title) * 0.5 or all(len(longest) >= 2 * len(p) for p in parts if p is not longest):
                return longest
    match = _CJK_SUFFIX.match(title)
    if match and re.search(r"[\u3400-\u9fff]", match.group(2)):
        return match.group(1).strip()
    return title


def _without_site_name(title: str, site_name: str) -> str:
    if title.endswith(site_name):
        rest = title[: -len(site_name)]
        if rest.rstrip(" ") != rest.rstrip(TITLE_SEPARATORS):
            return rest.rstrip(TITLE_SEPARATORS)
    if title.startswith(site_name):
        rest = title[len(site_name) :]
        if rest.lstrip(" ") != rest.lstrip(TITLE_SEPARATORS):
            return rest.lstrip(TITLE_SEPARATORS)
    return title


def site_from_title(page_title: str, headline: str) -> str | None:
    """The site's name a page's ``<title>`` ends with, after the headline: ``标题_新浪新闻`` → ``新浪新闻``."""
    page_title = " ".join(page_title.split())
    if len(headline) < 4 or not page_title.startswith(headline):
        return None
    rest = page_title[len(headline) :]
    parts = [p.strip() for p in _SPACED_SEPARATOR.split(rest) for p in _TIGHT_SEPARATOR.split(p) if p.strip()]
    name = parts[-1].strip(" -|｜–—_·•»:") if parts and re.match(r"^\s*[-|–—_·•»:｜]", rest) else ""
    return name if 2 <= len(name) <= 30 and not name.isdigit() else None


def _headline(soup: BeautifulSoup) -> str | None:
    """The page's visible headline: its ``<h1>``, or a fragment's leading heading."""
    h1 = soup.find("h1")
    if isinstance(h1, Tag) and h1.get_text(strip=True):
        return h1.get_text(" ", strip=True)
    body = soup.body or soup
    first = body.find(["h2", "h3", "p", "li", "table"])
    if isinstance(first, Tag) and first.name in ("h2", "h3") and first.get_text(strip=True):
        return first.get_text(" ", strip=True)
    return None


_AUTHOR_METAS = ("article:author", "author", "byl", "dc.creator", "parsely-author", "sailthru.author")


def _page_authors(soup: BeautifulSoup, metas: dict[str, str], ld: dict[str, Any], site: Callable[[str], bool]) -> tuple[str, ...]:
    """The people who wrote the page, from the first source that names one: JSON-LD, the author
    metas, then the byline's markup. A source naming only the site, or an account's address
    (``/@timoreilly``), gives way to the next; one naming a login (``mikecason``) gives way to any that
    names a person, and is the author when none does (a blog's ``theahura``)."""
    sources: list[tuple[str, ...]] = [_ld_names(ld.get("author")) if ld.get("author") else ()]
    sources += [_meta_names(metas[key]) for key in _AUTHOR_METAS if metas.get(key)]
    # The first byline that says a name: an icon's empty <a rel="author"> often comes first.
    said = (" ".join(tag.get_text(" ").split()) for tag in soup.find_all(_marks_author))
    if byline := next((text for text in said if 0 < len(text) <= _BYLINE_NAME_CHARS), None):
        sources.append((_byline_name(byline),))
    for logins in (False, True):  # a login ("theahura") only when no source names a person
        for names in sources:
            if people := tuple(n for n in names if _names_someone(n, site) and (logins or not _LOGIN.match(n))):
                return people
    return ()


def _names_someone(name: str, site: Callable[[str], bool]) -> bool:
    return bool(_LETTER.search(name)) and not site(name) and not _ADDRESS.match(name)


# What names an account rather than a person: a URL or a path ("/@timoreilly"), a social network's
# name (2013's ``rel=author`` links to a Google+ profile say "Google+"), or a lower-case login.
_ADDRESS = re.compile(
    r"^(?:https?:|/|@)|^(?:google\+?|facebook|twitter|linkedin|instagram|weibo|微博)$"
    r"|^(?:the )?(?:editorial|news)?\s?(?:staff|team|desk|editors?|admin)$"
    # A login box's labels, where a theme reuses the byline's class for them.
    r"|^(?:账号|帐号|賬號|帳號|登录|登錄|注册|註冊|用户名|用戶名|log ?in|sign ?in|account|username)$",
    re.IGNORECASE,
)
_LOGIN = re.compile(r"^[a-z0-9_.-]{5,}$")  # an agency's "dpa" is no login
_LETTER = re.compile(r"[^\W\d_]")  # a name has letters: a template's "-" is none
# The outlet a wire byline ends with ("…, and Tom Watkins, CNN"): a short name in capitals.
_OUTLET = re.compile(r"^[A-Z&]{2,6}$")


# What a byline or an author meta prints before the name: "By", "Por", "Autor:", "作者：".
_BYLINE_LEAD = re.compile(r"^[\s\-–—:|·•]*(?:(?:by|por|par|autor(?:in)?|author|auteur|作者)\b[\s:：]*)?", re.IGNORECASE)


def _meta_names(value: str) -> tuple[str, ...]:
    """An author meta's people: "By A, B and C, CNN" is three, "Gillman, Steve" one (inverted)."""
    value = " ".join(value.split())
    value = _BYLINE_LEAD.sub("", value) or value
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", value) if p.strip()]
    parts = [p for p in parts if not _OUTLET.match(p)] if len(parts) > 1 else parts
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        return tuple(dict.fromkeys(parts))
    return (value,)


# What a site calls itself when it signs as the author: "GQ Magazine", "AOL Staff", "UPROXX Media".
_SITE_SIGNATURE = re.compile(r"\s+(?:magazine|media|staff|editors|editorial|team|desk|newsroom|online|digital)$", re.I)


_SITE_KIND = re.compile(
    r"(?:新闻|新聞|资讯|資訊)?(?:中心|网|網|频道|頻道|客户端|客戶端)?|(?:新闻|新聞)|(?:日报|日報|晚报|晚報|时报|時報)(?:网|網)?"
    # A portal's channel: "网易财经", "新浪科技", "腾讯体育".
    r"|(?:财经|財經|科技|体育|體育|娱乐|娛樂|汽车|汽車|房产|房產|教育|健康|时尚|時尚|军事|軍事|历史|歷史|文化|旅游|旅遊"
    r"|数码|數碼|游戏|遊戲|商业|商業)(?:频道|頻道|网|網)?"
    r"|news(?:online)?|online|magazine|daily"
)


def _is_site(site_name: str | None, page_title: str | None) -> Callable[[str], bool]:
    """Whether an author is the site: portals put their own name in ``<meta name="author">`` (its
    ``og:site_name``, maybe signed "Magazine" or "Staff", or the name the ``<title>`` ends with:
    "…| ETtoday 新聞雲"). A blog's owner inside its name ("Steve" of "Steve's Notes") stays an author."""
    site = comparable(site_name or "")
    title = " ".join((page_title or "").split())

    def names_the_site(author: str) -> bool:
        said = comparable(author)
        by_title = len(said) >= 2 and title.endswith(author) and title[: -len(author)].rstrip().endswith(tuple(TITLE_SEPARATORS))
        # The brand of a portal whose site name adds its kind: "网易" of "网易新闻中心".
        brand = len(said) >= 2 and site.startswith(said) and bool(_SITE_KIND.fullmatch(site[len(said) :]))
        return (bool(site) and site in (said, comparable(_SITE_SIGNATURE.sub("", author)))) or by_title or brand

    return names_the_site


def _tokens(tag: Tag, attribute: str) -> set[str]:
    return {token for value in tag.get_attribute_list(attribute) if value for token in str(value).split()}


_BYLINE_NAME_CHARS = 80  # a name or two, not a paragraph about the writer
# What a byline prints after the name: a role ("Howard Blume Staff Writer"), a handle ("@wperdomod") or a dash.
_BYLINE_TAIL = re.compile(
    r"(?:[\s,|–—-]+(?:(?:senior|contributing|staff|special|chief|political|foreign)\s+)?"
    r"(?:writer|reporter|correspondent|columnist|editor|contributor)|\s+@\w+|[\s\-–—|:,·•])+$",
    re.IGNORECASE,
)


def _byline_name(byline: str) -> str:
    return _BYLINE_TAIL.sub("", _BYLINE_LEAD.sub("", byline)) or byline


# The class a byline's name is given: "byline-name", "authorText", "author__name", "ArticleAuthor-name".
_NAME_CLASS = re.compile(r"(?:author|byline)[-_]*(?:name|text)$", re.IGNORECASE)


def _account_name(soup: BeautifulSoup) -> str | None:
    """The official account a WeChat article is published by (``#js_name``, ``.profile_nickname``)."""
    for tag in soup.find_all(("a", "strong", "span"), limit=_ACCOUNT_SEARCH):
        if tag.get("id") == "js_name" or "profile_nickname" in _tokens(tag, "class"):
            name = " ".join(tag.get_text(" ").split())
            if 0 < len(name) <= _BYLINE_NAME_CHARS:
                return name
    return None


_ACCOUNT_SEARCH = 400  # the account's name heads the article: no need to walk the whole page


def _marks_author(tag: Tag) -> bool:
    """The author markup of microformats and schema.org: ``[rel~=author]``,
    ``[itemprop~=author] [itemprop~=name]``, ``.author .fn``, ``.byline .fn``; and the classes
    sites give a byline's name (``.byline-name``, ``.authorText``).

    A walk rather than ``select_one``: soupsieve compiles a selector's grammar on its first use
    in a process, which took about 90 ms — more than reading a whole article.
    """
    if "author" in _tokens(tag, "rel") or tag.get("id") == "js_author_name":
        return True
    if tag.name == "em" and "rich_media_meta_text" in _tokens(tag, "class") and tag.get("id") is None:
        return True  # a WeChat article's writer, beside its date and account (which carry ids)
    if "name" in _tokens(tag, "itemprop"):
        return any("author" in _tokens(parent, "itemprop") for parent in tag.parents)
    if "fn" in _tokens(tag, "class"):
        return any(_tokens(parent, "class") & {"author", "byline"} for parent in tag.parents)
    return any(_NAME_CLASS.search(token) for token in _tokens(tag, "class"))


def _date_in_page(soup: BeautifulSoup) -> str | None:
    """A publication date written only in the page's text ("2024-11-09 09:30 来源：…"), found by
    htmldate (trafilatura's date finder) on whole pages; fragments are not searched."""
    try:
        from htmldate import find_date

        found = find_date(str(soup), original_date=True, outputformat="%Y-%m-%dT%H:%M:%S")
    except Exception:  # a heuristic helper: no date is better than a crash
        return None
    if not found or _only_a_year(str(found), soup):
        return None
    return str(found)


def _only_a_year(found: str, soup: BeautifulSoup) -> bool:
    """Whether htmldate's date is a year it found alone (a copyright line's ``© 2004-2008``, a
    related link's ``/2026/``, "GPT-2 in 2005"): with nothing better it answers the 1st of January
    of that year, which the page never writes."""
    if not found.endswith("-01-01T00:00:00"):
        return False
    year = found[:4]
    written = (
        rf"{year}\s*[-/.年]\s*0?1\s*[-/.月]\s*0?1(?!\d)|(?<!\d)0?1[-/.]0?1[-/.]{year}"
        rf"|jan(?:uary|\.)?\s+1(?:st)?,?\s+{year}|(?<!\d)1(?:st|er|\.)?\s+(?:jan(?:uary|\.)?|janvier|januar|enero|gennaio)\s+{year}"
    )
    return re.search(written, soup.get_text(" "), re.IGNORECASE) is None


def _page_date(
    soup: BeautifulSoup, metas: dict[str, str], ld: dict[str, Any], language: str | None, reporter: Reporter
) -> tuple[Any, bool]:
    """The page's date, and whether it was only guessed from the page's text (htmldate), which a
    dateline over the article corrects."""
    raw = _first(metas, *_DATE_META)
    if not raw and isinstance(ld.get("datePublished"), str):
        raw = ld["datePublished"]
    if not raw:
        time_tag = soup.find("time", datetime=True)
        raw = str(time_tag["datetime"]) if isinstance(time_tag, Tag) else None
    if not raw:
        raw = labelled_date(soup)
    if not raw and (created := script_date(soup)) is not None:
        return created, False
    guessed = False
    if not raw and soup.title is not None:
        raw, guessed = _date_in_page(soup), True
    if not raw:
        return None, False
    date, zone_assumed = parse_date(raw)
    if date and zone_assumed:
        date = in_usual_zone(date, raw, language, "page", reporter)
    return date, guessed


def page_metadata(
    soup: BeautifulSoup, base_url: str | None, reporter: Reporter, page_url: str | None = None
) -> tuple[Metadata, bool]:
    """Metadata of a page, and whether its date was only guessed from its text; ``page_url`` is
    where it was fetched from (never a ``<base href>``)."""
    ld = _json_ld(soup)
    metas = _meta_index(soup)
    # An official account's article names the account, not the platform ("微信公众平台") it is published on.
    site_name = _account_name(soup) or _first(metas, "og:site_name", "application-name", "twitter:site:name")
    publisher = ld.get("publisher")
    if not site_name and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        site_name = publisher["name"]
    site_name = site_name or logo_name(soup)
    title, headline = choose_title(soup, metas, ld, site_name, clean_title)
    if not title:
        headline = _headline(soup)
        title = clean_title(headline or "", site_name, headline)
    if not site_name and soup.title and soup.title.string:
        site_name = site_from_title(soup.title.string, title)

    canonical = soup.find("link", rel="canonical", href=True)
    source_url = str(canonical["href"]).strip() if isinstance(canonical, Tag) else _first(metas, "og:url")
    if source_url and base_url:
        source_url = urljoin(base_url, source_url)
    source_url = source_url or page_url
    site_url = source_url if source_url and source_url.startswith("http") else None

    cover = _first(metas, "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
    cover = cover or _ld_image(ld.get("image"))
    if cover:
        cover = resolve_reference(cover, base_url, site_url)

    html_tag = soup.find("html")
    lang = None
    if isinstance(html_tag, Tag):
        lang = html_tag.get("lang") or html_tag.get("xml:lang")
    lang = lang or _first(metas, "content-language", "language", "og:locale", "dc.language")
    body_text = (soup.body or soup).get_text()[:5000]
    language = normalise_tag(str(lang).split(",")[0] if lang else None, body_text)

    date, guessed = _page_date(soup, metas, ld, _language_of(language, body_text), reporter)
    return Metadata(
        title=title,
        authors=_page_authors(soup, metas, ld, _is_site(site_name, soup.title.string if soup.title else None)),
        date=date,
        categories=_categories(soup, metas),
        source_url=source_url,
        cover_image=cover,
        language=language,
        description=_first(metas, "description", "og:description"),
        site_name=site_name,
    ), guessed


def _categories(soup: BeautifulSoup, metas: dict[str, str]) -> tuple[str, ...]:
    """The page's ``article:section`` first, then its ``article:tag``s, each once."""
    categories = tuple(
        dict.fromkeys(
            " ".join(str(t["content"]).split())
            for t in soup.find_all("meta", attrs={"property": "article:tag"})
            if t.get("content")
        )
    )
    section = metas.get("article:section")
    return (section, *[c for c in categories if c != section]) if section else categories


def _language_of(declared: str | None, text: str) -> str | None:
    """The language a page's text is in, for the zone of its dates: the declared one, unless the
    text says otherwise (a Chinese page shipped with ``<html lang="en">`` dates in Beijing time)."""
    return language_shown(declared, text) or declared or detect(text)


def _checked_language(meta: Metadata, text: str, reporter: Reporter) -> Metadata:
    """Trust the text over a template's ``lang``: many Chinese sites ship ``<html lang="en">``."""
    shown = language_shown(meta.language, text)
    if shown is None:
        return meta
    reporter.info("language-corrected", f"the page says lang={meta.language} but its text is {shown}; using {shown}")
    return replace(meta, language=shown)
