"""One article of a batch: its job (input and output paths), its outcome, and converting it.

``docconv.batch`` runs many of these on one machine, ``docconv.batch_cluster`` on a Dask cluster;
both take the per-article work from here, so an article converts the same way wherever it runs.
Output naming: the file name without its extension (the last path segment for a URL, ``stdin`` for
``-``), made safe for every file system; clashing names get ``-2``, ``-3`` … in command-line order.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from docconv.batch_inputs import URL as _URL
from docconv.batch_inputs import Input, Record
from docconv.diagnostics import Diagnostic, Reporter
from docconv.errors import DocconvError
from docconv.guard import as_limit
from docconv.options import Options
from docconv.output import safe_filename

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from docconv.model import Document
    from docconv.sources import Source


Progress = Callable[["Outcome"], None]  # told of each input as it finishes, failed or not


@dataclass(frozen=True, slots=True)
class Job:
    """One input and the outputs it should produce (format → path)."""

    source: str
    outputs: tuple[tuple[str, Path], ...]
    # The input's bytes when they were read before the job runs: stdin (workers have none), or
    # shipped to a cluster worker that cannot see the client's files.
    data: bytes | None = None
    record: Record | None = None  # where a web-archive article lives
    replace: bool = False  # its outputs may be replaced: a resumed batch's input that changed
    error: str | None = None  # known unreadable before it runs (a damaged archive)


@dataclass(slots=True)
class Outcome:
    """What became of one input: outputs written, failures (where, message), diagnostics."""

    source: str
    written: list[Path] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pending: list[tuple[Path, Future[Path | None]]] = field(default_factory=list)  # writes still on the writer thread
    rendered: list[tuple[Path, bytes]] = field(default_factory=list)  # a cluster worker's outputs, for the client to write
    input_hash: str | None = None  # SHA-256 of the input's bytes, once they were read

    def settle(self) -> Outcome:
        """Wait for this input's writes; each becomes written or failed."""
        for path, write in self.pending:
            try:
                write.result()
            except DocconvError as error:
                self.failures.append((str(path), _message(error, str(path))))
            except Exception as error:
                self.failures.append((str(path), f"internal error: {type(error).__name__}: {error}"))
            else:
                self.written.append(path)
        self.pending.clear()
        return self


# ---------------------------------------------------------------------------------------- naming


def base_name(source: str) -> str:
    """The output name an input suggests, without extension: ``a/b/post.md`` → ``post``."""
    if source == "-":
        return "stdin"
    if _URL.match(source):
        parts = urlsplit(source)
        segments = [s for s in unquote(parts.path).split("/") if s]
        if not segments:
            return safe_filename(parts.hostname or "article", max_length=100)
        name = segments[-1]
        if "." in name.strip("."):
            name = name.rsplit(".", 1)[0]
        return safe_filename(name, max_length=100)
    path = Path(source)
    stem = path.stem if path.suffix else path.name
    return safe_filename(stem, max_length=100)


def plan_names(sources: Sequence[str]) -> list[str]:
    """A distinct output name for each input, deterministic in command-line order.

    >>> plan_names(["a/post.md", "b/post.md", "post-2.html", "Post.txt"])
    ['post', 'post-3', 'post-2', 'Post-4']
    >>> plan_names(["https://a.example/p/index.html", "https://b.example/index.html"])
    ['index-35035a60', 'index-f92e4a67']
    """
    bases = [base_name(s) for s in sources]
    asked = Counter(b.casefold() for b in bases)
    # URLs that suggest the same name (``index``, ``article.php?id=…``) are told apart by a digest
    # of the URL, not by their place in the list: a URL keeps its name in every batch it is part of.
    bases = [f"{b}-{url_digest(s)}" if asked[b.casefold()] > 1 and _URL.match(s) else b for s, b in zip(sources, bases)]
    # Every name some input asks for is reserved first, so a later ``post-2.md`` keeps its own
    # name instead of losing it to the second ``post.md``.
    claimed = {b.casefold() for b in bases}
    taken: set[str] = set()
    names: list[str] = []
    for base in bases:
        name = base
        if name.casefold() in taken:
            number = 2
            while f"{base}-{number}".casefold() in claimed | taken:
                number += 1
            name = f"{base}-{number}"
        taken.add(name.casefold())
        names.append(name)
    return names


def url_digest(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]


