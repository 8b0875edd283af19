"""Media store: the one place renderers get images from (fetched, sniffed, verified, cached).

``MediaStore.image(url, base_url=…, referer=…)`` returns a ``Media`` in a format PDF and EPUB
readers take, or None after exactly one warning for that URL naming it and the reason. It never
raises for a bad image. Codes: ``image-refused`` (policy or confinement), ``image-offline``,
``image-fetch-failed``, ``image-too-large`` (bytes or pixels), ``image-invalid`` (not an image,
broken), ``image-unsupported`` (SVG, HEIC). See docs/resources.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docconv.diagnostics import Reporter
from docconv.errors import InputError
from docconv.options import Options
from docconv.resources.fetch import Fetcher, FetchError, OfflineError, TooLargeError, resolve_url
from docconv.resources.images import ImageError, prepare
from docconv.resources.netpolicy import RefusedError

_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg", "image/webp": ".webp"}
_SHOWN_URL = 200  # characters of a URL in a message (data: URLs can be megabytes)


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

    def __init__(self, options: Options, reporter: Reporter, fetcher: Fetcher | None = None) -> None:
        self.options = options
        self.reporter = reporter
        self.fetcher = fetcher or Fetcher(options)
        self._images: dict[str, Media | None] = {}
        self._where: str | None = None  # the article whose image is being loaded

    def image(
        self, url: str, *, base_url: str | None = None, referer: str | None = None, where: str | None = None
    ) -> Media | None:
        """The image at ``url``, or None after a warning diagnostic. Never raises for a bad image.

        ``where`` names the article that shows it (a packet's warnings say which article lost an image).
        """
        try:
            key = resolve_url(url, base_url)
        except ValueError:
            key = url
        if key not in self._images:
            self._where = where
            self._images[key] = self._load(key, base_url, referer)
        return self._images[key]

    def cover(self) -> Media | None:
        """The ``--cover`` image: a file the user named, so no folder confinement; checked like any image."""
        path = self.options.cover
        if path is None:
            return None
        url = path.resolve().as_uri()
        if url not in self._images:
            self._where = None
            self._images[url] = self._read_cover(path, url)
        return self._images[url]

    def _read_cover(self, path: Path, url: str) -> Media | None:
        try:
            if path.stat().st_size > self.options.limits.max_response_bytes:
                return self._lost("image-too-large", url, "over max_response_bytes")
            prepared = prepare(path.read_bytes(), self.options.limits.max_image_pixels)
        except OSError as error:
            return self._lost("image-fetch-failed", url, error.strerror or str(error))
        except ImageError as error:
            return self._lost(error.code, url, str(error))
        return Media(url, prepared.data, prepared.media_type, prepared.width, prepared.height)

    def _load(self, url: str, base_url: str | None, referer: str | None) -> Media | None:
        try:
            fetched = self.fetcher.fetch(url, base_url=base_url, referer=referer)
            prepared = prepare(fetched.data, self.options.limits.max_image_pixels)
        except RefusedError as error:
            return self._lost("image-refused", url, str(error))
        except OfflineError:
            return self._lost("image-offline", url, "offline and not in the cache")
        except TooLargeError as error:
            return self._lost("image-too-large", url, str(error))
        except FetchError as error:
            return self._lost("image-fetch-failed", url, str(error))
        except InputError as error:  # e.g. a host name that does not resolve
            return self._lost("image-fetch-failed", url, str(error))
        except ImageError as error:
            return self._lost(error.code, url, str(error))
        except Exception as error:
            return self._lost("image-fetch-failed", url, f"{type(error).__name__}: {error}")
        return Media(url, prepared.data, prepared.media_type, prepared.width, prepared.height)

    def _lost(self, code: str, url: str, reason: str) -> Media | None:
        shown = url if len(url) <= _SHOWN_URL else url[:_SHOWN_URL] + "…"
        self.reporter.warning(code, f"image not included: {shown}: {reason}", where=self._where)
        return None
