"""Typesetting across one block's inline HTML: what needs both sides of an inline boundary.

``typography.typeset_text`` sees one text run; clreq's rules look at neighbouring characters
that may sit in different elements (``超过<strong>3100 班</strong>``, ``</a>）。``). This
module works on the HTML the writer has just produced for one block — text it escaped itself
and tags it wrote itself, so splitting at ``<…>`` is exact — and, for Chinese and Japanese:

* puts a U+0020 between Han/kana and a Latin letter or digit where an inline boundary
  separates them, and drops a source space next to a full-width mark (``RuoYi-Vue ，``);
* compresses adjacent punctuation (clreq 3.1.6.2): of a closing+closing or closing+opening
  pair the first mark, of an opening+opening pair the second, is wrapped in
  ``<span class="pc">``, which the theme sets with the font's ``halt`` feature (half-width
  forms, measured in Noto CJK: the pair is 1.5 em, line breaking is unchanged). Simplified
  Chinese compresses its left-set stops too; Japanese only 、。，．; Traditional Chinese,
  whose stops are centred, only bracket and quotation pairs;
* keeps the last two characters of a paragraph together (``<span class="nobr">``, nowrap), so
  the last line never holds a single character (clreq 单字成行); a heading keeps its last
  two-fifths together, which balances a heading that runs to a second line;
* wraps each letter of CJK emphasis in ``<span class="em-dot">`` (``emphasis_marks``): there is
  no italic Han, so the theme draws emphasis dots (着重号) instead of a synthetic slant.

Code, superscripts and subscripts are left as they are: code counts as a Latin word for
spacing, superscripts (link numbers) separate nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html import unescape
from typing import Literal

from markupsafe import Markup, escape

from docconv.charclass import (
    CJK_IDEOGRAPHIC,
    CLOSING_BRACKETS,
    FULLWIDTH_PUNCTUATION,
    HANGUL,
    JAPANESE_LEFT_SET_STOPS,
    OPENING_BRACKETS,
    STOPS,
    WESTERN,
)
from docconv.language import primary, rendering_tag

Style = Literal["hans", "hant", "ja"]
Kind = Literal["paragraph", "heading", "inline"]

_TOKEN = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
_VOID = frozenset({"br", "img", "hr", "wbr"})
_OPAQUE = frozenset({"code", "sup", "sub", "svg"})
_HAN_KANA = re.compile(f"[{CJK_IDEOGRAPHIC}]")
_WESTERN = re.compile(f"[{WESTERN}]")
_LETTER = re.compile(f"[{CJK_IDEOGRAPHIC}{HANGUL}{WESTERN}]")
# Marks that are full width in every CJK face; a source space next to one is a typing habit.
_FULL_WIDTH_MARK = re.compile(f"[{STOPS}{OPENING_BRACKETS[:-2]}{CLOSING_BRACKETS[:-2]}\u3001-\u303f{FULLWIDTH_PUNCTUATION}]")
_EXTEND_LIMIT = 12  # characters a keep-together group may reach back to close an element
_GROUP_LIMIT = 24  # a longer group (a long Latin word) could not fit a narrow line: not kept together
_HEADING_SHARE, _HEADING_MAX = 0.4, 10
_BARRIER, _LATIN_WORD = "\x00", "a"  # what a superscript and a piece of code look like to neighbours


def punctuation_style(tag: str | None) -> Style | None:
    """How ``tag``'s text sets punctuation: Simplified or Traditional Chinese, Japanese, or not at all."""
    language = primary(tag)
    if language == "ja":
        return "ja"
    if language == "zh":
        return "hant" if rendering_tag(tag) in ("zh-TW", "zh-HK") else "hans"
    return None


@dataclass(slots=True)
class _Char:
    token: int  # index in the token list, -1 for a stand-in for code or a superscript
    offset: int
    char: str