def plan(sources: Sequence[str | Input], outdir: Path, formats: Sequence[str], options: Options | None = None) -> list[Job]:
    """The jobs of a batch: one per input, each with one output path per format."""
    from docconv.registry import get_renderer

    # Importing the renderers here, before the workers are forked, also means each worker
    # starts with them already loaded.
    extensions = {fmt: get_renderer(fmt).extensions[0] for fmt in formats}
    items = [s if isinstance(s, Input) else Input(s) for s in sources]
    jobs = []
    limit = (options or Options()).limits.max_input_bytes
    stdin_wanted = any(i.source == "-" and i.record is None for i in items)
    stdin = sys.stdin.buffer.read(limit + 1) if stdin_wanted else None  # the reader reports an oversize input
    for item, name in zip(items, plan_names([i.source for i in items])):
        outputs = tuple((fmt, outdir / f"{name}{_dotted(extensions[fmt])}") for fmt in formats)
        data = stdin if item.source == "-" and item.record is None else None
        jobs.append(Job(item.source, outputs, data, item.record, error=item.error))
    return jobs


def _dotted(extension: str) -> str:
    return extension if extension.startswith(".") else f".{extension}"


# ---------------------------------------------------------------------------------------- worker


@dataclass
class _ProcessState:
    """What one process of a batch keeps between inputs: the kinds of input it has warmed up, its
    writer thread, and the exit code it owes once a stop signal arrived. A forked worker inherits
    its parent's copy, so the writer is only used by the process that made it (``writer_pid``)."""

    warmed: set[str] = field(default_factory=set)
    writer: ThreadPoolExecutor | None = None
    writer_pid: int = 0
    stopping: int | None = None


_PROCESS = _ProcessState()


def warm_up(formats: Sequence[str], options: Options, kinds: frozenset[str] | None = None) -> None:
    """Worker initializer: import the renderers once, so every article after the first is fast."""
    # Ctrl-C is the parent's to handle; a terminated worker unwinds so write_atomic removes
    # its temporary file instead of leaving it behind.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_term)
    from docconv.registry import get_renderer

    warm_reading(options, kinds)
    for fmt in formats:
        with contextlib.suppress(Exception):  # the job reports an unknown format, with the input's name
            get_renderer(fmt).render  # noqa: B018 - importing the declaration is the warm-up


# Enough article text that trafilatura trusts its own extraction: a page with less sends it to its
# justext fallback, whose stop lists for a hundred languages take 0.1 s to load, which real
# articles do not need.
_WARM_PARAGRAPHS = "".join(
    f"<p>这是用于预热的第{n}段文字，内容足够长，让提取器认定它是正文而不是页面的装饰部分。</p>" for n in range(8)
)

# One tiny input per reader, keyed by what ``docconv.readers.sniff`` calls it, and "page" for a
# whole web page: its navigation sends it through the extractor (trafilatura, about 80 ms to import
# and 0.1 s more on its first page), which HTML fragments never need. The page carries its date,
# so the warm-up does not load htmldate (another 80 ms) for batches whose pages all state theirs.
_WARM_INPUTS = {
    "html": "<h1>t</h1><p>预热。</p>",
    "page": "<html><head><title>t</title><meta property='article:published_time' content='2024-01-01'></head>"
    "<body><nav><a href='/'>首页</a></nav><article><h1>t</h1>" + _WARM_PARAGRAPHS + "</article></body></html>",
    "markdown": "# t\n\n预热。\n",
    "post": "---\ntitle: t\n---\n\n预热。\n",
}


def warm_reading(options: Options, kinds: Iterable[str] | None = None) -> None:
    """Read a tiny input of each kind once (all kinds by default): readers and transforms imported, caches filled.

    Only the kinds a batch holds are worth it: the extractor's first page alone costs about
    0.2 s, which a batch of Markdown files would pay for nothing.
    """
    from docconv import pipeline
    from docconv.context import Context

    for kind in _WARM_INPUTS if kinds is None else kinds:
        if kind in _PROCESS.warmed or kind not in _WARM_INPUTS:
            continue
        _PROCESS.warmed.add(kind)
        with contextlib.suppress(Exception):  # an optimisation only; real inputs report their own errors
            pipeline.read(_WARM_INPUTS[kind].encode("utf-8"), Context(options))


