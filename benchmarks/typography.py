"""Typography report for any PDF: what a Chinese or Japanese typesetter would check on the printed page.

    .venv/bin/python benchmarks/typography.py FILE.pdf [FILE.pdf …] [--json]
    .venv/bin/python benchmarks/typography.py --compare OUT/ INPUT… [--json]   # docconv vs Chromium

Works from glyph positions (pdfminer.six), so it measures any PDF — docconv's, a browser's
print, a publisher's — the same way. Per file it reports:

* prohibited line starts and ends (clreq 3.1.7: no closing mark or stop at a line start, no
  opening mark at a line end) and ``——``/``……`` split over two lines;
* compressible punctuation pairs (clreq 3.1.6.2: closing+closing, closing+opening,
  opening+opening) and how far the first mark's origin is from the second's, in ems: 1.0 is
  uncompressed, 0.5 fully compressed;
* 单字成行: a paragraph's last line holding a single character (punctuation aside);
* lines with letter-spacing inside a Latin word or a number;
* the gaps between Han/kana and Latin letters or digits (clreq wants about ¼ em);
* which fonts set Han, kana, Hangul and Latin glyphs, and synthetic obliques of CJK faces.

Lines are rebuilt from glyphs: glyphs sharing a baseline form a line, split where a vertical
rule (a table border) or a wide gap lies between them.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import itertools

from docconv.charclass import (
    CLOSING_BRACKETS,
    HAN,
    HANGUL,
    JAPANESE_LEFT_SET_STOPS,
    KANA,
    LATIN,
    NOT_AT_LINE_END,
    NOT_AT_LINE_START,
    OPENING_BRACKETS,
    STOPS,
)

_HAN_KANA = re.compile(f"[{HAN}{KANA}]")
_HAN = re.compile(f"[{HAN}]")
_KANA = re.compile(f"[{KANA}]")
_HANGUL = re.compile(f"[{HANGUL}]")
_LATIN = re.compile(f"[{LATIN}]")
_WESTERN = re.compile(f"[{LATIN}0-9]")
_LETTER = re.compile(f"[{HAN}{KANA}{HANGUL}{LATIN}0-9]")
_REGION = re.compile(r"CJK[-_ ]?(sc|tc|hk|jp|kr)\b|CJK[-_ ]?(sc|tc|hk|jp|kr)(?=[-_ ]|$)", re.IGNORECASE)
_CJK_FACE = re.compile(r"CJK|Han[-_ ]?(Sans|Serif)|Hei|Song|Ming|Mincho|Gothic|Kai|Fang", re.IGNORECASE)
_SLANTED = re.compile(r"Oblique|Italic|Slanted", re.IGNORECASE)
_WIDE_GAP_EM = 3.0  # a gap this wide inside one baseline separates two lines (header parts, table cells)


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float  # x0 + the glyph's nominal advance
    baseline: float
    size: float
    font: str

    @property
    def full_width(self) -> bool:
        return (self.x1 - self.x0) >= 0.9 * self.size


@dataclass
class Line:
    page: int
    glyphs: list[Glyph]

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def size(self) -> float:
        return Counter(round(g.size, 1) for g in self.glyphs).most_common(1)[0][0]

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def has_cjk(self) -> bool:
        return any(_HAN_KANA.match(g.text) for g in self.glyphs)


@dataclass
class Report:
    path: str
    lines: list[Line] = field(default_factory=list)
    prohibited_starts: list[str] = field(default_factory=list)
    prohibited_ends: list[str] = field(default_factory=list)
    split_runs: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str, float]] = field(default_factory=list)  # pair, face region, first-mark advance (em)
    single_char_last_lines: list[str] = field(default_factory=list)
    letter_spaced: list[str] = field(default_factory=list)
    han_latin_gaps: list[tuple[str, float]] = field(default_factory=list)
    fonts: dict[str, Counter[str]] = field(default_factory=dict)
    fake_obliques: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        advances = [a for _, _, a in self.pairs]
        gaps = [g for _, g in self.han_latin_gaps]
        return {
            "file": self.path,
            "lines": len(self.lines),
            "cjk_lines": sum(1 for line in self.lines if line.has_cjk),
            "prohibited_line_starts": len(self.prohibited_starts),
            "prohibited_line_ends": len(self.prohibited_ends),
            "split_dash_or_ellipsis": len(self.split_runs),
            "compressible_pairs": len(advances),
            "pair_first_advance_mean_em": _round(statistics.fmean(advances)) if advances else None,
            "pair_first_advance_max_em": _round(max(advances)) if advances else None,
            "pairs_uncompressed": sum(1 for a in advances if a > 0.9),
            "single_char_last_lines": len(self.single_char_last_lines),
            "letter_spaced_latin_lines": len(self.letter_spaced),
            "han_latin_gaps": _distribution(gaps),
            "fonts": {name: dict(counts) for name, counts in sorted(self.fonts.items())},
            "fake_obliques": self.fake_obliques,
            "examples": {
                "prohibited_starts": self.prohibited_starts[:5],
                "prohibited_ends": self.prohibited_ends[:5],
                "split": self.split_runs[:5],
                "uncompressed_pairs": [p for p, _, a in self.pairs if a > 0.9][:8],
                "single_char_last_lines": self.single_char_last_lines[:5],
                "letter_spaced": self.letter_spaced[:5],
                "wide_han_latin_gaps": [t for t, g in self.han_latin_gaps if g > 0.45][:8],
                "narrow_han_latin_gaps": [t for t, g in self.han_latin_gaps if g < 0.125][:8],
            },
        }


def _round(value: float) -> float:
    return round(value, 3)


def _distribution(values: Sequence[float]) -> dict[str, Any]:
    if not values:
        return {"count": 0}
    ordered = sorted(values)
    return {
        "count": len(ordered),
        "min": _round(ordered[0]),
        "median": _round(statistics.median(ordered)),
        "p90": _round(ordered[int(0.9 * (len(ordered) - 1))]),
        "max": _round(ordered[-1]),
        "under_1_8_em": sum(1 for v in ordered if v < 0.125),
        "over_3_8_em": sum(1 for v in ordered if v > 0.375),
        "over_0_45_em": sum(1 for v in ordered if v > 0.45),
    }


# ------------------------------------------------------------------ glyphs and lines


def _glyphs(layout: Any) -> Iterator[Glyph]:
    from pdfminer.layout import LTChar, LTContainer

    for item in layout:
        if isinstance(item, LTChar):
            text = item.get_text()
            if not text or not item.upright:
                continue
            width = item.adv * item.matrix[0] if item.matrix[0] else item.x1 - item.x0
            yield Glyph(text, item.x0, item.x0 + width, item.matrix[5], item.size, _base_font(item.fontname))
        elif isinstance(item, LTContainer):
            yield from _glyphs(item)


def _rules(layout: Any) -> list[tuple[float, float, float]]:
    """Vertical rules (table borders) as (x, y0, y1)."""
    from pdfminer.layout import LTContainer, LTCurve

    found: list[tuple[float, float, float]] = []
    for item in layout:
        if isinstance(item, LTCurve) and item.width < 2 and item.height > 4:
            found.append(((item.x0 + item.x1) / 2, item.y0, item.y1))
        elif isinstance(item, LTCurve) and item.width > 4 and item.height > 4 and not isinstance(item, LTContainer):
            found += [(item.x0, item.y0, item.y1), (item.x1, item.y0, item.y1)]  # a cell's rectangle
        elif isinstance(item, LTContainer):
            found += _rules(item)
    return found


def _base_font(name: str) -> str:
    return name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name


def _lines_of_page(number: int, glyphs: list[Glyph], rules: list[tuple[float, float, float]]) -> list[Line]:
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (-g.baseline, g.x0)):
        if rows and abs(rows[-1][0].baseline - glyph.baseline) < 0.35 * max(rows[-1][0].size, glyph.size):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    rows = _merge_raised(rows)
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        current = [row[0]]
        for previous, glyph in itertools.pairwise(row):
            if _separated(previous, glyph, rules):
                lines.append(Line(number, current))
                current = []
            current.append(glyph)
        lines.append(Line(number, current))
    return [line for line in lines if line.text.strip()]


def _merge_raised(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Superscripts and subscripts (note numbers) join the line of text they are raised from."""
    kept: list[list[Glyph]] = []
    for row in rows:
        size = max(g.size for g in row)
        home = next(
            (
                other
                for other in rows
                if other is not row
                and size < 0.85 * max(g.size for g in other)
                and abs(other[0].baseline - row[0].baseline) < 0.6 * max(g.size for g in other)
                and min(g.x0 for g in other) <= row[0].x0 <= max(g.x1 for g in other) + size
            ),
            None,
        )
        if home is None:
            kept.append(row)
        else:
            home.extend(row)
    return kept


