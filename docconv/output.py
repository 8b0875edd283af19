"""Writing outputs: atomically (temp file + rename), through devices and FIFOs, never over an input, with safe names."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from docconv.errors import DocconvError, UsageError

_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> Path | None:
    """Write ``data`` to ``path`` the way pandoc and WeasyPrint do, never over an input.

    A regular file (or a new name) is written to a temporary file in the same folder and renamed.
    A symbolic link stays: its target is written that way, in the target's folder. A device, a
    FIFO or a socket is opened and written through, never replaced. Returns the regular file
    written (None when written through), so a caller can remove what it created.
    """
    for source in inputs:
        if same_file(path, source):
            raise DocconvError(f"refusing to overwrite the input file {source}", where=str(path))
    if path.is_dir():
        raise DocconvError("is a folder; name an output file", where=str(path))
    if is_special(path):
        write_through(path, data)
        return None
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DocconvError("output folder does not exist", where=str(folder))
    _replace(target, folder, data, shown=path)
    return target


def is_special(path: Path) -> bool:
    """A device, FIFO or socket (a symbolic link to one too): written through, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_through(path: Path, data: bytes) -> None:
    """Open ``path`` as it is (a device, a FIFO) and write ``data`` into it."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise DocconvError(f"cannot write the output ({error.strerror or error})", where=str(path)) from None


def _replace(target: Path, folder: Path, data: bytes, shown: Path) -> None:
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".part", dir=folder)
    except OSError as error:
        raise DocconvError(f"cannot write the output ({error.strerror or error})", where=str(shown)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError):  # disk full, permissions, a name too long: one line, no traceback
            raise DocconvError(f"cannot write the output ({error.strerror or error})", where=str(shown)) from None
        raise


def check_output(output: str) -> None:
    """Refuse, before any input is read, an output that cannot be written: its folder is missing,
    or it is a folder. ``-`` (standard output) and a folder ending in ``/`` (created) pass."""
    if output == "-" or output.endswith(("/", os.sep)):
        return
    path = Path(output)
    if path.is_dir():
        raise UsageError("is a folder; name an output file, or end the folder with '/' for one file per input", where=output)
    if is_special(path):
        return
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"the output folder {folder} does not exist (end -o with '/' to create a folder)", where=output)


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
