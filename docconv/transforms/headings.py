"""Heading transforms: drop a body heading that repeats the title, recover subheadings.

Chinese news sites often write subheadings as plain ``<p>``. ``recover_headings`` promotes a
paragraph only when every sign agrees: it is short, is plain (or wholly bold) text, ends without
sentence or clause punctuation, is not a byline, a dateline ("2024-03-05 10:00　来源：…"),
a bracketed note or a photo credit ("视觉中国 资料图", "记者 何雨 摄"), is not the article's first
block (a standfirst), and introduces a longer ordinary paragraph that follows it (figures in
between are skipped). A line right under an image without a caption describes it and is never
promoted; under a captioned image it is a heading only when body text follows it directly. A line
that is only a date ("Dec 29, 2007", "5 days ago") is never one. An ordinary sentence ends with
punctuation and so is never promoted.
"""

from __future__ import annotations

import re
from dataclasses import replace

from docconv.captions import is_credit_line
from docconv.charclass import CJK_LETTERS
from docconv.context import Context
from docconv.model import (
    Block,
    Document,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Paragraph,
    Strong,
    Superscript,
    Text,
    comparable,
    plain_text,
)
from docconv.transforms import FunctionTransform
from docconv.transforms.whitespace import collapse
from docconv.tree import has_content

# A line that ends a sentence, or runs on into the next (a list's colon, an equation's "=").
_ENDS_SENTENCE = re.compile(r"[。．.!！?？;；:：,，、…~～\-—=＝]\s*[”’」』\"')）]*\s*$")
_BRACKETED = re.compile(r"^\s*[（(【\[〔].*[）)】\]〕]\s*$")
_BYLINE = re.compile(r"(记者|記者|编辑|編輯|责编|責編|来源|來源|作者|通讯员|通訊員|摄|攝|Photo|By[\s:]|Source|Editor)", re.I)
# A line that is only a date or an age: "Dec 29, 2007", "Jan 17, 2008 04:05 PM", "5 days ago".
_DATE_ONLY = re.compile(
    r"^(?:\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"|(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)?)$"
)
# A line of article metadata anywhere in the text: "2024-03-05 10:00　来源：本市日报　编辑：李明".
_META_LABEL = re.compile(
    r"(来源|來源|编辑|編輯|责编|責編|作者|记者|記者|发布时间|發布時間|出处|出處|原标题|原標題)\s*[:：]"
    # A reporter's dateline: "金名/高雄報導", "记者 张三 北京报道".
    r"|[/／\s]\S{1,8}(?:报道|報導|报导)\s*$"
    r"|(发布|發布|更新|刊发|刊發)(时间|時間|日期)\s*[:：]?\s*\d{4}"
)
# Lines shaped like data, not like a title: a price or a page count ("Viking, 391 pp., $18.99"), a
# shell command, a list's bullet, a bare number or counter ("9.1k", "07.13").
_DATA_LINE = re.compile(r"[,;].*[$€£¥]\s?\d|\b\d+\s?pp\.|^\$\s|^[-•*·]\s|^[\d.,:%+-]+\s?[kKmM]?$")
_DATA_LINE_CHARS = 80  # a listing's line; a paragraph that names a price is prose
_DATELINE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}[:：]\d{2}")
_HAN = re.compile(f"[{CJK_LETTERS}]")
MAX_CJK_CHARS = 64
MAX_LATIN_WORDS = 14


def drop_title_heading(document: Document) -> Document:
    """Drop the opening body headings that repeat the title; with no title, the first ``<h1>`` is it.

    Heading levels are kept as the source has them: renderers that print the title as a level-1
    heading shift body headings below it (``model.heading_offset``).
    """
    title = comparable(document.meta.title)
    # Pages print the headline twice (in a page header and over the story): neither is the body's.
    repeats = [
        i
        for i, b in enumerate(document.blocks[:5])
        if isinstance(b, Heading) and title and _repeats_title(comparable(plain_text(b.children)), title)
    ]
    blocks = [b for i, b in enumerate(document.blocks) if i not in repeats]
    if not document.meta.title:
        first = next((b for b in blocks[:3] if isinstance(b, Heading) and b.level == 1), None)
        if first is not None:
            blocks.remove(first)
            document = replace(document, meta=replace(document.meta, title=plain_text(first.children).strip()))
    if not has_content(blocks):
        return document  # the headline is all the page says: it stays, or the page would read as empty
    return replace(document, blocks=tuple(blocks))


_SHORT_FORM = 0.5  # a heading that opens the title and holds half of it is the title's short form


def _repeats_title(heading: str, title: str) -> bool:
    """The title, or its short form over the article ("Driver of caravan transporter in drug arrest"
    under the title "… on A1 near Grantham"), or the title with the site's words after it."""
    if heading == title:
        return True
    shorter, longer = sorted((heading, title), key=len)
    return len(shorter) >= _SHORT_FORM * len(longer) and longer.startswith(shorter)


def derive_title(document: Document) -> Document:
    """An article with no title takes its file name (``report-2024.html`` → ``report-2024``),
    else the start of its first paragraph, so no output has an empty or path-like title."""
    if document.meta.title:
        return document
    origin = document.origin
    title = ""
    if origin and not origin.startswith("<"):
        name = re.split(r"[/\\]", origin.rstrip("/\\"))[-1]
        title = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name) if "://" not in origin else ""
    if not title:
        texts = (
            " ".join(plain_text(_without_note_calls(b.children)).split())
            for b in document.blocks
            if isinstance(b, (Paragraph, Heading))
        )
        text = next(texts, "")
        title = text[:30].rstrip() + ("…" if len(text) > 30 else "")
    return replace(document, meta=replace(document.meta, title=collapse(title, "", "").strip()))


