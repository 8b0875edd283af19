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
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE = FIXTURES / "post_guancha_shanghai_soft_power.txt"
REPORT = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"
HEAVY = ("weasyprint", "ebooklib", "fontTools", "trafilatura", "lxml", "PIL", "rich", "jinja2", "segno", "bs4")
FORMATS = ("markdown", "epub", "html", "pdf")
EXTENSIONS = {"markdown": "md", "epub": "epub", "html": "html", "pdf": "pdf"}
COMMAND = ".venv/bin/python benchmarks/run.py"


def article_fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in {".html", ".md", ".txt"})


# ============================================================================ child side
# A child process runs one in-process measurement and prints its result as JSON.


def _options(**overrides: Any) -> Any:
    from docconv.options import Options

    return Options(offline=True, **overrides)


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def child_single(spec: dict[str, Any]) -> dict[str, Any]:
    """One article, one format: the first conversion in this process, then warm repetitions."""
    import docconv
    from docconv.renderers.base import RenderContext

    options = _options(embed_fonts=spec.get("embed_fonts", False))
    path = Path(spec["input"])
    reads, renders, firsts = [], [], {}
    for round_ in range(spec["repeat"] + 1):
        started = time.perf_counter()
        document = docconv.read(path, options)
        middle = time.perf_counter()
        data = docconv.render(document, spec["format"], context=RenderContext(options))
        ended = time.perf_counter()
        if round_ == 0:  # lazy imports, font and stylesheet set-up: what process-level caches save
            firsts = {"read": middle - started, "render": ended - middle}
        else:
            reads.append(middle - started)
            renders.append(ended - middle)
    return {"first": firsts, "read": reads, "render": renders, "bytes": len(data)}


def child_fixtures(spec: dict[str, Any]) -> dict[str, Any]:
    """Every article fixture in one format, warm: the median per fixture."""
    import docconv
    from docconv.renderers.base import RenderContext

    options = _options()
    times: dict[str, list[float]] = {}
    failures: dict[str, str] = {}
    for round_ in range(spec["repeat"] + 1):
        for path in article_fixtures():
            started = time.perf_counter()
            try:
                docconv.render(docconv.read(path, options), spec["format"], context=RenderContext(options))
            except Exception as error:
                failures[path.name] = f"{type(error).__name__}: {error}"
                continue
            if round_:
                times.setdefault(path.name, []).append(time.perf_counter() - started)
    return {"times": {name: _median(values) for name, values in times.items()}, "failures": failures}


def _weasyprint_html(html: str, base_url: str | None) -> bytes:
    from weasyprint import HTML, URLFetcher

    # Local (file:, data:) resources only: the benchmark never reaches the network.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()  # type: ignore[no-any-return]


def _handoff(document: Any, options: Any) -> Callable[[], bytes] | None:
    """WeasyPrint on exactly what docconv's PDF renderer hands it (HTML + CSS + media), uncached."""
    try:
        import weasyprint

        from docconv.binder import single
        from docconv.renderers.base import RenderContext
        from docconv.renderers.pdf import RENDERER, MediaFetcher
    except ImportError:
        return None
    context = RenderContext(options)
    packet = single(document)
    html, resources = RENDERER.html(packet, context)
    texts = RENDERER.stylesheets(packet, context)

    def write() -> bytes:
        sheets = [weasyprint.CSS(string=text) for text in texts]
        return weasyprint.HTML(string=html, url_fetcher=MediaFetcher(resources)).write_pdf(stylesheets=sheets)  # type: ignore[no-any-return]

    return write


def child_floor(spec: dict[str, Any]) -> dict[str, Any]:
    """WeasyPrint alone on docconv's HTML vs docconv's PDF renderer, same document, interleaved."""
    import docconv
    from docconv.renderers.base import RenderContext

    options = _options()
    document = docconv.read(Path(spec["input"]), options)
    html = docconv.render(document, "html", context=RenderContext(options)).decode("utf-8")
    base_url = document.base_url or Path(spec["input"]).resolve().parent.as_uri() + "/"
    handoff = _handoff(document, options)
    _weasyprint_html(html, base_url)
    docconv.render(document, "pdf", context=RenderContext(options))
    weasy, ours, html_times, handoff_times = [], [], [], []
    for _ in range(spec["repeat"]):
        started = time.perf_counter()
        _weasyprint_html(html, base_url)
        weasy.append(time.perf_counter() - started)
        started = time.perf_counter()
        docconv.render(document, "pdf", context=RenderContext(options))
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        docconv.render(document, "html", context=RenderContext(options))
        html_times.append(time.perf_counter() - started)
        if handoff is not None:
            started = time.perf_counter()
            handoff()
            handoff_times.append(time.perf_counter() - started)
    return {"weasyprint": weasy, "docconv": ours, "html": html_times, "handoff": handoff_times}


