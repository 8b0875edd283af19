"""Front matter: split a Hexo/Jekyll/Hugo post's YAML header and normalise its keys to Metadata.

A small table maps each known key to a processor (pelican's ``METADATA_PROCESSORS``); unknown
keys are kept, in order, in ``Metadata.extra``. YAML is read with the safe loader only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import yaml

from docconv import safe_yaml
from docconv.conventions import COVER_KEYS, TAG_KEYS
from docconv.dates import in_usual_zone, parse_date
from docconv.diagnostics import Reporter
from docconv.errors import InputError
from docconv.language import detect, normalise_tag
from docconv.model import ExtraValue, Metadata
from docconv.options import Limits
from docconv.readers.frontmatter_recovery import recover

_FRONT_MATTER = re.compile(r"\A\ufeff?(?:[ \t]*\r?\n)*---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_EMPTY_FRONT_MATTER = re.compile(r"\A\ufeff?(?:[ \t]*\r?\n)*---[ \t]*\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")


def split(text: str) -> tuple[str, str] | None:
    """``(yaml, body)`` when ``text`` starts with a front-matter block (blank lines allowed)."""
    match = _FRONT_MATTER.match(text) or _EMPTY_FRONT_MATTER.match(text)
    if not match:
        return None
    header = match.group(1) if match.re is _FRONT_MATTER else ""
    return header, text[match.end() :]


def has_front_matter(text: str) -> bool:
    return split(text) is not None


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        items = [str(v).strip() for v in value if v is not None and str(v).strip()]
    else:
        items = [part.strip() for part in re.split(r"[,，、;；]", str(value)) if part.strip()]
    return tuple(dict.fromkeys(items))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
        if value is None:
            return None
    # Collapse as the whitespace transform does: ASCII whitespace only, so a no-break space inside
    # a title survives (str.split() would turn it into a space and break the Markdown round trip).
    text = re.sub(r"[ \t\n\r\f\v]+", " ", str(value)).strip(" \t\n\r\f\v\u00a0\u3000")
    return text or None


Processor = Callable[[Metadata, Any, Reporter], Metadata]


def _date(meta: Metadata, value: Any, reporter: Reporter) -> Metadata:
    parsed, _ = parse_date(value)
    if parsed is None:
        reporter.warning("date-unparsed", f"front-matter date {value!r} is not a date docconv can read")
        return meta
    return replace(meta, date=parsed)  # a zone-less date is moved by ``parse`` once the language is known


# key (lower-case) → processor; the first key of a group that is present wins
PROCESSORS: dict[str, Processor] = {
    "title": lambda m, v, r: replace(m, title=_text(v) or m.title),
    "author": lambda m, v, r: replace(m, authors=m.authors or _strings(v)),
    "authors": lambda m, v, r: replace(m, authors=m.authors or _strings(v)),
    "date": _date,
    "published": _date,
    "categories": lambda m, v, r: replace(m, categories=tuple(dict.fromkeys(m.categories + _strings(v)))),
    "category": lambda m, v, r: replace(m, categories=tuple(dict.fromkeys(m.categories + _strings(v)))),
    "tags": lambda m, v, r: replace(m, categories=tuple(dict.fromkeys(m.categories + _strings(v)))),
    "source": lambda m, v, r: replace(m, source_url=m.source_url or _text(v)),
    "source_url": lambda m, v, r: replace(m, source_url=m.source_url or _text(v)),
    "link": lambda m, v, r: replace(m, source_url=m.source_url or _text(v)),
    "url": lambda m, v, r: replace(m, source_url=m.source_url or _text(v)),
    "permalink": lambda m, v, r: replace(m, source_url=m.source_url or _text(v)),
    "cover": lambda m, v, r: replace(m, cover_image=_text(v) or m.cover_image),
    "headimg": lambda m, v, r: replace(m, cover_image=m.cover_image or _text(v)),
    "thumbnail": lambda m, v, r: replace(m, cover_image=m.cover_image or _text(v)),
    "image": lambda m, v, r: replace(m, cover_image=m.cover_image or _text(v)),
    "lang": lambda m, v, r: replace(m, language=normalise_tag(_text(v)) or m.language),
    "language": lambda m, v, r: replace(m, language=normalise_tag(_text(v)) or m.language),
    "description": lambda m, v, r: replace(m, description=_text(v)),
    "summary": lambda m, v, r: replace(m, description=m.description or _text(v)),
    "excerpt": lambda m, v, r: replace(m, description=m.description or _text(v)),
    "site_name": lambda m, v, r: replace(m, site_name=_text(v)),
    "site": lambda m, v, r: replace(m, site_name=m.site_name or _text(v)),
}
# Keys docconv understands under another name (tags are categories, a thumbnail is the cover) but
# that a site's templates read by their own: kept in ``Metadata.extra`` as written too, so the
# Markdown writer gives them back under their own name (``renderers/markdown/writer.front_matter``).
KEPT_AS_WRITTEN = TAG_KEYS | COVER_KEYS


def _extra_value(value: Any) -> ExtraValue:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return str(value)


def _invalid(error: yaml.YAMLError, origin: str) -> InputError:
    mark = getattr(error, "problem_mark", None)
    line = f" at line {mark.line + 2}" if mark is not None else ""
    problem = getattr(error, "problem", None) or "malformed YAML"
    return InputError(f"invalid YAML front matter{line}: {problem}", where=origin)


_CONSTRUCTION_ERRORS = (ValueError, TypeError, AttributeError, OverflowError, RecursionError)


def _bounded(header: str, limits: Limits, reporter: Reporter) -> Any:
    """The front matter's data, bounded (safe_yaml); keys over a bound are dropped with one warning."""
    dropped: list[tuple[str, str]] = []
    data = safe_yaml.load(header, limits, what="front matter", dropped=lambda key, why: dropped.append((key, why)))
    if dropped:
        keys = ", ".join(repr(key) for key, _ in dropped[:10]) + (f" and {len(dropped) - 10} more" if len(dropped) > 10 else "")
        reporter.warning("front-matter-too-large", f"front-matter key(s) {keys} left out: {dropped[0][1]}")
    return data


