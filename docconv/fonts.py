"""Fonts: find installed faces through fontconfig, pick families per language, check coverage.

Fontconfig ignores BCP 47 script subtags and generic families pick the wrong regional
glyphs (PITFALLS P5), so docconv always names families explicitly: a Song/Ming serif for
body text (Noto Serif CJK SC/TC/JP), a sans for headings, and — for CJK text — the CJK face's
own Latin, which is designed to sit with it. Before rendering, every character of the
document must be covered by some installed face; otherwise ``FontCoverageError`` names the
characters and the fix, and nothing is written.

Everything is read once per process (per fontconfig configuration and ``font_dirs``):
``fc-list``/``fc-scan`` output with each face's charset, parsed into merged code-point ranges.
"""

from __future__ import annotations

import bisect
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docconv.errors import FontCoverageError
from docconv.language import primary, rendering_tag

_FORMAT = "%{family[0]}\t%{style[0]}\t%{weight}\t%{slant}\t%{file}\t%{index}\t%{charset}\n"
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")
FIX = "install CJK fonts (Debian/Ubuntu: apt-get install fonts-noto-cjk) or pass --font-dir DIR with fonts that cover them"

# Preferred families, best first, by rendering tag. The first one installed is used.
_CJK_SERIF = {
    "zh-CN": ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "Noto Serif SC", "Source Han Serif"),
    "zh-TW": ("Noto Serif CJK TC", "Source Han Serif TC", "Source Han Serif TW", "Noto Serif TC"),
    "zh-HK": ("Noto Serif CJK HK", "Source Han Serif HC", "Noto Serif CJK TC", "Source Han Serif TC", "Noto Serif HK"),
    "ja": ("Noto Serif CJK JP", "Source Han Serif JP", "Source Han Serif", "Noto Serif JP"),
    "ko": ("Noto Serif CJK KR", "Source Han Serif KR", "Source Han Serif K", "Noto Serif KR"),
}
_CJK_SANS = {
    "zh-CN": ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC"),
    "zh-TW": ("Noto Sans CJK TC", "Source Han Sans TC", "Source Han Sans TW", "Noto Sans TC"),
    "zh-HK": ("Noto Sans CJK HK", "Source Han Sans HC", "Noto Sans CJK TC", "Source Han Sans TC", "Noto Sans HK"),
    "ja": ("Noto Sans CJK JP", "Source Han Sans JP", "Source Han Sans", "Noto Sans JP"),
    "ko": ("Noto Sans CJK KR", "Source Han Sans KR", "Source Han Sans K", "Noto Sans KR"),
}
_CJK_MONO = {
    "zh-CN": ("Noto Sans Mono CJK SC",),
    "zh-TW": ("Noto Sans Mono CJK TC",),
    "zh-HK": ("Noto Sans Mono CJK HK", "Noto Sans Mono CJK TC"),
    "ja": ("Noto Sans Mono CJK JP",),
    "ko": ("Noto Sans Mono CJK KR",),
}
_LATIN = {
    "serif": ("Noto Serif", "Source Serif 4", "Source Serif Pro", "Liberation Serif", "DejaVu Serif"),
    "sans": ("Noto Sans", "Source Sans 3", "Source Sans Pro", "Liberation Sans", "DejaVu Sans"),
    "mono": ("Noto Sans Mono", "Source Code Pro", "Liberation Mono", "DejaVu Sans Mono"),
}
_ROLES = {
    "body": "serif",
    "serif": "serif",
    "heading": "sans",
    "headings": "sans",
    "sans": "sans",
    "mono": "mono",
    "code": "mono",
}
_GENERIC = {"serif": "serif", "sans": "sans-serif", "mono": "monospace"}
# Scripts docconv checks by name in `docconv fonts`.
REPORT_LANGUAGES = (
    ("Simplified Chinese", "zh-Hans"),
    ("Traditional Chinese", "zh-Hant"),
    ("Japanese", "ja"),
    ("Korean", "ko"),
    ("Latin", "en"),
)


