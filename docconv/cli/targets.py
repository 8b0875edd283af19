"""What ``-o`` and ``-t`` ask for, settled before any input is read: targets, standard output, folders.

``convert`` and ``packet`` share these rules, which follow pandoc's: ``-o -`` is standard output
(binary formats refused on a terminal), one ``-o`` per format, the format from the extension or
from ``-t``; an output whose folder is missing is a usage error at once.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from docconv.errors import UsageError
from docconv.output import check_output
from docconv.registry import RENDERERS, format_for_path, format_name, get_renderer

if TYPE_CHECKING:
    from docconv.pipeline import Target

STDOUT = "-"


def formats_from(value: str | None) -> list[str]:
    """The registered names of ``-t``'s comma-separated formats; an unknown one is a usage error."""
    names = [format_name(part) for part in (value or "").split(",") if part.strip()]
    for name in names:
        if name not in RENDERERS:
            raise UsageError(f"unknown format {name!r} for -t (known: {', '.join(RENDERERS.names())})")
    return names


def is_folder(output: str) -> bool:
    """``-o`` names a folder: it ends in ``/`` (created if missing) or is an existing folder."""
    return output.endswith(("/", "\\")) or Path(output).is_dir()


def output_targets(outputs: Sequence[str], fmt: str | None) -> list[Target]:
    """One target per ``-o`` (``-`` is standard output: Target without a path), every path checked.

    The format is ``-t``'s when there is one output (or for standard output), else the extension's.
    """
    from docconv.pipeline import Target

    if sum(1 for output in outputs if output == STDOUT) > 1:
        raise UsageError("standard output (-o -) can take one output only")
    targets = []
    for output in outputs:
        if output == STDOUT:
            if fmt is None:
                raise UsageError("name the format for standard output with -t, e.g. -t markdown")
            targets.append(Target(fmt))
            continue
        name = fmt if fmt and len(outputs) == 1 else format_for_path(output)
        if name is None:
            known = ", ".join(ext for _, renderer in RENDERERS.items() for ext in renderer.extensions)
            raise UsageError(f"cannot tell the output format of {output} from its extension ({known}); add -t FORMAT")
        check_output(output)
        targets.append(Target(name, Path(output)))
    refuse_terminal(targets)
    return targets


def refuse_terminal(targets: Sequence[Target]) -> None:
    """A binary format for standard output is refused when standard output is a terminal."""
    for target in targets:
        if target.path is None and get_renderer(target.format).binary and sys.stdout.isatty():
            raise UsageError(f"refusing to write {target.format} to a terminal; use -o FILE or a pipe")


def write_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
