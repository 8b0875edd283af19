"""EPUB 3 renderer: a Packet → one reproducible, EPUBCheck-clean ``.epub`` (bytes).

One content document per article (plus, for a briefing packet, a generated text cover, a
visible contents page and a "not included" page). The XHTML and the navigation document are
written here (article bodies by the shared ``html_writer``, pages by ``epub_xhtml``) because
ebooklib 0.20 reparses chapters as HTML and drops their ``<head>``; ebooklib assembles the OPF
package and the NCX, and ``epub_package.rezip`` then rewrites its zip reproducibly. Nothing is
written to disk: the caller writes atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docconv import l10n
from docconv.errors import DocconvError, RenderError
from docconv.language import is_cjk
from docconv.model import Document, Figure, Packet, document_text
from docconv.renderers.base import RenderContext
from docconv.renderers.epub.package import identifier, iso_date, modified, publication_date, rezip
from docconv.renderers.epub.styles import BookStyles, book_styles
from docconv.renderers.epub.xhtml import chapter_body, chapter_writer, page
from docconv.renderers.html.writer import HeadingEntry, link_href, xml_attribute, xml_text
from docconv.resources.media import Media

if TYPE_CHECKING:
    from docconv.renderers.epub.fonts import EmbeddedFonts

STYLESHEET = "css/epub.css"
FONT_STYLESHEET = "css/fonts.css"
NAV = "nav.xhtml"
COVER = "cover.xhtml"
OMITTED = "omitted.xhtml"


@dataclass
class NavNode:
    title: str
    href: str
    children: list[NavNode] = field(default_factory=list)


@dataclass
class Chapter:
    file_name: str
    title: str
    language: str | None
    body: str
    body_type: str = ""
    body_class: str = ""
    nav: NavNode | None = None


def _title_of(document: Document, number: int) -> str:
    if document.meta.title.strip():
        return " ".join(document.meta.title.split())
    text = " ".join(document_text(document).split())
    return text[:40] or f"{number}"


def _colon(language: str | None) -> str:
    return "：" if is_cjk(language) else ": "


def nest(entries: list[HeadingEntry], href: str) -> list[NavNode]:
    """Headings as a tree by level; a skipped level nests one step, never an empty step."""
    root: list[NavNode] = []
    stack: list[tuple[int, NavNode]] = []
    for entry in entries:
        if not entry.text:
            continue
        node = NavNode(entry.text, f"{href}#{entry.id}")
        while stack and stack[-1][0] >= entry.level:
            stack.pop()
        (stack[-1][1].children if stack else root).append(node)
        stack.append((entry.level, node))
    return root


class _Book:
    """Everything one EPUB needs, gathered before ebooklib packs it."""

    def __init__(self, packet: Packet, context: RenderContext) -> None:
        self.packet = packet
        self.context = context
        self.language = packet.language
        self.images: dict[str, tuple[str, Media]] = {}  # file name → (manifest id, media)
        self.cover_image: str | None = None
        self.chapters: list[Chapter] = []

    # images ------------------------------------------------------------------

    def image_href(self, media: Media) -> str:
        digest = hashlib.sha256(media.data).hexdigest()
        file_name = f"images/{digest[:16]}{media.extension}"
        self.images.setdefault(file_name, (f"img-{digest[:16]}", media))
        return file_name

    def resolver(self, document: Document) -> Any:
        def resolve(figure: Figure) -> str | None:
            media = self.context.media.image(
                figure.src, base_url=document.base_url, referer=document.meta.source_url, where=document.origin
            )
            return None if media is None else self.image_href(media)

        return resolve

    # chapters ----------------------------------------------------------------

    def article(self, document: Document, number: int) -> Chapter:
        language = document.meta.language or self.language
        file_name = f"article-{number:03d}.xhtml"
        writer = chapter_writer(language, self.resolver(document), number)
        body = chapter_body(writer, document)
        title = _title_of(document, number)
        header = f'<header>\n<h1 id="a{number}-title">{xml_text(title)}</h1>\n{self.byline(document, language)}</header>\n'
        # The content document carries the article's own language (a Japanese article in a Chinese packet is ja).
        markup = f'<section epub:type="chapter" role="doc-chapter">\n{header}{body}</section>\n'
        nav = NavNode(title, file_name, nest(writer.headings, file_name))
        return Chapter(file_name, title, language, markup, body_type="bodymatter", nav=nav)

    def byline(self, document: Document, language: str | None) -> str:
        meta = document.meta
        colon = _colon(language)
        lines: list[str] = []
        if meta.authors:
            label = l10n.text("authors" if len(meta.authors) > 1 else "author", language)
            names = l10n.text("list_separator", language).join(meta.authors)
            lines.append(f"{xml_text(label)}{colon}{xml_text(names)}")
        if meta.date:
            lines.append(f"{xml_text(l10n.text('published', language))}{colon}{xml_text(l10n.format_date(meta.date, language))}")
        if meta.source_url:
            href = link_href(meta.source_url)
            shown = xml_text(meta.source_url)
            target = f'<a href="{xml_attribute(href)}">{shown}</a>' if href else shown
            lines.append(f"{xml_text(l10n.text('source', language))}{colon}{target}")
        if not lines:
            return ""
        return '<div class="byline">\n' + "".join(f"<p>{line}</p>\n" for line in lines) + "</div>\n"

    def image_cover(self, document: Document | None) -> Chapter | None:
        """A cover page with the ``--cover`` image, else (one article) the article's own cover image."""
        media = self.context.media.cover()
        url = document.meta.cover_image if document is not None else None
        if media is None and url and document is not None:
            media = self.context.media.image(
                url, base_url=document.base_url, referer=document.meta.source_url, where=document.origin
            )
        if media is None:
            return None
        href = self.image_href(media)
        self.cover_image = href
        title = _title_of(document, 1) if document is not None else self.title()
        body = f'<div class="cover-image"><img src="{xml_attribute(href)}" alt="{xml_attribute(title)}"/></div>\n'
        return Chapter(COVER, l10n.text("cover", self.language), self.language, body, "cover", "cover")

    def text_cover(self) -> Chapter:
        meta = self.packet.meta
        language = self.language
        parts = [f"<h1>{xml_text(meta.title)}</h1>\n"]
        if meta.subtitle:
            parts.append(f'<p class="subtitle">{xml_text(meta.subtitle)}</p>\n')
        if meta.date:
            parts.append(f'<p class="date">{xml_text(l10n.format_date(meta.date, language))}</p>\n')
        if meta.organisation:
            parts.append(f'<p class="organisation">{xml_text(meta.organisation)}</p>\n')
        parts.append(f'<p class="count">{xml_text(l10n.text("articles", language, n=len(self.packet.documents)))}</p>\n')
        if meta.notice:
            parts.append(f'<p class="notice">{xml_text(meta.notice)}</p>\n')
        body = '<section class="title-page" epub:type="titlepage">\n' + "".join(parts) + "</section>\n"
        return Chapter(COVER, meta.title, language, body, "cover", "cover")

    def omitted_page(self) -> Chapter:
        language = self.language
        title = l10n.text("not_included", language)
        colon = xml_text(_colon(language))
        items = "".join(f"<li>{xml_text(o.origin)}{colon}{xml_text(o.reason)}</li>\n" for o in self.packet.omitted)
        body = (
            f'<section class="omitted" epub:type="appendix">\n<h1 id="omitted">{xml_text(title)}</h1>\n'
            f"<p>{xml_text(l10n.text('not_included_intro', language))}</p>\n<ul>\n{items}</ul>\n</section>\n"
        )
        return Chapter(OMITTED, title, language, body, "backmatter", nav=NavNode(title, OMITTED))

    # navigation --------------------------------------------------------------

    def nav_body(self, cover: Chapter | None) -> str:
        label = l10n.text("contents", self.language)
        tree = [c.nav for c in self.chapters if c.nav is not None]
        landmarks = []
        if cover is not None:
            landmarks.append(f'<li><a epub:type="cover" href="{COVER}">{xml_text(l10n.text("cover", self.language))}</a></li>\n')
        if self.shows_contents:  # a landmark may only point into the spine
            landmarks.append(f'<li><a epub:type="toc" href="{NAV}#toc">{xml_text(label)}</a></li>\n')
        first = next(c for c in self.chapters if c.body_type == "bodymatter")
        landmarks.append(f'<li><a epub:type="bodymatter" href="{first.file_name}">{xml_text(first.title)}</a></li>\n')
        return (
            f'<nav epub:type="toc" id="toc" role="doc-toc">\n<h1>{xml_text(label)}</h1>\n{_nav_list(tree)}</nav>\n'
            f'<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<ol>\n{"".join(landmarks)}</ol>\n</nav>\n'
        )

    # assembly ----------------------------------------------------------------

    def build(self) -> bytes:
        packet = self.packet
        if not packet.documents:
            raise RenderError("an EPUB needs at least one article")
        cover: Chapter | None
        if packet.is_single:
            cover = self.image_cover(packet.documents[0])
        else:
            cover = self.image_cover(None) or self.text_cover()
        self.chapters = [self.article(d, n) for n, d in enumerate(packet.documents, start=1)]
        if packet.omitted:
            self.chapters.append(self.omitted_page())
        nav_body = self.nav_body(cover)
        pages = [*([cover] if cover else []), *self.chapters]
        fonts: EmbeddedFonts | None = None
        if self.context.options.embed_fonts:
            shown = [c.body for c in pages] + [nav_body] + [f"<title>{xml_text(c.title)}</title>" for c in pages]
            options = self.context.options
            from docconv.renderers.epub.fonts import embed  # fontTools: only when fonts are embedded

            fonts = embed(shown, self.language, options.font_dirs, self.context.reporter)
        styles = book_styles(self.context.options, self.context.reporter)
        stylesheets: tuple[str, ...] = (STYLESHEET, FONT_STYLESHEET) if fonts else (STYLESHEET,)
        stylesheets += tuple(name for name, _ in styles.sheets)  # the user's come last: they win
        return self.package(cover, nav_body, fonts, stylesheets, styles)

    @property
    def shows_contents(self) -> bool:
        """The navigation document is a page of the book: for packets, unless --no-toc; for one article with --toc."""
        toc = self.context.options.toc
        return not self.packet.is_single if toc is None else toc

    def title(self) -> str:
        if self.packet.is_single:
            return _title_of(self.packet.documents[0], 1)
        return " ".join(self.packet.meta.title.split()) or _title_of(self.packet.documents[0], 1)

    def package(
        self, cover: Chapter | None, nav_body: str, fonts: EmbeddedFonts | None, stylesheets: tuple[str, ...], styles: BookStyles
    ) -> bytes:
        from ebooklib import epub

        book = epub.EpubBook()
        when = modified(self.packet)
        self.metadata(book)

        def item(uid: str, file_name: str, media_type: str, content: bytes, properties: tuple[str, ...] = ()) -> Any:
            entry = epub.EpubItem(uid=uid, file_name=file_name, media_type=media_type, content=content)
            entry.properties = list(properties)
            return book.add_item(entry)

        def document(chapter: Chapter, properties: tuple[str, ...] = ()) -> Any:
            markup = page(
                title=chapter.title,
                language=chapter.language,
                body=chapter.body,
                stylesheets=stylesheets,
                body_type=chapter.body_type,
                body_class=chapter.body_class,
            )
            uid = chapter.file_name.rsplit(".", 1)[0]
            return item(uid, chapter.file_name, "application/xhtml+xml", markup.encode("utf-8"), properties)

        _add_styles(item, fonts, styles)
        for file_name, (uid, media) in sorted(self.images.items()):
            properties = ("cover-image",) if file_name == self.cover_image else ()
            item(uid, file_name, media.media_type, media.data, properties)
        if self.cover_image is not None:
            uid = self.images[self.cover_image][0]
            book.add_metadata(None, "meta", "", {"name": "cover", "content": uid})
        nav_chapter = Chapter(NAV, l10n.text("contents", self.language), self.language, nav_body, body_class="nav")
        nav_item = document(nav_chapter, ("nav",))
        book.add_item(epub.EpubNcx())
        spine: list[Any] = []
        if cover is not None:
            spine.append(document(cover))
        if self.shows_contents:
            spine.append(nav_item)  # a briefing packet shows its contents page after the cover
        spine += [document(chapter) for chapter in self.chapters]
        book.spine = spine
        book.toc = _ncx_toc([c.nav for c in self.chapters if c.nav is not None])
        output = io.BytesIO()
        # ebooklib writes dcterms:modified as mtime.strftime(...Z): ``when`` is already UTC.
        writer = epub.EpubWriter(output, book, {"mtime": when, "raise_exceptions": True, "epub3_pages": False})
        try:
            writer.process()
            writer.write()
        except (DocconvError, RecursionError, MemoryError):  # limits keep their exit code (guard.stage)
            raise
        except Exception as error:  # ebooklib raises bare exceptions; never hand back a partial book
            raise RenderError(f"EPUB packaging failed: {error}") from error
        finally:
            _close_unfinished(writer)
        return rezip(output.getvalue(), when)

    def metadata(self, book: Any) -> None:
        from ebooklib.epub import NAMESPACES

        packet = self.packet
        documents = packet.documents
        book.set_identifier(identifier(packet))
        book.set_title(self.title())
        book.set_language(self.language)
        # ebooklib's generator meta carries its version; ours keeps the output tied to docconv only.
        book.metadata[NAMESPACES["OPF"]]["generator"] = [("", {"name": "generator", "content": "docconv"})]
        authors: list[str] = []
        for document in documents:
            authors += [a for a in document.meta.authors if a.strip() and a not in authors]
        for number, author in enumerate(authors, start=1):
            book.add_author(author, uid=f"creator{number}")
        if packet.meta.organisation:
            book.add_metadata("DC", "publisher", packet.meta.organisation)
        date = publication_date(packet)
        if date is not None:
            book.add_metadata("DC", "date", iso_date(date))
        subjects: list[str] = []
        for document in documents:
            subjects += [c for c in document.meta.categories if c.strip() and c not in subjects]
        for subject in subjects:
            book.add_metadata("DC", "subject", subject)
        for document in documents:
            if document.meta.source_url:
                book.add_metadata("DC", "source", document.meta.source_url)
        description = packet.meta.subtitle if not packet.is_single else (documents[0].meta.description or "")
        if description.strip():
            book.add_metadata("DC", "description", " ".join(description.split()))


