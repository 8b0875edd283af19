"""The PDF renderer: docconv's HTML and print CSS laid out by WeasyPrint (``renderer.py``).

This module only declares the format, so listing formats never imports WeasyPrint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docconv.context import Context
    from docconv.model import Packet


class PdfRenderer:
    name = "pdf"
    aliases: tuple[str, ...] = ()
    extensions = (".pdf",)
    media_type = "application/pdf"
    binary = True

    def render(self, packet: Packet, context: Context) -> bytes:
        from docconv.renderers.pdf.renderer import render_pdf

        return render_pdf(packet, context)


RENDERER = PdfRenderer()
