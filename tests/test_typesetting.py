"""CJK typesetting on the printed page: the typography report (benchmarks/typography.py) on real PDFs.

The HTML-level rules (blockset.py) are checked on their markup; everything else on rendered PDFs
through glyph positions, the way a typesetter would check a proof: punctuation pairs, line
starts and ends, one-character last lines, letter-spacing, Han–Latin gaps, fonts per language.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest
from markupsafe import Markup

import docconv
from benchmarks.typography import Report, analyse, lines_containing
from docconv.diagnostics import Reporter
from docconv.model import Document, Metadata, Paragraph, Table, TableCell, TableRow
from docconv.options import Options
from docconv.packets import build_packet, load_manifest
from docconv.renderers.base import RenderContext
from docconv.renderers.html.blockset import emphasis_marks, punctuation_style, typeset_block
from docconv.renderers.html.renderer import blocks_html
from docconv.renderers.theme import type_area_css

ROOT = Path(__file__).resolve().parent.parent
BODY_PT = 10.5


def render(source: Any, tmp_path: Path, name: str, **overrides: Any) -> tuple[Path, bytes]:
    options = dataclasses.replace(Options(offline=True), **overrides)
    data = docconv.render(source, "pdf", context=RenderContext(options, Reporter())).data
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path, data


# ------------------------------------------------------------------ markup (blockset.py)


def test_punctuation_compression_follows_each_writing_system() -> None:
    hans = typeset_block(Markup("他说：“好。”（注）"), "hans")
    assert '<span class="pc">：</span>“' in hans  # closing + opening: the first mark
    assert '<span class="pc">。</span><span class="pc">”</span>（' in hans
    assert typeset_block(Markup("「『引』」"), "hans") == Markup('「<span class="pc">『</span>引<span class="pc">』</span>」')
    # Traditional Chinese centres its stops: only brackets and quotation marks pair up.
    hant = typeset_block(Markup("說」「好」。"), "hant", "inline")
    assert hant == Markup('說<span class="pc">」</span>「好」。')
    # Japanese: 、。 are set left like Simplified Chinese; ：！？ are centred and stay full width.
    assert typeset_block(Markup("「はい」、。"), "ja", "inline") == Markup(
        '「はい<span class="pc">」</span><span class="pc">、</span>。'
    )
    assert typeset_block(Markup("はい：「"), "ja", "inline") == Markup("はい：「")
    assert punctuation_style("ko") is None and punctuation_style("en") is None
    assert punctuation_style("zh-Hant") == "hant" and punctuation_style("zh-HK") == "hant" and punctuation_style("zh") == "hans"


def test_han_latin_spacing_across_inline_boundaries_and_trimmed_spaces() -> None:
    html = typeset_block(
        Markup('超过<strong>3100 班</strong>，用<code>pip</code>装<a href="x">Vue</a>框架 RuoYi-Vue ，好'), "hans", "inline"
    )
    assert "超过 <strong>3100 班</strong>" in html
    assert "用 <code>pip</code> 装 <a" in html and "Vue </a>框架" in html
    assert "RuoYi-Vue，好" in html  # a source space before a full-width mark is dropped
    # A superscript (a link number) is not a neighbour.
    assert typeset_block(Markup('文<sup class="link-ref">1</sup>字'), "hans", "inline") == Markup(
        '文<sup class="link-ref">1</sup>字'
    )


def test_last_characters_are_kept_together() -> None:
    assert typeset_block(Markup("一二三四五六。"), "hans").endswith('四<span class="nobr">五六。</span>')
    # The group may reach back to enclose a short element it would otherwise cross…
    assert '<span class="nobr"><strong>五</strong>六。<sup' in typeset_block(
        Markup('一二三四<strong>五</strong>六。<sup class="link-ref"><a href="#n">1</a></sup>'), "hans"
    )
    # …and a Latin word counts as one unit.
    assert typeset_block(Markup("我们使用 Python 语"), "hans").endswith('使用 <span class="nobr">Python 语</span>')
    assert "nobr" not in typeset_block(Markup("短"), "hans")


def test_cjk_emphasis_becomes_dotted_letters_and_latin_keeps_italic() -> None:
    assert emphasis_marks(Markup("重要，Go")) == Markup(
        '<span class="em-dot">重</span><span class="em-dot">要</span>，<span class="em-dot">G</span><span class="em-dot">o</span>'
    )
    zh = docconv.read("---\ntitle: 强调\nlang: zh-Hans\n---\n\n这是*重点*。\n")
    assert '<em><span class="em-dot">重</span><span class="em-dot">点</span></em>' in blocks_html(zh)
    en = docconv.read("---\ntitle: E\nlang: en\n---\n\nThis is *key*.\n")
    assert "<em>key</em>" in blocks_html(en)


def test_empty_image_table_and_multi_line_inline_code() -> None:
    empty = TableRow(cells=(TableCell(children=()), TableCell(children=())))
    document = Document(
        meta=Metadata(language="zh-Hans"),
        blocks=(
            Table(head=(), body=(empty, empty), caption=""),
            Paragraph(children=(docconv.model.Code(text="a = 1\nb = 2"),)),
            Paragraph(children=(docconv.model.Code(text="one line"),)),
        ),
    )
    html = blocks_html(document)
    assert "<table" not in html and '<p class="image-placeholder">[图片]</p>' in html
    assert "<pre><code>a = 1\nb = 2</code></pre>" in html
    assert "<p><code>one line</code></p>" in html


def test_type_area_is_a_whole_number_of_ems() -> None:
    for size, width_mm in (("A4", 210), ("A5", 148), ("Letter", 215.9), ("150mm 200mm", 150)):
        side = float(re.search(r"margin-left: ([\d.]+)mm", type_area_css(size)).group(1))  # type: ignore[union-attr]
        line_pt = (width_mm - 2 * side) * 72 / 25.4
        assert side >= 20 and abs(line_pt / BODY_PT - round(line_pt / BODY_PT)) < 0.01, size
    assert type_area_css("A4").startswith("@page { margin-left: 21.656mm")  # 45 em at 10.5 pt


# ------------------------------------------------------------------ printed pages


@pytest.fixture(scope="module")
def mixed_packet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    """The README's packet: Simplified and Traditional Chinese, Japanese and English articles."""
    request = load_manifest(ROOT / "fixtures" / "packet.yaml")
    packet = build_packet(request, lambda source, _r: docconv.read(source, offline=True), Reporter(), keep_going=False)
    path, _ = render(packet, tmp_path_factory.mktemp("packet"), "packet")
    return path, analyse(path)


