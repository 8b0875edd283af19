"""EPUB renderer: every book passes EPUBCheck (0 fatals/errors/warnings), with right metadata,
nested navigation, images embedded or replaced by their description, reproducible bytes, and
subset fonts that cover the text."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

import docconv
from docconv.diagnostics import Reporter
from docconv.errors import RenderError
from docconv.model import Document, Metadata, Omission, Packet, PacketMeta, Paragraph, Text, plain_text
from docconv.model import Heading as HeadingNode
from docconv.options import Options
from docconv.renderers.base import RenderContext
from tests.conftest_epub import (
    EN,
    HANT,
    JA,
    NS,
    XML_LANG,
    Epub,
    data_url,
    every_node_document,
    image_bytes,
    image_server,
)
from tests.epubcheck_helpers import Verdict, check_books

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "post_guancha_shanghai_soft_power.txt"
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z
PNG = image_bytes("PNG")
JPEG = image_bytes("JPEG", (64, 48), (30, 120, 200))
GIF = image_bytes("GIF", (20, 20), (0, 0, 0))
FIXTURES = sorted(p for p in (ROOT / "fixtures").iterdir() if p.is_file() and p.suffix in (".html", ".md", ".txt"))


@dataclasses.dataclass
class Rendered:
    data: bytes
    reporter: Reporter
    document: Document | Packet

    @property
    def epub(self) -> Epub:
        return Epub(self.data)

    @property
    def codes(self) -> list[str]:
        return [d.code for d in self.reporter.diagnostics]


def render(subject: Document | Packet, **options: object) -> Rendered:
    reporter = Reporter()
    context = RenderContext(docconv.make_options(Options(offline=True), **options), reporter)
    return Rendered(docconv.render(subject, "epub", context=context).data, reporter, subject)


def read(source: str | Path, **options: object) -> Document:
    return docconv.read(source, docconv.make_options(Options(offline=True), **options))


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Rendered]]:
    """Every book the tests look at, rendered once with SOURCE_DATE_EPOCH set."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        sample = read(SAMPLE)
        hant, en = read(HANT), read(EN)
        ja = read(JA)
        built: dict[str, Rendered] = {
            "sample": render(sample),
            "sample-fonts": render(sample, embed_fonts=True),
            "hant": render(hant),
            "ja": render(ja),
            "en": render(en),
            "every-node-lost-images": render(every_node_document("https://images.example.invalid/x.png")),
            "every-node-data-images": render(every_node_document(data_url(PNG, "image/png"), cover=data_url(JPEG, "image/jpeg"))),
            "hant-fonts": render(hant, embed_fonts=True),
        }
        # The sample with every image reachable, served from 127.0.0.1 with a lying content type.
        text = SAMPLE.read_text(encoding="utf-8")
        urls = sorted(set(re.findall(r"https://i\.guancha\.cn/[^\s'\"]+", text)))
        served = {f"/img{n}": ((PNG, JPEG, GIF)[n % 3], "application/octet-stream") for n in range(len(urls))}
        with image_server(served) as server:
            for n, url in enumerate(urls):
                text = text.replace(url, f"{server.base}/img{n}")
            reachable = docconv.read(text, docconv.make_options(allow_private_network=True))
            reporter = Reporter()
            context = RenderContext(docconv.make_options(allow_private_network=True), reporter)
            built["sample-images"] = Rendered(docconv.render(reachable, "epub", context=context).data, reporter, reachable)
        packet = docconv.bind(
            [sample, hant, ja, en],
            {
                "title": "今日简报",
                "subtitle": "上海与各地新闻",
                "date": datetime(2024, 6, 1, tzinfo=UTC),
                "organisation": "研究室",
                "notice": "内部资料",
            },
        )
        packet = dataclasses.replace(packet, omitted=(Omission(origin="missing.html", reason="文件不存在"),))
        built["packet"] = render(packet)
        built["packet-fonts"] = render(packet, embed_fonts=True)
        fixtures = [read(path) for path in FIXTURES]
        for path, document in zip(FIXTURES, fixtures):
            built[f"fixture-{path.stem}"] = render(document)
        built["fixture-packet"] = render(docconv.bind(fixtures, {"title": "Every fixture"}))
    yield built


@pytest.fixture(scope="module")
def verdicts(books: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Verdict]:
    folder = tmp_path_factory.mktemp("epubcheck")
    paths = {}
    for name, book in books.items():
        paths[name] = folder / f"{name}.epub"
        paths[name].write_bytes(book.data)
    return check_books(paths, folder)


