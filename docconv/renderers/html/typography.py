"""Render-time CJK typography: Han–Latin spacing, unbreakable dashes and ellipses, inter-character justification.

Nothing here edits a Document: ``typeset`` turns one text run into escaped HTML for the
renderers. Rules that look across inline boundaries (spacing at ``<strong>`` edges, punctuation
compression, keeping a paragraph's last characters together, emphasis dots) are in
``blockset.py``; justification after layout is ``docconv/renderers/pdf/justify.py``.

Why this shape (W3C clreq; WeasyPrint 70 measured, see docs/pdf.md):

* Han–Latin spacing (clreq §mixed_text_composition) is an ordinary U+0020. In Noto/Source Han
  CJK faces the space advance is 0.256 em, i.e. the quarter em clreq asks for; an ordinary space
  also disappears at line starts and ends (clreq: no spacing there), survives text extraction
  as a plain space and is the first place a justified line stretches (clreq §procedures_for_
  inter-character_space_expansion: Han–Western space before inter-character space).
* ``——`` can start a line in Pango (UAX 14 class B2 allows a break before it), so a U+2060
  WORD JOINER binds it to the preceding character; ``……`` gets the same treatment. The halves
  themselves need no joiner (UAX 14 LB17 B2×B2, LB22 ×IN keep them together), and a joiner
  between them would lose the first dash from extracted text: HarfBuzz merges a joiner into the
  cluster of the glyph before it, and WeasyPrint then maps that glyph to an empty string. A
  joiner *before* the run is merged into the dash's own cluster and extracts cleanly (tested).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from docconv.charclass import CJK_IDEOGRAPHIC, HAS_CJK_TEXT, WESTERN

WORD_JOINER = "\u2060"

# Han or kana directly touching a Latin letter or digit, in either order.
_HAN_THEN_WESTERN = re.compile(f"([{CJK_IDEOGRAPHIC}])([{WESTERN}])")
_WESTERN_THEN_HAN = re.compile(f"([{WESTERN}%])([{CJK_IDEOGRAPHIC}])")
_UNBREAKABLE = re.compile("(—{2,}|…{2,}|―{2,}|⸺|⸻)")
_CJK_CHAR = HAS_CJK_TEXT


def _bind(match: re.Match[str]) -> str:
    return WORD_JOINER + match.group(1)


def typeset_text(text: str, cjk: bool) -> str:
    """Plain text with render-time spacing and joiners added (not escaped).

    >>> typeset_text("2021年用Python——好", True) == "2021 年用 Python\u2060——好"
    True
    """
    if not cjk:
        return text
    if "—" in text or "…" in text or "―" in text or "⸺" in text or "⸻" in text:
        text = _UNBREAKABLE.sub(_bind, text)
    text = _HAN_THEN_WESTERN.sub(r"\1 \2", text)
    return _WESTERN_THEN_HAN.sub(r"\1 \2", text)


def typeset(text: str, cjk: bool) -> Markup:
    """Escaped HTML for one text run, with CJK typography applied when ``cjk`` is true."""
    return escape(typeset_text(text, cjk))


def has_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None
