"""Transforms: ordered, named steps Document → Document, each switchable off and each able to report.

A transform is an object registered in ``docconv.registry.TRANSFORMS`` with a ``name`` and
``apply(document, context) -> Document``; it reports what it did through ``context.reporter``
(``docconv -v`` shows these). The order matters: whitespace is normalised before headings are
judged by their text, and the language is detected last, from clean text. Plugins run after the
built-ins, in name order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from docconv.context import Context
from docconv.errors import UsageError
from docconv.model import Document
from docconv.registry import TRANSFORMS


class Transform(Protocol):
    name: str

    def apply(self, document: Document, context: Context) -> Document: ...


@dataclass(frozen=True, slots=True)
class FunctionTransform:
    """A transform made of a function ``(document, context) -> Document``."""

    name: str
    function: Callable[[Document, Context], Document]
    description: str = ""

    def apply(self, document: Document, context: Context) -> Document:
        return self.function(document, context)


def transform_names() -> list[str]:
    return TRANSFORMS.names()


def check_names(names: frozenset[str]) -> None:
    """Refuse a transform name that no installed transform has (``--no-transform nosuch``)."""
    unknown = sorted(names - set(transform_names()))
    if unknown:
        raise UsageError(f"unknown transform {', '.join(unknown)} (known: {', '.join(transform_names())})")


def apply_transforms(document: Document, context: Context) -> Document:
    """Run every transform the options leave on, in registry order."""
    disabled = context.options.disabled_transforms
    for entry, transform in TRANSFORMS.items():
        if entry.name not in disabled:
            document = transform.apply(document, context)
    return document
