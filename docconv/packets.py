"""Briefing packets: what to bind (from the command line or a YAML manifest), read, bound, rendered.

A manifest names the articles (paths relative to the manifest) and the packet's title,
subtitle, date, organisation, notice, language, order and options:

.. code-block:: yaml

    title: 今日简报
    subtitle: 城市软实力专题
    date: 2021-06-23
    organisation: 研究室
    notice: 内部资料
    order: as-given        # or: date
    options: {offline: true, keep_going: true, duplex: false, qr_codes: true}
    articles:
      - post_guancha_shanghai_soft_power.txt
      - path: article_with_table.html
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from docconv import safe_yaml
from docconv.dates import parse_date
from docconv.diagnostics import Reporter
from docconv.errors import DocconvError, InputError, LimitExceededError, UsageError
from docconv.model import Document, Omission, Packet, PacketMeta
from docconv.options import Limits

MANIFEST_SUFFIXES = (".yaml", ".yml")
# The manifest schema, in one place: docs/usage.md is tested against it.
MANIFEST_KEYS = {
    "title": "the packet's title (required here or with --title)",
    "subtitle": "a line under the title on the cover",
    "date": "the packet's date (default: SOURCE_DATE_EPOCH, else today)",
    "organisation": "who prepared it (also: organization, prepared_by)",
    "organization": "same as organisation",
    "prepared_by": "same as organisation",
    "notice": "a notice line on the cover, e.g. 内部资料",
    "language": "the packet's language as a BCP 47 tag (also: lang)",
    "lang": "same as language",
    "order": "as-given (default) or date (oldest first)",
    "options": "conversion options, as in the Python API: offline, keep_going, duplex, qr_codes, a limit …",
    "articles": "the articles: paths relative to the manifest, URLs, or mappings with path or url",
}
ARTICLE_KEYS = {"path": "a file, relative to the manifest", "url": "an http(s) URL"}
ORDERS = ("as-given", "date")
_META_KEYS = {
    "title": "title",
    "subtitle": "subtitle",
    "date": "date",
    "organisation": "organisation",
    "organization": "organisation",
    "prepared_by": "organisation",
    "notice": "notice",
    "language": "language",
    "lang": "language",
}


@dataclass
class PacketRequest:
    """Everything needed to build one packet, before any article is read."""

    sources: list[str]
    meta: dict[str, Any] = field(default_factory=dict)
    order: str = "as-given"
    options: dict[str, Any] = field(default_factory=dict)


def is_manifest(path: str) -> bool:
    return path.lower().endswith(MANIFEST_SUFFIXES) and Path(path).is_file()


def load_manifest(path: Path, limits: Limits | None = None) -> PacketRequest:
    """Read a packet manifest (bounded safe YAML); article paths are relative to the manifest's folder."""
    try:
        data = safe_yaml.load(_manifest_text(path, limits or Limits()), limits or Limits(), what="manifest")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"manifest cannot be read ({error})", where=str(path)) from None
    except yaml.YAMLError as error:
        raise InputError(f"invalid YAML in manifest: {getattr(error, 'problem', None) or error}", where=str(path)) from None
    except (ValueError, TypeError, AttributeError, OverflowError) as error:  # PyYAML constructors, as in frontmatter
        raise InputError(f"invalid YAML in manifest: {type(error).__name__}: {error}", where=str(path)) from None
    except LimitExceededError as error:
        raise LimitExceededError(str(error), where=str(path)) from None
    if not isinstance(data, dict):
        raise InputError("a manifest is a mapping with 'title' and 'articles'", where=str(path))
    _check_keys(data, MANIFEST_KEYS, "manifest key", path)
    articles = data.get("articles")
    if not isinstance(articles, list) or not articles:
        raise InputError("the manifest lists no articles", where=str(path))
    sources: list[str] = []
    for entry in articles:
        if isinstance(entry, dict):
            _check_keys(entry, ARTICLE_KEYS, "manifest article key", path)
        name = entry.get("path") or entry.get("url") if isinstance(entry, dict) else entry
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"manifest article entry {entry!r} has no path", where=str(path))
        is_url = name.lower().startswith(("http://", "https://"))
        sources.append(name if is_url else str(path.parent / name))
    meta = {target: data[key] for key, target in _META_KEYS.items() if data.get(key) is not None}
    options = data.get("options") or {}
    if not isinstance(options, dict):
        raise InputError("manifest 'options' must be a mapping", where=str(path))
    order = str(data.get("order", "as-given"))
    if order not in ORDERS:
        raise UsageError(f"order {order!r} is not one of {', '.join(ORDERS)}", where=str(path))
    return PacketRequest(sources, meta, order, dict(options))


