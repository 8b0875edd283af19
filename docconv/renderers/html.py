"""HTML renderer: a Packet → one HTML page through Jinja2 templates (the input of the PDF renderer).

Templates and stylesheets are looked up in ``options.template_dir`` first, then in the built-in
theme (the ``docconv.styles`` package, read with importlib.resources so it works from an
installed wheel); ``options.stylesheets`` are appended after the theme. Compiled templates,
theme CSS and fonts are cached per process. Block and inline HTML comes from ``html_writer``
(the walker the EPUB renderer uses too; ``blocks_html`` is re-exported here).
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from docconv import l10n
from docconv.errors import RenderError
from docconv.fonts import family_stack
from docconv.language import is_cjk, primary, rendering_tag
from docconv.model import Document, Figure, ListBlock, Metadata, Omission, Packet, Paragraph, Quote, plain_text
from docconv.options import Options
from docconv.renderers.base import RenderContext
from docconv.renderers.html_writer import HeadingEntry, ImageSource, blocks_html, writer_for
from docconv.renderers.typography import typeset

__all__ = ["RENDERER", "ArticleView", "PageView", "blocks_html", "build_page", "page_css", "render_html", "theme_css"]

_PAGE_SIZE = re.compile(r"^[A-Za-z0-9.]+( +[A-Za-z0-9.]+){0,2}$")
_TEMPLATE = "document.html.j2"


@dataclass
class ArticleView:
    """One article as the templates see it."""

    id: str
    lang: str  # rendering tag (zh-CN, zh-TW, ja, en …)
    title: str
    title_html: Markup
    byline: str  # one line for the contents page
    meta_items: list[tuple[str, str]]
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


# ----------------------------------------------------------------------- templates and CSS


def _theme_file(name: str) -> str:
    return (resources.files("docconv.styles") / name).read_text(encoding="utf-8")


def _load_builtin_template(name: str) -> str:
    try:
        return _theme_file(f"templates/{name}")
    except (FileNotFoundError, IsADirectoryError, OSError):
        raise jinja2.TemplateNotFound(name) from None


@lru_cache(maxsize=8)
def template_environment(template_dir: Path | None) -> jinja2.Environment:
    """Jinja2 environment: the user's folder first, then the built-in theme; compiled once per process."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FunctionLoader(lambda name: (_load_builtin_template(name), None, lambda: True)))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        auto_reload=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=16)
def _read_css(path: Path, mtime: float) -> str:
    return path.read_text(encoding="utf-8")


def theme_css(options: Options) -> list[str]:
    """The theme's print.css (from template_dir when it has one) plus the user's stylesheets."""
    texts = []
    own = options.template_dir / "print.css" if options.template_dir else None
    if own is not None and own.is_file():
        texts.append(_read_css(own, own.stat().st_mtime))
    else:
        texts.append(_builtin_css())
    for sheet in options.stylesheets:
        try:
            texts.append(_read_css(Path(sheet), Path(sheet).stat().st_mtime))
        except OSError as error:
            raise RenderError(f"cannot read stylesheet {sheet}: {error.strerror or error}") from None
    return texts


@lru_cache(maxsize=1)
def _builtin_css() -> str:
    return _theme_file("print.css")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def _counter_content(template: str) -> str:
    """``第 {n} 页 / 共 {total} 页`` → ``"第 " counter(page) " 页 / 共 " counter(pages) " 页"``."""
    parts = []
    for piece in re.split(r"(\{n\}|\{total\})", template):
        if piece == "{n}":
            parts.append("counter(page)")
        elif piece == "{total}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(_css_string(piece))
    return " ".join(parts)


def _families(stack: list[str]) -> str:
    return ", ".join(f for f in (_css_string(n) if n not in ("serif", "sans-serif", "monospace") else n for n in stack))


