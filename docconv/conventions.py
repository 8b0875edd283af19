"""Conventions a reader and a renderer of the same format share, so that neither imports the other."""

from __future__ import annotations

# A table's caption in Markdown: a paragraph right after the table starting with this (pandoc's form).
TABLE_CAPTION_PREFIX = "Table: "
