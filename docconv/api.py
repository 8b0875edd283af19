"""The Python API: read, render, convert and bind — what ``import docconv`` offers."""

from __future__ import annotations

import dataclasses
import signal
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docconv.binder import bind as _bind
from docconv.binder import single
from docconv.diagnostics import Diagnostic, Reporter
from docconv.errors import DocconvError, InputError, LimitExceededError, StrictModeError
from docconv.guard import stage
from docconv.model import Block, Document, Figure, ListBlock, Packet, PacketMeta, Quote, block_text
from docconv.nesting import cap_nesting
from docconv.options import Limits, Options
from docconv.readers import read_source
from docconv.registry import format_for_path, get_renderer, normalise_format
from docconv.renderers.base import RenderContext
from docconv.sources import Source, load
from docconv.transforms import apply_transforms


@dataclass(frozen=True, slots=True)
class Result:
    data: bytes
    media_type: str
    format: str
    diagnostics: tuple[Diagnostic, ...]
    path: Path | None = None

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level != "info")


def make_options(options: Options | None = None, **overrides: Any) -> Options:
    """Options from keyword arguments: ``make_options(offline=True, max_depth=100)``."""
    base = options or Options()
    limit_fields = {f.name for f in dataclasses.fields(Limits)}
    limits = {k: overrides.pop(k) for k in list(overrides) if k in limit_fields}
    if limits:
        overrides["limits"] = dataclasses.replace(base.limits, **limits)
    for key in ("stylesheets", "font_dirs", "allowed_dirs"):
        if key in overrides and not isinstance(overrides[key], tuple):
            overrides[key] = tuple(Path(p) for p in overrides[key])
    try:
        return dataclasses.replace(base, **overrides)
    except TypeError as error:
        raise TypeError(f"unknown docconv option: {error}") from None


def read(
    source: str | bytes | Path | Source,
    options: Options | None = None,
    reporter: Reporter | None = None,
    **overrides: Any,
) -> Document:
    """Read an article (path, URL, ``-``, bytes or literal text) into a Document.

    >>> read("<h2>标题</h2><p>正文。</p>").meta.language
    'zh-Hans'
    """
    options = make_options(options, **overrides)
    reporter = reporter or Reporter()
    with _naming(source.origin if isinstance(source, Source) else _shown(source)), stage("loading the input"):
        loaded = source if isinstance(source, Source) else load(source, options, reporter)
    reporter.where = reporter.where or loaded.origin
    with _naming(loaded.origin):
        with stage("reading"):
            document = cap_nesting(read_source(loaded, options, reporter), options.limits.max_nesting, reporter)
        with stage("the transforms"):
            document = apply_transforms(document, options.disabled_transforms)
    if not _has_content(document.blocks):
        raise InputError("no readable content in the document", where=loaded.origin)
    return document


def render(
    document: Document | Packet,
    format: str,
    options: Options | None = None,
    context: RenderContext | None = None,
    **overrides: Any,
) -> bytes:
    """Render a Document or Packet to bytes: ``render(doc, "markdown")``."""
    if context is None:
        context = RenderContext(make_options(options, **overrides), Reporter())
    packet = document if isinstance(document, Packet) else single(document)
    renderer = get_renderer(format)
    where = packet.documents[0].origin if packet.documents else None
    with render_deadline(context.options.limits.render_timeout, where), stage(f"rendering {renderer.name}"):
        return renderer.render(packet, context)  # type: ignore[no-any-return]


def convert(
    source: str | bytes | Path,
    output_or_format: str | Path,
    options: Options | None = None,
    **overrides: Any,
) -> Result:
    """Read ``source`` and render it; ``output_or_format`` is a format name or an output path.

    Given a path, the file is written atomically (and an input is never overwritten).
    """
    options = make_options(options, **overrides)
    target = Path(output_or_format) if isinstance(output_or_format, Path) else None
    if target is None and isinstance(output_or_format, str):
        is_path = "/" in output_or_format or "." in output_or_format
        target = Path(output_or_format) if is_path else None
    fmt = format_for_path(str(target)) if target else normalise_format(str(output_or_format))
    if fmt is None:
        raise DocconvError(f"cannot tell the output format from {output_or_format!s}; name it with a known extension")
    reporter = Reporter()
    document = read(source, options, reporter)
    context = RenderContext(options, reporter)
    renderer = get_renderer(fmt)
    deadline = render_deadline(options.limits.render_timeout, document.origin)
    with _naming(document.origin), deadline, stage(f"rendering {renderer.name}"):
        data = renderer.render(single(document), context)
    finish(reporter, options)
    if target is not None:
        from docconv.output import write_atomic

        inputs = [Path(source)] if isinstance(source, (str, Path)) and _is_file(source) else []
        write_atomic(target, data, inputs)
    return Result(data, renderer.media_type, fmt, tuple(reporter.diagnostics), target)


def bind(
    documents: Iterable[Document],
    meta: PacketMeta | dict[str, Any] | str,
    reporter: Reporter | None = None,
    order: str = "as-given",
) -> Packet:
    """Bind documents into a briefing packet: ``bind(docs, {"title": "今日简报"})``."""
    if isinstance(meta, str):
        meta = PacketMeta(title=meta)
    elif isinstance(meta, dict):
        meta = PacketMeta(**meta)
    return _bind(documents, meta, reporter, order=order)


def finish(reporter: Reporter, options: Options) -> None:
    """Apply ``strict``: warnings become a failure."""
    if options.strict and reporter.warnings:
        first = reporter.warnings[0]
        raise StrictModeError(f"{len(reporter.warnings)} warning(s) under --strict, first: [{first.code}] {first.message}")


@contextmanager
def render_deadline(seconds: float, where: str | None = None) -> Iterator[None]:
    """Stop a render that runs past ``seconds`` (``limits.render_timeout``) with a LimitExceededError.

    Uses SIGALRM, so it applies in the main thread on POSIX (the CLI, batch workers); elsewhere the
    render is not timed. The timer repeats every second after expiry, so an engine that swallows
    the first exception (a broad ``except Exception``) is interrupted again.
    """
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise LimitExceededError(f"rendering took longer than the limit of {seconds:g} s (render_timeout)", where=where)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _has_content(blocks: tuple[Block, ...]) -> bool:
    """Some text or an image: an empty list or a lone rule is not an article."""
    for block in blocks:
        if isinstance(block, Figure) or block_text(block).strip():
            return True
        if isinstance(block, Quote) and _has_content(block.blocks):
            return True
        if isinstance(block, ListBlock) and any(_has_content(item.blocks) for item in block.items):
            return True
    return False


@contextmanager
def _naming(where: str) -> Iterator[None]:
    """Give a DocconvError raised without a place the input's name, so the CLI line names the file."""
    try:
        yield
    except DocconvError as error:
        if error.where is None:
            error.where = where
        raise


def _shown(source: str | bytes | Path) -> str:
    if isinstance(source, bytes):
        return "<bytes>"
    text = str(source)
    return text if "\n" not in text and len(text) <= 200 else "<text>"


def _is_file(source: str | Path) -> bool:
    try:
        return Path(source).is_file()
    except (OSError, ValueError):
        return False


def read_many(sources: Sequence[str | Path], options: Options, reporter: Reporter) -> list[Document]:
    return [read(s, options, reporter) for s in sources]