BOOK_NAMES = [
    "sample",
    "sample-fonts",
    "sample-images",
    "hant",
    "ja",
    "en",
    "every-node-lost-images",
    "every-node-data-images",
    "hant-fonts",
    "packet",
    "packet-fonts",
    *(f"fixture-{path.stem}" for path in FIXTURES),
    "fixture-packet",
]


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_epubcheck_finds_nothing(name: str, verdicts: dict[str, Verdict]) -> None:
    assert verdicts[name].clean, str(verdicts[name])


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_every_content_document_is_xml_with_matching_lang(name: str, books: dict[str, Rendered]) -> None:
    epub = books[name].epub
    language = epub.dc("language")[0]
    for href in epub.documents():
        root = epub.xml(href)
        assert root.get("lang") == root.get(XML_LANG)
        if "packet" not in name:  # a packet's articles keep their own languages
            assert root.get("lang") == language
        for element in root.iter():
            if element.get("lang") is not None or element.get(XML_LANG) is not None:
                assert element.get("lang") == element.get(XML_LANG)


@pytest.mark.parametrize("name", BOOK_NAMES)
def test_zip_layout_is_what_readers_expect(name: str, books: dict[str, Rendered]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(books[name].data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED and not first.extra
    assert archive.read("mimetype") == b"application/epub+zip"
    assert books[name].data[30:38] == b"mimetype"  # the first local header, no extra field
    assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


# ------------------------------------------------------------------- metadata


def test_sample_metadata(books: dict[str, Rendered]) -> None:
    epub = books["sample"].epub
    assert epub.dc("title") == ["厚植城市精神，彰显城市品格，全面提升上海城市软实力！市委全会通过这份重磅文件"]
    assert epub.dc("language") == ["zh-Hans"]
    assert epub.dc("date") == ["2021-06-22"]
    assert epub.dc("creator") == ["观察者网"]
    assert epub.dc("subject") == ["新媒体", "观察者网", "首页"]
    assert epub.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    (identifier,) = epub.dc("identifier")
    assert epub.opf.get("unique-identifier") == epub.opf.find("opf:metadata/dc:identifier", NS).get("id")
    assert uuid.UUID(identifier.removeprefix("urn:uuid:")).version == 5


def test_identifier_comes_from_the_source_url(books: dict[str, Rendered]) -> None:
    (identifier,) = books["hant"].epub.dc("identifier")
    assert identifier == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'https://news.example.org/tw/2024/03/mrt')}"
    assert books["hant"].epub.dc("source") == ["https://news.example.org/tw/2024/03/mrt"]


def test_english_metadata_and_description(books: dict[str, Rendered]) -> None:
    epub = books["en"].epub
    assert epub.dc("language") == ["en"]
    assert epub.dc("creator") == ["Jane Doe", "John Roe"]
    assert epub.dc("description") == ["A quick guide to the budget & what it means."]
    assert epub.dc("date") == ["2024-05-02"]
    assert epub.dc("source") == ["https://example.org/news/budget-2024?ref=rss&x=1"]


def test_modified_falls_back_to_the_article_date_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    epub = render(read(HANT)).epub
    assert epub.meta("dcterms:modified") == ["2024-03-01T01:30:00Z"]  # 09:30 in Taipei
    assert epub.dc("date") == ["2024-03-01"]


def test_identifier_is_stable_and_content_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = render(read(SAMPLE)).epub.dc("identifier")
    again = render(read(SAMPLE)).epub.dc("identifier")
    other = render(read(HANT.replace("四分鐘", "五分鐘").replace("source: https://news.example.org/tw/2024/03/mrt\n", ""))).epub
    assert first == again
    assert other.dc("identifier") != first


# ------------------------------------------------------------------- navigation


def _nav_tree(ol: object) -> list[tuple[str, list]]:
    tree = []
    for li in ol.findall("x:li", NS):  # type: ignore[attr-defined]
        link = li.find("x:a", NS)
        child = li.find("x:ol", NS)
        tree.append(("".join(link.itertext()), _nav_tree(child) if child is not None else []))
    return tree


def _headings(document: Document) -> list[str]:
    return [" ".join(plain_text(b.children).split()) for b in document.blocks if isinstance(b, HeadingNode)]


def test_sample_nav_lists_the_title_and_every_heading(books: dict[str, Rendered]) -> None:
    book = books["sample"]
    nav = book.epub.nav()
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    tree = _nav_tree(toc.find("x:ol", NS))
    assert len(tree) == 1
    title, children = tree[0]
    assert title == book.document.meta.title  # type: ignore[union-attr]
    headings = _headings(book.document)  # type: ignore[arg-type]
    assert len(headings) >= 10
    assert [c[0] for c in children] == headings
    assert nav.find(".//x:nav[@epub:type='landmarks']", NS) is not None
    ncx = book.epub.xml("toc.ncx")
    labels = [t.text for t in ncx.findall(".//ncx:navPoint/ncx:navLabel/ncx:text", NS)]
    assert labels == [title, *headings]


