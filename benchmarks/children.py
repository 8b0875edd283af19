"""The child side of the benchmark: one in-process measurement in a fresh process, its result printed as JSON."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import make_images, serve_images
from benchmarks.measure import HEAVY, SAMPLE, article_fixtures, median, offline_options


def child_single(spec: dict[str, Any]) -> dict[str, Any]:
    """One article, one format: the first conversion in this process, then warm repetitions."""
    import docconv
    from docconv.renderers.base import RenderContext

    options = offline_options(embed_fonts=spec.get("embed_fonts", False))
    path = Path(spec["input"])
    reads, renders, firsts = [], [], {}
    for round_ in range(spec["repeat"] + 1):
        started = time.perf_counter()
        document = docconv.read(path, options)
        middle = time.perf_counter()
        data = docconv.render(document, spec["format"], context=RenderContext(options)).data
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

    options = offline_options()
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
    return {"times": {name: median(values) for name, values in times.items()}, "failures": failures}


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
        from docconv.renderers.pdf.renderer import MediaFetcher, pdf_html, stylesheets
    except ImportError:
        return None
    context = RenderContext(options)
    packet = single(document)
    html, resources = pdf_html(packet, context)
    texts = stylesheets(packet, context)

    def write() -> bytes:
        sheets = [weasyprint.CSS(string=text) for text in texts]
        return weasyprint.HTML(string=html, url_fetcher=MediaFetcher(resources)).write_pdf(stylesheets=sheets)  # type: ignore[no-any-return]

    return write


def child_floor(spec: dict[str, Any]) -> dict[str, Any]:
    """WeasyPrint alone on docconv's HTML vs docconv's PDF renderer, same document, interleaved."""
    import docconv
    from docconv.renderers.base import RenderContext

    options = offline_options()
    document = docconv.read(Path(spec["input"]), options)
    html = docconv.render(document, "html", context=RenderContext(options)).data.decode("utf-8")
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


def child_media(spec: dict[str, Any]) -> dict[str, Any]:
    """Images served from 127.0.0.1: fetch + check, memory hit, disk-cache hit; a packet with shared images."""
    import dataclasses

    import docconv
    from docconv.diagnostics import Reporter
    from docconv.model import Figure
    from docconv.renderers.base import RenderContext
    from docconv.resources.media import MediaStore

    work = Path(spec["work"])
    names = make_images(work / "images")
    server, urls = serve_images(work / "images", names)
    options = docconv.make_options(allow_private_network=True, cache_dir=work / "media-cache")
    results: dict[str, Any] = {"images": {}, "sizes": [(work / "images" / n).stat().st_size for n in names]}

    def timed(store: MediaStore, url: str) -> float:
        started = time.perf_counter()
        media = store.image(url)
        assert media is not None, store.reporter.diagnostics
        return time.perf_counter() - started

    import docconv.resources.images

    # The process's memo of prepared images (decode, resize, re-encode done once per content).
    forget = getattr(docconv.resources.images, "forget_prepared", lambda: None)

    def new_stores(store_options: Any, remembered: bool) -> float:
        totals = []
        for _ in range(3):
            if not remembered:
                forget()
            store = MediaStore(store_options, Reporter())
            totals.append(sum(timed(store, url) for url in urls))
        return median(totals)

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
        figures = tuple(Figure(src=url, alt=f"图 {i}") for i, url in enumerate(urls))
        documents.append(dataclasses.replace(base, meta=meta, blocks=(*figures, *base.blocks)))
    packet = docconv.bind(documents, {"title": "图片基准"})
    for fmt in spec["formats"]:
        times = []
        for _ in range(spec["repeat"]):
            started = time.perf_counter()
            docconv.render(packet, fmt, context=RenderContext(options))
            times.append(time.perf_counter() - started)
        results[f"packet:{fmt}"] = median(times)
        per_article = []
        for document in documents[: min(5, len(documents))]:
            started = time.perf_counter()
            docconv.render(document, fmt, context=RenderContext(options))
            per_article.append(time.perf_counter() - started)
        results[f"single:{fmt}"] = median(per_article)
    server.shutdown()
    return results


def child_scan(spec: dict[str, Any]) -> dict[str, Any]:
    """Reading one article with the plugin scans cached per process, then with them redone per read (as before)."""
    import docconv
    import docconv.registry

    options = offline_options()
    path = Path(spec["input"])
    scans = getattr(docconv.registry, "_scan", None)

    def timed(rescan: bool) -> float:
        docconv.read(path, options)
        times = []
        for _ in range(spec["repeat"]):
            if rescan and scans is not None:
                scans.cache_clear()
            started = time.perf_counter()
            docconv.read(path, options)
            times.append(time.perf_counter() - started)
        return median(times)

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

    options = offline_options()
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

    options = offline_options()
    files = [Path(f) for f in spec["files"]]
    reads, renders = [], []
    size = 0
    for _ in range(spec["repeat"]):
        started = time.perf_counter()
        documents = [docconv.read(f, options) for f in files]
        packet = docconv.bind(documents, {"title": "基准简报", "notice": "内部资料"})
        middle = time.perf_counter()
        data = docconv.render(packet, spec["format"], context=RenderContext(options)).data
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
    return {"import_seconds": imported, "loaded": sorted(m for m in HEAVY if m in sys.modules), "scan": median(scans)}


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
