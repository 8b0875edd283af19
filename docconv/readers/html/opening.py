"""What a page prints above its article's first words and the article is not: the section's
kicker link, a summary that the article says again in full, the byline and the dateline.

These sit between the region's edge and the first paragraph, where the metadata already holds
what they say (the byline, the date) or the body will (a "speakable" summary, a teaser of the
lede). They are removed only there: the same line further down is the article's. A page whose
metadata names no author or date gets them from its byline and dateline first (``byline_authors``,
``dateline``).
"""

from __future__ import annotations

import re

from docconv.charclass import CJK_LETTERS
from docconv.model import Block, Figure, Heading, Link, ListBlock, Metadata, Paragraph, Table, comparable, plain_text
from docconv.tree import walk_inlines

_OPENING_BLOCKS = 8  # blocks before the article's first words that may still be the page's
_PROSE_CHARS = 80  # a paragraph this long that the article does not repeat is the article starting
_KICKER_CHARS = 24  # a section's name as a link over the headline ("Crime & Safety", "Short Wave"); CJK counts twice
_KICKER_ITEMS = 2  # a kicker list holds the section's link and its icon; a longer list of links is a contents list
_DATELINE_CHARS = 100
_BYLINE_EXTRA = 60  # what follows an author's name on a byline: the desk, the site ("Charis Scott-Holm, BBC News")
_SAID_AGAIN = 0.7  # share of a block made of later paragraphs that makes it a summary of them
_REPEATED_CHARS = 20  # a later paragraph this long found inside an opening one is its words said again
_CJK = re.compile(f"[{CJK_LETTERS}]")
# A dateline: a date with a time or a label of source/editor, the way news systems write it above the text.
_DATELINE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}.*(?:\d{1,2}[:：]\d{2}|来源|來源|作者|编辑|編輯|发布|發布|浏览|瀏覽|举报|舉報)"
    r"|^(?:来源|來源|出所|出典|发布时间|發布時間|発表時間|発表日|公開日|投稿日|发布日期|發布日期)\s*[:：].{0,60}(?:\d{4}|举报|舉報)"
    # An English date line: "Sun, January 6, 2008", "Published 6 Jan 2008, 10:04 GMT", "Updated: Jan. 6, 2008".
    # "Veröffentlicht am 06.12.2022", "Publié le 6 déc. 2022" likewise.
    r"|^(?:(?:posted|published|updated|last updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado"
    r"|pubblicato|aggiornato)(?: on| am| le| el| il)?\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|sept|o[ck]t|nov|de[cz]|déc)[a-zé]*\.?,?\s+\d{4}"
    r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{1,2}-\d{1,2})"
    r"(?:[,.\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?\.?\s*$"
    # A numeric one, as some systems print it twice (published, updated): "12/19/16 12/19/16".
    r"|^(?:\d{1,2}/\d{1,2}/\d{2,4}\s*){1,2}$",
    re.IGNORECASE,
)
# A date line written another way (the time first, parts between slashes, "Updated" twice): once
# its date, time, zone and these words are taken out, nothing is left. It needs a year.
_DATE_WORDS = re.compile(
    r"\b(?:(?:last\s+)?(?:updated|modified|published|posted|edited)|on|at|ago|and|hours?|hrs?|minutes?|mins?|seconds?|days?"
    r"|a\.?m\.?|p\.?m\.?|et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|gmt|utc|bst|cet|cest|ist|aest|aedt|hkt|jst|kst|sgt"
    r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    # The same words in the languages of Europe's news sites ("Actualizado a las 15:10h", "Stand: … Uhr").
    r"|actualizad[oa]|publicad[oa]|atualizad[oa]|a\s+las|às|mis\s+à\s+jour|publié|le|à|aktualisiert|veröffentlicht|stand"
    r"|am|um|uhr|aggiornat[oa]|pubblicat[oa]|alle|ore"
    # The reading time a blog prints beside the date ("Oct 19, 2016 · 10 min read").
    r"|read(?:ing)?(?:\s+time)?"
    r"|\d{1,4}(?:st|nd|rd|th|h)?)(?=\W|$)",
    re.IGNORECASE,
)
_DATE_PUNCTUATION = re.compile(r"[\s,.:/|·•–—()-]+")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _only_a_date(text: str) -> bool:
    return bool(_YEAR.search(text)) and not _DATE_PUNCTUATION.sub("", _DATE_WORDS.sub("", text))


_MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
_AFTER_NAME = re.compile(rf"\s*(?:$|[,|/·•–—:(-]|for\b|and\b|&|\d|{_MONTH})")
_BY = re.compile(
    r"^\W*(?:by|von|par|por|di|door|written by|words by|author|autor|auteur|autore|作者|文|记者|記者)\s*[:：|]?\s*", re.IGNORECASE
)


def without_opening_furniture(blocks: list[Block], meta: Metadata) -> list[Block]:
    """The article from its first words: what stands before them and only repeats the metadata or
    the body, or points at the site's section, goes. Images before the first words stay (the lead
    photo), and so does a standfirst that is said nowhere else."""
    # A byline may credit the site itself ("Von t-online, jse"), which is no author in the metadata.
    named = (*meta.authors, meta.site_name or "")
    authors = [" ".join(a.split()).lower() for a in named if len(comparable(a)) >= 4]
    drop: set[int] = set()
    summary: int | None = None
    for index, block in enumerate(blocks[: _opening(blocks, meta, _OPENING_BLOCKS)]):
        if isinstance(block, Figure) or _says_description(block, meta):
            continue  # the standfirst under the headline: the byline and date under it are still the opening's
        text = " ".join(_text(block).split())
        if isinstance(block, Paragraph) and _said_again(text, blocks[index + 1 :]):
            if summary is not None:
                drop.discard(summary)  # paragraph after paragraph said again: the page shows the article twice
                break
            summary = index
            drop.add(index)
            continue
        if isinstance(block, (Paragraph, Heading)) and len(text) >= _PROSE_CHARS:
            break
        dated = isinstance(block, (Paragraph, Heading)) and len(text) <= _DATELINE_CHARS and _repeats_the_date(text, meta)
        if _kicker(block, text) or _byline(text, authors) or dated or _CJK_BYLINE.match(text) or _ROLE_BYLINE.match(text):
            drop.add(index)
            continue
        if isinstance(block, Paragraph) and text:
            break
    return [b for i, b in enumerate(blocks) if i not in drop]


def _says_description(block: Block, meta: Metadata) -> bool:
    """The page's description said under its headline: the standfirst."""
    description = comparable(meta.description or "")
    return isinstance(block, Paragraph) and len(description) >= _STANDFIRST_CHARS and comparable(_text(block)) == description


def _opening(blocks: list[Block], meta: Metadata, size: int) -> int:
    """How many blocks open the article: ``size``, and one more past a standfirst among them."""
    return size + any(_says_description(block, meta) for block in blocks[:size])


def _text(block: Block) -> str:
    if isinstance(block, (Paragraph, Heading)):
        return plain_text(block.children)
    if isinstance(block, ListBlock):
        return "\n".join(_text(b) for item in block.items for b in item.blocks)
    return ""


def _said_again(text: str, later: list[Block]) -> bool:
    """Most of the block is paragraphs that follow it, each whole: a summary that puts a headline
    or a show's name in front of the lede it repeats. A paragraph that only resembles a later one
    ("Stop 1 …", "Stop 2 …") is not said again."""
    key = comparable(text)
    if len(key) < _PROSE_CHARS:
        return False
    # Figures are not compared: a caption repeats the text of the image it shows.
    repeated = {t for b in later if len(t := comparable(_text(b))) >= _REPEATED_CHARS and t in key}
    return sum(map(len, repeated)) >= _SAID_AGAIN * len(key)


