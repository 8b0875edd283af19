"""Justification of Chinese and Japanese lines after WeasyPrint's layout, stretching only what may stretch.

WeasyPrint's ``text-align: justify`` only widens spaces (``text-justify`` is not implemented), so
a CJK line that Pango shortened — a closing mark may not start the next line, so a character
moves down with it — stays ragged, and a line with two spaces gets all of its shortfall in
them (up to 1.44 em measured between a Han character and a Latin word). ``justify_cjk_lines``
walks the laid-out lines of Chinese and Japanese blocks before drawing and re-spreads each
line's shortfall the way clreq §3.8 orders it:

1. spaces first (Han–Latin spacing, spaces between Latin words), each by at most
   ``_SPACE_CAP_EM`` — a Han–Latin gap stays within ⅛…⅜ em;
2. the rest between CJK characters only (Han, kana, CJK punctuation; not inside ``——``/``……``):
   a Pango letter-spacing attribute on the CJK characters' byte ranges, so a Latin word or a
   number is never letter-spaced.

Never touched: a paragraph's last line (unless the paragraph goes on on the next page), a line
that ends in a forced break (``<br>`` leaves an empty inline box at its end), and a line that
would need more than ``_LETTER_CAP_EM`` per gap (it ends early for another reason, e.g. a long
URL moved down; it is left ragged, with its spaces no wider than the cap).

Pango gives each character in a letter-spacing range half the spacing on each side, except at
the edges of its layout: a text box's first and last CJK characters lose their outer half,
which this module adds back by moving the box (``position_x``), so a CJK gap across an inline
boundary (emphasis, a compressed mark) is as wide as any other. Text, glyphs and extraction
order are untouched; only positions change. Relies on WeasyPrint 70 internals (box classes,
``justification_spacing``, ``Layout.set_text`` being called again when drawing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.text.ffi import TO_UNITS, ffi, pango
from weasyprint.text.line_break import Layout

from docconv.charclass import CJK_TEXT, IGNORABLE, WESTERN

# Spaces grow by at most this (ems): 0.256 em (the CJK face's space) + 0.115 < ⅜ em.
_SPACE_CAP_EM = 0.115
# Each Han–Latin gap (space plus the Han side's half of the letter-spacing) stays under this.
_GAP_CAP_EM = 0.115
# More than this per CJK character is not a kinsoku shortfall but a line that ends early on purpose.
_LETTER_CAP_EM = 0.3
# CJK letters and marks take letter-spacing; the halves of ——/…… stay joined (they are not CJK_TEXT).
_STRETCHABLE_RUN = re.compile(f"[{CJK_TEXT}“”‘’]+")
_IGNORABLE = "".join(IGNORABLE)
_WESTERN = re.compile(f"[{WESTERN}]")
_LANGUAGES = ("zh", "ja")


class SpacedLayout(Layout):  # type: ignore[misc]
    """A WeasyPrint layout that letter-spaces only the given byte ranges (CJK characters)."""

    cjk_ranges: tuple[tuple[int, int], ...] = ()
    cjk_spacing = 0

    def set_text(self, text: str, justify: bool = False) -> None:
        super().set_text(text, justify)
        if not (self.cjk_spacing and self.cjk_ranges):
            return
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        for start, end in self.cjk_ranges:
            attribute = pango.pango_attr_letter_spacing_new(self.cjk_spacing)
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)


@dataclass
class _Run:
    """What one text box of a line offers to stretch."""

    box: Any
    spaces: int
    cjk: int
    ranges: tuple[tuple[int, int], ...]
    first_cjk: bool  # its first character takes letter-spacing (Pango gives it none on the outer side)
    last_cjk: bool
    western: bool  # it holds a Latin letter or digit


def _run(box: Any) -> _Run:
    text = box.text
    ranges: list[tuple[int, int]] = []
    cjk = 0
    position = done = 0  # bytes so far, characters so far
    for match in _STRETCHABLE_RUN.finditer(text):
        position += len(text[done : match.start()].encode())
        size = len(match.group().encode())
        ranges.append((position, position + size))
        position += size
        done = match.end()
        cjk += match.end() - match.start()
    visible = text.strip(_IGNORABLE)
    return _Run(
        box=box,
        spaces=text.count(" ") + text.count("\u00a0"),
        cjk=cjk,
        ranges=tuple(ranges),
        first_cjk=bool(visible) and _STRETCHABLE_RUN.match(visible[0]) is not None,
        last_cjk=bool(visible) and _STRETCHABLE_RUN.match(visible[-1]) is not None,
        western=_WESTERN.search(text) is not None,
    )


def justify_cjk_lines(document: Any) -> int:
    """Straighten the right edge of justified Chinese and Japanese paragraphs; returns the lines adjusted."""
    adjusted = 0
    stack: list[Any] = [page._page_box for page in document.pages]
    while stack:
        box = stack.pop()
        children = getattr(box, "children", None)
        if not children:
            continue
        if isinstance(box, boxes.BlockContainerBox) and isinstance(children[0], boxes.LineBox):
            adjusted += _justify_block(box)
            stack.extend(c for c in children if not isinstance(c, boxes.LineBox))
            continue
        stack.extend(children)
    return adjusted


def _justify_block(block: Any) -> int:
    style = block.style
    if style["text_align_all"] != "justify" or style["white_space"] not in ("normal", "pre-line", "nowrap"):
        return 0
    if not (style["lang"] or "").lower().startswith(_LANGUAGES):
        return 0
    lines = [c for c in block.children if isinstance(c, boxes.LineBox)]
    right_edge = block.content_box_x() + block.width
    continued = "bottom" in block.remove_decoration_sides  # the paragraph goes on on the next page
    count = 0
    for number, line in enumerate(lines):
        if number == len(lines) - 1 and not continued:
            break  # the real last line stays ragged (text-align-last: start)
        count += _justify_line(line, right_edge, style["font_size"])
    return count


def _leaves(box: Any, out: list[Any]) -> list[Any]:
    for child in box.children:
        if not child.is_in_normal_flow():
            continue
        if isinstance(child, boxes.TextBox):
            out.append(child)
        elif isinstance(child, boxes.InlineBox):
            if child.element_tag == "br":
                raise _ForcedBreak
            _leaves(child, out)
        else:
            out.append(child)
    return out


class _ForcedBreak(Exception):
    """The line ends at a <br>: it is a last line too."""


def _justify_line(line: Any, right_edge: float, font_size: float) -> int:
    try:
        leaves = _leaves(line, [])
    except _ForcedBreak:
        return 0
    texts = [leaf for leaf in leaves if isinstance(leaf, boxes.TextBox)]
    if not texts or any(t.text.endswith("\n") for t in texts):
        return 0
    runs = [_run(t) for t in texts]
    cjk = sum(r.cjk for r in runs)
    if not cjk:
        return 0  # a Latin line: WeasyPrint's word spacing is right for it
    last = leaves[-1]
    old_extra = sum((r.box.justification_spacing or 0) * r.spaces for r in runs)
    available = right_edge - (last.position_x + last.margin_width()) + old_extra
    spaces = sum(r.spaces for r in runs)
    # The line's outermost CJK characters get no spacing on their outer side.
    first = id(texts[0]) if leaves[0] is texts[0] else 0
    final = id(texts[-1]) if last is texts[-1] else 0
    gaps = cjk - 0.5 * (bool(first) and runs[0].first_cjk) - 0.5 * (bool(final) and runs[-1].last_cjk)
    space, letter = _shares(available, spaces, gaps, font_size, any(r.western for r in runs))
    if letter < 0.001 and all(abs((r.box.justification_spacing or 0) - space) < 0.001 for r in runs if r.spaces):
        return 0  # WeasyPrint's own word spacing stayed within bounds
    _shift(line, _Plan(space, letter, {id(r.box): r for r in runs}, first, final), 0.0)
    return 1


def _shares(available: float, spaces: int, gaps: float, font_size: float, han_latin: bool) -> tuple[float, float]:
    """Extra width per space and per CJK character (in px) for a line short by ``available``."""
    if available <= 0:
        return 0.0, 0.0
    space_cap = _SPACE_CAP_EM * font_size
    space = min(available / spaces, space_cap) if spaces else 0.0
    letter = (available - space * spaces) / gaps if gaps > 0 else 0.0
    if han_latin and spaces and space + letter / 2 > _GAP_CAP_EM * font_size and gaps > spaces / 2:
        # A Han–Latin gap gets the space's share and half a letter-spacing: keep their sum in bounds.
        letter = (available - _GAP_CAP_EM * font_size * spaces) / (gaps - spaces / 2)
        space = max(0.0, _GAP_CAP_EM * font_size - letter / 2)
        letter = (available - space * spaces) / gaps
    if letter > _LETTER_CAP_EM * font_size or letter < 0:
        return min(available / spaces, space_cap) if spaces else 0.0, 0.0  # leave the line ragged
    return space, letter


@dataclass
class _Plan:
    space: float
    letter: float
    runs: dict[int, _Run]
    first: int
    last: int


def _respace(box: Any, run: _Run, plan: _Plan) -> tuple[float, float, float]:
    """Give ``box`` its new spacing; returns (gap before it, width change, gap after it)."""
    old = (box.justification_spacing or 0) * run.spaces
    letter = plan.letter if run.cjk else 0.0
    before = letter / 2 if run.first_cjk and id(box) != plan.first else 0.0
    after = letter / 2 if run.last_cjk and id(box) != plan.last else 0.0
    edges = (letter / 2) * (run.first_cjk + run.last_cjk)
    growth = plan.space * run.spaces + letter * run.cjk - edges - old
    box.justification_spacing = plan.space
    layout = box.pango_layout
    if layout is not None:
        spaced = SpacedLayout.__new__(SpacedLayout)
        spaced.__dict__.update(layout.__dict__)  # a box's own copy: layouts may be shared
        spaced.justification_spacing = plan.space
        spaced.cjk_ranges = run.ranges if letter else ()
        spaced.cjk_spacing = int(letter * TO_UNITS)
        box.pango_layout = spaced
    return before, growth, after


def _shift(box: Any, plan: _Plan, x_advance: float) -> float:
    """Re-space every text box of ``box`` and move what follows; returns the running advance."""
    if isinstance(box, boxes.TextBox):
        run = plan.runs.get(id(box))
        if run is None:
            box.position_x += x_advance
            return x_advance
        before, growth, after = _respace(box, run, plan)
        box.position_x += x_advance + before
        box.width += growth
        return x_advance + before + growth + after
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        start = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _shift(child, plan, x_advance)
        box.width += x_advance - start
        return x_advance
    box.translate(x_advance, 0)
    return x_advance
