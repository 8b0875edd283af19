"""Front matter that is not quite YAML, read key by key.

Feed-to-Hexo tools and hand-edited posts write headers such as a title wrapped in eight double
quotes around a single-quoted string, or ``title: 'Sam's notes'``: one bad value makes the
whole block invalid YAML, though every other line is fine and the body is intact. Hexo itself
publishes such posts, so refusing the article loses more than it protects.

Each top-level ``key: value`` line, with the indented or ``- item`` lines under it, is parsed on
its own; a value the parser refuses is taken as a plain string (quotes around it removed), a run
of ``- item`` lines as a list of strings. Lines that are not ``key: value`` are skipped. Only a
syntax error is recovered: a value the safe loader refuses for its explicit tag
(``!!python/object``) is deliberate YAML, and stays an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_KEY_LINE = re.compile(r"^(?P<key>[^\s#:\-][^:]*?)\s*:(?:[ \t]+(?P<value>.*?))?\s*$")
_LIST_ITEM = re.compile(r"^\s*-\s+(?P<item>.*?)\s*$")
_QUOTES = "\"'“”‘’"


@dataclass
class Recovered:
    """What key-by-key reading found, and the first line of the header (1-based) it had to guess at."""

    data: dict[str, Any] = field(default_factory=dict)
    first_guess: int | None = None


def recover(header: str) -> Recovered:
    result = Recovered()
    for line_number, lines in _entries(header.splitlines()):
        match = _KEY_LINE.match(lines[0])
        if match is None:
            result.first_guess = result.first_guess or line_number
            continue
        key = match.group("key").strip().strip(_QUOTES)
        value, guessed = _value(lines, match.group("value") or "")
        if guessed:
            result.first_guess = result.first_guess or line_number
        if key and key not in result.data:
            result.data[key] = value
    return result


def _entries(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Top-level entries: a line at the left margin and the indented or list lines under it."""
    entries: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        continues = line[:1].isspace() or (_LIST_ITEM.match(line) is not None and entries)
        if continues and entries:
            entries[-1][1].append(line)
        else:
            entries.append((number, [line]))
    return entries


def _value(lines: list[str], written: str) -> tuple[Any, bool]:
    """The entry's value and whether it had to be guessed (the parser refused it)."""
    try:
        parsed = yaml.safe_load("\n".join(lines))
    except yaml.constructor.ConstructorError:
        raise
    except yaml.YAMLError:
        parsed = None
    else:
        if isinstance(parsed, dict) and len(parsed) == 1:
            return next(iter(parsed.values())), False
    items = [m.group("item") for m in map(_LIST_ITEM.match, lines[1:]) if m]
    if not written and items:
        return [_plain(item) for item in items], True
    return _plain(written), True


def _plain(value: str) -> str:
    """A value as a plain string: the quotes a tool wrapped around it (however many) removed."""
    text = value.strip()
    if text[:1] in _QUOTES:
        text = text.strip(_QUOTES).strip()
    return text
