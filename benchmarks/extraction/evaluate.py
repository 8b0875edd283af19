"""Run both extractors on every page of a set and score them: one flat row of numbers per page.

Pages are spread over at most two worker processes. Each worker refuses any network connection or
name lookup that is not for the loopback interface, so a run is provably offline.
"""

from __future__ import annotations

import multiprocessing
import socket
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from benchmarks.extraction.corpus import SNIPPET_SETS, Page
from benchmarks.extraction.extractors import EXTRACTORS, Extraction, extract
from benchmarks.extraction.metrics import furniture, overlap, snippet_counts, squashed, tokens

Row = dict[str, Any]
MAX_JOBS = 2
_LOOPBACK = ("127.", "::1", "localhost")


def run(set_name: str, pages: list[Page], jobs: int = MAX_JOBS) -> list[Row]:
    """The scored rows of ``pages``, in their order; progress goes to stderr."""
    tasks = [(set_name, page) for page in pages]
    jobs = max(1, min(jobs, MAX_JOBS, len(tasks)))
    started = time.perf_counter()
    rows: list[Row] = []
    if jobs == 1:
        prepare_worker()
        results: Iterator[Row] = map(_score_task, tasks)
        rows = _collect(results, set_name, len(tasks), started)
    else:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=prepare_worker, maxtasksperchild=50) as pool:
            rows = _collect(pool.imap(_score_task, tasks), set_name, len(tasks), started)
    return rows


def _collect(results: Iterator[Row], set_name: str, total: int, started: float) -> list[Row]:
    rows = []
    for done, row in enumerate(results, 1):
        rows.append(row)
        if done % 25 == 0 or done == total:
            print(f"  {set_name}: {done}/{total} pages, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows


def _score_task(task: tuple[str, Page]) -> Row:
    set_name, page = task
    return score_page(set_name, page)


def score_page(set_name: str, page: Page) -> Row:
    row: Row = {"set": set_name, "id": page.id, "source": page.source, "url": page.url, "notes": page.notes}
    snippets = set_name in SNIPPET_SETS
    if not snippets:
        row["truth_tokens"] = len(tokens(page.truth))
    for name in EXTRACTORS:
        extraction = extract(name, page.html)
        row |= _common(name, extraction)
        row |= _snippet_scores(name, extraction, page) if snippets else _full_scores(name, extraction, page)
    return row


def _common(name: str, extraction: Extraction) -> Row:
    return {
        f"{name}_error": extraction.error,
        f"{name}_seconds": round(extraction.seconds, 3),
        f"{name}_lines": len(extraction.lines),
        f"{name}_tokens": len(tokens(extraction.text)),
    }


def _full_scores(name: str, extraction: Extraction, page: Page) -> Row:
    scores = overlap(extraction.text, page.truth)
    bad, counted = furniture(extraction.lines, page.truth)
    row: Row = {
        f"{name}_precision": round(scores.precision, 4),
        f"{name}_recall": round(scores.recall, 4),
        f"{name}_f1": round(scores.f1, 4),
        f"{name}_furniture": bad,
        f"{name}_judged_lines": counted,
    }
    if name == "docconv":
        row["docconv_repeated_captions"] = repeated_captions(extraction)
        row["docconv_headings_under_images"] = len(extraction.headings_under_images)
        # What a reader of the whole output sees: the figures' captions and descriptions count too.
        with_figures = overlap("\n".join([*extraction.lines, *extraction.captions]), page.truth)
        row["docconv_precision_with_figures"] = round(with_figures.precision, 4)
        row["docconv_f1_with_figures"] = round(with_figures.f1, 4)
    return row


def _snippet_scores(name: str, extraction: Extraction, page: Page) -> Row:
    counts = snippet_counts(extraction.text, page.with_snippets, page.without_snippets)
    return {
        f"{name}_tp": counts.tp,
        f"{name}_fn": counts.fn,
        f"{name}_fp": counts.fp,
        f"{name}_tn": counts.tn,
        f"{name}_f1": round(counts.f1, 4),
    }


def repeated_captions(extraction: Extraction) -> int:
    """Figure captions (of three tokens or more) that the page gives twice: as a line of the body, or
    as the caption of another figure (a gallery's slides all captioned alike)."""
    seen = {squashed(line) for line in extraction.lines}
    repeated = 0
    for caption in extraction.captions:
        if len(tokens(caption)) < 3:
            continue
        repeated += squashed(caption) in seen
        seen.add(squashed(caption))
    return repeated


def prepare_worker() -> None:
    """Offline, and quiet: parser warnings about odd pages are not results."""
    warnings.filterwarnings("ignore")
    forbid_network()


def forbid_network() -> None:
    """Make this process refuse connections and name lookups beyond the loopback interface."""
    original_connect: Callable[..., Any] = socket.socket.connect
    original_connect_ex: Callable[..., Any] = socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def allowed(address: Any) -> bool:
        host = address[0] if isinstance(address, tuple) else address
        return not isinstance(host, str) or host.startswith(_LOOPBACK) or host == ""

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not allowed(address):
            raise OSError(f"the extraction benchmark makes no network connections (to {address!r})")
        original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not allowed(address):
            raise OSError(f"the extraction benchmark makes no network connections (to {address!r})")
        return int(original_connect_ex(self, address))

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, (str, bytes)) and not allowed(host if isinstance(host, str) else host.decode()):
            raise OSError(f"the extraction benchmark looks up no names ({host!r})")
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign,assignment]
    socket.getaddrinfo = getaddrinfo
