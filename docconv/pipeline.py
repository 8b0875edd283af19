"""The pipeline: load → read → transform → bind → render → write, the one path every entry point takes.

``docconv.read``/``render``/``convert``, ``docconv convert``, ``docconv packet`` and the batch all
run these functions; the command line only parses options, calls them, and prints. Every stage
gets the same ``Context`` (options, reporter, media store, deadline), so every stage can report
what it did, and the caller gets every diagnostic back in its ``Result``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from docconv.binder import single
from docconv.context import Context
from docconv.diagnostics import Diagnostic, Reporter
from docconv.errors import DocconvError, InputError, StrictModeError
from docconv.guard import stage
from docconv.model import Document, Omission, Packet
from docconv.nesting import cap_nesting
from docconv.options import Options
from docconv.registry import READERS, RENDERERS, TRANSFORMS, get_renderer
from docconv.sources import Source, load
from docconv.tree import has_content
from docconv.validation import check_options

Progress = Callable[[str], None]  # told a short label each time a step is done


@dataclass(frozen=True, slots=True)
class Result:
    """One rendered output: its bytes, media type and format, the diagnostics of its conversion, and
    the path it was written to (None when it was not written).

    >>> import docconv
    >>> result = docconv.render(docconv.read_text("<p>你好。</p>"), "html")
    >>> result.media_type, result.warnings
    ('text/html; charset=utf-8', ())
    """

    data: bytes = field(repr=False)
    media_type: str
    format: str
    diagnostics: tuple[Diagnostic, ...]
    path: Path | None = None

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level != "info")

    def __repr__(self) -> str:
        where = f", path={str(self.path)!r}" if self.path else ""
        return f"Result(format={self.format!r}, {len(self.data)} bytes, {len(self.diagnostics)} diagnostic(s){where})"


@dataclass(frozen=True, slots=True)
class Target:
    """One output to produce: a format, and the path to write (None: keep the bytes only)."""

    format: str
    path: Path | None = None


# ------------------------------------------------------------------------------------------ read


def read(source: str | bytes | Path | Source, context: Context, reader: str | None = None) -> Document:
    """Load ``source``, read it with the reader that claims it, and run the transforms."""
    from docconv.readers import read_source
    from docconv.transforms import apply_transforms

    reporter = context.reporter
    if not reporter.where and not isinstance(source, Source):  # the decoder's warnings name the input too
        reporter.where = "<stdin>" if source == "-" else shown(source)
    with naming(source.origin if isinstance(source, Source) else shown(source)), stage("loading the input"):
        loaded = source if isinstance(source, Source) else load(source, context.options, reporter)
    reporter.where = reporter.where or loaded.origin
    with naming(loaded.origin):
        READERS.report_shadowed(reporter)
        TRANSFORMS.report_shadowed(reporter)
        with stage("reading"):
            # One depth cap, here, that every later stage relies on (docconv/nesting.py).
            document = cap_nesting(read_source(loaded, context, reader), context.options.limits.max_nesting, reporter)
        if context.options.metadata:  # before the transforms: a title given here is the one they compare with
            from docconv.overrides import apply

            document = apply(document, context.options.metadata)
        with stage("the transforms"):
            document = apply_transforms(document, context)
    if not has_content(document.blocks):
        raise InputError("no readable content in the document", where=loaded.origin)
    return document


# ---------------------------------------------------------------------------------------- render


def render(packet: Packet, fmt: str, context: Context) -> bytes:
    """One format's bytes, under the render time limit."""
    renderer = get_renderer(fmt)
    RENDERERS.report_shadowed(context.reporter)
    where = packet.documents[0].origin if packet.documents else None
    if prepare := getattr(renderer, "prepare", None):
        prepare()  # one-time set-up a deadline must not cut in half (a renderer may have none)
    with naming(where or "<packet>"), context.deadline(where), stage(f"rendering {renderer.name}"):
        return renderer.render(packet, context)


def render_targets(packet: Packet, targets: Sequence[Target], context: Context, progress: Progress | None = None) -> list[Result]:
    """Every target's bytes from one packet and one context: images are fetched once for all formats."""
    results = []
    for target in targets:
        data = render(packet, target.format, context)
        renderer = get_renderer(target.format)
        results.append(Result(data, renderer.media_type, target.format, (), target.path))
        if progress:
            progress(f"rendered {target.path.name if target.path else target.format}")
    return results


def finish(reporter: Reporter, options: Options) -> None:
    """Apply ``strict``: warnings become a failure, before anything is written."""
    if options.strict and reporter.warnings:
        first = reporter.warnings[0]
        raise StrictModeError(f"{len(reporter.warnings)} warning(s) under --strict, first: [{first.code}] {first.message}")


def with_diagnostics(results: Sequence[Result], reporter: Reporter) -> list[Result]:
    """The results, each carrying every diagnostic of the conversion that made them."""
    from dataclasses import replace

    return [replace(result, diagnostics=tuple(reporter.diagnostics)) for result in results]


# ------------------------------------------------------------------------------------------ write


