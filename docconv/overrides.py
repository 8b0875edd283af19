"""``--metadata KEY=VALUE``: the user's word on an article's title, authors, date, language, source.

Known keys set the typed metadata; any other key is kept with the front matter (``Metadata.extra``)
and written back to Markdown. Values are checked before any input is read (``check``): a date that
is not a date, or a key without a value, is a usage error.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from docconv.errors import UsageError
from docconv.model import Document, Metadata

KNOWN = {
    "title": "the title",
    "author": "an author (repeat for several)",
    "authors": "authors, separated by ';'",
    "date": "the date (ISO 8601 or any form docconv reads in front matter)",
    "language": "a BCP 47 tag such as zh-Hans, ja, en (also: lang)",
    "lang": "same as language",
    "source": "the source URL (also: source_url, url)",
    "source_url": "same as source",
    "url": "same as source",
    "description": "a one-line summary",
    "site_name": "the site or publication",
    "categories": "categories, separated by ','",
    "tags": "same as categories",
}


def parse(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``KEY=VALUE`` strings as pairs, every value checked; a malformed one is a usage error."""
    pairs = []
    for value in values:
        key, equals, text = value.partition("=")
        key = key.strip().lower().replace("-", "_")
        if not equals or not key:
            raise UsageError(f"--metadata {value!r} is not KEY=VALUE (known keys: {', '.join(KNOWN)}; any other is kept)")
        pairs.append((key, text.strip()))
    check(pairs)
    return tuple(pairs)


def check(pairs: Sequence[tuple[str, str]]) -> None:
    from docconv.dates import parse_date

    for key, value in pairs:
        if key == "date" and value and parse_date(value)[0] is None:
            raise UsageError(f"--metadata date={value!r} is not a date")


def apply(document: Document, pairs: Sequence[tuple[str, str]]) -> Document:
    """The document with its metadata overridden, in the order given."""
    meta = document.meta
    authors: list[str] | None = None
    for key, value in pairs:
        if key == "author":
            authors = [*(authors or []), value]
        elif key == "authors":
            authors = [a.strip() for a in value.split(";") if a.strip()]
        else:
            meta = _set(meta, key, value)
    if authors is not None:
        meta = dataclasses.replace(meta, authors=tuple(authors))
    return dataclasses.replace(document, meta=meta)


def _set(meta: Metadata, key: str, value: str) -> Metadata:
    from docconv.dates import parse_date
    from docconv.language import normalise_tag

    if key == "title":
        return dataclasses.replace(meta, title=value)
    if key == "date":
        return dataclasses.replace(meta, date=parse_date(value)[0] if value else None)
    if key in ("language", "lang"):
        return dataclasses.replace(meta, language=normalise_tag(value))
    if key in ("source", "source_url", "url"):
        return dataclasses.replace(meta, source_url=value or None)
    if key == "description":
        return dataclasses.replace(meta, description=value or None)
    if key == "site_name":
        return dataclasses.replace(meta, site_name=value or None)
    if key in ("categories", "tags"):
        return dataclasses.replace(meta, categories=tuple(c.strip() for c in value.split(",") if c.strip()))
    extra = tuple((k, v) for k, v in meta.extra if k != key)
    return dataclasses.replace(meta, extra=(*extra, (key, value)))
