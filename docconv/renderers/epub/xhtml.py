"""EPUB content documents: complete, EPUBCheck-valid XHTML 5 pages around the shared walker's XHTML.

The body of each article is written by ``html_writer.HtmlWriter`` in its XHTML mode (escaping,
XML-forbidden characters, ``lang``/``xml:lang``, link sanitising, lost-image placeholders live
there, once, for every renderer). What is EPUB's own is chosen here: headings keep the source's
levels (the chapter title is the ``h1``), no render-time CJK typography (e-readers lay out text
themselves and a reflowable book has no fixed measure to space or justify against), no link
notes (links can be followed), no ``data-label`` (no PDF bookmarks).
"""

from __future__ import annotations

from docconv.model import Document
from docconv.renderers.html.writer import HtmlWriter, ImageSource, lang_attributes, xml_attribute, xml_text


def chapter_writer(language: str | None, image_src: ImageSource, number: int) -> HtmlWriter:
    """The walker for article ``number`` of a book: headings ``a<number>-h<n>``, source levels kept."""
    return HtmlWriter(
        language,
        xhtml=True,
        image_src=image_src,
        typography=False,
        labels=False,
        top_level=1,
        heading_offset=-1,  # level 1 → h1: levels as in the source
        id_prefix=f"a{number}-",
    )


def chapter_body(writer: HtmlWriter, document: Document) -> str:
    """The article's blocks as XHTML, one block per line."""
    body = str(writer.blocks(document.blocks))
    return body + "\n" if body else ""


def page(
    *,
    title: str,
    language: str | None,
    body: str,
    stylesheets: tuple[str, ...],
    body_type: str = "",
    body_class: str = "",
) -> str:
    """A complete XHTML content document around ``body`` (already-escaped markup)."""
    links = "".join(f'<link rel="stylesheet" type="text/css" href="{xml_attribute(href)}"/>\n' for href in stylesheets)
    epub_type = f' epub:type="{body_type}"' if body_type else ""
    css_class = f' class="{body_class}"' if body_class else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!DOCTYPE html>\n"
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"{lang_attributes(language)}>\n'
        "<head>\n"
        '<meta charset="utf-8"/>\n'
        f"<title>{xml_text(title)}</title>\n"
        f"{links}"
        "</head>\n"
        f"<body{epub_type}{css_class}>\n"
        f"{body}"
        "</body>\n"
        "</html>\n"
    )
