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

import re
from bisect import bisect_right
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
_HAN_LATIN = re.compile(f"(?=[{CJK_IDEOGRAPHIC}][{WESTERN}]|[{WESTERN}%][{CJK_IDEOGRAPHIC}])")
_SPACE_BY_MARK = re.compile(f"(?<={_FULL_WIDTH_MARK.pattern}) | (?={_FULL_WIDTH_MARK.pattern})")
_EXTEND_LIMIT = 12  # characters a keep-together group may reach back to close an element
_GROUP_LIMIT = 24  # a longer group (a long Latin word) could not fit a narrow line: not kept together
_HEADING_SHARE, _HEADING_MAX = 0.4, 10
_BARRIER, _LATIN_WORD = "\x00", "a"  # what a superscript and a piece of code look like to neighbours


def _pair_patterns(closing: str, punctuation: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A compressible first mark (closing, before any mark) and second mark (opening after opening)."""
    opening = re.escape(OPENING_BRACKETS)
    return (
        re.compile(f"[{re.escape(closing)}](?=[{re.escape(punctuation)}])"),
        re.compile(f"(?<=[{opening}])[{opening}]"),
    )


# Simplified Chinese sets its stops in the left half of the em; Japanese only 、。，．; Traditional
# Chinese centres its stops, so only its brackets and quotation marks pair up.
_PAIRS: dict[Style, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "hans": _pair_patterns(CLOSING_BRACKETS + STOPS, OPENING_BRACKETS + CLOSING_BRACKETS + STOPS),
    "ja": _pair_patterns(CLOSING_BRACKETS + JAPANESE_LEFT_SET_STOPS, OPENING_BRACKETS + CLOSING_BRACKETS + STOPS),
    "hant": _pair_patterns(CLOSING_BRACKETS, OPENING_BRACKETS + CLOSING_BRACKETS),
}


def punctuation_style(tag: str | None) -> Style | None:
    """How ``tag``'s text sets punctuation: Simplified or Traditional Chinese, Japanese, or not at all."""
    language = primary(tag)
    if language == "ja":
        return "ja"
    if language == "zh":
        return "hant" if rendering_tag(tag) in ("zh-TW", "zh-HK") else "hans"
    return None


@dataclass
class _Block:
    """One block's HTML as tokens, and its characters as one string for pattern matching.

    ``stream`` holds the text outside code and superscripts, with one stand-in character for
    each such run; ``starts[n]`` is where segment ``n`` begins in ``stream`` and ``owner[n]`` the
    token it comes from (-1 for a stand-in).
    """

    tokens: list[str]  # tags as written, text unescaped
    is_text: list[bool]
    stream: str = ""
    starts: list[int] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)
    inserts: dict[tuple[int, int], str] = field(default_factory=dict)  # (token, offset) → text before that character
    deleted: set[tuple[int, int]] = field(default_factory=set)
    wrapped: dict[tuple[int, int], str] = field(default_factory=dict)  # (token, offset) → span class around it

    def locate(self, index: int) -> tuple[int, int]:
        """(token, offset) of ``stream[index]``; token -1 for a stand-in."""
        segment = bisect_right(self.starts, index) - 1
        token = self.owner[segment]
        return token, (index - self.starts[segment] if token != -1 else 0)


def _parse(html: str) -> _Block:
    block = _Block([], [])
    pieces: list[str] = []
    length = 0
    opaque: list[str] = []
    for part in _TOKEN.split(html):
        if not part:
            continue
        is_tag = part.startswith("<")
        text = part if is_tag else unescape(part)
        block.tokens.append(text)
        block.is_text.append(not is_tag)
        if is_tag:
            _track_opaque(part, opaque)
            continue
        if opaque:
            stand_in = _LATIN_WORD if opaque[0] == "code" and not _HAN_KANA.search(text) else _BARRIER
            if block.owner and block.owner[-1] == -1:
                continue  # one stand-in for a run of code or superscript
            text, token = stand_in, -1
        else:
            token = len(block.tokens) - 1
        block.starts.append(length)
        block.owner.append(token)
        pieces.append(text)
        length += len(text)
    block.stream = "".join(pieces)
    return block


def _track_opaque(tag: str, opaque: list[str]) -> None:
    match = _TAG_NAME.match(tag)
    name = match.group(1).lower() if match else ""
    if name not in _OPAQUE:
        return
    if tag.startswith("</"):
        if opaque:
            opaque.pop()
    elif not tag.endswith("/>"):
        opaque.append(name)


