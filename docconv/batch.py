"""Batch conversion: many articles into one folder, in several formats, across worker processes.

``docconv convert a.md b.html … -o OUT/ -t pdf,epub,md --jobs N`` lands here. Each input is read
once and rendered to every requested format by one worker; outputs are named after the input
(``post.md`` → ``OUT/post.pdf``), written atomically, and never replace an existing file.

Naming: the file name without its extension (the last path segment for a URL, ``stdin`` for
``-``), made safe for every file system. When two inputs give the same name (compared without
case, for case-insensitive file systems), the first in command-line order keeps it and the
others get ``-2``, ``-3`` … — the smallest suffix that no other input claims — so the same command
always gives the same names.

Existing files: an output that already exists is not written; that output counts as failed
(``output-exists``) and the others go on. ``force=True`` replaces existing outputs, but an input
is never overwritten.

Exit code (``BatchSummary.exit_code``): 0 when every output was written, 1 when any input or
output failed. Warnings do not change the code unless ``--strict`` turned them into failures.
Nothing here prints: the caller is told of each input's outcome and of progress, and shows them.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docconv.batch_inputs import Input
from docconv.batch_jobs import (
    OUTPUT_EXISTS,
    Job,
    Outcome,
    Progress,
    base_name,
    convert_job,
    convert_jobs,
    input_kinds,
    plan,
    plan_names,
    protected_inputs,
    render_remote,
    ship,
    warm_reading,
    warm_up,
    writer,
)
from docconv.errors import DocconvError, UsageError
from docconv.options import Options

__all__ = [
    "OUTPUT_EXISTS",
    "BatchSummary",
    "Job",
    "Outcome",
    "base_name",
    "convert_job",
    "convert_many",
    "input_kinds",
    "plan",
    "plan_names",
    "protected_inputs",
    "render_remote",
    "ship",
    "warm_reading",
    "writer",
]

if TYPE_CHECKING:
    from concurrent.futures import Future

    from docconv.batch_journal import Journal, ResumePlan


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch did: inputs in all, inputs that failed, files written, warnings reported, and
    inputs a resumed batch found done already (counted as converted)."""

    total: int
    failed: int
    files: int
    warnings: int
    skipped: int = 0

    @property
    def converted(self) -> int:
        return self.total - self.failed

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def convert_many(
    inputs: Sequence[str | Input],
    outdir: Path,
    formats: list[str],
    options: Options,
    *,
    jobs: int | None = None,
    force: bool = False,
    resume: bool = False,
    cluster: str | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    progress: Callable[[int], AbstractContextManager[Progress]] | None = None,
) -> BatchSummary:
    """Convert every input (a path, URL, ``-`` or an ``Input`` from ``batch_inputs.expand``) into ``outdir``.

    ``jobs`` worker processes (default: the cores this process may use); with one job, or one
    input, the work is done in this process. ``cluster`` runs it on Dask instead: a scheduler's
    address (``tcp://host:8786``) or ``local:N`` (see ``docconv.batch_cluster``). Every batch
    appends to the journal ``outdir/.docconv-batch.jsonl``; ``resume`` skips what it records as
    done (see ``docconv.batch_journal``). ``on_outcome`` is told of each input in input order, as
    soon as every earlier input is done, so a log reads the same on every run; ``progress(total)``
    may give a context whose callable is told of each input as it finishes.
    """
    from docconv.batch_journal import Journal, ResumePlan
    from docconv.batch_journal import resume as resume_plan

    if resume and force:
        raise UsageError("--resume keeps finished outputs and --force replaces them: choose one")
    if cluster is not None:
        from docconv.batch_cluster import check_available, start_fork_server

        check_available()  # before anything is read or written
        start_fork_server(cluster)  # local:N: the workers' fork server warms up while the inputs are planned
    if outdir.exists() and not outdir.is_dir():
        raise DocconvError("output folder is a file", where=str(outdir))
    outdir.mkdir(parents=True, exist_ok=True)
    work = plan(inputs, outdir, formats, options)
    if resume:
        remove_stale_temporaries(outdir, work)
    todo = resume_plan(work, outdir, options) if resume else ResumePlan(work, [[] for _ in work], 0)
    journal = Journal(outdir)
    for job, digest in todo.found:
        journal.record(job, Outcome(job.source, input_hash=digest), job.outputs)
    summary = None
    try:
        outcomes = _run(todo, formats, options, Runner(jobs, force, cluster, progress), journal, on_outcome)
        summary = summarise(outcomes, len(work), todo.skipped)
    finally:
        journal.summarise(summary)
        journal.close()
    return summary


@dataclass(frozen=True, slots=True)
class Runner:
    """Where and how a batch's jobs run."""

    jobs: int | None
    force: bool
    cluster: str | None
    progress: Callable[[int], AbstractContextManager[Progress]] | None


