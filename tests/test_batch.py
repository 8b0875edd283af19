"""Batch conversion into a folder: real conversions across worker processes, names, failures, no overwriting."""

from __future__ import annotations

import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import docconv
from docconv.batch import base_name, plan_names
from docconv.batch_journal import JOURNAL_NAME
from tests.conftest import FIXTURES
from tests.test_cli import run

ARTICLES = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".html", ".md", ".txt"})


def outputs(folder: Path) -> list[Path]:
    """What a batch wrote into its folder, without its journal."""
    return [p for p in folder.iterdir() if p.name != JOURNAL_NAME]


def has_renderer(name: str) -> bool:
    from docconv.registry import get_renderer

    try:
        get_renderer(name)
    except Exception:
        return False
    return True


def test_fixtures_are_there() -> None:
    assert len(ARTICLES) >= 10


@pytest.fixture(scope="module")
def markdown_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    out = tmp_path_factory.mktemp("batch") / "out"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "docconv",
            "convert",
            *map(str, ARTICLES),
            "-o",
            f"{out}/",
            "-t",
            "md",
            "--jobs",
            "2",
            "--offline",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return out, completed.returncode, completed.stderr


def test_batch_to_markdown_with_two_workers(markdown_batch: tuple[Path, int, str]) -> None:
    out, code, err = markdown_batch
    assert code == 0, err
    assert sorted(p.name for p in outputs(out)) == sorted(f"{p.stem}.md" for p in ARTICLES)
    for article in ARTICLES:
        written = out / f"{article.stem}.md"
        assert written.read_text(encoding="utf-8").startswith("---\n"), article.name
        assert docconv.read(written, offline=True).blocks, article.name  # parses back into a non-empty document
    total = len(ARTICLES)
    assert err.strip().splitlines()[-1].startswith(f"docconv: {total} of {total} converted ({total} files), 0 failed, ")
    assert not list(out.glob(".*.part"))


def test_batch_output_equals_single_file_conversion(markdown_batch: tuple[Path, int, str], tmp_path: Path) -> None:
    out, _, _ = markdown_batch
    for article in ARTICLES[:3]:
        single = tmp_path / f"{article.stem}.md"
        code, _, err = run("convert", "--offline", str(article), "-o", str(single))
        assert code == 0, err
        assert (out / single.name).read_bytes() == single.read_bytes()


def test_warnings_print_like_single_file_path_in_input_order(markdown_batch: tuple[Path, int, str]) -> None:
    _, _, err = markdown_batch
    lines = [line for line in err.splitlines() if line.startswith("docconv: warning: [")]
    assert lines, err
    places = [line.split("] ", 1)[1].split(": ", 1)[0] for line in lines]
    order = [str(p) for p in ARTICLES]
    positions = [order.index(place) for place in places if place in order]
    assert positions == sorted(positions)  # deterministic, whatever order the workers finished in
    summary = err.strip().splitlines()[-1]
    assert summary.endswith(f"{len(lines)} warning(s)")


def test_a_failing_input_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# 标题\n\n正文第一段。\n", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.md"
    out = tmp_path / "out"
    code, _, err = run("convert", "--offline", str(empty), str(good), str(missing), "-o", f"{out}/", "-t", "md", "--jobs", "2")
    assert code == 1
    assert sorted(p.name for p in outputs(out)) == ["good.md"]
    errors = [line for line in err.splitlines() if line.startswith("docconv: error: ")]
    assert len(errors) == 2
    assert str(empty) in errors[0] and "empty" in errors[0]
    assert str(missing) in errors[1]
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("docconv: 1 of 3 converted (1 files), 2 failed")


