"""Every option value is checked before any input is read: exit 2, one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docconv.errors import UsageError
from docconv.validation import PAGE_SIZES, PDF_VARIANTS, check_page_size, check_pdf_variant
from tests.test_cli import run


def test_the_lists_are_weasyprints() -> None:
    from weasyprint.css.computed_values import PAGE_SIZES as ENGINE_SIZES
    from weasyprint.pdf import VARIANTS

    assert set(ENGINE_SIZES) == PAGE_SIZES
    assert set(VARIANTS) - {"debug"} == PDF_VARIANTS


@pytest.mark.parametrize("value", ["A4", "a5", "A5 landscape", "portrait letter", "JIS-B5", "148mm 210mm", "6in", "landscape"])
def test_page_sizes_css_accepts(value: str) -> None:
    assert check_page_size(value) == value.strip()


@pytest.mark.parametrize("value", ["foo", "A4; } body { color: red", "0mm", "A4 A5", "", "10", "A4 landscape portrait", "12em"])
def test_page_sizes_css_refuses(value: str) -> None:
    with pytest.raises(UsageError, match="invalid page size"):
        check_page_size(value)


def test_pdf_variants() -> None:
    assert check_pdf_variant(" PDF/UA-1 ") == "pdf/ua-1"
    assert check_pdf_variant(None) is None
    with pytest.raises(UsageError, match="pdf/a-3b"):
        check_pdf_variant("pdf/zz")


def test_checking_never_imports_weasyprint() -> None:
    code = (
        "import sys; from docconv.validation import check_options; from docconv.options import Options;"
        "check_options(Options(page_size='A5', pdf_variant='pdf/ua-1')); print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


MISSING = "no-such-article.md"  # reading it would fail with exit 1: exit 2 proves nothing was read


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["convert", MISSING, "-o", "x.pdf", "--page-size", "foo"], "invalid page size 'foo'"),
        (["convert", MISSING, "-o", "x.pdf", "--pdf-variant", "pdf/zz"], "unknown PDF variant 'pdf/zz'"),
        (["convert", MISSING, "-o", "x.md", "--no-transform", "nosuch"], "unknown transform nosuch"),
        (["convert", MISSING, "-o", "x.md", "-t", "docx"], "unknown format 'docx'"),
        (["convert", MISSING, "-o", "x.md", "--limit", "nosuch=1"], "unknown limit"),
        (["convert", MISSING, "-o", "x.md", "--frobnicate"], "No such option '--frobnicate'"),
        (["packet", MISSING, "-o", "x.md"], "a packet needs a title"),
        (["packet", MISSING, "-o", "x.md", "--title", "T", "--date", "someday"], "is not a date"),
        (["packet", MISSING, "-o", "x.md", "--title", "T", "--page-size", "A4 A5"], "invalid page size"),
        (["packet", MISSING, "-o", "x.md", "--title", "T", "-t", "pdf,epub"], "one format"),
    ],
)
def test_a_bad_value_is_exit_2_in_one_line_before_any_input_is_read(
    args: list[str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(*args)
    assert code == 2, err
    assert err.startswith("docconv: error: ") and len(err.strip().splitlines()) == 1, err
    assert says in err and MISSING not in err
    assert list(tmp_path.iterdir()) == []


def _manifest(tmp_path: Path, extra: str) -> Path:
    manifest = tmp_path / "packet.yaml"
    manifest.write_text(f"title: 简报\narticles:\n  - {MISSING}\n{extra}", encoding="utf-8")
    return manifest


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ("duplex: true\n", "unknown manifest key 'duplex' (known: title, subtitle"),
        ("options: {duplx: true}\n", "unknown option(s) in manifest: duplx (known:"),
        ("options: {page_size: foo}\n", "invalid page size 'foo'"),
        ("order: newest\n", "order 'newest' is not one of as-given, date"),
    ],
)
def test_a_bad_manifest_is_exit_2_before_any_article_is_read(extra: str, says: str, tmp_path: Path) -> None:
    code, _, err = run("packet", str(_manifest(tmp_path, extra)), "-o", str(tmp_path / "x.md"))
    assert code == 2, err
    assert says in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.md").exists()


def test_a_bad_article_entry_key_is_named(tmp_path: Path) -> None:
    manifest = tmp_path / "packet.yaml"
    manifest.write_text("title: T\narticles:\n  - {file: a.md}\n", encoding="utf-8")
    code, _, err = run("packet", str(manifest), "-o", str(tmp_path / "x.md"))
    assert code == 2 and "unknown manifest article key 'file' (known: path, url)" in err
