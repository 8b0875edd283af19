"""HTML renderer: a Packet → one HTML page through Jinja2 templates (the input of the PDF renderer).

Templates and CSS come from ``docconv.renderers.theme``. Block and inline HTML comes from
``writer`` (the walker the EPUB renderer uses too; ``blocks_html`` is re-exported here).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import jinja2
from markupsafe import Markup

from docconv import l10n
from docconv.errors import RenderError
from docconv.language import is_cjk, primary, rendering_tag
from docconv.model import Document, Figure, Metadata, Omission, Packet, Paragraph, plain_text
from docconv.options import Options
from docconv.renderers.base import RenderContext
from docconv.renderers.html.blockset import Style, punctuation_style, typeset_block
from docconv.renderers.html.typography import typeset, typeset_text
from docconv.renderers.html.writer import HeadingEntry, ImageSource, blocks_html, writer_for
from docconv.renderers.theme import BROWSER_CSS, page_css, template_environment, theme_css, type_area_css
from docconv.renderers.usercss import user_sheets
from docconv.tree import figures

__all__ = ["ArticleView", "PageView", "blocks_html", "build_page", "figures_of", "render_html", "render_page"]

_TEMPLATE = "document.html.j2"


@dataclass
class ArticleView:
    """One article as the templates see it."""

    id: str
    lang: str  # rendering tag (zh-CN, zh-TW, ja, en …)
    title: str
    title_html: Markup
    running_title: str  # the title with render-time spacing, for the running head (plain text: a CSS string)
    byline: Markup  # one line for the contents page
    meta_items: list[tuple[str, Markup]]
    source_url: str | None
    labels: dict[str, str]
    body: Markup
    notes: Markup
    headings: list[HeadingEntry]
    qr_svg: Markup | None
    document: Document


@dataclass
class PageView:
    """The whole page (single article or packet) as the templates see it."""

    lang: str
    title: str
    subtitle: str
    author: str
    description: str
    keywords: str
    created: str
    modified: str
    date_display: str
    organisation: str
    notice: str
    count_line: str
    is_single: bool
    duplex: bool
    labels: dict[str, str]
    articles: list[ArticleView] = field(default_factory=list)
    omitted: tuple[Omission, ...] = ()
    toc: bool = False  # a contents page: the articles of a packet, the headings of a single article
    cover_image: str | None = None  # the --cover image's src


# ----------------------------------------------------------------------- building the page view


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as an aware datetime, when set (reproducible builds)."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _w3c(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def _labels(language: str | None) -> dict[str, str]:
    labels = l10n.strings(language)
    labels["colon"] = "：" if is_cjk(language) else ": "
    return labels


def _qr_svg(url: str) -> Markup | None:
    try:
        import segno
    except ImportError:
        return None
    try:
        code = segno.make(url, error="m", micro=False)
    except (ValueError, segno.DataOverflowError):
        return None
    svg = code.svg_inline(scale=1, border=0, omitsize=True)
    return Markup(svg)


def _article(
    document: Document,
    number: int,
    packet: Packet,
    options: Options,
    image_src: ImageSource | None,
    for_print: bool,
) -> ArticleView:
    meta = document.meta
    language = meta.language or packet.language
    labels = _labels(language)
    ident = f"a{number}"
    writer = writer_for(
        document,
        image_src=image_src,
        link_notes=for_print,
        heading_offset=0 if packet.is_single else 1,
        id_prefix=f"{ident}-",
    )
    body = writer.blocks(document.blocks)
    cjk = is_cjk(language) and primary(language) != "ko"
    title = meta.title or (document.origin if document.origin != "<input>" else "")
    items: list[tuple[str, Markup]] = []
    style = punctuation_style(language)
    if meta.authors:
        items.append((labels["author"], typeset_line(labels["list_separator"].join(meta.authors), style)))
    if meta.date:
        items.append((labels["date"], typeset_line(l10n.format_date(meta.date, language), style)))
    if meta.site_name and not meta.source_url:
        items.append((labels["source"], typeset_line(meta.site_name, style)))
    byline = Markup("　" if cjk else " · ").join(value for _, value in items)
    qr = _qr_svg(meta.source_url) if (meta.source_url and options.qr_codes and not packet.is_single and for_print) else None
    return ArticleView(
        id=ident,
        lang=rendering_tag(language),
        title=title,
        title_html=typeset_block(typeset(title, cjk), style, "heading"),
        running_title=typeset_text(title, cjk),
        byline=byline,
        meta_items=items,
        source_url=meta.source_url,
        labels=labels,
        body=body,
        notes=writer.notes_html("h2") if for_print else Markup(""),
        headings=writer.headings,
        qr_svg=qr,
        document=document,
    )


def typeset_line(text: str, style: Style | None) -> Markup:
    """A short line of metadata (an author, a date, a site name) with CJK spacing and compression."""
    return typeset_block(typeset(text, style is not None), style, "inline")


def _lead(document: Document) -> str:
    """The opening of the first paragraph: the PDF Subject when the article has no description."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text = " ".join(plain_text(block.children).split())
            if text:
                return text if len(text) <= 120 else text[:119] + "…"
    return ""


