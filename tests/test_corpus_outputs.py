"""Every corpus fixture converts to PDF and EPUB, its text survives in both, and EPUBCheck is clean.

One module-scoped render per fixture and format; EPUBCheck runs once over all the books. Offline:
the fixtures' images live on example domains, so every image becomes its described placeholder.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import docconv
from docconv.diagnostics import Reporter
from docconv.options import Options
from docconv.renderers.base import RenderContext
from tests.epubcheck_helpers import Verdict, check_books
from tests.test_corpus import IDS, article_texts, read_case

pytestmark = pytest.mark.slow
OPTIONS = Options(offline=True)


def squash(text: str) -> str:
    """Compared without spaces, soft hyphens or hyphens (pdftotext joins words hyphenated at a line end)."""
    text = unicodedata.normalize("NFKC", text).replace("\u2015", "\u2014")  # fonts map the em dash either way
    return re.sub(r"[\s\u200b\u2060\u00ad\-\u2010]+", "", text)


_PAGE_FOOTER = re.compile(r"^\s*(第\s*\d+\s*页\s*/\s*共\s*\d+\s*页|Page \d+ of \d+|\d+\s*/\s*\d+|\d+)\s*$")


def without_page_furniture(text: str, title: str) -> str:
    """PDF text without running heads (the title) and page numbers, which interrupt paragraphs at page breaks."""
    pages = text.split("\f")
    kept: list[str] = []
    for number, page in enumerate(pages):
        lines = page.split("\n")
        if number > 0:
            while lines and (
                not lines[0].strip() or squash(title).startswith(squash(lines[0])) or squash(lines[0]) in squash(title)
            ):
                lines.pop(0)
        while lines and (not lines[-1].strip() or _PAGE_FOOTER.match(lines[-1])):
            lines.pop()
        kept.extend(lines)
    return "\n".join(kept)


def render(name: str, fmt: str) -> bytes:
    return docconv.render(read_case(name)[0], fmt, context=RenderContext(OPTIONS, Reporter())).data


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("corpus-outputs")
    paths: dict[str, dict[str, Path]] = {}
    for name in IDS:
        paths[name] = {}
        for fmt in ("pdf", "epub"):
            path = folder / f"{Path(name).stem}.{fmt}"
            path.write_bytes(render(name, fmt))
            paths[name][fmt] = path
    return paths


@pytest.fixture(scope="module")
def verdicts(outputs: dict[str, dict[str, Path]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verdict]:
    books = {Path(name).stem: files["epub"] for name, files in outputs.items()}
    return check_books(books, tmp_path_factory.mktemp("epubcheck"))


@cache
def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, timeout=120)
    return result.stdout.decode("utf-8")


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        pages = [n for n in book.namelist() if n.endswith((".xhtml", ".html")) and not n.endswith("nav.xhtml")]
        return "\n".join(BeautifulSoup(book.read(n), "lxml").get_text() for n in pages)


def missing(name: str, text: str) -> list[str]:
    """Article texts not found; a PDF's link footnote markers split a paragraph after each link text."""
    haystack = re.sub(r"(?<=[^\d])\d{1,2}(?=[^\d])", "", squash(text))
    lost = []
    for expected in article_texts(read_case(name)[0].blocks):
        if squash(expected) in squash(text):
            continue
        if re.sub(r"(?<=[^\d])\d{1,2}(?=[^\d])", "", squash(expected)) not in haystack:
            lost.append(expected)
    return lost


@pytest.mark.parametrize("name", IDS)
def test_pdf_keeps_every_paragraph(name: str, outputs: dict[str, dict[str, Path]]) -> None:
    path = outputs[name]["pdf"]
    assert path.read_bytes().startswith(b"%PDF-")
    title = read_case(name)[0].meta.title
    text = pdf_text(path)
    assert squash(title) in squash(text)
    assert not missing(name, without_page_furniture(text, title))


@pytest.mark.parametrize("name", IDS)
def test_epub_keeps_every_paragraph(name: str, outputs: dict[str, dict[str, Path]]) -> None:
    assert not missing(name, epub_text(outputs[name]["epub"]))


@pytest.mark.parametrize("name", IDS)
def test_epubcheck_is_clean(name: str, verdicts: dict[str, Verdict]) -> None:
    verdict = verdicts[Path(name).stem]
    assert verdict.clean, str(verdict)