@pytest.mark.slow
def test_mixed_packet_meets_the_typesetting_bar(mixed_packet: tuple[Path, Report]) -> None:
    _, report = mixed_packet
    summary = report.summary()
    assert summary["cjk_lines"] > 300
    assert summary["compressible_pairs"] >= 15 and summary["pair_first_advance_mean_em"] <= 0.6
    assert summary["prohibited_line_starts"] == 0 and summary["prohibited_line_ends"] == 0
    assert summary["split_dash_or_ellipsis"] == 0
    assert summary["single_char_last_lines"] == 0, report.single_char_last_lines
    assert summary["letter_spaced_latin_lines"] == 0, report.letter_spaced
    gaps = summary["han_latin_gaps"]
    assert gaps["count"] > 200 and gaps["max"] <= 0.45 and gaps["under_1_8_em"] == 0, gaps
    assert summary["fake_obliques"] == []


@pytest.mark.slow
def test_each_article_of_a_packet_uses_its_own_faces(mixed_packet: tuple[Path, Report]) -> None:
    path, report = mixed_packet
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-CJK-TC-Bold" in fonts and "Noto-Sans-CJK-JP-Bold" in fonts
    expected = {
        "傳統配方不能改": "Noto-Sans-CJK-TC-Bold",  # a zh-Hant heading
        "台南老街的百年餅舖": "Noto-Sans-CJK-TC-Bold",  # its title
        "サウナと朝風呂で客層が変化": "Noto-Sans-CJK-JP-Bold",  # a Japanese heading
        "Words with no neighbours": "Noto-Sans-Bold",
    }
    for text, face in expected.items():
        lines = [line for line in lines_containing(report, text) if line.size > 11]  # not the contents page
        assert lines, text
        assert {g.font for line in lines for g in line.glyphs if g.text.strip()} == {face}, text
    # Contents entry and running head (8 pt) of the Traditional Chinese article: its own body face.
    small = [line for line in lines_containing(report, "台南老街的百年餅舖") if line.size < 11]
    assert len(small) >= 2 and all({g.font for g in line.glyphs} == {"Noto-Serif-CJK-TC"} for line in small)