def build_page(
    packet: Packet,
    context: RenderContext,
    *,
    image_src: ImageSource | None = None,
    for_print: bool = True,
    cover_src: str | None = None,
) -> PageView:
    """Everything the templates need, computed once: articles' HTML, labels, metadata, dates."""
    options = context.options
    language = packet.language
    labels = _labels(language)
    articles = [_article(d, n, packet, options, image_src, for_print) for n, d in enumerate(packet.documents, start=1)]
    epoch = source_date()
    if packet.is_single and packet.documents:
        meta = packet.documents[0].meta
        title = meta.title or packet.meta.title
        authors = meta.authors
        categories = meta.categories
        description = meta.description or meta.site_name or _lead(packet.documents[0])
        created = meta.date or packet.meta.date or epoch
    else:
        title = packet.meta.title
        authors = tuple(dict.fromkeys(a for d in packet.documents for a in d.meta.authors))
        categories = tuple(dict.fromkeys(c for d in packet.documents for c in d.meta.categories))
        description = packet.meta.subtitle
        created = packet.meta.date or epoch
        if packet.meta.organisation:
            authors = (packet.meta.organisation,)
    return PageView(
        lang=rendering_tag(language),
        title=title,
        subtitle=typeset_line(packet.meta.subtitle, punctuation_style(language)),
        author=labels["list_separator"].join(authors),
        description=description,
        keywords=", ".join(categories),
        created=_w3c(created),
        modified=_w3c(epoch or created),
        date_display=typeset_line(l10n.format_date(packet.meta.date, language), punctuation_style(language)),
        organisation=typeset_line(packet.meta.organisation, punctuation_style(language)),
        notice=packet.meta.notice,
        count_line=l10n.text("articles", language, n=len(packet.documents)),
        is_single=packet.is_single,
        duplex=options.duplex,
        labels=labels,
        articles=articles,
        omitted=packet.omitted,
        toc=(not packet.is_single) if options.toc is None else options.toc,
        cover_image=cover_src,
    )


def render_html(page: PageView, options: Options, styles: list[str]) -> str:
    """The page view through the templates; ``styles`` are inlined as <style> elements."""
    environment = template_environment(options.template_dir)
    try:
        template = environment.get_template(_TEMPLATE)
        return template.render(page=page, styles=[Markup(s.replace("</", "<\\/")) for s in styles])
    except jinja2.TemplateError as error:
        raise RenderError(f"template error: {error}") from None


def data_uri_images(context: RenderContext, document_for: Callable[[Figure], Document]) -> ImageSource:
    """An ``image_src`` that embeds each image from the media store as a data: URI."""

    def source(figure: Figure) -> str | None:
        document = document_for(figure)
        media = context.media.image(
            figure.src, base_url=document.base_url, referer=document.meta.source_url, where=document.origin
        )
        if media is None:
            return None
        return f"data:{media.media_type};base64,{base64.b64encode(media.data).decode('ascii')}"

    return source


def render_page(packet: Packet, context: RenderContext) -> bytes:
    """The packet as one self-contained HTML page (images inlined as data: URIs)."""
    owner: dict[int, Document] = {id(b): d for d in packet.documents for b in figures_of(d)}
    fallback = packet.documents[0] if packet.documents else Document(meta=Metadata(title=packet.meta.title), blocks=())
    image_src = data_uri_images(context, lambda f: owner.get(id(f), fallback))
    cover = context.media.cover()
    cover_src = f"data:{cover.media_type};base64,{base64.b64encode(cover.data).decode('ascii')}" if cover else None
    page = build_page(packet, context, image_src=image_src, for_print=False, cover_src=cover_src)
    options = context.options
    generated = page_css(packet.language, options.page_size, options.font_dirs, bool(options.stylesheets))
    styles = [
        type_area_css(options.page_size),
        *theme_css(options),
        generated,
        BROWSER_CSS,
        *(sheet.text for sheet in user_sheets(options)),
    ]
    return render_html(page, context.options, styles).encode("utf-8")


def figures_of(document: Document) -> list[Figure]:
    """Every figure of the document, in quotations and list items too."""
    return figures(document.blocks)
