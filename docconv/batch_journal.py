"""The batch journal: one JSON line per converted input in ``OUT/.docconv-batch.jsonl``, and what ``--resume`` skips.

Every batch, local or on a cluster, appends to the journal of its output folder. Each finished
input adds one line, written whole with a single ``write`` on a file opened for appending and then
``fsync``-ed, so a batch stopped at any moment (Ctrl-C, SIGKILL, a power cut) leaves whole lines
for the inputs it finished and at most one torn last line, which readers skip. A thread does the
writing, so the batch never waits on the disk (an ``fsync`` takes milliseconds, as long as a
Markdown conversion); lines that arrive while it syncs go to disk together with the next ``fsync``::

    {"input": "posts/a.md", "sha256": "…", "status": "ok", "outputs": {"markdown": "a.md", "epub": "a.epub"},
     "failures": [], "diagnostics": [{"level": "warning", "code": "image-offline", "message": "…", "where": "…"}],
     "time": "2024-05-01T10:00:00Z"}

An article from a web archive also has ``"archive"`` and ``"offset"``. ``sha256`` is the hash of
the input's bytes (absent when they could not be read). Each run ends with a summary line
(``{"summary": {...}, "interrupted": false, "started": …, "finished": …}``).

Resuming (``--resume``) decides per input, from the last line about it:

1. it was recorded with a hash and its bytes now hash differently → converted again, its outputs
   replaced (a URL is not fetched again to find out: a recorded URL counts as unchanged);
2. otherwise, every output exists → skipped;
3. otherwise → converted, writing only the outputs that are missing (those present are finished:
   every output is written atomically, so one that exists is whole).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docconv.batch_inputs import URL

if TYPE_CHECKING:
    from docconv.batch import BatchSummary, Job, Outcome
    from docconv.options import Options

JOURNAL_NAME = ".docconv-batch.jsonl"


def key(source: str, archive: str | None = None, offset: int = 0) -> str:
    """What identifies an input across runs: its path or URL, and its place when it came from an archive."""
    return f"{source}\t{archive}\t{offset}" if archive else source


def job_key(job: Job) -> str:
    return key(job.source, job.record.archive if job.record else None, job.record.offset if job.record else 0)


class Journal:
    """The journal of one output folder, open for appending for the length of a batch."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / JOURNAL_NAME
        self.started = _now()
        self._descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._lines: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None  # started by the first line: after a local pool's workers are forked
        self._closed = False

    def record(self, job: Job, outcome: Outcome, kept: Sequence[tuple[str, Path]] = ()) -> None:
        """One finished input: what it produced (written now or kept from before), what failed, what was reported."""
        formats = {path: fmt for fmt, path in job.outputs}
        entry: dict[str, Any] = {"input": job.source}
        if job.record is not None:
            entry |= {"archive": job.record.archive, "offset": job.record.offset}
        if outcome.input_hash is not None:
            entry["sha256"] = outcome.input_hash
        present = [*kept, *((formats[path], path) for path in outcome.written)]
        entry |= {
            "status": "failed" if outcome.failures else "ok",
            "outputs": {fmt: path.name for fmt, path in present},
            "failures": [{"where": where, "message": message} for where, message in outcome.failures],
            "diagnostics": [
                {"level": d.level, "code": d.code, "message": d.message, "where": d.where} for d in outcome.diagnostics
            ],
            "time": _now(),
        }
        self._append(entry)

    def summarise(self, summary: BatchSummary | None) -> None:
        """The run's last line; an interrupted run says so (``summary`` None)."""
        counts = (
            {
                "total": summary.total,
                "converted": summary.converted - summary.skipped,
                "skipped": summary.skipped,
                "failed": summary.failed,
                "files": summary.files,
                "warnings": summary.warnings,
            }
            if summary is not None
            else None
        )
        self._append({"summary": counts, "interrupted": summary is None, "started": self.started, "finished": _now()})

    def close(self) -> None:
        """Wait until every line is on disk."""
        if self._closed:
            return
        self._closed = True
        if self._writer is not None:
            self._lines.put(None)
            self._writer.join()
        os.close(self._descriptor)

    def _append(self, entry: dict[str, Any]) -> None:
        if self._writer is None:
            self._writer = threading.Thread(target=self._write, name="docconv-journal", daemon=True)
            self._writer.start()
        self._lines.put((json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))

    def _write(self) -> None:
        """The writer thread: whole lines in one ``write`` on the O_APPEND descriptor, then one ``fsync`` for them."""
        closing = False
        while not closing:
            lines = [self._lines.get()]
            while not self._lines.empty():
                lines.append(self._lines.get())
            closing = None in lines
            data = b"".join(line for line in lines if line is not None)
            with contextlib.suppress(OSError):  # a full disk loses journal lines, never the batch's outputs
                while data:
                    data = data[os.write(self._descriptor, data) :]
                os.fsync(self._descriptor)


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def entries(folder: Path) -> Iterator[dict[str, Any]]:
    """Every whole line of a folder's journal (a torn last line is skipped)."""
    path = folder / JOURNAL_NAME
    if not path.exists():
        return
    with path.open("rb") as stream:
        for raw in stream:
            with contextlib.suppress(ValueError):
                entry = json.loads(raw)
                if isinstance(entry, dict):
                    yield entry


