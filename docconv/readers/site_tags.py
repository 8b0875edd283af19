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

Other tags are kept as written, with one ``site-tag-kept`` warning naming them. Tags inside fenced
code blocks are never touched: they are what the post is showing.
"""

from __future__ import annotations

import re
import shlex
from pathlib import PurePosixPath

from docconv.diagnostics import Reporter

_TAG = re.compile(r"\{%-?\s*(\w+)\s*(.*?)\s*-?%\}")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_BLOCKS = {"blockquote": "endblockquote", "codeblock": "endcodeblock", "highlight": "endhighlight", "raw": "endraw"}
_IMAGE_FILE = re.compile(r"^(?:https?://|/|\.{0,2}/)?\S+\.(?:png|jpe?g|gif|webp|avif|svg|bmp)(?:\?\S*)?$", re.IGNORECASE)


def expand(body: str, post_name: str | None, reporter: Reporter, origin: str) -> str:
    """``body`` with the tags above rewritten; ``post_name`` is the post's file name without extension."""
    if "{%" not in body:
        return body
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
        out.append(_TAG.sub(lambda match: _inline(match, post_name, kept), line))
    if kept:
        names = ", ".join(dict.fromkeys(kept))
        reporter.warning("site-tag-kept", f"template tags docconv does not expand were kept as text: {names}", where=origin)
    return "\n".join(out)


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