def _separated(left: Glyph, right: Glyph, rules: list[tuple[float, float, float]]) -> bool:
    if right.x0 - left.x1 > _WIDE_GAP_EM * max(left.size, right.size):
        return True
    return any(left.x1 - 0.5 < x < right.x0 + 0.5 and y0 <= left.baseline <= y1 for x, y0, y1 in rules)


def read_lines(path: str | Path) -> list[Line]:
    """Every line of text in the PDF, in page and reading order."""
    from pdfminer.high_level import extract_pages

    lines: list[Line] = []
    for number, page in enumerate(extract_pages(str(path), laparams=None), start=1):
        lines += _lines_of_page(number, list(_glyphs(page)), _rules(page))
    return lines


# ------------------------------------------------------------------ the checks


def _region(font: str) -> str:
    match = _REGION.search(font)
    if match:
        return (match.group(1) or match.group(2)).lower()
    return "cjk" if _CJK_FACE.search(font) else "latin"


def _compressible_first(mark: str, region: str) -> bool:
    """A mark whose empty half may go when another mark follows it (closing marks, left-set stops)."""
    if mark in CLOSING_BRACKETS:
        return True
    if region in ("tc", "hk"):
        return False  # the stops are centred in the em
    if region == "jp":
        return mark in JAPANESE_LEFT_SET_STOPS
    return mark in STOPS


