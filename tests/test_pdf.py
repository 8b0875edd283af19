"""The pdf renderer on real bytes: fonts, extracted text, kinsoku, outline, metadata, packets, safety."""

from __future__ import annotations

import dataclasses
import difflib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

import docconv
from docconv.diagnostics import Reporter
from docconv.model import Document, Omission, document_text
from docconv.options import Options
from docconv.renderers.base import RenderContext
from docconv.renderers.pdf.renderer import MediaFetcher, pdf_html
from docconv.resources.media import Media

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "post_guancha_shanghai_soft_power.txt"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
CLOSING = set("，。、；：？！）》」』”’】〕〉…·")


def render(source: Document | docconv.model.Packet, **overrides: Any) -> tuple[bytes, Reporter]:
    options = dataclasses.replace(Options(offline=True), **overrides)
    context = RenderContext(options, Reporter())
    return docconv.render(source, "pdf", context=context).data, context.reporter


def pdftotext(data: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdffonts(data: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def outline_titles(reader: pypdf.PdfReader) -> list[tuple[int, str]]:
    titles: list[tuple[int, str]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((depth, item.title))

    walk(reader.outline, 0)
    return titles


@pytest.fixture(scope="module")
def sample() -> Document:
    return docconv.read(SAMPLE, offline=True)


@pytest.fixture(scope="module")
def sample_pdf(sample: Document) -> bytes:
    data, _ = render(sample)
    return data


# ------------------------------------------------------------------------ the sample article


def test_fonts_embedded_subset_no_type3_and_simplified_serif(sample_pdf: bytes, tmp_path: Path) -> None:
    fonts = pdffonts(sample_pdf, tmp_path)
    assert fonts
    for row in fonts:
        assert "Type" not in row[1] or row[1:3] != ["Type", "3"], row
        assert row[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni
        assert re.match(r"^[A-Z]{6}\+", row[0]), row  # subset tag
    names = [row[0] for row in fonts]
    assert any("Noto-Serif-CJK-SC" in n for n in names)
    assert not any("CJK-JP" in n for n in names)


def test_extracted_text_recovers_the_cjk_characters_in_order(sample: Document, sample_pdf: bytes) -> None:
    expected = "".join(CJK.findall(sample.meta.title + document_text(sample)))
    for text in (pdftotext(sample_pdf), "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(sample_pdf)).pages)):
        got = "".join(CJK.findall(text))
        matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
        recovered = sum(block.size for block in matcher.get_matching_blocks())
        assert recovered / len(expected) >= 0.995


def test_no_line_starts_with_closing_punctuation_or_dash(sample_pdf: bytes) -> None:
    lines = [line.strip() for line in pdftotext(sample_pdf).splitlines() if line.strip()]
    assert len(lines) > 80
    bad = [line for line in lines if line[0] in CLOSING or line.startswith("—")]
    assert bad == []


def test_outline_lang_size_and_metadata(sample: Document, sample_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(sample_pdf))
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    titles = outline_titles(reader)
    assert titles[0] == (0, sample.meta.title)
    headings = [docconv.model.plain_text(b.children) for b in sample.blocks if isinstance(b, docconv.model.Heading)]
    assert [t for depth, t in titles[1:]] == headings
    assert all(depth == 1 for depth, _ in titles[1:])
    meta = reader.metadata
    assert meta is not None
    assert meta.title == sample.meta.title
    assert meta.author == "观察者网"
    assert meta["/Keywords"] == "新媒体, 观察者网, 首页"
    assert meta["/Subject"].startswith("中国共产党上海市第十一届委员会")
    assert meta["/CreationDate"].startswith("D:20210622")


def test_title_block_header_and_footer(sample: Document, sample_pdf: bytes) -> None:
    pages = [pdftotext(sample_pdf, "-f", str(n), "-l", str(n)) for n in (1, 2)]
    total = len(pypdf.PdfReader(io.BytesIO(sample_pdf)).pages)
    assert "2021 年 6 月 22 日" in pages[0]  # Han–Latin spacing in the meta line too
    assert "观察者网" in pages[0]
    assert f"第1页/共{total}页" in squeeze(pages[0])
    assert f"第2页/共{total}页" in squeeze(pages[1])
    assert pages[1].lstrip().startswith(sample.meta.title[:10])  # running header


def test_han_latin_spacing_and_no_joiners_in_extracted_text(sample_pdf: bytes) -> None:
    text = pdftotext(sample_pdf)
    assert "\u2060" not in text
    assert "6 月 22 日" in text  # quarter-em space printed at render time


def test_justified_lines_share_one_right_edge(sample_pdf: bytes) -> None:
    # Lines of body text (not the last line of a paragraph) must end at the same x.
    out = pdftotext(sample_pdf, "-bbox-layout", "-f", "1", "-l", "3")
    ends = [float(m) for m in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', out)]
    right = max(ends)
    flush = [x for x in ends if abs(x - right) < 1.5]
    assert len(flush) / len(ends) > 0.6, (len(flush), len(ends))


def test_same_input_gives_identical_bytes(sample: Document, sample_pdf: bytes) -> None:
    again, _ = render(sample)
    assert again == sample_pdf


def test_cheaper_writing_gives_the_same_bytes(sample: Document, sample_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib

    import pydyf
    from weasyprint.pdf import fonts

    from docconv.renderers.pdf import renderer, writing

    originals = (pydyf.PDF.__dict__["write"], fonts.Font.__dict__["__init__"])
    with writing.cheaper_writing():
        # Every shortcut found the WeasyPrint and pydyf internals it relies on (an upgrade may remove them).
        patched = (pydyf.PDF.__dict__["write"], fonts.Font.__dict__["__init__"])
        assert all(new is not old for new, old in zip(patched, originals, strict=True))
        assert isinstance(fonts.Font.__dict__.get("file_content"), property)
    assert (pydyf.PDF.__dict__["write"], fonts.Font.__dict__["__init__"]) == originals
    assert "file_content" not in fonts.Font.__dict__
    monkeypatch.setattr(renderer, "cheaper_writing", contextlib.nullcontext)
    slow, _ = render(sample)
    assert slow == sample_pdf


def test_page_size_and_variants(sample: Document) -> None:
    small = Document(meta=sample.meta, blocks=sample.blocks[:3])
    letter, _ = render(small, page_size="Letter")
    box = pypdf.PdfReader(io.BytesIO(letter)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    pdfa, _ = render(small, pdf_variant="pdf/a-3b")
    xmp = pypdf.PdfReader(io.BytesIO(pdfa)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp or b"<pdfaid:part>3" in xmp
    ua, _ = render(small, pdf_variant="pdf/ua-1")
    assert "/StructTreeRoot" in pypdf.PdfReader(io.BytesIO(ua)).trailer["/Root"]
    with pytest.raises(docconv.errors.UsageError, match="unknown PDF variant"):
        render(small, pdf_variant="pdf/z-9")
    with pytest.raises(docconv.errors.UsageError, match="invalid page size"):
        render(small, page_size="A4; } body { color: red")


def test_missing_cjk_font_fails_clearly_and_writes_nothing(tmp_path: Path) -> None:
    config = tmp_path / "empty.conf"
    config.write_text('<?xml version="1.0"?><fontconfig></fontconfig>')
    target = tmp_path / "out.pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    result = subprocess.run(
        [sys.executable, "-m", "docconv", "convert", str(SAMPLE), "-o", str(target), "--offline"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3, result.stderr
    assert "fonts-noto-cjk" in result.stderr and "--font-dir" in result.stderr
    assert "U+" in result.stderr
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [config]


# ------------------------------------------------------------------------ other languages and shapes

MIXED_ZH = (
    """---
title: 测试文章
lang: zh-Hans
---

## 小节一

这是一段很长的测试文字——破折号在这里——用于检查排版……省略号也在这里。"""
    + "这是用来填满一整行的中文内容，" * 12
    + """

| 名称 | 数量 |
|:--|--:|
| 苹果 | 3 |

> 引用的一段话。

1. 第一项
2. 第二项

访问[我们的网站](https://example.com/about)了解更多，或再看[一次](https://example.com/about)。
"""
)


def test_chinese_markdown_with_table_list_quote_and_link_notes() -> None:
    doc = docconv.read(MIXED_ZH)
    data, _ = render(doc)
    text = pdftotext(data)
    assert "苹果" in text and "第二项" in text and "引用的一段话" in text
    assert text.count("https://example.com/about") == 1  # printed once, as a note
    assert "链接" in text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert not [line for line in lines if line.startswith("—") or line[0] in CLOSING]
    assert "测试文字——破折号在这里——用于" in "".join(text.split())


def test_long_dash_lines_never_start_with_the_dash() -> None:
    # Put —— at every possible line position: one paragraph per offset.
    paragraphs = "\n\n".join("中" * n + "——破折号" + "文" * 80 for n in range(30, 50))
    doc = docconv.read(f"---\ntitle: 破折号\nlang: zh-Hans\n---\n\n{paragraphs}\n")
    data, _ = render(doc)
    lines = [line.strip() for line in pdftotext(data).splitlines() if line.strip()]
    assert not [line for line in lines if line.startswith("—")]
    assert not [line for line in lines if line.endswith("—") and not line.endswith("——")]


@pytest.mark.parametrize(
    ("text", "lang", "font", "footer"),
    [
        (
            "---\ntitle: 繁體測試\nlang: zh-Hant\n---\n\n這是一個繁體中文的段落，說明臺灣的書寫習慣。\n",
            "zh-TW",
            "CJK-TC",
            "第 1 頁 / 共 1 頁",
        ),
        ("---\ntitle: 日本語\nlang: ja\n---\n\nこれは日本語の段落です。漢字とかなを含みます。\n", "ja", "CJK-JP", "1 / 1 ページ"),
        (
            "---\ntitle: English test\nlang: en\n---\n\nA plain English paragraph with a [link](https://example.org/x).\n",
            "en",
            "",
            "Page 1 of 1",
        ),
    ],
)
def test_other_languages(text: str, lang: str, font: str, footer: str, tmp_path: Path) -> None:
    data, _ = render(docconv.read(text))
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert squeeze(footer) in squeeze(pdftotext(data))
    names = [row[0] for row in pdffonts(data, tmp_path)]
    if font:
        assert any(font in n for n in names), names
    else:
        assert not any("CJK" in n for n in names), names


# ------------------------------------------------------------------------ images and resource safety

PNG = None


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_images_come_only_from_the_media_store(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = docconv.read(
        '---\ntitle: 图片\nlang: zh-Hans\n---\n\n前文。\n\n![一张图](https://example.com/a.png "图注")\n\n![丢失的图](https://example.com/b.png)\n'
    )
    png = _png(3000, 800)

    def image(
        self: Any, url: str, *, base_url: str | None = None, referer: str | None = None, where: str | None = None
    ) -> Media | None:
        return Media(url, png, "image/png", 3000, 800) if url.endswith("a.png") else None

    monkeypatch.setattr("docconv.resources.media.MediaStore.image", image)
    context = RenderContext(Options(offline=True), Reporter())
    html, _resources = pdf_html(docconv.binder.single(doc), context)
    assert 'src="docconv-media:1"' in html and "example.com/a.png" not in html
    data = docconv.render(doc, "pdf", context=context).data
    text = pdftotext(data)
    assert "[图片：丢失的图]" in text and "图注" in text
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    images = list(page.images)
    assert len(images) == 1
    # Fitted to the text width: A4 minus 2 × 20 mm margins = 170 mm (WeasyPrint draws in CSS px).
    content = page.get_contents().get_data().decode("latin-1")
    widths = [float(w) for w in re.findall(r"q\s+([\d.]+) 0 0 [\d.-]+ [\d.-]+ [\d.-]+ cm\s+/\w+ Do", content)]
    assert widths and max(widths) <= 642.6, widths  # CSS px: 170 mm = 642.5 px


def test_fetcher_refuses_everything_but_media() -> None:
    fetcher = MediaFetcher({"docconv-media:1": (b"x", "image/png")})
    assert fetcher.fetch("docconv-media:1").read() == b"x"
    for url in ("file:///etc/passwd", "http://127.0.0.1/x.png", "https://example.com/a.css", "data:text/plain,hi"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_user_stylesheet_cannot_fetch(tmp_path: Path) -> None:
    css = tmp_path / "evil.css"
    css.write_text('body { background: url("file:///etc/hostname"); } @import url("http://127.0.0.1:9/x.css");')
    doc = docconv.read("---\ntitle: t\nlang: en\n---\n\nHello.\n")
    data, reporter = render(doc, stylesheets=(css,))
    assert data.startswith(b"%PDF")
    assert any(d.code in ("pdf-resource-refused", "pdf-engine") for d in reporter.diagnostics)


# ------------------------------------------------------------------------ briefing packets


@pytest.fixture(scope="module")
def packet_pdf(sample: Document) -> tuple[bytes, docconv.model.Packet]:
    english = docconv.read(
        "---\ntitle: An English article\nauthor: Jane Roe\ndate: 2024-03-01\nsource: https://example.org/news/1\nlang: en\n---\n\n"
        + "## Background\n\n"
        + "Some English text that runs for a while. " * 40
        + "\n"
    )
    traditional = docconv.read(
        "---\ntitle: 繁體文章\nlang: zh-Hant\nsource: https://example.org/tw\n---\n\n## 背景\n\n這是繁體中文的內容。" * 1 + "\n"
    )
    packet = docconv.bind([sample, english, traditional], {"title": "今日简报", "subtitle": "测试", "organisation": "编辑部"})
    packet = dataclasses.replace(packet, omitted=(Omission(origin="broken.html", reason="no readable content"),))
    data, _ = render(packet, duplex=True)
    return data, packet


def test_packet_cover_contents_and_real_page_numbers(packet_pdf: tuple[bytes, Any]) -> None:
    data, packet = packet_pdf
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [pdftotext(data, "-f", str(n), "-l", str(n)) for n in range(1, len(reader.pages) + 1)]
    assert "今日简报" in pages[0] and "共 3 篇文章" in pages[0] and "第 1 页" not in pages[0]
    assert "目录" in pages[1]
    for document in packet.documents:
        title = document.meta.title[:12]
        match = re.search(re.escape(title) + r"[^\n]*?(\d+)\s*$", pages[1].replace("\u2060", ""), re.MULTILINE)
        if match is None:  # a long title wraps; the number ends its last line
            start = pages[1].index(title)
            match = re.search(r"(\d+)\s*$", pages[1][start:].split("\n\n")[0].strip(), re.MULTILINE)
        assert match is not None, title
        page_number = int(match.group(1))
        assert page_number % 2 == 1  # duplex: right-hand pages
        assert title in pages[page_number - 1]
    assert "未收录的文章" in pages[-1] and "broken.html" in pages[-1]
    for number, text in enumerate(pages[1:], start=2):
        if text.strip():
            assert f"第{number}页/共{len(pages)}页" in squeeze(text)


def test_packet_outline_is_nested(packet_pdf: tuple[bytes, Any]) -> None:
    data, packet = packet_pdf
    titles = outline_titles(pypdf.PdfReader(io.BytesIO(data)))
    assert titles[0] == (0, "今日简报")
    depth_of = dict((t, d) for d, t in titles)
    for document in packet.documents:
        assert depth_of[document.meta.title] == 1
    assert depth_of["Background"] == 2 and depth_of["背景"] == 2


def test_packet_has_qr_codes_and_sources(packet_pdf: tuple[bytes, Any]) -> None:
    data, packet = packet_pdf
    context = RenderContext(Options(offline=True), Reporter())
    html, _ = pdf_html(packet, context)
    assert html.count("<svg") == 2  # the two articles with a source URL
    assert "https://example.org/news/1" in pdftotext(data)
    no_qr, _ = pdf_html(packet, RenderContext(Options(offline=True, qr_codes=False), Reporter()))
    assert "<svg" not in no_qr


_INTERRUPTED_LAYOUT = """
import signal
import cffi.model
import docconv

original = cffi.model.StructOrUnion.finish_backend_type


def interrupted(self, ffi, finishlist):
    # What a deadline's SIGALRM does when it lands while cffi lays out a struct on its first use.
    if self.completed == 0 and signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        self.completed = 1
        raise RuntimeError("the deadline fired mid-layout")
    return original(self, ffi, finishlist)


cffi.model.StructOrUnion.finish_backend_type = interrupted
document = docconv.read("<p>港口的渡轮 ferry timetable</p>".encode())
for attempt in range(2):
    try:
        print("written", docconv.render(document, "pdf").data[:5].decode())
    except Exception as error:
        print("failed", type(error).__name__)
"""


def test_a_deadline_cannot_leave_the_pdf_engine_half_built_for_the_next_render(tmp_path: Path) -> None:
    script = tmp_path / "interrupted.py"
    script.write_text(_INTERRUPTED_LAYOUT, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.stdout.split("\n")[:2] == ["written %PDF-", "written %PDF-"], result.stdout + result.stderr
