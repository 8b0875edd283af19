"""The context every stage of a conversion gets: options, the reporter, the media store and the deadline.

Readers, transforms and renderers all receive the same ``Context`` for one conversion (one
article, or one packet), so each can report what it did and images are fetched once however many
formats are rendered.
"""

from __future__ import annotations

import itertools
import math
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docconv.diagnostics import Reporter
from docconv.errors import LimitExceededError
from docconv.options import Options

if TYPE_CHECKING:
    from docconv.resources.media import MediaStore


@dataclass
class Context:
    """Options, the reporter, and the media store shared by every stage of one conversion.

    >>> from docconv import render, read_text
    >>> context = Context(Options(offline=True))
    >>> render(read_text("<p>你好。</p>"), "html", context=context).format
    'html'
    >>> context
    Context(Options(offline=True), Reporter(where=None, 0 diagnostic(s), 0 warning(s)))
    """

    options: Options = field(default_factory=Options)
    reporter: Reporter = field(default_factory=Reporter)
    _media: MediaStore | None = None

    @property
    def media(self) -> MediaStore:
        """The store of fetched images, created on first use (Markdown never needs it)."""
        if self._media is None:
            from docconv.resources.media import MediaStore

            self._media = MediaStore(self.options, self.reporter)
        return self._media

    def __repr__(self) -> str:
        return f"Context({self.options!r}, {self.reporter!r})"

    def deadline(self, where: str | None = None) -> AbstractContextManager[None]:
        """Stop a render that runs past ``limits.render_timeout`` (see ``render_deadline``)."""
        return render_deadline(self.options.limits.render_timeout, where)


@contextmanager
def render_deadline(seconds: float, where: str | None = None) -> Iterator[None]:
    """Stop a render that runs past ``seconds`` (``limits.render_timeout``) with a LimitExceededError.

    In the main thread on POSIX (the CLI, batch workers) SIGALRM interrupts the render; in any
    other thread (a Dask worker's, a caller's thread pool) a watcher thread raises the error in the
    rendering thread (``PyThreadState_SetAsyncExc``). Either way the error is raised again every
    second after expiry, so an engine that swallows the first one (a broad ``except Exception``)
    is interrupted again.
    """
    if seconds <= 0:
        yield
    elif threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_deadline(seconds):
            yield
    else:
        with _alarm_deadline(seconds, where):
            yield


@contextmanager
def _alarm_deadline(seconds: float, where: str | None) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise LimitExceededError(f"rendering took longer than the limit of {seconds:g} s (render_timeout)", where=where)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class RenderTimeoutError(LimitExceededError):
    """The render deadline, raised from another thread: Python builds it without arguments."""

    def __init__(self) -> None:
        super().__init__("rendering took longer than the limit (render_timeout)")


class _Watcher:
    """The one thread per process that raises the render deadline in other threads.

    A watcher thread per render cost a Dask worker about a tenth of its time on news-length
    articles: starting the thread, and waking it at the end of every render to let it go, which
    hands the GIL back and forth. This thread sleeps until the earliest deadline it knows of (a
    minute at most when there is none) and is woken only by a deadline earlier than that, so
    renders under the usual limit start and end without waking it.
    """

    IDLE = 60.0  # seconds it sleeps with no render to watch
    AGAIN = 1.0  # seconds between raises once a render is past its deadline

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Fresh state, and again in a forked child, which has the parent's state (and locks) but not its thread."""
        self.condition = threading.Condition(threading.Lock())
        self.deadlines: dict[int, tuple[float, int]] = {}  # token → (deadline, thread ident)
        self.wake = math.inf  # when the thread looks next
        self.thread: threading.Thread | None = None
        self.tokens = itertools.count()

    @contextmanager
    def watching(self, seconds: float) -> Iterator[None]:
        ident = threading.get_ident()
        with self.condition:
            token = next(self.tokens)
            deadline = time.monotonic() + seconds
            self.deadlines[token] = (deadline, ident)
            if self.thread is None:
                self.thread = threading.Thread(target=self.run, name="docconv-deadline", daemon=True)
                self.thread.start()
            elif deadline < self.wake:
                self.condition.notify()
        try:
            yield
        finally:
            self.release(token, ident)

    def release(self, token: int, ident: int) -> None:
        """Stop watching; a deadline that passes while this runs is too late to stop anything."""
        import ctypes

        while True:
            try:
                with self.condition:
                    self.deadlines.pop(token, None)
                    # An error set but not yet raised would surface after the render, somewhere unrelated.
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
                return
            except RenderTimeoutError:
                continue

    def run(self) -> None:
        import ctypes

        with self.condition:
            while True:
                now = time.monotonic()
                for token, (deadline, ident) in list(self.deadlines.items()):
                    if deadline <= now:
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(RenderTimeoutError))
                        self.deadlines[token] = (now + self.AGAIN, ident)
                self.wake = min((deadline for deadline, _ in self.deadlines.values()), default=now + self.IDLE)
                self.condition.wait(self.wake - now)


_WATCHER = _Watcher()
if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_WATCHER.reset)


def _thread_deadline(seconds: float) -> AbstractContextManager[None]:
    return _WATCHER.watching(seconds)
