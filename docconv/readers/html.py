"""HTML reader: a full page or a bare fragment → Document, metadata from ``<head>``.

Page metadata comes from ``<title>``, ``<html lang>``, ``<meta>`` (author, description,
``article:published_time``, Open Graph), JSON-LD and ``<link rel=canonical>``. The body is the
``<article>`` (or ``<main>``) when there is exactly one, else the whole ``<body>``; pages with
navigation and comments go through boilerplate extraction first (see ``extract``).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from docconv.dates import parse_date
from docconv.diagnostics import Reporter
from docconv.language import normalise_tag
from docconv.model import Document, Metadata
from docconv.options import Options
from docconv.readers.html_blocks import HtmlToBlocks
from docconv.sources import Source

_TITLE_SEPARATORS = re.compile(r"\s+[-|–—_·•»]\s+|\s*[|_–—]\s*|\s*-\s+")


def read_html(source: Source, options: Options, reporter: Reporter) -> Document:
    soup = BeautifulSoup(source.text, "lxml")
    base_url = _base_url(soup, source.base_url)
    meta = page_metadata(soup, base_url, reporter)
    body = _content_root(soup, source, options, reporter)
    converter = HtmlToBlocks(reporter, base_url, options.limits)
    blocks = converter.blocks(body)
    return Document(meta, tuple(blocks), base_url=base_url, origin=source.origin)


def read_body(html: str, meta: Metadata, source: Source, options: Options, reporter: Reporter) -> Document:
    """The HTML body of a post whose metadata came from front matter."""
    soup = BeautifulSoup(html, "lxml")
    root = soup.body or soup
    blocks = HtmlToBlocks(reporter, source.base_url, options.limits).blocks(root)
    return Document(meta, tuple(blocks), base_url=source.base_url, origin=source.origin)


def _base_url(soup: BeautifulSoup, fallback: str | None) -> str | None:
    base = soup.find("base", href=True)
    if isinstance(base, Tag) and fallback and fallback.startswith("http"):
        return urljoin(fallback, str(base["href"]))
    return fallback


def _content_root(soup: BeautifulSoup, source: Source, options: Options, reporter: Reporter) -> Tag:
    from docconv.readers import extract

    if extract.wanted(soup, options, source.text):
        extracted = extract.main_content(soup, source.text, source.base_url, reporter)
        if extracted is not None:
            return extracted
    for name in ("article", "main"):
        found = soup.find_all(name)
        if len(found) == 1:
            return found[0]
    return soup.body or soup


def _meta_content(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            tag = soup.find("meta", attrs={attribute: name})
            if isinstance(tag, Tag) and tag.get("content"):
                value = " ".join(str(tag["content"]).split())
                if value:
                    return value
    return None


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
            if isinstance(item, dict) and re.search(r"Article|Posting|Report", str(item.get("@type", ""))):
                return item
    return {}


def _ld_author(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return tuple(dict.fromkeys(names))


def clean_title(title: str, site_name: str | None) -> str:
    """Drop a site-name suffix or prefix: ``标题_观察者网`` → ``标题``."""
    title = " ".join(title.split())
    if site_name and site_name in title and title != site_name:
        stripped = title.replace(site_name, "").strip(" -|–—_·•»:")
        if len(stripped) >= 4:
            return stripped
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1:
        longest = max(parts, key=len)
        if len(longest) >= len(title) * 0.5:
            return longest.strip()
    return title


def page_metadata(soup: BeautifulSoup, base_url: str | None, reporter: Reporter) -> Metadata:
    ld = _json_ld(soup)
    site_name = _meta_content(soup, "og:site_name", "application-name")
    publisher = ld.get("publisher")
    if not site_name and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        site_name = publisher["name"]
    raw_title = _meta_content(soup, "og:title", "twitter:title") or (ld.get("headline") if isinstance(ld.get("headline"), str) else None)
    if not raw_title and soup.title and soup.title.string:
        raw_title = soup.title.string
    if not raw_title:
        h1 = soup.find("h1")
        raw_title = h1.get_text(" ") if isinstance(h1, Tag) else ""
    title = clean_title(raw_title or "", site_name)

    authors: tuple[str, ...] = ()
    author = _meta_content(soup, "author", "article:author", "byl", "dc.creator")
    if author and not author.startswith("http"):
        authors = (author,)
    if not authors and ld.get("author"):
        authors = _ld_author(ld["author"])

    date = None
    raw_date = _meta_content(soup, "article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date")
    if not raw_date and isinstance(ld.get("datePublished"), str):
        raw_date = ld["datePublished"]
    if not raw_date:
        time_tag = soup.find("time", datetime=True)
        raw_date = str(time_tag["datetime"]) if isinstance(time_tag, Tag) else None
    if raw_date:
        date, zone_assumed = parse_date(raw_date)
        if date and zone_assumed:
            reporter.info("date-zone-assumed", f"date {raw_date} has no time zone; taken as UTC")

    canonical = soup.find("link", rel="canonical", href=True)
    source_url = _meta_content(soup, "og:url")
    if isinstance(canonical, Tag):
        source_url = str(canonical["href"])
    if source_url and base_url:
        source_url = urljoin(base_url, source_url)
    if not source_url and base_url and base_url.startswith("http"):
        source_url = base_url

    cover = _meta_content(soup, "og:image", "twitter:image")
    if cover and base_url:
        cover = urljoin(base_url, cover)

    html_tag = soup.find("html")
    lang = None
    if isinstance(html_tag, Tag):
        lang = html_tag.get("lang") or html_tag.get("xml:lang")
    lang = lang or _meta_content(soup, "og:locale", "language", "content-language")
    categories = tuple(
        dict.fromkeys(
            " ".join(str(t["content"]).split())
            for t in soup.find_all("meta", attrs={"property": "article:tag"})
            if t.get("content")
        )
    )
    section = _meta_content(soup, "article:section")
    if section:
        categories = (section, *[c for c in categories if c != section])
    meta = Metadata(
        title=title,
        authors=authors,
        date=date,
        categories=categories,
        source_url=source_url,
        cover_image=cover,
        language=normalise_tag(str(lang) if lang else None, soup.get_text()[:5000]),
        description=_meta_content(soup, "description", "og:description"),
        site_name=site_name,
    )
    return replace(meta)
