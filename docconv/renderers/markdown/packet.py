"""Markdown for briefing packets: one file with a linked contents list, or one file per article.

The packet is turned into an ordinary Document (contents list, then each article under a
level-1 heading with its headings shifted down) and written by the same Markdown writer, so a
packet's Markdown reads back and renders again to identical bytes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from docconv import l10n
from docconv.model import (
    Block,
    Document,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Packet,
    Paragraph,
    Text,
)
from docconv.output import safe_filename
from docconv.renderers.base import RenderContext
from docconv.renderers.markdown.writer import render_document


def slug(text: str, taken: set[str]) -> str:
    """A GitHub-style heading anchor, unique within ``taken``."""
    base = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-") or "section"
    candidate, number = base, 1
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def _byline(document: Document, language: str | None) -> Paragraph | None:
    meta = document.meta
    separator = " · "
    parts: list[Inline] = []
    if meta.authors:
        parts.append(Text(text=f"{l10n.text('author', language)}：" if l10n.locale_key(language) != "en" else "By "))
        parts.append(Text(text=l10n.text("list_separator", language).join(meta.authors)))
    if meta.date:
        if parts:
            parts.append(Text(text=separator))
        parts.append(Text(text=l10n.format_date(meta.date, language)))
    if meta.source_url:
        if parts:
            parts.append(Text(text=separator))
        label = l10n.text("source", language)
        parts.append(Text(text=f"{label}：" if l10n.locale_key(language) != "en" else f"{label}: "))
        parts.append(Link(children=(Text(text=meta.source_url),), url=meta.source_url))
    return Paragraph(children=(Emphasis(children=tuple(parts)),)) if parts else None


def _shift(block: Block) -> Block:
    return replace(block, level=min(block.level + 1, 6)) if isinstance(block, Heading) else block


def packet_document(packet: Packet, contents_list: bool = True) -> Document:
    """The packet as one Document: contents (unless ``contents_list`` is off), then each article under a level-1 heading."""
    language = packet.language
    anchors: set[str] = set()
    contents: list[ListItem] = []
    body: list[Block] = []
    contents_title = l10n.text("contents", language)
    slug(contents_title, anchors)
    for document in packet.documents:
        title = document.meta.title or document.origin
        anchor = slug(title, anchors)
        contents.append(ListItem(blocks=(Paragraph(children=(Link(children=(Text(text=title),), url=f"#{anchor}"),)),)))
        body.append(Heading(level=1, children=(Text(text=title),)))
        byline = _byline(document, language)
        if byline:
            body.append(byline)
        body.extend(_shift(b) for b in document.blocks)
    if packet.omitted:
        body.append(Heading(level=1, children=(Text(text=l10n.text("not_included", language)),)))
        body.append(
            ListBlock(
                items=tuple(
                    ListItem(blocks=(Paragraph(children=(Text(text=f"{o.origin}: {o.reason}"),)),)) for o in packet.omitted
                )
            )
        )
    blocks: list[Block] = [
        *(
            (Heading(level=1, children=(Text(text=contents_title),)), ListBlock(items=tuple(contents), ordered=True))
            if contents_list
            else ()
        ),
        *body,
    ]
    meta = Metadata(title=packet.meta.title, date=packet.meta.date, language=language, extra=_extra(packet))
    return Document(meta=meta, blocks=tuple(blocks))


def _extra(packet: Packet) -> tuple[tuple[str, Any], ...]:
    meta = packet.meta
    values = (("subtitle", meta.subtitle), ("organisation", meta.organisation), ("notice", meta.notice))
    return (*((k, v) for k, v in values if v), ("articles", len(packet.documents)))


def render_packet(packet: Packet, context: RenderContext) -> str:
    return render_document(packet_document(packet, context.options.toc is not False))


def split_files(packet: Packet, context: RenderContext) -> dict[Path, bytes]:
    """``index.md`` linking one Markdown file per article (``01-title.md`` …)."""
    from docconv.renderers.markdown.refs import vet_packet

    packet = vet_packet(packet, context.options, context.reporter)
    files: dict[Path, bytes] = {}
    items: list[ListItem] = []
    for number, document in enumerate(packet.documents, start=1):
        name = f"{number:02d}-{safe_filename(document.meta.title, max_length=80)}.md"
        files[Path(name)] = render_document(document).encode("utf-8")
        items.append(
            ListItem(blocks=(Paragraph(children=(Link(children=(Text(text=document.meta.title or name),), url=name),)),))
        )
    blocks: list[Block] = [
        Heading(level=1, children=(Text(text=l10n.text("contents", packet.language)),)),
        ListBlock(items=tuple(items), ordered=True),
    ]
    meta = Metadata(title=packet.meta.title, date=packet.meta.date, language=packet.language, extra=_extra(packet))
    index = Document(meta=meta, blocks=tuple(blocks))
    files[Path("index.md")] = render_document(index).encode("utf-8")
    return files
