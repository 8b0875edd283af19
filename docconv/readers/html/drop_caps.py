"""A drop cap set apart from the rest of its word.

Pages print an article's first letter large in an element of its own, before the paragraph that
holds the rest of the word (``<span class="dropcap">T</span><p>urkey, Poland …</p>``). Read
element by element, the letter becomes a paragraph of its own and the first word is cut in two.
"""

from __future__ import annotations

from dataclasses import replace

from docconv.model import Block, Paragraph, plain_text

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
