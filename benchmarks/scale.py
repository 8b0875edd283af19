"""Archive-scale figures for docs/scale.md: per-article cost by format, and a Dask cluster against the local pool.

    .venv/bin/python -m benchmarks.scale [--quick] [--out results.json]

Measures, on news-length articles (the sample post, about 4,000 characters of news each):

1. the cost of one article per format (Markdown, EPUB, PDF), from ``--jobs 1`` batches of two
   sizes: the CPU seconds (user + system, the process and the children it waited for) of the
   larger minus the smaller, divided by the difference in articles, so start-up is left out;
2. the fixed cost of each side: two articles to Markdown + EPUB, ``--jobs 2`` against
   ``--cluster local:2``, alternated (the cluster's start-up: importing Dask, the fork server, the
   scheduler, the workers joining, and stopping it all);
3. issue 18's figure: 1,000 articles to Markdown + EPUB and 200 to PDF, ``--jobs 2`` against
   ``--cluster local:2``, alternated and repeated (the median wall time of each), with the
   cluster's start-up counted, and whether the outputs are byte-identical;
4. the cluster's overhead per article: its extra wall time over the local pool, times the two
   workers, per article, start-up included.

The last lines printed are the ratios (``--cluster local:2`` ÷ ``--jobs 2``, target at most 1.15).
On a machine shared with other work, wall times vary by tens of percent between runs: the runs of
each side alternate, and every run is kept in the JSON (``runs``) with the load average.
Everything runs offline on 127.0.0.1; the local cluster binds nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.corpus import copy_sample
from benchmarks.measure import median, run_process

DOCCONV = [sys.executable, "-m", "docconv", "-q", "convert"]


def batch(inputs: Path, out: Path, formats: str, mode: list[str], env: dict[str, str]) -> dict[str, float]:
    """One batch of a folder of articles; its wall time and CPU seconds (fresh output folder)."""
    shutil.rmtree(out, ignore_errors=True)
    run = run_process([*DOCCONV, str(inputs), "-o", f"{out}/", "-t", formats, "--offline", *mode], env)
    if run.code != 0:
        raise RuntimeError(f"{mode} {formats} failed: {run.stderr[-2000:]}")
    return {"seconds": run.seconds, "cpu": run.cpu}


def per_article(work: Path, env: dict[str, str], sizes: tuple[int, int], fmt: str) -> float:
    """CPU seconds one more article costs in ``fmt`` (a --jobs 1 batch: every child is waited for)."""
    small, large = sizes
    corpus = copy_sample(work / f"cost-{fmt}-{large}", large)
    few = work / f"cost-{fmt}-{small}"
    few.mkdir(parents=True, exist_ok=True)
    for path in corpus[:small]:
        shutil.copy(path, few / path.name)
    cpus = {}
    for count, folder in ((small, few), (large, corpus[0].parent)):
        runs = [batch(folder, work / "out-cost", fmt, ["--jobs", "1"], env)["cpu"] for _ in range(2)]
        cpus[count] = min(runs)  # the least disturbed by the machine's other work
    return (cpus[large] - cpus[small]) / (large - small)


def versus(work: Path, env: dict[str, str], count: int, formats: str, repeat: int) -> dict[str, Any]:
    """``--jobs 2`` against ``--cluster local:2`` on ``count`` articles, alternated ``repeat`` times."""
    corpus = copy_sample(work / f"versus-{formats}-{count}", count)[0].parent
    local: list[float] = []
    cluster: list[float] = []
    for _ in range(repeat):
        local.append(batch(corpus, work / "out-local", formats, ["--jobs", "2"], env)["seconds"])
        cluster.append(batch(corpus, work / "out-cluster", formats, ["--cluster", "local:2"], env)["seconds"])
    same = all(
        (work / "out-local" / p.name).read_bytes() == p.read_bytes()
        for p in (work / "out-cluster").iterdir()
        if not p.name.startswith(".")
    )
    jobs, dask = median(local), median(cluster)
    return {
        "articles": count,
        "formats": formats,
        "jobs2_seconds": jobs,
        "cluster2_seconds": dask,
        "ratio": dask / jobs,
        "overhead_core_seconds_per_article": 2 * (dask - jobs) / count,
        "runs": {"jobs2": local, "cluster2": cluster},
        "outputs_identical": same,
    }


def startup(work: Path, env: dict[str, str], repeat: int) -> dict[str, Any]:
    """Wall time of a batch of two articles on each side, alternated: what each costs before and after its work."""
    corpus = copy_sample(work / "startup", 2)[0].parent
    local: list[float] = []
    cluster: list[float] = []
    for _ in range(repeat):
        local.append(batch(corpus, work / "out-local", "md,epub", ["--jobs", "2"], env)["seconds"])
        cluster.append(batch(corpus, work / "out-cluster", "md,epub", ["--cluster", "local:2"], env)["seconds"])
    return {
        "jobs2_seconds": median(local),
        "cluster2_seconds": median(cluster),
        "cluster_extra_seconds": median(cluster) - median(local),
        "runs": {"jobs2": local, "cluster2": cluster},
    }


def summary(results: dict[str, Any]) -> list[str]:
    """The Done-means lines: each comparison's medians and ratio."""
    lines = []
    for key, label in (("markdown_epub", "Markdown + EPUB"), ("pdf", "PDF")):
        if key in results:
            part = results[key]
            lines.append(
                f"{label}, {part['articles']:,} articles: --jobs 2 {part['jobs2_seconds']:.1f} s, "
                f"--cluster local:2 {part['cluster2_seconds']:.1f} s, ratio {part['ratio']:.2f} (target <= 1.15; "
                f"{len(part['runs']['jobs2'])} alternated runs each, outputs identical: {part['outputs_identical']})"
            )
    if "startup" in results:
        part = results["startup"]
        lines.append(
            f"Start-up, 2 articles: --jobs 2 {part['jobs2_seconds']:.2f} s, --cluster local:2 {part['cluster2_seconds']:.2f} s"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the articles, one run each")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here too")
    parser.add_argument(
        "--only", choices=["cost", "startup", "markdown_epub", "pdf"], action="append", help="run only these parts"
    )
    parser.add_argument("--repeat", type=int, default=3, help="alternated runs of each side (default 3)")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    results: dict[str, Any] = {"machine_cores": len(os.sched_getaffinity(0)), "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory() as folder:
        env["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        work = Path(folder)
        parts = set(args.only or ["cost", "startup", "markdown_epub", "pdf"])
        repeat = 1 if args.quick else args.repeat
        if "cost" in parts:
            results["per_article_cpu_seconds"] = {
                "markdown": per_article(work, env, (20 // scale, 200 // scale), "md"),
                "epub": per_article(work, env, (20 // scale, 200 // scale), "epub"),
                "pdf": per_article(work, env, (5 // scale or 1, 40 // scale), "pdf"),
            }
            print(json.dumps(results, indent=2), file=sys.stderr, flush=True)
        if "startup" in parts:
            results["startup"] = startup(work, env, 2 if args.quick else 5)
            print(json.dumps(results["startup"], indent=2), file=sys.stderr, flush=True)
        if "markdown_epub" in parts:
            results["markdown_epub"] = versus(work, env, 1000 // scale, "md,epub", repeat)
            print(json.dumps(results["markdown_epub"], indent=2), file=sys.stderr, flush=True)
        if "pdf" in parts:
            results["pdf"] = versus(work, env, 200 // scale, "pdf", max(1, repeat - 1))
    results["load_average_after"] = os.getloadavg()
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print("\n".join(summary(results)))


if __name__ == "__main__":
    main()
