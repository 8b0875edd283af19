"""Markdown keeps image references, not bytes: drop the ones the fetch policy would refuse.

A Markdown file is opened by viewers that fetch its images themselves, so a reference to
``file:///etc/passwd`` or ``http://169.254.169.254/`` would hand the reader's machine the request
docconv refused. References are judged without any I/O (no DNS, no socket): other schemes than
http(s) and data:, local files outside the allowed folders, and hosts that are loopback, private,
link-local or metadata addresses by their literal form. Relative paths stay as written. A refused image becomes its description,
as in PDF and EPUB; a refused cover is left out of the front matter.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from docconv import l10n
from docconv.diagnostics import Reporter
from docconv.model import Block, Document, Figure, Packet, Paragraph, Text
from docconv.options import Options
from docconv.tree import map_blocks

_SHOWN = 200


def refusal(url: str, base_url: str | None, options: Options) -> str | None:
    """Why the fetch policy would refuse ``url`` (judged without I/O), or None."""
    from docconv.resources.fetch import allowed_roots
    from docconv.resources.netpolicy import NetPolicy

    absolute = url.strip()
    if absolute.lower().startswith("data:"):
        return None
    try:
        parts = urlsplit(absolute)
        host = parts.hostname or ""
    except ValueError:
        return "malformed URL"
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return NetPolicy(options.allow_private_network).refuses_literal(host)
    if scheme == "":
        return None  # a relative or site-root path, kept as the source wrote it; a viewer resolves it against the file
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return f"file URL on another host ({parts.netloc})"
        from docconv.resources.fetch import url2pathname  # not urllib.request's: that one brings the whole http stack

        return _outside(Path(url2pathname(parts.path)), base_url, options, allowed_roots)
    return f"URL scheme {scheme}: is not fetched"


def _outside(path: Path, base_url: str | None, options: Options, allowed_roots: object) -> str | None:
    roots = allowed_roots(base_url, options)  # type: ignore[operator]
    real = Path(os.path.realpath(path))
    if any(real == root or real.is_relative_to(root) for root in roots):
        return None
    return f"{path} is outside the allowed folders; use --allow-dir to allow another"


def vet_packet(packet: Packet, options: Options, reporter: Reporter) -> Packet:
    """The packet with every refused image reference replaced by its description."""
    documents = tuple(_vet_document(d, options, reporter) for d in packet.documents)
    return replace(packet, documents=documents)


def _vet_document(document: Document, options: Options, reporter: Reporter) -> Document:
    language = document.meta.language

    def report(url: str, reason: str) -> None:
        shown = url if len(url) <= _SHOWN else url[:_SHOWN] + "…"
        reporter.warning("image-refused", f"image not included: {shown}: {reason}", where=document.origin)

    def vet(block: Block) -> Block:
        if isinstance(block, Figure):
            reason = refusal(block.src, document.base_url, options)
            if reason:
                report(block.src, reason)
                return Paragraph(children=(Text(text=l10n.image_placeholder(block.alt, block.caption, language)),))
        return block

    meta = document.meta
    if meta.cover_image:
        reason = refusal(meta.cover_image, document.base_url, options)
        if reason:
            report(meta.cover_image, reason)
            meta = replace(meta, cover_image=None)
    return replace(document, meta=meta, blocks=map_blocks(document.blocks, vet))
