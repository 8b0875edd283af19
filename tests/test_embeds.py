"""Embedded video players become a link to the video; other embeds (ads, maps) and unsafe addresses leave nothing."""

from __future__ import annotations

import pytest

import docconv
from docconv.diagnostics import Reporter
from docconv.model import Document, Link, Paragraph, plain_text
from docconv.sources import Source


def read(html: str, base: str | None = "https://news.example.cn/2024/a.html") -> tuple[Document, list[str]]:
    reporter = Reporter()
    document = docconv.read(Source(f"<p>正文第一段。</p>{html}<p>正文最后一段。</p>", "<test>", base), reporter=reporter)
    return document, [d.code for d in reporter.diagnostics]


def links(document: Document) -> list[tuple[str, str]]:
    return [
        (plain_text(item.children), item.url)
        for block in document.blocks
        if isinstance(block, Paragraph)
        for item in block.children
        if isinstance(item, Link)
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<figure class="wp-block-embed"><div><iframe title="The 1996 flood" src="https://www.youtube.com/embed/abc123XY"'
            " allowfullscreen></iframe></div><figcaption>Archive footage.</figcaption></figure>",
            [("▶ The 1996 flood", "https://www.youtube.com/watch?v=abc123XY")],
        ),
        (
            '<p><iframe src="//player.bilibili.com/player.html?bvid=BV1xx411c7mD&amp;page=1" allowfullscreen></iframe></p>',
            [("▶ https://www.bilibili.com/video/BV1xx411c7mD", "https://www.bilibili.com/video/BV1xx411c7mD")],
        ),
        (
            '<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" title="Night ferry"></iframe>',
            [("▶ Night ferry", "https://vimeo.com/76979871")],
        ),
        (
            '<video controls poster="p.jpg"><source src="/media/2024/flood.mp4" type="video/mp4">不支持视频播放</video>',
            [("▶ https://news.example.cn/media/2024/flood.mp4", "https://news.example.cn/media/2024/flood.mp4")],
        ),
    ],
)
def test_video_players_become_links_to_the_video(html: str, expected: list[tuple[str, str]]) -> None:
    document, _ = read(html)
    assert links(document) == expected
    texts = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "正文第一段。" and texts[-1] == "正文最后一段。"
    assert not any("不支持视频播放" in t for t in texts)  # a <video>'s fallback text is not the article's


def test_caption_of_an_embedded_video_follows_its_link() -> None:
    document, _ = read(
        '<figure><iframe title="t" src="https://www.youtube.com/embed/abc123XY"></iframe><figcaption>Archive footage.</figcaption></figure>'
    )
    texts = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert texts[1:3] == ["▶ t", "Archive footage."]


@pytest.mark.parametrize(
    "html",
    [
        '<iframe src="https://ad.example.cn/slot/970x90" width="970" height="90"></iframe>',
        '<iframe src="https://www.google.com/maps/embed?pb=!1m18" allowfullscreen></iframe>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe src="https://www.youtube.com/embed/abc123XY" style="display:none"></iframe>',
    ],
)
def test_other_embeds_leave_nothing(html: str) -> None:
    document, _ = read(html)
    assert links(document) == []
    assert len(document.blocks) == 2


def test_a_video_with_an_unsafe_address_is_dropped_with_a_warning() -> None:
    document, codes = read('<video src="javascript:alert(1)"></video>')
    assert links(document) == [] and "unsafe-link-dropped" in codes


def test_video_link_in_markdown_is_a_plain_link() -> None:
    document, _ = read('<iframe title="视频：江豚出水" src="https://www.youtube.com/embed/abc123XY"></iframe>')
    markdown = docconv.render(document, "markdown").data.decode("utf-8")
    assert "[▶ 视频：江豚出水](https://www.youtube.com/watch?v=abc123XY)" in markdown
    assert "<iframe" not in markdown