def _load(header: str, reporter: Reporter, origin: str, body: str, limits: Limits) -> Any:
    """The header's mapping, bounded; one that is not quite YAML is read key by key (``frontmatter_recovery``)."""
    try:
        return _bounded(header, limits, reporter) if header.strip() else {}
    except yaml.constructor.ConstructorError as error:
        raise _invalid(error, origin) from None  # an explicit tag the safe loader refuses: deliberate, not broken
    except yaml.YAMLError as error:
        try:
            recovered = recover(header)
        except (yaml.YAMLError, *_CONSTRUCTION_ERRORS):
            raise _invalid(error, origin) from None
        if not recovered.data.get("title") and not body.strip():
            raise _invalid(error, origin) from None
        # The header's first line is line 2 of the file (after the opening ``---``).
        line = (recovered.first_guess or 0) + 1
        reporter.warning(
            "front-matter-recovered",
            f"front matter is not valid YAML ({getattr(error, 'problem', None) or 'malformed'}); "
            f"read key by key, line {line} taken as written",
        )
        return recovered.data
    except _CONSTRUCTION_ERRORS as error:
        # PyYAML's constructors fail outside YAMLError on some explicit tags
        # (``!!timestamp '1941-01-01 00:00:00+05:53:20'`` → AttributeError, ``!!int 1e99999`` …).
        raise InputError(f"invalid YAML front matter: {type(error).__name__}: {error}", where=origin) from None


def parse(header: str, reporter: Reporter, origin: str, body: str = "", limits: Limits | None = None) -> Metadata:
    """Metadata from a YAML front-matter block; ``body`` tells the language when no ``lang`` key does."""
    data = _load(header, reporter, origin, body, limits or Limits())
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter is not a mapping of keys to values", where=origin)
    extra = tuple(
        (str(raw_key), _extra_value(value))
        for raw_key, value in data.items()
        if str(raw_key).strip().lower() in KEPT_AS_WRITTEN or str(raw_key).strip().lower() not in PROCESSORS
    )
    meta = Metadata()
    # Tags join the categories after them whatever the order they are written in, so the
    # Markdown writer (categories, then the other keys) reads back the same list.
    ordered = sorted(data.items(), key=lambda item: str(item[0]).strip().lower() in KEPT_AS_WRITTEN)
    for raw_key, value in ordered:
        processor = PROCESSORS.get(str(raw_key).strip().lower())
        if processor is not None:
            meta = processor(meta, value, reporter)
    # The value the date came from: the last date key that parsed, as in the loop above.
    dated = [v for k, v in data.items() if PROCESSORS.get(str(k).strip().lower()) is _date and parse_date(v)[0]]
    if meta.date is not None and dated and parse_date(dated[-1])[1]:
        language = meta.language or detect(body[:5000])
        meta = replace(meta, date=in_usual_zone(meta.date, dated[-1], language, "post", reporter))
    return replace(meta, extra=extra)
