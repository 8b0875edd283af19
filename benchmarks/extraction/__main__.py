"""Command line: ``.venv/bin/python -m benchmarks.extraction --set all --worst 10``."""

from __future__ import annotations

import argparse
import sys
import time

from benchmarks.extraction import report
from benchmarks.extraction.corpus import DATA, GROUPS, SETS, SNIPPET_SETS, expand, load
from benchmarks.extraction.evaluate import MAX_JOBS, run


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction",
        description="Precision, recall and F1 of docconv's body text and of trafilatura alone, on the same pages.",
    )
    parser.add_argument(
        "--set",
        default="all",
        choices=list(dict.fromkeys([*GROUPS, *SETS])),
        help="en (= en-full + en-snippets), zh, all, or one set",
    )
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N pages of each set")
    parser.add_argument("--worst", type=int, default=0, metavar="K", help="list the K pages with the lowest docconv F1 per set")
    parser.add_argument("--jobs", type=int, default=MAX_JOBS, help=f"worker processes (at most {MAX_JOBS})")
    parser.add_argument("--no-write", action="store_true", help="do not write results/<set>.csv and .summary.json")
    return parser.parse_args(argv)


def preflight() -> str:
    """Why the extractors cannot run at all (a broken install or checkout), or "" when they can.

    Without this, an import error would be scored as a failure on every page.
    """
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article><p>"
        + "A sentence of the article. " * 20
        + "</p></article></body></html>"
    )
    try:
        import trafilatura

        import docconv

        docconv.read_text(page, offline=True)
        trafilatura.extract(page)
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return ""


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if problem := preflight():
        print(f"benchmarks.extraction: the extractors do not run here: {problem}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    full: list[report.Row] = []
    snippets: list[report.Row] = []
    worst: list[str] = []
    for set_name in expand(args.set):
        if not (DATA / f"{set_name}.tar.gz").exists():
            # Sets whose licence forbids redistribution are built locally (build_data.py), never committed.
            print(f"benchmarks.extraction: {set_name}: not here; build it with build_data.py (see README)", file=sys.stderr)
            continue
        pages = load(set_name, args.limit)
        rows = run(set_name, pages, args.jobs)
        summaries = report.summarise(set_name, rows)
        (snippets if set_name in SNIPPET_SETS else full).extend(summaries)
        if not args.no_write:
            report.write(set_name, rows, summaries)
        if args.worst:
            worst.append(report.worst(set_name, rows, args.worst))
    print("## Body text against full references\n")
    print(report.table(full) or "(no set with full references)")
    if snippets:
        print("\n## trafilatura's evaluation snippets\n")
        print(report.table(snippets))
    for listing in worst:
        print("\n" + listing)
    limited = f", first {args.limit} pages per set" if args.limit else ""
    print(f"\n({time.perf_counter() - started:.0f} s{limited})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
