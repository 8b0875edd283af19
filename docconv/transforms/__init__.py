"""Transforms: ordered, named, pure functions Document → Document, each switchable off.

The order matters: whitespace is normalised before headings are judged by their text, and the
language is detected last, from clean text. Plugins in the ``docconv.transforms`` entry-point
group run after the built-ins, in name order.
"""

from __future__ import annotations

from collections.abc import Callable

from docconv.model import Document
from docconv.registry import plugins

Transform = Callable[[Document], Document]


def builtin_transforms() -> list[tuple[str, Transform]]:
    from docconv.transforms.headings import derive_title, drop_title_heading, recover_headings
    from docconv.transforms.language import detect_language
    from docconv.transforms.whitespace import normalise_whitespace

    return [
        ("normalise-whitespace", normalise_whitespace),
        ("drop-title-heading", drop_title_heading),
        ("recover-headings", recover_headings),
        ("derive-title", derive_title),
        ("detect-language", detect_language),
    ]


def transform_names() -> list[str]:
    return [name for name, _ in builtin_transforms()] + [ep.name for ep in plugins("docconv.transforms")]


def apply_transforms(document: Document, disabled: frozenset[str] = frozenset()) -> Document:
    steps = builtin_transforms()
    # plugins() scans the installed distributions once per process, not once per article.
    steps += [(ep.name, ep.load()) for ep in plugins("docconv.transforms")]
    for name, transform in steps:
        if name not in disabled:
            document = transform(document)
    return document
