"""How much of a page's text the extractor counted as article, compared loosely.

The extractor's text and the page's text nodes differ in small ways: it drops private-use and
invisible characters (legacy GB2312 pages decode some glyphs into the private-use area), writes
``?`` for characters it could not serialise, and splits or joins text at inline tags. An exact
"is this node's text in the article" test then fails for whole paragraphs, and the article's
container looks like furniture. So texts are compared without whitespace or such characters, and
a long text that is not found whole counts by how many of its pieces are.
"""

from __future__ import annotations

import re

from docconv.charclass import CJK_LETTERS, INVISIBLE

# Whitespace, invisible characters, the private-use area, and the marks of lost characters.
_NOISE = re.compile(f"[\\s{INVISIBLE}\\ue000-\\uf8ff?\\ufffd]+")
# Characters per piece: a short clause of Chinese or Japanese; in alphabetic text, four or five
# words (shorter pieces of English, "ofthewor", turn up anywhere).
_CJK_PIECE = 10
_PIECE = 24
_HAS_CJK = re.compile(f"[{CJK_LETTERS}]")


def squeeze(text: str) -> str:
    """Text as compared with the extractor's: no whitespace, invisible or lost characters."""
    return _NOISE.sub("", text)


def found_chars(text: str, article: str) -> int:
    """How many characters of ``text`` (squeezed) are in ``article`` (squeezed): all when it is found
    whole, else in proportion to its pieces that are, when at least half of them are."""
    if not text:
        return 0
    if text in article:
        return len(text)
    size = _CJK_PIECE if _HAS_CJK.search(text[:50]) else _PIECE
    if len(text) < 2 * size:
        return 0
    pieces = [text[i : i + size] for i in range(0, len(text) - size + 1, size)]
    hits = sum(1 for piece in pieces if piece in article)
    return len(text) * hits // len(pieces) if hits * 2 >= len(pieces) else 0