@lru_cache(maxsize=64)
def page_css(language: str, page_size: str, font_dirs: tuple[Path, ...] = ()) -> str:
    """Per-document CSS: page size, the localised page-number footer and explicit font families."""
    size = page_size.strip()
    if not _PAGE_SIZE.match(size):
        raise RenderError(
            f"invalid page size {page_size!r}: use a name like A4, A5, Letter, Legal, B5 or two lengths like '148mm 210mm'"
        )
    lines = [
        f"@page {{ size: {size}; @bottom-center {{ content: {_counter_content(l10n.text('page_of', language))}; }} }}",
    ]
    # Every language the packet may mix gets its own explicit families; region tags select glyphs.
    for tag in ("en", "ja", "ko", "zh-TW", "zh-HK", "zh-CN"):
        selector = f":lang({tag})"
        body = _families(family_stack(tag, "body", font_dirs))
        heading = _families(family_stack(tag, "heading", font_dirs))
        mono = _families(family_stack(tag, "mono", font_dirs))
        lines.append(f"{selector} {{ font-family: {body}; }}")
        lines.append(
            f"{selector} h1, {selector} h2, {selector} h3, {selector} h4, {selector} h5, {selector} h6, "
            f"{selector} .contents-title, {selector} caption, {selector} th {{ font-family: {heading}; }}"
        )
        lines.append(f"{selector} pre, {selector} code {{ font-family: {mono}; }}")
    root = rendering_tag(language)
    lines.append(f"html {{ font-family: {_families(family_stack(root, 'body', font_dirs))}; }}")
    return "\n".join(lines) + "\n"


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
    items: list[tuple[str, str]] = []
    if meta.authors:
        items.append((labels["author"], labels["list_separator"].join(meta.authors)))
    if meta.date:
        items.append((labels["date"], l10n.format_date(meta.date, language)))
    if meta.site_name and not meta.source_url:
        items.append((labels["source"], meta.site_name))
    byline = "　".join(value for _, value in items) if cjk else " · ".join(value for _, value in items)
    qr = _qr_svg(meta.source_url) if (meta.source_url and options.qr_codes and not packet.is_single and for_print) else None
    return ArticleView(
        id=ident,
        lang=rendering_tag(language),
        title=title,
        title_html=typeset(title, cjk),
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
        subtitle=packet.meta.subtitle,
        author=labels["list_separator"].join(authors),
        description=description,
        keywords=", ".join(categories),
        created=_w3c(created),
        modified=_w3c(epoch or created),
        date_display=l10n.format_date(packet.meta.date, language),
        organisation=packet.meta.organisation,
        notice=packet.meta.notice,
        count_line=l10n.text("articles", language, n=len(packet.documents)),
        is_single=packet.is_single,
        duplex=options.duplex,
        labels=labels,
        articles=articles,
        omitted=packet.omitted,
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
        media = context.media.image(figure.src, base_url=document.base_url, referer=document.meta.source_url)
        if media is None:
            return None
        return f"data:{media.media_type};base64,{base64.b64encode(media.data).decode('ascii')}"

    return source


class HtmlRenderer:
    name = "html"
    media_type = "text/html; charset=utf-8"
    extension = ".html"

    def render(self, packet: Packet, context: RenderContext) -> bytes:
        owner: dict[int, Document] = {id(b): d for d in packet.documents for b in _figures(d)}
        fallback = packet.documents[0] if packet.documents else Document(Metadata(title=packet.meta.title), ())
        image_src = data_uri_images(context, lambda f: owner.get(id(f), fallback))
        page = build_page(packet, context, image_src=image_src, for_print=False)
        styles = [*theme_css(context.options), page_css(packet.language, context.options.page_size, context.options.font_dirs)]
        return render_html(page, context.options, styles).encode("utf-8")


def _figures(document: Document) -> list[Figure]:
    found: list[Figure] = []
    stack = list(document.blocks)
    while stack:
        block = stack.pop()
        if isinstance(block, Figure):
            found.append(block)
        elif isinstance(block, Quote):
            stack.extend(block.blocks)
        elif isinstance(block, ListBlock):
            stack.extend(b for item in block.items for b in item.blocks)
    return found


RENDERER = HtmlRenderer()
