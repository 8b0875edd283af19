"""PDF renderer: the html renderer's page + print CSS → WeasyPrint (≥ 68), with CJK justification.

WeasyPrint never touches the network or the disk: it gets a ``URLFetcher`` subclass that
serves only the images docconv's media store already holds (``docconv-media:N`` URLs written
by this renderer) and refuses every other URL. Fonts are checked before anything is laid
out, so a missing CJK font fails with ``FontCoverageError`` and no file is written.
Parsed stylesheets and the font configuration are cached for the life of the process.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from docconv import l10n
from docconv.errors import DocconvError, RenderError
from docconv.fonts import check_coverage, family_stack, installed
from docconv.language import is_cjk, rendering_tag
from docconv.model import Document, Figure, Packet, document_text
from docconv.renderers.base import RenderContext
from docconv.renderers.html.renderer import build_page, figures_of, render_html
from docconv.renderers.pdf.justify import justify_cjk_lines
from docconv.renderers.pdf.layout import layout_safe
from docconv.renderers.pdf.tagging import element_languages
from docconv.renderers.pdf.writing import cheaper_writing
from docconv.renderers.theme import page_css, theme_css, type_area_css
from docconv.renderers.usercss import FONT_TYPES, UserSheet, allowed_folders, font_files, local_file, user_sheets

MEDIA_SCHEME = "docconv-media:"
# Tagged PDF (structure tree: headings, paragraphs, lists, tables, figures with alternative text,
# /Lang per element) for screen readers and reflow; measured at +3 % render time (docs/pdf.md).
TAGGED = True
_LOCK = threading.Lock()  # WeasyPrint's font configuration is not thread-safe


class MediaFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``docconv-media:N`` from memory; every other URL is refused (no network, no files)."""

    def __init__(self, resources: dict[str, tuple[bytes, str]], reporter: Any = None) -> None:
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self._resources = resources
        self._reporter = reporter

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url in self._resources:
            data, media_type = self._resources[url]
            return URLFetcherResponse(url, body=data, headers={"Content-Type": media_type})
        if self._reporter is not None:
            self._reporter.warning(
                "pdf-resource-refused", f"the PDF engine asked for {url[:200]}; refused (only docconv's media is served)"
            )
        raise ValueError(f"docconv serves no resource at {url[:200]}")


_REFUSE_ALL = MediaFetcher({})


_prepared = False


def prepare_engine() -> None:
    """Builds every C type of WeasyPrint's FFI once per process, before any render deadline runs.

    cffi lays out a struct in Python on its first use and marks it begun before it starts; a
    deadline that fires in the middle (SIGALRM, or the exception sent to a rendering thread)
    leaves the type half-built for the rest of the process ("array item of unknown size:
    'PangoGlyphInfo'"), and no later PDF could be written.
    """
    global _prepared
    with _LOCK:
        if _prepared:
            return
        from weasyprint.text.ffi import ffi

        typedefs, structs, unions = ffi.list_types()
        for name in [*typedefs, *(f"struct {n}" for n in structs), *(f"union {n}" for n in unions)]:
            with contextlib.suppress(ValueError, TypeError):  # an opaque or function type has no layout to build
                ffi.sizeof(name)
        _prepared = True


@lru_cache(maxsize=4)
def _font_config(font_dirs: tuple[Path, ...], fontconfig_file: str | None) -> FontConfiguration:
    """One font configuration per process (and per --font-dir set): fontconfig start-up is not free."""
    config = FontConfiguration()
    extra = installed(font_dirs).extra
    if extra:
        from weasyprint.text.ffi import ffi, fontconfig, pangoft2

        for font in {f.path for f in extra}:
            fontconfig.FcConfigAppFontAddFile(config._config, str(font).encode())
        pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", config.font_map))
    return config


@lru_cache(maxsize=32)
def _css(text: str, font_config: FontConfiguration) -> weasyprint.CSS:
    """Parsed stylesheets, reused across documents (a stylesheet may not fetch anything)."""
    return weasyprint.CSS(string=text, url_fetcher=_REFUSE_ALL, font_config=font_config)


