"""What the command shows while it works: progress bars on a terminal, and each batch input's outcome."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import click

from docconv.batch_inputs import Input
from docconv.cli.common import State
from docconv.options import Options

Advance = Callable[[str], None]


@contextmanager
def progress_bar(total: int, enabled: bool, label: str = "converting") -> Iterator[Advance]:
    """A rich progress bar on stderr, only when stderr is a terminal; a no-op callable otherwise."""
    if not enabled or total < 2 or not sys.stderr.isatty():
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total)

        def advance(name: str) -> None:
            progress.update(task, advance=1, description=Path(name).name[-40:])

        yield advance


def run_batch(
    state: State,
    inputs: Sequence[str | Input],
    outdir: Path,
    formats: list[str],
    options: Options,
    *,
    jobs: int | None,
    force: bool,
    resume: bool = False,
    cluster: str | None = None,
) -> int:
    """Convert many inputs into a folder, showing each outcome and a summary line; the exit code."""
    from docconv.batch import Outcome, convert_many

    def show(outcome: Outcome) -> None:
        if not state.quiet:
            for diagnostic in outcome.diagnostics:
                if diagnostic.level != "info" or state.verbose:
                    click.echo(f"docconv: {diagnostic}", err=True)
        for where, message in outcome.failures:
            click.echo(f"docconv: error: {where}: {' '.join(message.split())}", err=True)

    def progress(total: int) -> AbstractContextManager[Advance]:
        return progress_bar(total, not state.quiet)

    summary = convert_many(
        inputs,
        outdir,
        formats,
        options,
        jobs=jobs,
        force=force,
        resume=resume,
        cluster=cluster,
        on_outcome=show,
        progress=progress,
    )
    if not state.quiet:
        done_before = f" ({summary.skipped} done before)" if summary.skipped else ""
        click.echo(
            f"docconv: {summary.converted} of {summary.total} converted{done_before} ({summary.files} files), "
            f"{summary.failed} failed, {summary.warnings} warning(s)",
            err=True,
        )
    return summary.exit_code
