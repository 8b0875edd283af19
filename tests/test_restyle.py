"""Restyling that wins: --css after every built-in and generated rule, @font-face from allowed folders,
the same CSS in the EPUB, --template-dir for EPUB, and `docconv theme --export`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docconv.renderers.usercss import UserSheet, font_files
from tests.conftest_epub import Epub
from tests.epubcheck_helpers import check_books
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "post_guancha_shanghai_soft_power.txt"
MIXED = ROOT / "fixtures" / "article_en_quotes_and_languages.html"
A5_SANS = "@page { size: A5 }\nbody { font-family: sans-serif }\n"


def pdffonts(path: Path) -> list[str]:
    """The PDF's font names without their subset prefixes (ABCDEF+)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return sorted(line.split()[0].split("+")[-1] for line in out.splitlines()[2:])


def page_size(path: Path) -> str:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Page size"))


@pytest.mark.slow
def test_css_sets_page_size_and_body_font_in_pdf_and_epub(tmp_path: Path) -> None:
    css = tmp_path / "a5.css"
    css.write_text(A5_SANS, encoding="utf-8")
    plain, styled, book = tmp_path / "plain.pdf", tmp_path / "styled.pdf", tmp_path / "styled.epub"
    assert run("convert", str(SAMPLE), "-o", str(plain), "--offline", "-q")[0] == 0
    code, _, err = run("convert", str(SAMPLE), "-o", str(styled), "-o", str(book), "--css", str(css), "--offline")
    assert code == 0, err
    assert page_size(plain).startswith("595.276 x 841.89")  # A4
    assert page_size(styled).startswith("419.528 x 595.276")  # A5
    # The body text's face: the serif without the stylesheet, the sans with it.
    assert "Noto-Serif-CJK-SC" in pdffonts(plain) and "Noto-Sans-CJK-SC" not in pdffonts(plain)
    assert "Noto-Sans-CJK-SC" in pdffonts(styled)
    epub = Epub(book.read_bytes())
    assert epub.read("css/user-1.css").decode() == A5_SANS
    for document in epub.documents():
        links = epub.xml(document).xpath("//*[local-name()='link']/@href")
        assert links[-1] == "css/user-1.css" and links[0] == "css/epub.css", document
    assert "epub-style-ignored" in err and "@page" in err  # said, not silently dropped
    verdict = check_books({"styled": book}, tmp_path / "check")["styled"]
    assert verdict.clean, str(verdict)
    # The book's own chapter laid out with its own stylesheets (a WebKit-like engine, as e-readers
    # use): the body text takes the sans face the user asked for, not the theme's per-language serif.
    chapter = tmp_path / "chapter.pdf"
    _lay_out(epub, "article-001.xhtml", chapter)
    faces = pdffonts(chapter)  # generic sans-serif: whichever regional Sans CJK fontconfig picks
    assert any(f.startswith("Noto-Sans-CJK") and not f.endswith("Bold") for f in faces), faces
    assert not any(f.startswith("Noto-Serif-CJK") for f in faces), faces
    plain_book = tmp_path / "plain.epub"
    assert run("convert", str(SAMPLE), "-o", str(plain_book), "--offline", "-q")[0] == 0
    _lay_out(Epub(plain_book.read_bytes()), "article-001.xhtml", chapter)
    assert "Noto-Serif-CJK-SC" in pdffonts(chapter)


def _lay_out(epub: Epub, document: str, output: Path) -> None:
    import weasyprint
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FromBook(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            return URLFetcherResponse(url, body=epub.read(url.removeprefix("book:")), headers={"Content-Type": "text/css"})

    xhtml = epub.read(document).decode("utf-8").replace('href="css/', 'href="book:css/')
    weasyprint.HTML(string=xhtml, url_fetcher=FromBook()).write_pdf(output)


@pytest.mark.slow
def test_user_rules_win_over_generated_heading_and_code_fonts(tmp_path: Path) -> None:
    css = tmp_path / "h.css"
    css.write_text('h1, h2 { font-family: "Noto Serif CJK SC", serif }\n', encoding="utf-8")
    out = tmp_path / "h.pdf"
    assert run("convert", str(SAMPLE), "-o", str(out), "--css", str(css), "--offline", "-q")[0] == 0
    assert not any(name.startswith("Noto-Sans-CJK-SC") for name in pdffonts(out))  # headings were the sans


@pytest.mark.slow
def test_an_empty_stylesheet_changes_no_font(tmp_path: Path) -> None:
    # With a user sheet the generated font rules take their yielding form; by themselves they choose the same faces.
    empty = tmp_path / "empty.css"
    empty.write_text("/* nothing */\n", encoding="utf-8")
    for source in (MIXED, ROOT / "fixtures" / "article_ja_shift_jis.html"):
        plain, styled = tmp_path / "plain.pdf", tmp_path / "styled.pdf"
        assert run("convert", str(source), "-o", str(plain), "--offline", "-q")[0] == 0
        assert run("convert", str(source), "-o", str(styled), "--css", str(empty), "--offline", "-q")[0] == 0
        assert pdffonts(plain) == pdffonts(styled), source.name


def _dejavu() -> Path:
    found = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], capture_output=True, text=True, check=False).stdout
    if "DejaVuSans" not in found:
        pytest.skip("DejaVu Sans is not installed")
    return Path(found)


