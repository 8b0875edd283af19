"""detect_language: fill in the document's language from its text when metadata has none."""

from __future__ import annotations

from dataclasses import replace

from docconv.language import detect
from docconv.model import Document, document_text


def detect_language(document: Document) -> Document:
    if document.meta.language:
        return document
    language = detect(document.meta.title + "\n" + document_text(document)) or "en"
    return replace(document, meta=replace(document.meta, language=language))
