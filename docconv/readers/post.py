"""Post reader: Hexo/Jekyll/Hugo posts — YAML front matter, then an HTML or Markdown body (template tags expanded)."""

from __future__ import annotations

import re
from pathlib import PurePath

from docconv.diagnostics import Reporter
from docconv.errors import InputError
from docconv.model import Document
from docconv.options import Options
from docconv.readers import frontmatter
from docconv.sources import Source

_HTML_BLOCK_START = re.compile(
    r"\A\s*<(?:!--|div|p|section|article|main|h[1-6]|ul|ol|table|figure|blockquote|img|center|span|pre|br|html|body)\b",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?(?:p|div|br|img|span|h[1-6]|li|table|figure)\b[^>]*>", re.IGNORECASE)


def body_is_html(body: str) -> bool:
    """An HTML body starts with a block tag, or has more HTML tags than Markdown markers."""
    if _HTML_BLOCK_START.match(body):
        return True
    tags = len(_HTML_TAG.findall(body))
    markdown_markers = len(re.findall(r"^(?:#{1,6} |[-*+] |\d+\. |> |```)", body, re.MULTILINE))
    return tags >= 3 and tags > markdown_markers * 2


def read_post(source: Source, options: Options, reporter: Reporter) -> Document:
    parts = frontmatter.split(source.text)
    assert parts is not None, "read_post is only chosen for text with front matter"
    header, body = parts
    meta = frontmatter.parse(header, reporter, source.origin, body, options.limits)
    if not body.strip():
        raise InputError("front matter only: the post has no body", where=source.origin)
    from docconv.readers import site_tags

    if body_is_html(body):
        from docconv.readers.html.page import read_body

        return read_body(site_tags.fill_html(body, reporter, source.origin, meta), meta, source, options, reporter)
    from docconv.readers.markdown import read_markdown_body

    post_name = PurePath(source.origin).stem if source.origin and not source.origin.startswith("<") else None
    body = site_tags.expand(body, post_name, reporter, source.origin, meta)
    return read_markdown_body(body, meta, source, options, reporter)