@dataclass
class _Block:
    tokens: list[str]  # tags as written, text unescaped
    is_text: list[bool]
    chars: list[_Char] = field(default_factory=list)
    inserts: dict[tuple[int, int], str] = field(default_factory=dict)  # (token, offset) → text before that char
    deleted: set[tuple[int, int]] = field(default_factory=set)
    wrapped: dict[tuple[int, int], str] = field(default_factory=dict)  # (token, offset) → span class around that char


def _parse(html: str) -> _Block:
    parts = _TOKEN.split(html)
    block = _Block([], [])
    opaque: list[str] = []
    for part in parts:
        if not part:
            continue
        is_tag = part.startswith("<")
        block.tokens.append(part if is_tag else unescape(part))
        block.is_text.append(not is_tag)
        index = len(block.tokens) - 1
        if is_tag:
            _track_opaque(part, opaque, block)
        elif opaque:
            _opaque_text(part, opaque, block)
        else:
            block.chars += [_Char(index, offset, char) for offset, char in enumerate(block.tokens[index])]
    return block


def _track_opaque(tag: str, opaque: list[str], block: _Block) -> None:
    match = _TAG_NAME.match(tag)
    name = match.group(1).lower() if match else ""
    if name not in _OPAQUE:
        return
    if tag.startswith("</"):
        if opaque:
            opaque.pop()
    elif not tag.endswith("/>"):
        opaque.append(name)


def _opaque_text(text: str, opaque: list[str], block: _Block) -> None:
    stand_in = _LATIN_WORD if opaque[0] == "code" and not _HAN_KANA.search(text) else _BARRIER
    if not block.chars or block.chars[-1].token != -1:
        block.chars.append(_Char(-1, 0, stand_in))


# ------------------------------------------------------------------ spacing and compression


def _space_and_trim(block: _Block) -> None:
    chars = block.chars
    for number, (left, right) in enumerate(itertools.pairwise(chars)):
        pair = left.char + right.char
        if _needs_space(pair):
            if left.token != -1:
                block.inserts[(left.token, left.offset + 1)] = " "
            elif right.token != -1:
                block.inserts[(right.token, right.offset)] = " "
        if right.char == " " and number + 2 < len(chars):
            after = chars[number + 2]
            if _FULL_WIDTH_MARK.match(left.char) or _FULL_WIDTH_MARK.match(after.char):
                block.deleted.add((right.token, right.offset))


def _needs_space(pair: str) -> bool:
    a, b = pair[0], pair[1]
    if _BARRIER in pair:
        return False
    return bool((_HAN_KANA.match(a) and _WESTERN.match(b)) or ((_WESTERN.match(a) or a == "%") and _HAN_KANA.match(b)))


def _closing(mark: str, style: Style) -> bool:
    """A mark whose trailing half-em is empty, so it may lose it before another mark."""
    if mark in CLOSING_BRACKETS:
        return True
    if style == "hans":
        return mark in STOPS
    if style == "ja":
        return mark in JAPANESE_LEFT_SET_STOPS
    return False


def _compress(block: _Block, style: Style) -> None:
    chars = [c for c in block.chars if (c.token, c.offset) not in block.deleted]
    punctuation = OPENING_BRACKETS + CLOSING_BRACKETS + (STOPS if style != "hant" else "")
    for left, right in itertools.pairwise(chars):
        if left.token == -1 or right.token == -1:
            continue
        if _closing(left.char, style) and right.char in punctuation:
            block.wrapped[(left.token, left.offset)] = "pc"
        elif left.char in OPENING_BRACKETS and right.char in OPENING_BRACKETS:
            block.wrapped[(right.token, right.offset)] = "pc"


# ------------------------------------------------------------------ keeping the last characters together


def _group_start(block: _Block, units: int) -> _Char | None:
    """The first character of the last ``units`` letters (a Latin word counts as one)."""
    found = 0
    start: _Char | None = None
    previous_western = False
    for char in reversed(block.chars):
        if char.token == -1:
            if char.char == _LATIN_WORD:
                return None  # code at the end: leave it alone
            continue
        if not _LETTER.match(char.char):
            previous_western = False
            continue
        western = bool(_WESTERN.match(char.char))
        if not (western and previous_western):
            if found == units:
                return start
            found += 1
        start = char
        previous_western = western
    return None  # too short to break at all


