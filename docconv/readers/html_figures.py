"""Images and their captions in HTML: lazy-loaded ``src``, ``<figure>``/``<figcaption>``, a caption under an image."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bs4 import Tag
from bs4.element import NavigableString

from docconv.model import Block, Figure, Paragraph, Table, Text
from docconv.readers.html_nodes import clean_caption

_LAZY_SRC_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url")
_CAPTION_CLASS = re.compile(r"caption|desc|pic-?info|img-?(note|title|text)|photo-?(note|text)|credit", re.I)
_CAPTION_START = re.compile(r"^\s*[（(]?\s*(图|圖|图片|圖片|图为|圖為|写真|▲|△|↑|Photo|Image|Picture|Credit)", re.I)
_CENTERED = re.compile(r"text-align\s*:\s*center", re.I)


def image_source(element: Tag) -> str:
    """An ``<img>``'s address as written ("" if none).

    A lazy-loading attribute wins over ``src``: pages that lazy-load keep a placeholder there (a
    tiny ``data:`` GIF, ``/static/loading.gif``) and the real image in ``data-src`` and the like.
    With no ``src`` at all, the largest candidate of ``srcset`` is taken.
    """
    lazy = next((str(element[a]).strip() for a in _LAZY_SRC_ATTRIBUTES if str(element.get(a) or "").strip()), "")
    if lazy:
        return lazy
    src = str(element.get("src") or "").strip()
    if src:
        return src
    return _largest_candidate(str(element.get("srcset") or element.get("data-srcset") or ""))


def _largest_candidate(srcset: str) -> str:
    """The candidate of a ``srcset`` with the greatest width (``640w``) or density (``2x``); the last if none says."""
    best, best_size = "", -1.0
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        size = 0.0
        if len(parts) > 1 and parts[1][-1:] in ("w", "x"):
            try:
                size = float(parts[1][:-1])
            except ValueError:
                size = 0.0
        if size >= best_size:
            best, best_size = parts[0], size
    return best


def take_figcaption(element: Tag) -> str:
    """The text of a ``<figure>``'s ``<figcaption>``, which is removed so the walk does not read it again."""
    caption_element = element.find("figcaption")
    caption = ""
    if isinstance(caption_element, Tag):
        caption = clean_caption(caption_element.get_text(" "))
        caption_element.extract()
    return caption


def place_caption(inner: list[Block], caption: str) -> list[Block]:
    """A ``<figure>``'s blocks: its images first, the caption on the last one (or a paragraph when there is no image)."""
    images: list[Block] = [b for b in inner if isinstance(b, Figure)]
    others: list[Block] = [b for b in inner if not isinstance(b, Figure)]
    tables = [i for i, b in enumerate(others) if isinstance(b, Table)]
    if not images and caption and len(tables) == 1:  # WordPress's <figure class="wp-block-table">
        table = others[tables[0]]
        assert isinstance(table, Table)
        if not table.caption:
            others[tables[0]] = replace(table, caption=caption)
            return others
    if not images:
        return others + ([Paragraph((Text(caption),))] if caption else [])
    if caption:
        images[-1] = with_caption(images[-1], caption)
    return [*images, *others]


def with_caption(figure: Block, caption: str) -> Figure:
    assert isinstance(figure, Figure)
    return Figure(figure.src, figure.alt, caption)


def caption_after(children: Sequence[object], index: int) -> tuple[str, int] | None:
    """A caption written as the paragraph right under an image (centred, classed or "图为…")."""
    position = index
    while position < len(children) and isinstance(children[position], NavigableString):
        if str(children[position]).strip():
            return None
        position += 1
    if position >= len(children):
        return None
    candidate = children[position]
    if not isinstance(candidate, Tag) or candidate.name.lower() not in ("p", "div", "span", "figcaption"):
        return None
    if candidate.find(("img", "p", "div", "table", "ul", "ol")):
        return None
    text = clean_caption(candidate.get_text(" "))
    if not text or len(text) > 120:
        return None
    classes = " ".join(str(c) for c in candidate.get("class") or [])
    styled = _CENTERED.search(str(candidate.get("style") or "")) or str(candidate.get("align") or "").lower() == "center"
    if _CAPTION_CLASS.search(classes) or candidate.name.lower() == "figcaption" or _CAPTION_START.match(text) or (
        styled and len(text) <= 60
    ):
        return text, position + 1
    return None
