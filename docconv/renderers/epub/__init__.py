"""The EPUB 3 renderer.

It holds the book (``renderer.py``), its package documents (``package.py``), XHTML chapters
(``xhtml.py``) and embedded fonts (``fonts.py``). This module only declares the format, so listing
formats never imports ebooklib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docconv.context import Context
    from docconv.model import Packet


class EpubRenderer:
    name = "epub"
    aliases: tuple[str, ...] = ()
    extensions = (".epub",)
    media_type = "application/epub+zip"
    binary = True

    def render(self, packet: Packet, context: Context) -> bytes:
        from docconv.renderers.epub.renderer import render_epub

        return render_epub(packet, context)


RENDERER = EpubRenderer()
