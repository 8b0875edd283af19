"""Every option value checked before any work starts: page size, PDF variant, transforms.

A value the engine would ignore with a warning (WeasyPrint draws an A4 page for ``size: foo``) or
refuse only after every input was read is a ``UsageError`` (exit 2) here, at once. The page sizes
and PDF variants are WeasyPrint's, listed here so that checking them never imports WeasyPrint;
``tests/test_validation.py`` compares both lists with the installed WeasyPrint.
"""

from __future__ import annotations

import re

from docconv.errors import UsageError
from docconv.options import Options

PAGE_SIZES = frozenset([f"{series}{n}" for series in ("a", "b", "c", "jis-b") for n in range(11)] + ["letter", "legal", "ledger"])
ORIENTATIONS = ("portrait", "landscape")
PDF_VARIANTS = frozenset(
    [f"pdf/a-{n}{level}" for n in (1, 2, 3) for level in ("a", "b") + (("u",) if n > 1 else ())]
    + ["pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g"]
)
_LENGTH = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)(mm|cm|in|pt|pc|px|q)$", re.IGNORECASE)


def check_options(options: Options) -> None:
    """Refuse a value no engine can use, naming the option and what it accepts."""
    check_page_size(options.page_size)
    check_pdf_variant(options.pdf_variant)
    if options.disabled_transforms:
        from docconv.transforms import check_names

        check_names(options.disabled_transforms)


def check_page_size(value: str) -> str:
    """``A4``, ``a5 landscape``, ``Letter``, ``148mm 210mm``, ``6in``: what CSS ``size`` accepts."""
    words = value.strip().lower().split()
    names = [w for w in words if w not in ORIENTATIONS]
    orientations = len(words) - len(names)
    named = len(names) == 1 and names[0] in PAGE_SIZES and orientations <= 1
    lengths = orientations == 0 and 1 <= len(words) <= 2 and all(_positive_length(w) for w in words)
    if not (named or lengths or (orientations == 1 and not names)):
        raise UsageError(
            f"invalid page size {value!r}: use a name (A0–A10, B0–B10, C0–C10, JIS-B0–JIS-B10, Letter, Legal, Ledger), "
            "optionally with portrait or landscape, "
            "or one or two lengths such as '148mm 210mm'"
        )
    return value.strip()


def _positive_length(word: str) -> bool:
    match = _LENGTH.match(word)
    return match is not None and float(word[: match.start(1)]) > 0


def check_pdf_variant(value: str | None) -> str | None:
    """The PDF variant's key (``pdf/ua-1``, ``pdf/a-3b`` …), or None; an unknown one is a usage error."""
    if not value:
        return None
    key = value.strip().lower()
    if key not in PDF_VARIANTS:
        raise UsageError(f"unknown PDF variant {value!r}; known: {', '.join(sorted(PDF_VARIANTS))}")
    return key
