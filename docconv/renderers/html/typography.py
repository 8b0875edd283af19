"""Render-time CJK typography: Han–Latin spacing, unbreakable dashes and ellipses, inter-character justification.

Nothing here edits a Document: ``typeset`` turns one text run into escaped HTML for the
renderers, and ``justify_cjk_lines`` adjusts WeasyPrint's laid-out boxes before drawing.

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
* WeasyPrint's ``text-align: justify`` only widens spaces; a CJK line that Pango shortened
  (a closing mark may not start the next line, so a character moves down with it) stays
  ragged. ``justify_cjk_lines`` walks the laid-out lines of CJK blocks and spreads the missing
  width over the line: spaces first (up to a cap), the rest as letter-spacing between every
  character. Text, glyphs and extraction order are untouched; only positions change.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from markupsafe import Markup, escape

from docconv.charclass import CJK_IDEOGRAPHIC, HAS_CJK_TEXT, IGNORABLE, WESTERN

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


# ------------------------------------------------------------------ justification after layout

# Each space may grow by at most this much (in ems) before characters start to move apart:
# clreq caps Han–Western spacing at about half an em.
_SPACE_CAP_EM = 0.25
# A line short by more than this (ems per gap) is not a kinsoku shortfall but a line that
# ends early for a reason (a long unbreakable word moved down): leave it as it is.
_LETTER_CAP_EM = 0.5
_CJK_LANGS = ("zh", "ja", "ko")


def justify_cjk_lines(document: Any) -> int:
    """Straighten the right edge of justified CJK paragraphs in a rendered WeasyPrint document.

    Returns the number of lines adjusted. Works on ``weasyprint.Document`` before ``write_pdf``.
    """
    from weasyprint.formatting_structure import boxes

    adjusted = 0
    stack: list[Any] = [page._page_box for page in document.pages]
    while stack:
        box = stack.pop()
        children = getattr(box, "children", None)
        if not children:
            continue
        if isinstance(box, boxes.BlockContainerBox) and isinstance(children[0], boxes.LineBox):
            adjusted += _justify_block(box, boxes)
            stack.extend(c for c in children if not isinstance(c, boxes.LineBox))
            continue
        stack.extend(children)
    return adjusted


def _justify_block(block: Any, boxes: Any) -> int:
    style = block.style
    if style["text_align_all"] != "justify" or style["white_space"] not in ("normal", "pre-line", "nowrap"):
        return 0
    if not (style["lang"] or "").lower().startswith(_CJK_LANGS):
        return 0
    lines = [c for c in block.children if isinstance(c, boxes.LineBox)]
    right_edge = block.content_box_x() + block.width
    continued = "bottom" in block.remove_decoration_sides  # the paragraph goes on next page
    count = 0
    for number, line in enumerate(lines):
        if number == len(lines) - 1 and not continued:
            break  # the real last line stays ragged (text-align-last: start)
        count += _justify_line(line, right_edge, style["font_size"], boxes)
    return count


def _leaves(box: Any, boxes: Any, out: list[Any]) -> list[Any]:
    for child in box.children:
        if not child.is_in_normal_flow():
            continue
        if isinstance(child, boxes.TextBox):
            out.append(child)
        elif isinstance(child, boxes.InlineBox):
            _leaves(child, boxes, out)
        else:
            out.append(child)
    return out


def _text_counts(text: str) -> tuple[int, int]:
    """Spaces, and other characters that take letter-spacing (joiners and combining marks do not)."""
    spaces = text.count(" ") + text.count("\u00a0")
    chars = len(text) - spaces
    if not text.isascii():
        chars -= sum(text.count(c) for c in IGNORABLE) + sum(1 for c in text if unicodedata.combining(c))
    return spaces, chars


def _justify_line(line: Any, right_edge: float, font_size: float, boxes: Any) -> int:
    leaves = _leaves(line, boxes, [])
    texts = [leaf for leaf in leaves if isinstance(leaf, boxes.TextBox)]
    if not texts or any(t.text.endswith("\n") for t in texts):
        return 0  # empty, or ends at a forced break: that line is a "last line" too
    if not any(has_cjk(t.text) for t in texts):
        return 0
    last = leaves[-1]
    deficit = right_edge - (last.position_x + last.margin_width())
    spaces = chars = 0
    old_extra = 0.0
    for text_box in texts:
        s, c = _text_counts(text_box.text)
        spaces += s
        chars += c
        old_extra += (text_box.justification_spacing or 0) * s
    available = deficit + old_extra
    if available <= 0.01:
        return 0
    space_share = min(available / spaces, _SPACE_CAP_EM * font_size) if spaces else 0.0
    rest = available - space_share * spaces
    gaps = chars + spaces - 1
    if rest <= 0.01:
        return 0  # WeasyPrint's own space stretching stayed within the cap
    if gaps < 1 or rest / gaps > _LETTER_CAP_EM * font_size:
        return 0
    letter = rest / gaps
    _shift(line, space_share, letter, boxes, 0.0)
    return 1


def _shift(box: Any, space_share: float, letter: float, boxes: Any, x_advance: float) -> float:
    """Re-space every text box of ``box`` and move what follows; returns the running advance."""
    if isinstance(box, boxes.TextBox):
        spaces, chars = _text_counts(box.text)
        old = (box.justification_spacing or 0) * spaces
        new = space_share * spaces + letter * (spaces + chars)
        box.position_x += x_advance
        box.justification_spacing = space_share
        if getattr(box, "pango_layout", None) is not None:
            box.pango_layout.justification_spacing = space_share  # read again when drawing
        style = box.style.copy()
        base = style["letter_spacing"]
        style["letter_spacing"] = (0 if base == "normal" else base) + letter
        box.style = style  # drawing re-creates the Pango layout from this style
        box.width += new - old
        return x_advance + new - old
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _shift(child, space_share, letter, boxes, x_advance)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)
    return x_advance