@pytest.mark.slow
def test_packet_is_tagged_with_each_articles_language(mixed_packet: tuple[Path, Report]) -> None:
    path, _ = mixed_packet
    root = pypdf.PdfReader(path).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    languages: set[tuple[str, str]] = set()

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Lang" in node:
                languages.add((str(node["/S"]), str(node["/Lang"])))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert {("/Art", "zh-TW"), ("/Art", "ja"), ("/Art", "en"), ("/Art", "zh-CN")} <= languages


STRESS = (
    "---\ntitle: 排版压力测试：标点、强调与换行\nlang: zh-Hans\n---\n\n"
    + "".join(
        f"第{n}段{'文' * n}他说：“这是*非常重要*的事。”（注{n}）。《书名》、「引号」——破折号……省略号，"
        f"用<strong>Python {n}</strong>写<a href='https://example.com/{n}'>CPU java</a>程序{'字' * (n % 7)}。\n\n"
        for n in range(1, 25)
    )
    + "第一行以 CPU 结尾<br>\n第二行 java 也是<br>\n最后一行\n"
)


@pytest.mark.slow
def test_stress_article_compresses_pairs_and_never_letter_spaces_latin(tmp_path: Path) -> None:
    document = docconv.read(STRESS)
    path, data = render(document, tmp_path, "stress")
    report = analyse(path)
    summary = report.summary()
    assert summary["compressible_pairs"] >= 80 and summary["pair_first_advance_mean_em"] <= 0.6
    assert summary["pairs_uncompressed"] == 0, report.summary()["examples"]
    assert summary["prohibited_line_starts"] == 0 and summary["prohibited_line_ends"] == 0
    assert summary["split_dash_or_ellipsis"] == 0 and summary["single_char_last_lines"] == 0
    assert summary["letter_spaced_latin_lines"] == 0, report.letter_spaced
    assert summary["han_latin_gaps"]["max"] <= 0.45
    assert summary["fake_obliques"] == [] and not any("Oblique" in f or "Italic" in f for f in summary["fonts"])
    # The lines ending in <br> keep their natural spacing: CPU and java are not stretched.
    for text in ("第一行以CPU结尾", "第二行java也是"):
        (line,) = lines_containing(report, text)
        assert line.x1 < max(other.x1 for other in report.lines) - 20
    # Byte-reproducible.
    _, again = render(document, tmp_path, "stress-again")
    assert again == data


@pytest.mark.slow
def test_the_report_sees_uncompressed_pairs(tmp_path: Path) -> None:
    # Turning the theme's halt spans off brings every pair back to a full em: the report measures, not assumes.
    sheet = tmp_path / "no-halt.css"
    sheet.write_text(".pc { font-feature-settings: normal; }")
    path, _ = render(docconv.read(STRESS), tmp_path, "plain", stylesheets=(sheet,))
    summary = analyse(path).summary()
    assert summary["pair_first_advance_mean_em"] >= 0.95


@pytest.mark.slow
def test_japanese_indent_latin_hyphenation_and_the_line_length(tmp_path: Path) -> None:
    japanese = docconv.read("---\ntitle: 日本語\nlang: ja\n---\n\n" + "これは日本語の段落です。" * 12 + "\n")
    path, _ = render(japanese, tmp_path, "ja")
    report = analyse(path)
    body = [line for line in report.lines if line.size == BODY_PT]
    left = min(line.x0 for line in body)
    assert abs(body[0].x0 - left - BODY_PT) < 0.5  # a one-em first-line indent
    assert abs(max(line.x1 for line in body) - left - 45 * BODY_PT) < 0.6  # a 45-em line on A4
    english = docconv.read(
        "---\ntitle: E\nlang: en\n---\n\n"
        + "Internationalisation notwithstanding, extraordinarily comprehensive documentation. " * 8
        + "\n"
    )
    path, _ = render(english, tmp_path, "en")
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"[a-z][-\u2010]\n", text), text  # hyphens: auto


def test_typography_report_runs_as_a_command(tmp_path: Path) -> None:
    document = docconv.read("---\ntitle: 命令\nlang: zh-Hans\n---\n\n他说：“好。”用Python写。\n")
    path, _ = render(document, tmp_path, "cmd")
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "typography.py"), str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"compressible_pairs": 2' in result.stdout and '"prohibited_line_starts": 0' in result.stdout
    assert io.StringIO(result.stdout).readline().startswith("{")