@dataclass(frozen=True, slots=True)
class FontFile:
    """One face on disk: ``index`` is the face number inside a collection (.ttc)."""

    path: Path
    index: int
    family: str
    style: str = "Regular"
    weight: int = 400  # CSS weight
    italic: bool = False


@dataclass(frozen=True, slots=True)
class _Face:
    file: FontFile
    ranges: tuple[tuple[int, int], ...]  # inclusive code-point ranges of its charset


@dataclass(frozen=True, slots=True)
class FontSet:
    """Every face fontconfig (plus ``font_dirs``) offers, with a merged charset for coverage checks."""

    faces: tuple[_Face, ...]
    extra: tuple[FontFile, ...]  # faces found in font_dirs: the PDF renderer declares them with @font-face
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def covers(self, char: str) -> bool:
        code = ord(char)
        position = bisect.bisect_right(self.starts, code) - 1
        return position >= 0 and code <= self.ends[position]

    def families(self) -> set[str]:
        return {face.file.family for face in self.faces}

    def face(self, family: str, bold: bool = False) -> FontFile | None:
        candidates = [f.file for f in self.faces if f.file.family == family and not f.file.italic]
        if not candidates:
            return None
        target = 700 if bold else 400
        return min(candidates, key=lambda f: (abs(f.weight - target), str(f.path), f.index))


def _css_weight(fc_weight: int) -> int:
    # fontconfig weights: 40 extralight, 50 light, 80 regular, 100 medium, 180 semibold, 200 bold, 210 black
    table = ((40, 200), (50, 300), (80, 400), (100, 500), (180, 600), (200, 700), (210, 900))
    return min(table, key=lambda pair: abs(pair[0] - fc_weight))[1]


