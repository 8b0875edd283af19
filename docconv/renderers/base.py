"""What every renderer declares and provides.

A renderer is one object registered under its name (``docconv.registry.RENDERERS``): it declares
its aliases, output file extensions, media type and whether its output is binary, and turns a
Packet into bytes. The declaration must be cheap to import (formats are listed and matched to file
extensions without loading any engine), so the work lives in a module the ``render`` method
imports.
"""

from __future__ import annotations

from typing import Protocol

from docconv.context import Context
from docconv.model import Packet

# The name renderers were written against before the pipeline's Context was shared by every stage.
RenderContext = Context


class Renderer(Protocol):
    name: str
    aliases: tuple[str, ...]  # other names for the format (``md``)
    extensions: tuple[str, ...]  # output file extensions with their dot, the first preferred
    media_type: str
    binary: bool  # bytes a terminal should not be sent

    def render(self, packet: Packet, context: Context) -> bytes: ...

    # A renderer may also offer ``prepare(self) -> None``: one-time set-up that the pipeline runs
    # before the render deadline starts (the PDF renderer builds its engine's C types there).
