"""Code blocks as syntax highlighters write them: line breaks, line-number gutters, the language.

A ``<pre>`` on a real page is seldom plain text. Highlighters break lines with ``<br>`` (Hexo)
or with one element per line (CSDN's ``<ol class="hljs-ln">``), number the lines inside the
``<pre>`` (Pygments' and Chroma's inline line numbers) or in a table cell beside it (Hexo, Jekyll's
Rouge, Pygments and Hugo with table line numbers, GitHub gists), and name the language in half a
dozen ways. The text of such markup, read naively, is the line numbers glued to one long line of
code, in a two-column table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag
from bs4.element import NavigableString

from docconv.model import CodeBlock
from docconv.readers.html.nodes import DROPPED, is_text
from docconv.readers.html.tables import table_rows

# Elements that hold line numbers: Pygments (linenos, linenodiv), Rouge (lineno, rouge-gutter),
# Hexo (gutter), Chroma (ln, lnt), highlight.js line-numbers plugin (hljs-ln-numbers), Prism
# (line-numbers-rows), GitHub (blob-num).
_GUTTER_CLASSES = frozenset(
    ["gutter", "rouge-gutter", "linenos", "linenodiv", "lineno", "ln", "lnt", "hljs-ln-numbers", "line-numbers-rows", "blob-num"]
)
# Elements whose end is the end of a line of code.
_LINE_ELEMENTS = frozenset(["div", "p", "li", "tr", "table", "ol", "ul"])
# Classes that say "highlighted code" and, beside them, the language's name: Hexo's
# ``<figure class="highlight python">``, pandoc's ``sourceCode python``, ``hljs python``.
_CODE_MARKERS = frozenset(["highlight", "hljs", "sourcecode", "chroma", "codehilite", "syntax"])
_NOT_LANGUAGES = _CODE_MARKERS | frozenset(
    ["notranslate", "code", "line-numbers", "linenums", "prettyprint", "numberlines", "highlighter-rouge", "js-file-line"]
)
_LANGUAGE_PREFIXES = ("language-", "lang-", "highlight-source-", "highlight-", "brush-")
_LANGUAGE = re.compile(r"^[a-z][a-z0-9_+#.-]{0,23}$")
_NUMBERS = re.compile(r"^[\d\s]*$")


def code_block(element: Tag) -> CodeBlock:
    """A ``<pre>`` (or ``<listing>``, ``<xmp>``) as a code block: its lines, without line numbers."""
    text = code_text(element)
    first = next(iter(element.children), None)
    if text.startswith("\n") and isinstance(first, NavigableString) and str(first).startswith("\n"):
        text = text[1:]  # HTML drops a newline right after <pre> (not one inside its <code>)
    return CodeBlock(text=text.rstrip("\n"), language=code_language(element))


def code_table(table: Tag) -> CodeBlock | None:
    """A table that only lays out code beside its line numbers, as one code block; else None.

    One row of a line-number cell and a cell holding a ``<pre>`` (Hexo, Rouge, Pygments, Hugo), or
    a row per line whose first cell is the line's number (GitHub gists).
    """
    rows = table_rows(table)
    if not rows or any(len(_cells(row)) != 2 for row in rows):
        return None
    if len(rows) == 1:
        gutter, code = _cells(rows[0])
        pre = code.find(["pre", "code"])
        if pre is None or not _is_gutter(gutter):
            return None
        return CodeBlock(text=code_text(pre).strip("\n"), language=code_language(pre) or code_language(table))
    if not all(_is_gutter(_cells(row)[0], numbered=True) for row in rows):
        return None
    lines = [code_text(_cells(row)[1]).rstrip("\n") for row in rows]
    return CodeBlock(text="\n".join(lines).strip("\n"), language=code_language(table))


def code_text(element: Tag) -> str:
    """The text of highlighted code: ``<br>`` and line elements end lines; line numbers are left out."""
    parts: list[str] = []
    for piece in _pieces(element):
        if piece is None:  # a line element ended: a newline unless its text ended with one
            if parts and not parts[-1].endswith("\n"):
                parts.append("\n")
        elif piece:
            parts.append(piece)
    return "".join(parts)


def _pieces(element: Tag) -> Iterator[str | None]:
    """Text, ``\n`` for ``<br>``, and None where a line element ends."""
    # WeChat's editor writes each line of code as its own <code> in the <pre>.
    code_per_line = len(element.find_all("code", recursive=False)) > 1
    for child in element.children:
        if isinstance(child, NavigableString):
            if is_text(child):
                yield str(child)
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in DROPPED or _classes(child) & _GUTTER_CLASSES:
            continue
        if name == "br":
            yield "\n"
            continue
        yield from _pieces(child)
        if name in _LINE_ELEMENTS or (code_per_line and name == "code"):
            yield None


def code_language(element: Tag) -> str:
    """The language a highlighter named on the element, its ``<code>``, or a close ancestor; '' if none."""
    candidates = [element]
    inner = element.find("code")
    if isinstance(inner, Tag):
        candidates.insert(0, inner)
    candidates.extend(list(element.parents)[:3])
    for candidate in candidates:
        if not isinstance(candidate, Tag):
            continue
        for attribute in ("data-lang", "data-language"):
            value = str(candidate.get(attribute) or "").strip().lower()
            if _LANGUAGE.match(value):
                return value
        language = _language_in_classes([str(c) for c in candidate.get("class") or []])
        if language:
            return language
    return ""


def _language_in_classes(classes: list[str]) -> str:
    lowered = [c.lower() for c in classes]
    for index, cls in enumerate(lowered):
        for prefix in _LANGUAGE_PREFIXES:
            name = cls[len(prefix) :] if cls.startswith(prefix) else ""
            if name and _LANGUAGE.match(name) and name not in _NOT_LANGUAGES:
                return name
        if cls == "brush:" and index + 1 < len(lowered):  # SyntaxHighlighter: class="brush: python; gutter: true"
            name = lowered[index + 1].rstrip(";")
            if _LANGUAGE.match(name):
                return name
    if set(lowered) & _CODE_MARKERS:
        names = [c for c in lowered if c not in _NOT_LANGUAGES and _LANGUAGE.match(c) and ":" not in c]
        if len(names) == 1:
            return names[0]
    return ""


def _cells(row: Tag) -> list[Tag]:
    return list(row.find_all(["td", "th"], recursive=False))


def _is_gutter(cell: Tag, numbered: bool = False) -> bool:
    """A cell of line numbers: marked as one, or holding nothing but numbers in a ``<pre>``."""
    classes = _classes(cell) | {c for child in cell.find_all(True) for c in _classes(child)}
    if classes & _GUTTER_CLASSES or any("line-number" in c for c in classes) or cell.get("data-line-number") is not None:
        return bool(_NUMBERS.match(cell.get_text()))
    if numbered:
        return False
    text = cell.get_text()
    return bool(cell.find("pre")) and bool(text.strip()) and bool(_NUMBERS.match(text))


def _classes(element: Tag) -> set[str]:
    return {str(c).lower() for c in element.get("class") or []}
