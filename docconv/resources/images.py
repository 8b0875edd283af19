"""Image checks and conversions: sniff the type from the bytes, refuse bombs, verify, normalise.

What comes out is PNG, JPEG or GIF — the formats every PDF engine and EPUB reader takes — no
larger than ``MAX_SIDE`` pixels on its longest side. PNG, JPEG and GIF that need no change keep
their original bytes; anything re-encoded carries no metadata, so the same input gives the same
bytes. SVG is refused: it can script, pull in other resources and be arbitrarily expensive to
draw, and there is no safe rasteriser at hand (see docs/resources.md).

Prepared images are remembered for the life of the process (``MEMO_BYTES`` of results, least
recently used first out), keyed by the bytes' SHA-256 and the limits: decoding and resizing a news
photo costs about 0.1 s, hashing it a millisecond, and a batch or a long-running caller meets the
same images again through a fresh media store and the disk cache.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass

MAX_SIDE = 2400  # longest side in pixels: 20 cm at 300 dpi, far past any e-reader screen
JPEG_QUALITY = 88
KEPT = frozenset({"image/png", "image/jpeg", "image/gif"})
CONVERTED = frozenset({"image/webp", "image/avif", "image/bmp", "image/tiff", "image/x-icon"})
MEMO_BYTES = 64 * 1024 * 1024  # prepared images kept per process; one larger than a quarter of it is not kept


class ImageError(Exception):
    """An image that cannot be used; ``code`` is the diagnostic code to report."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Prepared:
    data: bytes
    media_type: str
    width: int
    height: int


def sniff(data: bytes) -> str | None:
    """The media type the bytes themselves announce (magic numbers), or None.

    >>> sniff(b"\\x89PNG\\r\\n\\x1a\\n...")
    'image/png'
    """
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "image/avif"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "image/heic"
    if head.startswith(b"BM") and len(data) > 26:
        return "image/bmp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head.startswith(b"\x00\x00\x01\x00") and len(data) > 22:
        return "image/x-icon"
    if _looks_like_svg(data[:4096]):
        return "image/svg+xml"
    return None


def _looks_like_svg(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in text


def prepare(data: bytes, max_pixels: int, max_side: int = MAX_SIDE) -> Prepared:
    """Checked, reader-ready image bytes; raises ImageError (never anything else) when unusable.

    The same bytes under the same limits are prepared once per process (see ``MEMO_BYTES``);
    refusals are not remembered, so they are reported with their reason every time.
    """
    key = (hashlib.sha256(data).digest(), max_pixels, max_side)
    with _memo_lock:
        known = _memo.get(key)
        if known is not None:
            _memo.move_to_end(key)
            return known
    prepared = _checked(data, max_pixels, max_side)
    _remember(key, prepared)
    return prepared


_memo: OrderedDict[tuple[bytes, int, int], Prepared] = OrderedDict()
_memo_size = 0
_memo_lock = threading.Lock()  # media stores may be used from a render's worker thread


def _remember(key: tuple[bytes, int, int], prepared: Prepared) -> None:
    global _memo_size
    size = len(prepared.data)
    if size > MEMO_BYTES // 4:
        return
    with _memo_lock:
        if key in _memo:
            return
        _memo[key] = prepared
        _memo_size += size
        while _memo_size > MEMO_BYTES:
            _, dropped = _memo.popitem(last=False)
            _memo_size -= len(dropped.data)


def forget_prepared() -> None:
    """Empty the process's memo of prepared images (for measurements and tests)."""
    global _memo_size
    with _memo_lock:
        _memo.clear()
        _memo_size = 0


def _checked(data: bytes, max_pixels: int, max_side: int) -> Prepared:
    media_type = sniff(data)
    if media_type is None:
        raise ImageError("image-invalid", "not an image (unrecognised bytes)")
    if media_type == "image/svg+xml":
        raise ImageError("image-unsupported", "SVG images are not embedded (they can run scripts and fetch other files)")
    if media_type not in KEPT | CONVERTED:
        raise ImageError("image-unsupported", f"{media_type} is not supported")
    try:
        return _prepare(data, media_type, max_pixels, max_side)
    except ImageError:
        raise
    except Exception as error:
        raise ImageError("image-invalid", f"broken {media_type} ({type(error).__name__}: {error})"[:300]) from None


def _prepare(data: bytes, media_type: str, max_pixels: int, max_side: int) -> Prepared:
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        # Pillow's own bomb guard warns (or raises) on its global limit; ours is the one that counts.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            header = Image.open(io.BytesIO(data))  # lazy: reads only the header
        except Image.DecompressionBombError as error:
            # Past Pillow's own hard limit (twice Image.MAX_IMAGE_PIXELS), refused from the header.
            raise ImageError("image-too-large", f"declared size is far over the pixel limit ({error})") from None
        width, height = header.size
        frames = _frame_count(header, media_type)
        if width <= 0 or height <= 0:
            raise ImageError("image-invalid", f"image declares {width}×{height} pixels")
        if width * height > max_pixels or width * height * frames > max_pixels * 4:
            raise ImageError("image-too-large", f"{width}×{height} pixels ({frames} frame(s)) is over the limit of {max_pixels}")
        # Check the structure, then decode for real: verify() alone misses truncated pixel data.
        header.verify()
        image = Image.open(io.BytesIO(data))
        if media_type == "image/jpeg" and max(width, height) > max_side:
            # Decode at a reduced scale (1/2, 1/4, 1/8) when shrinking anyway; draft keeps at least this size.
            scale = max_side / max(width, height)
            image.draft(None, (math.ceil(width * scale), math.ceil(height * scale)))
        image.load()
        orientation = image.getexif().get(0x0112, 1) if media_type in ("image/jpeg", "image/webp", "image/tiff") else 1

    needs_resize = max(width, height) > max_side
    if media_type in KEPT and not needs_resize and orientation in (1, None):
        return Prepared(data, media_type, width, height)

    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    result: Image.Image = ImageOps.exif_transpose(image) if orientation not in (1, None) else image
    if max(result.size) > max_side:
        result.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return _encode(result, media_type, data)


def _frame_count(image: object, media_type: str) -> int:
    if media_type != "image/gif":
        return 1  # other multi-frame formats are reduced to their first frame
    try:
        return max(1, int(getattr(image, "n_frames", 1)))
    except Exception:
        return 1


def _encode(image: object, source_type: str, data: bytes) -> Prepared:
    from PIL import Image

    assert isinstance(image, Image.Image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    lossy_source = source_type in ("image/jpeg", "image/avif") or (source_type == "image/webp" and _is_lossy_webp(data))
    buffer = io.BytesIO()
    if lossy_source and not has_alpha:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
        media_type = "image/jpeg"
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
            image = image.convert("RGBA" if has_alpha else "RGB")
        image.save(buffer, "PNG", optimize=False)  # no text chunks, no time: same input, same bytes
        media_type = "image/png"
    return Prepared(buffer.getvalue(), media_type, image.width, image.height)


def _is_lossy_webp(data: bytes) -> bool:
    """Whether a WebP holds a lossy (VP8) bitstream: a photograph rather than line art."""
    offset = 12
    while offset + 8 <= len(data):
        fourcc, size = data[offset : offset + 4], int.from_bytes(data[offset + 4 : offset + 8], "little")
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc == b"VP8 "
        if fourcc == b"ANMF":  # animation frame: its bitstream chunk sits 16 bytes into the frame header
            offset += 8 + 16
            continue
        offset += 8 + size + (size & 1)
    return False
