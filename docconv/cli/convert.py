"""``docconv convert``: one article to one file, or many articles into a folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from docconv.cli.common import CONTEXT_SETTINGS, State, common_options, echo_diagnostics, fail, options_from, passes_state
from docconv.cli.progress import run_batch
from docconv.registry import RENDERERS, format_for_path, format_name, get_renderer

if TYPE_CHECKING:
    from docconv.batch_inputs import Input
    from docconv.options import Options


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("-o", "--output", help="Output file, '-' for stdout, or a folder (ending in '/') for many inputs.")
@click.option("-t", "--to", "formats", help="Output format(s): markdown, html, pdf, epub; comma-separated for a folder.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for many inputs (default: all cores).")
@click.option(
    "--force", is_flag=True, help="Into a folder: replace outputs that already exist (never an input). Default: leave them, fail."
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Into a folder: run on a Dask cluster, tcp://HOST:PORT of its scheduler, or local:N worker processes "
    "(needs docconv[dask]).",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Into a folder: go on with a stopped or partly failed batch; convert only what its journal lacks or what changed.",
)
@click.option(
    "--from-list",
    "from_list",
    type=click.File("r", encoding="utf-8"),
    help="Also convert the inputs listed in FILE, one path, URL, folder or WARC per line ('-': stdin).",
)
@click.option("--include", multiple=True, metavar="GLOB", help="In folders: only files matching GLOB (repeatable).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="In folders: skip files matching GLOB (repeatable).")
@common_options
@passes_state
def convert(
    state: State,
    inputs: tuple[str, ...],
    output: str | None,
    formats: str | None,
    jobs: int | None,
    force: bool,
    cluster: str | None,
    resume: bool,
    from_list: IO[str] | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    **kwargs: Any,
) -> None:
    """Convert INPUT (a file, a URL, or '-' for stdin) to PDF, EPUB, Markdown or HTML.

    The format comes from the output's extension or from --to. With several inputs, a folder, a
    web archive (.warc, .warc.gz), --from-list, or an output folder ending in '/', every article
    is converted into that folder.

    \b
    docconv convert post.txt -o post.pdf
    docconv convert page.html -t markdown -o -
    docconv convert a.md b.html -o out/ -t pdf,epub,md --jobs 2
    docconv convert site/ crawl.warc.gz --include '*.html' -o out/ -t epub
    """
    options = options_from(kwargs)
    wanted = [format_name(f) for f in formats.split(",") if f.strip()] if formats else []
    for name in wanted:
        if name not in RENDERERS:
            raise click.BadParameter(f"unknown format {name!r} (known: {', '.join(RENDERERS.names())})", param_hint="--to")
    if not inputs and from_list is None:
        raise click.UsageError("name at least one INPUT, or --from-list FILE")
    if _is_batch(inputs, output, wanted, from_list is not None):
        if not output:
            raise click.UsageError("several inputs or formats need an output folder: -o DIR/")
        if cluster is not None:
            from docconv.batch_cluster import check_available, start_fork_server

            check_available()  # at once, before any input is read
            start_fork_server(cluster)
        articles = batch_articles(inputs, from_list, include, exclude, Path(output))
        code = run_batch(
            state, articles, Path(output), wanted or ["markdown"], options, jobs=jobs, force=force, resume=resume, cluster=cluster
        )
        sys.exit(code)
    convert_one(state, inputs[0], output, wanted, options)


def convert_one(state: State, source: str, output: str | None, wanted: list[str], options: Options) -> None:
    """One input to one file, or to stdout."""
    fmt = wanted[0] if wanted else (format_for_path(output) if output and output != "-" else None)
    if fmt is None:
        raise click.UsageError("cannot tell the output format: give -o FILE.pdf|.epub|.md|.html or --to FORMAT")
    if output is None:
        output = "-"
    from docconv import pipeline
    from docconv.context import Context
    from docconv.diagnostics import Reporter

    (result,) = pipeline.convert(source, [pipeline.Target(fmt)], Context(options, Reporter()))
    echo_diagnostics(result.diagnostics, state)
    if output == "-":
        if get_renderer(fmt).binary and sys.stdout.isatty():
            fail(f"refusing to write {fmt} to a terminal; use -o FILE", 2)
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
        return
    pipeline.write_files({Path(output): result.data}, pipeline.input_paths([source]))


def _is_batch(inputs: tuple[str, ...], output: str | None, wanted: list[str], listed: bool) -> bool:
    from docconv.batch_inputs import URL, is_archive

    into_folder = output is not None and (output.endswith(("/", "\\")) or Path(output).is_dir())
    expands = any(is_archive(i) or (not URL.match(i) and Path(i).is_dir()) for i in inputs)
    # A folder or an archive with ``-o FILE`` stays a single conversion, which says it cannot read it.
    return len(inputs) > 1 or listed or into_folder or len(wanted) > 1 or (expands and output is None)


def batch_articles(
    inputs: tuple[str, ...], from_list: IO[str] | None, include: tuple[str, ...], exclude: tuple[str, ...], outdir: Path
) -> list[Input]:
    """The command line's inputs and the list's, folders and web archives expanded into articles."""
    from docconv.batch_inputs import expand, read_list

    listed = read_list(from_list) if from_list is not None else []
    if from_list is not None and from_list.name == "<stdin>" and "-" in (*inputs, *listed):
        raise click.UsageError("stdin holds the --from-list list; it cannot also be an input ('-')")
    return expand([*inputs, *listed], include=include, exclude=exclude, skip=outdir)
