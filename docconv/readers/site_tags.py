"""Hexo and Jekyll template tags in a post's Markdown body, rewritten as the Markdown they stand for.

A static site generator expands ``{% … %}`` tags before Markdown sees the text; read raw, they
would reach the reader's output as literal braces. The common ones are rewritten:

=========================================================  ==========================================
``{% asset_img slug.jpg Title %}`` (Hexo)                  ``![Title](<post>/slug.jpg "Title")``
``{% img [class] /path.jpg [w [h]] ["title" ["alt"]] %}``  ``![alt](/path.jpg "title")``
``{% blockquote Author, Source %}…{% endblockquote %}``    a quote ending with ``— Author, Source``
``{% codeblock [title] lang:py %}…{% endcodeblock %}``     a fenced code block
``{% highlight py %}…{% endhighlight %}`` (Jekyll)         a fenced code block
``{% raw %}…{% endraw %}``                                 the text between them, as written
=========================================================  ==========================================

Output tags ``{{ … }}`` are filled in where the post itself says what they stand for:
``{{ page.title }}`` and any other front-matter key, string literals, ``site.baseurl`` and
``site.url`` as empty (the site's root is not known, so a path stays root-relative, which is what
``relative_url`` gives a site served at its root), and the filters ``default``, ``relative_url``,
``absolute_url``, ``prepend``, ``append``, ``strip``, ``upcase``, ``downcase``, ``date`` and
Jekyll's ``date_to_string`` family. In an HTML body only output tags are filled in.

Other tags are kept as written, with one ``site-tag-kept`` warning naming them. Tags inside fenced
code blocks and ``{% raw %}`` are never touched: they are what the post is showing.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from docconv.diagnostics import Reporter
from docconv.model import Metadata

_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_BLOCKS = {"blockquote": "endblockquote", "codeblock": "endcodeblock", "highlight": "endhighlight", "raw": "endraw"}
_IMAGE_FILE = re.compile(r"^(?:https?://|/|\.{0,2}/)?\S+\.(?:png|jpe?g|gif|webp|avif|svg|bmp)(?:\?\S*)?$", re.IGNORECASE)


def expand(body: str, post_name: str | None, reporter: Reporter, origin: str, meta: Metadata | None = None) -> str:
    """``body`` with the tags above rewritten; ``post_name`` is the post's file name without extension."""
    if "{%" not in body and "{{" not in body:
        return body
    page = page_variables(meta or Metadata())

    def expand_part(text: str) -> str:
        text = _TAG.sub(lambda match: _inline(match, post_name, kept), text)
        return _OUTPUT.sub(lambda match: _evaluate(match, page, kept), text)

    lines = body.split("\n")
    out: list[str] = []
    kept: list[str] = []
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        whole = _TAG.fullmatch(line.strip())
        if whole and whole.group(1) in _BLOCKS:
            name, arguments = whole.group(1), whole.group(2)
            inner, index = _until(lines, index, _BLOCKS[name])
            out.extend(_block(name, arguments, inner))
            continue
        out.append(_outside_raw(line, expand_part))
    _report_kept(kept, reporter, origin)
    return "\n".join(out)


def _report_kept(kept: list[str], reporter: Reporter, origin: str) -> None:
    if kept:
        names = ", ".join(dict.fromkeys(kept))
        reporter.warning("site-tag-kept", f"template tags docconv does not expand were kept as text: {names}", where=origin)


def _until(lines: list[str], index: int, end: str) -> tuple[list[str], int]:
    """The lines up to the closing tag and the index after it (to the end of the body if it never closes)."""
    inner: list[str] = []
    while index < len(lines):
        match = _TAG.fullmatch(lines[index].strip())
        index += 1
        if match and match.group(1) == end:
            return inner, index
        inner.append(lines[index - 1])
    return inner, index


def _block(name: str, arguments: str, inner: list[str]) -> list[str]:
    if name == "raw":
        return inner
    if name in ("codeblock", "highlight"):
        words = arguments.split()
        language = next((w[5:] for w in words if w.startswith("lang:")), "")
        if name == "highlight" and words:
            language = words[0]
        fence = "~~~~" if any(line.lstrip().startswith("~~~") for line in inner) else "~~~"
        return [f"{fence}{language}", *inner, fence]
    quoted = [f"> {line}" if line.strip() else ">" for line in inner]
    attribution = arguments.split(" http", 1)[0].strip()  # a trailing link is the source's address
    if attribution:
        dash = "——" if any(char >= "\u3000" for char in attribution) else "—"
        quoted += [">", f"> {dash} {attribution}"]
    return ["", *quoted, ""]


