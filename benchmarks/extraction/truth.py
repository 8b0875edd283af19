"""Ground truth from the sources' own formats: L3S-GN1 annotations, CleanEval wrappers, hand-copied texts.

Used by ``build_data`` only; the evaluation reads the texts these functions produced.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

from lxml import etree  # type: ignore[import-untyped]
from lxml import html as lxml_html  # type: ignore[import-untyped]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# L3S-GN1 labels: 0 not content, 1 headline, 2 full text, 3 supplemental, 4 related content, 5 comments.
_LABEL = re.compile(r"\bx-nc-sel(\d)\b")
FULL_TEXT = 2
_SKIPPED = frozenset(("script", "style", "noscript", "head", "title"))
_BLOCKS = _words(
    "p div br li ul ol dl dt dd td th tr table h1 h2 h3 h4 h5 h6 blockquote pre section article header footer hr form"
)
_WRAPPER = re.compile(rb"\A\s*<text\s+id=\"([^\"]*)\"[^>]*>", re.IGNORECASE)
_WRAPPER_ENCODING = re.compile(rb"\sencoding=\"([^\"]*)\"", re.IGNORECASE)
_DECLARED = re.compile(rb"<meta[^>]+charset\s*=", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "big5": "big5hkscs",
}
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_DATE_LINE = re.compile(r"^[0-9年月日时分秒:：\-/.\s]{6,}$")


def gn1_body(annotated: str, label: int = FULL_TEXT) -> str:
    """The text the L3S assessors labelled ``label`` (full text by default), one paragraph a line.

    Every text node takes the label of its nearest annotated ancestor; text inside an element marked
    ``x-nc-invisible`` (never shown to the assessors) and in scripts or styles is left out. Other
    labels' text becomes a line break, so two labelled blocks never run together.
    """
    root = lxml_html.document_fromstring(annotated)
    kept = "".join(text if owner == label else "\n" for owner, text in _labelled_text(root))
    lines = (" ".join(line.split()) for line in kept.split("\n"))
    return "\n".join(line for line in lines if line)


def _labelled_text(root: etree._Element) -> Iterator[tuple[int | None, str]]:
    """(label of the nearest annotated ancestor, text) for every text node, in document order; block
    elements add a line break before and after their content."""
    stack: list[tuple[etree._Element, int | None, bool]] = [(root, None, False)]
    while stack:
        element, label, closing = stack.pop()
        if closing:  # the element's end, then its tail, which belongs to the parent's label
            if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
                yield label, "\n"
            if element.tail:
                yield label, element.tail
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIPPED or "x-nc-invisible" in (element.get("class") or ""):
            continue  # a comment has no text of its own; its tail comes with the closing entry
        match = _LABEL.search(element.get("class") or "")
        inner = int(match.group(1)) if match else label
        if tag in _BLOCKS:
            yield inner, "\n"
        if element.text:
            yield inner, element.text
        for child in reversed(element):
            stack.append((child, inner, True))
            stack.append((child, inner, False))


_ENGLISH = _words("the and of to is that for with was are this from have not")
_OTHER = _words("der die und das ist nicht mit von auf den el la los las que por para con une les est des dans")


def looks_english(data: bytes) -> bool:
    """Whether a page's visible text is mostly English: English function words outnumber German,
    Spanish and French ones three to one (a page's ``lang`` attribute is often a template default)."""
    try:
        root = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return False
    for element in root.iter("script", "style", "noscript"):
        element.drop_tree()
    words = re.findall(r"[a-zà-ÿ]+", root.text_content().lower())[:20_000]
    english = sum(word in _ENGLISH for word in words)
    other = sum(word in _OTHER for word in words)
    return english >= 20 and english >= 3 * other


def strip_cleaneval_wrapper(data: bytes) -> tuple[bytes, str]:
    """A CleanEval page without its ``<text id="URL" encoding="…">`` wrapper, and the URL it names.

    When the page itself declares no charset but the wrapper does, a ``<meta charset>`` saying so is
    put first, so that the bytes stay as crawled and still decode as the crawler decoded them.
    """
    match = _WRAPPER.match(data)
    if not match:
        return data, ""
    html = data[match.end() :]
    html = re.sub(rb"</text>\s*\Z", b"", html, flags=re.IGNORECASE)
    declared = _WRAPPER_ENCODING.search(match.group(0))
    encoding = declared.group(1).decode("ascii", errors="ignore").strip().lower() if declared else ""
    if encoding and encoding not in ("unset", "unknown") and not _DECLARED.search(html[:4096]):
        html = f'<meta charset="{encoding}">\n'.encode("ascii") + html
    return html, match.group(1).decode("ascii", errors="replace")


def decode_html(data: bytes) -> str:
    """The page's text as a browser would roughly decode it: UTF-8 when every byte of it is (a page
    saved again as UTF-8 keeps the legacy charset it declared; text in any legacy Chinese or Western
    charset is almost never valid UTF-8), else a declared charset, else GB18030."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(_ALIASES.get(label, label), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def visible_text(data: bytes) -> str:
    """All text an HTML parser finds in the page but for scripts, styles and the title.

    ``<noscript>`` is what a reader without JavaScript sees, so it counts; a page that starts with a
    script can land whole in lxml's ``<head>``, so the head is kept.
    """
    text = re.sub(r"\A\s*<\?xml[^>]*>", "", decode_html(data))
    root = lxml_html.document_fromstring(text)
    for element in list(root.iter("script", "style", "title")):
        if element.getparent() is not None:
            element.drop_tree()
    return str(root.text_content())


def trim_title_lines(truth: str, html: bytes) -> tuple[str, int]:
    """The reference body without leading lines that only repeat the page's ``<title>`` or give a date.

    Some hand-made references start with the headline and a date line although they are meant to be
    body text; the extractors' body output never contains the title, so it would only cost recall.
    """
    title = _squash(_page_title(html))
    lines = truth.strip().splitlines()
    dropped = 0
    while lines and dropped < 3:
        line = _squash(lines[0])
        is_title = len(line) >= 4 and title and line in title and len(line) * 2 >= len(title)
        if line and not is_title and not _DATE_LINE.match(lines[0].strip()):
            break
        if line:
            dropped += 1
        lines.pop(0)
    return "\n".join(lines).strip(), dropped


def _page_title(html: bytes) -> str:
    match = _TITLE.search(html[:200_000])
    if not match:
        return ""
    raw = match.group(1)
    for encoding in ("utf-8", "gb18030", "cp1252"):
        try:
            return html_lib.unescape(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return ""


def _squash(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text).lower()
