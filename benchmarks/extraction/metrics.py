"""Scores of one extraction against its reference: bag-of-tokens precision/recall/F1, furniture lines, snippets.

Tokens: the text is NFKC-normalised and lower-cased; every Han, kana or hangul character is one
token, and every other run of letters and digits (a word, a number) is one token. Punctuation and
white space are not tokens. Precision and recall compare the two texts as multisets of tokens
("bag of words", as the CleanEval, L3S-GN1 and news-extraction benchmarks do): order is ignored,
a token counts as many times as it occurs in both.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_CJK_CLASS = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK_CLASS}]|[^\W_{_CJK_CLASS}]+")
_CJK_RUN = re.compile(rf"[{_CJK_CLASS}]+")
_WORD = re.compile(rf"[^\W_{_CJK_CLASS}]+")
FURNITURE_SHARE = 0.5  # a line is furniture when fewer than this share of its units occur in the reference


@dataclass(frozen=True, slots=True)
class Overlap:
    """Bag-of-tokens agreement of an output with its reference."""

    matched: int
    output: int
    truth: int

    @property
    def precision(self) -> float:
        return self.matched / self.output if self.output else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    """trafilatura-style checks: a "with" snippet found is a true positive, a "without" one a false positive."""

    tp: int
    fn: int
    fp: int
    tn: int

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[str]:
    """>>> tokens("Hello, World! 你好 ２０２４")
    ['hello', 'world', '你', '好', '2024']
    """
    return _TOKEN.findall(normalise(text))


def overlap(output: str, truth: str) -> Overlap:
    out, ref = Counter(tokens(output)), Counter(tokens(truth))
    return Overlap(sum((out & ref).values()), sum(out.values()), sum(ref.values()))


def units(line: str) -> list[str]:
    """What a line is judged by for furniture: its words, and the character bigrams of its CJK runs
    (single characters are too common to tell an article's text from a menu's)."""
    text = normalise(line)
    found = _WORD.findall(text)
    for run in _CJK_RUN.findall(text):
        found += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return found


def furniture(lines: Iterable[str], truth: str) -> tuple[int, int]:
    """(furniture lines, lines with any unit) of an output: a furniture line is one of whose units
    fewer than half occur anywhere in the reference — a menu, a related headline, a share bar."""
    known = set(units(truth))
    bad = total = 0
    for line in lines:
        found = units(line)
        if not found:
            continue
        total += 1
        if sum(unit in known for unit in found) < FURNITURE_SHARE * len(found):
            bad += 1
    return bad, total


def squashed(text: str) -> str:
    """Text as snippets are matched: normalised, without white space or punctuation."""
    return re.sub(r"[\W_]+", "", normalise(text))


def snippet_counts(output: str, with_: Sequence[str], without: Sequence[str]) -> SnippetCounts:
    text = squashed(output)
    wanted = [snippet for snippet in map(squashed, with_) if snippet]
    unwanted = [snippet for snippet in map(squashed, without) if snippet]
    found_with = sum(snippet in text for snippet in wanted)
    found_without = sum(snippet in text for snippet in unwanted)
    return SnippetCounts(found_with, len(wanted) - found_with, found_without, len(unwanted) - found_without)