def test_name_collisions_are_resolved_deterministically(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "post.md").write_text(f"# {folder}\n\n来自 {folder} 的文章。\n", encoding="utf-8")
    (tmp_path / "post-2.md").write_text("# c\n\n第三篇。\n", encoding="utf-8")
    (tmp_path / "Post.html").write_text("<h1>d</h1><p>第四篇。</p>", encoding="utf-8")
    inputs = [str(tmp_path / p) for p in ("a/post.md", "b/post.md", "post-2.md", "Post.html")]
    out = tmp_path / "out"
    code, _, err = run("convert", "--offline", *inputs, "-o", f"{out}/", "-t", "md", "--jobs", "2")
    assert code == 0, err
    names = {p.name: p.read_text(encoding="utf-8") for p in outputs(out)}
    assert sorted(names) == ["Post-4.md", "post-2.md", "post-3.md", "post.md"]
    assert "来自 a" in names["post.md"] and "来自 b" in names["post-3.md"]
    assert "第三篇" in names["post-2.md"] and "第四篇" in names["Post-4.md"]


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("a/b/post.md", "post"),
        ("post", "post"),
        ("-", "stdin"),
        ("https://example.com/2024/05/news%20item.html?x=1", "news item"),
        ("https://example.com/", "example.com"),
        ("dir/../../etc/passwd", "passwd"),
        ("a/con.md", "_con"),
    ],
)
def test_base_names(source: str, name: str) -> None:
    assert base_name(source) == name


def test_plan_names_is_stable() -> None:
    sources = ["x/a.md", "y/a.md", "z/a.md", "a-2.md"]
    assert plan_names(sources) == ["a", "a-3", "a-4", "a-2"]
    assert plan_names(sources) == plan_names(list(sources))


def test_existing_outputs_and_inputs_are_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "note.md"
    source.write_text("# 笔记\n\n内容。\n", encoding="utf-8")
    other = tmp_path / "other.md"
    other.write_text("# 其他\n\n内容。\n", encoding="utf-8")
    before = source.read_bytes()
    # The output folder is the inputs' own folder: note.md → note.md would replace the input.
    code, _, err = run(
        "convert", "--offline", str(source), str(other), "-o", f"{tmp_path}/", "-t", "md,html" if has_renderer("html") else "md"
    )
    assert code == 1
    assert source.read_bytes() == before
    assert "not overwriting" in err
    # A second run into a fresh folder writes; a third refuses and leaves the files as they were.
    out = tmp_path / "out"
    assert run("convert", "--offline", str(source), str(other), "-o", f"{out}/", "-t", "md")[0] == 0
    (out / "note.md").write_text("edited by hand", encoding="utf-8")
    code, _, err = run("convert", "--offline", str(source), str(other), "-o", f"{out}/", "-t", "md")
    assert code == 1
    assert (out / "note.md").read_text(encoding="utf-8") == "edited by hand"
    assert err.count("output exists; not overwriting") == 2
    assert err.strip().splitlines()[-1].startswith("docconv: 0 of 2 converted (0 files), 2 failed")


def test_force_replaces_outputs_but_never_inputs(tmp_path: Path) -> None:
    from docconv.batch import convert_many
    from docconv.options import Options

    source = tmp_path / "note.md"
    source.write_text("# 笔记\n\n内容。\n", encoding="utf-8")
    before = source.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    (out / "note.md").write_text("old", encoding="utf-8")
    assert convert_many([str(source)], out, ["markdown"], Options(offline=True), jobs=1, force=True).exit_code == 0
    assert (out / "note.md").read_text(encoding="utf-8").startswith("---\n")
    assert convert_many([str(source)], tmp_path, ["markdown"], Options(offline=True), jobs=1, force=True).exit_code == 1
    assert source.read_bytes() == before


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    good = tmp_path / "a.html"
    good.write_text('<p>点击<a href="javascript:alert(1)">这里</a>查看详情。</p>', encoding="utf-8")
    bad = tmp_path / "b.md"
    bad.write_bytes(b"   ")
    code, _, err = run("-q", "convert", "--offline", str(good), str(bad), "-o", f"{tmp_path / 'out'}/", "-t", "md")
    assert code == 1
    assert err.strip().splitlines() == [f"docconv: error: {bad}: input is empty"]


def test_strict_fails_outputs_with_warnings(tmp_path: Path) -> None:
    warned = tmp_path / "a.html"
    warned.write_text('<p>点击<a href="javascript:alert(1)">这里</a>查看详情。</p>', encoding="utf-8")
    clean = tmp_path / "b.md"
    clean.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("convert", "--offline", "--strict", str(warned), str(clean), "-o", f"{out}/", "-t", "md", "--jobs", "2")
    assert code == 1
    assert sorted(p.name for p in outputs(out)) == ["b.md"]
    assert "under --strict" in err