_NOTE_CALL = re.compile(r"^\s*[\[(]?\d{1,3}[\])]?\s*$")


def _without_note_calls(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A run without its footnote calls (a superscript ``1``, ``[2]``): they are no part of a title."""
    return tuple(c for c in children if not (isinstance(c, Superscript) and _NOTE_CALL.match(plain_text(c.children))))


def _heading_text(block: Block) -> str | None:
    """The text of a paragraph that has the shape of a heading, else None."""
    if not isinstance(block, Paragraph):
        return None
    children = block.children
    if len(children) == 1 and isinstance(children[0], Strong):
        children = children[0].children
    if any(not isinstance(c, Text) for c in children) or any(isinstance(c, LineBreak) for c in children):
        return None
    text = plain_text(children).strip()
    if not _WORD.search(text) or _ENDS_SENTENCE.search(text) or _BRACKETED.match(text) or _BYLINE.search(text[:12]):
        return None
    if _META_LABEL.search(text) or _DATELINE.search(text) or _DATE_ONLY.match(text) or _DATA_LINE.search(text):
        return None
    if not _balanced(text):
        return None  # half of a bracketed note split across paragraphs
    han = len(_HAN.findall(text))
    if han:
        if han > MAX_CJK_CHARS or han < 4:
            return None
    elif len(text.split()) > MAX_LATIN_WORDS or len(text) > 120:
        return None
    return text


_WORD = re.compile(r"[^\W_]")  # a heading says something: a line of emoji, symbols or underscores does not
_PAIRS = ("（）", "()", "【】", "[]", "《》", "“”", "「」", "『』", "〔〕")


def _balanced(text: str) -> bool:
    return all(text.count(pair[0]) == text.count(pair[1]) for pair in _PAIRS)


def _is_body_paragraph(block: Block, than: str) -> bool:
    if not isinstance(block, Paragraph):
        return False
    text = plain_text(block.children).strip()
    if len(text) <= _DATA_LINE_CHARS and _DATA_LINE.search(text):
        return False  # a book's publisher and price under its author's name: a listing, not a section
    return len(text) > len(than) * 1.3 and bool(_ENDS_SENTENCE.search(text) or len(text) > 2 * len(than))


# The number a section's heading opens with: "一、", "1.", "第一章"; the first two of a sequence.
_FIRST_NUMBER = re.compile(r"^\s*(?:一\s*[、.．]|1\s*[、.．]\s|第一\s*[章节節部])")
_SECOND_NUMBER = re.compile(r"^\s*(?:二\s*[、.．]|2\s*[、.．]\s|第二\s*[章节節部])")


def _opens_numbered_sections(blocks: list[Block]) -> bool:
    """Whether the first block is the first of numbered section headings ("一、…" over "二、…"): it
    opens the first section, not the article's lead."""
    first = _heading_text(blocks[0]) if blocks else None
    if first is None or not _FIRST_NUMBER.match(first):
        return False
    return any((text := _heading_text(b)) is not None and _SECOND_NUMBER.match(text) for b in blocks[1:])


def recover_headings(document: Document) -> Document:
    blocks = list(document.blocks)
    existing = [b.level for b in blocks if isinstance(b, Heading)]
    level = min(existing) if existing else 2
    result: list[Block] = []
    for index, block in enumerate(blocks):
        # The first block opens the article: a standfirst or lead ("Union says offer falls far
        # short as commuters face…"), not a section heading.
        text = _heading_text(block) if index > 0 or _opens_numbered_sections(blocks) else None
        if text is not None and index + 1 < len(blocks) and not is_credit_line(text):
            previous = result[-1] if result else None
            # A line right under an image is its caption unless body text follows it directly; a
            # section heading above an image (body text after the picture) still is one.
            under_image = isinstance(previous, Figure)
            if isinstance(previous, Figure) and not previous.caption:
                result.append(block)  # the line under an uncaptioned image describes it
                continue
            following = (
                blocks[index + 1] if under_image else next((b for b in blocks[index + 1 :] if not isinstance(b, Figure)), None)
            )
            if (
                following is not None
                and _is_body_paragraph(following, text)
                and not isinstance(previous, Heading)
                and _heading_text(following) is None
            ):
                assert isinstance(block, Paragraph)
                result.append(Heading(level=level, children=(Text(text=text),)))
                continue
        result.append(block)
    return replace(document, blocks=tuple(result))


# ------------------------------------------------------------------ the registered transforms


def _count_headings(document: Document) -> int:
    return sum(1 for block in document.blocks if isinstance(block, Heading))


def _drop_title_heading(document: Document, context: Context) -> Document:
    result = drop_title_heading(document)
    if len(result.blocks) < len(document.blocks):
        context.reporter.info("title-heading-dropped", "the first heading repeated the title and was dropped")
    return result


def _recover_headings(document: Document, context: Context) -> Document:
    result = recover_headings(document)
    recovered = _count_headings(result) - _count_headings(document)
    if recovered:
        context.reporter.info("headings-recovered", f"{recovered} short paragraph(s) read as headings")
    return result


def _derive_title(document: Document, context: Context) -> Document:
    result = derive_title(document)
    if result.meta.title != document.meta.title:
        context.reporter.info("title-derived", f"no title given; using {result.meta.title!r}")
    return result


DROP_TITLE_HEADING = FunctionTransform("drop-title-heading", _drop_title_heading, "drop a first heading that repeats the title")
RECOVER_HEADINGS = FunctionTransform(
    "recover-headings", _recover_headings, "read short subheads written as paragraphs as headings"
)
DERIVE_TITLE = FunctionTransform("derive-title", _derive_title, "give an untitled article a title from its file name or text")
