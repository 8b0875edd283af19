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

from docconv.charclass import INVISIBLE

# Whitespace, invisible characters, the private-use area, and the marks of lost characters.
_NOISE = re.compile(f"[\\s{INVISIBLE}\\ue000-\\uf8ff?\\ufffd]+")
_PIECE = 10  # characters: a short clause of Chinese, two or three words of English


def squeeze(text: str) -> str:
    """Text as compared with the extractor's: no whitespace, invisible or lost characters."""
    return _NOISE.sub("", text)


def found_chars(text: str, article: str) -> int:
    """How many characters of ``text`` (squeezed) are in ``article`` (squeezed): all when it is found
    whole, else in proportion to the pieces of it that are."""
    if not text:
        return 0
    if text in article:
        return len(text)
    if len(text) < 2 * _PIECE:
        return 0
    pieces = [text[i : i + _PIECE] for i in range(0, len(text) - _PIECE + 1, _PIECE)]
    hits = sum(1 for piece in pieces if piece in article)
    return len(text) * hits // len(pieces)
