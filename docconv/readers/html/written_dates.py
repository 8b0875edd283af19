"""A publication date a page writes for its own scripts or in a labelled element, not in a ``<meta>``.

WeChat articles carry no date meta: the date is the script variable ``ct`` (the creation time, in
seconds since 1970, UTC) and an ``<em id="publish_time">`` the script fills in. Many news and
government systems write it in an element whose class or id says so (``pubtime``,
``publish_time``, ``post-date``). Both are surer than guessing from the page's text.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bs4 import BeautifulSoup, Tag

_CREATED = re.compile(r"\b(?:var\s+)?(?:ct|create_time|publish_time_stamp)\s*=\s*[\"']?(\d{10})[\"']?")
_DATE_MARK = re.compile(
    r"(?:^|[-_\s])(?:publish[-_]?time|pub[-_]?time|pubtime|pub[-_]?date|post[-_]?date|publish[-_]?date)(?:$|[-_\s])", re.I
)
WRITTEN_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def script_date(soup: BeautifulSoup) -> datetime | None:
    """The creation time a page's script holds (WeChat's ``var ct = "1593417600"``)."""
    for script in soup.find_all("script", limit=40):
        match = _CREATED.search(script.string or "")
        if match:
            return datetime.fromtimestamp(int(match.group(1)), tz=UTC)
    return None


def labelled_date(soup: BeautifulSoup) -> str | None:
    """The date written in an element whose class or id names the publication time."""
    for element in (soup.body or soup).find_all(True, limit=3000):
        if not isinstance(element, Tag):
            continue
        marker = f"{' '.join(element.get('class') or [])} {element.get('id') or ''}"
        if _DATE_MARK.search(marker):
            match = WRITTEN_DATE.search(element.get_text(" "))
            if match:
                return as_iso(match.group(0))
    return None


def as_iso(written: str) -> str:
    """A date as pages write it (``2005年2月6日 13:26``, ``2005/02/06``) in the ISO form dates are parsed from."""
    return re.sub(r"[年月/.]", "-", written).replace("日", "").replace("- ", "-")