def _images(folder: Path) -> list[str]:
    """News-like images: two 3000×2000 JPEG photos (resized by docconv to 2400 px), one 1200×800 PNG, one WebP."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number, (size, kind) in enumerate(
        (((3000, 2000), "JPEG"), ((3000, 2000), "JPEG"), ((1200, 800), "PNG"), ((1600, 1000), "WEBP"))
    ):
        noise = Image.effect_noise((size[0] // 8, size[1] // 8), 40 + number * 10).resize(size)
        picture = Image.merge(
            "RGB", (noise, Image.linear_gradient("L").resize(size), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
        )
        name = f"photo-{number}.{kind.lower()}"
        picture.save(folder / name, kind, quality=85)
        names.append(name)
    return names


def child_media(spec: dict[str, Any]) -> dict[str, Any]:
    """Images served from 127.0.0.1: fetch + check, memory hit, disk-cache hit; a packet with shared images."""
    import dataclasses
    import functools
    import http.server
    import threading

    import docconv
    from docconv.diagnostics import Reporter
    from docconv.media import MediaStore
    from docconv.model import Figure
    from docconv.renderers.base import RenderContext

    work = Path(spec["work"])
    names = _images(work / "images")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(work / "images"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [f"http://127.0.0.1:{server.server_address[1]}/{name}" for name in names]
    options = docconv.make_options(allow_private_network=True, cache_dir=work / "media-cache")
    results: dict[str, Any] = {"images": {}, "sizes": [(work / "images" / n).stat().st_size for n in names]}

    def timed(store: MediaStore, url: str) -> float:
        started = time.perf_counter()
        media = store.image(url)
        assert media is not None, store.reporter.diagnostics
        return time.perf_counter() - started

    import docconv.images

    # The process's memo of prepared images (decode, resize, re-encode done once per content).
    forget = getattr(docconv.images, "forget_prepared", lambda: None)

    def new_stores(store_options: Any, remembered: bool) -> float:
        totals = []
        for _ in range(3):
            if not remembered:
                forget()
            store = MediaStore(store_options, Reporter())
            totals.append(sum(timed(store, url) for url in urls))
        return _median(totals)

    forget()
    first = MediaStore(options, Reporter())
    results["images"]["fetch + check + cache write (empty disk cache)"] = sum(timed(first, url) for url in urls)
    results["images"]["same store again (memory)"] = sum(timed(first, url) for url in urls)
    results["images"]["new store, disk cache hit, prepared images remembered (same process)"] = new_stores(options, True)
    results["images"]["new store, disk cache hit, nothing remembered (a new process: check again)"] = new_stores(options, False)
    uncached = dataclasses.replace(options, use_cache=False)
    results["images"]["new store, --no-cache, nothing remembered (fetch + check)"] = new_stores(uncached, False)
    # A packet whose articles all show the same images (a site's recurring pictures): one store
    # for the packet fetches and checks each image once.
    base = docconv.read(SAMPLE, docconv.make_options(offline=True))
    documents = []
    for number in range(spec["articles"]):
        meta = dataclasses.replace(base.meta, title=f"{base.meta.title} · {number}", source_url=f"https://bench.example/{number}")
        figures = tuple(Figure(url, alt=f"图 {i}") for i, url in enumerate(urls))
        documents.append(dataclasses.replace(base, meta=meta, blocks=(*figures, *base.blocks)))
    packet = docconv.bind(documents, {"title": "图片基准"})
    for fmt in spec["formats"]:
        times = []
        for _ in range(spec["repeat"]):
            started = time.perf_counter()
            docconv.render(packet, fmt, context=RenderContext(options))
            times.append(time.perf_counter() - started)
        results[f"packet:{fmt}"] = _median(times)
        per_article = []
        for document in documents[: min(5, len(documents))]:
            started = time.perf_counter()
            docconv.render(document, fmt, context=RenderContext(options))
            per_article.append(time.perf_counter() - started)
        results[f"single:{fmt}"] = _median(per_article)
    server.shutdown()
    return results


def child_scan(spec: dict[str, Any]) -> dict[str, Any]:
    """Reading one article with the plugin scans cached per process, then with them redone per read (as before)."""
    import docconv
    import docconv.registry

    options = _options()
    path = Path(spec["input"])
    scans = getattr(docconv.registry, "_entry_points", None)

    def timed(rescan: bool) -> float:
        docconv.read(path, options)
        times = []
        for _ in range(spec["repeat"]):
            if rescan and scans is not None:
                scans.cache_clear()
            started = time.perf_counter()
            docconv.read(path, options)
            times.append(time.perf_counter() - started)
        return _median(times)

    return {"cached": timed(False), "rescanned": timed(True), "measured": scans is not None}


def _clear_caches() -> int:
    """Empty every functools cache in docconv's modules: the cost of a renderer with no process cache."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if name == "docconv" or name.startswith("docconv."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
                    cleared += 1
    return cleared


