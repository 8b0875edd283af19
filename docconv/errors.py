"""Typed failures that stop a conversion, each with the CLI exit code it maps to.

Recoverable problems are not errors: they are reported as diagnostics (see ``diagnostics``).
Exit codes (also in README): 0 success, 1 the input could not be converted, 2 usage error,
3 fonts missing, 4 a limit was exceeded, 5 rendering failed, 6 a packet was written without
some articles (``--keep-going``), 7 warnings were raised under ``--strict``.
"""

from __future__ import annotations


class DocconvError(Exception):
    """Base of every failure docconv reports to its caller; ``str()`` is a one-line message.

    >>> import docconv
    >>> try:
    ...     docconv.read("no-such-file.md")
    ... except docconv.DocconvError as error:
    ...     print(error, "| exit code", error.exit_code)
    no-such-file.md: no such file | exit code 1
    """

    exit_code = 1

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.where = where
        super().__init__(message)

    def __str__(self) -> str:
        message = " ".join(super().__str__().split())  # always one line
        return f"{self.where}: {message}" if self.where else message


class InputError(DocconvError):
    """The input is empty, undecodable, malformed or otherwise unreadable."""


class UsageError(DocconvError):
    """The caller asked for something docconv does not have: an unknown option, format, transform or value."""

    exit_code = 2


class UnknownOptionError(UsageError):
    """An option or field name docconv does not have; the message names the closest one it has."""

    @classmethod
    def naming(cls, name: str, known: list[str], kind: str) -> UnknownOptionError:
        import difflib

        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
        return cls(f"unknown {kind} {name!r}; {hint}")


class UnsupportedFormatError(UsageError):
    """No reader or renderer handles the requested format."""


class FontCoverageError(DocconvError):
    """Installed fonts do not cover some characters of the document."""

    exit_code = 3


class LimitExceededError(DocconvError):
    """The input exceeds a configured limit (size, depth, blocks, pixels, bytes, time)."""

    exit_code = 4


class RenderError(DocconvError):
    """A renderer failed on a document it accepted."""

    exit_code = 5


class PartialPacketError(DocconvError):
    """Some articles were left out of a packet written with ``keep_going``."""

    exit_code = 6


class StrictModeError(DocconvError):
    """Warnings were reported and the caller asked for ``strict`` conversion."""

    exit_code = 7
