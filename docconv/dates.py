"""Parse the date formats articles use into timezone-aware datetimes.

Accepts RFC 2822 (``Tue, 22 Jun 2021 21:43:08 GMT``, Hexo's habit), ISO 8601 in its common
variants, YAML's own date values, and Chinese/Japanese ``2021年6月22日 21:43``. A date with no
zone is taken as UTC and the caller is told so through ``zone_assumed``; ``in_usual_zone`` then
moves it to the zone usual for the article's language.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docconv.diagnostics import Reporter

_CJK_DATE = re.compile(
    r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*[日号號]?"
    r"(?:\s*(\d{1,2})\s*[:：时時]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)


def parse_date(value: object) -> tuple[datetime | None, bool]:
    """Return ``(aware datetime or None, zone_assumed)``.

    >>> parse_date("Tue, 22 Jun 2021 21:43:08 GMT")[0].isoformat()
    '2021-06-22T21:43:08+00:00'
    """
    if isinstance(value, datetime):
        return _aware(value)
    if isinstance(value, date):
        return _aware(datetime.combine(value, time()))
    if not isinstance(value, str) or not value.strip():
        return None, False
    text = value.strip()
    try:
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
    except ValueError:
        pass
    try:
        return _aware(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    match = _CJK_DATE.search(text)
    if match:
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        try:
            return _aware(datetime(year, month, day, hour, minute, second))
        except ValueError:
            return None, False
    return None, False


def _aware(value: datetime) -> tuple[datetime, bool]:
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        return value.replace(tzinfo=UTC), True
    return value, False


def iso(value: datetime) -> str:
    return value.isoformat()


# Where a language's news is usually dated: a zone-less date on a Chinese article is Beijing time.
_USUAL_ZONES = {"zh": timezone(timedelta(hours=8)), "ja": timezone(timedelta(hours=9)), "ko": timezone(timedelta(hours=9))}


def in_usual_zone(date: datetime, raw: object, language: str | None, what: str, reporter: Reporter) -> datetime:
    """A date whose source gave no zone, put in the zone usual for ``language``, and reported.

    Hexo and Jekyll write ``date: 2023-11-20 08:30:00`` in the site's own zone, and Chinese,
    Japanese and Korean pages omit theirs; UTC is the fallback for other languages.
    """
    from docconv.language import primary

    zone = _USUAL_ZONES.get(primary(language)) if language else None
    if zone is None:
        reporter.info("date-zone-assumed", f"date {raw!s} has no time zone; taken as UTC")
        return date
    date = date.replace(tzinfo=zone)
    usual = f"taken as {date.strftime('%z')}, usual for a {language} {what}"
    reporter.info("date-zone-assumed", f"date {raw!s} has no time zone; {usual}")
    return date