def _parse_charset(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in text.split():
        low, _, high = part.partition("-")
        try:
            ranges.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue
    return ranges


def _parse(output: str) -> list[_Face]:
    faces = []
    for line in output.splitlines():
        fields = line.split("\t")
        if len(fields) != 7:
            continue
        family, style, weight, slant, file, index, charset = fields
        try:
            font = FontFile(
                Path(file),
                int(index or 0),
                family,
                style or "Regular",
                _css_weight(int(float(weight or 80))),
                int(float(slant or 0)) > 0,
            )
        except ValueError:
            continue
        faces.append(_Face(font, tuple(_parse_charset(charset))))
    return faces


def _run(command: Sequence[str]) -> str:
    if shutil.which(command[0]) is None:
        return ""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout


def _font_files(directory: Path) -> list[str]:
    if directory.is_file():  # a font a stylesheet's @font-face loads
        return [str(directory)]
    return sorted(str(p) for p in directory.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES and p.is_file())


@lru_cache(maxsize=8)
def _load(font_dirs: tuple[Path, ...], fontconfig_file: str | None) -> FontSet:
    faces = _parse(_run(["fc-list", "--format", _FORMAT]))
    extra: list[FontFile] = []
    for directory in font_dirs:
        files = _font_files(Path(directory))
        if files:
            found = _parse(_run(["fc-scan", "--format", _FORMAT, *files]))
            faces = found + faces  # user fonts win over installed ones with the same family
            extra += [f.file for f in found]
    merged: list[list[int]] = []
    for low, high in sorted(r for face in faces for r in face.ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return FontSet(tuple(faces), tuple(extra), tuple(m[0] for m in merged), tuple(m[1] for m in merged))


def installed(font_dirs: Iterable[Path] = ()) -> FontSet:
    """The fonts available to WeasyPrint (fontconfig) plus those in ``font_dirs``; cached."""
    return _load(tuple(Path(d) for d in font_dirs), os.environ.get("FONTCONFIG_FILE"))


def _tag(language: str | None) -> str:
    tag = rendering_tag(language)
    if primary(tag) == "zh":
        return tag if tag in _CJK_SERIF else "zh-CN"
    return primary(tag) if primary(tag) in ("ja", "ko") else "en"


def _candidates(language: str | None, role: str) -> tuple[str, ...]:
    kind = _ROLES.get(role)
    if kind is None:
        raise ValueError(f"unknown font role {role!r}: use body, heading or mono")
    tag = _tag(language)
    if tag == "en":
        return _LATIN[kind]
    table = {"serif": _CJK_SERIF, "sans": _CJK_SANS, "mono": _CJK_MONO}[kind]
    return table[tag]


def family_stack(language: str | None, role: str, font_dirs: Iterable[Path] = ()) -> list[str]:
    """CSS families for a role, best first: installed preferred family, its fallbacks, a generic last.

    For CJK languages the CJK face comes first, so that quotes and other shared marks take the
    full-width CJK forms, and Latin text uses the CJK face's matching Latin.
    """
    available = installed(font_dirs).families()
    kind = _ROLES.get(role, "serif")
    tag = _tag(language)
    stack = [f for f in _candidates(language, role) if f in available]
    if tag != "en":
        if kind == "mono":  # code is Latin first: a Latin monospace, then the CJK one for Han in code
            stack = [f for f in _LATIN["mono"] if f in available][:1] + stack
        stack += [f for f in _LATIN[kind] if f in available][:1]
    else:
        # English: the Latin face, then a CJK face of the same kind for any Han quoted in it
        stack = stack[:1] + [f for f in _CJK_SERIF["zh-CN"] + _CJK_SANS["zh-CN"] if f in available][:1]
    return [*dict.fromkeys(stack), _GENERIC[kind]]


def font_file(language: str | None, role: str, *, bold: bool = False, font_dirs: Iterable[Path] = ()) -> FontFile:
    """The face docconv uses for ``role`` (body, heading, mono) in ``language``.

    For embedding (EPUB subsetting): ``font_file("zh-Hans", "body").path`` is the file and
    ``.index`` the face inside a collection. Raises FontCoverageError when no suitable face is installed.
    """
    fonts = installed(font_dirs)
    for family in _candidates(language, role):
        face = fonts.face(family, bold)
        if face is not None:
            return face
    raise FontCoverageError(f"no {role} font for {language or 'en'} ({', '.join(_candidates(language, role)[:2])}): {FIX}")


def _needs_glyph(char: str) -> bool:
    category = unicodedata.category(char)
    return not (category.startswith(("C", "Z")) or char.isspace())


def missing_characters(text: str, font_dirs: Iterable[Path] = ()) -> list[str]:
    """Characters of ``text`` that no installed face covers, in code-point order."""
    fonts = installed(font_dirs)
    return sorted(c for c in set(text) if _needs_glyph(c) and not fonts.covers(c))


def check_coverage(text: str, font_dirs: Iterable[Path] = (), where: str | None = None) -> None:
    """Raise FontCoverageError naming the characters no installed font covers, and the fix."""
    missing = missing_characters(text, font_dirs)
    if not missing:
        return
    shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:12])
    more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
    raise FontCoverageError(
        f"no installed font has {len(missing)} character(s) of the document: {shown}{more}; {FIX}", where=where
    )


def font_report(font_dirs: Iterable[Path] = ()) -> str:
    """What ``docconv fonts`` prints: the face used per script and role, or what is missing."""
    fonts = installed(font_dirs)
    lines = [
        f"{len(fonts.faces)} font faces available to fontconfig"
        + (f" ({len(fonts.extra)} from --font-dir)" if fonts.extra else "")
    ]
    for name, language in REPORT_LANGUAGES:
        lines.append(f"{name} ({rendering_tag(language)}):")
        for role in ("body", "heading", "mono"):
            try:
                face = font_file(language, role, font_dirs=font_dirs)
            except FontCoverageError:
                lines.append(f"  {role:<8} MISSING — wanted {_candidates(language, role)[0]}; {FIX}")
                continue
            where = f"{face.path}" + (f"#{face.index}" if face.path.suffix.lower() in (".ttc", ".otc") else "")
            lines.append(f"  {role:<8} {face.family} {face.style} — {where}")
    return "\n".join(lines)
