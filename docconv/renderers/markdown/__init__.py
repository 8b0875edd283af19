"""The Markdown renderer.

It holds the renderer (``renderer.py``), the writer (``writer.py``), the projection onto what
Markdown can carry (``projection.py``), packets (``packet.py``) and reference checks
(``refs.py``). This module only declares the format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docconv.context import Context
    from docconv.model import Packet


class MarkdownRenderer:
    name = "markdown"
    aliases = ("md",)
    extensions = (".md", ".markdown")
    media_type = "text/markdown; charset=utf-8"
    binary = False

    def render(self, packet: Packet, context: Context) -> bytes:
        from docconv.renderers.markdown.renderer import render_markdown

        return render_markdown(packet, context)


RENDERER = MarkdownRenderer()