def input_kinds(work: Sequence[Job]) -> frozenset[str]:
    """The readers a batch will need, sniffed from the start of each input; whole pages and URLs are "page"."""
    from docconv.readers import sniff
    from docconv.readers.html.parse import looks_like_page

    kinds = set()
    for job in work:
        if job.data is not None:
            head = job.data[:_SNIFF_BYTES]
        elif _URL.match(job.source):  # a page fetched, or one kept in a web archive
            kinds.add("page")
            continue
        else:
            try:
                with open(job.source, "rb") as file:
                    head = file.read(_SNIFF_BYTES)
            except OSError:
                continue  # the job reports it
        text = head.decode("utf-8", "replace")
        kind = sniff(text)
        kinds.add("page" if kind == "html" and looks_like_page(text) else kind)
    return frozenset(kinds)


_SNIFF_BYTES = 8192


def _exit_on_term(signum: int, frame: Any) -> None:
    if _PROCESS.stopping is None:  # once: a second signal must not interrupt the clean-up of the first
        _PROCESS.stopping = 128 + signum
        raise SystemExit(_PROCESS.stopping)


def _stop_if_asked() -> None:
    """A worker that was told to stop leaves once every write it started is on disk."""
    if _PROCESS.stopping is not None:
        if _PROCESS.writer is not None and _PROCESS.writer_pid == os.getpid():
            _PROCESS.writer.shutdown(wait=True)
        # The pool would catch a SystemExit and run the next queued task; a stopped worker stops.
        os._exit(_PROCESS.stopping)


def convert_job(job: Job, options: Options | None = None, force: bool = False, settle: bool = True) -> Outcome:
    """Read one input once and write it in every format; never raises for a bad input.

    With ``settle=False`` the writes may still be under way when it returns (``Outcome.settle``
    waits for them), so the next input's work overlaps this one's trip to the disk.
    """
    from docconv.output import write_atomic

    options = options or Options()
    outcome = Outcome(job.source)
    force = force or job.replace
    pending = claim_outputs(job, force, outcome)
    for path, data in render_job(job, pending, options, outcome) if pending else ():
        if path.exists() and not force:  # appeared while we rendered
            outcome.failures.append((str(path), OUTPUT_EXISTS))
        else:
            outcome.pending.append((path, writer().submit(write_atomic, path, data, protected_inputs(job))))
    return outcome.settle() if settle else outcome


OUTPUT_EXISTS = "output exists; not overwriting it (remove it or choose another folder)"


def claim_outputs(job: Job, force: bool, outcome: Outcome) -> list[tuple[str, Path]]:
    """The outputs to make: those that do not exist (all with ``force``); the others fail, as does an unreadable job."""
    if job.error is not None:
        outcome.failures.append((job.source, job.error))
        return []
    pending = []
    for fmt, path in job.outputs:
        if path.exists() and not force:
            outcome.failures.append((str(path), OUTPUT_EXISTS))
        else:
            pending.append((fmt, path))
    return pending


def ship(job: Job, options: Options, force: bool, outcome: Outcome) -> Job | None:
    """The job as a cluster worker gets it: the outputs to make and the input's bytes (a URL is fetched there).

    None when there is nothing to send: every output exists, or the input cannot be read (``outcome`` says why).
    """
    from dataclasses import replace

    pending = claim_outputs(job, force or job.replace, outcome)
    if not pending:
        return None
    data = job.data
    if data is None and (job.record is not None or not _URL.match(job.source)):
        try:
            data = input_bytes(job, options)
        except DocconvError as error:
            outcome.failures.append((job.source, _message(error, job.source)))
            return None
    return replace(job, outputs=tuple(pending), data=data)


def render_remote(job: Job, options: Options) -> Outcome:
    """A cluster worker's part: the job's outputs as bytes, with its failures and diagnostics; nothing written."""
    outcome = Outcome(job.source)
    outcome.rendered = list(render_job(job, job.outputs, options, outcome))
    return outcome


def render_job(job: Job, outputs: Sequence[tuple[str, Path]], options: Options, outcome: Outcome) -> Iterator[tuple[Path, bytes]]:
    """Read the input once and yield each output's bytes; failures and diagnostics go into ``outcome``."""
    from docconv import pipeline
    from docconv.binder import single
    from docconv.context import Context

    reporter = Reporter(where="<stdin>" if job.source == "-" and job.record is None else job.source)
    try:
        try:
            packet = single(read_job(job, Context(options, reporter), outcome))
        except DocconvError as error:
            outcome.failures.append((job.source, _message(error, job.source)))
            return
        except (RecursionError, MemoryError) as error:  # outside read()'s guard (loading stdin)
            outcome.failures.append((job.source, str(as_limit(error, "reading"))))
            return
        except Exception as error:  # one bad input must not stop the batch
            outcome.failures.append((job.source, f"internal error: {type(error).__name__}: {error}"))
            return
        # One context for all formats of this input: images are fetched once, not once per format.
        context = Context(options, reporter)
        for fmt, path in outputs:
            try:
                data = pipeline.render(packet, fmt, context)  # under limits.render_timeout, like the single-file path
                pipeline.finish(reporter, options)
            except DocconvError as error:
                outcome.failures.append((str(path), _message(error, str(path))))
                continue
            except (RecursionError, MemoryError) as error:
                outcome.failures.append((str(path), str(as_limit(error, f"rendering {fmt}"))))
                continue
            except Exception as error:  # a renderer bug fails this output only
                outcome.failures.append((str(path), f"internal error: {type(error).__name__}: {error}"))
                continue
            yield path, data
    finally:
        outcome.diagnostics = list(reporter.diagnostics)