def test_nav_nests_headings_by_level(books: dict[str, Rendered]) -> None:
    tree = _nav_tree(books["en"].epub.nav().find(".//x:nav[@epub:type='toc']/x:ol", NS))
    assert tree == [("Five things to know about the city's new budget", [("Spending", [("Footnotes", [])])])]
    every = _nav_tree(books["every-node-lost-images"].epub.nav().find(".//x:nav[@epub:type='toc']/x:ol", NS))
    (_, children) = every[0]
    # h2 > h5 (skipped levels nest one step); the empty h3 is left out; the h4 in the quote follows
    assert children == [("Inline forms", [("Skipped levels", []), ("Heading in a quote", [])])]


def test_nav_targets_exist(books: dict[str, Rendered]) -> None:
    for name in ("sample", "packet", "every-node-data-images"):
        epub = books[name].epub
        for link in epub.nav().iter("{http://www.w3.org/1999/xhtml}a"):
            href = link.get("href")
            document = epub.xml(href)
            if "#" in href:
                assert document.xpath("//*[@id=$id]", id=href.split("#")[1]), href


# ------------------------------------------------------------------- images


def test_lost_images_leave_no_trace_but_their_description(books: dict[str, Rendered]) -> None:
    book = books["every-node-lost-images"]
    epub = book.epub
    assert not epub.item(**{"media-type": "image/png"})
    assert not any(i.get("media-type", "").startswith("image/") for i in epub.manifest())
    for href in epub.documents():
        assert b"<img" not in epub.read(href)
    text = epub.text()
    assert "[Image: A red box]" in text and "[Image: Only a caption]" in text and "[Image]" in text
    assert "image-offline" in book.codes


def test_sample_without_images_has_chinese_placeholders_and_no_cover(books: dict[str, Rendered]) -> None:
    epub = books["sample"].epub
    assert "[图片]" in epub.text()
    assert "Image" not in epub.text()
    assert not epub.item(properties="cover-image")
    assert epub.spine() == ["article-001.xhtml"]


def test_reachable_images_are_embedded_with_sniffed_types(books: dict[str, Rendered]) -> None:
    epub = books["sample-images"].epub
    images = [i for i in epub.manifest() if i.get("media-type", "").startswith("image/")]
    assert {i.get("media-type") for i in images} == {"image/png", "image/jpeg", "image/gif"}
    magic = {"image/png": b"\x89PNG", "image/jpeg": b"\xff\xd8", "image/gif": b"GIF8"}
    for image in images:
        assert epub.read(image.get("href")).startswith(magic[image.get("media-type")])
        assert re.fullmatch(r"images/[0-9a-f]{16}\.(png|jpg|gif)", image.get("href"))
    (cover,) = epub.item(properties="cover-image")
    assert epub.spine()[0] == "cover.xhtml"
    assert cover.get("href").encode() in epub.read("cover.xhtml")
    referenced = set()
    for href in epub.documents():
        referenced |= set(epub.xml(href).xpath("//x:img/@src", namespaces=NS))
    assert referenced == {i.get("href") for i in images}
    assert not [d for d in books["sample-images"].reporter.diagnostics if d.code.startswith("image-")]


def test_data_url_images_and_cover(books: dict[str, Rendered]) -> None:
    epub = books["every-node-data-images"].epub
    (cover,) = epub.item(properties="cover-image")
    assert cover.get("media-type") == "image/jpeg"
    assert epub.spine()[0] == "cover.xhtml"
    assert len(epub.item(**{"media-type": "image/png"})) == 1  # the same image twice is stored once
    article = epub.xml("article-001.xhtml")
    alts = article.xpath("//x:img/@alt", namespaces=NS)
    assert alts == ["A red box", ""]
    assert article.xpath("//x:figcaption/text()", namespaces=NS)[0] == "The caption"


# ------------------------------------------------------------------- content


