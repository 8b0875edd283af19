"""On-disk cache of fetched resources: URL → content hash → bytes, written atomically.

Layout under the cache root (``options.cache_dir``, else ``$XDG_CACHE_HOME/docconv``, else
``~/.cache/docconv``)::

    v1/objects/ab/ab12…ef           the fetched bytes, named by their SHA-256
    v1/urls/cd/cd34…90.json          {"url": …, "sha256": …, "size": …, "media_type": …}

Objects are content-addressed, so two URLs serving the same image share one file, and an
object is checked against its name when read (a damaged file is ignored and fetched again).
Every file is written to a temporary name in the same folder and renamed into place, so a
crash or a concurrent run never leaves a half-written entry. Entries never expire: images at
a URL rarely change; ``--no-cache`` or deleting the folder starts afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docconv.options import Options

_VERSION = "v1"


def default_root(options: Options) -> Path:
    if options.cache_dir is not None:
        return Path(options.cache_dir)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    # XDG says a relative value must be ignored.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "docconv"


@dataclass(frozen=True, slots=True)
class CachedEntry:
    url: str
    data: bytes
    media_type: str | None  # what the server claimed; informational only


class Cache:
    """A content-addressed store of fetched bytes; every failure to read or write is a miss."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root / _VERSION
        self.max_bytes = max_bytes

    @classmethod
    def for_options(cls, options: Options) -> Cache | None:
        if not options.use_cache:
            return None
        return cls(default_root(options), options.limits.max_response_bytes)

    def _url_path(self, url: str) -> Path:
        key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / "urls" / key[:2] / f"{key}.json"

    def _object_path(self, digest: str) -> Path:
        return self.root / "objects" / digest[:2] / digest

    def get(self, url: str) -> CachedEntry | None:
        try:
            record = json.loads(self._url_path(url).read_text("utf-8"))
            if record.get("url") != url:
                return None
            digest = str(record["sha256"])
            if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
                return None
            path = self._object_path(digest)
            if path.stat().st_size > self.max_bytes:
                return None
            data = path.read_bytes()
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        media_type = record.get("media_type")
        return CachedEntry(url, data, media_type if isinstance(media_type, str) else None)

    def put(self, url: str, data: bytes, media_type: str | None = None) -> None:
        digest = hashlib.sha256(data).hexdigest()
        record = {"url": url, "sha256": digest, "size": len(data), "media_type": media_type}
        try:
            target = self._object_path(digest)
            if not _holds(target, digest):  # also repairs a damaged object
                _write_atomic(target, data)
            _write_atomic(self._url_path(url), json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError:
            pass  # a read-only or full disk makes the cache a no-op, never a failure


def _holds(path: Path, digest: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _make_private_dirs(folder: Path) -> None:
    # mkdir(parents=True) would give the parents the umask's mode; create each level 0700.
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=0o700, exist_ok=True)


def _write_atomic(target: Path, data: bytes) -> None:
    _make_private_dirs(target.parent)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
