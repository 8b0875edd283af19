"""Peak memory and time of hostile inputs and of the largest legal ones, each a fresh ``docconv`` process.

    .venv/bin/python benchmarks/memory.py            # every case (several minutes), a Markdown table
    .venv/bin/python benchmarks/memory.py --quick    # the hostile inputs only, Markdown and EPUB

The figures go into docs/robustness.md ("Memory and time bounds"). Peak RSS is the child's own
(``measure.run_process``: ``os.wait4`` from a small launcher); CPU is user + system seconds, which
a loaded machine changes less than wall time. Everything runs ``--offline``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks import hostile
from benchmarks.corpus import build_corpus
from benchmarks.measure import run_process

DOCCONV = [sys.executable, "-m", "docconv"]


def large_article(path: Path, megabytes: int = 20) -> Path:
    """A legal article of about ``megabytes`` MB: headings and paragraphs of CJK and Latin with links.

    Paragraphs of about 800 bytes, like the news articles docconv reads, so 20 MB stays under
    ``max_blocks`` (100,000).
    """
    sentence = "上海城市软实力的研究显示，文化、治理与开放共同塑造了城市形象。The city's soft power grows. "
    paragraph = f"<p>{sentence * 5}<a href='https://example.org/'>来源</a></p>"
    count = megabytes * 1024 * 1024 // len(paragraph.encode())
    parts = [f"<h2>第 {i // 50} 节</h2>" if i % 50 == 0 else paragraph for i in range(count)]
    path.write_text("<html><head><title>大文章</title></head><body><article>" + "".join(parts) + "</article></body></html>")
    return path


def largest(work: Path) -> list[tuple[str, list[str]]]:
    """The largest legal inputs: a 20 MB article and a packet of 100 articles."""
    big = large_article(work / "big.html")
    result = [(f"20 MB article → {fmt}", ["convert", str(big), "-o", str(work / "out" / f"big.{fmt}")]) for fmt in ("md", "epub")]
    articles = build_corpus(work / "corpus", 100)
    packet = ["packet", *map(str, articles), "--title", "简报", "-o"]
    return result + [
        (f"100-article packet → {fmt}", [*packet, str(work / "out" / f"packet.{fmt}")]) for fmt in ("md", "epub", "pdf")
    ]


def cases(work: Path, quick: bool) -> list[tuple[str, list[str]]]:
    inputs = hostile.write_all(work / "hostile")
    formats = ["md", "epub"] if quick else ["md", "epub", "pdf"]
    result = [
        (f"{name} → {fmt}", ["convert", str(path), "-o", str(work / "out" / f"{name}.{fmt}")])
        for name, path in inputs.items()
        for fmt in formats
    ]
    manifest = work / "hostile" / "bomb.yaml"
    manifest.write_bytes(hostile.alias_bomb_manifest("yaml_alias_bomb.md"))
    result += [
        (f"alias bomb manifest → {fmt}", ["packet", str(manifest), "-o", str(work / "out" / f"bomb.{fmt}")]) for fmt in formats
    ]
    if quick:
        return result
    (work / "wide.md").write_bytes(hostile.wide_table(2000, 20))
    (work / "long.md").write_bytes(hostile.long_paragraph())
    result += [
        ("2,000-column table → pdf", ["convert", str(work / "wide.md"), "-o", str(work / "out" / "wide.pdf")]),
        ("1 MB paragraph → pdf", ["convert", str(work / "long.md"), "-o", str(work / "out" / "long.pdf")]),
    ]
    return result + largest(work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="hostile inputs only, Markdown and EPUB")
    parser.add_argument("--largest", action="store_true", help="the largest legal inputs only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="docconv-memory-") as folder:
        work = Path(folder)
        (work / "out").mkdir()
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "XDG_CACHE_HOME": str(work / "cache")}
        print("| input | exit | wall s | CPU s | peak RSS MB |\n|---|---|---|---|---|")
        for label, argv_ in largest(work) if args.largest else cases(work, args.quick):
            done = run_process([*DOCCONV, *argv_, "--offline", "-q", "--limit", "render_timeout=300"], env, work)
            print(f"| {label} | {done.code} | {done.seconds:.1f} | {done.cpu:.1f} | {done.peak_mb:.0f} |", flush=True)
            if "internal error" in done.stderr:
                print(f"internal error: {done.stderr.strip()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
