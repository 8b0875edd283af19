"""detect_language: fill in the document's language from its text when metadata has none."""

from __future__ import annotations

from dataclasses import replace

from docconv.context import Context
from docconv.language import detect
from docconv.model import Document, prose_text
from docconv.transforms import FunctionTransform


def detect_language(document: Document) -> Document:
    if document.meta.language:
        return document
    language = detect(document.meta.title + "\n" + prose_text(document.blocks)) or "en"
    return replace(document, meta=replace(document.meta, language=language))


def _detect_language(document: Document, context: Context) -> Document:
    result = detect_language(document)
    if result.meta.language != document.meta.language:
        context.reporter.info("language-detected", f"language {result.meta.language} detected from the text")
    return result


TRANSFORM = FunctionTransform("detect-language", _detect_language, "detect the language when the metadata has none")