def last_entries(folder: Path) -> dict[str, dict[str, Any]]:
    """What ``--resume`` needs of the last line about each input (status and hash), by ``key``.

    Only those two fields are kept: a million inputs' diagnostics would not fit in memory.
    """
    latest: dict[str, dict[str, Any]] = {}
    for entry in entries(folder):
        if isinstance(entry.get("input"), str):
            where = key(entry["input"], entry.get("archive"), int(entry.get("offset") or 0))
            latest[where] = {"status": entry.get("status"), "sha256": entry.get("sha256")}
    return latest


@dataclass(frozen=True, slots=True)
class ResumePlan:
    """What a resumed batch still does: the jobs to run, what each keeps from before, how many are done."""

    jobs: list[Job]
    kept: list[list[tuple[str, Path]]]  # per job, the outputs it already has
    skipped: int
    # Inputs whose outputs were all written but never journaled (a worker finished them just before
    # the stop), with their hashes: the resumed batch records them so the journal names every input.
    found: tuple[tuple[Job, str | None], ...] = ()


def resume(work: Sequence[Job], folder: Path, options: Options) -> ResumePlan:
    """The jobs left to do after an interrupted or partly failed batch (see the module's rules)."""
    latest = last_entries(folder)
    jobs: list[Job] = []
    kept: list[list[tuple[str, Path]]] = []
    found: list[tuple[Job, str | None]] = []
    skipped = 0
    for job in work:
        entry = latest.get(job_key(job))
        if entry is not None and _changed(job, entry, options):
            jobs.append(replace(job, replace=True))
            kept.append([])
            continue
        missing = tuple((fmt, path) for fmt, path in job.outputs if not path.exists())
        if not missing:
            skipped += 1
            if entry is None:
                found.append((job, _hash(job, options)))
            continue
        jobs.append(replace(job, outputs=missing))
        kept.append([(fmt, path) for fmt, path in job.outputs if path.exists()])
    return ResumePlan(jobs, kept, skipped, tuple(found))


def _changed(job: Job, entry: dict[str, Any], options: Options) -> bool:
    recorded = entry.get("sha256")
    if not isinstance(recorded, str) or (job.data is None and job.record is None and URL.match(job.source)):
        return False
    return _hash(job, options) != recorded  # unreadable now (None): converting it again reports why


def _hash(job: Job, options: Options) -> str | None:
    """The SHA-256 of an input's bytes as they are now; None for a URL or an input that cannot be read."""
    from docconv.batch_inputs import read_input
    from docconv.errors import DocconvError

    if job.data is None and job.record is None and URL.match(job.source):
        return None
    try:
        data = job.data if job.data is not None else read_input(job.source, job.record, options)
    except DocconvError:
        return None
    return hashlib.sha256(data).hexdigest()