def write_results(results: Sequence[Result], inputs: Sequence[Path] = ()) -> None:
    """Write every result that has a path, atomically; if one fails, remove those this call created."""
    write_files({r.path: r.data for r in results if r.path is not None}, inputs)


def write_files(files: dict[Path, bytes], inputs: Sequence[Path] = (), *, fresh_folder: Path | None = None) -> None:
    """Write ``files`` atomically, never over an input; all or nothing.

    Devices and FIFOs are written through (``output.write_atomic``), after every regular file, so
    a failure removes what this call created before anything went out through them. With
    ``fresh_folder`` (``--split``), the folder is created if needed and no file in it may exist
    already; a failure removes what this call created, the folder too when it made it.
    """
    from docconv.output import is_special, write_atomic

    created_folder = fresh_folder is not None and not fresh_folder.exists()
    if fresh_folder is not None:
        fresh_folder.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    try:
        for path, data in sorted(files.items(), key=lambda item: is_special(item[0])):
            existed = path.exists()
            if existed and fresh_folder is not None:
                raise DocconvError("already exists; --split never replaces files", where=str(path))
            written = write_atomic(path, data, inputs)
            if not existed and written is not None:
                created.append(written)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        if created_folder and fresh_folder is not None and not any(fresh_folder.iterdir()):
            fresh_folder.rmdir()
        raise


def check_targets(targets: Sequence[Target]) -> None:
    """Every output path can be written (its folder exists): checked before any input is read."""
    from docconv.output import check_output

    for target in targets:
        if target.path is not None:
            check_output(str(target.path))


def input_paths(sources: Sequence[str | bytes | Path | Source]) -> list[Path]:
    """The inputs that are files: no output may replace them."""
    paths = []
    for source in sources:
        if isinstance(source, (str, Path)) and str(source) != "-" and is_file(source):
            paths.append(Path(source))
    return paths


# -------------------------------------------------------------------------------------- convert


def convert(source: str | bytes | Path | Source, targets: Sequence[Target], context: Context) -> list[Result]:
    """Read one article once and render it to every target; write those with a path."""
    check_options(context.options)
    check_targets(targets)
    document = read(source, context)
    packet = single(document)
    with naming(document.origin):
        results = render_targets(packet, targets, context)
    finish(context.reporter, context.options)
    write_results(results, input_paths([source]))
    return with_diagnostics(results, context.reporter)


@dataclass(frozen=True, slots=True)
class PacketResult:
    """A bound packet's outputs, and the articles it had to leave out (``keep_going``)."""

    results: tuple[Result, ...]
    packet: Packet
    diagnostics: tuple[Diagnostic, ...]

    @property
    def omitted(self) -> tuple[Omission, ...]:
        return self.packet.omitted


def make_packet(
    request: object,
    targets: Sequence[Target],
    context: Context,
    *,
    split_dir: Path | None = None,
    progress: Progress | None = None,
) -> PacketResult:
    """Read every article a ``PacketRequest`` names, bind them, render every target, write them.

    With ``split_dir``, the one Markdown target is written as one file per article plus an index.
    """
    from docconv.packets import PacketRequest, build_packet

    assert isinstance(request, PacketRequest)
    options = context.options
    check_options(options)
    check_targets(targets)

    def read_article(source: str, reporter: Reporter) -> Document:
        return read(source, Context(options, reporter, context._media))

    keep_going = options.keep_going
    packet = build_packet(request, read_article, context.reporter, keep_going=keep_going, advance=progress)
    if split_dir is not None:
        from docconv.renderers.markdown.packet import split_files

        with stage("rendering markdown"):
            files = {split_dir / path: data for path, data in split_files(packet, context).items()}
        if progress:
            progress("rendered")
        results: list[Result] = []
    else:
        results = render_targets(packet, targets, context, progress)
        files = {r.path: r.data for r in results if r.path is not None}
    in_document_order(context.reporter, request.sources)
    finish(context.reporter, options)
    write_files(files, input_paths(request.sources), fresh_folder=split_dir)
    return PacketResult(tuple(with_diagnostics(results, context.reporter)), packet, tuple(context.reporter.diagnostics))


def in_document_order(reporter: Reporter, sources: Sequence[str]) -> None:
    """Sort a packet's diagnostics by the article they name (stable: each article's stay in the order
    reported), so that its warnings read in document order and ``strict`` names the first article's."""
    position = {source: number for number, source in reversed(list(enumerate(sources)))}
    reporter.diagnostics.sort(key=lambda d: position.get(d.where, -1) if d.where else -1)


# ---------------------------------------------------------------------------------------- helpers


@contextmanager
def naming(where: str) -> Iterator[None]:
    """Give a DocconvError raised without a place the input's name, so the error line names the file."""
    try:
        yield
    except DocconvError as error:
        if error.where is None:
            error.where = where
        raise


def shown(source: str | bytes | Path) -> str:
    """How an input is named in messages: its path or URL, ``<bytes>``, or ``<text>`` for long text."""
    if isinstance(source, bytes):
        return "<bytes>"
    text = str(source)
    return text if "\n" not in text and len(text) <= 200 else "<text>"


def is_file(source: str | Path) -> bool:
    try:
        return Path(source).is_file()
    except (OSError, ValueError):
        return False
