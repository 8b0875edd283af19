"""Writing outputs: atomically (temp file + rename), never over an input, with safe names."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from docconv.errors import DocconvError

_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    Refuses to replace any of ``inputs``: an input is never overwritten.
    """
    for source in inputs:
        if same_file(path, source):
            raise DocconvError(f"refusing to overwrite the input file {source}", where=str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DocconvError("output folder does not exist", where=str(folder))
    if path.is_dir():
        raise DocconvError("is a folder; name an output file", where=str(path))
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".part", dir=folder)
    except OSError as error:
        raise DocconvError(f"cannot write the output ({error.strerror or error})", where=str(path)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError):  # disk full, permissions, a name too long: one line, no traceback
            raise DocconvError(f"cannot write the output ({error.strerror or error})", where=str(path)) from None
        raise


def safe_filename(name: str, max_length: int = 120, fallback: str = "article") -> str:
    """A file name from a title: no separators, ``..``, control characters or reserved names."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r'[\\/:*?"<>|]+', " ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = re.sub(r"\.{2,}", ".", name)
    if _RESERVED.match(name):
        name = "_" + name
    encoded = name.encode("utf-8")[:max_length]
    name = encoded.decode("utf-8", errors="ignore").strip(" .")
    return name or fallback