def child_caches(spec: dict[str, Any]) -> dict[str, Any]:
    """One article, one format: warm (process caches kept) vs every docconv cache emptied first."""
    import docconv
    from docconv.renderers.base import RenderContext

    options = _options()
    document = docconv.read(Path(spec["input"]), options)
    docconv.render(document, spec["format"], context=RenderContext(options))
    warm, cold, cleared = [], [], 0
    for _ in range(spec["repeat"]):
        started = time.perf_counter()
        docconv.render(document, spec["format"], context=RenderContext(options))
        warm.append(time.perf_counter() - started)
        cleared = _clear_caches()
        started = time.perf_counter()
        docconv.render(document, spec["format"], context=RenderContext(options))
        cold.append(time.perf_counter() - started)
    return {"warm": warm, "cold": cold, "caches": cleared}


def child_packet(spec: dict[str, Any]) -> dict[str, Any]:
    """Read N articles, bind them, render the packet; repeated, with the first round separate."""
    import docconv
    from docconv.renderers.base import RenderContext

    options = _options()
    files = [Path(f) for f in spec["files"]]
    reads, renders = [], []
    size = 0
    for _ in range(spec["repeat"]):
        started = time.perf_counter()
        documents = [docconv.read(f, options) for f in files]
        packet = docconv.bind(documents, {"title": "基准简报", "notice": "内部资料"})
        middle = time.perf_counter()
        data = docconv.render(packet, spec["format"], context=RenderContext(options))
        ended = time.perf_counter()
        reads.append(middle - started)
        renders.append(ended - middle)
        size = len(data)
        del packet, documents
    if spec.get("save"):
        Path(spec["save"]).write_bytes(data)
    return {"read": reads, "render": renders, "bytes": size, "articles": len(files)}


def child_imports(spec: dict[str, Any]) -> dict[str, Any]:
    """Which heavy modules ``import docconv`` and ``docconv --help`` load."""
    started = time.perf_counter()
    import docconv
    import docconv.cli

    imported = time.perf_counter() - started
    from click.testing import CliRunner

    CliRunner().invoke(docconv.cli.main, ["--help"])
    CliRunner().invoke(docconv.cli.main, ["convert", "--help"])
    from importlib.metadata import entry_points

    scans = []
    for _ in range(20):
        started = time.perf_counter()
        list(entry_points(group="docconv.readers"))
        scans.append(time.perf_counter() - started)
    return {"import_seconds": imported, "loaded": sorted(m for m in HEAVY if m in sys.modules), "scan": _median(scans)}


CHILDREN: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "single": child_single,
    "fixtures": child_fixtures,
    "floor": child_floor,
    "caches": child_caches,
    "media": child_media,
    "scan": child_scan,
    "packet": child_packet,
    "imports": child_imports,
}


