"""What a batch converts: files, URLs, folders, lists of inputs and web archives, expanded into articles.

A batch's inputs are named on the command line, or one per line in a list (``--from-list``):

- a file or a URL is one article;
- a folder is every article file under it (recursively, in sorted order; hidden files and folders
  skipped), filtered by ``--include``/``--exclude`` globs;
- a WARC or WARC.gz file is every HTTP 200 response record with an HTML content type: its URL is
  the article's source (and base URL), its ``WARC-Date`` the date when the page states none.

Expansion only indexes: a record is remembered by its archive and offset and read when it is
converted, so a million-record archive costs a million small entries, not its contents.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from docconv.errors import InputError, LimitExceededError
from docconv.options import Options

URL = re.compile(r"^https?://", re.IGNORECASE)

# What a folder holds that docconv reads; anything else in it (images, CSS) is not an article.
ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".md", ".markdown", ".txt")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Record:
    """Where one article lives in a web archive, and what its record says about it."""

    archive: str
    offset: int
    date: str | None = None  # WARC-Date, ISO 8601
    content_type: str | None = None  # the HTTP response's, with its charset


@dataclass(frozen=True, slots=True)
class Input:
    """One article of a batch: a path, a URL or ``-``, and its archive record when it came from one."""

    source: str
    record: Record | None = None
    error: str | None = None  # why it cannot be read (a damaged archive): it fails as one input, the others go on


def is_archive(source: str) -> bool:
    return source.lower().endswith(_WARC_SUFFIXES) and not URL.match(source)


def expand(
    sources: Iterable[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    skip: Path | None = None,
) -> list[Input]:
    """Every article the inputs name, in order; ``skip`` is a folder never descended into (the output folder)."""
    articles: list[Input] = []
    for source in sources:
        if URL.match(source) or source == "-":
            articles.append(Input(source))
        elif is_archive(source):
            articles.extend(archive_articles(Path(source)))
        elif Path(source).is_dir():
            for path in folder_files(Path(source), include, exclude, skip):
                articles.extend(archive_articles(path) if is_archive(str(path)) else [Input(str(path))])
        else:
            articles.append(Input(source))  # a missing file fails as that input, with the others going on
    return articles


def read_list(stream: IO[str]) -> list[str]:
    """The inputs of a ``--from-list`` file: one per line; blank lines and ``#`` comments skipped."""
    entries = []
    for line in stream:
        entry = line.strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return entries


# ---------------------------------------------------------------------------------------- folders


def folder_files(root: Path, include: Sequence[str], exclude: Sequence[str], skip: Path | None = None) -> list[Path]:
    """Files under ``root`` in sorted order that the globs let through.

    Without ``include``, article files (``ARTICLE_SUFFIXES``) and web archives are taken. A glob
    with a ``/`` is matched against the path relative to ``root``, one without against the file
    name, so ``*.html`` means every HTML file at any depth.
    """
    skipped = _resolved(skip)
    found = []
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and _resolved(here / d) != skipped]
        for name in files:
            relative = (here / name).relative_to(root).as_posix()
            if name.startswith(".") or any(_matches(g, relative, name) for g in exclude):
                continue
            if any(_matches(g, relative, name) for g in include) if include else _is_article(name):
                found.append(relative)
    return [root / relative for relative in sorted(found)]


def _matches(glob: str, relative: str, name: str) -> bool:
    return fnmatch.fnmatchcase(relative if "/" in glob else name, glob)


def _is_article(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith(ARTICLE_SUFFIXES) or lowered.endswith(_WARC_SUFFIXES)


def _resolved(path: Path | None) -> Path | None:
    try:
        return path.resolve() if path is not None else None
    except OSError:
        return None


# --------------------------------------------------------------------------------------- archives


def archive_articles(path: Path) -> list[Input]:
    """The articles of one WARC file: HTTP 200 responses with an HTML content type, in file order.

    A damaged archive keeps the articles before the damage and adds one failing input that says where it is.
    """
    from warcio.archiveiterator import ArchiveIterator

    articles: list[Input] = []
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.format != "warc":  # warcio takes any other bytes for an old ARC file
                    raise ValueError("not a WARC record")
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if record.http_headers.get_statuscode() != "200" or not _is_html(content_type):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                date = record.rec_headers.get_header("WARC-Date")
                articles.append(Input(url, Record(str(path), records.get_record_offset(), date, content_type)))
    except OSError as error:
        articles.append(Input(str(path), error=f"cannot be read ({error.strerror or error})"))
    except Exception as error:  # warcio raises plain exceptions for damaged archives
        problem = " ".join(str(error).split())[:200]
        articles.append(Input(str(path), error=f"not a readable WARC file after {len(articles)} article(s): {problem}"))
    return articles


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def read_record(record: Record, limit: int) -> bytes:
    """The HTTP body of an archived response (transfer and content encodings undone), at most ``limit`` bytes."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(record.archive, "rb") as stream:
            stream.seek(record.offset)
            entry = next(iter(ArchiveIterator(stream)))
            data: bytes = entry.content_stream().read(limit + 1)
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or error})", where=record.archive) from None
    except Exception as error:
        raise InputError(f"the record at offset {record.offset} is damaged ({error})", where=record.archive) from None
    if len(data) > limit:
        raise LimitExceededError(f"the archived page is over the limit of {limit} bytes")
    return data


def read_input(source: str, record: Record | None, options: Options) -> bytes:
    """A file's or an archived page's bytes, refused over ``max_input_bytes``."""
    from docconv.sources import read_file

    if record is not None:
        return read_record(record, options.limits.max_input_bytes)
    return read_file(Path(source), options)
