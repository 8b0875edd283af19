"""A batch on a Dask cluster: the client reads the articles and writes the outputs, workers convert.

``docconv convert … -o OUT/ --cluster tcp://scheduler:8786`` (or ``convert_many(…, cluster=…)``)
runs the same batch on an existing Dask distributed scheduler; ``--cluster local:N`` starts a
``LocalCluster`` of N single-threaded worker processes on 127.0.0.1 for the run. Dask is the
optional extra ``docconv[dask]``; without it ``--cluster`` fails at once (exit 2).

- **A work unit is an article.** The client reads each input (a file, a web-archive record,
  stdin) and ships its bytes; a worker reads, transforms and renders it to every requested format
  with the client's options (network policy, limits, ``SOURCE_DATE_EPOCH``) and sends back the
  bytes and diagnostics; the client writes them atomically and journals the input. Workers need
  neither the input nor the output folder. A URL is fetched by the worker, under the same network
  policy; each worker has its own fetch cache (``--cache-dir`` on storage the workers share
  points them all at one).
- **Articles travel in groups.** Each Dask task costs a few milliseconds of scheduling,
  serialisation and round trips in the client (which for ``local:N`` also runs the scheduler) and
  the worker (measured in ``docs/scale.md``), as much as a tenth of a Markdown + EPUB conversion;
  so a task carries up to ``GROUP`` articles, about half a second of work (one when PDF is asked
  for: a PDF takes that alone), fewer towards the end of the batch so the workers finish together.
  Each article is still converted whole on one worker and has its own outcome and journal line.
- **Bounded memory.** The client keeps at most ``TASKS_PER_THREAD`` tasks per worker thread on the
  cluster, and as many articles waiting to be written, whatever the size of the batch: at most
  ``2 × TASKS_PER_THREAD × GROUP`` articles per worker thread in memory, inputs and outputs (a
  news article and its EPUB are tens of kilobytes; a PDF about 100 KB), plus the batch's plan (a
  path and names per input).
- **Failures are contained.** A worker that dies (killed, out of memory) has its articles run
  again on another worker by the scheduler; after ``distributed.scheduler.allowed-failures``
  deaths (3 by default; the local cluster uses ``ALLOWED_FAILURES``) the article is reported as
  failed and not tried again. A task that raises is retried once (``RETRIES``); a bad article
  does not raise, it comes back with its failures, like in a local batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from docconv.errors import DocconvError, UsageError
from docconv.options import Options

if TYPE_CHECKING:
    from distributed import Client

    from docconv.batch_jobs import Job, Outcome, Progress

TASKS_PER_THREAD = 2
GROUP = 32
ALLOWED_FAILURES = 3
RETRIES = 1
WORKER_WAIT = 60.0  # seconds a scheduler may take to have a first worker
WRITER_THREADS = 4  # the client's writes, each ending in an fsync, overlap each other

# A cluster started for one batch on one machine: the client bounds what is in flight, so work
# stealing has nothing to balance, and the statistical profiler, the 20 ms event-loop ticks and the
# host statistics that every server (scheduler, nannies, workers) gathers twice a second for a
# dashboard there is none of cost CPU the conversions need.
LOCAL_SETTINGS = {
    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.gil.enabled": False,
}

EXTRA_MISSING = "--cluster needs Dask, which is not installed: pip install 'docconv[dask]'"


def check_available() -> None:
    """Fail at once, before anything is read or written, when Dask is not installed.

    Finds the packages without importing them: the import (half a second) happens when the
    cluster starts, after ``local:N``'s fork server was started, so that the two overlap.
    """
    import importlib.util

    if any(importlib.util.find_spec(name) is None for name in ("dask", "distributed")):
        raise UsageError(EXTRA_MISSING)


def local_workers(address: str) -> int | None:
    """N for ``local:N``; None for a scheduler's address (``tcp://host:port``)."""
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise UsageError(f"--cluster {address}: give local:N with N worker processes, N >= 1")
        return int(count)
    if "://" not in address:
        raise UsageError(f"--cluster {address}: give a scheduler address (tcp://host:8786) or local:N")
    return None


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a local cluster started (and stopped) for the run."""
    try:
        from distributed import Client
    except ImportError:  # installed but broken
        raise UsageError(EXTRA_MISSING) from None

    count = local_workers(address)
    if count is not None:
        with local_cluster(address, count) as cluster:
            # By its address (on its event loop): a client of the cluster object would wait for every worker.
            client = Client(cluster.scheduler_address, loop=cluster.loop)
            try:
                yield client
            finally:
                client.close()
        return
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as error:
        raise DocconvError(f"cannot reach the Dask scheduler ({error})", where=address) from None
    try:
        yield client
    finally:
        client.close()


@contextmanager
def local_cluster(address: str, count: int) -> Iterator[Any]:
    """``local:N``: a scheduler at once, and N workers starting in the background.

    The client connects and submits the first articles while the workers start (their fork
    server may still be importing); the scheduler hands them out as the workers join. The
    settings hold for the cluster's whole life: a worker that dies is started again with them.
    """
    import dask
    from distributed import LocalCluster

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    settings = {**LOCAL_SETTINGS, "distributed.worker.multiprocessing-method": method}
    with dask.config.set(settings), warnings.catch_warnings():
        # Its HTTP server (loopback too) moves to a free port when 8787 is taken, and says so.
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        if method == "forkserver":
            start_fork_server(address)
        # Loopback only: a cluster started for one run serves nobody else.
        cluster = LocalCluster(
            n_workers=0,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # the batch reports lost articles itself
        )
        try:
            cluster.scale(count)
            yield cluster
        finally:
            cluster.close()


def start_fork_server(address: str) -> None:
    """For ``local:N``: start the server the workers will fork from, so it warms up while the client starts.

    The server imports Dask and docconv once (``docconv.cluster_worker``); spawned workers would
    each import them and warm up on their first articles, about a second of CPU per worker. Its
    start overlaps the client's own (importing Dask, reading the inputs, starting the scheduler).
    Does nothing for a scheduler's address, where there is no fork server, or once one runs.
    """
    if local_workers(address) is None or "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(["distributed", "docconv.cluster_worker"])
    forkserver.ensure_running()


def run_on_cluster(
    work: list[Job],
    formats: list[str],
    options: Options,
    address: str,
    force: bool,
    progress: Callable[[int], AbstractContextManager[Progress]],
    done: Callable[[int, Outcome], None],
) -> None:
    """Convert every job on the cluster; ``done`` is told of each input once its outputs are written.

    ``local:N`` has N single-threaded workers, known before they join, so its first articles are
    on their way while the workers start; a scheduler's workers are counted once one has joined.
    """
    count = local_workers(address)
    with connect(address) as client:

        def joined() -> None:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise DocconvError(f"no Dask worker joined the scheduler in {WORKER_WAIT:g} s", where=address) from None

        if count is None:
            joined()
        threads = count or sum(client.nthreads().values())
        group = 1 if "pdf" in formats else GROUP
        with progress(len(work)) as advance, ThreadPoolExecutor(WRITER_THREADS, "docconv-writer") as writers:
            driver = _Driver(client, work, options, force, (threads, group), writers, done, advance)
            driver.run(joined if count is not None else lambda: None)


Shipped = tuple["Job", tuple[int, "Outcome"]]  # an article on its way: the job with its bytes, its index and outcome


class _Driver:
    """Keeps the cluster and the writers busy within their bounds, ships the next group as each one lands."""

    def __init__(
        self,
        client: Client,
        work: list[Job],
        options: Options,
        force: bool,
        shape: tuple[int, int],
        writers: ThreadPoolExecutor,
        done: Callable[[int, Outcome], None],
        advance: Progress,
    ) -> None:
        from distributed import as_completed

        self.client, self.work, self.options, self.force = client, work, options, force
        self.threads, self.group = shape
        self.writers, self.done, self.advance = writers, done, advance
        self.next = 0
        self.running: dict[Any, tuple[list[Shipped], bool]] = {}  # Dask future → its articles, alone on the cluster?
        self.quarantine: list[Shipped] = []  # lost with a worker: run again one at a time at the end
        self.writing: list[tuple[int, Outcome]] = []
        self.completed = as_completed()
        self.epoch = os.environ.get("SOURCE_DATE_EPOCH")

    def run(self, joined: Callable[[], None]) -> None:
        """Ship the first articles, wait until a worker has joined (``joined`` raises if none does), then keep going."""
        try:
            self.top_up()
            joined()
            while True:
                self.top_up()
                if not self.running:
                    if self.quarantine:
                        self.submit([self.quarantine.pop(0)], alone=True)
                    elif self.writing:
                        self.settle(wait=True)
                    else:
                        return
                    continue
                future = next(self.completed)
                self.land(future, *self.running.pop(future))
                self.settle(wait=False)
        finally:  # stopped or not, every write started is finished and journaled
            self.settle(wait=True)

    def land(self, future: Any, group: list[Shipped], alone: bool) -> None:
        """A finished task: its outcomes to the writers; articles lost with a dead worker are tried again, isolated.

        Dask counts a worker's death against every task on that worker, so an article that kills
        its worker takes its neighbours' tries too. A lost group is split into single articles; a
        lost single article is tried once more with nothing else on the cluster (``quarantine``),
        where only its own fault can stop it.
        """
        outcomes = results(future, len(group))
        if isinstance(outcomes[0], BaseException) and lost_worker(outcomes[0]) and not alone:
            if len(group) > 1:
                for article in group:
                    self.submit([article])
            else:
                self.quarantine.append(group[0])
            return
        for (_, (index, outcome)), result in zip(group, outcomes):
            self.write(index, merge(outcome, result))

    def top_up(self) -> None:
        """Ship groups of articles until the cluster has its share of tasks and the writers theirs."""
        limit = TASKS_PER_THREAD * self.threads
        while (
            self.next < len(self.work)
            and not self.quarantine
            and len(self.running) < limit
            and len(self.writing) < limit * self.group
        ):
            left = len(self.work) - self.next
            group = self.ship_group(max(1, min(self.group, left // (TASKS_PER_THREAD * self.threads))))
            if group:
                self.submit(group)

    def submit(self, group: list[Shipped], alone: bool = False) -> None:
        jobs = [job for job, _ in group]
        future = self.client.submit(remote, jobs, self.options, self.epoch, pure=False, retries=RETRIES)
        self.running[future] = (group, alone)
        self.completed.add(future)

    def ship_group(self, size: int) -> list[Shipped]:
        """The next ``size`` articles with their bytes; those with nothing to render go straight to the writers' list."""
        from docconv.batch_jobs import Outcome, ship

        group: list[Shipped] = []
        while len(group) < size and self.next < len(self.work):
            index, job = self.next, self.work[self.next]
            self.next += 1
            outcome = Outcome(job.source)
            shipped = ship(job, self.options, self.force, outcome)
            if shipped is None:  # every output exists, or the input cannot be read
                self.writing.append((index, outcome))
            else:
                group.append((shipped, (index, outcome)))
        return group

    def write(self, index: int, outcome: Outcome) -> None:
        from docconv.batch_jobs import OUTPUT_EXISTS, protected_inputs
        from docconv.output import write_atomic

        inputs = protected_inputs(self.work[index])
        for path, data in outcome.rendered:
            if path.exists() and not (self.force or self.work[index].replace):  # appeared while the worker rendered
                outcome.failures.append((str(path), OUTPUT_EXISTS))
            else:
                outcome.pending.append((path, self.writers.submit(write_atomic, path, data, inputs)))
        outcome.rendered = []  # the bytes are the writers' now; the outcome is kept until they are on disk
        self.writing.append((index, outcome))

    def settle(self, wait: bool) -> None:
        """Report the inputs whose writes are on disk (all of them, with ``wait``)."""
        still = []
        for index, outcome in self.writing:
            if wait or all(write.done() for _, write in outcome.pending):
                self.done(index, outcome.settle())
                self.advance(outcome)
            else:
                still.append((index, outcome))
        self.writing = still


