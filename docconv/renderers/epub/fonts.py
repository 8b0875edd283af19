"""Embedded fonts for EPUB: the book's faces subset to exactly the characters the book uses.

Readers without CJK fonts (many e-ink devices) show tofu; embedding the whole Noto CJK
collection costs tens of megabytes (PITFALLS P9), a subset of the few thousand characters
of a briefing costs well under one. Two faces are embedded: the body face (regular) for every
character shown, and the heading face (bold) for the characters of headings only. Faces are
found by ``docconv.fonts.font_file``; the language whose face is used is the book's, or — for
a non-CJK book that quotes CJK — the CJK language its characters suggest.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from docconv.charclass import CJK_LETTERS
from docconv.diagnostics import Reporter
from docconv.language import detect, is_cjk

BODY_FAMILY = "docconv-body"
HEADING_FAMILY = "docconv-heading"
_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.DOTALL)
_CJK = re.compile(f"[{CJK_LETTERS}]")


@dataclass(frozen=True, slots=True)
class FontItem:
    file_name: str  # inside the package, e.g. "fonts/3f2a….otf"
    data: bytes
    media_type: str
    source: str  # family and style of the face it was cut from, for messages


@dataclass(frozen=True, slots=True)
class EmbeddedFonts:
    items: tuple[FontItem, ...]
    css: str  # @font-face rules and the font-family overrides, linked after epub.css


def shown_text(markup: Iterable[str]) -> str:
    """What a reader shows for these XHTML fragments (tags dropped, entities resolved)."""
    return "".join(unescape(_TAG.sub("", fragment)) for fragment in markup)


def heading_text(markup: Iterable[str]) -> str:
    return "".join(shown_text(m.group(1) for m in _HEADING.finditer(fragment)) for fragment in markup)


def _glyphs(text: str) -> set[str]:
    return {c for c in text if c.isprintable() or c == " "}


def face_language(language: str, text: str) -> str:
    """The language whose faces cover ``text``: the book's, or a CJK one when a Latin book quotes CJK."""
    if is_cjk(language) or not _CJK.search(text):
        return language
    return detect("".join(_CJK.findall(text))) or "zh-Hans"


def embed(markup: list[str], language: str, font_dirs: tuple[Path, ...], reporter: Reporter) -> EmbeddedFonts | None:
    """Subset the body and heading faces for the book; None (after a warning) if no face can be had."""
    from docconv.errors import FontCoverageError
    from docconv.fonts import font_file

    body_chars = _glyphs(shown_text(markup))
    heading_chars = _glyphs(heading_text(markup))
    language = face_language(language, "".join(body_chars))
    items: list[FontItem] = []
    rules: list[str] = ['@charset "utf-8";\n']
    for family, role, bold, chars in (
        (BODY_FAMILY, "body", False, body_chars),
        (HEADING_FAMILY, "heading", True, heading_chars),
    ):
        if not chars:
            continue
        try:
            face = font_file(language, role, bold=bold, font_dirs=font_dirs)
        except FontCoverageError as error:
            if role == "body":
                reporter.warning("font-embed-failed", f"fonts not embedded: {error}")
                return None
            continue  # headings fall back to the body face
        data = subset(str(face.path), face.index, chars)
        missing = chars - covered(data)
        if missing:
            shown = " ".join(sorted(missing)[:12])
            reporter.warning("font-embed-incomplete", f"{face.family} has no glyph for {len(missing)} character(s): {shown}")
        digest = hashlib.sha256(data).hexdigest()[:16]
        is_cff = data[:4] == b"OTTO"
        extension, media_type, fmt = (".otf", "font/otf", "opentype") if is_cff else (".ttf", "font/ttf", "truetype")
        file_name = f"fonts/{digest}{extension}"
        items.append(FontItem(file_name, data, media_type, f"{face.family} {face.style}"))
        weight = "bold" if bold else "normal"
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-style: normal; font-weight: {weight}; '
            f'src: url("../{file_name}") format("{fmt}"); }}\n'
        )
    heading = HEADING_FAMILY if len(items) > 1 else BODY_FAMILY
    # epub.css names faces per language with :lang() selectors, hence !important to outrank them;
    # code keeps a monospace first and the embedded face for any CJK in it.
    rules += [
        f'body, body * {{ font-family: "{BODY_FAMILY}", serif !important; }}\n',
        f'h1, h2, h3, h4, h5, h6 {{ font-family: "{heading}", "{BODY_FAMILY}", sans-serif !important; }}\n',
        f'code, pre, pre * {{ font-family: monospace, "{BODY_FAMILY}" !important; }}\n',
    ]
    return EmbeddedFonts(tuple(items), "".join(rules))


def covered(font_data: bytes) -> set[str]:
    from fontTools.ttLib import TTFont

    cmap = TTFont(io.BytesIO(font_data), lazy=True).getBestCmap() or {}
    return {chr(code) for code in cmap} | {" "}


def subset(path: str, index: int, chars: set[str]) -> bytes:
    """The font at ``path`` (face ``index`` of a collection) reduced to ``chars``; reproducible bytes."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.hinting = False  # e-readers rasterise at high resolution; hints only cost bytes
    options.desubroutinize = True  # smaller once the zip deflates it
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence (the OFL asks for it)
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.layout_features = ["ccmp", "locl", "vert", "vrt2", "kern", "liga", "calt", "halt", "vhal", "palt", "vpal"]
    # Recomputing bounding boxes runs every CFF charstring and tripled the time (PITFALLS P9); the
    # original font's boxes still enclose the subset's glyphs, which is all readers need of them.
    font = TTFont(path, fontNumber=index, recalcTimestamp=False, recalcBBoxes=False)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()
