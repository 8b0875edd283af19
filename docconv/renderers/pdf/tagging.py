"""The language of each tagged element: WeasyPrint 70 tags a PDF (headings, paragraphs, lists,
tables, figures with their alt text) but writes ``/Lang`` only on the catalog.

A packet mixes languages, and a screen reader or a reflowing viewer needs to know that an
article (or a paragraph, or a span) is in Traditional Chinese or Japanese. ``element_languages``
wraps WeasyPrint's structure-tree builder while one PDF is written: every structure element made
for an HTML element that carries its own ``lang`` gets that tag as ``/Lang``; its descendants
inherit it in PDF as they do in HTML. Relies on ``weasyprint.pdf.tags._build_box_tree``
(WeasyPrint 70); when it is missing, the PDF is tagged without per-element languages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def element_languages() -> Iterator[None]:
    """While active, structure elements of HTML elements with a ``lang`` attribute get ``/Lang``."""
    try:
        import pydyf
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover - WeasyPrint always brings pydyf
        yield
        return
    original = getattr(tags, "_build_box_tree", None)
    if original is None:
        yield
        return

    def build(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        own = getattr(box, "element_tag", None) == getattr(element, "tag", None)
        lang = element.get("lang") if own and element is not None and element.tag not in ("html", "body") else None
        for structure in original(box, parent, *args):
            if lang and "Lang" not in structure and structure.get("S") != "/NonStruct":
                structure["Lang"] = pydyf.String(lang)
            yield structure

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original