def results(future: Any, count: int) -> list[Outcome | BaseException]:
    """A task's outcomes, or its error once per article: a group lost with its worker fails whole."""
    try:
        outcomes: list[Outcome] = future.result()
    except Exception as error:
        return [error] * count
    return list(outcomes)


def merge(outcome: Outcome, remote_outcome: Outcome | BaseException) -> Outcome:
    """The worker's result added to what the client knew (outputs that existed); a lost article fails."""
    if isinstance(remote_outcome, BaseException):
        outcome.failures.append((outcome.source, lost(remote_outcome)))
        return outcome
    outcome.failures.extend(remote_outcome.failures)
    outcome.diagnostics = remote_outcome.diagnostics
    outcome.input_hash = remote_outcome.input_hash
    outcome.rendered = remote_outcome.rendered
    return outcome


def lost_worker(error: BaseException) -> bool:
    return type(error).__name__ == "KilledWorker"


def lost(error: BaseException) -> str:
    if lost_worker(error):
        return "its worker died on every try (killed or out of memory); not tried again"
    return f"worker failed: {type(error).__name__}: {error}"


def remote(jobs: list[Job], options: Options, epoch: str | None) -> list[Outcome]:
    """On a worker: each article in every format, bytes and diagnostics for the client to write."""
    from docconv.batch_jobs import render_remote

    if epoch is not None and os.environ.get("SOURCE_DATE_EPOCH") != epoch:
        os.environ["SOURCE_DATE_EPOCH"] = epoch  # the client's build date, so outputs match a local run's
    return [render_remote(job, options) for job in jobs]
