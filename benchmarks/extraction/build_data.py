"""Rebuild the committed evaluation sets (``data/*.tar.gz``) from snapshots of the public repositories.

The evaluation itself never runs this: it reads the committed archives. This script only documents,
in code, how each page and its ground truth were taken from its source, so that anyone holding the
same snapshots (``git`` directories, one per repository) can check or redo the selection::

    .venv/bin/python -m benchmarks.extraction.build_data --mirrors /work/.mirror

Each snapshot is expected at ``<mirrors>/<owner>+<name>/repo`` (a bare git directory); files are read
with ``git show`` from its ``HEAD``, whose commit is recorded in every page's manifest entry.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from benchmarks.extraction.corpus import DATA, Page
from benchmarks.extraction.metrics import overlap
from benchmarks.extraction.truth import gn1_body, looks_english, strip_cleaneval_wrapper, trim_title_lines, visible_text

GN1_REPO = "geodrome/page-signal"
GN1_DIR = "L3S-GN1-20100130203947-00001"
GN1_SAMPLE = 200
HTT_REPO = "leogao2/htmltotext-benchmark"
CWCE_REPO = "immortal-autumn/Chinese-Web-Content-Extraction-Dataset"
TRAF_REPO = "adbar/trafilatura"
MAGIC_REPO = "opendatalab/magic-html"
MAGIC_DIR = "benchmark/data/article"
FUNDUS_REPO = "flairNLP/fundus"
FUNDUS_DIR = "tests/resources/parser/test_data"
TRAF_MAX_BYTES = 1_500_000
MIN_TRUTH_CHARS = 200  # pages whose reference body is shorter are not articles worth scoring
# A damaged crawl (an unclosed <title> swallowing the page, a page saved before its text was loaded)
# does not hold its reference text at all: no extractor can be judged on it.
MIN_RECOVERABLE = 0.8
SKIPPED: list[str] = []


def recoverable(page_id: str, html: bytes, truth: str) -> bool:
    """Whether an HTML parser finds at least ``MIN_RECOVERABLE`` of the reference's tokens in the page."""
    share = overlap(visible_text(html), truth).recall
    if share < MIN_RECOVERABLE:
        SKIPPED.append(f"{page_id} (only {share:.0%} of its reference is in the parsed page)")
    return share >= MIN_RECOVERABLE


class Mirror:
    """Read-only access to one fetched repository snapshot."""

    def __init__(self, root: Path, repo: str) -> None:
        self.repo = repo
        self.git_dir = root / repo.replace("/", "+") / "repo"
        if not self.git_dir.is_dir():
            raise SystemExit(f"no snapshot of {repo} at {self.git_dir}")
        self.commit = self._git("rev-parse", "HEAD").decode().strip()

    def _git(self, *args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(self.git_dir), *args], capture_output=True, check=True).stdout

    def names(self, folder: str) -> list[str]:
        return sorted(self._git("ls-tree", "--name-only", "HEAD", folder.rstrip("/") + "/").decode().split("\n")[:-1])

    def read(self, path: str) -> bytes:
        return self._git("show", f"HEAD:{path}")

    def source(self, path: str) -> str:
        return f"{self.repo}:{path}@{self.commit[:12]}"


# ------------------------------------------------------------------------------------------- English


def gn1_pages(mirrors: Path) -> Iterator[Page]:
    """L3S-GN1 (Google News 2008): original page + the body (``x-nc-sel2``, "full text") of its annotated copy."""
    mirror = Mirror(mirrors, GN1_REPO)
    names = [Path(n).stem for n in mirror.names(f"{GN1_DIR}/original")]
    usable = []
    for name in names:
        truth = gn1_body(mirror.read(f"{GN1_DIR}/annotated/{name}.html").decode("utf-8"))
        html = mirror.read(f"{GN1_DIR}/original/{name}.html")
        if len(truth) >= MIN_TRUTH_CHARS and recoverable(f"gn1-{name[:8]}", html, truth):
            usable.append((name, truth, html))
    for name, truth, html in sorted(random.Random(2010).sample(usable, GN1_SAMPLE)):
        yield Page(f"gn1-{name[:8]}", mirror.source(f"{GN1_DIR}/original/{name}.html"), "", html, truth=truth)