def packet_text(packet: Packet) -> str:
    """Every character the PDF will show: titles, bylines, bodies and the labels around them."""
    parts = [packet.meta.title, packet.meta.subtitle, packet.meta.organisation, packet.meta.notice]
    languages = {packet.language}
    for document in packet.documents:
        meta = document.meta
        parts += [meta.title, *meta.authors, meta.site_name or "", meta.source_url or "", document_text(document)]
        languages.add(meta.language or packet.language)
        parts.append(l10n.format_date(meta.date, meta.language or packet.language))
    for omission in packet.omitted:
        parts += [omission.origin, omission.reason]
    for language in languages:
        parts += l10n.strings(language).values()
    parts.append("0123456789")
    return "".join(parts)


def _check_fonts(packet: Packet, context: RenderContext) -> None:
    options = context.options
    where = packet.documents[0].origin if packet.is_single and packet.documents else None
    # Fonts a user's @font-face loads count as installed: they are in the PDF as much as fontconfig's.
    css_fonts = font_files(user_sheets(options), allowed_folders(options))
    check_coverage(packet_text(packet), (*options.font_dirs, *css_fonts), where=where)
    for language in {d.meta.language or packet.language for d in packet.documents}:
        if not is_cjk(language):
            continue
        stack = family_stack(language, "body", options.font_dirs)
        if len(stack) < 2 or stack[0] in ("serif", "sans-serif") or ("CJK" not in stack[0] and "Han" not in stack[0]):
            context.reporter.warning(
                "font-fallback",
                f"no preferred serif for {rendering_tag(language)} is installed; glyphs may take another region's forms",
            )


def _media(packet: Packet, context: RenderContext) -> tuple[dict[str, tuple[bytes, str]], dict[int, str]]:
    """Fetch every figure through the media store; map each served figure to its docconv-media URL."""
    resources: dict[str, tuple[bytes, str]] = {}
    sources: dict[int, str] = {}
    by_url: dict[str, str] = {}
    for document in packet.documents:
        for figure in figures_of(document):
            media = _image(context, document, figure)
            if media is None:
                continue
            key = by_url.get(media.url)
            if key is None:
                key = f"{MEDIA_SCHEME}{len(resources) + 1}"
                resources[key] = (media.data, media.media_type)
                by_url[media.url] = key
            sources[id(figure)] = key
    return resources, sources


def _image(context: RenderContext, document: Document, figure: Figure) -> Any:
    return context.media.image(figure.src, base_url=document.base_url, referer=document.meta.source_url, where=document.origin)


@contextmanager
def _weasyprint_warnings(context: RenderContext) -> Iterator[None]:
    """WeasyPrint logs problems; turn its warnings into docconv diagnostics instead of stderr noise."""
    logger = logging.getLogger("weasyprint")
    messages: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    handler = _Collect()
    previous = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous
        for message in dict.fromkeys(messages):
            context.reporter.warning("pdf-engine", message[:300])


def variant(name: str | None) -> str | None:
    """The WeasyPrint PDF variant for ``options.pdf_variant`` (``pdf/ua-1``, ``pdf/a-3b`` …)."""
    if not name:
        return None
    from weasyprint.pdf import VARIANTS

    key = name.strip().lower()
    if key not in VARIANTS:
        known = ", ".join(sorted(k for k in VARIANTS if k != "debug"))
        raise RenderError(f"unknown PDF variant {name!r}; known: {known}")
    return key


