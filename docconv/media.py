"""Media store: the one place renderers get images from (fetched, sniffed, verified, cached).

INTERIM: this first version serves nothing and reports every image as unavailable; the real
fetcher, network policy, cache and image verification replace it (issue #5). The interface below
is what the PDF and EPUB renderers rely on.
"""

from __future__ import annotations

from dataclasses import dataclass

from docconv.diagnostics import Reporter
from docconv.options import Options

_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg", "image/webp": ".webp"}


@dataclass(frozen=True, slots=True)
class Media:
    url: str  # the URL as the document names it (after resolving against the base URL)
    data: bytes  # verified bytes in a format both PDF and EPUB readers take
    media_type: str  # sniffed from the bytes, never from the URL or the server
    width: int
    height: int

    @property
    def extension(self) -> str:
        return _EXTENSIONS.get(self.media_type, ".bin")


class MediaStore:
    """Images for one run, keyed by URL; shared by every article of a packet or batch."""

    def __init__(self, options: Options, reporter: Reporter) -> None:
        self.options = options
        self.reporter = reporter
        self._images: dict[str, Media | None] = {}

    def image(self, url: str, *, base_url: str | None = None, referer: str | None = None) -> Media | None:
        """The image at ``url``, or None after a warning diagnostic. Never raises for a bad image."""
        if url not in self._images:
            self.reporter.warning("image-unavailable", f"image not fetched: {url[:200]}")
            self._images[url] = None
        return self._images[url]
