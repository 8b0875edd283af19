"""Binder: one or many Documents → a Packet, with duplicates reported and included once."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from docconv.diagnostics import Reporter
from docconv.model import Document, Omission, Packet, PacketMeta, document_text


def single(document: Document) -> Packet:
    """A lone article as a packet of one: every renderer has one code path."""
    meta = PacketMeta(title=document.meta.title, date=document.meta.date, language=document.meta.language)
    return Packet(meta=meta, documents=(document,), is_single=True)


def _fingerprint(document: Document) -> str:
    text = "".join(document_text(document).split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bind(
    documents: Iterable[Document],
    meta: PacketMeta,
    reporter: Reporter | None = None,
    *,
    order: str = "as-given",
    omitted: Iterable[Omission] = (),
) -> Packet:
    """Bind articles into a packet. ``order`` is ``as-given`` or ``date`` (oldest first)."""
    reporter = reporter or Reporter()
    kept: list[Document] = []
    seen_urls: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for document in documents:
        url = (document.meta.source_url or "").rstrip("/")
        fingerprint = _fingerprint(document)
        duplicate_of = (seen_urls.get(url) if url else None) or seen_texts.get(fingerprint)
        if duplicate_of is not None:
            reporter.warning("duplicate-article", f"same article as {duplicate_of}; included once", where=document.origin)
            continue
        if url:
            seen_urls[url] = document.origin
        seen_texts[fingerprint] = document.origin
        kept.append(document)
    if order == "date":
        # Dates are aware: compare the instants, not the wall-clock times of different zones. Undated first.
        kept.sort(key=lambda d: d.meta.date.timestamp() if d.meta.date else float("-inf"))
    elif order != "as-given":
        raise ValueError(f"unknown order {order!r}: use 'as-given' or 'date'")
    if meta.language is None:
        languages = [d.meta.language for d in kept if d.meta.language]
        if languages:
            from dataclasses import replace

            from docconv.language import detect, primary

            # The packet's labels follow the language its title is written in, when some article
            # shares it (a pure-kanji Japanese title reads as Chinese, so only then); else the
            # articles' most common language. Chinese must match its script: zh-Hans ≠ zh-Hant.
            letters = sum(1 for char in meta.title or "" if char.isalpha())
            titled = detect(meta.title) if letters >= 3 else None  # "T" in a test says nothing
            sharing = [lang for lang in languages if lang == titled] or [
                lang for lang in languages if titled and not titled.startswith("zh") and primary(lang) == primary(titled)
            ]
            pool = sharing or languages
            meta = replace(meta, language=max(dict.fromkeys(pool), key=pool.count))
    return Packet(meta=meta, documents=tuple(kept), omitted=tuple(omitted), is_single=False)
