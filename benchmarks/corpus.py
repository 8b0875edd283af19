"""Inputs the benchmark makes for itself: the synthetic corpus of articles, news-like images and a 127.0.0.1 server for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.measure import SAMPLE, article_fixtures, offline_options

# The batch's three corpora of 100 inputs, by how they are described in the report.
BATCH_SMALL = "fixtures rewritten as docconv Markdown"
BATCH_NATIVE = "fixtures as they are (pages, posts, Markdown, legacy encodings)"
BATCH_NEWS = "news-length posts (copies of the sample article)"
BATCH_PAGES = "news pages as saved from the web (the sample article's text in a news portal's page)"


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
        marker = Paragraph(children=(Text(text=f"基准副本第 {number} 篇。"),))
        copy = dataclasses.replace(document, meta=meta, blocks=(marker, *document.blocks))
        path = target / f"article-{number:03d}.md"
        path.write_bytes(docconv.render(copy, "markdown", options).data)
        files.append(path)
    return files


def copy_fixtures(target: Path, count: int) -> list[Path]:
    """``count`` files copied from the article fixtures as they are: web pages, posts, Markdown, legacy encodings.

    Each copy ends with a numbered HTML comment (ASCII, so it is valid in every fixture's
    encoding) to make every file distinct; readers drop comments.
    """
    fixtures = article_fixtures()
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(1, count + 1):
        fixture = fixtures[(number - 1) % len(fixtures)]
        path = target / f"{number:03d}-{fixture.name}"
        path.write_bytes(fixture.read_bytes() + f"\n<!-- copy {number} -->\n".encode("ascii"))
        files.append(path)
    return files


def copy_sample(target: Path, count: int) -> list[Path]:
    """``count`` news-length articles: the sample post (4,000 characters of news), each with a numbered first paragraph."""
    text = SAMPLE.read_text(encoding="utf-8")
    opening = text.index("---\n")
    closing = text.index("\n---\n", opening + 4) + len("\n---\n")
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(1, count + 1):
        path = target / f"news-{number:03d}.txt"
        path.write_text(f"{text[:closing]}<p>基准副本第 {number} 篇。</p>\n{text[closing:]}", encoding="utf-8")
        files.append(path)
    return files


def copy_pages(target: Path, count: int) -> list[Path]:
    """``count`` whole news pages: the sample article's text inside the boilerplate fixture's page.

    The page keeps everything a saved news page has around its article — top bar, navigation,
    ads, share bars, related news, comments, a sidebar, scripts — so each input goes through
    the extractor, as pages from the web do.
    """
    shell = (SAMPLE.parent / "page_full_news_with_boilerplate.html").read_text(encoding="utf-8")
    text = SAMPLE.read_text(encoding="utf-8")
    opening = text.index("---\n")
    body = text[text.index("\n---\n", opening + 4) + len("\n---\n") :]
    marker = '<div class="article-content" id="articleText">'
    start = shell.index(marker) + len(marker)
    end = shell.index('<p class="editor">', start)
    title = shell[shell.index("<h1") : shell.index("</h1>")].rsplit(">", 1)[1]
    target.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(1, count + 1):
        page = f"{shell[:start]}\n<p>基准副本第 {number} 篇。</p>\n{body}{shell[end:]}".replace(title, f"{title} · {number:03d}")
        path = target / f"page-{number:03d}.html"
        path.write_text(page, encoding="utf-8")
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