def _add_styles(item: Any, fonts: EmbeddedFonts | None, styles: BookStyles) -> None:
    """The theme's stylesheet, the embedded fonts' and the user's, with the files they load."""
    item("css", STYLESHEET, "text/css", styles.theme)
    if fonts is not None:
        item("css-fonts", FONT_STYLESHEET, "text/css", fonts.css.encode("utf-8"))
        for number, font in enumerate(fonts.items, start=1):
            item(f"font-{number}", font.file_name, font.media_type, font.data)
    for number, (file_name, css) in enumerate(styles.sheets, start=1):
        item(f"css-user-{number}", file_name, "text/css", css)
    for file_name, (media_type, data) in sorted(styles.packed.items()):
        item("css-" + file_name.rsplit("/", 1)[-1].replace(".", "-"), file_name, media_type, data)


def _nav_list(nodes: list[NavNode]) -> str:
    if not nodes:
        return ""
    items = []
    for node in nodes:
        inner = _nav_list(node.children)
        items.append(f'<li><a href="{xml_attribute(node.href)}">{xml_text(node.title)}</a>{inner}</li>\n')
    return "<ol>\n" + "".join(items) + "</ol>\n"


def _ncx_toc(nodes: list[NavNode]) -> list[Any]:
    from ebooklib import epub

    counter = iter(range(1, 1_000_000))

    def convert(node: NavNode) -> Any:
        link = epub.Link(node.href, node.title, f"navpoint-{next(counter)}")
        if node.children:
            return (link, [convert(child) for child in node.children])
        return link

    return [convert(node) for node in nodes]


def render_epub(packet: Packet, context: RenderContext) -> bytes:
    """The packet as an EPUB 3 book: one chapter per article, navigation, cover and styles."""
    return _Book(packet, context).build()


def _close_unfinished(writer: Any) -> None:
    """Close the zip ebooklib was writing when it stopped half-way (an error, Ctrl-C, a timeout).

    Left open, the zip is closed by its finalizer at interpreter exit, after its buffer is gone,
    and Python prints that failure as a traceback under docconv's one-line error.
    """
    archive = getattr(writer, "out", None)
    if archive is not None and getattr(archive, "fp", None) is not None:
        with contextlib.suppress(Exception):
            archive.close()
