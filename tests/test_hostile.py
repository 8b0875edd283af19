"""Hostile and broken inputs: each has an exact outcome — exit code, one-line message, and outputs.

Every case runs the real CLI (in-process through ``run_guarded``, a couple as subprocesses) and
checks: the documented exit code, one ``docconv: error: FILE: cause`` line and no traceback on
stderr, the folder listing afterwards (no partial ``.part`` files, no output on failure), and, for
outputs that were written, that nothing forbidden reached them — Markdown, EPUB and PDF alike.
No socket is opened to anything but loopback; refused addresses are never connected to at all.
"""

from __future__ import annotations

import os
import re
import socket
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from docconv.batch_journal import JOURNAL_NAME
from docconv.errors import DocconvError
from tests.test_cli import run

# ------------------------------------------------------------------ helpers


def _png(width: int, height: int) -> bytes:
    """A well-formed PNG whose header declares ``width`` × ``height`` (the pixel data is a few bytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def _error_line(err: str) -> str:
    """The single error line on stderr (and proof there is exactly one and no traceback)."""
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("docconv: error:")]
    assert len(errors) == 1, err
    return errors[0]


def _listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _output_text(path: Path) -> str:
    """Everything a reader could see or a machine could fetch from an output file, as text."""
    data = path.read_bytes()
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if path.suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
        return text + "\n" + data.decode("latin-1")  # the raw PDF too: URIs and metadata are not page text
    return data.decode("utf-8")


FORMATS = ["md", "epub", "pdf"]

# ------------------------------------------------------------------ unreadable inputs

UNREADABLE = [
    ("empty.md", b"", "input is empty"),
    ("blank.md", b"  \n\n\t\n", "input is empty"),
    ("front_matter_only.md", b"---\ntitle: Only a header\ndate: 2024-01-01\n---\n", "front matter only"),
    # A header with no key to recover and no body: nothing of an article is left.
    ("invalid_yaml.md", b"---\n[unclosed\n---\n", "invalid YAML front matter"),
    ("yaml_not_mapping.md", b"---\n- a\n- b\n---\nbody text\n", "front matter is not a mapping"),
    ("binary.md", bytes(range(256)) * 40, "binary data"),
    ("only_markup.html", b"<html><head><script>x()</script></head><body><div> </div></body></html>", "no readable content"),
]


@pytest.mark.parametrize(("name", "content", "cause"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_input_exit_1_one_line_no_output(tmp_path: Path, name: str, content: bytes, cause: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    for ext in FORMATS:
        code, _, err = run("convert", str(source), "-o", str(tmp_path / f"out.{ext}"))
        assert code == 1, err
        line = _error_line(err)
        assert str(source) in line and cause in line
        assert _listing(tmp_path) == {name}


def test_python_yaml_tag_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    source = tmp_path / "tagged.md"
    source.write_text(f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\nbody text\n', encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.md"))
    assert code == 1
    line = _error_line(err)
    assert "invalid YAML front matter" in line and "python/object" in line
    assert not marker.exists()
    assert _listing(tmp_path) == {"tagged.md"}


def test_invalid_utf8_is_decoded_with_a_warning_or_detected(tmp_path: Path) -> None:
    source = tmp_path / "broken.md"
    source.write_bytes(b"# Title\n\nvalid text \xff\xfe bad \xc3\x28 bytes and more words\n")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.md"))
    assert code == 0, err
    text = (tmp_path / "out.md").read_text(encoding="utf-8")  # the output itself is valid UTF-8
    assert "valid text" in text and "and more words" in text


def test_missing_file_and_folder_input(tmp_path: Path) -> None:
    code, _, err = run("convert", str(tmp_path / "nope.md"), "-o", str(tmp_path / "out.md"))
    assert code == 1 and "no such file" in _error_line(err)
    code, _, err = run("convert", str(tmp_path), "-o", str(tmp_path / "out.md"))
    assert code == 1 and "is a folder" in _error_line(err)
    assert _listing(tmp_path) == set()


# ------------------------------------------------------------------ limits


def test_enormous_input_is_refused_before_reading(tmp_path: Path) -> None:
    source = tmp_path / "huge.md"
    with open(source, "wb") as handle:  # sparse: 60 MB on paper, nothing read
        handle.truncate(60 * 1024 * 1024)
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.md"))
    assert code == 4
    assert "over the limit" in _error_line(err) and str(source) in _error_line(err)
    assert _listing(tmp_path) == {"huge.md"}


def test_input_limit_is_a_cli_option(tmp_path: Path) -> None:
    source = tmp_path / "long.md"
    source.write_text("word " * 2000, encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.md"), "--limit", "max_input_bytes=1000")
    assert code == 4 and "over the limit of 1000" in _error_line(err)
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.md"), "--limit", "input_bytes=100000")
    assert code == 0, err
    code, _, err = run("convert", str(source), "-o", "-", "-t", "md", "--limit", "nonsense=3")
    assert code == 2 and "unknown limit" in err and "Traceback" not in err


def test_block_limit(tmp_path: Path) -> None:
    source = tmp_path / "many.html"
    source.write_text("".join(f"<p>paragraph {i}</p>" for i in range(500)), encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.md"), "--limit", "max_blocks=100")
    assert code == 4
    line = _error_line(err)
    assert "more than 100 blocks" in line and str(source) in line
    assert _listing(tmp_path) == {"many.html"}


def test_limits_through_the_api() -> None:
    import docconv
    from docconv.errors import LimitExceededError

    with pytest.raises(LimitExceededError):
        docconv.convert("<p>one</p><p>two</p><p>three</p>", "markdown", max_blocks=2)
    result = docconv.convert("<div>" * 300 + "deep" + "</div>" * 300, "markdown", max_depth=1000)
    assert "nesting-flattened" not in {d.code for d in result.diagnostics}
    with pytest.raises(docconv.errors.UnknownOptionError, match="unknown docconv option 'max_dept'; did you mean 'max_depth'"):
        docconv.convert("<p>x</p>", "markdown", max_dept=3)


def test_render_timeout(tmp_path: Path) -> None:
    source = tmp_path / "long.html"
    source.write_text("".join(f"<p>段落 {i} " + "字" * 400 + "</p>" for i in range(300)), encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.pdf"), "--limit", "render_timeout=0.3")
    assert code == 4
    line = _error_line(err)
    assert "render_timeout" in line and str(source) in line
    assert _listing(tmp_path) == {"long.html"}


def test_render_timeout_outside_the_main_thread() -> None:
    """A Dask worker renders in a thread: one watcher thread raises the deadline there, again if swallowed."""
    import threading
    import time

    from docconv.context import render_deadline
    from docconv.errors import LimitExceededError

    seen: dict[str, object] = {}

    def renders() -> None:
        for _ in range(200):  # renders within their limit leave nothing behind
            with render_deadline(600.0):
                pass
        seen["threads"] = threading.active_count()
        started = time.monotonic()
        swallowed = 0
        try:
            with render_deadline(0.05):
                while True:
                    try:
                        while True:
                            time.sleep(0.001)
                    except LimitExceededError:
                        swallowed += 1
                        if swallowed == 2:
                            raise
        except LimitExceededError:
            seen["raised"] = (swallowed, time.monotonic() - started)
        time.sleep(1.2)  # past the next raise: nothing is pending once the render is over
        seen["after"] = "calm"

    thread = threading.Thread(target=renders)
    thread.start()
    thread.join(10)
    before = threading.active_count()
    assert seen["after"] == "calm"
    swallowed, seconds = seen["raised"]  # type: ignore[misc]
    assert swallowed == 2 and 1.0 <= seconds < 3.0
    assert isinstance(seen["threads"], int) and seen["threads"] <= before + 2  # the renderer and one watcher


@pytest.mark.parametrize("ext", FORMATS)
def test_5000_deep_divs_are_flattened_not_recursed(tmp_path: Path, ext: str) -> None:
    source = tmp_path / "deep.html"
    source.write_text("<html><body>" + "<div>" * 5000 + "deep text" + "</div>" * 5000 + "<p>after</p></body></html>")
    out = tmp_path / f"out.{ext}"
    code, _, err = run("convert", str(source), "-o", str(out))
    assert code == 0, err
    assert "[nesting-flattened]" in err and "Traceback" not in err
    text = _output_text(out)
    assert "deep text" in text and "after" in text


def test_5000_deep_inline_and_markdown_nesting(tmp_path: Path) -> None:
    cases = {
        "spans.html": "<p>" + "<span><b>" * 2500 + "inner words" + "</b></span>" * 2500 + "</p>",
        "quotes.md": "# T\n\n" + ">" * 5000 + " quoted words\n\nafter\n",
        "lists.md": "# T\n\n" + "".join("  " * i + f"- item{i}\n" for i in range(1000)) + "\nafter\n",
        "emphasis.md": "# T\n\n" + "*" * 5000 + "starred" + "*" * 5000 + "\n",
    }
    for name, content in cases.items():
        source = tmp_path / name
        source.write_text(content, encoding="utf-8")
        out = tmp_path / f"{name}.out.md"
        code, _, err = run("convert", str(source), "-o", str(out))
        assert code == 0, (name, err)
        text = out.read_text(encoding="utf-8")
        for word in ("inner words", "quoted words", "item999", "starred"):
            if word in content:
                assert word in text, name
        again = tmp_path / f"{name}.again.md"
        assert run("convert", str(out), "-o", str(again))[0] == 0
        assert again.read_bytes() == out.read_bytes(), name


@pytest.fixture
def bomb_article(tmp_path: Path) -> Path:
    (tmp_path / "bomb.png").write_bytes(_png(50_000, 50_000))
    import base64

    data_url = "data:image/png;base64," + base64.b64encode(_png(50_000, 50_000)).decode()
    source = tmp_path / "bomb.html"
    source.write_text(
        f'<h1>Bombs</h1><p>Before the images.</p><img src="bomb.png" alt="local bomb">'
        f'<p>Between.</p><img src="{data_url}" alt="inline bomb"><p>After the images.</p>',
        encoding="utf-8",
    )
    return source


@pytest.mark.parametrize("ext", ["epub", "pdf"])
def test_decompression_bomb_png_is_refused_by_its_header(bomb_article: Path, ext: str) -> None:
    out = bomb_article.parent / f"out.{ext}"
    code, _, err = run("convert", str(bomb_article), "-o", str(out))
    assert code == 0, err
    assert err.count("[image-too-large]") == 2, err
    assert "pixel limit" in err and "2500000000 pixels" in err
    text = _output_text(out)
    assert "local bomb" in text and "inline bomb" in text and "After the images." in text
    if ext == "epub":
        with zipfile.ZipFile(out) as archive:
            assert not [n for n in archive.namelist() if n.endswith(".png")]
    code, _, err = run("convert", str(bomb_article), "-o", str(out.with_suffix(".2." + ext)), "--strict")
    assert code == 7 and "image-too-large" in _error_line(err)


def test_pixel_limit_is_an_option(tmp_path: Path) -> None:
    (tmp_path / "small.png").write_bytes(_png(100, 100))
    source = tmp_path / "small.html"
    source.write_text('<p>Text.</p><img src="small.png" alt="small">', encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "a.epub"), "--limit", "max_image_pixels=5000")
    assert code == 0 and "[image-too-large]" in err and "100×100" in err
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "b.epub"))
    assert code == 0 and "image-too-large" not in err


# ------------------------------------------------------------------ untrusted content

HOSTILE_PAGE = """<!doctype html><html><head><title>Hostile page</title>
<meta http-equiv="refresh" content="0;url=http://refresh.invalid/REFRESHLEAK">
<link rel=stylesheet href="file:///etc/shadow">
<style>body { background: url(file:///etc/passwd) } .STYLELEAK { color: red }</style>
<script>document.write('SCRIPTLEAK')</script>
<base href="javascript:alert('BASELEAK')//">
</head><body>
<p onclick="alert('HANDLERLEAK')" onmouseover="HANDLERLEAK2()" style="background:url(STYLEATTRLEAK)">Hello
<a href="javascript:alert('JSLEAK')">first link</a>, <a href=" JaVaScRiPt:alert(1)">second</a>,
<a href="java&#x09;script:alert(1)">third</a>, <a href="data:text/html,DATALEAK">fourth</a>,
<a href="vbscript:VBLEAK">fifth</a>, <a href="file:///etc/hosts">sixth</a> and <a href="https://example.org/ok">safe</a>.</p>
<img src="file:///etc/passwd" alt="passwd image">
<img src="/etc/passwd" alt="rooted image">
<img src="http://169.254.169.254/latest/meta-data" alt="metadata image">
<img src="http://127.0.0.1:1/x" alt="loopback image">
<img src="http://[::1]/" alt="ipv6 image">
<img src="http://10.0.0.1/" alt="private image">
<img src="http://[::ffff:10.0.0.1]/" alt="mapped image">
<img src="javascript:alert('IMGJSLEAK')" alt="script image" onerror="alert('ONERRORLEAK')">
<iframe src="http://frame.invalid/IFRAMELEAK">IFRAMETEXT</iframe>
<object data="OBJECTLEAK.swf"><param name=x value=PARAMLEAK>OBJECTTEXT</object>
<embed src="EMBEDLEAK.swf">
<form action="http://form.invalid/FORMLEAK"><input name=q value=INPUTLEAK><textarea>TEXTAREALEAK</textarea>
<select><option>OPTIONLEAK</option></select><button>BUTTONLEAK</button></form>
<svg><script>SVGSCRIPTLEAK</script><text>SVGTEXT</text></svg>
<noscript>NOSCRIPTLEAK</noscript><template>TEMPLATELEAK</template>
<p>Closing paragraph after the embeds.</p>
</body></html>
"""
FORBIDDEN = [
    "LEAK", "root:", "/etc/", "169.254", "10.0.0.1", "127.0.0.1", "::1", "::ffff", "javascript", "vbscript",
    "onclick", "onerror", "<script", "<iframe", "<object", "<embed", "<form", "<input", "<style", "refresh",
    "IFRAMETEXT", "OBJECTTEXT", "SVGTEXT",
]  # fmt: skip


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[int, str]]]:
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "page.html"
    source.write_text(HOSTILE_PAGE, encoding="utf-8")
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def recording_connect(self: socket.socket, address: object) -> None:
        attempts.append(address)
        real_connect(self, address)  # type: ignore[arg-type]

    socket.socket.connect = recording_connect  # type: ignore[method-assign,assignment]
    try:
        results = {ext: run("convert", str(source), "-o", str(folder / f"page.{ext}"), "--no-cache")[::2] for ext in FORMATS}
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
    assert attempts == [], "a refused address was connected to"
    return folder, results  # type: ignore[return-value]


@pytest.mark.parametrize("ext", FORMATS)
def test_hostile_page_leaks_nothing(hostile_outputs: tuple[Path, dict[str, tuple[int, str]]], ext: str) -> None:
    folder, results = hostile_outputs
    code, err = results[ext]
    assert code == 0, err
    assert "Traceback" not in err
    text = _output_text(folder / f"page.{ext}")
    for word in ("Hello", "first link", "sixth", "Closing paragraph after the embeds", "passwd image", "private image"):
        assert word in text, word
    leaked = [word for word in FORBIDDEN if word.lower() in text.lower()]
    assert leaked == [], leaked
    if ext == "md":
        assert "[safe](https://example.org/ok)" in text
    assert _listing(folder) <= {"page.html", "page.md", "page.epub", "page.pdf"}


@pytest.mark.parametrize("ext", FORMATS)
def test_refused_resources_are_reported(hostile_outputs: tuple[Path, dict[str, tuple[int, str]]], ext: str) -> None:
    _, results = hostile_outputs
    _, err = results[ext]
    refused = [line for line in err.splitlines() if "[image-refused]" in line]
    for needle in ("/etc/passwd", "169.254.169.254", "127.0.0.1", "::1", "10.0.0.1", "javascript"):
        assert any(needle in line for line in refused), (needle, err)
    dropped = [line for line in err.splitlines() if "[unsafe-link-dropped]" in line]
    assert sum(int(m.group(1)) if (m := re.search(r"\((\d+) times\)$", line)) else 1 for line in dropped) >= 5


def test_policy_decisions_without_sockets() -> None:
    """The same URLs judged by the policy alone, with an injected resolver (no DNS, no socket)."""
    from docconv.resources.netpolicy import NetPolicy, RefusedError

    looked_up: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return {"rebind.test": ["93.184.216.34", "10.0.0.7"], "public.test": ["93.184.216.34"]}[host]

    policy = NetPolicy(resolver=resolver)
    for host in ("169.254.169.254", "127.0.0.1", "::1", "[::1]", "10.0.0.1", "::ffff:10.0.0.1", "localhost", "rebind.test"):
        with pytest.raises(RefusedError):
            policy.vet(host, 80)
    assert policy.vet("public.test", 80) == ["93.184.216.34"]
    assert NetPolicy(allow_private_network=True, resolver=resolver).vet("10.0.0.1", 80) == ["10.0.0.1"]
    with pytest.raises(RefusedError):  # metadata stays refused even with private networks allowed
        NetPolicy(allow_private_network=True, resolver=resolver).vet("169.254.169.254", 80)
    assert looked_up == ["rebind.test", "public.test"]  # literals never reach the resolver


def test_markdown_and_html_looking_text_is_escaped(tmp_path: Path) -> None:
    import docconv
    from docconv.model import document_text

    lines = [
        "*not emphasis* _nor this_ **nor bold**",
        "# not a heading",
        "1. not a list",
        "- not a bullet",
        "> not a quote",
        "---",
        "[not a link](http://example.org) ![not an image](x.png)",
        "<script>alert(1)</script> <b>not bold</b> &amp; &lt;",
        "`not code` | not | a | table |",
        "<!-- not a comment --> \\ backslash ~~not struck~~",
    ]
    html = "".join(f"<p>{line.replace('&', '&amp;').replace('<', '&lt;')}</p>" for line in lines)
    source = tmp_path / "looks.html"
    source.write_text(f"<h1>Looks like markup</h1>{html}", encoding="utf-8")
    out = tmp_path / "looks.md"
    code, _, err = run("convert", str(source), "-o", str(out), "--no-transform", "recover-headings")
    assert code == 0, err
    markdown = out.read_text(encoding="utf-8")
    body = markdown.split("\n---\n", 1)[1]
    assert not re.search(r"(?<!\\)<", body)  # every "<" is escaped: no raw HTML reaches a Markdown viewer
    back = docconv.read(markdown, disabled_transforms=frozenset({"recover-headings"}))
    assert [type(b).__name__ for b in back.blocks] == ["Paragraph"] * len(lines)
    assert document_text(back).split("\n") == lines


# ------------------------------------------------------------------ titles and output names


HOSTILE_TITLE = "../../etc/passwd\x00 /tmp/x\\..\\con\r\n\x1b[31mred\x7f" + "长" * 300


def test_safe_filename_strips_everything_dangerous() -> None:
    from docconv.output import safe_filename

    for title in (HOSTILE_TITLE, "..", ".", "/", "", "\x00\x01", "CON", "nul.txt", "a/../../b", " . . "):
        name = safe_filename(title)
        assert name and "/" not in name and "\\" not in name and ".." not in name, (title, name)
        assert not any(ord(c) < 32 or ord(c) == 127 for c in name)
        assert len(name.encode("utf-8")) <= 120
        assert name.lower().split(".")[0] not in {"con", "nul", "prn", "aux"}
        assert name not in (".", "..")


def test_packet_split_names_from_hostile_titles(tmp_path: Path) -> None:
    articles = []
    for index, title in enumerate((HOSTILE_TITLE, "../index", "/", "index")):
        article = tmp_path / f"a{index}.md"
        article.write_text(f"---\ntitle: {title!r}\n---\n\nBody {index}.\n".replace("'", '"'), encoding="utf-8")
        articles.append(str(article))
    split = tmp_path / "split"
    code, _, err = run("packet", *articles, "-o", str(tmp_path / "p.md"), "--title", "../../P", "--split", str(split))
    assert code == 0, err
    names = sorted(p.name for p in split.iterdir())
    assert len(names) == 5 and "index.md" in names  # four articles + index, none outside the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a0.md", "a1.md", "a2.md", "a3.md", "split"]
    for name in names:
        assert not any(ord(c) < 32 for c in name) and ".." not in name and len(name.encode()) <= 255
    assert not Path("/etc/passwd.md").exists()


def test_batch_names_from_hostile_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    weird = folder / "..\x1b[31m con .md"
    weird.write_text("# Title\n\nBody.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("convert", str(weird), "-o", f"{out}/", "-t", "md", "--jobs", "1")
    assert code == 0, err
    written = [p.name for p in out.iterdir() if p.name != JOURNAL_NAME]
    assert len(written) == 1 and not any(ord(c) < 32 for c in written[0]) and not written[0].startswith(".")


# ------------------------------------------------------------------ outputs: atomic, never over an input


def test_output_equal_to_input_is_refused_in_every_spelling(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    original = b"# Title\n\nBody text.\n"
    source.write_bytes(original)
    (tmp_path / "link.md").symlink_to(source)
    (tmp_path / "sub").mkdir()
    spellings = [
        str(source),
        str(tmp_path / "sub" / ".." / "post.md"),
        str(tmp_path / "link.md"),
        str(tmp_path / "." / "post.md"),
    ]
    for spelling in spellings:
        code, _, err = run("convert", str(source), "-o", spelling)
        assert code == 1, spelling
        assert "refusing to overwrite the input" in _error_line(err)
        assert source.read_bytes() == original
    os.link(source, tmp_path / "hard.md")
    code, _, err = run("convert", str(tmp_path / "hard.md"), "-o", str(source))
    assert code == 1 and "refusing to overwrite the input" in _error_line(err)
    code, _, err = run("packet", str(source), "-o", str(source), "--title", "P")
    assert code == 1 and "refusing to overwrite the input" in _error_line(err)
    assert source.read_bytes() == original
    assert _listing(tmp_path) == {"post.md", "link.md", "sub", "hard.md"}


def test_output_into_a_missing_folder(tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_text("# Title\n\nBody.\n", encoding="utf-8")
    for ext in FORMATS:
        code, _, err = run("convert", str(source), "-o", str(tmp_path / "missing" / f"out.{ext}"))
        assert code == 2  # a usage error, found before the input is read
        line = _error_line(err)
        assert "does not exist" in line and f"output folder {tmp_path / 'missing'}" in line
    assert _listing(tmp_path) == {"post.md"}


def test_failure_mid_render_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docconv import renderers
    from docconv.errors import RenderError

    source = tmp_path / "post.md"
    source.write_text("# Title\n\nBody.\n", encoding="utf-8")
    existing = tmp_path / "existing.md"
    existing.write_bytes(b"previous contents")

    def broken(packet: object, context: object) -> bytes:
        raise RenderError("the renderer gave up", where=str(source))

    monkeypatch.setattr(renderers.markdown.RENDERER, "render", broken)
    code, _, err = run("convert", str(source), "-o", str(existing))
    assert code == 5 and "the renderer gave up" in _error_line(err)

    def crashing(packet: object, context: object) -> bytes:
        raise ValueError("unexpected bug")

    monkeypatch.setattr(renderers.markdown.RENDERER, "render", crashing)
    code, _, err = run("convert", str(source), "-o", str(existing))
    assert code == 1 and "internal error: ValueError: unexpected bug" in _error_line(err)
    code, _, err = run("--debug", "convert", str(source), "-o", str(existing))
    assert code == 1 and "Traceback" in err  # only with --debug
    assert existing.read_bytes() == b"previous contents"
    assert _listing(tmp_path) == {"post.md", "existing.md"}


def test_failure_while_writing_leaves_no_part_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "post.md"
    source.write_text("# Title\n\nBody.\n", encoding="utf-8")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "out.md"))
    assert code == 1
    assert "cannot write the output (No space left on device)" in _error_line(err)
    assert _listing(tmp_path) == {"post.md"}


def test_batch_failure_leaves_only_finished_outputs(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Good\n\nBody.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    code, _, err = run("convert", str(good), str(bad), "-o", f"{out}/", "-t", "md,epub", "--jobs", "1")
    assert code == 1 and "Traceback" not in err and "bad.md" in err
    assert sorted(p.name for p in out.iterdir() if p.name != JOURNAL_NAME) == ["good.epub", "good.md"]


# ------------------------------------------------------------------ error taxonomy


def _all_subclasses(cls: type[DocconvError]) -> set[type[DocconvError]]:
    found: set[type[DocconvError]] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _all_subclasses(sub)
    return found


def test_every_error_maps_to_a_documented_exit_code() -> None:
    import importlib
    import pkgutil

    import docconv

    for module in pkgutil.walk_packages(docconv.__path__, "docconv."):
        if module.name != "docconv.__main__":
            importlib.import_module(module.name)
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\| (\d) \|", readme, re.MULTILINE)}
    assert documented == {0, 1, 2, 3, 4, 5, 6, 7}
    for error in _all_subclasses(DocconvError) | {DocconvError}:
        # 2 is for usage errors only: an unknown format, option or value the caller named.
        allowed = documented - {0} if issubclass(error, docconv.errors.UsageError) else documented - {0, 2}
        assert error.exit_code in allowed, error
        assert error.__doc__, error
    # the message is one line naming the file
    assert str(DocconvError("line one\nline two", where="a.md")) == "a.md: line one line two"


# ------------------------------------------------------------------ real subprocesses


def test_subprocess_hostile_input_and_empty_input(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "docconv", "convert", str(empty), "-o", str(tmp_path / "o.md")],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr == f"docconv: error: {empty}: input is empty\n"
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "docconv", "convert", str(page), "-o", "-", "-t", "md", "--offline"],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "Closing paragraph" in proc.stdout
    assert [w for w in FORBIDDEN if w.lower() in proc.stdout.lower()] == []
    assert _listing(tmp_path) == {"empty.md", "page.html"}
