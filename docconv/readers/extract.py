"""Boilerplate extraction for full web pages (navigation, comments, related links).

Placeholder until the extraction library is wired in: no page is run through extraction yet.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from docconv.diagnostics import Reporter
from docconv.options import Options


def wanted(soup: BeautifulSoup, options: Options) -> bool:
    return bool(options.extract)


def main_content(html: str, base_url: str | None, reporter: Reporter) -> Tag | None:
    return None
