"""The ``markdown`` renderer: one article as a Markdown file with front matter, or a packet with a linked contents list."""

from __future__ import annotations

from docconv.model import Packet, has_merged_cells
from docconv.renderers.base import RenderContext
from docconv.renderers.markdown.packet import render_packet
from docconv.renderers.markdown.refs import vet_packet
from docconv.renderers.markdown.writer import render_document
from docconv.tree import tables


def render_markdown(packet: Packet, context: RenderContext) -> bytes:
    """One article as Markdown with front matter, or a packet with a linked contents list."""
    packet = vet_packet(packet, context.options, context.reporter)
    for document in packet.documents:  # one warning per article that has one, naming it
        if any(has_merged_cells(t) for t in tables(document.blocks)):
            context.reporter.warning(
                "table-span-split",
                "a merged table cell is split into single cells: Markdown tables cannot merge cells",
                where=document.origin,
            )
    if len(packet.documents) == 1 and packet.is_single:
        return render_document(packet.documents[0]).encode("utf-8")
    return render_packet(packet, context).encode("utf-8")