# ------------------------------------------------------------------ spacing and compression


def _space_and_trim(block: _Block) -> None:
    for match in _HAN_LATIN.finditer(block.stream):
        left, right = block.locate(match.start()), block.locate(match.start() + 1)
        if left[0] != -1:
            block.inserts[(left[0], left[1] + 1)] = " "
        elif right[0] != -1:
            block.inserts[right] = " "
    for match in _SPACE_BY_MARK.finditer(block.stream):
        where = block.locate(match.start())
        if where[0] != -1:
            block.deleted.add(where)


def _compress(block: _Block, style: Style) -> None:
    first, second = _PAIRS[style]
    for pattern, kind in ((first, "pc"), (second, "pc")):
        for match in pattern.finditer(block.stream):
            where = block.locate(match.start())
            if where[0] != -1:
                block.wrapped[where] = kind


# ------------------------------------------------------------------ keeping the last characters together


def _group_start(block: _Block, units: int) -> int | None:
    """Where in ``stream`` the last ``units`` letters begin (a Latin word counts as one)."""
    found = 0
    start: int | None = None
    previous_western = False
    stream = block.stream
    for index in range(len(stream) - 1, -1, -1):
        char = stream[index]
        if char in (_BARRIER, _LATIN_WORD) and block.locate(index)[0] == -1:
            if char == _LATIN_WORD:
                return None  # code at the end: leave it alone
            continue
        if not _LETTER.match(char):
            previous_western = False
            continue
        western = bool(_WESTERN.match(char))
        if not (western and previous_western):
            if found == units:
                return start
            found += 1
        start = index
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
    """(token, offset) where the keep-together span opens (offset -1: before that tag), or None."""
    index = _group_start(block, units)
    if index is None or len(block.stream) - index > _GROUP_LIMIT:
        return None
    token, offset = block.locate(index)
    opening = _balanced_start(block, token)
    if opening is None:
        return None
    return (token, offset) if opening == token else (opening, -1)


# ------------------------------------------------------------------ writing back


def _write(block: _Block, opening: tuple[int, int] | None) -> Markup:
    edits: dict[int, set[int]] = {}
    for where, offset in (*block.inserts, *block.deleted, *block.wrapped, *([opening] if opening else [])):
        edits.setdefault(where, set()).add(offset)
    out: list[str] = []
    for index, token in enumerate(block.tokens):
        if opening == (index, -1):
            out.append('<span class="nobr">')
        if not block.is_text[index]:
            out.append(token)
        elif index not in edits:
            out.append(str(escape(token)))
        else:
            _write_text(block, index, sorted(edits[index]), opening, out)
    if opening is not None:
        out.append("</span>")
    return Markup("".join(out))


def _write_text(block: _Block, index: int, offsets: list[int], opening: tuple[int, int] | None, out: list[str]) -> None:
    token = block.tokens[index]
    done = 0
    for offset in offsets:
        if offset < 0:
            continue
        out.append(str(escape(token[done:offset])))
        key = (index, offset)
        out.append(block.inserts.get(key, ""))
        if opening == key:
            out.append('<span class="nobr">')
        if offset >= len(token):
            done = offset
            continue
        if key in block.deleted:
            pass
        elif key in block.wrapped:
            out.append(f'<span class="{block.wrapped[key]}">{escape(token[offset])}</span>')
        else:
            out.append(str(escape(token[offset])))
        done = offset + 1
    out.append(str(escape(token[done:])))


def typeset_block(html: Markup, style: Style | None, kind: Kind = "paragraph") -> Markup:
    """``html`` (one block's inline HTML from the writer) with the cross-boundary rules applied."""
    if style is None or not html:
        return html
    block = _parse(str(html))
    if not block.stream:
        return html
    _space_and_trim(block)
    _compress(block, style)
    opening = None
    if kind == "paragraph":
        opening = _keep_together(block, 2)
    elif kind == "heading":
        letters = len(_LETTER.findall(block.stream))
        opening = _keep_together(block, max(2, min(_HEADING_MAX, round(letters * _HEADING_SHARE))))
    return _write(block, opening)


def emphasis_marks(html: Markup) -> Markup:
    """Each letter of CJK emphasis in its own ``<span class="em-dot">``, for the theme's emphasis dots."""
    block = _parse(str(html))
    for match in _LETTER.finditer(block.stream):
        where = block.locate(match.start())
        if where[0] != -1:
            block.wrapped[where] = "em-dot"
    return _write(block, None)
