"""Markdown reader: CommonMark + GFM tables (markdown-it-py) → HTML → the shared HTML walker.

Going through HTML keeps one walker for both inputs, so raw HTML inside Markdown is sanitised
by the same rules as an HTML page. Docconv's own Markdown conventions are read back here: an
image title is its caption, and a ``Table: …`` paragraph right after a table is its caption.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from docconv.charclass import HAS_CJK_TEXT
from docconv.conventions import TABLE_CAPTION_PREFIX
from docconv.diagnostics import Reporter
from docconv.model import Block, Document, LineBreak, Metadata, Paragraph, Quote, Strong, Table, Text, plain_text
from docconv.options import Options
from docconv.readers import frontmatter
from docconv.readers.html.blocks import HtmlToBlocks, report_local_references
from docconv.readers.html.nodes import local_site_root
from docconv.sources import Source

_MAX_NESTING = 100  # markdown-it's block parser recurses per level; deeper content is flattened, not lost
_NESTING_MARKERS = re.compile(r"^\s*(?:(?:>|[-*+]|\d{1,9}[.)])(?=\s|$)\s*)*")


class _FlatteningBlockParser(ParserBlock):
    """markdown-it silently drops blocks nested deeper than ``maxNesting``; keep their text as a paragraph."""

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        if state.level < state.md.options.maxNesting:
            super().tokenize(state, startLine, endLine)
            return
        line = startLine
        while line < endLine and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent):
            line += 1
        raw = state.getLines(startLine, line, state.blkIndent, False)
        text = " ".join(part for part in (_NESTING_MARKERS.sub("", row).strip() for row in raw.splitlines()) if part)
        state.line = line
        if not text:
            return
        state.env["nesting_flattened"] = True
        state.push("paragraph_open", "p", 1).map = [startLine, line]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = text, [startLine, line], []
        state.push("paragraph_close", "p", -1)


@cache
def parser(max_nesting: int = _MAX_NESTING) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": max_nesting}).enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    _plain_footnotes(md)
    flattening = _FlatteningBlockParser()
    flattening.ruler = md.block.ruler
    md.block = flattening
    md.core.ruler.before("text_join", "cjk_emphasis", _cjk_emphasis)
    return md


def _plain_footnotes(md: MarkdownIt) -> None:
    """Footnotes (``text[^1]`` … ``[^1]: note``, GFM and most blog engines) as the model can hold them:
    a superscript number where the note is called, and the notes as a numbered list after a rule.

    Without the plugin CommonMark reads ``[^1]: note`` as a link definition, turning every call
    into a link whose address is the note's text, and the note vanishes.
    """

    def number(tokens: Sequence[Token], index: int) -> str:
        meta = tokens[index].meta
        return str(meta["id"] + 1) + (f"-{meta['subId']}" if meta.get("subId") else "")

    md.add_render_rule("footnote_ref", lambda self, tokens, index, options, env: f"<sup>{number(tokens, index)}</sup>")
    md.add_render_rule("footnote_block_open", lambda self, tokens, index, options, env: "<hr>\n<ol>\n")
    md.add_render_rule("footnote_block_close", lambda self, tokens, index, options, env: "</ol>\n")
    md.add_render_rule("footnote_open", lambda self, tokens, index, options, env: "<li>")
    md.add_render_rule("footnote_close", lambda self, tokens, index, options, env: "</li>\n")
    md.add_render_rule("footnote_anchor", lambda self, tokens, index, options, env: "")


# A delimiter pair CommonMark left as literal text: ``**「重点」**的`` (the opening ``**`` is not
# left-flanking because ``「`` is punctuation and ``首`` before it is a letter). Escaped asterisks
# are separate ``text_special`` tokens at this stage, so ``\*\*x\*\*`` is never touched.
_LITERAL_EMPHASIS = re.compile(r"(?<!\*)(\*\*|\*)(?![\s*])([^*]*?[^\s*])\1(?!\*)")


def _cjk_emphasis(state: StateCore) -> None:
    """Read ``**…**``/``*…*`` that CommonMark rejects only because of CJK punctuation as emphasis.

    Authors of Chinese posts write ``**“人人都是软实力”**的`` and mean bold; many Markdown
    renderers agree (markdown-it-cjk-friendly, CommonMark issue #650). Only a pair inside one
    text run next to CJK text is converted, so Latin text keeps strict CommonMark behaviour.
    """
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for token in block.children:
            if token.type == "text" and "*" in token.content and HAS_CJK_TEXT.search(token.content):
                children.extend(_split_emphasis(token))
            else:
                children.append(token)
        block.children = children


def _split_emphasis(token: Token) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    content = token.content
    for match in _LITERAL_EMPHASIS.finditer(content):
        around = content[max(0, match.start() - 1) : match.start() + 1] + content[match.end() - 1 : match.end() + 1]
        if not HAS_CJK_TEXT.search(around + match.group(2)[:1] + match.group(2)[-1:]):
            continue
        if match.start() > position:
            tokens.append(_text(content[position : match.start()]))
        tag, kind = ("strong", "strong") if match.group(1) == "**" else ("em", "em")
        tokens.append(Token(f"{kind}_open", tag, 1, markup=match.group(1)))
        tokens.append(_text(match.group(2)))
        tokens.append(Token(f"{kind}_close", tag, -1, markup=match.group(1)))
        position = match.end()
    if position == 0:
        return [token]
    if position < len(content):
        tokens.append(_text(content[position:]))
    return tokens


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def markdown_to_blocks(text: str, source: Source, options: Options, reporter: Reporter) -> list[Block]:
    env: dict[str, object] = {}
    html = parser(min(_MAX_NESTING, options.limits.max_depth)).render(text, env)
    if env.get("nesting_flattened"):
        reporter.warning("nesting-flattened", "Markdown nested deeper than the parser allows was flattened to text")
    soup = BeautifulSoup(html, "lxml")
    report_local_references(soup, reporter)
    walker = HtmlToBlocks(
        reporter,
        source.base_url,
        options.limits,
        image_title_is_caption=True,
        keep_fragment_links=True,
        site_url=local_site_root(source.origin),
    )
    return [_alert(b) for b in _table_captions(walker.blocks(soup.body or soup))]


# GitHub's alerts: a quotation opening with ``[!NOTE]`` is shown as a "Note" box.
_ALERT = re.compile(r"^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*", re.IGNORECASE)


def _alert(block: Block) -> Block:
    """A GitHub alert as a quotation under its bold label, not the literal ``[!NOTE]``."""
    if not (isinstance(block, Quote) and block.blocks and isinstance(first := block.blocks[0], Paragraph)):
        return block
    opening = first.children[0] if first.children else None
    match = _ALERT.match(opening.text) if isinstance(opening, Text) else None
    if match is None or not isinstance(opening, Text):
        return block
    rest = opening.text[match.end() :]
    children = ((Text(text=rest),) if rest else ()) + first.children[1:]
    while children and isinstance(children[0], LineBreak):
        children = children[1:]
    label = Paragraph(children=(Strong(children=(Text(text=match.group(1).capitalize()),)),))
    body = (replace(first, children=children),) if plain_text(children).strip() else ()
    return Quote(blocks=(label, *body, *block.blocks[1:]))


def _table_captions(blocks: list[Block]) -> list[Block]:
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            isinstance(previous, Table)
            and not previous.caption
            and isinstance(block, Paragraph)
            and len(block.children) == 1
            and isinstance(block.children[0], Text)
            and block.children[0].text.startswith(TABLE_CAPTION_PREFIX)
        ):
            result[-1] = replace(previous, caption=block.children[0].text[len(TABLE_CAPTION_PREFIX) :].strip())
            continue
        result.append(block)
    return result


def read_markdown_body(body: str, meta: Metadata, source: Source, options: Options, reporter: Reporter) -> Document:
    blocks = markdown_to_blocks(body, source, options, reporter)
    return Document(meta=meta, blocks=tuple(blocks), base_url=source.base_url, origin=source.origin)


def read_markdown(source: Source, options: Options, reporter: Reporter) -> Document:
    """A Markdown file, with or without front matter; a leading ``# Title`` becomes the title."""
    parts = frontmatter.split(source.text)
    if parts:
        meta, body = frontmatter.parse(parts[0], reporter, source.origin, parts[1], options.limits), parts[1]
    else:
        meta, body = Metadata(), source.text
    match = re.match(r"\A\s*#\s+(.+?)\s*#*\s*(?:\n|\Z)", body)
    if match and not meta.title:
        meta = replace(meta, title=match.group(1).strip())
        body = body[match.end() :]
    elif not parts and source.origin.lower().endswith(".txt") and (line := _title_line(body)):
        meta = replace(meta, title=line[0])
        body = body[line[1] :]
    return read_markdown_body(body, meta, source, options, reporter)


# A plain-text article's first line followed by a blank line: its title, when it is short.
_FIRST_LINE = re.compile(r"\A\s*?^[ \t\u3000]*(\S[^\n]*?)[ \t\u3000]*\r?\n[ \t\u3000]*\r?\n", re.MULTILINE)
_TITLE_WIDTH = 80  # CJK characters count twice: about 40 of them, or 80 Latin characters


def _title_line(body: str) -> tuple[str, int] | None:
    """``(title, where the body starts)`` of a ``.txt`` article whose first line is short and stands alone."""
    match = _FIRST_LINE.match(body)
    if match is None:
        return None
    line = match.group(1)
    width = sum(2 if HAS_CJK_TEXT.match(char) else 1 for char in line)
    if width > _TITLE_WIDTH or line.endswith(("。", "；", ";", "，", ",")):
        return None
    return line, match.end()
