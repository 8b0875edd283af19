"""The PDF renderer: docconv's HTML and print CSS laid out by WeasyPrint (``renderer.py``).

``layout.py`` makes pathological layouts safe before WeasyPrint sees them, ``justify.py`` justifies
CJK lines after layout, ``tagging.py`` gives tagged elements their language, ``writing.py`` skips
the redundant work of writing the PDF (the same bytes, made once).

This module only declares the format, so listing formats never imports WeasyPrint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

    from docconv.context import Context
    from docconv.model import Packet


class PdfRenderer:
    name = "pdf"
    aliases: tuple[str, ...] = ()
    extensions = (".pdf",)
    media_type = "application/pdf"
    binary = True

    def prepare(self) -> None:
        """Loads the engine before the render deadline starts (see ``prepare_engine``)."""
        _engine().prepare_engine()

    def render(self, packet: Packet, context: Context) -> bytes:
        pdf: bytes = _engine().render_pdf(packet, context)
        return pdf


def _engine() -> ModuleType:
    try:
        from docconv.renderers.pdf import renderer
    except OSError as error:  # WeasyPrint loads Pango when imported; without it, nothing can be laid out
        from docconv.errors import RenderError

        raise RenderError(
            f"PDF needs the Pango library, which cannot be loaded ({error}); on Debian or Ubuntu: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk"
        ) from None
    return renderer


RENDERER = PdfRenderer()