def read_job(job: Job, context: Any, outcome: Outcome) -> Document:
    """The job's article, read like a single file; an archived page without a date of its own gets the record's."""
    from dataclasses import replace

    from docconv import pipeline
    from docconv.dates import parse_date

    with pipeline.naming(job.source):
        source, outcome.input_hash = load_job(job, context.options, context.reporter)
    document = pipeline.read(source, context)
    if job.record is not None and job.record.date and document.meta.date is None:
        date, _ = parse_date(job.record.date)
        if date is not None:
            context.reporter.info("date-from-archive", f"no date on the page; the capture date {job.record.date} was used")
            document = replace(document, meta=replace(document.meta, date=date))
    return document


def load_job(job: Job, options: Options, reporter: Reporter) -> tuple[Source, str]:
    """The job's input decoded, as ``sources.load`` would, and the SHA-256 of its bytes."""
    from docconv.sources import from_bytes

    if job.data is None and job.record is None and _URL.match(job.source):
        from docconv.resources.fetch import fetch_document

        data, content_type, final_url = fetch_document(job.source, options, reporter)
        source = from_bytes(data, job.source, options, reporter, base_url=final_url, content_type=content_type)
        return source, hashlib.sha256(data).hexdigest()
    data = job.data if job.data is not None else input_bytes(job, options)
    if job.record is not None:  # a saved page: its URL resolves its links and images
        source = from_bytes(data, job.source, options, reporter, base_url=job.source, content_type=job.record.content_type)
    elif job.source == "-":
        source = from_bytes(data, "<stdin>", options, reporter)
    else:
        source = from_bytes(data, job.source, options, reporter, base_url=Path(job.source).resolve().as_uri())
    return source, hashlib.sha256(data).hexdigest()


def input_bytes(job: Job, options: Options) -> bytes:
    """A file's or an archived page's bytes (not a URL's: those are fetched where the job runs)."""
    from docconv.batch_inputs import read_input

    return read_input(job.source, job.record, options)


def protected_inputs(job: Job) -> list[Path]:
    """The input file no output may replace."""
    return [Path(job.source)] if job.record is None and job.source != "-" and not _URL.match(job.source) else []


def writer() -> ThreadPoolExecutor:
    """This process's writer thread (one, so outputs are written in order).

    An atomic write ends with an ``fsync``, about a millisecond of waiting on the disk per file —
    a fifth of a Markdown + EPUB batch when the converting thread waits for it, and more when two
    workers' syncs queue on the same journal. The thread does the waiting instead. Created per
    process: a forked worker does not inherit its parent's threads.
    """
    if _PROCESS.writer is None or _PROCESS.writer_pid != os.getpid():
        from concurrent.futures import ThreadPoolExecutor

        _PROCESS.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docconv-writer")
        _PROCESS.writer_pid = os.getpid()
    return _PROCESS.writer


def _message(error: DocconvError, where: str) -> str:
    """The error's message without a repeated ``where:`` prefix."""
    text = str(error)
    prefix = f"{error.where}: " if error.where else ""
    if error.where == where and text.startswith(prefix):
        text = text[len(prefix) :]
    return text


# ---------------------------------------------------------------------------------------- driver


def convert_jobs(jobs: Sequence[Job], options: Options, force: bool = False) -> list[Outcome]:
    """Several jobs in one worker task: one round trip to the parent instead of one per article."""
    _stop_if_asked()
    outcomes: list[Outcome] = []
    try:
        for job in jobs:
            outcomes.append(convert_job(job, options, force, settle=False))
    finally:  # settled even when the worker is being stopped, so no temporary file is left behind
        try:
            for outcome in outcomes:
                outcome.settle()
        finally:
            _stop_if_asked()
    return outcomes