@pytest.mark.slow
def test_font_face_from_an_allowed_folder(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(_dejavu(), fonts / "Mine.ttf")
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: Faces\nlanguage: en\n---\n\nA paragraph of English text.\n", encoding="utf-8")
    css = tmp_path / "face.css"
    css.write_text('@font-face { font-family: "Mine"; src: url(fonts/Mine.ttf) }\np { font-family: "Mine" }\n', encoding="utf-8")
    pdf, book = tmp_path / "a.pdf", tmp_path / "a.epub"
    code, _, err = run("convert", str(article), "-o", str(pdf), "-o", str(book), "--css", str(css), "--allow-dir", str(fonts))
    assert code == 0, err
    assert "Mine" in pdffonts(pdf)  # WeasyPrint names an @font-face font by its family
    epub = Epub(book.read_bytes())
    packed = [i.get("href") for i in epub.manifest() if i.get("media-type") == "font/ttf"]
    assert len(packed) == 1 and epub.read(packed[0]) == (fonts / "Mine.ttf").read_bytes()
    assert f'url("{packed[0].removeprefix("css/")}")' in epub.read("css/user-1.css").decode()
    verdict = check_books({"face": book}, tmp_path / "check")["face"]
    assert verdict.clean, str(verdict)
    # Not allowed: refused with a warning, and the PDF falls back to the theme's fonts.
    code, _, err = run("convert", str(article), "-o", str(tmp_path / "b.pdf"), "--css", str(css))
    assert code == 0 and "css-resource-refused" in err
    assert "Mine" not in pdffonts(tmp_path / "b.pdf")


def test_font_face_files_count_for_the_font_check(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    font = tmp_path / "fonts" / "F.otf"
    font.write_bytes(b"not really a font")
    sheet = UserSheet(tmp_path / "s.css", '@font-face { src: url("fonts/F.otf") }\nbody { background: url(fonts/F.otf) }')
    assert font_files([sheet], [tmp_path / "fonts"]) == (font.resolve(),)
    assert font_files([sheet], [tmp_path / "elsewhere"]) == ()


def test_theme_export_round_trips_and_template_dir_changes_the_page(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    code, out, err = run("theme", "--export", str(theme))
    assert code == 0, err
    names = sorted(p.name for p in theme.iterdir())
    assert names == sorted(
        ["print.css", "epub.css", "article.html.j2", "contents.html.j2", "cover.html.j2", "document.html.j2", "omitted.html.j2"]
    )
    assert len(out.splitlines()) == len(names)
    assert run("theme", "--export", str(theme))[0] == 2  # never replaces without --force
    plain, same = tmp_path / "plain.html", tmp_path / "same.html"
    assert run("convert", str(SAMPLE), "-o", str(plain), "--offline", "-q")[0] == 0
    assert run("convert", str(SAMPLE), "-o", str(same), "--template-dir", str(theme), "--offline", "-q")[0] == 0
    assert plain.read_bytes() == same.read_bytes()
    article = theme / "article.html.j2"
    article.write_text(article.read_text(encoding="utf-8").replace('class="article"', 'class="article mine"'), encoding="utf-8")
    (theme / "print.css").write_text("body { color: navy }\n", encoding="utf-8")
    (theme / "epub.css").write_text("body { color: teal }\n", encoding="utf-8")
    changed, book = tmp_path / "changed.html", tmp_path / "changed.epub"
    code, _, err = run("convert", str(SAMPLE), "-o", str(changed), "-o", str(book), "--template-dir", str(theme), "--offline")
    assert code == 0, err
    html = changed.read_text(encoding="utf-8")
    assert 'class="article mine"' in html and "body { color: navy }" in html
    assert Epub(book.read_bytes()).read("css/epub.css") == b"body { color: teal }\n"
    assert "epub-style-ignored" in err and "article.html.j2" in err
