"""What every renderer provides, and the context it renders in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from docconv.diagnostics import Reporter
from docconv.model import Packet
from docconv.options import Options

if TYPE_CHECKING:
    from docconv.resources.media import MediaStore


@dataclass
class RenderContext:
    """Options, the reporter, and the media store shared by every article of one run."""

    options: Options = field(default_factory=Options)
    reporter: Reporter = field(default_factory=Reporter)
    _media: MediaStore | None = None

    @property
    def media(self) -> MediaStore:
        """The store of fetched images, created on first use (Markdown never needs it)."""
        if self._media is None:
            from docconv.resources.media import MediaStore

            self._media = MediaStore(self.options, self.reporter)
        return self._media


class Renderer(Protocol):
    name: str
    media_type: str
    extension: str

    def render(self, packet: Packet, context: RenderContext) -> bytes: ...
