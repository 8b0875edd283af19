"""``docconv packet``: several articles bound into one PDF, EPUB or Markdown briefing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from docconv.cli.common import CONTEXT_SETTINGS, State, common_options, echo_diagnostics, options_from, passes_state
from docconv.registry import format_for_path, normalise_format


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr, only on a terminal; a no-op callable otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True), transient=True
    ) as progress:
        task = progress.add_task("reading", total=total)

        def advance(label: str) -> None:
            progress.update(task, advance=1, description=label[-40:])

        yield advance


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("articles", nargs=-1, required=True, metavar="ARTICLE... | MANIFEST.yaml")
@click.option(
    "-o",
    "--output",
    "outputs",
    required=True,
    multiple=True,
    help="Output file: .pdf, .epub or .md; repeat for several formats (articles are read once).",
)
@click.option("-t", "--to", "fmt", help="Output format if the extension does not say it.")
@click.option("--title", help="Packet title (required without a manifest).")
@click.option("--subtitle", help="Subtitle on the cover.")
@click.option("--date", "date", help="Packet date (default: SOURCE_DATE_EPOCH, else today).")
@click.option("--organisation", "--organization", "organisation", help="Organisation / prepared-by line.")
@click.option("--notice", help="Notice line, e.g. 内部资料 or 'For internal use'.")
@click.option("--lang", "language", help="Packet language (default: the articles' most common language).")
@click.option("--order", type=click.Choice(["as-given", "date"]), help="Article order (default: as given).")
@click.option("--keep-going", is_flag=True, help="Leave out articles that fail, list them, exit 6.")
@click.option(
    "--split",
    "split_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Markdown: one file per article plus index.md in DIR.",
)
@common_options
@passes_state
def packet(
    state: State,
    articles: tuple[str, ...],
    outputs: tuple[str, ...],
    fmt: str | None,
    keep_going: bool,
    split_dir: Path | None,
    **kwargs: Any,
) -> None:
    """Bind ARTICLES (files or URLs), or the articles a YAML manifest names, into one packet.

    \b
    docconv packet a.md b.html c.txt -o briefing.pdf --title "今日简报" --notice 内部资料
    docconv packet fixtures/packet.yaml -o briefing.epub
    """
    from docconv.api import finish, read
    from docconv.diagnostics import Reporter
    from docconv.errors import PartialPacketError
    from docconv.guard import stage
    from docconv.packets import PacketRequest, build_packet, is_manifest, load_manifest, with_manifest_options
    from docconv.registry import get_renderer
    from docconv.renderers.base import RenderContext

    meta_flags = {k: kwargs.pop(k) for k in ("title", "subtitle", "date", "organisation", "notice", "language")}
    order = kwargs.pop("order")
    options = options_from(kwargs)
    if len(articles) == 1 and is_manifest(articles[0]):
        request = load_manifest(Path(articles[0]), options.limits)
        options = with_manifest_options(options, request.options)
    else:
        request = PacketRequest(list(articles))
    request.meta.update({k: v for k, v in meta_flags.items() if v is not None})
    request.order = order or request.order
    keep_going = keep_going or options.keep_going

    targets: list[tuple[Path, str]] = []
    for output in outputs:
        name = normalise_format(fmt) if fmt and len(outputs) == 1 else format_for_path(output)
        if name is None:
            raise click.UsageError(f"cannot tell the format of {output}: use -o FILE.pdf|.epub|.md or --to")
        targets.append((Path(output), name))
    if split_dir is not None and [name for _, name in targets] != ["markdown"]:
        raise click.UsageError("--split writes Markdown files; use it with one -o NAME.md")
    renderers = {name: get_renderer(name) for _, name in targets}
    reporter = Reporter()
    with progress_bar(len(request.sources) + len(targets), not state.quiet) as advance:
        bound = build_packet(request, lambda s, r: read(s, options, r), reporter, keep_going=keep_going, advance=advance)
        context = RenderContext(options, reporter)  # one media store: images are fetched once for all formats
        files: dict[Path, bytes] = {}
        if split_dir is not None:
            from docconv.renderers.markdown.packet import split_files

            with stage("rendering markdown"):
                files = {split_dir / path: data for path, data in split_files(bound, context).items()}
            advance("rendered")
        else:
            from docconv.api import render_deadline

            for path, name in targets:
                with render_deadline(options.limits.render_timeout, str(path)), stage(f"rendering {name}"):
                    files[path] = renderers[name].render(bound, context)
                advance(f"rendered {path.name}")
    finish(reporter, options)
    inputs = [Path(s) for s in request.sources if Path(s).exists()]
    _write_all(files, inputs, split_dir)
    echo_diagnostics(reporter.diagnostics, state)
    if bound.omitted:
        names = ", ".join(o.origin for o in bound.omitted)
        raise PartialPacketError(f"packet written without {len(bound.omitted)} article(s): {names}", where=", ".join(outputs))


def _write_all(files: dict[Path, bytes], inputs: list[Path], split_dir: Path | None) -> None:
    """Write every output atomically; if one fails, remove the ones this run created."""
    from docconv.errors import DocconvError
    from docconv.output import write_atomic

    created_folder = split_dir is not None and not split_dir.exists()
    if split_dir is not None:
        split_dir.mkdir(parents=True, exist_ok=True)
    created: list[Path] = []
    try:
        for path, data in files.items():
            existed = path.exists()
            if existed and split_dir is not None:
                raise DocconvError("already exists; --split never replaces files", where=str(path))
            write_atomic(path, data, inputs)
            if not existed:
                created.append(path)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        if created_folder and split_dir is not None and not any(split_dir.iterdir()):
            split_dir.rmdir()
        raise
