"""``docconv convert``: one article to one file, or many articles into a folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from docconv.cli.common import CONTEXT_SETTINGS, State, common_options, echo_diagnostics, options_from, passes_state
from docconv.cli.progress import run_batch
from docconv.cli.targets import STDOUT, formats_from, is_folder, output_targets, write_stdout
from docconv.errors import UsageError

if TYPE_CHECKING:
    from docconv.batch_inputs import Input
    from docconv.options import Options


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    help="Output file ('-' for stdout), repeatable for several formats; or a folder ending in '/' for many inputs.",
)
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
    outputs: tuple[str, ...],
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

    The format comes from the output's extension or from --to. Several -o write several formats
    from one reading. With an output folder ending in '/', every input is converted into it:
    files, URLs, folders (recursively), web archives (.warc, .warc.gz) and --from-list.

    \b
    docconv convert post.txt -o post.pdf
    docconv convert post.txt -o post.pdf -o post.epub
    docconv convert page.html -t markdown -o -
    docconv convert a.md b.html -o out/ -t pdf,epub,md --jobs 2
    docconv convert site/ crawl.warc.gz --include '*.html' -o out/ -t epub --resume
    """
    options = options_from(kwargs)
    wanted = formats_from(formats)
    if not inputs and from_list is None:
        raise UsageError("name at least one INPUT, or --from-list FILE")
    if any(is_folder(output) for output in outputs):
        folder = _folder(outputs, wanted)
        if cluster is not None:
            from docconv.batch_cluster import check_available, start_fork_server

            check_available()  # before the inputs are expanded (a web archive is read to list its articles)
            start_fork_server(cluster)  # local:N: the workers' fork server warms up while they are
        articles = batch_articles(inputs, from_list, include, exclude, folder)
        sys.exit(run_batch(state, articles, folder, wanted, options, jobs=jobs, force=force, resume=resume, cluster=cluster))
    if from_list is not None or cluster is not None or resume:
        raise UsageError("--from-list, --cluster and --resume convert into a folder: add -o DIR/ -t FORMAT")
    _convert_one(state, inputs, outputs, wanted, options)


def _convert_one(state: State, inputs: tuple[str, ...], outputs: tuple[str, ...], wanted: list[str], options: Options) -> None:
    """One input, read once, to one file per -o (or to standard output)."""
    if len(inputs) > 1:
        where = "into one output file" if outputs else "to standard output"
        raise UsageError(
            f"several inputs cannot go {where}: bind them into one with 'docconv packet', "
            "or convert each into a folder with -o DIR/ -t FORMAT"
        )
    if len(wanted) > 1:
        raise UsageError("several formats need one -o FILE per format, or an output folder -o DIR/")
    targets = output_targets(outputs or (STDOUT,), wanted[0] if wanted else None)
    from docconv import pipeline
    from docconv.context import Context
    from docconv.diagnostics import Reporter

    results = pipeline.convert(inputs[0], targets, Context(options, Reporter()))
    echo_diagnostics(results[0].diagnostics, state)
    for result in results:
        if result.path is None:
            write_stdout(result.data)


def _folder(outputs: tuple[str, ...], wanted: list[str]) -> Path:
    """The one output folder of a batch; it takes no other -o, and -t says which formats to write."""
    if len(outputs) > 1:
        raise UsageError("an output folder (-o DIR/) takes no other -o; it gets one file per input and format")
    if not wanted:
        raise UsageError("an output folder (-o DIR/) needs the formats to write: add -t, e.g. -t pdf or -t pdf,epub,md")
    return Path(outputs[0])


def batch_articles(
    inputs: tuple[str, ...], from_list: IO[str] | None, include: tuple[str, ...], exclude: tuple[str, ...], outdir: Path
) -> list[Input]:
    """The command line's inputs and the list's, folders and web archives expanded into articles."""
    from docconv.batch_inputs import expand, read_list

    listed = read_list(from_list) if from_list is not None else []
    if from_list is not None and from_list.name == "<stdin>" and "-" in (*inputs, *listed):
        raise click.UsageError("stdin holds the --from-list list; it cannot also be an input ('-')")
    return expand([*inputs, *listed], include=include, exclude=exclude, skip=outdir)
