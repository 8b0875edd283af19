"""Diagnostics: what library code reports instead of printing, collected for the caller.

Each diagnostic has a stable kebab-case ``code`` (``image-fetch-failed``) so callers and tests
can match on it. Everything reported is mirrored to the ``docconv`` logger, which has a
``NullHandler``; only the CLI decides what to show.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

logger = logging.getLogger("docconv")
logger.addHandler(logging.NullHandler())

Level = Literal["info", "warning", "error"]
_LOG_LEVELS = {"info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something a stage did or could not do: a level, a code from ``docconv/codes.py``, a message,
    and the input it is about.

    >>> print(Diagnostic("warning", "image-offline", "image not included: a.png", "post.md"))
    warning: [image-offline] post.md: image not included: a.png
    """

    level: Level
    code: str
    message: str
    where: str | None = None

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{self.level}: [{self.code}] {place}{self.message}"


@dataclass
class Reporter:
    """Collects diagnostics for one conversion; ``where`` names the input being worked on.

    >>> reporter = Reporter(where="post.md")
    >>> reporter.warning("date-unparsed", "the date 'someday' could not be read")
    >>> reporter
    Reporter(where='post.md', 1 diagnostic(s), 1 warning(s))
    """

    where: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def report(self, level: Level, code: str, message: str, where: str | None = None) -> None:
        diagnostic = Diagnostic(level, code, " ".join(message.split()), where or self.where)
        self.diagnostics.append(diagnostic)
        logger.log(_LOG_LEVELS[level], "%s", diagnostic)

    def warning(self, code: str, message: str, where: str | None = None) -> None:
        self.report("warning", code, message, where)

    def info(self, code: str, message: str, where: str | None = None) -> None:
        self.report("info", code, message, where)

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level != "info"]

    def __repr__(self) -> str:
        return f"Reporter(where={self.where!r}, {len(self.diagnostics)} diagnostic(s), {len(self.warnings)} warning(s))"
