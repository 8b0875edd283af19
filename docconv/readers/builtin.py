"""The built-in readers' declarations: how each recognises its input, and where its work is done.

Sniffing only looks at the text, so it needs none of the parsers; each ``read`` imports its
implementation on first use. Readers are tried in registry order (post, html, then plugins), and
Markdown, which takes any text, comes last.
"""

from __future__ import annotations

import re

from docconv.context import Context
from docconv.model import Document
from docconv.sources import Source

_HTML_DOCUMENT = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S)


class PostReader:
    """Hexo/Jekyll/Hugo posts: YAML front matter, then an HTML or Markdown body."""

    name = "post"
    fallback = False

    def sniff(self, text: str) -> bool:
        from docconv.readers.frontmatter import has_front_matter

        return has_front_matter(text)

    def read(self, source: Source, context: Context) -> Document:
        from docconv.readers.post import read_post

        return read_post(source, context.options, context.reporter)


class HtmlReader:
    """A whole web page (boilerplate removed) or an HTML fragment."""

    name = "html"
    fallback = False

    def sniff(self, text: str) -> bool:
        from docconv.readers.post import body_is_html

        return bool(_HTML_DOCUMENT.match(text)) or body_is_html(text)

    def read(self, source: Source, context: Context) -> Document:
        from docconv.readers.html.page import read_html

        return read_html(source, context.options, context.reporter)


class MarkdownReader:
    """CommonMark with GFM tables and footnotes; any text no other reader claims."""

    name = "markdown"
    fallback = True

    def sniff(self, text: str) -> bool:
        return True

    def read(self, source: Source, context: Context) -> Document:
        from docconv.readers.markdown import read_markdown

        return read_markdown(source, context.options, context.reporter)


POST = PostReader()
HTML = HtmlReader()
MARKDOWN = MarkdownReader()
