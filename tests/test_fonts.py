"""Font discovery, per-language families, coverage checks and `docconv fonts`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docconv import fonts
from docconv.cli import main
from docconv.errors import FontCoverageError


@pytest.fixture
def no_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "empty.conf"
    config.write_text('<?xml version="1.0"?><fontconfig></fontconfig>')
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    return tmp_path


def test_font_file_for_simplified_chinese_body_is_the_sc_serif_face() -> None:
    face = fonts.font_file("zh-Hans", "body")
    assert face.family == "Noto Serif CJK SC"
    assert face.path.is_file()
    assert face.path.suffix.lower() in (".ttc", ".otf", ".ttf")
    from fontTools.ttLib import TTFont

    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    assert "Noto Serif CJK SC" in font["name"].getDebugName(1)
    assert ord("软") in font.getBestCmap()


@pytest.mark.parametrize(
    ("language", "role", "family"),
    [
        ("zh-Hans", "heading", "Noto Sans CJK SC"),
        ("zh-Hant", "body", "Noto Serif CJK TC"),
        ("zh-HK", "body", "Noto Serif CJK HK"),
        ("ja", "body", "Noto Serif CJK JP"),
        ("zh", "body", "Noto Serif CJK SC"),
    ],
)
def test_families_per_language(language: str, role: str, family: str) -> None:
    assert fonts.font_file(language, role).family == family
    assert fonts.family_stack(language, role)[0] == family


def test_cjk_stack_puts_the_cjk_face_first_and_ends_generic() -> None:
    stack = fonts.family_stack("zh-Hans", "body")
    assert stack[0] == "Noto Serif CJK SC" and stack[-1] == "serif"
    english = fonts.family_stack("en", "body")
    assert "CJK" not in english[0] and any("CJK" in f for f in english)
    with pytest.raises(ValueError):
        fonts.font_file("zh-Hans", "decorative")


def test_coverage_of_installed_fonts() -> None:
    assert fonts.missing_characters("中文English，。“”——…… \u2060\u200b") == []
    fonts.check_coverage("厚植城市精神")


def test_no_fonts_names_missing_characters_and_the_fix(no_fonts: Path) -> None:
    assert set(fonts.missing_characters("软实力")) == set("软实力")
    with pytest.raises(FontCoverageError) as caught:
        fonts.check_coverage("软实力", where="post.txt")
    message = str(caught.value)
    assert "软 (U+8F6F)" in message and "fonts-noto-cjk" in message and "--font-dir" in message
    assert message.startswith("post.txt: ")
    assert caught.value.exit_code == 3
    with pytest.raises(FontCoverageError):
        fonts.font_file("zh-Hans", "body")


def test_font_dirs_add_fonts(no_fonts: Path) -> None:
    folder = no_fonts / "fonts"
    folder.mkdir()
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("DejaVu Sans not installed")
    shutil.copy(dejavu, folder)
    assert fonts.missing_characters("Abc", (folder,)) == []
    assert fonts.missing_characters("Abc") == ["A", "b", "c"]
    assert fonts.font_file("en", "heading", font_dirs=(folder,)).family == "DejaVu Sans"


def test_docconv_fonts_command() -> None:
    result = CliRunner().invoke(main, ["fonts"])
    assert result.exit_code == 0, result.output
    assert "Simplified Chinese (zh-CN)" in result.output
    assert "Noto Serif CJK SC" in result.output


def test_docconv_fonts_command_without_fonts(no_fonts: Path) -> None:
    result = CliRunner().invoke(main, ["fonts"])
    assert "MISSING" in result.output and "fonts-noto-cjk" in result.output


def test_docconv_fonts_check_and_font_dir(no_fonts: Path) -> None:
    result = CliRunner().invoke(main, ["fonts", "--check", "软"])
    assert result.exit_code == 3 and "软 (U+8F6F)" in result.output
    folder = no_fonts / "more"
    folder.mkdir()
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("DejaVu Sans not installed")
    shutil.copy(dejavu, folder)
    result = CliRunner().invoke(main, ["fonts", "--font-dir", str(folder), "--check", "Abc"])
    assert result.exit_code == 0 and "every character is covered" in result.output
    assert "from --font-dir" in result.output
