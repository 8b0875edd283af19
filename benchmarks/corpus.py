"""Inputs the benchmark makes for itself: the synthetic corpus of articles, news-like images and a 127.0.0.1 server for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.measure import article_fixtures, offline_options


def build_corpus(target: Path, count: int) -> list[Path]:
    """``count`` distinct articles from the fixtures, as docconv Markdown files."""
    import dataclasses

    import docconv
    from docconv.model import Paragraph, Text

    options = offline_options()
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


def make_images(folder: Path) -> list[str]:
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


def serve_images(folder: Path, names: list[str]) -> tuple[Any, list[str]]:
    """Serve ``folder`` on 127.0.0.1 from a daemon thread: the server (to shut down) and the URLs of ``names``."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [f"http://127.0.0.1:{server.server_address[1]}/{name}" for name in names]
    return server, urls
