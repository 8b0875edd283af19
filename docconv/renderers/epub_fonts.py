"""Embedded fonts for EPUB: the CJK face subset to exactly the characters the book uses.

Readers without CJK fonts (many e-ink devices) show tofu; embedding the whole Noto CJK
collection costs tens of megabytes (PITFALLS P9), a subset of the few thousand characters
of a briefing costs well under one. Font files are found by ``docconv.fonts.font_file``.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from html import unescape

from docconv.diagnostics import Reporter

FAMILY = "docconv-embedded"
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class EmbeddedFont:
    file_name: str  # inside the package, e.g. "fonts/3f2a….otf"
    data: bytes
    media_type: str
    source_family: str
    css: str  # the @font-face rules and the font-family override, linked after epub.css


def characters(markup: list[str]) -> set[str]:
    """Every character a reader shows for these XHTML fragments (tags dropped, entities resolved)."""
    chars: set[str] = set()
    for fragment in markup:
        chars.update(unescape(_TAG.sub("", fragment)))
    return {c for c in chars if c.isprintable() or c == " "}


def embed(chars: set[str], language: str, reporter: Reporter) -> EmbeddedFont | None:
    """Subset the body face for ``language`` to ``chars``; None (with a warning) if it cannot."""
    try:
        from docconv.fonts import font_file
    except ImportError:
        reporter.warning("font-embed-failed", "font lookup (docconv.fonts) is not available; fonts not embedded")
        return None
    try:
        found = font_file(language, "serif")
    except Exception as error:  # a missing font must not lose the whole book
        reporter.warning("font-embed-failed", f"no font to embed for {language}: {error}")
        return None
    if found is None:
        reporter.warning("font-embed-failed", f"no font to embed for {language}")
        return None
    data = subset(str(found.path), found.index, chars)
    digest = hashlib.sha256(data).hexdigest()[:16]
    media_type, extension = ("font/otf", ".otf") if data[:4] == b"OTTO" else ("font/ttf", ".ttf")
    file_name = f"fonts/{digest}{extension}"
    fmt = "opentype" if extension == ".otf" else "truetype"
    css = (
        '@charset "utf-8";\n'
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: normal; '
        f'src: url("../{file_name}") format("{fmt}"); }}\n'
        # Headings, emphasis and body all use the one embedded face (bold is synthesised) so the
        # book reads on a device without any CJK font; code keeps its monospace list first.
        # epub.css names faces per language with :lang() selectors, hence !important to outrank them.
        f'body, body * {{ font-family: "{FAMILY}", serif !important; }}\n'
        f'code, pre, pre * {{ font-family: monospace, "{FAMILY}" !important; }}\n'
    )
    return EmbeddedFont(file_name, data, media_type, str(found.family), css)


def subset(path: str, index: int, chars: set[str]) -> bytes:
    """The font at ``path`` (face ``index`` of a collection) reduced to ``chars``; reproducible bytes."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.hinting = False  # e-readers rasterise at high resolution; hints only cost bytes
    options.desubroutinize = True  # smaller once the zip deflates it
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the licence and copyright (OFL asks for it)
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.layout_features = ["ccmp", "locl", "vert", "vrt2", "kern", "liga", "calt", "halt", "vhal", "palt", "vpal"]
    font = TTFont(path, fontNumber=index, recalcTimestamp=False, lazy=False)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output, reorderTables=True)
    return output.getvalue()
