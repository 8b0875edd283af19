"""A drop cap set apart from the rest of its word.

Pages print an article's first letter large in an element of its own, before the paragraph that
holds the rest of the word (``<span class="dropcap">T</span><p>urkey, Poland …</p>``). Read
element by element, the letter becomes a paragraph of its own and the first word is cut in two.
Others float the letter beside its word with a space between them, which reads as two words.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bs4 import Tag
from bs4.element import NavigableString

from docconv.model import Block, Paragraph, plain_text
from docconv.readers.html.nodes import class_words

_OPENING_QUOTES = "\"'“‘«„「"


def joined_drop_caps(blocks: list[Block]) -> list[Block]:
    """The blocks with each lone capital letter joined to the paragraph after it, when that
    paragraph goes on with a lower-case letter: the rest of the letter's word."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if isinstance(previous, Paragraph) and isinstance(block, Paragraph) and _is_drop_cap(previous) and _goes_on(block):
            joined[-1] = replace(block, children=(*previous.children, *block.children))
            continue
        joined.append(block)
    return joined


def _is_drop_cap(paragraph: Paragraph) -> bool:
    letter = plain_text(paragraph.children).strip().lstrip(_OPENING_QUOTES)
    return len(letter) == 1 and letter.isupper()


def _goes_on(paragraph: Paragraph) -> bool:
    text = plain_text(paragraph.children)
    return bool(text) and text[0].islower()


# What pages call the element that holds an article's first letter, printed large.
_DROP_CAP_CLASS = re.compile(r"drop-?cap|(?:^|[-_\s])(?:initial|first-?letter|versal|lettrine)(?:$|[-_\s])", re.IGNORECASE)
_SPACED = re.compile(r"^\s+(?=[a-z'’])")


def close_spaced_drop_caps(root: Tag) -> None:
    """A drop cap's element followed by a space before the rest of its word (``<span
    class="dropcap">I</span> t's``): the page floats the letter beside its word, so the space shows
    nothing; read as text, it would split the word ("I t's")."""
    for element in root.find_all(True):
        if not _DROP_CAP_CLASS.search(class_words(element)):
            continue
        letter = element.get_text().strip()
        after = element.next_sibling
        if not (len(letter) == 1 and letter.isupper() and isinstance(after, NavigableString) and _SPACED.match(after)):
            continue
        rest = _SPACED.sub("", str(after))
        # "A", "I" and "O" are words of their own ("A house"): only a clipped word goes on from them ("I t's").
        if letter not in _ONE_LETTER_WORDS or _CLIPPED.match(rest):
            after.replace_with(NavigableString(rest))


_ONE_LETTER_WORDS = frozenset("AIO")
_CLIPPED = re.compile(r"^[a-z]['’]")
