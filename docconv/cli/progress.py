"""What the command shows while it works: progress bars on a terminal, and each batch input's outcome.

A batch, local or on a cluster, shows one display: on a terminal a bar with the articles done and
failed, articles per second and the time left; elsewhere (a log, a CI job) one status line every
``STATUS_INTERVAL`` seconds, so a long batch shows it is alive without flooding the log.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from docconv.batch_inputs import Input
from docconv.cli.common import State
from docconv.options import Options

if TYPE_CHECKING:
    from docconv.batch import Outcome

Advance = Callable[[str], None]
STATUS_INTERVAL = 10.0  # seconds between status lines when stderr is not a terminal


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


@dataclass
class Tally:
    """A batch's progress: how many articles are done and failed, how fast, how long is left."""

    total: int
    done: int = 0
    failed: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, failed: bool) -> None:
        self.done += 1
        self.failed += int(failed)

    @property
    def rate(self) -> float:
        """Articles per second since the start."""
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        rate = self.rate
        left = f"{_duration((self.total - self.done) / rate)} left" if rate > 0 else "time left unknown"
        return f"{self.done}/{self.total} done, {self.failed} failed, {rate:.1f} articles/s, {left}"


def _duration(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"


@contextmanager
def batch_progress(
    total: int, enabled: bool, *, stream: IO[str] | None = None, interval: float = STATUS_INTERVAL
) -> Iterator[Callable[[Outcome], None]]:
    """The batch's display, told of each finished input: a bar on a terminal, status lines elsewhere."""
    stream = stream or sys.stderr
    tally = Tally(total)
    if not enabled or total < 2:
        yield lambda outcome: None
    elif stream.isatty():
        with _bar(tally, stream) as advance:
            yield advance
    else:
        last = time.monotonic()

        def status(outcome: Outcome) -> None:
            nonlocal last
            tally.add(bool(outcome.failures))
            if time.monotonic() - last >= interval and tally.done < total:
                last = time.monotonic()
                click.echo(f"docconv: {tally.line()}", file=stream)

        yield status


@contextmanager
def _bar(tally: Tally, stream: IO[str]) -> Iterator[Callable[[Outcome], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    with Progress(
        TextColumn("converting"), BarColumn(), TextColumn("{task.description}"), console=Console(file=stream), transient=True
    ) as bar:
        task = bar.add_task(tally.line(), total=tally.total)

        def advance(outcome: Outcome) -> None:
            tally.add(bool(outcome.failures))
            bar.update(task, advance=1, description=tally.line())

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
    from docconv.batch import convert_many

    def show(outcome: Outcome) -> None:
        if not state.quiet:
            for diagnostic in outcome.diagnostics:
                if diagnostic.level != "info" or state.verbose:
                    click.echo(f"docconv: {diagnostic}", err=True)
        for where, message in outcome.failures:
            click.echo(f"docconv: error: {where}: {' '.join(message.split())}", err=True)

    def progress(total: int) -> AbstractContextManager[Callable[[Outcome], None]]:
        return batch_progress(total, not state.quiet)

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