@pytest.mark.slow
@pytest.mark.skipif(not has_renderer("epub"), reason="EPUB renderer not available")
def test_batch_to_markdown_and_epub(tmp_path: Path) -> None:
    articles = ARTICLES[:4]
    out = tmp_path / "out"
    code, _, err = run("convert", "--offline", *map(str, articles), "-o", f"{out}/", "-t", "md,epub", "--jobs", "2")
    assert code == 0, err
    for article in articles:
        assert (out / f"{article.stem}.md").is_file()
        with zipfile.ZipFile(out / f"{article.stem}.epub") as book:
            assert book.read("mimetype") == b"application/epub+zip"
            assert any(name.endswith(".opf") for name in book.namelist())
    # Same bytes as the single-file path: workers do not change the output.
    single = tmp_path / "single.epub"
    assert run("convert", "--offline", str(articles[0]), "-o", str(single))[0] == 0
    assert single.read_bytes() == (out / f"{articles[0].stem}.epub").read_bytes()


@pytest.mark.slow
@pytest.mark.skipif(not has_renderer("pdf"), reason="PDF renderer not available")
def test_batch_to_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    articles = [FIXTURES / "post_guancha_shanghai_soft_power.txt", FIXTURES / "article_with_table.html"]
    out = tmp_path / "out"
    code, _, err = run("convert", "--offline", *map(str, articles), "-o", f"{out}/", "-t", "pdf", "--jobs", "2")
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(out / "post_guancha_shanghai_soft_power.pdf").pages)
    assert "上海" in text


