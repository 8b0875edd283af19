"""Batches on a Dask cluster: a scheduler and two worker processes on 127.0.0.1, a worker killed mid-run.

Nothing here listens or connects beyond loopback: the cluster binds 127.0.0.1, has no dashboard,
and the test process's sockets are checked by conftest.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from docconv.batch_journal import JOURNAL_NAME
from tests.warc_helpers import news_page

distributed = pytest.importorskip("distributed")

EPOCH = "1700000000"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


def articles(folder: Path, count: int) -> list[Path]:
    """``count`` small articles: whole pages and Markdown files, in two subfolders."""
    made = []
    for number in range(count):
        if number % 4 == 3:
            path = folder / "notes" / f"note-{number:03d}.md"
            text = f"---\ntitle: Note {number}\ndate: 2024-01-{number % 28 + 1:02d}\n---\n\n" + "A short note. " * 20 + "\n"
            data = text.encode("utf-8")
        else:
            path = folder / "pages" / f"page-{number:03d}.html"
            data = news_page(f"Story {number}", paragraphs=3 + number % 5)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        made.append(path)
    return made


def docconv_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "docconv", "-q", "convert", *args, "-t", "md,epub", "--offline"]


def environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}


def worker_pids(cluster: Any) -> list[int]:
    with distributed.Client(cluster) as client:
        return sorted(client.run(os.getpid).values())


def test_a_cluster_batch_survives_a_killed_worker_and_matches_a_local_batch(cluster: Any, tmp_path: Path) -> None:
    inputs = articles(tmp_path / "in", 200)
    local, remote = tmp_path / "local", tmp_path / "remote"
    completed = subprocess.run(
        docconv_argv(str(tmp_path / "in"), "-o", f"{local}/", "--jobs", "2"), env=environment(), capture_output=True, check=False
    )
    assert completed.returncode == 0, completed.stderr

    victim = worker_pids(cluster)[0]
    argv = docconv_argv(str(tmp_path / "in"), "-o", f"{remote}/", "--cluster", cluster.scheduler_address)
    process = subprocess.Popen(argv, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(remote.glob("*.epub"))) < 30:
        time.sleep(0.01)
    written_before_the_kill = len(list(remote.glob("*.epub")))
    os.kill(victim, signal.SIGKILL)  # mid-article: its tasks go to the other worker
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    assert 30 <= written_before_the_kill < len(inputs)
    assert victim not in worker_pids(cluster)  # it really died (the nanny started a new one)

    names = sorted(p.name for p in local.iterdir() if p.name != JOURNAL_NAME)
    assert len(names) == 400
    assert sorted(p.name for p in remote.iterdir() if p.name != JOURNAL_NAME) == names
    for name in names:
        assert (remote / name).read_bytes() == (local / name).read_bytes(), name

    lines = [json.loads(line) for line in (remote / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()]
    entries = [e for e in lines if "input" in e]
    assert sorted(e["input"] for e in entries) == sorted(map(str, inputs))  # every input once
    assert all(e["status"] == "ok" and len(e["outputs"]) == 2 for e in entries)
    assert lines[-1]["summary"] == {"total": 200, "converted": 200, "skipped": 0, "failed": 0, "files": 400, "warnings": 0}


class Poison(distributed.WorkerPlugin):  # type: ignore[misc]
    """A worker plugin: the article named ``poison`` kills the worker converting it, every time, on every worker."""

    name = "docconv-poison"

    def setup(self, worker: Any) -> None:
        import docconv.batch_jobs

        real = docconv.batch_jobs.render_remote

        def render_remote(job: Any, options: Any) -> Any:
            if "poison" in job.source:
                os._exit(1)
            return real(job, options)

        docconv.batch_jobs.render_remote = render_remote  # type: ignore[assignment]


def test_an_article_that_kills_every_worker_fails_alone_and_is_not_retried_forever(tmp_path: Path) -> None:

    inputs = articles(tmp_path / "in", 11)
    poison = tmp_path / "in" / "poison.md"
    poison.write_text("# Poison\n\nThis one takes its worker down.\n", encoding="utf-8")
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as local,
        distributed.Client(local) as client,
    ):
        client.register_plugin(Poison())  # type: ignore[no-untyped-call]
        argv = [*docconv_argv(str(tmp_path / "in"), "-o", f"{tmp_path / 'out'}/", "--cluster", local.scheduler_address)]
        completed = subprocess.run(argv, env=environment(), capture_output=True, text=True, check=False, timeout=240)
        # The nannies restart the workers the poison killed; closing the cluster while one is still
        # starting trips distributed's own teardown ("can only join a started process") on a busy machine.
        client.wait_for_workers(2, timeout=120)
    assert completed.returncode == 1
    entries = [json.loads(line) for line in (tmp_path / "out" / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()]
    failed = {e["input"]: e["failures"] for e in entries if e.get("status") == "failed"}
    assert list(failed) == [str(poison)]  # its neighbours on the dying workers were tried again and converted
    assert "died on every try" in failed[str(poison)][0]["message"]
    assert entries[-1]["summary"]["converted"] == len(inputs)


def test_without_dask_cluster_exits_2_at_once_naming_the_extra(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nx\n", encoding="utf-8")
    script = (
        "import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
        "from docconv.cli import entry\n"
        f"sys.argv = ['docconv', 'convert', {str(tmp_path / 'a.md')!r}, '-o', {str(tmp_path / 'out')!r} + '/', "
        "'--cluster', 'local:2', '-t', 'md']\n"
        "entry()\n"
    )
    started = time.monotonic()
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert completed.returncode == 2
    assert "docconv[dask]" in completed.stderr and "Traceback" not in completed.stderr
    assert not (tmp_path / "out").exists()  # nothing read, nothing written
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("address", ["local:0", "local:x", "127.0.0.1:8786"])
def test_a_malformed_cluster_address_is_a_usage_error(tmp_path: Path, address: str) -> None:
    from tests.test_cli import run

    (tmp_path / "a.md").write_text("# A\n\nx\n", encoding="utf-8")
    code, _, err = run("convert", str(tmp_path / "a.md"), "-o", f"{tmp_path / 'out'}/", "-t", "md", "--cluster", address)
    assert code == 2 and "--cluster" in err
