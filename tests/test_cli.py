"""The command line, driven in-process with Click's runner and once as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docconv.cli import main


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    from docconv.cli.common import run_guarded

    runner = CliRunner()
    argv = list(args)
    result = runner.invoke(_Guarded(), argv, input=input)
    del run_guarded
    return result.exit_code, result.stdout, result.stderr


class _Guarded:
    """Adapts ``run_guarded`` (the real entry point's error handling) to CliRunner."""

    name = "docconv"

    def main(self, args: list[str], prog_name: str | None = None, **extra: object) -> None:
        from docconv.cli.common import run_guarded

        saved = sys.argv
        sys.argv = ["docconv", *args]
        try:
            code = run_guarded(main)
        finally:
            sys.argv = saved
        raise SystemExit(code)


def test_convert_sample_to_markdown(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    code, _, err = run("convert", str(sample_path), "-o", str(out))
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 厚植城市精神")
    again = tmp_path / "again.md"
    assert run("convert", str(out), "-o", str(again))[0] == 0
    assert again.read_bytes() == out.read_bytes()
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("command", [[], ["convert"], ["packet"], ["fonts"]])
def test_help_on_every_command(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0
    assert "Usage:" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "input is empty"),
        (b"   \n\n", "input is empty"),
        (b"---\ntitle: only\n---\n", "front matter only"),
        (b"---\ntitle: !!python/name:os.system x\n---\n<p>body</p>", "invalid YAML front matter"),
        (b"---\n- a list\n---\n<p>body</p>", "not a mapping"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        (b"<div>   </div>", "no readable content"),
    ],
)
def test_bad_input_gives_one_line_error_and_no_output(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    out = tmp_path / "out.md"
    code, _stdout, err = run("convert", str(source), "-o", str(out))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("docconv: error: ")
    assert str(source) in lines[0] and message in lines[0]
    assert "Traceback" not in err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = run("convert", str(tmp_path / "nope.md"), "-o", str(tmp_path / "x.md"))
    assert code == 1
    assert "no such file" in err


def test_output_never_overwrites_input(sample_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "post.md"
    source.write_bytes(sample_path.read_bytes())
    before = source.read_bytes()
    code, _, err = run("convert", str(source), "-o", str(source))
    assert code == 1
    assert "refusing to overwrite the input" in err
    assert source.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_stdin_to_stdout(sample_path: Path) -> None:
    code, out, _ = run("convert", "-", "-t", "md", input=sample_path.read_bytes())
    assert code == 0
    assert out.startswith("---\ntitle: 厚植城市精神")


def test_unknown_format_is_a_usage_error(sample_path: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(sample_path), "-t", "docx", "-o", str(tmp_path / "x.docx"))
    assert code == 2
    assert "unknown format" in err
    code, _, err = run("convert", str(sample_path), "-o", str(tmp_path / "x.unknown"))
    assert code == 2


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    source = tmp_path / "a.html"
    source.write_text('<p>点击<a href="javascript:alert(1)">这里</a>查看详情。</p>', encoding="utf-8")
    out = tmp_path / "a.md"
    code, _, err = run("convert", str(source), "-o", str(out))
    assert code == 0
    assert "warning: [unsafe-link-dropped]" in err
    assert "javascript" not in out.read_text(encoding="utf-8")
    out.unlink()
    code, _, err = run("convert", "--strict", str(source), "-o", str(out))
    assert code == 7
    assert not out.exists()


def test_real_subprocess_and_lazy_imports(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.md"
    completed = subprocess.run(
        [sys.executable, "-m", "docconv", "convert", str(sample_path), "-o", str(out)], capture_output=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert out.read_text(encoding="utf-8").count("\n## ") >= 8
    probe = (
        "import sys, docconv, docconv.cli;"
        "from click.testing import CliRunner;"
        "CliRunner().invoke(docconv.cli.main, ['--help']);"
        "print(sorted(m for m in ('weasyprint', 'ebooklib', 'fontTools') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_command_defers_unused_modules_until_first_use(tmp_path: Path) -> None:
    """soupsieve and charset-normalizer load on first use in the command, and work when they do."""
    probe = (
        "import sys\n"
        "from docconv.cli.deferred import defer_unused_imports\n"
        "defer_unused_imports()\n"
        "from bs4 import BeautifulSoup\n"
        "soup = BeautifulSoup('<div><p>a</p><p class=x>b</p></div>', 'html.parser')\n"
        "print('soupsieve.css_parser' in sys.modules, 'charset_normalizer.api' in sys.modules)\n"
        "print([p.get_text() for p in soup.select('p.x')])\n"
        "import charset_normalizer\n"
        "print(charset_normalizer.from_bytes('一碗面里的城市记忆，老字号面馆的新年。'.encode('gb18030') * 4).best().encoding)\n"
        "print('soupsieve.css_parser' in sys.modules)\n"
    )
    lines = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")
    assert lines[0] == "False False"  # BeautifulSoup imported, neither loaded
    assert lines[1] == "['b']"  # a CSS selector still works: the module loads when used
    assert lines[2] == "gb18030"
    assert lines[3] == "True"


def test_command_detects_undeclared_legacy_encoding(tmp_path: Path) -> None:
    """The real command, whose charset detector is deferred, still detects an undeclared GB18030 post."""
    fixture = Path(__file__).parent.parent / "fixtures" / "post_gb18030_undeclared.md"
    out = tmp_path / "x.md"
    completed = subprocess.run(
        [sys.executable, "-m", "docconv", "--debug", "convert", str(fixture), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert f"[charset-detected] {fixture}: no charset declared; detected gb18030" in completed.stderr
    assert "老字号面馆" in out.read_text(encoding="utf-8")


def test_an_error_python_can_only_report_at_exit_is_one_line() -> None:
    """A finalizer failing at exit (a zip closed after its buffer, after Ctrl-C) prints one line, not a traceback."""
    probe = (
        "import sys\n"
        "class Leftover:\n"
        "    def __del__(self):\n"
        "        raise ValueError('I/O operation on closed file.')\n"
        "leftover = Leftover()\n"
        "sys.argv = ['docconv', '--help']\n"
        "from docconv.cli import entry\n"
        "entry()\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert completed.returncode == 0
    assert "Traceback" not in completed.stderr
    assert completed.stderr.strip().splitlines() == [
        "docconv: note: ignored an error while cleaning up: ValueError: I/O operation on closed file."
    ]
