"""Running out of stack or memory is a limit, not an internal error.

``RecursionError`` and ``MemoryError`` come from input that is too deep or too large for the
process, never from a bug the user could report usefully; ``stage`` turns them into a
``LimitExceededError`` (exit code 4) that says which stage hit the bound and which limit to
lower, so a batch or a service can tell them from a crash. The API wraps reading and rendering
in it; the CLI and the batch workers catch whatever escapes with ``as_limit``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from docconv.errors import LimitExceededError


def as_limit(error: RecursionError | MemoryError, stage: str) -> LimitExceededError:
    """The limit error ``error`` stands for, naming the stage that hit it."""
    if isinstance(error, RecursionError):
        return LimitExceededError(
            f"the input is nested too deeply for {stage} (Python's recursion limit was reached);"
            " lower --limit max_nesting or --limit max_depth if they were raised"
        )
    return LimitExceededError(
        f"the process ran out of memory while {stage}; lower --limit max_input_bytes"
        " (or max_response_bytes), or give docconv more memory"
    )


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Report a ``RecursionError`` or ``MemoryError`` raised inside as a limit of stage ``name``."""
    try:
        yield
    except (RecursionError, MemoryError) as error:
        raise as_limit(error, name) from None