def test_every_node_renders(books: dict[str, Rendered]) -> None:
    epub = books["every-node-lost-images"].epub
    article = epub.xml("article-001.xhtml")

    def count(path: str) -> int:
        return len(article.xpath(path, namespaces=NS))

    assert count("//x:em") >= 1 and count("//x:strong") == 1 and count("//x:code") >= 2
    assert count("//x:sup") == 1 and count("//x:sub") == 1 and count("//x:br") == 1
    assert count("//x:a//x:a") == 0  # nested links are flattened
    assert article.xpath("//x:a[text()='mail']/@href", namespaces=NS) == ["mailto:someone@example.org"]
    assert article.xpath("//x:span/@lang", namespaces=NS) == ["zh-Hans"]
    assert article.xpath("//x:p[@lang]/@lang", namespaces=NS) == ["de"]
    assert article.xpath("//x:ol/@start", namespaces=NS) == ["7"]
    assert count("//x:blockquote/x:h4") == 1
    assert article.xpath("//x:table/x:caption/text()", namespaces=NS) == ["A table"]
    assert count("//x:th[@class='align-left']") == 1 and count("//x:td[@class='align-right']") == 1
    assert count("//x:pre/x:code") == 2 and count("//x:hr") == 1
    assert "after a break with a control character ." in epub.text()
    assert "An empty table" in epub.text()
    source = article.xpath("//x:div[@class='byline']//x:a/@href", namespaces=NS)
    assert source == ["https://example.org/every%20node?q=%E4%B8%AD%E6%96%87"]


def test_traditional_and_japanese_use_their_own_labels(books: dict[str, Rendered]) -> None:
    hant = books["hant"].epub
    assert hant.dc("language") == ["zh-Hant"]
    assert "來源：" in hant.text() and "發佈時間：2024年3月1日" in hant.text()
    ja = books["ja"].epub
    assert ja.dc("language") == ["ja"]
    assert "[画像：満開の桜]" in ja.text()
    assert ja.nav().find(".//x:h1", NS).text == "目次"
    span = ja.xml("article-001.xhtml").xpath("//x:span[@lang='en']", namespaces=NS)
    assert span and span[0].text == "Cherry blossoms"


def test_stylesheet_is_linked_from_every_document(books: dict[str, Rendered]) -> None:
    epub = books["hant"].epub
    (css,) = epub.item(**{"media-type": "text/css"})
    stylesheet = epub.read(css.get("href")).decode()
    assert "text-indent: 2em" in stylesheet and "Noto Serif CJK TC" in stylesheet and "Noto Serif CJK JP" in stylesheet
    for href in epub.documents():
        assert epub.xml(href).xpath("//x:link[@rel='stylesheet']/@href", namespaces=NS) == [css.get("href")]


# ------------------------------------------------------------------- packets


def test_packet_has_one_chapter_per_article_cover_contents_and_omissions(books: dict[str, Rendered]) -> None:
    epub = books["packet"].epub
    spine = epub.spine()
    assert spine[:2] == ["cover.xhtml", "nav.xhtml"]
    assert spine[2:6] == [f"article-{n:03d}.xhtml" for n in range(1, 5)]
    assert spine[6] == "omitted.xhtml"
    cover = "".join(epub.xml("cover.xhtml").itertext())
    for expected in ("今日简报", "上海与各地新闻", "2024年6月1日", "研究室", "内部资料", "共 4 篇文章"):
        assert expected in cover
    assert not epub.opf.xpath("//opf:item[contains(@media-type, 'image')]", namespaces=NS)  # a text cover
    omitted = "".join(epub.xml("omitted.xhtml").itertext())
    assert "未收录的文章" in omitted and "missing.html" in omitted and "文件不存在" in omitted
    assert epub.dc("title") == ["今日简报"]
    assert epub.dc("language") == ["zh-Hans"]
    assert epub.dc("date") == ["2024-06-01"]
    assert epub.dc("publisher") == ["研究室"]
    assert "記者 王小明" in epub.dc("creator") and "观察者网" in epub.dc("creator")


def test_packet_nav_is_nested_packet_article_headings(books: dict[str, Rendered]) -> None:
    book = books["packet"]
    toc = book.epub.nav().find(".//x:nav[@epub:type='toc']", NS)
    tree = _nav_tree(toc.find("x:ol", NS))
    packet = book.document
    assert isinstance(packet, Packet)
    titles = [d.meta.title for d in packet.documents] + ["未收录的文章"]
    assert [t for t, _ in tree] == titles
    assert [c[0] for c in tree[0][1]] == _headings(packet.documents[0])
    assert tree[1][1] == [("通車首日", [("乘客反應", [])]), ("後續規劃", [])]
    # the Japanese and English chapters keep their own language inside a Chinese packet
    assert book.epub.xml("article-003.xhtml").get("lang") == "ja"
    assert book.epub.xml("article-002.xhtml").get("lang") == "zh-Hant"


