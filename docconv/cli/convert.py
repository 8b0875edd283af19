"""``docconv convert``: one article to one file, or many articles into a folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from docconv.cli.common import CONTEXT_SETTINGS, State, common_options, echo_diagnostics, fail, options_from, passes_state
from docconv.registry import format_for_path, normalise_format, renderer_names


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", help="Output file, '-' for stdout, or a folder (ending in '/') for many inputs.")
@click.option("-t", "--to", "formats", help="Output format(s): markdown, html, pdf, epub; comma-separated for a folder.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes for many inputs (default: all cores).")
@click.option(
    "--force", is_flag=True, help="Into a folder: replace outputs that already exist (never an input). Default: leave them, fail."
)
@common_options
@passes_state
def convert(
    state: State,
    inputs: tuple[str, ...],
    output: str | None,
    formats: str | None,
    jobs: int | None,
    force: bool,
    **kwargs: Any,
) -> None:
    """Convert INPUT (a file, a URL, or '-' for stdin) to PDF, EPUB, Markdown or HTML.

    The format comes from the output's extension or from --to. With several inputs, or an
    output folder ending in '/', every input is converted into that folder.

    \b
    docconv convert post.txt -o post.pdf
    docconv convert page.html -t markdown -o -
    docconv convert a.md b.html -o out/ -t pdf,epub,md --jobs 2
    """
    options = options_from(kwargs)
    wanted = [normalise_format(f) for f in formats.split(",") if f.strip()] if formats else []
    for name in wanted:
        if name not in renderer_names():
            raise click.BadParameter(f"unknown format {name!r} (known: {', '.join(renderer_names())})", param_hint="--to")
    if len(inputs) > 1 or (output and (output.endswith(("/", "\\")) or Path(output).is_dir())) or len(wanted) > 1:
        from docconv.batch import convert_many

        if not output:
            raise click.UsageError("several inputs or formats need an output folder: -o DIR/")
        code = convert_many(inputs, Path(output), wanted or ["markdown"], options, jobs=jobs, quiet=state.quiet, force=force)
        sys.exit(code)

    fmt = wanted[0] if wanted else (format_for_path(output) if output and output != "-" else None)
    if fmt is None:
        raise click.UsageError("cannot tell the output format: give -o FILE.pdf|.epub|.md|.html or --to FORMAT")
    if output is None:
        output = "-"
    from docconv.api import Result
    from docconv.api import convert as convert_article

    result: Result = convert_article(inputs[0], fmt, options)
    echo_diagnostics(result.diagnostics, state)
    if output == "-":
        if fmt in ("pdf", "epub") and sys.stdout.isatty():
            fail(f"refusing to write {fmt} to a terminal; use -o FILE", 2)
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
        return
    from docconv.output import write_atomic

    source = Path(inputs[0])
    write_atomic(Path(output), result.data, [source] if inputs[0] != "-" and source.exists() else [])