def pdf_html(packet: Packet, context: RenderContext) -> tuple[str, dict[str, tuple[bytes, str]]]:
    """The HTML handed to WeasyPrint, and the media it may fetch (for tests and benchmarks)."""
    packet = layout_safe(packet, context.reporter)
    resources, sources = _media(packet, context)
    cover = context.media.cover()
    if cover is not None:
        resources[f"{MEDIA_SCHEME}cover"] = (cover.data, cover.media_type)
    cover_src = f"{MEDIA_SCHEME}cover" if cover is not None else None
    page = build_page(packet, context, image_src=lambda figure: sources.get(id(figure)), for_print=True, cover_src=cover_src)
    return render_html(page, context.options, []), resources


def stylesheets(packet: Packet, context: RenderContext) -> list[str]:
    """The built-in and generated CSS, in cascade order; the user's sheets (``user_sheets``) come after."""
    options = context.options
    yielding = bool(options.stylesheets)
    return [
        type_area_css(options.page_size),
        *theme_css(options),
        page_css(packet.language, options.page_size, options.font_dirs, yielding),
    ]


class StylesheetFetcher(MediaFetcher):
    """What a user's stylesheet may load: files in the font folders and the allowed folders, nothing else."""

    def __init__(self, folders: tuple[Path, ...], reporter: Any, limit: int) -> None:
        super().__init__({}, None)
        self._folders = folders
        self._css_reporter = reporter
        self._limit = limit

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = local_file(url, self._folders)
        if path is not None and path.stat().st_size <= self._limit:
            media_type = FONT_TYPES.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": media_type})
        self._css_reporter.warning(
            "css-resource-refused",
            f"a stylesheet asked for {url[:200]}; refused (only files in --font-dir and --allow-dir folders are served)",
        )
        raise ValueError(f"docconv serves no resource at {url[:200]}")


def _user_css(sheet: UserSheet, context: RenderContext, font_config: FontConfiguration) -> weasyprint.CSS:
    options = context.options
    fetcher = StylesheetFetcher(allowed_folders(options), context.reporter, options.limits.max_response_bytes)
    return weasyprint.CSS(string=sheet.text, base_url=sheet.base_url, url_fetcher=fetcher, font_config=font_config)


def render_pdf(packet: Packet, context: RenderContext) -> bytes:
    """The packet as PDF bytes: its HTML and print CSS laid out by WeasyPrint, CJK lines justified."""
    options = context.options
    pdf_variant = variant(options.pdf_variant)
    if options.check_fonts:
        _check_fonts(packet, context)
    html, resources = pdf_html(packet, context)
    theme = stylesheets(packet, context)
    user = user_sheets(options)
    texts = [*theme, *(sheet.text for sheet in user)]
    with _LOCK, _weasyprint_warnings(context):
        # A user's @font-face is registered in the configuration it is parsed with: never in the shared one.
        configure = _font_config.__wrapped__ if user else _font_config
        font_config = configure(tuple(options.font_dirs), _fontconfig_file())
        sheets = [_css(text, font_config) for text in theme] + [_user_css(sheet, context, font_config) for sheet in user]
        try:
            document = weasyprint.HTML(string=html, url_fetcher=MediaFetcher(resources, context.reporter)).render(
                stylesheets=sheets, font_config=font_config
            )
            justify_cjk_lines(document)
            output = io.BytesIO()
            # A fixed /ID from the content keeps output byte-identical for identical input.
            identifier = hashlib.sha256(html.encode("utf-8") + "".join(texts).encode("utf-8")).hexdigest()[:32]
            with element_languages(), cheaper_writing():
                document.write_pdf(output, pdf_variant=pdf_variant, pdf_identifier=identifier.encode("ascii"), pdf_tags=TAGGED)
        except (DocconvError, RecursionError, MemoryError):
            # RenderError and a render_timeout LimitExceededError keep their exit code; the
            # stack or memory running out is a limit (guard.stage), not a rendering failure.
            raise
        except Exception as error:  # WeasyPrint raises assorted errors on hostile CSS or layouts
            raise RenderError(f"PDF rendering failed: {type(error).__name__}: {error}") from error
    return output.getvalue()


def _fontconfig_file() -> str | None:
    import os

    return os.environ.get("FONTCONFIG_FILE")