def _balanced_start(block: _Block, token: int) -> int | None:
    """The token where a group starting in ``token`` may open without crossing an element's end."""
    depth = lowest = 0
    for index in range(token + 1, len(block.tokens)):
        if block.is_text[index]:
            continue
        tag = block.tokens[index]
        match = _TAG_NAME.match(tag)
        if not match or match.group(1).lower() in _VOID or tag.endswith("/>"):
            continue
        depth += -1 if tag.startswith("</") else 1
        lowest = min(lowest, depth)
    return _reach_back(block, token, -lowest) if lowest < 0 else token


def _reach_back(block: _Block, token: int, unclosed: int) -> int | None:
    """Step back over ``unclosed`` opening tags, if the text passed on the way is short."""
    passed = 0
    depth = 0
    for index in range(token - 1, -1, -1):
        if block.is_text[index]:
            passed += len(block.tokens[index])
            if passed > _EXTEND_LIMIT:
                return None
            continue
        tag = block.tokens[index]
        match = _TAG_NAME.match(tag)
        if not match or match.group(1).lower() in _VOID or tag.endswith("/>"):
            continue
        depth += 1 if tag.startswith("</") else -1
        if depth == -unclosed:
            return index
    return None


def _keep_together(block: _Block, units: int) -> tuple[int, int] | None:
    """(token, offset) where the keep-together span opens, or None."""
    start = _group_start(block, units)
    if start is None:
        return None
    reach = sum(len(t) for t, text in zip(block.tokens[start.token :], block.is_text[start.token :]) if text)
    if reach - start.offset > _GROUP_LIMIT:
        return None
    token = _balanced_start(block, start.token)
    if token is None:
        return None
    return (token, start.offset) if token == start.token else (token, -1)


# ------------------------------------------------------------------ writing back


def _write(block: _Block, opening: tuple[int, int] | None) -> Markup:
    touched = {key[0] for key in (*block.inserts, *block.deleted, *block.wrapped)}
    if opening is not None:
        touched.add(opening[0])
    out: list[str] = []
    for index, token in enumerate(block.tokens):
        if opening == (index, -1):
            out.append('<span class="nobr">')
        if not block.is_text[index]:
            out.append(token)
            continue
        if index not in touched:
            out.append(str(escape(token)))
            continue
        for offset, char in enumerate(token):
            key = (index, offset)
            if key in block.inserts:
                out.append(block.inserts[key])
            if opening == key:
                out.append('<span class="nobr">')
            if key in block.deleted:
                continue
            if key in block.wrapped:
                out.append(f'<span class="{block.wrapped[key]}">{escape(char)}</span>')
            else:
                out.append(str(escape(char)))
        if (index, len(token)) in block.inserts:
            out.append(block.inserts[(index, len(token))])
    if opening is not None:
        out.append("</span>")
    return Markup("".join(out))


def typeset_block(html: Markup, style: Style | None, kind: Kind = "paragraph") -> Markup:
    """``html`` (one block's inline HTML from the writer) with the cross-boundary rules applied."""
    if style is None or not html:
        return html
    block = _parse(str(html))
    if not block.chars:
        return html
    _space_and_trim(block)
    _compress(block, style)
    opening = None
    if kind == "paragraph":
        opening = _keep_together(block, 2)
    elif kind == "heading":
        letters = sum(1 for c in block.chars if _LETTER.match(c.char))
        opening = _keep_together(block, max(2, min(_HEADING_MAX, round(letters * _HEADING_SHARE))))
    return _write(block, opening)


def emphasis_marks(html: Markup) -> Markup:
    """Each letter of CJK emphasis in its own ``<span class="em-dot">``, for the theme's emphasis dots."""
    block = _parse(str(html))
    for char in block.chars:
        if char.token != -1 and _LETTER.match(char.char):
            block.wrapped[(char.token, char.offset)] = "em-dot"
    return _write(block, None)
