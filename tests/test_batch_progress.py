"""The batch's one display, local or on a cluster: a bar on a terminal, periodic status lines elsewhere."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from docconv.batch import Outcome
from docconv.cli.progress import Tally, batch_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def outcomes(count: int, failing: set[int]) -> list[Outcome]:
    return [Outcome(f"a{n}.md", failures=[("a.md", "bad")] if n in failing else []) for n in range(count)]


def test_status_lines_when_not_a_terminal_say_done_failed_rate_and_time_left() -> None:
    stream = io.StringIO()
    with batch_progress(5, True, stream=stream, interval=0.0) as advance:
        for outcome in outcomes(5, {1, 3}):
            advance(outcome)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4  # one per article but the last: the summary line says the rest
    assert re.fullmatch(r"docconv: 4/5 done, 2 failed, [\d.]+ articles/s, 0:0\d left", lines[-1]), lines[-1]


def test_status_lines_are_periodic() -> None:
    stream = io.StringIO()
    with batch_progress(100, True, stream=stream, interval=3600.0) as advance:
        for outcome in outcomes(99, set()):
            advance(outcome)
    assert stream.getvalue() == ""


def test_a_terminal_gets_a_bar_with_the_same_figures() -> None:
    stream = Terminal()
    with batch_progress(3, True, stream=stream) as advance:
        for outcome in outcomes(3, {0}):
            advance(outcome)
    assert re.search(r"3/3 done, 1 failed, [\d.]+ articles/s, 0:00 left", stream.getvalue())


def test_quiet_shows_nothing() -> None:
    stream = Terminal()
    with batch_progress(3, False, stream=stream) as advance:
        for outcome in outcomes(3, set()):
            advance(outcome)
    assert stream.getvalue() == ""


def test_the_time_left_follows_the_rate() -> None:
    tally = Tally(total=1000, started=0.0)
    tally.done = 100
    assert tally.line().startswith("100/1000 done, 0 failed, ")
    assert Tally(total=10).line().endswith("time left unknown")


def test_a_real_batch_in_a_pipe_ends_with_its_summary(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"a{n}.md").write_text(f"# A{n}\n\ntext\n", encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "docconv",
            "convert",
            *(str(tmp_path / f"a{n}.md") for n in range(3)),
            "-o",
            f"{tmp_path}/out/",
            "-t",
            "md",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0
    assert completed.stderr.splitlines() == ["docconv: 3 of 3 converted (3 files), 0 failed, 0 warning(s)"]
