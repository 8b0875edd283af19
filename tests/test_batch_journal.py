"""The batch journal and --resume: what every batch records, and an interrupted batch finished without redoing work."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from docconv.batch_journal import JOURNAL_NAME
from tests.conftest import FIXTURES
from tests.test_cli import run

ARTICLES = sorted(p for p in FIXTURES.iterdir() if p.suffix in {".html", ".md", ".txt"})


def journal(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(input lines, summary lines) of a folder's journal; every line must parse."""
    lines = [json.loads(line) for line in (folder / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()]
    return [e for e in lines if "input" in e], [e for e in lines if "summary" in e]


def copies(folder: Path, count: int) -> list[Path]:
    """``count`` inputs made from the fixtures, each under its own name."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        article = ARTICLES[number % len(ARTICLES)]
        made.append(folder / f"{number:03d}-{article.name}")
        made[-1].write_bytes(article.read_bytes())
    return made


def state(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Each output's inode, modification time and hash: a rewritten file changes at least one."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in folder.iterdir()
        if p.name != JOURNAL_NAME
    }


def test_every_input_is_journaled_with_its_hash_outputs_status_and_diagnostics(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Good\n\n![pic](https://example.invalid/a.png)\n\nText.\n", encoding="utf-8")
    empty = tmp_path / "empty.md"
    empty.write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, _ = run(
        "convert", str(good), str(empty), str(tmp_path / "missing.md"), "-o", f"{out}/", "-t", "md,html", "--offline"
    )
    assert code == 1
    entries, summaries = journal(out)
    by_input = {e["input"]: e for e in entries}
    assert set(by_input) == {str(good), str(empty), str(tmp_path / "missing.md")}
    ok = by_input[str(good)]
    assert ok["status"] == "ok" and ok["outputs"] == {"markdown": "good.md", "html": "good.html"}
    assert ok["sha256"] == hashlib.sha256(good.read_bytes()).hexdigest()
    assert [d["code"] for d in ok["diagnostics"] if d["level"] == "warning"] == ["image-offline"]
    failed = by_input[str(empty)]
    assert failed["status"] == "failed" and failed["outputs"] == {} and "empty" in failed["failures"][0]["message"]
    assert "sha256" not in by_input[str(tmp_path / "missing.md")]  # never read
    (summary,) = summaries
    assert summary["summary"] == {"total": 3, "converted": 1, "skipped": 0, "failed": 2, "files": 2, "warnings": 1}
    assert summary["interrupted"] is False


def test_resume_after_sigint_finishes_the_rest_and_rewrites_nothing(tmp_path: Path) -> None:
    sources = copies(tmp_path / "in", 120)
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "docconv", "-q", "convert", *map(str, sources), "-o", f"{out}/", "-t", "md,epub", "--offline"]
    process = subprocess.Popen([*argv, "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.epub"))) < 20:  # well into the batch
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and b"Traceback" not in err
    entries, summaries = journal(out)
    assert summaries[-1]["interrupted"] is True and summaries[-1]["summary"] is None
    assert 0 < len(entries) < len(sources)
    # A batch killed outright leaves its temporary files: --resume clears those of its own outputs.
    stale = out / f".{sources[-1].stem}.md.k1ll3d.part"
    stale.write_bytes(b"half")
    # One input was converted to Markdown only before the stop: its Markdown is finished and kept.
    lone = next(s for s in sources if not (out / f"{s.stem}.md").exists())
    (out / f"{lone.stem}.md").write_bytes(b"---\ntitle: kept\n---\n\nkept\n")
    before = state(out)

    completed = subprocess.run([*argv, "--jobs", "2", "--resume"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    after = state(out)
    assert sorted(after) == sorted(f"{s.stem}.{ext}" for s in sources for ext in ("md", "epub"))  # stale .part gone
    assert {name: after[name] for name in before if name in after} == {n: v for n, v in before.items() if n != stale.name}
    resumed, summaries = journal(out)
    # Workers may have finished a few inputs whose outcomes never reached the journal before the stop:
    # their outputs are whole, so they are skipped too, and recorded now.
    skipped = summaries[-1]["summary"]["skipped"]
    assert summaries[-1]["interrupted"] is False and len(entries) <= skipped < len(sources)
    assert sorted(e["input"] for e in resumed) == sorted(map(str, sources))  # every input once: none done twice
    lone_entry = next(e for e in resumed if e["input"] == str(lone))
    assert lone_entry["outputs"] == {"markdown": f"{lone.stem}.md", "epub": f"{lone.stem}.epub"}
    for epub in out.glob("*.epub"):
        with zipfile.ZipFile(epub) as book:
            assert book.testzip() is None, epub.name

    # Nothing left to do: a second resume converts nothing and writes nothing.
    completed = subprocess.run([*argv, "--jobs", "2", "--resume"], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert journal(out)[1][-1]["summary"] == {
        "total": 120,
        "converted": 0,
        "skipped": 120,
        "failed": 0,
        "files": 0,
        "warnings": 0,
    }
    assert state(out) == after


def test_resume_converts_changed_and_failed_inputs_and_missing_outputs(tmp_path: Path) -> None:
    first, second, third = (tmp_path / f"{n}.md" for n in ("one", "two", "three"))
    first.write_text("# One\n\nFirst.\n", encoding="utf-8")
    second.write_text("# Two\n\nSecond.\n", encoding="utf-8")
    third.write_text("  \n", encoding="utf-8")  # fails: empty
    out = tmp_path / "out"
    argv = ["convert", str(first), str(second), str(third), "-o", f"{out}/", "-t", "md,html", "--offline"]
    assert run(*argv)[0] == 1
    second.write_text("# Two\n\nSecond, corrected.\n", encoding="utf-8")
    third.write_text("# Three\n\nNow readable.\n", encoding="utf-8")
    (out / "one.html").unlink()
    kept = state(out)["one.md"]
    code, _, err = run(*argv, "--resume")
    assert code == 0, err
    assert state(out)["one.md"] == kept  # finished, unchanged input: not rewritten
    assert "Second, corrected." in (out / "two.md").read_text(encoding="utf-8")  # changed input: replaced
    assert (out / "one.html").exists() and (out / "three.md").exists()
    entries, _ = journal(out)
    resumed = {e["input"]: e for e in entries[3:]}
    assert sorted(resumed) == sorted([str(first), str(second), str(third)])
    assert resumed[str(first)]["outputs"] == {"markdown": "one.md", "html": "one.html"}


def test_resume_and_force_exclude_each_other(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n\nx\n", encoding="utf-8")
    code, _, err = run("convert", str(tmp_path / "a.md"), "-o", f"{tmp_path / 'out'}/", "-t", "md", "--resume", "--force")
    assert code == 2 and "--resume" in err
