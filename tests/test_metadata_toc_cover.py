"""--metadata, --toc/--no-toc, --cover and --list-output-formats."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.conftest_epub import Epub
from tests.epubcheck_helpers import check_books
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "post_guancha_shanghai_soft_power.txt"
TABLE = ROOT / "fixtures" / "article_with_table.html"


def front_matter(markdown: str) -> dict[str, object]:
    return yaml.safe_load(markdown.split("---\n")[1])  # type: ignore[no-any-return]


def test_list_output_formats() -> None:
    code, out, _ = run("--list-output-formats")
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()}
    assert rows["markdown"] == ["md", ".md", ".markdown"] and rows["pdf"] == [".pdf"] and "epub" in rows


def test_metadata_overrides_the_articles(tmp_path: Path) -> None:
    args = ["-M", "title=新的标题", "-M", "author=甲", "-M", "author=乙", "-M", "date=2024-05-06T08:00:00+08:00"]
    args += ["--metadata", "language=zh-Hant", "-M", "source=https://example.org/a", "-M", "mood=calm"]
    code, out, err = run("convert", str(SAMPLE), "-t", "md", "-o", "-", "--offline", *args)
    assert code == 0, err
    meta = front_matter(out)
    assert meta["title"] == "新的标题" and meta["authors"] == ["甲", "乙"] and meta["mood"] == "calm"
    assert meta["lang"] == "zh-Hant" and meta["source"] == "https://example.org/a"
    assert str(meta["date"]).startswith("2024-05-06T08:00:00+08:00")


@pytest.mark.parametrize("value", ["date=someday", "no-equals-sign", "=value"])
def test_bad_metadata_is_a_usage_error(value: str) -> None:
    code, _, err = run("convert", "no-such-input.md", "-o", "x.md", "-M", value)
    assert code == 2 and "--metadata" in err and "no-such-input" not in err


def test_metadata_for_a_packet(tmp_path: Path) -> None:
    code, out, err = run(
        "packet", str(SAMPLE), str(TABLE), "-M", "title=元数据标题", "-M", "notice=内部", "-t", "md", "-o", "-", "--offline"
    )
    assert code == 0, err
    assert front_matter(out)["title"] == "元数据标题" and front_matter(out)["notice"] == "内部"
    code, _, err = run("packet", str(SAMPLE), "--title", "T", "-M", "author=甲", "-o", str(tmp_path / "p.md"))
    assert code == 2 and "does not apply to a packet" in err


def _contents_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="contents".*?</nav>', html, re.S)
    return re.findall(r'href="#([^"]+)"', nav.group(0)) if nav else []


def test_toc_for_a_single_article_and_none_for_a_packet(tmp_path: Path) -> None:
    single, with_toc = tmp_path / "single.html", tmp_path / "toc.html"
    assert run("convert", str(SAMPLE), "-o", str(single), "--offline", "-q")[0] == 0
    assert run("convert", str(SAMPLE), "-o", str(with_toc), "--toc", "--offline", "-q")[0] == 0
    assert _contents_links(single.read_text(encoding="utf-8")) == []
    html = with_toc.read_text(encoding="utf-8")
    links = _contents_links(html)
    assert len(links) >= 3 and all(f'id="{link}"' in html for link in links)
    packet, bare = tmp_path / "packet.html", tmp_path / "bare.html"
    for output, flags in ((packet, []), (bare, ["--no-toc"])):
        code, _, err = run("packet", str(SAMPLE), str(TABLE), "--title", "简报", "-o", str(output), "--offline", "-q", *flags)
        assert code == 0, err
    assert len(_contents_links(packet.read_text(encoding="utf-8"))) == 2
    assert _contents_links(bare.read_text(encoding="utf-8")) == []
    code, out, _ = run("packet", str(SAMPLE), str(TABLE), "--title", "简报", "-t", "md", "-o", "-", "--offline", "--no-toc")
    assert code == 0 and "\n# 目录\n" not in out and "\n1. [" not in out


def _cover_image(tmp_path: Path) -> Path:
    path = tmp_path / "cover.png"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (20, 90, 160)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.slow
def test_cover_and_toc_in_epub_and_pdf(tmp_path: Path) -> None:
    cover = _cover_image(tmp_path)
    single, packet = tmp_path / "single.epub", tmp_path / "packet.epub"
    pdf = tmp_path / "single.pdf"
    code, _, err = run(
        "convert", str(SAMPLE), "-o", str(single), "-o", str(pdf), "--cover", str(cover), "--toc", "--offline", "-q"
    )
    assert code == 0, err
    code, _, err = run(
        "packet", str(SAMPLE), str(TABLE), "--title", "简报", "-o", str(packet), "--no-toc", "--cover", str(cover), "--offline"
    )
    assert code == 0, err
    for book in (Epub(single.read_bytes()), Epub(packet.read_bytes())):
        (item,) = book.item(properties="cover-image")
        assert Image.open(io.BytesIO(book.read(item.get("href")))).size == (60, 80)
        assert book.spine()[0] == "cover.xhtml"
    assert "nav.xhtml" in Epub(single.read_bytes()).spine()  # --toc: the contents is a page of the book
    assert "nav.xhtml" not in Epub(packet.read_bytes()).spine()  # --no-toc
    verdicts = check_books({"single": single, "packet": packet}, tmp_path / "check")
    assert all(v.clean for v in verdicts.values()), {k: str(v) for k, v in verdicts.items()}
    images = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"\s60\s+80\s", images.stdout), images.stdout  # the cover image, on the first page
    page2 = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert "目录" in page2.stdout