def _inline(match: re.Match[str], post_name: str | None, kept: list[str]) -> str:
    name, arguments = match.group(1), match.group(2)
    try:
        words = shlex.split(arguments)
    except ValueError:
        words = arguments.split()
    if name == "asset_img" and words:
        slug, title = words[0], " ".join(words[1:])
        path = str(PurePosixPath(post_name) / slug) if post_name else slug
        return _image(path, title, title)
    if name == "img":
        source = next((w for w in words if _IMAGE_FILE.match(w)), None)
        if source is not None:
            after = words[words.index(source) + 1 :]
            texts = [part for w in after if not w.isdigit() for part in _split_quoted(w)]
            title = texts[0] if texts else ""
            alt = texts[1] if len(texts) > 1 else title
            return _image(source, alt, title)
    kept.append(name)
    return match.group(0)


def _split_quoted(word: str) -> list[str]:
    """Hexo writes title and alt as one argument: ``'"title text" "alt text"'``."""
    if '"' not in word:
        return [word]
    try:
        return shlex.split(word)
    except ValueError:
        return [word.replace('"', "")]


def _image(path: str, alt: str, title: str) -> str:
    alt = alt.replace("[", "\\[").replace("]", "\\]")
    title_part = ' "' + title.replace('"', '\\"') + '"' if title else ""
    return f"![{alt}](<{path}>{title_part})"


# ------------------------------------------------------------------------------ output tags

_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_UNKNOWN = object()
_IDENTITY_FILTERS = frozenset(["relative_url", "absolute_url"])
_DATE_FILTERS = {"date_to_string": "%d %b %Y", "date_to_long_string": "%d %B %Y"}


def fill_html(body: str, reporter: Reporter, origin: str, meta: Metadata) -> str:
    """An HTML body with its output tags filled in; ``{% raw %}`` regions lose only their tags."""
    if "{{" not in body and "{%" not in body:
        return body
    page = page_variables(meta)
    kept: list[str] = []
    filled = _outside_raw(body, lambda text: _OUTPUT.sub(lambda match: _evaluate(match, page, kept), text))
    _report_kept(kept, reporter, origin)
    return filled


def _outside_raw(text: str, expand_part: Callable[[str], str]) -> str:
    """``text`` with ``expand_part`` applied outside ``{% raw %}…{% endraw %}``; raw regions lose only their tags."""
    pieces = []
    position = 0
    for raw in _RAW.finditer(text):
        pieces += [expand_part(text[position : raw.start()]), raw.group(1)]
        position = raw.end()
    pieces.append(expand_part(text[position:]))
    return "".join(pieces)


def page_variables(meta: Metadata) -> dict[str, Any]:
    """What ``page.…`` names in a post: its front matter."""
    known: dict[str, Any] = {key: value for key, value in meta.extra}
    known.update(
        {
            "title": meta.title or None,
            "date": meta.date,
            "description": meta.description,
            "categories": list(meta.categories) or None,
            "author": ", ".join(meta.authors) or None,
            "lang": meta.language,
        }
    )
    return {key: value for key, value in known.items() if value is not None}


def _evaluate(match: re.Match[str], page: Mapping[str, Any], kept: list[str]) -> str:
    expression, *filters = match.group(1).split("|")
    value = _value(expression.strip(), page)
    for step in filters:
        name, _, argument = step.partition(":")
        name = name.strip()
        if name == "default":
            if value is _UNKNOWN or value in ("", None, False):
                value = _value(argument.strip(), page)
        elif name in _IDENTITY_FILTERS:
            continue
        elif name in ("prepend", "append") and value is not _UNKNOWN:
            extra = _value(argument.strip(), page)
            if extra is _UNKNOWN:
                value = _UNKNOWN
            else:
                value = f"{extra}{value}" if name == "prepend" else f"{value}{extra}"
        elif name in ("strip", "upcase", "downcase") and isinstance(value, str):
            value = {"strip": value.strip, "upcase": value.upper, "downcase": value.lower}[name]()
        elif name in ("date", *_DATE_FILTERS, "date_to_xmlschema") and isinstance(value, (datetime, date)):
            if name == "date_to_xmlschema":
                value = value.isoformat()
            else:
                pattern = _value(argument.strip(), page) if name == "date" else _DATE_FILTERS[name]
                try:
                    value = value.strftime(pattern) if isinstance(pattern, str) else _UNKNOWN
                except ValueError:  # a format this platform's strftime refuses
                    value = _UNKNOWN
        else:
            value = _UNKNOWN
    if value is _UNKNOWN:
        kept.append(match.group(0))
        return match.group(0)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _value(expression: str, page: Mapping[str, Any]) -> Any:
    if len(expression) >= 2 and expression[0] == expression[-1] and expression[0] in "'\"":
        return expression[1:-1]
    if expression in ("site.baseurl", "site.url"):
        return ""
    if expression.startswith("page.") and expression[5:] in page:
        return page[expression[5:]]
    if re.fullmatch(r"-?\d+(?:\.\d+)?", expression):
        return expression
    return _UNKNOWN
