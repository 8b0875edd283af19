"""The HTML renderer, shared by PDF.

It holds the page model and template (``renderer.py``), the block writer (``writer.py``) and CJK
typesetting (``typography.py`` for one text run, ``blockset.py`` across a block's inline
boundaries). This module only declares the format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docconv.context import Context
    from docconv.model import Packet


class HtmlRenderer:
    name = "html"
    aliases = ("htm",)
    extensions = (".html", ".htm")
    media_type = "text/html; charset=utf-8"
    binary = False

    def render(self, packet: Packet, context: Context) -> bytes:
        from docconv.renderers.html.renderer import render_page

        return render_page(packet, context)


RENDERER = HtmlRenderer()