def _run(
    todo: ResumePlan,
    formats: list[str],
    options: Options,
    runner: Runner,
    journal: Journal,
    on_outcome: Callable[[Outcome], None] | None,
) -> list[Outcome]:
    """Run the jobs; each outcome is journaled as it arrives and reported in input order."""
    work = todo.jobs
    outcomes: list[Outcome | None] = [None] * len(work)
    reported = 0

    def done(index: int, outcome: Outcome) -> None:
        nonlocal reported
        journal.record(work[index], outcome, todo.kept[index])
        outcomes[index] = outcome
        while reported < len(outcomes) and (ready := outcomes[reported]) is not None:
            if on_outcome:
                on_outcome(ready)
            reported += 1

    display = runner.progress or _no_progress
    workers = max(1, min(runner.jobs or cores(), len(work)))
    with _terminate_as_interrupt():
        if runner.cluster is not None:
            from docconv.batch_cluster import run_on_cluster

            run_on_cluster(work, formats, options, runner.cluster, runner.force, display, done)
        elif workers == 1:
            _run_here(work, options, runner.force, display, done)
        else:
            _run_pool(work, formats, options, workers, runner.force, display, done)
    return [o for o in outcomes if o is not None]


def remove_stale_temporaries(outdir: Path, work: Sequence[Job]) -> None:
    """Temporary files a killed batch left behind (``write_atomic``'s ``.NAME.XXXX.part``) for this batch's outputs."""
    names = {path.name[:100] for job in work for _, path in job.outputs}
    for entry in outdir.iterdir():
        if entry.name.startswith(".") and entry.name.endswith(".part") and entry.name[1:].rsplit(".", 2)[0] in names:
            entry.unlink(missing_ok=True)


def summarise(outcomes: Sequence[Outcome], total: int, skipped: int = 0) -> BatchSummary:
    failed = sum(1 for o in outcomes if o.failures) + (total - skipped - len(outcomes))
    files = sum(len(o.written) for o in outcomes)
    warnings = sum(1 for o in outcomes for d in o.diagnostics if d.level != "info")
    return BatchSummary(total, failed, files, warnings, skipped)


@contextmanager
def _no_progress(total: int) -> Iterator[Progress]:
    yield lambda outcome: None


def _run_here(
    work: list[Job],
    options: Options,
    force: bool,
    progress: Callable[[int], AbstractContextManager[Progress]],
    done: Callable[[int, Outcome], None],
) -> None:
    """Convert in this process, one input ahead of its writes."""
    with progress(len(work)) as advance:
        unsettled: list[tuple[int, Outcome]] = []
        try:
            for index, job in enumerate(work):
                unsettled.append((index, convert_job(job, options, force, settle=False)))
                if len(unsettled) > 1:  # the previous input's writes ran while this one converted
                    earlier, outcome = unsettled.pop(0)
                    done(earlier, outcome.settle())
                    advance(outcome)
        finally:  # an interrupted batch still finishes (or cleans up) every write it started
            for index, outcome in unsettled:
                done(index, outcome.settle())
                advance(outcome)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a batch the way Ctrl-C does: workers stopped, writes finished, nothing left half-written.

    By default SIGTERM ends the process on the spot, leaving its workers running as orphans and a
    write in progress as a temporary file.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. in a container), else all of them."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _run_pool(
    work: list[Job],
    formats: list[str],
    options: Options,
    workers: int,
    force: bool,
    progress: Callable[[int], AbstractContextManager[Progress]],
    done: Callable[[int, Outcome], None],
) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context()
    kinds = input_kinds(work)
    if context.get_start_method() == "fork":
        # Forked workers inherit what this process has loaded: warm the reading path once here
        # instead of once per worker, and freeze the heap so the workers' garbage collector does
        # not touch (and so copy) every inherited page.
        warm_reading(options, kinds)
        gc.freeze()
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=warm_up, initargs=(tuple(formats), options, kinds)
    )
    try:
        futures: dict[Future[list[Outcome]], list[int]] = {
            executor.submit(convert_jobs, [work[i] for i in chunk], options, force): chunk for chunk in _chunks(work, workers)
        }
        # The progress bar's thread starts only after the workers were forked.
        with progress(len(work)) as advance:
            for future in as_completed(futures):
                chunk = futures[future]
                try:
                    outcomes = future.result()
                except Exception as error:  # a worker died (killed, out of memory)
                    outcomes = [Outcome(work[i].source, failures=[(work[i].source, f"worker failed: {error}")]) for i in chunk]
                for index, outcome in zip(chunk, outcomes):
                    done(index, outcome)
                    advance(outcome)
    except BaseException:
        for process in list(getattr(executor, "_processes", {}).values()):
            process.terminate()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)


def _chunks(work: Sequence[Job], workers: int) -> list[list[int]]:
    """Job indexes in tasks: largest inputs first, in chunks that shrink towards the end.

    Largest first, so the last worker to finish waits on a small article, not a big one
    (longest-processing-time-first). Each chunk is an eighth of what is left per worker — many
    articles per round trip early on, single articles at the end, where they balance the workers.
    """
    order = sorted(range(len(work)), key=lambda i: -_size(work[i].source))
    chunks = []
    while order:
        size = max(1, len(order) // (8 * workers))
        chunks.append(order[:size])
        order = order[size:]
    return chunks


def _size(source: str) -> int:
    try:
        return Path(source).stat().st_size
    except (OSError, ValueError):
        return 0
