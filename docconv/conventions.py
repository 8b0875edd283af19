"""Conventions a reader and a renderer of the same format share, so that neither imports the other."""

from __future__ import annotations

# A table's caption in Markdown: a paragraph right after the table starting with this (pandoc's form).
TABLE_CAPTION_PREFIX = "Table: "

# Front-matter keys docconv understands under another name but writes back as the post wrote them:
# ``tags`` join the categories, ``thumbnail``/``headimg``/``image`` name the cover. The reader keeps
# them in ``Metadata.extra`` as well; the Markdown writer leaves out what they already say.
TAG_KEYS = frozenset(("tags",))
COVER_KEYS = frozenset(("thumbnail", "headimg", "image"))