def _kicker(block: Block, text: str) -> bool:
    """A short line (or a list of them, with their icons) that is nothing but links to other pages."""
    if isinstance(block, ListBlock):
        inner = [b for item in block.items for b in item.blocks]
        short = len(block.items) <= _KICKER_ITEMS
        return short and bool(inner) and all(isinstance(b, Figure) or _kicker(b, _text(b)) for b in inner)
    if not isinstance(block, (Paragraph, Heading)) or not 0 < len(text) + len(_CJK.findall(text)) <= _KICKER_CHARS:
        return False
    linked = "".join(
        plain_text(n.children) for n in walk_inlines(block.children) if isinstance(n, Link) and not n.url.startswith("#")
    )
    return comparable(linked) == comparable(text)


def _byline(text: str, authors: list[str]) -> bool:
    """A line naming the metadata's author, with at most a desk, a site or a date after the name
    ("Charis Scott-Holm, BBC News"); not a sentence that opens with the author's name."""
    named = " ".join(_BY.sub("", text).split()).lower()
    return any(
        named.startswith(author) and len(named) <= len(author) + _BYLINE_EXTRA and _AFTER_NAME.match(named[len(author) :])
        for author in authors
    )


def dateline(blocks: list[Block]) -> str | None:
    """The text of a dateline among the first blocks (``2005-02-06 13:26更新 来源：…``), for a page
    whose metadata holds no date: the dateline is where the page says it."""
    for block in blocks[:_DATELINE_BLOCKS]:
        text = _bar_text(block)
        if 0 < len(text) <= _DATELINE_CHARS and _DATELINE.search(text):
            return text
    return None


_DATELINE_BLOCKS = 6  # a source line, a logo and the tools may stand before it


def _repeats_the_date(text: str, meta: Metadata) -> bool:
    """A date line the metadata's date makes redundant. A line of date words alone must name the
    metadata's year: it may be another date (an event's, a release's)."""
    if meta.date is None:
        return False
    return bool(_DATELINE.search(text)) or (_only_a_date(text) and str(meta.date.year) in text)


def _bar_text(block: Block) -> str:
    """The text of a paragraph, or of a one-row table (a bar of date, source and comment count)."""
    if isinstance(block, Table) and len(block.head) + len(block.body) == 1:
        row = (*block.head, *block.body)[0]
        return " ".join(t for cell in row.cells if (t := " ".join(plain_text(cell.children).split())))
    return " ".join(_text(block).split()) if isinstance(block, Paragraph) else ""


def without_leading_dateline(blocks: list[Block], meta: Metadata) -> list[Block]:
    """A dateline or source line among the first blocks: the date and source the metadata holds."""
    for index, block in enumerate(blocks[: _opening(blocks, meta, 3)]):
        text = _bar_text(block)
        if 0 < len(text) <= _DATELINE_CHARS and _repeats_the_date(text, meta):
            return blocks[:index] + blocks[index + 1 :]
    return blocks


# "By Francois Murphy", "By HERB KEINON AND YAAKOV KATZ", "By Matthew Lee, Associated Press Writer".
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}"
_BYLINE = re.compile(
    rf"^(?i:by|written by)\s+({_NAME}(?:\s+(?:(?i:and)|&)\s+{_NAME})*)(?:\s*(?:[,|–—:(-]|(?i:for)\b|{_MONTH}).*)?$"
)
_NAMES_SPLIT = re.compile(r"\s+(?:(?i:and)|&)\s+")
# A byline that says the writer's role, maybe with the story's age: "Lena deCasparis | Contributing Writer | 5 days ago".
_ROLE_BYLINE = re.compile(
    r"^(?i:by\s+)?([A-Z][\w.'’-]*(?:\s+(?:[A-Z]|de|van|von|da|di|le|la|del|der|du)[\w.'’-]*){1,3})\s*[|,·•–—]\s*"
    r"(?i:(?:senior|contributing|staff|special|chief|political|foreign|freelance|guest)\s+)?"
    r"(?i:writer|reporter|correspondent|columnist|editor|contributor|journalist)\b[^.!?]{0,40}$"
)
_BYLINE_CHARS = 100