def test_no_english_in_a_chinese_packet(books: dict[str, Rendered]) -> None:
    epub = books["packet"].epub
    for href in ("cover.xhtml", "nav.xhtml", "omitted.xhtml", "article-001.xhtml"):
        text = "".join(epub.xml(href).itertext())
        assert not re.search(r"\b(Contents|Cover|Guide|Source|Author|Published|Image|Pages)\b", text), href


# ------------------------------------------------------------------- fonts


@pytest.mark.parametrize(("name", "plain"), [("sample-fonts", "sample"), ("hant-fonts", "hant"), ("packet-fonts", "packet")])
def test_embedded_fonts_cover_every_character(name: str, plain: str, books: dict[str, Rendered]) -> None:
    book = books[name]
    if "font-embed-failed" in book.codes:
        pytest.skip("no CJK font on this machine")
    assert "font-embed-incomplete" not in book.codes
    epub = book.epub
    fonts = [i for i in epub.manifest() if i.get("media-type", "").startswith("font/")]
    assert len(fonts) == 2  # body (regular) and heading (bold)
    cmaps = [TTFont(io.BytesIO(epub.read(f.get("href")))).getBestCmap() for f in fonts]
    body_cmap = max(cmaps, key=len)
    heading_cmap = min(cmaps, key=len)
    shown = {c for c in epub.text() if not c.isspace()}
    assert sorted(c for c in shown if ord(c) not in body_cmap) == []
    assert len(body_cmap) < len(shown) + 10  # subset to the text, not the whole face
    headings = set()
    for href in epub.documents():
        for heading in epub.xml(href).xpath("//x:h1|//x:h2|//x:h3|//x:h4|//x:h5|//x:h6", namespaces=NS):
            headings |= {c for c in "".join(heading.itertext()) if not c.isspace()}
    assert headings and sorted(c for c in headings if ord(c) not in heading_cmap) == []
    growth = len(book.data) - len(books[plain].data)
    assert 0 < growth < 3 * 1024 * 1024
    css = [i.get("href") for i in epub.item(**{"media-type": "text/css"})]
    assert len(css) == 2
    stylesheet = epub.read(css[1]).decode()
    for font in fonts:
        assert font.get("href") in stylesheet
    for href in epub.documents():
        assert epub.xml(href).xpath("//x:link[@rel='stylesheet']/@href", namespaces=NS) == css


def test_english_book_with_chinese_quotes_embeds_a_cjk_face(monkeypatch: pytest.MonkeyPatch) -> None:
    document = Document(
        meta=Metadata(title="On 软实力", language="en"),
        blocks=(Paragraph(children=(Text(text="The phrase 城市精神 means city spirit."),)),),
    )
    book = render(document, embed_fonts=True)
    if "font-embed-failed" in book.codes:
        pytest.skip("no CJK font on this machine")
    epub = book.epub
    font = max(
        (i for i in epub.manifest() if i.get("media-type", "").startswith("font/")), key=lambda i: len(epub.read(i.get("href")))
    )
    cmap = TTFont(io.BytesIO(epub.read(font.get("href")))).getBestCmap()
    assert all(ord(c) in cmap for c in "城市精神软实力The")


# ------------------------------------------------------------------- reproducibility and failure


def test_two_renders_are_byte_identical(monkeypatch: pytest.MonkeyPatch, books: dict[str, Rendered]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    document = read(SAMPLE)
    assert render(document).data == render(document).data == books["sample"].data
    assert render(document, embed_fonts=True).data == books["sample-fonts"].data
    packet = docconv.bind([document, read(EN)], {"title": "Briefing"})
    assert render(packet).data == render(packet).data


def test_epub_without_articles_raises_render_error() -> None:
    with pytest.raises(RenderError):
        render(Packet(meta=PacketMeta(title="empty"), documents=(), is_single=False))


def test_a_document_without_title_or_blocks_still_makes_a_valid_structure() -> None:
    document = Document(meta=Metadata(language="zh-Hans"), blocks=(Paragraph(children=(Text(text="只有一句话。"),)),))
    epub = render(document).epub
    assert epub.dc("title") == ["只有一句话。"]
    assert "只有一句话。" in epub.text()


def test_convert_writes_the_epub_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    target = tmp_path / "out.epub"
    result = docconv.convert(str(SAMPLE), target, offline=True)
    assert target.read_bytes() == result.data
    assert result.media_type == "application/epub+zip"
    assert result.data == render(read(SAMPLE)).data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.epub"]
    assert os.environ["SOURCE_DATE_EPOCH"] == EPOCH
