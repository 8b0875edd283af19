"""The context every stage of a conversion gets: options, the reporter, the media store and the deadline.

Readers, transforms and renderers all receive the same ``Context`` for one conversion (one
article, or one packet), so each can report what it did and images are fetched once however many
formats are rendered.
"""

from __future__ import annotations

import signal
import threading
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

    Uses SIGALRM, so it applies in the main thread on POSIX (the CLI, batch workers); elsewhere the
    render is not timed. The timer repeats every second after expiry, so an engine that swallows
    the first exception (a broad ``except Exception``) is interrupted again.
    """
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise LimitExceededError(f"rendering took longer than the limit of {seconds:g} s (render_timeout)", where=where)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