# A Chinese byline on a line of its own: "记者 张三 通讯员 李四", "本报记者 张三", "文/张三", "作者：张三".
_CJK_NAME = r"[\u4e00-\u9fff·]{2,6}"
# Roles written glued to the name after them ("记者张三"), and the one-character ones, which stand apart (文, 图).
_GLUABLE_ROLES = r"(?:本报|本台|本网|本刊)?(?:特约|见习|实习)?(?:记者|通讯员|实习生)|文字|撰文|作者|采写|图文|文图|摄影|编辑"
_ROLES = frozenset(("文", "摄", "图"))
_CJK_ROLE = rf"{_GLUABLE_ROLES}|{'|'.join(sorted(_ROLES))}"
# The outlet may come first, glued to the role: "东方网·纵相新闻记者 单珊".
_OUTLET = r"[\u4e00-\u9fff·]{2,12}?"
_CJK_BYLINE = re.compile(
    rf"^[【\[(（]?\s*(?:{_OUTLET}(?={_GLUABLE_ROLES}))?"
    rf"(?:(?:{_CJK_ROLE})\s*[/|｜:：]?\s*{_CJK_NAME}(?:[\s、，,]+{_CJK_NAME})*\s*)+[】\])）]?$"
)
_GLUED_ROLE = re.compile(rf"^(?:{_OUTLET}(?={_GLUABLE_ROLES}))?({_GLUABLE_ROLES})(.*)$")
_NOT_AUTHORS = ("摄影", "摄", "图", "编辑")


def byline_authors(blocks: list[Block]) -> tuple[str, ...]:
    """The names on a byline above the article's first words, for a page whose metadata names no
    author: the byline is where the page says who wrote it."""
    for block in blocks[:_OPENING_BLOCKS]:
        text = " ".join(_text(block).split()) if isinstance(block, (Paragraph, Heading)) else ""
        if len(text) >= _PROSE_CHARS and not _BYLINE.match(text):
            break
        if text and len(text) <= _BYLINE_CHARS and (match := _BYLINE.match(text)):
            names = [n for n in _NAMES_SPLIT.split(match.group(1)) if " " in n]
            return tuple(n.title() if n.isupper() else n for n in names)
        if text and len(text) <= _BYLINE_CHARS and (match := _ROLE_BYLINE.match(text)):
            return (match.group(1),)
        if text and _CJK_BYLINE.match(text):
            return _cjk_authors(text)
    return ()


def _cjk_authors(byline: str) -> tuple[str, ...]:
    """The writers a Chinese byline names (its photographers and editors are not the authors)."""
    names: list[str] = []
    role = ""
    for token in re.split(r"[\s、，,/|｜:：【】\[\]()（）]+", byline):
        if token in _ROLES:
            role = token
            continue
        if glued := _GLUED_ROLE.match(token):
            role, token = glued.group(1), glued.group(2)
        if token and not role.endswith(_NOT_AUTHORS) and token not in names:
            names.append(token)
    return tuple(names)


_STANDFIRST_CHARS = 40  # a description this long is a sentence of the article's, not a label


def standfirst_as_paragraph(blocks: list[Block], meta: Metadata) -> list[Block]:
    """A heading among the first blocks that says the page's description, with at most a kicker
    before it ("Analyse"), is the article's standfirst set large: a paragraph, not a section heading."""
    description = comparable(meta.description or "")
    if len(description) < _STANDFIRST_CHARS or description in comparable(meta.title or ""):
        return blocks  # a page whose description is its headline: the heading saying it is the title
    result = list(blocks)
    for index, block in enumerate(blocks[:_OPENING_BLOCKS]):
        if isinstance(block, Heading):
            said = comparable(_text(block))
            if said.endswith(description) and len(said) - len(description) <= _KICKER_CHARS:
                result[index] = Paragraph(children=block.children)
    return result
