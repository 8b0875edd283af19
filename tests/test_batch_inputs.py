"""Batch inputs at archive scale: folders with globs, lists of inputs, WARC files, names for URLs."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import docconv
from docconv.batch import plan_names
from docconv.batch_inputs import Input, archive_articles, expand, read_list
from tests.epubcheck_helpers import check_books
from tests.test_cli import run
from tests.warc_helpers import news_page, write_warc

HTML = "text/html; charset=utf-8"


def touch(path: Path, text: str = "# t\n\nbody.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(inputs: list[Input], root: Path) -> list[str]:
    return [Path(i.source).relative_to(root).as_posix() for i in inputs]


def test_a_folder_is_every_article_file_under_it_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for name in ("b.html", "a.md", "sub/c.txt", "sub/deeper/d.markdown", "drafts/e.md", "logo.png", "style.css"):
        touch(root / name)
    touch(root / ".hidden.md")
    touch(root / ".git" / "f.md")
    touch(root / "out" / "old.md")  # the output folder inside the input folder is never read back
    found = expand([str(root)], skip=root / "out")
    assert names(found, root) == ["a.md", "b.html", "drafts/e.md", "sub/c.txt", "sub/deeper/d.markdown"]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for name in ("a.md", "b.html", "drafts/c.md", "news/d.md", "news/2024/e.md", "data.json"):
        touch(root / name)
    assert names(expand([str(root)], include=["*.md"]), root) == ["a.md", "drafts/c.md", "news/2024/e.md", "news/d.md"]
    assert names(expand([str(root)], include=["*.md"], exclude=["drafts/*"]), root) == ["a.md", "news/2024/e.md", "news/d.md"]
    # A glob with a slash is matched against the path from the folder; ``*`` crosses folders, like a shell's ``**``.
    assert names(expand([str(root)], include=["news/*"]), root) == ["news/2024/e.md", "news/d.md"]
    assert names(expand([str(root)], include=["*.json"]), root) == ["data.json"]  # include names what the default would skip


def test_a_list_skips_blank_lines_and_comments() -> None:
    listed = read_list(io.StringIO("a.md\n\n  # a comment\n  https://example.org/x  \nb.html\n"))
    assert listed == ["a.md", "https://example.org/x", "b.html"]


def test_from_list_file_and_stdin_with_the_command_line_inputs(tmp_path: Path) -> None:
    first = touch(tmp_path / "first.md", "# First\n\nOne.\n")
    second = touch(tmp_path / "in" / "second.md", "# Second\n\nTwo.\n")
    third = touch(tmp_path / "third.md", "# Third\n\nThree.\n")
    listing = tmp_path / "list.txt"
    listing.write_text(f"# inputs\n{second}\n\n{tmp_path / 'in'}\n", encoding="utf-8")  # a file and a folder
    code, _, err = run("convert", str(first), "--from-list", str(listing), "-o", f"{tmp_path / 'out'}/", "-t", "md", "--offline")
    assert code == 0, err
    # The folder repeats second.md: named twice, converted twice, under two names.
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == ["first.md", "second-2.md", "second.md"]
    code, _, err = run(
        "convert", "--from-list", "-", "-o", f"{tmp_path / 'out2'}/", "-t", "md", "--offline", input=f"{third}\n".encode()
    )
    assert code == 0, err
    assert [p.name for p in (tmp_path / "out2").glob("*.md")] == ["third.md"]
    code, _, err = run("convert", "--from-list", "-", "-", "-o", f"{tmp_path / 'out3'}/", "-t", "md", input=b"x.md\n")
    assert code == 2 and "stdin" in err


def test_no_input_at_all_is_a_usage_error() -> None:
    code, _, err = run("convert", "-o", "out/")
    assert code == 2 and "--from-list" in err


def test_urls_that_suggest_the_same_name_get_their_own_digests() -> None:
    urls = ["https://a.example/news/index.html", "https://b.example/index.html", "https://c.example/story.html"]
    first = plan_names(urls)
    assert first[2] == "story" and first[0].startswith("index-") and first[1].startswith("index-") and first[0] != first[1]
    # The same URL keeps its name whatever the order and whatever else the batch holds.
    assert plan_names(list(reversed(urls)))[::-1] == first
    assert plan_names([*urls, "https://d.example/index"])[:3] == first
    # The same URL twice still gets two names.
    twice = plan_names([urls[0], urls[0]])
    assert len(set(twice)) == 2


def responses() -> list[tuple[str, bytes, str, str]]:
    dated = '<meta property="article:published_time" content="2020-01-02T03:04:05+00:00">'
    return [
        ("https://news.example/2023/first/index.html", news_page("First story"), "200 OK", HTML),
        ("https://news.example/2023/second/index.html", news_page("Second story", head=dated), "200 OK", HTML),
        ("https://news.example/gone", b"<html><body>gone</body></html>", "404 Not Found", HTML),
        ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n", "200 OK", "image/png"),
        ("https://news.example/feed.json", b'{"a": 1}', "200 OK", "application/json"),
        ("https://other.example/article.php?id=3", news_page("第三个故事", lang="zh-CN"), "200 OK", "text/html; charset=gb2312"),
    ]


def test_a_warc_file_holds_one_article_per_html_response(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc"
    write_warc(archive, responses())
    found = archive_articles(archive)
    assert [a.source for a in found] == [
        "https://news.example/2023/first/index.html",
        "https://news.example/2023/second/index.html",
        "https://other.example/article.php?id=3",
    ]
    assert all(a.record is not None and a.record.date == "2023-04-05T06:07:08Z" for a in found)


@pytest.mark.slow
def test_a_warc_gz_gives_each_article_in_every_format(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, responses())
    out = tmp_path / "out"
    code, _, err = run("convert", str(archive), "-o", f"{out}/", "-t", "md,epub,pdf", "--offline", "--jobs", "2")
    assert code == 0, err
    stems = sorted({p.stem for p in out.iterdir() if not p.name.startswith(".")})
    assert len(stems) == 3 and stems[0] == "article"  # the two index.html pages told apart by their URLs
    expected = {
        "First story": ("https://news.example/2023/first/index.html", "2023-04-05"),  # no date on the page: the capture's
        "Second story": ("https://news.example/2023/second/index.html", "2020-01-02"),  # the page's own date wins
        "第三个故事": ("https://other.example/article.php?id=3", "2023-04-05"),  # gb2312 from the HTTP header
    }
    seen = {}
    for stem in stems:
        document = docconv.read(out / f"{stem}.md", offline=True)
        assert document.meta.date is not None
        seen[document.meta.title] = (document.meta.source_url, document.meta.date.date().isoformat())
        with zipfile.ZipFile(out / f"{stem}.epub") as book:
            package = next(n for n in book.namelist() if n.endswith(".opf"))
            assert f">{document.meta.title}</dc:title>" in book.read(package).decode("utf-8")
        text = subprocess.run(["pdftotext", str(out / f"{stem}.pdf"), "-"], capture_output=True, check=True).stdout.decode()
        assert document.meta.title in text
    assert seen == expected
    verdicts = check_books({stem: out / f"{stem}.epub" for stem in stems}, tmp_path / "epubcheck")
    assert all(v.clean for v in verdicts.values()), verdicts


def test_a_damaged_warc_fails_alone(tmp_path: Path) -> None:
    archive = tmp_path / "broken.warc.gz"
    archive.write_bytes(b"\x1f\x8b\x08\x00garbage that is not a gzip member")
    good = touch(tmp_path / "good.md")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "docconv",
            "convert",
            str(archive),
            str(good),
            "-o",
            f"{tmp_path / 'out'}/",
            "-t",
            "md",
            "--offline",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1 and "broken.warc.gz" in completed.stderr
