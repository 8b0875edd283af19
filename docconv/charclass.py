"""Character classes: which characters are Han, kana, Hangul, CJK punctuation or invisible — defined once.

Each constant is the inside of a regular-expression character class (``f"[{HAN}{KANA}]"``), so
rules combine the classes they need; every rule in docconv that asks "is this CJK?" builds on
these, so the readers, transforms and renderers agree on the answer.
"""

from __future__ import annotations

import re

# Han ideographs: CJK radicals, Kangxi radicals, 々 and 〇, Hangzhou numerals, the unified
# ideographs with extension A, compatibility ideographs, and the supplementary planes (B–H).
HAN = (
    "\u2e80-\u2eff\u2f00-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff"  # hiragana, katakana, katakana extensions
HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"  # syllables, jamo, compatibility jamo
CJK_PUNCTUATION = "\u3000-\u303f"  # ideographic space, 、。〈〉《》「」『』【】〔〕 …
FULLWIDTH_FORMS = "\uff00-\uffef"  # ，：；！？（） and full-width Latin, half-width katakana
FULLWIDTH_PUNCTUATION = "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # the marks of FULLWIDTH_FORMS
LATIN = "A-Za-z\u00c0-\u024f"  # Basic Latin letters and the Latin-1 / Extended-A/B letters
WESTERN = LATIN.replace("A-Za-z", "A-Za-z0-9")  # Latin letters and digits: what Han–Latin spacing separates

# Letters written without spaces between words (Hangul is not: Korean separates words).
CJK_IDEOGRAPHIC = HAN + KANA
# Letters of any CJK script, for "does this text contain CJK words".
CJK_LETTERS = HAN + KANA + HANGUL
# Han, kana and the punctuation set with them: text whose marks are full width.
CJK_TEXT = HAN + KANA + CJK_PUNCTUATION + FULLWIDTH_FORMS

# Characters that draw nothing and carry no meaning in running text: zero-width space, BOM,
# word joiner, soft hyphen. The whitespace transform removes them.
INVISIBLE = "\u200b\ufeff\u2060\u00ad"
# Control characters other than tab, line feed, carriage return and form feed: a broken page's
# bytes, never text (XML, and so EPUB, forbids them). A source drops them as it is read, and the
# whitespace transform from text a caller builds.
CONTROLS = "\x00-\x08\x0b\x0e-\x1f\x7f"
# Joiners draw nothing either but do carry meaning (Persian, Indic, emoji sequences): they are
# kept, and only ignored when deciding spacing between neighbours.
JOINERS = "\u200c\u200d"
IGNORABLE = frozenset(INVISIBLE + JOINERS)

HAS_CJK_LETTER = re.compile(f"[{CJK_LETTERS}]")
HAS_CJK_TEXT = re.compile(f"[{CJK_TEXT}]")
# Where a sentence ends: a full stop, question or exclamation mark (CJK or Western, a Western
# one only before a space), with the closing quotes and brackets that belong to the sentence.
SENTENCE_END = re.compile(r"[\u3002\uff01\uff1f\u2026]+[\u300d\u300f\u201d\u2019\uff09)\"']*|[.!?]+[\u201d\u2019)\"']*(?=\s)")


def is_hangul(char: str) -> bool:
    """A Hangul syllable or jamo (``"한"``), one character."""
    return bool(char) and re.fullmatch(f"[{HANGUL}]", char) is not None


# Punctuation by its place on the line (clreq §3.1.6, JIS X 4051 §3.1). Brackets and quotation
# marks open or close; the stops (，。、；：！？) follow what they punctuate. ‘’“” count as CJK
# marks only where the CJK face sets them full width (Chinese and Japanese text).
OPENING_BRACKETS = "（〔［｛〈《「『【〖〘〚“‘"
CLOSING_BRACKETS = "）〕］｝〉》」』】〗〙〛”’"
# Stops set in the left half of the em in Simplified Chinese and (、。，．) in Japanese; in
# Traditional Chinese they are centred in the em.
STOPS = "，。、；：！？．"
JAPANESE_LEFT_SET_STOPS = "、。，．"
# May not start a line (clreq 3.1.7 行首禁则): stops, closing marks, the middle dot and the
# halves of ——/……; may not end a line (行尾禁则): opening marks.
NOT_AT_LINE_START = CLOSING_BRACKETS + STOPS + "・·‧—…"
NOT_AT_LINE_END = OPENING_BRACKETS
