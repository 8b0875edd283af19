"""docconv benchmark: one command times every format against its floor and its peers, writes docs/performance.md.

    .venv/bin/python benchmarks/run.py            # full run (a few minutes), rewrites docs/performance.md
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, same tables
    .venv/bin/python benchmarks/run.py --no-write # print only

What it measures, on the bundled fixtures and on a synthetic corpus of 100 articles built from
them (each fixture read once, re-titled, given its own source URL and a numbered first
paragraph so the binder keeps every copy, and written as docconv Markdown):

- one article (the sample post) to Markdown, EPUB, HTML and PDF, in-process (read + render,
  median of warm repetitions, and the first call in a fresh process) and as a whole
  ``docconv convert`` process;
- WeasyPrint alone on docconv's own HTML for the same article (the floor for PDF), interleaved
  with docconv's PDF renderer in the same process; pandoc and calibre's ``ebook-convert`` on the
  same HTML when they are installed;
- packets of 30 and 100 articles in every format, in-process and as ``docconv packet``;
- a batch of the 100 articles to Markdown + EPUB with ``--jobs 1`` and ``--jobs 2``;
- ``docconv --help`` and ``import docconv`` wall time, and which heavy modules they load.

Every in-process measurement runs in a fresh child process, so its peak memory is that
child's own ``ru_maxrss`` (``os.wait4``), interpreter and libraries included. Nothing goes to
the network: every conversion is ``--offline`` and the image cache is a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script: import the ``benchmarks`` package from the checkout rather than its folder's modules one by one.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from benchmarks.cases import (
    measure_batch,
    measure_caches,
    measure_fixtures,
    measure_floor,
    measure_media,
    measure_packets,
    measure_peers,
    measure_single,
    measure_startup,
)
from benchmarks.children import child_main
from benchmarks.corpus import (
    BATCH_NATIVE,
    BATCH_NEWS,
    BATCH_PAGES,
    BATCH_SMALL,
    build_corpus,
    copy_fixtures,
    copy_pages,
    copy_sample,
)
from benchmarks.measure import COMMAND, FORMATS, ROOT, Bench, load_average, log, machine, renderer_available
from benchmarks.report import BEGIN, END, REPORT, render_report, write_report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--no-write", action="store_true", help="print the tables; leave docs/performance.md alone")
    parser.add_argument("--only", help="comma-separated parts: startup,single,fixtures,floor,caches,media,peers,packets,batch")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--long", type=int, default=0, metavar="N", help="also a PDF packet of N articles, in-process (memory growth)"
    )
    parser.add_argument("--from-json", type=Path, metavar="FILE", help="rewrite the report from a --json file of an earlier run")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child)
        return 0
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        block = render_report(saved["results"], saved["machine"], saved.get("quick", False))
        print(block.replace(BEGIN, "").replace(END, "").strip())
        if not args.no_write:
            write_report(block)
        return 0
    parts = (
        set(args.only.split(","))
        if args.only
        else {"startup", "single", "fixtures", "floor", "caches", "media", "peers", "packets", "batch"}
    )
    with tempfile.TemporaryDirectory(prefix="docconv-bench-") as folder:
        work = Path(folder)
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": "1700000000",
            "XDG_CACHE_HOME": str(work / "cache"),
        }
        # Byte-compiled first, as an installed wheel is: with PYTHONDONTWRITEBYTECODE set (or a
        # read-only checkout) every edited module would be compiled again in every process timed.
        compileall.compile_dir(ROOT / "docconv", quiet=1)
        bench = Bench(args.quick, work, env)
        bench.available = {fmt: renderer_available(fmt) for fmt in FORMATS}
        log(f"renderers: {', '.join(f for f, ok in bench.available.items() if ok)}")
        started = time.perf_counter()
        load_before = load_average()
        measure_startup(bench)
        for part, measure in (
            ("single", measure_single),
            ("fixtures", measure_fixtures),
            ("floor", measure_floor),
            ("caches", measure_caches),
            ("media", measure_media),
            ("peers", measure_peers),
        ):
            if part in parts:
                measure(bench)
        if parts & {"packets", "batch"}:
            corpus = build_corpus(work / "corpus", max(100, args.long))
            if "packets" in parts:
                measure_packets(bench, corpus, args.long)
            if "batch" in parts:
                measure_batch(
                    bench,
                    {
                        BATCH_SMALL: corpus[:100],
                        BATCH_NATIVE: copy_fixtures(work / "native", 100),
                        BATCH_NEWS: copy_sample(work / "news", 100),
                        BATCH_PAGES: copy_pages(work / "pages", 100),
                    },
                )
        host = machine()
        host["load"] = f"{load_before} / {load_average()}"
        host["command"] = " ".join(
            [COMMAND, *(["--quick"] if args.quick else []), *([f"--long {args.long}"] if args.long else [])]
        )
        block = render_report(bench.results, host, args.quick)
        log(f"done in {time.perf_counter() - started:.0f} s")
    print(block.replace(BEGIN, "").replace(END, "").strip())
    if args.json:
        args.json.write_text(
            json.dumps({"machine": host, "results": bench.results, "quick": args.quick}, indent=2, ensure_ascii=False),
            encoding="utf-8",
        )
    if not args.no_write:
        write_report(block)
        log(f"wrote {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