def htt_pages(mirrors: Path, language: str) -> Iterator[Page]:
    """leogao2/htmltotext-benchmark: hand-made text of news and blog pages (forums and wikis left out)."""
    mirror = Mirror(mirrors, HTT_REPO)
    for path in mirror.names(f"benchmarkdata/{language}/html"):
        stem = Path(path).stem
        if not stem.startswith(("news-", "blog-")):
            continue
        html = mirror.read(path)
        truth = mirror.read(f"benchmarkdata/{language}/text/{stem}.txt").decode("utf-8")
        truth, dropped = trim_title_lines(truth, html)
        if len(truth) >= MIN_TRUTH_CHARS and recoverable(f"htt-{language}-{stem[:40]}", html, truth):
            notes = f"dropped {dropped} leading title/date line(s) from the reference" if dropped else ""
            yield Page(f"htt-{language}-{stem[:40]}", mirror.source(path), "", html, truth=truth, notes=notes)


def trafilatura_pages(mirrors: Path) -> Iterator[Page]:
    """trafilatura's evaluation pages declared English (``<html lang="en…">``), with their snippets."""
    mirror = Mirror(mirrors, TRAF_REPO)
    annotations = json.loads(mirror.read("tests/evaldata.json"))
    for url, entry in sorted(annotations.items(), key=lambda item: item[1]["file"]):
        path = f"tests/eval/{entry['file']}"
        try:
            html = mirror.read(path)
        except subprocess.CalledProcessError:
            continue  # listed but absent from the snapshot
        declared = re.search(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2})", html[:20_000], re.IGNORECASE)
        if not declared or declared.group(1).lower() != b"en" or len(html) > TRAF_MAX_BYTES or not looks_english(html):
            continue
        with_, without = list(entry.get("with") or []), list(entry.get("without") or [])
        if with_:
            url = url if url.startswith("http") else ""  # some keys name the file, not the page
            page_id = "traf-" + re.sub(r"[^A-Za-z0-9.-]+", "-", Path(entry["file"]).stem)[:60]
            yield Page(page_id, mirror.source(path), url, html, with_snippets=with_, without_snippets=without)


# ------------------------------------------------------------------------------------------- Chinese


def cwce_pages(mirrors: Path) -> Iterator[Page]:
    """immortal-autumn/Chinese-Web-Content-Extraction-Dataset: ``original/X.html`` and ``cleaned/X.txt``."""
    mirror = Mirror(mirrors, CWCE_REPO)
    for path in mirror.names("original"):
        stem = Path(path).stem
        html, url = strip_cleaneval_wrapper(mirror.read(path))
        truth = mirror.read(f"cleaned/{stem}.txt").decode("utf-8", errors="replace")
        truth, dropped = trim_title_lines(truth, html)
        if len(truth) < MIN_TRUTH_CHARS // 2 or not recoverable(f"cwce-{stem[:8]}", html, truth):
            continue
        notes = "CleanEval-zh page (2005)" if url else "recent page (dataset made in 2022)"
        if dropped:
            notes += f"; dropped {dropped} leading title/date line(s) from the reference"
        yield Page(f"cwce-{stem[:8]}", mirror.source(path), url, html, truth=truth, notes=notes)


# ------------------------------------------------------------------------------- recent, many languages


_HAN = re.compile(r"[\u4e00-\u9fff]")
CHINESE_SHARE = 0.2  # of a reference's characters in Han script: a Chinese page


def magic_html_pages(mirrors: Path) -> Iterator[tuple[bool, Page]]:
    """opendatalab/magic-html's article benchmark (2023-2024 pages of news, blog and portal sites in
    many languages): ``htmls/<sha>.html`` and the hand-made ``content`` of ``base.json``, each page
    with whether its reference is Chinese."""
    mirror = Mirror(mirrors, MAGIC_REPO)
    annotations = json.loads(mirror.read(f"{MAGIC_DIR}/base.json"))
    for key, entry in sorted(annotations.items()):
        path = f"{MAGIC_DIR}/htmls/{key}.html"
        html = mirror.read(path)
        truth, dropped = trim_title_lines(entry["content"], html)
        page_id = f"magic-{key[:10]}"
        if len(truth) < MIN_TRUTH_CHARS // 2 or not recoverable(page_id, html, truth):
            continue
        notes = f"dropped {dropped} leading title/date line(s) from the reference" if dropped else ""
        chinese = len(_HAN.findall(truth)) > len(truth) * CHINESE_SHARE
        yield chinese, Page(page_id, mirror.source(path), entry.get("url", ""), html, truth=truth, notes=notes)


