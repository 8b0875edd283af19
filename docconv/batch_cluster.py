"""Running a batch on a Dask cluster (work in progress)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from docconv.errors import UsageError
from docconv.options import Options

if TYPE_CHECKING:
    from docconv.batch import Job, Outcome, Progress


def check_available() -> None:
    raise UsageError("--cluster needs Dask: pip install 'docconv[dask]'")


def run_on_cluster(
    work: list[Job],
    formats: list[str],
    options: Options,
    address: str,
    force: bool,
    progress: Callable[[int], AbstractContextManager[Progress]],
    done: Callable[[int, Outcome], None],
) -> None:
    raise NotImplementedError
