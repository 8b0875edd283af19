"""The benchmark's report: Markdown tables from the results, written between the markers in docs/performance.md."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmarks.measure import COMMAND, FORMATS, ROOT, SAMPLE, article_fixtures

REPORT = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"


def ms(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def size(value: int | None) -> str:
    if value is None:
        return "–"
    return f"{value / 1024:.0f} KB" if value < 1024 * 1024 else f"{value / 1024 / 1024:.1f} MB"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**met**" if ok else "**missed**")


def cli_time(cli: dict[str, Any]) -> str:
    return ms(cli["seconds"]) if "seconds" in cli else str(cli.get("error", "–"))


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(row) + " |" for row in rows)]


def targets(results: dict[str, Any]) -> list[list[str]]:
    single, floor, batch, startup = results.get("single", {}), results.get("floor"), results.get("batch", {}), results["startup"]
    rows: list[tuple[str, str, str, bool | None]] = []
    name = "PDF, one article, in-process ÷ WeasyPrint alone on docconv's HTML"
    if floor:
        rows.append(
            (
                name,
                f"{floor['ratio']:.2f}× ({ms(floor['docconv'])} ÷ {ms(floor['weasyprint'])})",
                "≤ 1.15×",
                floor["ratio"] <= 1.15,
            )
        )
    else:
        rows.append((name, "not measured (no PDF renderer)", "≤ 1.15×", None))
    if "markdown" in single:
        total = single["markdown"]["total"]
        rows.append(("Markdown, one article, in-process (read + render)", ms(total), "≤ 50 ms", total <= 0.050))
    if "epub" in single:
        total = single["epub"]["total"]
        rows.append(("EPUB, one article, in-process (read + render, no font embedding)", ms(total), "≤ 300 ms", total <= 0.300))
    for corpus, summary in batch.get("corpora", {}).items():
        speedup = summary["speedup"]
        if speedup == speedup:
            name = f"Batch of {summary['articles']} {corpus} → {batch['formats']}: `--jobs 1` ÷ `--jobs 2`"
            rows.append((name, f"{speedup:.2f}×", "≥ 1.7×", speedup >= 1.7))
    rows.append(("`docconv --help` wall time", ms(startup["help"]), "< 0.5 s", startup["help"] < 0.5))
    engines = {"weasyprint", "ebooklib", "fontTools"} & set(startup["loaded"])
    rows.append(("engines loaded by `import docconv` + `--help`", ", ".join(sorted(engines)) or "none", "none", not engines))
    return [[a, b, c, verdict(d)] for a, b, c, d in rows]


def peers_table(results: dict[str, Any]) -> list[str]:
    """docconv against pandoc and calibre on the same article: whole-process time and what the output is like."""
    peers = results.get("peers")
    if not peers:
        return []
    single = results.get("single", {})
    lines = ["", "### Against the peers (the sample article, whole processes)", ""]
    isolated = "without network (`unshare -n`)" if peers.get("isolated") else "with network access left as it is"
    lines.append(
        f"Each tool converts docconv's HTML of the sample article (images offline), {isolated}; docconv converts the article"
    )
    lines.append("itself. Outputs are checked as docconv's are: EPUBCheck for EPUB, embedded font kinds (`pdffonts`) for PDF.")
    lines.append("")
    rows = []
    for fmt in ("markdown", "epub", "pdf"):
        ours = single.get(fmt, {}).get("cli", {}).get("seconds")
        if ours is None:
            continue
        rows.append([f"docconv → {fmt}", ms(ours), "1.00×", peers.get("docconv", {}).get(fmt, "")])
        for peer, row in peers.get("tools", {}).items():
            if "error" in row or fmt not in row:
                continue
            seconds = row[fmt]["seconds"]
            ratio = f"{seconds / ours:.2f}×" if seconds == seconds else "–"
            rows.append([f"{peer} → {fmt}", ms(seconds), ratio, row[fmt]["check"]])
    for peer, row in peers.get("tools", {}).items():
        if "error" in row:
            rows.append([peer, f"{row['error']} (skipped)", "–", ""])
    return lines + table(["tool → format", "wall time", "÷ docconv", "output"], rows)


def render_report(results: dict[str, Any], host: dict[str, str], quick: bool) -> str:
    lines = [BEGIN, ""]
    lines.append(
        f"Measured {host['date']} at commit `{host['commit']}`{' with `--quick`' if quick else ''}; load average before/after: "
    )
    lines[-1] += f"{host['load']}. Times are medians of warm repetitions unless marked *first*."
    lines += ["", "### Targets (issue 9)", ""]
    lines += table(["measure", "result", "target", "verdict"], targets(results))

    single = results.get("single", {})
    lines += ["", f"### One article ({SAMPLE.name}, {SAMPLE.stat().st_size // 1024} KB of Chinese news, images offline)", ""]
    rows = []
    for fmt in FORMATS:
        row = single.get(fmt)
        if row is None:
            rows.append([fmt, "–", "–", "–", "–", "–", "–", "renderer not available"])
            continue
        peaks = f"{mb(row['peak_mb'])} / {mb(row['cli'].get('peak_mb'))}"
        rows.append(
            [
                fmt,
                ms(row["read"]),
                ms(row["render"]),
                ms(row["total"]),
                ms(row["first"]),
                cli_time(row["cli"]),
                peaks,
                size(row["bytes"]),
            ]
        )
    embedded = single.get("epub-embedded-fonts")
    if embedded and "total" in embedded:
        rows.append(
            [
                "epub `--embed-fonts`",
                "–",
                ms(embedded["render"]),
                ms(embedded["total"]),
                ms(embedded["first"]),
                "–",
                mb(embedded["peak_mb"]),
                size(embedded["bytes"]),
            ]
        )
    header = [
        "format",
        "read",
        "render",
        "in-process",
        "*first* in a fresh process",
        "`docconv convert` process",
        "peak RSS in-process / CLI",
        "output",
    ]
    lines += table(header, rows)

    floor = results.get("floor")
    lines += ["", "### PDF against its floor (same article)", ""]
    rows = []
    if floor:
        weasy = floor["weasyprint"]
        rows.append(["WeasyPrint alone: `HTML(string=html_renderer_output, base_url=…).write_pdf()`", ms(weasy), "1.00×"])
        if floor.get("handoff"):
            rows.append(
                [
                    "WeasyPrint alone on exactly the PDF renderer's HTML + CSS, nothing cached",
                    ms(floor["handoff"]),
                    f"{floor['handoff'] / weasy:.2f}×",
                ]
            )
        rows.append(
            [
                "docconv PDF renderer, in-process (render only: font check, HTML, layout, CJK justification, PDF)",
                ms(floor["docconv"]),
                f"{floor['ratio']:.2f}×",
            ]
        )
        rows.append(["docconv HTML renderer (the HTML above)", ms(floor["html"]), f"{floor['html'] / weasy:.2f}×"])
    else:
        rows.append(["WeasyPrint alone", "not measured: docconv's HTML/PDF renderers are not available", "–"])
    lines += table(["tool", "time", "÷ WeasyPrint alone"], rows)

    lines += peers_table(results)

    caches = results.get("caches", {})
    if caches:
        lines += ["", "### Work done once: process caches (item 4)", ""]
        lines.append(
            "Render of the same article with docconv's process caches kept, and with every `functools` cache in docconv's"
        )
        lines.append(
            "modules emptied first (font list, font configuration, parsed CSS, compiled templates, page CSS, renderer table)."
        )
        lines.append("")
        rows = [
            [fmt, ms(row["warm"]), ms(row["cold"]), ms(row["cold"] - row["warm"]), str(row["caches"])]
            for fmt, row in caches.items()
        ]
        lines += table(["format", "render, caches kept", "render, caches emptied", "saved per article", "caches"], rows)
        scan = results.get("scan")
        if scan and scan.get("measured"):
            lines += [
                "",
                f"Reading the same article: {ms(scan['cached'])} with the plugin entry points scanned once per process",
                f"(`docconv.registry.plugins`), {ms(scan['rescanned'])} when every read scans them again (as before).",
            ]

    media = results.get("media")
    if media:
        sizes = ", ".join(size(n) for n in media["sizes"])
        lines += ["", f"### Images (served from 127.0.0.1: two 3000×2000 JPEG, a PNG, a WebP; {sizes})", ""]
        rows = [[name, ms(seconds)] for name, seconds in media["images"].items()]
        for key, seconds in media.items():
            if key.startswith("packet:"):
                fmt = key.split(":")[1]
                per_article = seconds / media["articles"]
                rows.append([f"{fmt} packet of {media['articles']} articles sharing these images (one store)", ms(seconds)])
                rows.append(
                    [
                        "… per article in the packet / the same article alone (its own store, disk cache warm)",
                        f"{ms(per_article)} / {ms(media['single:' + fmt])}",
                    ]
                )
        lines += table(["all four images", "time"], rows)

    fixtures = results.get("fixtures", {})
    if fixtures:
        lines += ["", f"### Every article fixture ({len(article_fixtures())} files), in-process read + render", ""]
        rows = []
        for fmt, row in fixtures.items():
            failed = f" ({len(row['failures'])} failed: {', '.join(row['failures'])})" if row["failures"] else ""
            slowest = f"{ms(row['slowest'])} ({row['slowest_name']})"
            rows.append([fmt, f"{row['count']}{failed}", ms(row["median"]), slowest, mb(row["peak_mb"])])
        lines += table(["format", "converted", "median per article", "slowest", "peak RSS"], rows)

    packets = results.get("packets", {})
    if packets:
        lines += ["", "### Packets (synthetic corpus built from the fixtures)", ""]
        rows = []
        for key, row in packets.items():
            count, fmt = key.split(":")
            if "error" in row:
                rows.append([count, fmt, f"failed: {row['error']}", "", "", "", "", "", ""])
                continue
            cli = row["cli"]
            peaks = f"{mb(row['peak_mb'])} / {mb(cli.get('peak_mb'))}"
            per_article = ms(row["total"] / int(count))
            rows.append(
                [
                    count,
                    fmt,
                    ms(row["read"]),
                    ms(row["render"]),
                    ms(row["total"]),
                    per_article,
                    cli_time(cli),
                    peaks,
                    size(row["bytes"]) + (f", {row['pages']} pages" if row.get("pages") else ""),
                ]
            )
        header = [
            "articles",
            "format",
            "read + bind",
            "render",
            "in-process",
            "per article",
            "`docconv packet` process",
            "peak RSS in-process / CLI",
            "output",
        ]
        lines += table(header, rows)

    batch = results.get("batch")
    if batch:
        lines += [
            "",
            f"### Batch: 100 inputs → {batch['formats']} with `docconv convert … -o DIR/ --jobs N`",
            "",
        ]
        rows = []
        for corpus, summary in batch["corpora"].items():
            average = summary["kilobytes"] / summary["articles"]
            rows.append([f"**{corpus}**, {average:.0f} KB an input on average", "", "", ""])
            for jobs in (1, 2):
                run = summary[f"jobs{jobs}"]
                rows.append([f"`--jobs {jobs}`", cli_time(run), ms(run.get("cpu")), mb(run.get("peak_mb"))])
            rows.append(["speedup", f"{summary['speedup']:.2f}×", "", ""])
            fixed = summary["fixed"]
            label = "one input, `--jobs 1` (start-up, imports, first-input caches: the part no worker shares)"
            rows.append([label, cli_time(fixed), ms(fixed.get("cpu")), mb(fixed.get("peak_mb"))])
            label = "speedup of the rest (wall time minus the one-input time)"
            rows.append([label, f"{summary['work_speedup']:.2f}×", "", ""])
            if "pair" in summary:
                label = "two `--jobs 1` batches at once: throughput ÷ one batch alone (this machine's ceiling for this work)"
                rows.append([label, f"{summary['pair']:.2f}×", "", ""])
                label = "best `--jobs 2` can do: the one-input time serial, the rest sped up as much as the pair"
                rows.append([label, f"{summary['bound']:.2f}×", "", ""])
        label = "this machine's ceiling: two CPU-bound Python processes side by side vs one after the other"
        rows.append([label, f"{batch['ceiling']:.2f}×", "", ""])
        if "pdf" in batch:
            heavy = batch["pdf"]
            label = f"{heavy['articles']} articles → pdf, `--jobs 1` / `--jobs 2`"
            rows.append(
                [label, f"{ms(heavy['jobs1'])} / {ms(heavy['jobs2'])}", f"speedup {heavy['jobs1'] / heavy['jobs2']:.2f}×", ""]
            )
        lines += table(["run", "wall time", "CPU time, all processes", "peak RSS (largest process)"], rows)

    startup = results["startup"]
    lines += ["", "### Start-up", ""]
    rows = [
        ["`python -c pass` (the interpreter alone)", ms(startup["python"])],
        ["`python -c 'import docconv'`", ms(startup["import"])],
        ["`docconv --help`", ms(startup["help"])],
        ["heavy modules loaded by `import docconv` + `--help`", ", ".join(startup["loaded"]) or "none"],
        ["one scan of installed entry points (`importlib.metadata.entry_points(group=…)`)", ms(startup["scan"])],
    ]
    lines += table(["measure", "wall time"], rows)

    lines += ["", "### Machine", ""]
    lines += [f"- {name}: {host[name]}" for name in ("cpu", "cores", "memory", "os", "python", "libraries")]
    command = host.get("command", COMMAND)
    lines += ["", f"Reproduce: `{command}` (`--quick` for fewer repetitions).", "", END]
    return "\n".join(lines)


def write_report(block: str) -> None:
    if REPORT.exists():
        text = REPORT.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            REPORT.write_text(head + block + tail, encoding="utf-8")
            return
        REPORT.write_text(text.rstrip("\n") + "\n\n## Results\n\n" + block + "\n", encoding="utf-8")
        return
    REPORT.write_text(f"# Performance\n\n## Results\n\n{block}\n", encoding="utf-8")