def _visible(line: Line) -> list[Glyph]:
    size = line.size
    return [g for g in line.glyphs if g.text.strip() and g.size >= 0.85 * size]


def _check_breaks(report: Report) -> None:
    lines = [line for line in report.lines if line.has_cjk]
    for line in lines:
        glyphs = _visible(line)
        if not glyphs:
            continue
        if glyphs[0].text in NOT_AT_LINE_START and glyphs[0].full_width:
            report.prohibited_starts.append(line.text)
        if glyphs[-1].text in NOT_AT_LINE_END and glyphs[-1].full_width:
            report.prohibited_ends.append(line.text)
    for line, following in itertools.pairwise(lines):
        end, start = line.text.rstrip()[-1:], following.text.lstrip()[:1]
        if end in "—…" and start == end and following.page == line.page:
            report.split_runs.append(line.text[-6:] + " / " + following.text[:6])


def _check_pairs(report: Report) -> None:
    for line in report.lines:
        glyphs = _visible(line)
        for a, b in itertools.pairwise(glyphs):
            if not (a.full_width and b.full_width and a.size == b.size):
                continue
            region = _region(a.font)
            closing_first = _compressible_first(a.text, region) and (
                b.text in OPENING_BRACKETS or b.text in CLOSING_BRACKETS or b.text in STOPS
            )
            opening_pair = a.text in OPENING_BRACKETS and b.text in OPENING_BRACKETS
            if closing_first or opening_pair:
                report.pairs.append((a.text + b.text, region, (b.x0 - a.x0) / a.size))


def _check_last_lines(report: Report) -> None:
    lines = report.lines
    for previous, line in itertools.pairwise(lines):
        if not line.has_cjk or line.page != previous.page:
            continue
        letters = [g for g in line.glyphs if _LETTER.match(g.text)]
        if len(letters) != 1 or len(line.glyphs) > 4:
            continue
        size = line.size
        close = 0 < previous.glyphs[0].baseline - line.glyphs[0].baseline < 2.2 * size
        same_column = -0.5 * size < previous.x0 - line.x0 < 2.5 * size
        if close and same_column and previous.size == size and previous.x1 - previous.x0 > 10 * size:
            report.single_char_last_lines.append(previous.text[-8:] + " / " + line.text)


def _check_latin(report: Report) -> None:
    for line in report.lines:
        words: list[list[Glyph]] = [[]]
        for glyph in line.glyphs:
            # A gap wider than any letter-spacing worth reporting is a separator PDF readers cannot see.
            if words[-1] and glyph.x0 - words[-1][-1].x1 > 0.6 * glyph.size:
                words.append([])
            if _WESTERN.match(glyph.text):
                words[-1].append(glyph)
            elif words[-1]:
                words.append([])
        for word in words:
            if len(word) < 3:
                continue
            gaps = [(b.x0 - a.x1) / a.size for a, b in itertools.pairwise(word)]
            if statistics.fmean(gaps) > 0.04:
                report.letter_spaced.append(
                    "".join(g.text for g in word) + f" (+{statistics.fmean(gaps):.2f} em) in: " + line.text[:40]
                )
                break


def _check_han_latin(report: Report) -> None:
    for line in report.lines:
        size = line.size
        # Spaces are what Han–Latin spacing is made of; any other glyph between the two breaks the pair.
        glyphs = [g for g in line.glyphs if g.text not in (" ", "\u00a0")]
        for a, b in itertools.pairwise(glyphs):
            if min(a.size, b.size) < 0.85 * size:
                continue  # a superscript (a note number) stands between: no Han–Latin pair
            han_first = bool(_HAN_KANA.match(a.text)) and bool(_WESTERN.match(b.text))
            latin_first = bool(_WESTERN.match(a.text)) and bool(_HAN_KANA.match(b.text))
            if han_first or latin_first:
                han = a if han_first else b
                report.han_latin_gaps.append((a.text + "|" + b.text, (b.x0 - a.x1) / han.size))