# ------------------------------------------------------------------------ news sites, site-made text


def fundus_pages(mirrors: Path) -> Iterator[tuple[bool, Page]]:
    """flairNLP/fundus's parser test pages (2023-2026 news sites of 40 countries): each
    ``<country>/<Publisher>_<date>.html.gz`` with the body its hand-written site parser extracts
    (``<Publisher>.json``: summary, subheadings and paragraphs; no captions, bylines or teasers),
    each page with whether it is English."""
    mirror = Mirror(mirrors, FUNDUS_REPO)
    for country in mirror.names(FUNDUS_DIR):
        names = mirror.names(country)
        for expected in (name for name in names if name.endswith(".json")):
            publisher = Path(expected).stem
            pages = sorted(n for n in names if re.fullmatch(re.escape(publisher) + r"_\d{4}_\d\d_\d\d\.html\.gz", Path(n).name))
            meta = json.loads(mirror.read(f"{country}/meta.info"))
            versions = json.loads(mirror.read(expected))
            # A publisher's parser versions run in time; its pages, one per version, are named by crawl date.
            ordered = sorted(versions, key=lambda version: int(re.sub(r"\D", "", version) or 0))
            for version, path in zip(ordered, pages, strict=True):
                html = gzip.decompress(mirror.read(path))
                truth = _fundus_body(versions[version].get("body") or {})
                page_id = f"fundus-{Path(country).name}-{Path(path).name.removesuffix('.html.gz')}"
                if len(truth) < MIN_TRUTH_CHARS or not recoverable(page_id, html, truth):
                    continue
                url = meta.get(Path(path).name, {}).get("url", "")
                yield looks_english(html), Page(page_id, mirror.source(path), url, html, truth=truth)


def _fundus_body(body: dict[str, list]) -> str:
    lines = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        lines += [*(section.get("headline") or []), *(section.get("paragraphs") or [])]
    return "\n".join(line.strip() for line in lines if line.strip())


# --------------------------------------------------------------------------------------------- write


def write_set(name: str, pages: list[Page]) -> Path:
    """``data/<name>.tar.gz``: ``manifest.jsonl`` (one page a line, without its HTML) and ``html/<id>.html``."""
    DATA.mkdir(parents=True, exist_ok=True)
    target = DATA / f"{name}.tar.gz"
    ids = [page.id for page in pages]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"{name}: duplicate page ids")
    manifest = "".join(json.dumps({k: v for k, v in asdict(p).items() if k != "html"}, ensure_ascii=False) + "\n" for p in pages)
    # gzip and tar headers without times or names: the same pages give the same bytes.
    with (
        target.open("wb") as raw,
        gzip.GzipFile("", "wb", 9, raw, mtime=0) as packed,
        tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        _add(archive, "manifest.jsonl", manifest.encode("utf-8"))
        for page in pages:
            _add(archive, f"html/{page.id}.html", page.html)
    return target


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    archive.addfile(info, io.BytesIO(data))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--mirrors", type=Path, default=Path("/work/.mirror"), help="folder holding <owner>+<name>/repo snapshots"
    )
    args = parser.parse_args(argv)
    recent = list(magic_html_pages(args.mirrors))
    news = list(fundus_pages(args.mirrors))
    sets = {
        "en-full": [*gn1_pages(args.mirrors), *htt_pages(args.mirrors, "en")],
        "en-snippets": list(trafilatura_pages(args.mirrors)),
        "zh": list(cwce_pages(args.mirrors)),  # htmltotext states no licence: its pages are not redistributed
        "zh-web": [page for chinese, page in recent if chinese],
        "world-web": [page for chinese, page in recent if not chinese],
        "news-en": [page for english, page in news if english],  # redistributed under MIT, too large to commit
        "news-world": [page for english, page in news if not english],
    }
    for name, pages in sets.items():
        path = write_set(name, pages)
        print(f"{name}: {len(pages)} pages → {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"left out, reference not in the page: {len(SKIPPED)}")
    for line in SKIPPED:
        print(f"  {line}")


if __name__ == "__main__":
    main()
