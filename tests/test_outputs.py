"""Outputs behave like pandoc's: ``-o -``, devices, FIFOs and symlinks written through, several ``-o``,
and every output path checked before any input is read."""

from __future__ import annotations

import os
import re
import stat
import threading
from pathlib import Path

import pytest

from tests.test_cli import run

MARKDOWN = "---\ntitle: 标题\n---\n\n正文第一段。\n\n## 小节\n\n正文第二段。\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "post.md"
    path.parent.mkdir()
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


def _expected_markdown(article: Path) -> bytes:
    code, out, err = run("convert", str(article), "-t", "md", "-o", "-")
    assert code == 0, err
    return out.encode("utf-8")


def test_a_fifo_is_written_through_and_stays_a_fifo(article: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run("convert", str(article), "-t", "md", "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0, err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received == [_expected_markdown(article)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "pipe"]  # no temporary file left


def test_a_device_node_is_written_through_and_stays_a_device(article: Path, tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:  # a null device of our own, in a temporary folder: the machine's /dev/null is never touched
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot make a device node here: {error}")
    before = device.lstat()
    code, _, err = run("convert", str(article), "-o", str(device), "-t", "md")
    assert code == 0, err
    after = device.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "null"]


def test_a_symlink_stays_and_its_target_is_written(article: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "target.md").write_text("old", encoding="utf-8")
    links = tmp_path / "links"
    links.mkdir()
    link = links / "link.md"
    link.symlink_to(real / "target.md")
    dangling = links / "new.md"
    dangling.symlink_to(real / "created.md")
    for output in (link, dangling):
        code, _, err = run("convert", str(article), "-o", str(output))
        assert code == 0, err
        assert output.is_symlink()
    assert (real / "target.md").read_bytes() == _expected_markdown(article)
    assert (real / "created.md").read_bytes() == _expected_markdown(article)
    assert sorted(p.name for p in real.iterdir()) == ["created.md", "target.md"]
    assert sorted(p.name for p in links.iterdir()) == ["link.md", "new.md"]


def test_a_symlink_to_the_input_is_refused(article: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(article)
    code, _, err = run("convert", str(article), "-o", str(link))
    assert code == 1 and "refusing to overwrite the input" in err
    assert article.read_text(encoding="utf-8") == MARKDOWN and link.is_symlink()


def test_packet_to_standard_output(article: Path, tmp_path: Path) -> None:
    other = tmp_path / "in" / "other.md"
    other.write_text("---\ntitle: 另一篇\n---\n\n另一篇的正文。\n", encoding="utf-8")
    code, out, err = run("packet", str(article), str(other), "--title", "简报", "-t", "md", "-o", "-", "--offline")
    assert code == 0, err
    assert "简报" in out and "正文第一段。" in out and "另一篇的正文。" in out
    assert not (Path.cwd() / "-").exists()
    code, _, err = run("packet", str(article), "--title", "简报", "-o", "-")
    assert code == 2 and "-t" in err


def test_several_outputs_write_each_format_from_one_reading(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docconv import pipeline

    reads: list[object] = []
    real_read = pipeline.read

    def counting_read(*args: object, **kwargs: object) -> object:
        reads.append(args[0])
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "read", counting_read)
    outputs = [tmp_path / "x.md", tmp_path / "x.html", tmp_path / "x.epub"]
    code, _, err = run("convert", str(article), *[arg for o in outputs for arg in ("-o", str(o))], "--offline")
    assert code == 0, err
    assert len(reads) == 1
    assert outputs[0].read_bytes() == _expected_markdown(article)
    assert "正文第二段。" in re.sub(r"<[^>]+>", "", outputs[1].read_text(encoding="utf-8"))  # typesetting spans aside
    assert outputs[2].read_bytes().startswith(b"PK")


def test_several_inputs_with_one_output_file_is_refused(article: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(article), str(article), "-o", str(tmp_path / "both.md"))
    assert code == 2
    assert "docconv packet" in err and "-o DIR/" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "both.md").exists()


def test_an_output_folder_needs_t(article: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(article), "-o", str(tmp_path / "out") + "/")
    assert code == 2 and "add -t" in err
    assert not (tmp_path / "out").exists()
    code, _, err = run("convert", str(article), "-o", str(tmp_path / "new" / "sub") + "/", "-t", "md")
    assert code == 0, err
    assert (tmp_path / "new" / "sub" / "post.md").read_bytes() == _expected_markdown(article)


@pytest.mark.parametrize("command", ["convert", "packet"])
def test_a_missing_output_folder_is_a_usage_error_before_any_input_is_read(command: str, tmp_path: Path) -> None:
    missing_input = str(tmp_path / "no-such-input.md")
    args = [command, missing_input, "-o", str(tmp_path / "a.md"), "-o", str(tmp_path / "missing" / "x.epub")]
    code, _, err = run(*args, *(["--title", "T"] if command == "packet" else []))
    assert code == 2, err
    assert f"output folder {tmp_path / 'missing'} does not exist" in err and "no-such-input" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_output_with_no_known_extension_names_t(article: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(article), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "-t" in err and ".pdf" in err


def test_api_checks_the_output_before_reading(tmp_path: Path) -> None:
    import docconv
    from docconv.errors import UsageError

    with pytest.raises(UsageError, match="does not exist"):
        docconv.convert(tmp_path / "no-such-input.md", tmp_path / "missing" / "x.md")
