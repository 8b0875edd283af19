"""Warnings a person can act on: each names its article, once per packet however many formats, in
document order, and a summary counts them by code."""

from __future__ import annotations

from pathlib import Path

from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "fixtures" / "post_guancha_shanghai_soft_power.txt"  # six remote images
SECOND = ROOT / "fixtures" / "article_with_figure_captions.html"  # four remote images


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("docconv: warning: ")]


def test_packet_warnings_name_their_article_once_in_document_order(tmp_path: Path) -> None:
    outputs = [arg for ext in ("md", "epub", "html") for arg in ("-o", str(tmp_path / f"p.{ext}"))]
    code, _, err = run("packet", str(FIRST), str(SECOND), "--title", "简报", *outputs, "--offline")
    assert code == 0, err
    warnings = _warnings(err)
    assert len(warnings) == len(set(warnings)) == 10  # once, not once per format
    origins = [w.split("] ", 1)[1].split(": ", 1)[0] for w in warnings]
    assert origins == [str(FIRST)] * 6 + [str(SECOND)] * 4  # named, in document order
    assert err.rstrip().splitlines()[-1] == "docconv: 10 warnings: 10 image-offline"


def test_strict_names_the_first_articles_first_warning(tmp_path: Path) -> None:
    code, _, err = run(
        "packet", str(SECOND), str(FIRST), "--title", "简报", "-o", str(tmp_path / "p.html"), "--offline", "--strict"
    )
    assert code == 7
    assert "first: [image-offline]" in err and "ejina-01.jpg" in err


def test_summary_counts_by_code(tmp_path: Path) -> None:
    code, _, err = run("packet", str(FIRST), str(FIRST), "--title", "简报", "-o", str(tmp_path / "p.html"), "--offline")
    assert code == 0
    assert err.rstrip().splitlines()[-1] == "docconv: 7 warnings: 6 image-offline, 1 duplicate-article"
    code, _, err = run("packet", str(FIRST), "--title", "简报", "-o", str(tmp_path / "q.html"), "--offline", "-q")
    assert code == 0 and err == ""