def _check_fonts(report: Report) -> None:
    fonts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in report.lines:
        for glyph in line.glyphs:
            if _HAN.match(glyph.text):
                fonts[glyph.font]["han"] += 1
            elif _KANA.match(glyph.text):
                fonts[glyph.font]["kana"] += 1
            elif _HANGUL.match(glyph.text):
                fonts[glyph.font]["hangul"] += 1
            elif _LATIN.match(glyph.text):
                fonts[glyph.font]["latin"] += 1
            else:
                fonts[glyph.font]["other"] += 1
    report.fonts = dict(fonts)
    report.fake_obliques = sorted(
        name
        for name, counts in fonts.items()
        if _SLANTED.search(name) and (_CJK_FACE.search(name) or counts["han"] or counts["kana"])
    )


def analyse(path: str | Path) -> Report:
    """Read a PDF and run every check."""
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # browsers' PDFs make it complain about every glyph
    report = Report(str(path), read_lines(path))
    _check_breaks(report)
    _check_pairs(report)
    _check_last_lines(report)
    _check_latin(report)
    _check_han_latin(report)
    _check_fonts(report)
    return report


def lines_containing(report: Report, text: str) -> Iterable[Line]:
    """Lines whose text (spaces removed) contains ``text``: for looking up a heading's fonts."""
    wanted = "".join(text.split())
    return (line for line in report.lines if wanted in "".join(line.text.split()))


# ------------------------------------------------------------------ command line


def _print(summary: dict[str, Any]) -> None:
    print(f"== {summary['file']}")
    print(f"lines {summary['lines']} (CJK {summary['cjk_lines']})")
    print(
        f"prohibited starts {summary['prohibited_line_starts']}, ends {summary['prohibited_line_ends']},"
        f" split ——/…… {summary['split_dash_or_ellipsis']}"
    )
    print(
        f"compressible pairs {summary['compressible_pairs']}: first-mark advance mean {summary['pair_first_advance_mean_em']} em,"
        f" max {summary['pair_first_advance_max_em']} em, uncompressed {summary['pairs_uncompressed']}"
    )
    print(f"单字成行 {summary['single_char_last_lines']}; lines with letter-spaced Latin {summary['letter_spaced_latin_lines']}")
    print(f"Han–Latin gaps (em): {summary['han_latin_gaps']}")
    print("fonts (glyphs by script):")
    for name, counts in summary["fonts"].items():
        print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"synthetic CJK obliques: {summary['fake_obliques'] or 'none'}")
    for key, examples in summary["examples"].items():
        if examples:
            print(f"  e.g. {key}: {examples}")


def _source(path: Path) -> Any:
    """A document, or a packet for a manifest (``fixtures/packet.yaml``), read offline."""
    import docconv
    from docconv.diagnostics import Reporter
    from docconv.packets import build_packet, is_manifest, load_manifest

    if is_manifest(str(path)):
        request = load_manifest(path)
        return build_packet(request, lambda source, _r: docconv.read(source, offline=True), Reporter(), keep_going=True)
    return docconv.read(path, offline=True)


def _chromium_print(html: Path, pdf: Path) -> bool:
    """Chromium's print of ``html`` (headless, no network namespace when ``unshare`` can make one)."""
    import shutil
    import subprocess
    import tempfile

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return False
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
        command += ["--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer"]
        command += [f"--print-to-pdf={pdf}", str(html)]
        offline = ["unshare", "-n"] if shutil.which("unshare") else []
        subprocess.run(offline + command, capture_output=True, timeout=180, check=False)
    return pdf.is_file()


def compare(inputs: Sequence[Path], folder: Path) -> list[dict[str, Any]]:
    """docconv's PDF of each input, and Chromium's print of docconv's HTML of it (when Chromium is installed)."""
    import docconv
    from docconv.diagnostics import Reporter
    from docconv.options import Options
    from docconv.renderers.base import RenderContext

    summaries = []
    for path in inputs:
        source = _source(path)
        for fmt in ("pdf", "html"):
            context = RenderContext(Options(offline=True), Reporter())
            (folder / f"{path.stem}.{fmt}").write_bytes(docconv.render(source, fmt, context=context).data)
        summaries.append({"engine": "docconv", **analyse(folder / f"{path.stem}.pdf").summary()})
        printed = folder / f"{path.stem}.chromium.pdf"
        if _chromium_print(folder / f"{path.stem}.html", printed):
            summaries.append({"engine": "chromium", **analyse(printed).summary()})
    return summaries


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="PDFs; with --compare, docconv inputs (articles, packet manifests)")
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    parser.add_argument(
        "--compare", type=Path, metavar="FOLDER", help="render inputs with docconv, print their HTML with Chromium, into FOLDER"
    )
    args = parser.parse_args(argv)
    if args.compare:
        args.compare.mkdir(parents=True, exist_ok=True)
        summaries = compare(args.files, args.compare)
    else:
        summaries = [analyse(path).summary() for path in args.files]
    for summary in summaries:
        if args.json:
            print(json.dumps(summary, ensure_ascii=False))
        else:
            _print(summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