def _check_keys(data: dict[Any, Any], known: dict[str, str], what: str, path: Path) -> None:
    unknown = [str(key) for key in data if key not in known]
    if unknown:
        raise UsageError(f"unknown {what} {unknown[0]!r} (known: {', '.join(known)})", where=str(path))


def packet_metadata(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """``--metadata`` for a packet: the manifest's packet keys (title, subtitle, date …), nothing else."""
    known = [key for key in _META_KEYS]
    values = {}
    for key, value in pairs:
        if key not in _META_KEYS:
            raise UsageError(f"--metadata {key} does not apply to a packet (known: {', '.join(known)})")
        values[_META_KEYS[key]] = value
    return values


def _manifest_text(path: Path, limits: Limits) -> str:
    """The manifest's text, read no further than its size limit allows."""
    with path.open("rb") as file:
        data = file.read(limits.max_yaml_bytes + 1)
    if len(data) > limits.max_yaml_bytes:
        raise LimitExceededError(
            f"manifest is more than max_yaml_bytes ({limits.max_yaml_bytes}) bytes; raise it with --limit max_yaml_bytes=N"
        )
    return data.decode("utf-8")


def packet_meta(values: dict[str, Any], reporter: Reporter) -> PacketMeta:
    """PacketMeta from loose values; the date defaults to SOURCE_DATE_EPOCH, else today."""
    raw_date = values.get("date")
    date: datetime | None
    if raw_date is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        date = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    else:
        date, _ = parse_date(raw_date)
        if date is None:
            raise UsageError(f"packet date {raw_date!r} is not a date")
    title = str(values.get("title") or "").strip()
    if not title:
        raise UsageError("a packet needs a title (--title or 'title:' in the manifest)")
    from docconv.language import normalise_tag

    return PacketMeta(
        title=title,
        subtitle=str(values.get("subtitle") or ""),
        date=date,
        organisation=str(values.get("organisation") or ""),
        notice=str(values.get("notice") or ""),
        language=normalise_tag(values.get("language")),
    )


Progress = Callable[[str], None]


def read_articles(
    sources: Sequence[str],
    read: Callable[[str, Reporter], Document],
    reporter: Reporter,
    *,
    keep_going: bool,
    advance: Progress | None = None,
) -> tuple[list[Document], list[Omission]]:
    """Read every article; a failure stops everything unless ``keep_going``, then it is listed."""
    documents: list[Document] = []
    omitted: list[Omission] = []
    for source in sources:
        article_reporter = Reporter(where=source)
        try:
            documents.append(read(source, article_reporter))
        except DocconvError as error:
            if not keep_going:
                raise DocconvError(f"article not included: {error}", where=None) from error
            reason = str(error).removeprefix(f"{error.where}: ") if error.where else str(error)
            omitted.append(Omission(origin=source, reason=reason))
            reporter.warning("article-omitted", f"left out of the packet: {reason}", where=source)
        finally:
            reporter.diagnostics.extend(article_reporter.diagnostics)
            if advance:
                advance(source)
    if not documents:
        raise DocconvError("no article could be read; nothing to bind")
    return documents, omitted


def build_packet(
    request: PacketRequest,
    read: Callable[[str, Reporter], Document],
    reporter: Reporter,
    *,
    keep_going: bool,
    advance: Progress | None = None,
) -> Packet:
    from docconv.binder import bind

    meta = packet_meta(request.meta, reporter)  # a missing title or a bad date stops before any article is read
    documents, omitted = read_articles(request.sources, read, reporter, keep_going=keep_going, advance=advance)
    return bind(documents, meta, reporter, order=request.order, omitted=omitted)


def with_manifest_options(options: Any, overrides: dict[str, Any]) -> Any:
    """Apply a manifest's ``options:`` mapping to an Options value (command-line flags win)."""
    if not overrides:
        return options
    from docconv.options import make_options

    known = {f.name for f in dataclasses.fields(options)} | {f.name for f in dataclasses.fields(options.limits)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise UsageError(f"unknown option(s) in manifest: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    defaults = type(options)()
    top_level = {f.name for f in dataclasses.fields(options)}
    # A flag given on the command line (a value different from the default) wins over the manifest.
    changed = {k: v for k, v in overrides.items() if k not in top_level or getattr(options, k) == getattr(defaults, k)}
    return make_options(options, **changed)