def test_stdin_is_one_of_the_inputs(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("# 其他\n\n另一篇。\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(
        "convert",
        "--offline",
        "-",
        str(other),
        "-o",
        f"{out}/",
        "-t",
        "md",
        "--jobs",
        "2",
        input="# 标准输入\n\n内容。\n".encode(),
    )
    assert code == 0, err
    assert sorted(p.name for p in outputs(out)) == ["other.md", "stdin.md"]
    assert "内容。" in (out / "stdin.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not has_renderer("pdf"), reason="PDF renderer not available")
def test_render_timeout_fails_that_output_only(tmp_path: Path) -> None:
    from docconv.batch import convert_many
    from docconv.options import Limits, Options

    source = tmp_path / "long.md"
    source.write_text("# 标题\n\n" + "正文很长。" * 2000 + "\n", encoding="utf-8")
    out = tmp_path / "out"
    options = Options(offline=True, limits=Limits(render_timeout=0.05))
    assert convert_many([str(source)], out, ["markdown", "pdf"], options, jobs=1).exit_code == 1
    assert sorted(p.name for p in outputs(out)) == ["long.md"]


def test_force_flag_replaces_existing_outputs_with_workers(tmp_path: Path) -> None:
    sources = []
    for name in ("one", "two", "three"):
        source = tmp_path / f"{name}.md"
        source.write_text(f"# {name}\n\n新的内容：{name}。\n", encoding="utf-8")
        sources.append(str(source))
    out = tmp_path / "out"
    out.mkdir()
    for name in ("one", "two"):
        (out / f"{name}.md").write_text("old", encoding="utf-8")

    code, _, err = run("convert", "--offline", *sources, "-o", f"{out}/", "-t", "md", "--jobs", "2")
    assert code == 1
    assert (out / "one.md").read_text(encoding="utf-8") == "old"
    assert err.count("output exists") == 2

    code, _, err = run("convert", "--offline", "--force", *sources, "-o", f"{out}/", "-t", "md", "--jobs", "2")
    assert code == 0, err
    for name in ("one", "two", "three"):
        assert f"新的内容：{name}。" in (out / f"{name}.md").read_text(encoding="utf-8")

    # --force never replaces an input: converting into the inputs' own folder fails those outputs.
    before = [Path(s).read_bytes() for s in sources]
    code, _, err = run("convert", "--offline", "--force", *sources, "-o", f"{tmp_path}/", "-t", "md", "--jobs", "2")
    assert code == 1
    assert [Path(s).read_bytes() for s in sources] == before


def test_convert_help_documents_force() -> None:
    code, out, _ = run("convert", "--help")
    assert code == 0
    assert "--force" in out and "never an input" in " ".join(out.split())


def test_tasks_cover_every_input_once_largest_first(tmp_path: Path) -> None:
    from docconv.batch import Job, _chunks

    jobs = []
    for number in range(37):
        path = tmp_path / f"a{number}.md"
        path.write_text("字" * (number * 10 + 1), encoding="utf-8")
        jobs.append(Job(str(path), ()))
    chunks = _chunks(jobs, 2)
    flat = [index for chunk in chunks for index in chunk]
    assert sorted(flat) == list(range(37))
    assert flat == sorted(range(37), reverse=True)  # largest file first
    assert len(chunks) < 37 and chunks[-1] == [0] and len(chunks[0]) > 1  # fewer round trips; single articles at the end


def test_warm_up_reads_only_the_kinds_a_batch_holds(tmp_path: Path) -> None:
    from docconv.batch import Job, input_kinds

    (tmp_path / "a.md").write_text("# 标题\n\n正文。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: 帖子\n---\n\n正文。\n", encoding="utf-8")
    (tmp_path / "c.html").write_text("<!doctype html><html><body><p>页面</p></body></html>", encoding="utf-8")
    (tmp_path / "d.html").write_text("<h2>片段</h2><p>只是正文。</p>", encoding="utf-8")
    assert input_kinds([Job(str(tmp_path / "a.md"), ())]) == {"markdown"}
    assert input_kinds([Job(str(tmp_path / n), ()) for n in ("a.md", "b.md")]) == {"markdown", "post"}
    assert input_kinds([Job(str(tmp_path / "c.html"), ()), Job("https://example.org/x", ())]) == {"page"}
    assert input_kinds([Job(str(tmp_path / "d.html"), ())]) == {"html"}
    assert input_kinds([Job("-", (), data=b"# t\n"), Job(str(tmp_path / "missing.md"), ())]) == {"markdown"}


def test_warming_a_page_loads_the_extractor_and_a_fragment_does_not() -> None:
    script = """
import sys
from docconv.batch import warm_reading
from docconv.options import Options
warm_reading(Options(offline=True), {kinds!r})
print("trafilatura" in sys.modules)
external = sys.modules.get("trafilatura.external")
print(getattr(external, "JT_STOPLIST", None) is not None)  # its justext fallback ran: a page too thin to trust
"""
    for kinds, extractor in ((["html", "markdown", "post"], False), (["page"], True)):
        completed = subprocess.run(
            [sys.executable, "-c", script.format(kinds=kinds)], capture_output=True, text=True, check=False
        )
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout.split() == [str(extractor), "False"], kinds


def test_html_byline_selectors_work_in_a_fresh_process(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("# 笔记\n\n内容。\n", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title></head><body><article><h1>标题</h1>"
        '<p class="byline"><span class="author"><span class="fn">王小明</span></span></p>'
        "<p>正文第一段。</p><p>正文第二段。</p></article></body></html>",
        encoding="utf-8",
    )
    script = f"""
import sys, docconv
from docconv.options import Options
doc = docconv.read({str(note)!r}, Options(offline=True))
assert doc.meta.title == "笔记", doc.meta
page = docconv.read({str(page)!r}, Options(offline=True))
print(page.meta.authors)
"""
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "王小明" in completed.stdout


@pytest.mark.parametrize(("jobs", "signal_number"), [(1, signal.SIGINT), (2, signal.SIGTERM)])
def test_an_interrupted_batch_leaves_only_whole_files(tmp_path: Path, jobs: int, signal_number: int) -> None:
    """Stopped halfway, a batch leaves no temporary file and no half-written output (writes finish on a writer thread)."""
    import time

    sources = []
    for number in range(160):
        article = ARTICLES[number % len(ARTICLES)]
        copy = tmp_path / "in" / f"{number:03d}-{article.name}"
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(article.read_bytes())
        sources.append(str(copy))
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "docconv", "-q", "convert", *sources, "-o", f"{out}/", "-t", "md,epub", "--offline"]
    argv += ["--jobs", str(jobs)]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(list(out.glob("*.epub"))) < 10:  # well into the batch
        time.sleep(0.02)
    process.send_signal(signal_number)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert not list(out.glob(".*.part"))
    for epub in out.glob("*.epub"):
        with zipfile.ZipFile(epub) as book:
            assert book.testzip() is None, epub.name
    for markdown in out.glob("*.md"):
        assert markdown.read_text(encoding="utf-8").startswith("---\n"), markdown.name