def child_main(raw: str) -> None:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    spec = json.loads(raw)
    result = CHILDREN[spec["kind"]](spec)
    sys.stdout.write(json.dumps(result))


# ============================================================================ parent side


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float  # user + system seconds of the process and every child it waited for
    code: int
    stdout: str
    stderr: str


def run_process(argv: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """Run a process to completion: wall time, its own peak RSS (os.wait4), exit code, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024  # bytes on macOS, KiB on Linux
        cpu = usage.ru_utime + usage.ru_stime
        return Run(
            seconds, usage.ru_maxrss * scale, cpu, process.returncode, out.read().decode(), err.read().decode(errors="replace")
        )


@dataclass
class Bench:
    quick: bool
    work: Path
    env: dict[str, str] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    available: dict[str, bool] = field(default_factory=dict)

    def reps(self, full: int) -> int:
        return max(1, full // 4) if self.quick else full

    def child(self, spec: dict[str, Any]) -> tuple[dict[str, Any], float]:
        run = run_process([sys.executable, __file__, "--child", json.dumps(spec)], self.env)
        if run.code != 0:
            raise RuntimeError(f"benchmark child {spec['kind']} failed:\n{run.stderr[-3000:]}")
        return json.loads(run.stdout), run.peak_mb

    def cli(self, args: Sequence[str], repeat: int, fresh: Callable[[], None] | None = None) -> dict[str, Any]:
        docconv = str(Path(sys.executable).with_name("docconv"))
        times, peaks, cpus = [], [], []
        for _ in range(repeat):
            if fresh:
                fresh()
            run = run_process([docconv, *args], self.env)
            if run.code not in (0,):
                return {"error": f"exit {run.code}: {run.stderr.strip().splitlines()[-1:] or ''}"}
            times.append(run.seconds)
            peaks.append(run.peak_mb)
            cpus.append(run.cpu)
        return {"seconds": _median(times), "peak_mb": max(peaks), "cpu": _median(cpus), "runs": len(times)}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_corpus(target: Path, count: int) -> list[Path]:
    """``count`` distinct articles from the fixtures, as docconv Markdown files."""
    import dataclasses

    import docconv
    from docconv.model import Paragraph, Text

    options = _options()
    documents = [docconv.read(path, options) for path in article_fixtures()]
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(1, count + 1):
        document = documents[(number - 1) % len(documents)]
        meta = dataclasses.replace(
            document.meta,
            title=f"{document.meta.title or 'Article'} · {number:03d}",
            source_url=f"https://bench.example/articles/{number:03d}",
        )
        marker = Paragraph((Text(f"基准副本第 {number} 篇。"),))
        copy = dataclasses.replace(document, meta=meta, blocks=(marker, *document.blocks))
        path = target / f"article-{number:03d}.md"
        path.write_bytes(docconv.render(copy, "markdown", options))
        files.append(path)
    return files


def machine() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    libraries = []
    for name in (
        "docconv",
        "weasyprint",
        "pydyf",
        "tinycss2",
        "ebooklib",
        "fonttools",
        "lxml",
        "markdown-it-py",
        "pillow",
        "trafilatura",
    ):
        with contextlib.suppress(PackageNotFoundError):
            libraries.append(f"{name} {version(name)}")
    try:
        info = subprocess.run([sys.executable, "-m", "weasyprint", "--info"], capture_output=True, text=True, check=True).stdout
        number = int(info.split("Pango version:", 1)[1].split()[0])
        libraries.append(f"Pango {number // 10000}.{number // 100 % 100}.{number % 100}")
    except (subprocess.CalledProcessError, OSError, IndexError, ValueError):
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "libraries": ", ".join(libraries),
        "commit": commit,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load": "",
    }


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "?"


def renderer_available(name: str) -> bool:
    probe = f"from docconv.registry import get_renderer; get_renderer({name!r})"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, check=False).returncode == 0


# ---------------------------------------------------------------------------- the measurements


def measure_startup(bench: Bench) -> None:
    log("start-up …")
    docconv = str(Path(sys.executable).with_name("docconv"))
    helps = [run_process([docconv, "--help"], bench.env).seconds for _ in range(bench.reps(10))]
    imports = [run_process([sys.executable, "-c", "import docconv"], bench.env).seconds for _ in range(bench.reps(10))]
    bare = [run_process([sys.executable, "-c", "pass"], bench.env).seconds for _ in range(bench.reps(10))]
    loaded, _ = bench.child({"kind": "imports"})
    bench.results["startup"] = {
        "help": _median(helps),
        "import": _median(imports),
        "python": _median(bare),
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
            "read": _median(reads),
            "render": _median(renders),
            "total": _median([a + b for a, b in zip(reads, renders)]),
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
                "total": _median([a + b for a, b in zip(result["read"], result["render"])]),
                "render": _median(result["render"]),
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
            "median": _median(list(times.values())),
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
    weasy, ours = _median(result["weasyprint"]), _median(result["docconv"])
    handoff = _median(result["handoff"]) if result["handoff"] else None
    bench.results["floor"] = {
        "weasyprint": weasy,
        "docconv": ours,
        "html": _median(result["html"]),
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
        table[fmt] = {"warm": _median(result["warm"]), "cold": _median(result["cold"]), "caches": result["caches"]}
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
    peers: dict[str, Any] = {}
    html = bench.work / "peer-input.html"
    if bench.available["html"]:
        import docconv

        html.write_bytes(docconv.render(docconv.read(SAMPLE, _options()), "html", _options()))
    pandoc, calibre = shutil.which("pandoc"), shutil.which("ebook-convert")
    if not pandoc:
        peers["pandoc"] = {"error": "not installed"}
    elif html.exists():
        log("pandoc …")
        for fmt, ext in (("markdown", "md"), ("epub", "epub")):
            times = []
            for _ in range(bench.reps(5)):
                run = run_process(
                    [
                        pandoc,
                        str(html),
                        "-f",
                        "html",
                        "-t",
                        "gfm" if ext == "md" else "epub3",
                        "-o",
                        str(bench.work / f"pandoc.{ext}"),
                    ],
                    bench.env,
                )
                times.append(run.seconds)
            peers["pandoc"] = {**peers.get("pandoc", {}), fmt: _median(times)}
    if not calibre:
        peers["calibre"] = {"error": "not installed"}
    elif html.exists():
        log("calibre ebook-convert …")
        for fmt, ext in (("epub", "epub"), ("pdf", "pdf")):
            run = run_process([calibre, str(html), str(bench.work / f"calibre.{ext}")], bench.env)
            peers["calibre"] = {**peers.get("calibre", {}), fmt: run.seconds if run.code == 0 else float("nan")}
    bench.results["peers"] = peers


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
                "read": _median(result["read"]),
                "render": _median(result["render"]),
                "total": _median([a + b for a, b in zip(result["read"], result["render"])]),
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


def measure_batch(bench: Bench, corpus: list[Path]) -> None:
    formats = "md,epub" if bench.available["epub"] else "md"
    batch: dict[str, Any] = {"formats": formats, "articles": len(corpus)}
    out = bench.work / "batch"

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    def command(files: Sequence[Path], jobs: int, to: str = formats) -> list[str]:
        return ["-q", "convert", "--offline", *map(str, files), "-o", f"{out}/", "-t", to, "--jobs", str(jobs)]

    # Interleaved, so a burst of load from elsewhere hits both sides alike.
    log(f"batch of {len(corpus)} → {formats}, --jobs 1 and --jobs 2 interleaved, and the machine's ceiling …")
    runs: dict[str, list[dict[str, Any]]] = {"jobs1": [], "jobs2": [], "fixed": []}
    ceilings = []
    for _ in range(bench.reps(7)):
        runs["jobs1"].append(bench.cli(command(corpus, 1), 1, fresh))
        runs["jobs2"].append(bench.cli(command(corpus, 2), 1, fresh))
        runs["fixed"].append(bench.cli(command(corpus[:1], 1), 1, fresh))
        ceilings.append(ceiling(bench))
    for key, values in runs.items():
        good = [v for v in values if "seconds" in v]
        batch[key] = (
            {
                "seconds": _median([v["seconds"] for v in good]),
                "cpu": _median([v["cpu"] for v in good]),
                "peak_mb": max(v["peak_mb"] for v in good),
            }
            if good
            else values[0]
        )
    one, two, fixed = (batch[k].get("seconds") for k in ("jobs1", "jobs2", "fixed"))
    batch["speedup"] = one / two if one and two else float("nan")
    batch["work_speedup"] = (one - fixed) / (two - fixed) if one and two and fixed and two > fixed else float("nan")
    batch["ceiling"] = _median(ceilings)
    if bench.available["pdf"]:
        heavy = corpus[: 20 if not bench.quick else 8]
        log(f"batch of {len(heavy)} → pdf, --jobs 1 and --jobs 2 …")
        pdf: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(bench.reps(2) if not bench.quick else 1):
            for jobs in (1, 2):
                result = bench.cli(command(heavy, jobs, "pdf"), 1, fresh)
                if "seconds" in result:
                    pdf[jobs].append(result["seconds"])
        if pdf[1] and pdf[2]:
            batch["pdf"] = {"articles": len(heavy), "jobs1": _median(pdf[1]), "jobs2": _median(pdf[2])}
    bench.results["batch"] = batch


# ---------------------------------------------------------------------------- the report


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
    speedup = batch.get("speedup")
    if speedup is not None and speedup == speedup:
        name = f"Batch of {batch['articles']} → {batch['formats']}: `--jobs 1` ÷ `--jobs 2`"
        note = f"{speedup:.2f}× (machine ceiling {batch['ceiling']:.2f}×)"
        rows.append((name, note, "≥ 1.7×", speedup >= 1.7))
    rows.append(("`docconv --help` wall time", ms(startup["help"]), "< 0.5 s", startup["help"] < 0.5))
    engines = {"weasyprint", "ebooklib", "fontTools"} & set(startup["loaded"])
    rows.append(("engines loaded by `import docconv` + `--help`", ", ".join(sorted(engines)) or "none", "none", not engines))
    return [[a, b, c, verdict(d)] for a, b, c, d in rows]


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
    lines += ["", "### PDF against its floor and the peers (same article)", ""]
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
    for peer, row in results.get("peers", {}).items():
        if "error" in row:
            rows.append([peer, f"{row['error']} (skipped)", "–"])
            continue
        for fmt, seconds in row.items():
            rows.append(
                [f"{peer} → {fmt} (whole process)", ms(seconds), f"{seconds / floor['weasyprint']:.2f}×" if floor else "–"]
            )
    lines += table(["tool", "time", "÷ WeasyPrint alone"], rows)

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
            f"### Batch: {batch['articles']} articles → {batch['formats']} with `docconv convert … -o DIR/ --jobs N`",
            "",
        ]
        rows = []
        for jobs in (1, 2):
            run = batch[f"jobs{jobs}"]
            rows.append([f"`--jobs {jobs}`", cli_time(run), ms(run.get("cpu")), mb(run.get("peak_mb"))])
        rows.append(["speedup", f"{batch['speedup']:.2f}×", "", ""])
        fixed = batch["fixed"]
        label = "one input, `--jobs 1` (start-up, imports, first-article caches: the part no worker shares)"
        rows.append([label, cli_time(fixed), ms(fixed.get("cpu")), mb(fixed.get("peak_mb"))])
        rows.append(["speedup of the rest (wall time minus the one-input time)", f"{batch['work_speedup']:.2f}×", "", ""])
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
        bench = Bench(args.quick, work, env)
        bench.available = {fmt: renderer_available(fmt) for fmt in FORMATS}
        log(f"renderers: {', '.join(f for f, ok in bench.available.items() if ok)}")
        started = time.perf_counter()
        load_before = _load()
        measure_startup(bench)
        if "single" in parts:
            measure_single(bench)
        if "fixtures" in parts:
            measure_fixtures(bench)
        if "floor" in parts:
            measure_floor(bench)
        if "caches" in parts:
            measure_caches(bench)
        if "media" in parts:
            measure_media(bench)
        if "peers" in parts:
            measure_peers(bench)
        if parts & {"packets", "batch"}:
            corpus = build_corpus(work / "corpus", max(100, args.long))
            if "packets" in parts:
                measure_packets(bench, corpus, args.long)
            if "batch" in parts:
                measure_batch(bench, corpus[:100])
        host = machine()
        host["load"] = f"{load_before} / {_load()}"
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
