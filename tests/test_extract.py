"""Boilerplate extraction: full pages lose their furniture and keep their structure; posts and fragments are untouched."""

from __future__ import annotations

import re

import pytest

import docconv
from docconv.diagnostics import Reporter
from docconv.errors import InputError
from docconv.model import (
    Document,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    block_text,
    comparable,
    document_text,
    plain_text,
)
from docconv.options import Options
from docconv.tree import figures, walk_blocks
from tests.goldens import FIXTURES

FULL_PAGES = {
    # page: (the article's own paragraphs as written, furniture that must not leak)
    "page_full_news_with_boilerplate.html": (
        "article-content",
        ("客户端下载", "相关新闻", "江边的风", "24小时热榜", "春季理财节", "扫码关注", "版权所有"),
    ),
    "page_full_en_blog_with_comments.html": (
        "entry-content",
        ("Skip to content", "Leave a Reply", "Recent Posts", "Share this", "Previous:"),
    ),
}


def read(source: object, **options: object) -> tuple[Document, Reporter]:
    reporter = Reporter()
    return docconv.read(source, reporter=reporter, **options), reporter  # type: ignore[arg-type]


def article_paragraphs(name: str, container: str) -> list[str]:
    """The <p> texts inside the page's real article element, read with a plain regex, not with docconv."""
    html = (FIXTURES / name).read_text(encoding="utf-8")
    start = html.index(f'class="{container}')
    body = html[start : html.index("</div>\n", html.index("</p>", start) + 4) if container == "entry-content" else len(html)]
    if container == "article-content":
        body = html[start : html.index('<div class="share-bar">')]
    texts = [re.sub(r"<[^>]+>", "", m[1]) for m in re.findall(r"<(p|h2)(?:\s[^>]*)?>(.*?)</\1>", body, re.S)]
    return [" ".join(t.split()) for t in texts if t.strip()]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", sorted(FULL_PAGES))
def test_full_page_keeps_every_article_paragraph_and_no_furniture(name: str) -> None:
    container, furniture = FULL_PAGES[name]
    document, reporter = read(FIXTURES / name)
    text = squash(document_text(document))
    expected = article_paragraphs(name, container)
    assert expected
    missing = [p for p in expected if squash(p) not in text]
    assert not missing
    for item in furniture:
        assert squash(item) not in text
    assert any(d.code == "extracted" for d in reporter.diagnostics)


@pytest.mark.parametrize("name", sorted(FULL_PAGES))
def test_extraction_precision(name: str) -> None:
    """Every character of the extracted body belongs to the article (precision 1.0 on these pages)."""
    container, _ = FULL_PAGES[name]
    document, _ = read(FIXTURES / name)
    article = squash("".join(article_paragraphs(name, container)))
    blocks = [squash(t) for t in document_text(document).split("\n") if t.strip()]
    foreign = [b for b in blocks if b not in article]
    extracted = sum(map(len, blocks))
    precision = 1 - sum(map(len, foreign)) / extracted
    assert precision == 1.0, foreign


def test_full_page_figure_and_caption_paragraph_survive_extraction() -> None:
    document, _ = read(FIXTURES / "page_full_news_with_boilerplate.html")
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [f.src for f in figures] == ["https://img.binjiang.example.cn/2024/03/15/jiangtun_lead.jpg"]
    assert figures[0].caption.startswith("图为3月12日")
    assert not any("ad.example.cn" in f.src for f in figures)


def test_extract_false_forbids_and_keeps_the_page_body() -> None:
    document, reporter = read(FIXTURES / "page_full_en_blog_with_comments.html", extract=False)
    assert not any(d.code == "extracted" for d in reporter.diagnostics)
    assert "Leave a Reply" in document_text(document)  # the comments inside <main> are no longer pruned


def test_extract_true_forces_extraction_on_a_plain_article() -> None:
    _, reporter = read(FIXTURES / "article_with_table.html", extract=True)
    assert any(d.code == "extracted" for d in reporter.diagnostics)


@pytest.mark.parametrize(
    "name",
    ["fragment_with_lists.html", "fragment_korean.html", "post_jekyll_html_body.html", "post_guancha_shanghai_soft_power.txt"],
)
def test_posts_and_fragments_are_not_extracted(name: str) -> None:
    _, reporter = read(FIXTURES / name)
    assert not any(d.code.startswith("extract") for d in reporter.diagnostics)


@pytest.mark.parametrize("name", ["article_with_table.html", "page_declared_gb2312_really_utf8.html"])
def test_a_page_that_is_only_its_article_loses_nothing_to_extraction(name: str) -> None:
    extracted, reporter = read(FIXTURES / name, extract=True)
    assert any(d.code == "extracted" for d in reporter.diagnostics)
    whole, _ = read(FIXTURES / name, extract=False)
    assert document_text(extracted) == document_text(whole)
    assert extracted.blocks == whole.blocks


def test_furniture_inside_the_article_container_goes_without_region_choice() -> None:
    """The widget rules work on the blocks, so they hold when the whole body is read too (the
    list of other stories is checked in the corpus, where the region ends with it)."""
    document, _ = read(FIXTURES / "page_en_story_tail_sources.html", extract=False)
    text = document_text(document)
    for furniture in ("Add to Facebook", "Print this article", "Tue, July 2, 2024", "Previous story", "Next story"):
        assert furniture not in text
    assert "European Environment Agency" in text and "City water readings" in text  # sources lead to many sites


def test_a_related_list_with_counters_and_polls_ends_no_article() -> None:
    page = """<html><head><title>t</title></head><body><div class="content">
    <p>第一段正文，讲述了一件事情的经过，内容比较长，足以构成文章的正文部分。</p>
    <p>第二段正文，继续讲述这件事情的影响，以及各方的反应和后续的安排。</p>
    <p>相关文章</p>
    <ul><li>·<a href="https://news.portal.example.cn/a.html">其他新闻标题一</a></li>
    <li>·<a href="https://news.portal.example.cn/b.html">其他新闻标题二</a></li></ul>
    <h3>·最新评论·</h3><p>最新人气投票TOP 5</p>
    <ol><li><a href="https://vote.portal.example.cn/1">你觉得此专题如何？</a> 98 票</li>
    <li><a href="https://vote.portal.example.cn/2">你认为本专题如何？</a> 1394 票</li></ol>
    <p>共 条评论 全部评论</p></div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    text = document_text(document)
    assert "继续讲述这件事情的影响" in text
    for furniture in ("相关文章", "其他新闻标题", "最新评论", "人气投票", "98 票", "全部评论"):
        assert furniture not in text


ARTICLE_PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the report tells how the harbour authority rebuilt the old pier, what it cost, "
    f"and why the fishermen who use it every morning were asked before the work began.</p>"
    for n in range(1, 7)
)


def _whole_report(text: str) -> bool:
    """Whether ``text`` holds the first and the last of ``ARTICLE_PARAGRAPHS``."""
    return "Paragraph 1 of the report" in text and "Paragraph 6 of the report" in text


def test_an_inline_place_dateline_opens_the_first_paragraph() -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <div class="entry"><p><span class="dateline">KOBE – </span>The harbour reopened its pier on Monday after two years.</p>
    {ARTICLE_PARAGRAPHS}</div><footer>© 2024 Harbour News</footer></body></html>"""
    document, _ = read(page.encode("utf-8"))
    assert document_text(document).startswith("KOBE – The harbour reopened its pier")


def test_a_pop_up_layer_is_never_the_article() -> None:
    popups = "".join(
        f'<div class="pum pum-overlay"><div class="pum-content popmake-content">'
        f"<p>Training programme {n} provides basic officer training to cadets, who learn drill, fieldcraft, "
        f"leadership and the history of the regiment over forty-four weeks at the depot.</p>" * 3 + "</div></div>"
        for n in range(1, 5)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><header><a href="/">Home</a></header>
    <article class="post">{ARTICLE_PARAGRAPHS}</article>{popups}</body></html>"""
    document, _ = read(page.encode("utf-8"))
    text = document_text(document)
    assert "Paragraph 6 of the report" in text
    assert "Training programme" not in text


def test_a_photo_caption_is_never_repeated_as_a_line_or_set_as_a_heading() -> None:
    alt = (
        "Coach Anna Berg watches training at the harbour pool in this file photo from last September. The club "
        "named her head coach on Tuesday, ending a search that lasted the whole winter and drew applicants from "
        "four countries, and hopes she will rebuild a squad that finished last in the league."
    )
    page = f"""<html><head><title>Club names new coach</title></head><body><div class="story">
    <figure><img src="https://img.example.com/berg.jpg" alt="{alt}"></figure><p>{alt}</p>
    <p>The swimming club named a new head coach on Tuesday after a search that took the whole winter.</p>
    <figure><img src="https://img.example.com/pool.jpg" alt="The pool"><figcaption>The pool at dawn.</figcaption></figure>
    <h4>Jan Holm, Reuters</h4>
    {ARTICLE_PARAGRAPHS}
    <ul><li><img src="/icons/email.gif" alt="Email"><a href="/story/email">E-mail</a></li>
    <li><img src="/icons/print.gif" alt="Print"><a href="/story/print">Print</a></li>
    <li>Post comment</li><li>Text size:</li><li>Pin</li><li>[ more ]</li><li>Add your comments</li></ul></div></body></html>"""
    document, _ = read(page.encode("utf-8"))
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [f.caption for f in figures] == [alt, "The pool at dawn. Jan Holm, Reuters"]
    paragraphs = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert alt not in paragraphs
    assert not any(isinstance(b, Heading) for b in document.blocks)
    text = document_text(document)
    for tool in ("E-mail", "Print", "Post comment", "Text size", "Pin", "[ more ]", "Add your comments"):
        assert tool not in text


def test_a_credit_above_its_photo_and_an_alt_repeating_a_heading_are_said_once() -> None:
    items = "".join(
        f"<h3>Tip {n}: walk to the harbour before breakfast</h3><img src='https://img.example.com/tip{n}.jpg' "
        f"alt='Tip {n}: walk to the harbour before breakfast'><p>Tip {n} explains at some length why an early walk along "
        f"the harbour wall does more for the day than a second cup of coffee, and how to make it a habit.</p>"
        for n in range(1, 4)
    )
    page = f"""<html><head><title>Harbour habits</title></head><body><article><h1>Harbour habits</h1>
    <p>Ivan Holm/Getty Images</p><figure><img src="https://img.example.com/lead.jpg" alt="A walker on the pier">
    <figcaption>Ivan Holm/Getty Images</figcaption></figure>{ARTICLE_PARAGRAPHS}{items}</article></body></html>"""
    document, _ = read(page.encode("utf-8"))
    paragraphs = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert "Ivan Holm/Getty Images" not in paragraphs
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [(f.alt, f.caption) for f in figures] == [("A walker on the pier", "Ivan Holm/Getty Images")] + [("", "")] * 3
    headings = [plain_text(b.children) for b in document.blocks if isinstance(b, Heading)]
    assert "Tip 2: walk to the harbour before breakfast" in headings


def test_an_unmarked_comment_thread_after_the_article_goes() -> None:
    comments = "".join(
        f"<p>Posted by: reader{n}, Bolton on 8:2{n}pm Tue 1 Jan 08</p><p>Comment number {n}, which has an opinion "
        f"about the pier and says so at some length, as comments do.</p><p>Quote | Report this post</p>"
        for n in range(1, 5)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS}
    <p>Have your say</p>{comments}</div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    text = document_text(document)
    assert "Paragraph 6 of the report" in text
    for furniture in ("Have your say", "Posted by", "Comment number", "Report this post"):
        assert furniture not in text


_READER_COMMENTS = "".join(
    f"<hr><p>reader{n}<br>I think the pier money would have been better spent on the road to the harbour, "
    f"which floods every winter and has done for years.</p><p>Hear, hear number {n}!</p>"
    for n in range(1, 6)
)


@pytest.mark.parametrize("label", ["<h2>Comments are now closed for this story</h2>", "<h3>12 Comments</h3>", "<p>精选留言</p>"])
def test_readers_comments_after_their_label_go(label: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS}
    {label}{_READER_COMMENTS}</div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Paragraph 6 of the report" in text
    for furniture in ("closed for this story", "12 Comments", "精选留言", "reader1", "road to the harbour", "Hear, hear"):
        assert furniture not in text


def test_a_comment_counter_above_the_article_leaves_the_article() -> None:
    preface = "<p>A reader sent us this report, which we print in full below with the permission of its author.</p>" * 5
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{preface}
    <h2>Talkbacks for this article: 18</h2>{ARTICLE_PARAGRAPHS}</div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text)


@pytest.mark.parametrize("label", ["More harbour headlines »", "Ähnliche Themen", "More posts in this series", "À lire aussi"])
def test_other_headlines_with_their_teasers_after_a_label_go(label: str) -> None:
    others = "".join(
        f'<p><a href="/news/story-{n}">Harbour headline number {n}</a></p>'
        f"<p>The teaser of story {n} says in one sentence what happened and why a reader should click on it.</p>"
        for n in range(1, 6)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS}
    <h3>{label}</h3>{others}<h3>Also in Business</h3><p><a href="/biz/1">Fish prices fall</a></p>
    </div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Paragraph 6 of the report" in text
    for furniture in (label, "Harbour headline number", "The teaser of story", "Also in Business"):
        assert furniture not in text


def test_a_related_box_inside_the_article_is_not_its_end() -> None:
    half = len(ARTICLE_PARAGRAPHS) // 2
    cut = ARTICLE_PARAGRAPHS.index("<p>", half)
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS[:cut]}
    <h4>Related</h4><p><a href="/news/old-pier">The old pier closes</a></p>{ARTICLE_PARAGRAPHS[cut:]}</div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Paragraph 6 of the report" in text


_MOST_READ = (
    '<aside class="sidebar"><h3>Most read</h3><ul>'
    + "".join(
        f'<li><a href="/news/{n}">Most read story number {n} about the council and the ferry timetable</a></li>'
        for n in range(12)
    )
    + "</ul></aside>"
)


@pytest.mark.parametrize("second", ["story-text", "story-text story-text--continued"])  # one kind, or its variant
def test_an_article_split_into_parts_of_one_kind_is_read_whole(second: str) -> None:
    lead = "<p>The harbour authority opened the rebuilt pier on Monday, two years after a storm broke it in half.</p>"
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <div class="row"><div class="story-text"><div class="story-meta"><a href="https://wa.me/?text=x">WhatsApp</a></div>{lead}</div></div>
    <div class="ad-slot"><a href="https://ads.example.com/">Advertisement</a></div>
    <div class="row"><div class="{second}">{ARTICLE_PARAGRAPHS}</div></div>{_MOST_READ}<footer>© 2024 Harbour News</footer></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert text.startswith("The harbour authority opened the rebuilt pier") and "Paragraph 6 of the report" in text
    assert "Advertisement" not in text


def test_a_forums_replies_are_not_parts_of_its_first_post() -> None:
    replies = "".join(
        f'<div class="post">〓 Harbour forum 发布时间 2005/05/1{n} 22:11:42 by reader{n} 〓<p>Reply {n} says the pier '
        f"was fine as it was and the money should have gone to the school, which needs a new roof more.</p></div>"
        for n in range(1, 4)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="post">{ARTICLE_PARAGRAPHS}</div>{replies}</body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Paragraph 6 of the report" in text and "Reply 1 says" not in text


@pytest.mark.parametrize(("host", "kept"), [("shop.example.net", True), ("harbour.example.com", False)])
def test_a_closing_list_of_links_goes_only_when_it_leads_to_the_pages_own_site(host: str, kept: bool) -> None:
    items = "".join(
        f'<p><a href="https://{host}/item/{n}">Harbour lantern model {n} with a brass handle</a> for ${n}9.99</p>'
        for n in range(1, 7)
    )
    page = f"""<html><head><title>Pier rebuilt</title>
    <link rel="canonical" href="https://harbour.example.com/news/pier-rebuilt"></head><body><nav><a href="/">Home</a></nav>
    <div class="story">{ARTICLE_PARAGRAPHS}{items}</div>{_MOST_READ}</body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Paragraph 6 of the report" in text
    assert ("Harbour lantern model 6" in text) is kept


@pytest.mark.parametrize(
    "line",
    ["Posted: Thursday, April 21, 2022. 10:11 pm CST.", "12/19/16 12/19/16", "Updated: Jan. 6, 2008", "Sun, January 6, 2008"],
)
def test_a_date_line_above_a_dated_article_goes(line: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta property="article:published_time" content="2022-04-21T22:11:00-06:00">
    </head><body><div class="story"><p>{line}</p>{ARTICLE_PARAGRAPHS}</div></body></html>"""
    text = document_text(read(page.encode("utf-8"), extract=False)[0])
    assert text.startswith("Paragraph 1 of the report")


def test_a_noscript_left_open_does_not_hide_the_page() -> None:
    page = f"""<!doctype html><html lang="en"><head><title>Pier rebuilt</title></head><body><noscript><div id="nojs"></noscript>
    <div id="menu"><a href="/">Home</a> <a href="/news">News</a></div><div id="text">{ARTICLE_PARAGRAPHS}</div>
    <noscript></div></noscript></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text)


def test_custom_elements_holding_blocks_are_blocks() -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><pp-main><pp-text>{ARTICLE_PARAGRAPHS}</pp-text>
    <pp-teaser><pp-link><span>Fish prices fall</span></pp-link></pp-teaser></pp-main></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    paragraphs = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].startswith("Paragraph 1 of the report") and paragraphs[5].startswith("Paragraph 6 of the report")


@pytest.mark.parametrize(("declared", "kept"), [("it", "it"), ("de-DE", "de-DE"), ("zh-CN", "en")])
def test_a_declared_language_is_corrected_only_when_the_script_contradicts_it(declared: str, kept: str) -> None:
    page = f"""<html lang="{declared}"><head><title>Pier rebuilt</title></head><body>{ARTICLE_PARAGRAPHS}</body></html>"""
    assert read(page.encode("utf-8"))[0].meta.language == kept


def test_a_related_posts_list_is_never_the_article() -> None:
    # A blog's related-posts plug-in lists long teasers inside the post's element; the extractor
    # takes them for the article, and its reading must not replace the post.
    teasers = "".join(
        f'<li><a href="/{n}">Earlier post {n}</a><br/><small>In this earlier post the harbour master explains, at length and with '
        f"many asides about tides, boats and the weather on the island, why story number {n} still matters to readers, "
        f"what the council decided about it last winter and who paid for the repairs that followed...</small></li>"
        for n in range(10)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="entry">{ARTICLE_PARAGRAPHS}
    <h2 class="related_post_title">Keep reading</h2><ul class="related_post wp_rp">{teasers}</ul></div></body></html>"""
    document, reporter = read(page.encode("utf-8"))
    text = document_text(document)
    assert "Paragraph 6 of the report" in text and "Earlier post" not in text
    assert "extraction-fallback" not in {d.code for d in reporter.diagnostics}


@pytest.mark.parametrize("marking", ['class="mod-top-news"', 'id="module-moreStories"', 'class="xgxw-list"'])
def test_a_portal_column_of_teasers_never_draws_the_article_region(marking: str) -> None:
    # A portal's news column holds a short article and, beside it, a longer list of other stories
    # whose teasers the extractor takes for the article: the region must still be the article's.
    nav = "".join(f'<li><a href="/c{n}">栏目{n}</a></li>' for n in range(30))
    teasers = "".join(
        f'<li><a href="/news/{n}.shtml"><img src="/p{n}.jpg"><div><h3>第{n}部新片定档，导演携主演亮相发布会</h3>'
        f"<p>日前，电影《第{n}部新片》发布定档海报和预告，影片讲述了一段跨越三十年的家族往事，主演在发布会上分享了拍摄中的趣事...</p></div></a></li>"
        for n in range(12)
    )
    page = f"""<html><head><title>访谈节目《会客厅》5月20日起播出_电影网</title></head><body>
    <div id="page"><ul class="nav">{nav}</ul><div class="container" id="content"><div class="grid-8x">
    <h1>访谈节目《会客厅》5月20日起播出</h1><div class="mod-content" id="contentNews"><div class="pic-content">
    <p>电影网讯 以光影之名，探寻首都文化魅力。5月20日22点起，《电影报道》栏目将推出系列访谈节目《会客厅》，五位电影人将讲述他们的成长故事和艺术生涯。</p>
    <p>用电影人的艺术探索构建起电影和城市的发展之路。一起期待吧！</p></div></div>
    <div class="mod-bannerList"><div class="mod-bd"><ul {marking}>{teasers}</ul></div></div>
    </div></div><div class="footer">关于我们 | 联系我们 | 版权所有</div></div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "以光影之名" in text and "一起期待吧" in text
    assert "定档海报" not in text


def test_a_privacy_notice_longer_than_the_article_is_never_read_as_it() -> None:
    # A consent manager writes the site's whole cookie policy into the page; the extractor takes
    # it for the article, which the reader must still find.
    policy = "".join(
        f"<h3>Cookie category {n}</h3><p>These cookies, placed by us and by the third parties we work with, collect data "
        f"about your use of the services for purpose {n}, and you may adjust your preferences at any time via the settings "
        f"link in the footer of every page, as this notice explains in the sections that follow.</p>"
        for n in range(14)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div id="__next"><nav><a href="/">Home</a></nav>
    <main><h1>Pier rebuilt</h1>{ARTICLE_PARAGRAPHS}</main></div>
    <div id="onetrust-consent-sdk"><div id="onetrust-pc-sdk" class="otPcCenter ot-hide"><div id="ot-pc-content">
    <h2>Cookie Notice</h2>{policy}</div></div></div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text)
    assert "Cookie category" not in text and "preferences" not in text


def test_a_donation_appeal_inside_the_article_is_left_out() -> None:
    appeal = (
        '<div class="cli primary-cli cli-support-newsroom" id="support-newsroom-entry"><div class="cli-support__wrapper">'
        "<p>Dear Reader</p><p>Reader funding is one of the key ways we support our newsroom. Would you consider making a "
        "contribution to keep our journalism free for all?</p><p>Support us</p></div></div>"
    )
    paragraphs = ARTICLE_PARAGRAPHS.split("</p>")
    body = "</p>".join(paragraphs[:3]) + "</p>" + appeal + "</p>".join(paragraphs[3:])
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav>
    <article><h1>Pier rebuilt</h1><section class="entry__content">{body}</section></article></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text)
    assert "Reader funding" not in text


def test_a_river_of_teaser_cards_longer_than_the_article_goes() -> None:
    # A short story, then a "More in Travel" river of cards (link, teaser, author, time) longer
    # than the story: the extractor takes the river, the reader must keep the story.
    story = "".join(
        f"<p>Paragraph {n} of the report tells how the harbour authority rebuilt the old pier, and why.</p>" for n in (1, 2, 3)
    )
    cards = "".join(
        f'<div class="w-full"><div class="flex"><a href="/story-{n}">Another story number {n}</a><div class="hidden">In story {n} '
        f"a reporter explains at some length what happened in the town this week and why it matters to the people who live "
        f"there, and what the council said about it on Tuesday evening.</div></div><div><span>By Sam Writer</span>"
        f"<time datetime='2024-05-2{n}'>{n + 1} hours ago</time></div></div>"
        for n in range(10)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav>
    <div class="mx-auto"><h1>Pier rebuilt</h1>{story}<section class="justify-center"><h2>More in Travel</h2>{cards}</section></div>
    </body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Paragraph 1 of the report" in text and "Paragraph 3 of the report" in text
    assert "Another story" not in text and "hours ago" not in text


def test_a_portal_articles_widgets_recommendations_and_rights_notice_go() -> None:
    steps = "".join(
        f"<p>{n}.第{n}步要点</p><p>第{n}步的做法是把各种谷类和豆类提前洗干净，用温水浸泡一夜，第二天连同泡豆子的水一起下锅，这样煮出来的粥更香更烂。</p>"
        for n in range(1, 6)
    )
    links = "".join(f'<li><span>2021-01-19</span><a href="/a/{n}.html">第{n}条健康资讯的标题在这里</a></li>' for n in range(12))
    page = f"""<html><head><title>腊八粥怎样熬才好吃_健康网</title></head><body><div class="art_box"><h1>腊八粥怎样熬才好吃</h1>
    <p><a href="/report">举报/反馈</a></p>{steps}<p>健康网(www.example.net)专稿，未经书面授权请勿转载。</p>
    <p>健康资讯推荐</p><ul class="list">{links}</ul></div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "第5步的做法" in text
    for furniture in ("举报", "未经书面授权", "健康资讯推荐", "健康资讯的标题"):
        assert furniture not in text


def test_a_live_blogs_entries_are_its_article_not_a_river() -> None:
    entries = "".join(
        f'<div class="block"><a href="#block-{n}"><time datetime="2024-05-20T1{n}:00">1{n}:00</time></a><p>Update {n}: the '
        f"harbour master says the crane has moved another section of the old pier, and the road stays closed.</p></div>"
        for n in range(8)
    )
    page = f"""<html><head><title>Pier works live</title></head><body><nav><a href="/">Home</a></nav><main>
    <h1>Pier works live</h1><p>Follow the day's work on the pier as it happens, with updates from the harbour master and the
    council, and pictures from our reporters on the quay; the road along the harbour is closed until the evening.</p>
    <div class="live-blog">{entries}</div></main></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Update 0:" in text and "Update 7:" in text


def test_a_players_labels_and_a_portals_buttons_and_site_links_go() -> None:
    steps = "".join(
        f"<p>第{n}段：记者从发布会上获悉，这档访谈节目将陆续邀请电影人讲述他们的成长故事和艺术生涯，每期时长约四十分钟。</p>"
        for n in range(1, 6)
    )
    player = (
        '<div class="video-player"><div class="mplayer"><video src="/v/talk.mp4"></video><div class="playerBottom">'
        '<div class="controlRight"><span>倍速</span><span>2.0X</span><span>1.5X</span></div></div>'
        '<div class="errorInfoBox">很抱歉，当前视频播放失败 错误代码：QVS.4100</div></div></div>'
    )
    card = '<div class="player-card"><p>球员档案：张伟，28岁，司职前锋，本赛季出场20次，打进12球，是球队的头号射手。</p></div>'
    page = f"""<html><head><title>访谈节目5月20日起播出_电影网</title></head><body><div class="article"><h1>访谈节目5月20日起播出</h1>
    {player}<p>播报</p><p>编辑</p>{steps}{card}<p>推荐阅读：另一档节目下周开播</p>
    <p>（编辑：小何）<a href="https://www.example.com/" id="backhome">返回电影网，查看更多</a></p><p>责任编辑：</p>
    <p>首页 | 上一页 1 下一页 | 尾页</p></div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "第5段" in text and "（编辑：小何）" in text
    assert "球员档案" in text  # a football player's card is no media player
    for furniture in ("倍速", "2.0X", "视频播放失败", "播报", "推荐阅读", "查看更多", "责任编辑", "上一页"):
        assert furniture not in text


def test_linked_asides_and_newsletter_and_podcast_pitches_go() -> None:
    paragraphs = ARTICLE_PARAGRAPHS.split("</p>")
    asides = (
        '<p>13-Minute Listen</p><p>Also: <a href="/windows-guide">Windows 11: do these six things right away</a></p>'
        '<p>READ MORE: <a href="/pier-history">The pier through the years</a></p>'
        "<p>Get more local news delivered straight to your inbox. Sign up for free Harbour newsletters and alerts.</p>"
        "<p>Listen to Harbour Weekly on Spotify, Apple Podcasts and Google Podcasts.</p>"
    )
    body = "</p>".join(paragraphs[:3]) + "</p>" + asides + "</p>".join(paragraphs[3:])
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav>
    <article><h1>Pier rebuilt</h1>{body}</article></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text)
    for furniture in ("Minute Listen", "Windows 11", "through the years", "inbox", "Spotify"):
        assert furniture not in text


def test_an_aem_pages_components_are_not_consent_notices() -> None:
    # Adobe Experience Manager names every component "cmp-…", the abbreviation consent managers use too.
    parts = "".join(
        f'<div class="cmp-text" id="text-{n}">{p}</p></div>' for n, p in enumerate(ARTICLE_PARAGRAPHS.split("</p>")[:-1])
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <div class="cmp-container"><h1>Pier rebuilt</h1>{parts}</div><footer>© Harbour Times</footer></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text)


def test_a_help_centres_support_article_is_an_article() -> None:
    steps = "".join(
        f"<p>Step {n}: open the settings of the harbour app, choose the berth you booked, and confirm the change of date "
        f"before noon, because changes made later in the day are only applied on the following morning.</p>"
        for n in range(1, 7)
    )
    page = f"""<html><head><title>Change a berth booking</title></head><body><nav><a href="/">Help</a> <a href="/apps">Apps</a></nav>
    <div id="support-article" class="support-article"><h1>Change a berth booking</h1>{steps}</div>
    <footer>© Harbour Apps</footer></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Step 1: open the settings" in text and "Step 6: open the settings" in text


def test_a_wikis_maintenance_boxes_navboxes_and_edit_links_go() -> None:
    sections = "".join(
        f'<h2>第{n}节<span class="mw-editsection">[<a href="/edit?section={n}">编辑</a>]</span></h2>'
        f"<p>第{n}节正文：新区的规划范围涉及三个县及周边部分区域，起步区面积约一百平方公里，中期发展区面积约二百平方公里。</p>"
        for n in range(1, 5)
    )
    navbox = "".join(
        f'<tr><th class="navbox-group">地区{n}</th><td class="navbox-list"><a href="/x{n}">新区{n}</a></td></tr>'
        for n in range(8)
    )
    page = f"""<html><head><title>新区 - 维基百科</title></head><body><div id="content"><h1>新区</h1>
    <div class="mw-parser-output"><table class="box-未来建设 plainlinks metadata ambox ambox-notice"><tr><td>此条目讲述处于施工阶段的工程。</td></tr></table>
    {sections}<div class="navbox"><table class="nowraplinks navbox-inner">{navbox}</table></div></div>
    <div class="catlinks">分类：新区</div></div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "第1节正文" in text and "第4节正文" in text
    for furniture in ("此条目讲述", "[编辑]", "地区3", "分类："):
        assert furniture not in text


def test_a_dateline_bar_gives_the_date_and_leaves_the_body() -> None:
    paragraphs = "".join(
        f"<p>第{n}位受访者说，压岁钱是长辈给的祝福，应该由自己和父母一起商量着用，不能全部交给父母，也不能全部自己花掉。</p>"
        for n in range(1, 6)
    )
    page = f"""<html><head><meta charset="utf-8"><title>孩子：我的压岁钱谁做主</title></head><body>
    <div class="detail"><table><tr><td>2005-02-06 13:26更新 来源：转载文章</td><td>发表评论</td><td></td></tr></table>
    {paragraphs}<p>来源：新华网</p><table><tr><td>发送给朋友</td><td>打印本文</td></tr></table></div></body></html>"""
    document, _ = read(page.encode("utf-8"))
    assert document.meta.date is not None and document.meta.date.isoformat() == "2005-02-06T13:26:00+08:00"
    text = document_text(document)
    assert text.startswith("第1位受访者说")
    for furniture in ("13:26", "发表评论", "发送给朋友", "打印本文"):
        assert furniture not in text


@pytest.mark.parametrize(
    "pitch",
    [
        "Follow The Harbour News on Twitter and Instagram @HarbourNews and on Facebook @HarbourNews.",
        "Subscribe now to our digital edition for the full story.",
        "To view the full story, please subscribe to The Harbour News.",
        "For the latest stories download the Harbour News apps for iOS and Android.",
        "Want more updates from Sam? Sign up for his newsletter, Harbour Notes.",
        "Stop the censors, sign up to get today's top stories delivered right to your inbox.",
        "Harbour Insights is a daily newsletter for the people who run the port.",
        "This article is the copyrighted property of Harbour News.",
        "© 2024 Harbour Media. All Rights Reserved.",
        "下载清源新闻客户端，阅读更多精彩内容",
        "本文为清源晚报原创，未经授权不得转载。",
        "原创文章，作者：港口观察，如若转载，请注明出处：https://harbour.example.cn/219.html",
        "本作品为“港口科普”原创，转载时务请注明出处。",
        "本新聞文字、照片、影片專供會員閱覽，版權所有，禁止任何媒體轉載使用；違者必究。",
        "還想看更多新聞嗎？歡迎下載清源時報APP，現在看新聞還能抽獎！",
        "[>>加入清源日報粉絲團，即時新聞不漏接！](https://www.facebook.com/harbour.example)",
        "To contact the reporter on this story: Ann Marsh in Harbourtown at amarsh@harbour.example.com",
        "amarsh@harbour.example.com (END)",
        "This post contains references to products from one or more of our advertisers.",
        "Harbour News is not responsible for the opinions, statements or media content presented by contributors.",
        "We use cookies to give you the best experience on our site. By continuing you agree to our cookie policy.",
        "このサイトでは、利用状況の把握や広告配信などのために、Cookieなどを使用してアクセスデータを取得・利用しています。",
        "This entry was posted on Thursday, July 23rd, 2020 at 1:42 am and is filed under Harbours. You can follow any "
        "responses to this entry through the RSS 2.0 feed.",
        "Follow The Harbour News on Twitter and Instagram @HarbourNews and on Facebook @HarbourNews. Send us a message "
        "on WhatsApp at 1-876-000-0000 or email us at desk@harbour.example.com, and tell us what you saw, heard or "
        "photographed on the quays this week; our reporters read every message and answer as many as they can.",
    ],
)
def test_a_publishers_pitch_is_not_the_article(pitch: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS}
    <p>{pitch}</p></div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    text = document_text(document)
    assert "Paragraph 6 of the report" in text and pitch not in text


def test_undescribed_chrome_images_are_not_figures() -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">
    <figure><img src="https://img.example.com/2024/pier-at-dawn.jpg" alt=""><figcaption>The pier at dawn.</figcaption></figure>
    {ARTICLE_PARAGRAPHS}<p>责任编辑：周启明 <img src="https://static.example.cn/img/end_news.png"></p>
    <p><img src="/images/spacer.gif"><img src="/static/btn_share.png"></p>
    <p><img src="/i/a.gif" alt="digg"><img src="/i/b.gif" alt="del.icio.us"><img src="/i/c.gif" alt="新浪微博"></p></div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    assert [f.src for f in document.blocks if isinstance(f, Figure)] == ["https://img.example.com/2024/pier-at-dawn.jpg"]
    assert "责任编辑：周启明" in document_text(document)


def test_the_buttons_ads_and_badges_a_page_draws_as_images_are_not_figures() -> None:
    buttons = (
        "<ul class='sociable'>"
        + "".join(
            f"<li><a href='https://{s}.example.com/submit?url=x'><img src='/i/{s}.png' alt='{s}'></a></li>"
            for s in ("digg", "reddit", "tailrank")
        )
        + "</ul><p><a href='javascript:size(1)'><img src='/i/inc.gif' alt='Increase font size'></a>"
        "<img src='/i/star.gif' alt='1 star'><img src='/i/star.gif' alt='2 stars'> <img src='/i/rate.gif' alt='rating'></p>"
        "<p><a href='https://ads.example.com/click'><img src='https://ads.example.com/banner.gif' alt='Click Here'></a></p>"
        "<p><img src='/i/adv.gif' alt='advertising'><img src='/i/end.gif' alt='End of story'></p>"
        "<p><img src='/i/gp.png' alt='Google Play'><img src='/i/as.png' alt='App Store'><img src='/i/r.png' alt='Reddit logo'></p>"
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">
    <figure><img src="https://img.example.com/2024/pier-at-dawn.jpg" alt="The pier at dawn"></figure>
    {ARTICLE_PARAGRAPHS}{buttons}</div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    assert [f.src for f in figures(document.blocks)] == ["https://img.example.com/2024/pier-at-dawn.jpg"]
    assert not [b for b in document.blocks if isinstance(b, ListBlock)]  # the emptied bar of buttons goes too


def test_the_caption_of_a_video_player_and_the_authors_box_are_not_the_article() -> None:
    player = (
        "<div><strong>WATCH | Pier reopens after the storm:</strong> <span class='mediaEmbed'><div role='button'"
        " title='The pier reopens'><h3>The pier reopens</h3></div></span>Crowds walked the new deck on Saturday.</div>"
    )
    box = (
        '<section class="vcard" itemprop="author" itemscope itemtype="http://schema.org/Person">'
        '<div itemprop="name"><a href="/author/ann/">Ann Marsh</a></div><div itemprop="description">Ann has written about'
        " the harbour for twenty years. Her blog is full of tide tables, boat reviews and so much more.</div></section>"
        "<p>Latest posts by Ann Marsh (see all)</p>"
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS}
    {player}<p>The council will meet again in spring.</p>{box}</div></body></html>"""
    document, _ = read(page.encode("utf-8"))
    text = document_text(document)
    assert "The council will meet again in spring." in text and "Paragraph 6 of the report" in text
    assert "WATCH" not in text and "Crowds walked" not in text
    assert "twenty years" not in text and "Latest posts" not in text


def test_a_page_that_lays_its_paragraphs_out_twice_gives_them_once() -> None:
    intro = (
        "<p>As you may remember from the films of our youth, the channel's original movies were events that a whole"
        " school talked about on Monday morning.</p><p>Not that this year's selection is not great, but we suggest"
        " finding these films over the holiday break and watching them again and again with friends.</p>"
    )
    quoted = "<p>Level 4: a firm stance against expansion across the river polled well with the undecided voters here.</p>"
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">
    <section class="intro mobile">{intro}</section>{quoted}{ARTICLE_PARAGRAPHS}<section class="intro wide">{intro}</section>
    <p>Back to the example:</p>{quoted}</div></body></html>"""
    document, _ = read(page.encode("utf-8"))
    text = document_text(document)
    assert text.count("As you may remember") == 1 and text.count("Not that this year") == 1
    assert text.count("Level 4: a firm stance") == 2  # a sentence an essay quotes again stays
    slides = "<p>Weather threatens holiday plans</p>" * 14  # a gallery's hidden slides, each with the title
    document, _ = read(page.replace("<p>Back to the example:</p>", slides).encode("utf-8"))
    assert document_text(document).count("Weather threatens holiday plans") == 1
    assert "Paragraph 6 of the report" in text


def test_player_gallery_and_sharing_controls_are_not_the_article() -> None:
    controls = (
        "<ul><li>Tweet this</li><li>Link this</li><li>Share this</li><li>Digg this</li><li>Email</li><li>Reprints</li></ul>"
        "<p>0:00/2:33</p><p>-0:00</p><p>4 PHOTOS</p><p>See Gallery</p><p>Loading Photo Gallery</p><p>Enlarge</p><p>[+] Enlarge</p>"
        "<p>02:12 - Source: Harbour TV</p><p>Pinned</p><p>9 Likes</p><p>For Immediate Release</p>"
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{controls}
    <figure><img src="https://img.example.com/pier.jpg"><figcaption>1 of 4. The pier at dawn.</figcaption></figure>
    {ARTICLE_PARAGRAPHS}</div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    assert document_text(document).startswith("The pier at dawn.\nParagraph 1 of the report")


def test_an_advert_or_an_avatar_is_not_a_figure_and_a_page_of_beacons_has_no_content() -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">
    <div class="author-avatar"><img src="https://img.example.com/staff/ann.jpg" alt="Ann"></div>
    <p><img src="https://ad.doubleclick.net/N3910/ad/articles;sz=470x200"></p>{ARTICLE_PARAGRAPHS}
    <figure><img src="https://img.example.com/pier.jpg"></figure></div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    assert [f.src for f in figures(document.blocks)] == ["https://img.example.com/pier.jpg"]
    beacon = "<html><body><noscript><img src='http://b.scorecardresearch.com/p?c1=2&amp;c2=1'></noscript></body></html>"
    with pytest.raises(InputError, match="no readable content"):
        read(beacon.encode("utf-8"))


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="byline"><img src="https://img.example.com/staff/marsh.jpg" alt="Ann Marsh"> By Ann Marsh</div>',
        # The portrait links to the writer's page, and its caption is the byline.
        '<figure class="byline"><a href="/autoren/ann-marsh/"><picture><img src="https://img.example.com/staff/m.jpg"'
        ' alt="A. M."></picture></a><figcaption>Von Ann Marsh, Redakteurin 09.09.2025, 15:15 Uhr</figcaption></figure>',
    ],
)
def test_the_authors_portrait_beside_the_byline_is_not_a_figure(byline: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta name="author" content="Ann Marsh"></head><body>
    <div class="story">{byline}
    {ARTICLE_PARAGRAPHS}<figure><a href="https://img.example.com/2024/pier-large.jpg"><img src="https://img.example.com/2024/pier.jpg"
    alt="Ann Marsh's boat at the pier"></a></figure></div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    assert document.meta.authors == ("Ann Marsh",)
    assert [f.src for f in figures(document.blocks)] == ["https://img.example.com/2024/pier.jpg"]


@pytest.mark.parametrize(
    ("alt", "src", "described"),
    [
        ("photo", "https://img.example.com/a.jpg", ""),
        ("图片", "https://img.example.cn/a.jpg", ""),
        ("Image 3", "https://img.example.com/a.jpg", ""),
        ("IMG 1234", "https://img.example.com/IMG_1234.JPG", ""),
        ("Hires XEPSB103", "https://img.example.com/thumb_Hires_XEPSB103.jpg", ""),
        ("lifeboat", "https://img.example.com/lifeboat.jpg", "lifeboat"),
        ("The 2008 lifeboat", "https://img.example.com/2008.jpg", "The 2008 lifeboat"),
        ("DSC01234", "https://img.example.com/pier.jpg", ""),
        ("2021272", "https://img.example.com/pier.jpg", ""),
        ("imago images 0845114767", "https://img.example.com/pier.jpg", ""),
        ("191615_1325_191615_cover.jpg", "https://img.example.com/pier.jpg", ""),
        ("Click to enlarge", "https://img.example.com/pier.jpg", ""),
        ("写真・図版", "https://img.example.jp/pier.jpg", ""),
        ("1984", "https://img.example.com/cover.jpg", "1984"),
        ("Boeing 737 at the gate", "https://img.example.com/pier.jpg", "Boeing 737 at the gate"),
    ],
)
def test_an_alt_text_that_describes_nothing_is_no_description(alt: str, src: str, described: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">
    <figure><img src="{src}" alt="{alt}"></figure>{ARTICLE_PARAGRAPHS}</div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    assert [b.alt for b in document.blocks if isinstance(b, Figure)] == [described]


def test_when_the_extractor_finds_nothing_the_page_structure_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    document, reporter = read(FIXTURES / "page_full_en_blog_with_comments.html")
    text = document_text(document)
    assert "a lifeline with a timetable" in text
    assert "Leave a Reply" not in text and "Recent Posts" not in text
    assert any(d.code == "extraction-heuristic" for d in reporter.diagnostics)


def test_when_the_extractor_crashes_conversion_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(trafilatura, "extract", boom)
    document, reporter = read(FIXTURES / "page_full_news_with_boilerplate.html")
    assert "58岁的顾国忠" in document_text(document)
    assert any(d.code == "extraction-failed" for d in reporter.diagnostics)


def test_page_metadata_of_a_full_page() -> None:
    document, _ = read(FIXTURES / "page_full_news_with_boilerplate.html")
    meta = document.meta
    assert meta.title == "长江口生态修复三年考：江豚回来了，渔民上岸了"
    assert meta.authors == ("周晓岚", "陆海川")
    assert meta.date is not None and meta.date.isoformat() == "2024-03-15T07:30:00+08:00"
    assert meta.site_name == "滨江新闻网"
    assert meta.source_url == "https://news.binjiang.example.cn/2024/0315/c1008-40219876.html"
    assert meta.cover_image == "https://img.binjiang.example.cn/2024/03/15/jiangtun_lead.jpg"
    assert meta.language == "zh-Hans"


def test_saved_page_resolves_root_relative_urls_against_its_canonical_site() -> None:
    document, _ = read(FIXTURES / "page_full_en_blog_with_comments.html")
    assert document.meta.cover_image == "https://harbourledger.example.org/wp-content/uploads/2023/11/night-ferry-deck.jpg"


@pytest.mark.parametrize(
    ("markup", "author"),
    [
        ('<p>By <a rel="author" href="/staff/jane">Jane Doe</a></p>', "Jane Doe"),
        ('<p><a rel="author external" href="/j">Li Lei</a></p>', "Li Lei"),
        ('<div itemprop="author" itemscope><span itemprop="name">Han Meimei</span></div>', "Han Meimei"),
        ('<div itemprop="publisher"><span itemprop="name">The Paper</span></div>', None),
        ('<span class="byline">by <span class="author vcard"><a class="url fn n" href="/a">Eleanor</a></span></span>', "Eleanor"),
        ('<footer class="comment-meta"><b class="fn">A commenter</b></footer>', None),
        # The class a site gives the name, after an icon's empty author link; the byline's dash and role go.
        ('<a rel="author" href="/x"><img src="/i.png"></a><span class="byline-name">By Jane Doe -</span>', "Jane Doe"),
        ('<div class="bylineDetails"><span class="authorText">Pete Evans Staff Writer</span></div>', "Pete Evans"),
        ('<p class="byline">Por <span class="author-name">Williams Perdomo @wperdomod</span></p>', "Williams Perdomo"),
    ],
)
def test_byline_markup_names_the_author(markup: str, author: str | None) -> None:
    page = f"<html><head><title>T</title></head><body><article><h1>T</h1>{markup}<p>正文。</p></article></body></html>"
    document = docconv.read(page.encode("utf-8"), Options(offline=True, extract=False))
    assert document.meta.authors == ((author,) if author else ())


def test_a_page_of_br_separated_paragraphs_reads_as_paragraphs() -> None:
    """The layout of many Chinese news systems: text in a <div>, paragraphs split by <br><br> and indented with 　　."""
    from docconv.model import Heading, LineBreak, Paragraph, plain_text

    document = docconv.read(FIXTURES / "page_news_br_paragraphs.html", Options(offline=True))
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    texts = [plain_text(p.children) for p in paragraphs]
    assert [t for t in texts if t.startswith("本报讯")] == [
        "本报讯（记者 王芳）3月5日上午，市政府新闻办召开新闻发布会，介绍今年城市更新工作的最新进展。"
    ]
    assert not [t for t in texts if t.startswith(("\u3000", " ")) or t.endswith(("\u3000", " "))]
    # A single <br> inside a paragraph stays a line break; a blank line ends the paragraph.
    broken = next(p for p in paragraphs if "开工建设" in plain_text(p.children))
    assert any(isinstance(c, LineBreak) for c in broken.children)
    assert plain_text(broken.children).endswith("预计年底前全部完工。")
    # Bold-only lines become headings.
    headings = [plain_text(b.children) for b in document.blocks if isinstance(b, Heading)]
    assert headings == ["一、加快推进老旧小区改造", "二、持续完善公共服务设施"]
    # The dateline repeats the metadata (date, source): it is the page's furniture, not the article's.
    assert not any(t.startswith("2024-03-05 10:00") for t in texts)


_BODY = "".join(
    f"<p>第{n}段：港口的渡轮票价将从四月起上涨，岛上居民表示通勤成本会明显增加，议员呼吁设定价格上限。</p>" for n in range(6)
)


def _page(article_top: str, body_extra: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><title>渡轮票价上涨</title></head><body>"
        "<nav><a href='/'>首页</a><a href='/a'>国内</a><a href='/b'>国际</a></nav>"
        f"<main><article><h1>渡轮票价上涨</h1>{article_top}"
        f"<div class='article-body'>{_BODY}{body_extra}</div>"
        "<div class='tags'><a href='/t/1'>交通</a><a href='/t/2'>民生</a></div></article></main>"
        "<aside class='sidebar'><h2>热门</h2><ul><li><a href='/x'>一</a></li><li><a href='/y'>二</a></li></ul></aside>"
        "<footer>版权所有</footer></body></html>"
    )


def _read_page(html: str) -> Document:
    return docconv.read(html.encode("utf-8"), Options(offline=True))


def test_lead_photo_and_standfirst_above_the_body_are_kept() -> None:
    document = _read_page(
        _page(
            "<div class='standfirst'><p>岛上居民说，涨价会让每天通勤变得难以负担，部长们面临限价的呼声。</p></div>"
            "<figure><img src='https://img.example.cn/ferry.jpg' alt='渡轮'><figcaption>清晨六点十分的航班驶离港口。</figcaption></figure>"
            "<div class='meta'><span>2024-02-12 06:00</span><a href='#'>分享</a></div>"
        )
    )
    text = document_text(document)
    assert text.index("岛上居民说") < text.index("清晨六点十分") < text.index("第0段")
    assert [(b.src, b.caption) for b in document.blocks if isinstance(b, Figure)] == [
        ("https://img.example.cn/ferry.jpg", "清晨六点十分的航班驶离港口。")
    ]
    assert "分享" not in text and "交通" not in text and "版权所有" not in text


def test_furniture_above_the_body_stays_out_even_with_a_photo_or_a_summary_class() -> None:
    document = _read_page(
        _page(
            "<div class='related'><figure><img src='https://img.example.cn/other.jpg'><figcaption>另一条新闻</figcaption></figure></div>"
            "<div class='summary'><a href='/1'>相关链接一二三四五六七八九十</a><a href='/2'>相关链接十一十二十三十四</a></div>"
        )
    )
    text = document_text(document)
    assert "另一条新闻" not in text and "相关链接" not in text
    assert not [b for b in document.blocks if isinstance(b, Figure)]


def test_a_quotations_footer_is_its_attribution_not_page_furniture() -> None:
    quote = "<blockquote><p>对我们来说，渡轮不是一种选择，而是唯一的路。</p><footer><cite>——岛上社区议会 王敏</cite></footer></blockquote>"
    document = _read_page(_page("", quote))
    assert "岛上社区议会 王敏" in document_text(document)


@pytest.mark.parametrize(
    ("title", "headline", "site"),
    [
        ("多地推出消费券 激发节日消费活力|消费券|商务部_新浪新闻", "多地推出消费券 激发节日消费活力", "新浪新闻"),
        ("社区食堂开进老小区 老人吃饭不再难-晨光网", "社区食堂开进老小区 老人吃饭不再难", "晨光网"),
        ("能登の酒蔵 再建へ一歩 | 北陸ニュース | 日本海テレビ", "能登の酒蔵 再建へ一歩", "日本海テレビ"),
        ("What the river remembers – Field Notes", "What the river remembers", "Field Notes"),
        ("Ferry fares rise as fuel costs climb - Part 2", "Ferry fares rise as fuel costs climb - Part 2", None),
        ("Ferry fares rise as fuel costs climb", "Ferry fares rise as fuel costs climb", None),
    ],
)
def test_a_pages_site_name_is_read_from_its_title_when_no_meta_names_it(title: str, headline: str, site: str | None) -> None:
    page = f"<html><head><title>{title}</title></head><body><h1>{headline}</h1><p>正文第一段，内容足够长。</p></body></html>"
    assert docconv.read(page.encode("utf-8"), Options(offline=True)).meta.site_name == site


def test_a_caption_box_with_buttons_and_an_enlarged_copy_gives_one_captioned_photo() -> None:
    caption = (
        "A solar observatory captured this image of a strong flare on May 8. The flares set off the storm expected over "
        "the weekend, the strongest in two decades."
    )
    image = "https://media.example.org/img/2024/05/10/flare-ffe8be9.jpg"
    page = f"""<html><head><title>Storm watch</title></head><body><main><article class="story">
    <h1>Storm watch</h1><div id="storytext">
    <div class="bucketwrap image"><div class="imagewrap"><img src="{image}?s=700&c=85" alt="">
    <div class="enlarge-options"><button>Enlarge this image</button></div></div>
    <div class="credit-caption"><div class="caption-wrap"><div class="caption"><p>{caption}
    <b class="credit">NASA/SDO</b> <b class="hide-caption"><b>hide caption</b></b></p></div>
    <b class="toggle-caption"><b>toggle caption</b></b></div><span class="credit">NASA/SDO</span></div>
    <div class="enlarge_measure"><div class="img_wrap"><img data-original="{image}?s=2600&c=100" alt=""></div></div>
    <div class="enlarge_html"><div class="image_data"><p class="caption">{caption}</p>
    <span class="credit">NASA/SDO</span></div></div></div>
    {ARTICLE_PARAGRAPHS}</div></article></main></body></html>"""
    document, _ = read(page.encode("utf-8"))
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [(f.src, f.caption) for f in figures] == [(f"{image}?s=700&c=85", f"{caption} NASA/SDO")]
    text = document_text(document)
    for control in ("hide caption", "toggle caption", "Enlarge this image"):
        assert control not in text
    assert not [b for b in document.blocks if isinstance(b, Heading)]
    first = document.blocks[1]
    assert isinstance(first, Paragraph) and plain_text(first.children).startswith("Paragraph 1 of the report")
    assert _whole_report(text)


def test_what_opens_a_page_above_the_articles_first_words_and_only_repeats_it_goes() -> None:
    lede = (
        "The harbour authority reopened the old pier on Monday after two years of work. Fishermen were asked before the "
        "work began, and most of them say the wait was worth it."
    )
    page = f"""<html><head><title>Harbour reopens its old pier after two years - Harbour News</title>
    <meta name="author" content="Ann Lee"><meta property="og:title" content="Harbour reopens its old pier after two years">
    </head><body><main><div class="speakable"><b>Harbour reopens its old pier : Harbour Hour</b> <b>{lede}</b></div>
    <article><h3 class="slug"><a href="https://news.example.com/harbour-hour">Harbour Hour</a></h3>
    <h1>Harbour reopens its old pier</h1><p>7 days ago</p><h2>Ann Lee, Harbour News</h2>
    <p class="standfirst">Two years, three contractors and one storm later, the boats are back.</p>
    <p>{lede}</p>{ARTICLE_PARAGRAPHS}</article></main></body></html>"""
    document, _ = read(page.encode("utf-8"))
    assert document.meta.authors == ("Ann Lee",)
    texts = [" ".join(docconv.model.block_text(b).split()) for b in document.blocks]
    assert texts[:2] == ["Two years, three contractors and one storm later, the boats are back.", lede]
    assert _whole_report(texts[-1] + texts[2])


def test_a_contents_list_and_an_unrepeated_standfirst_at_the_top_stay() -> None:
    entries = "".join(f'<li><a href="#stop{n}">Stop {n}: the fish market on the old pier</a></li>' for n in range(1, 5))
    sections = "".join(
        f'<h2 id="stop{n}">Stop {n}: the fish market on the old pier</h2><p>Stop {n} is where the morning catch is sold '
        f"straight from the boats, and where the walk is best begun before the crowds arrive.</p>"
        for n in range(1, 5)
    )
    page = f"""<html><head><title>A walk on the pier</title></head><body><article><h1>A walk on the pier</h1>
    <p>A morning's walk in four stops.</p><ul>{entries}</ul>{ARTICLE_PARAGRAPHS}{sections}</article></body></html>"""
    document, _ = read(page.encode("utf-8"))
    text = document_text(document)
    assert text.startswith("A morning's walk in four stops.")
    assert text.count("Stop 3: the fish market on the old pier") == 2


def test_a_river_of_dated_headlines_goes_and_a_table_of_dated_releases_stays() -> None:
    river = "".join(
        f'<tr><td><font size="-1">January {n}, 2008</font> <b><a href="/story?id={n}">Other story number {n} about the city '
        f"council's budget</a></b></td></tr>"
        for n in range(10, 16)
    )
    releases = "".join(
        f'<tr><td>2024-05-0{n}</td><td><a href="/releases/3.{n}">Release notes for version 3.{n} of the tool</a></td>'
        f"<td>Fixes the crash on start-up when the configuration file is empty, and speeds up the first run.</td></tr>"
        for n in range(1, 6)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><table><tr><td class="story">{ARTICLE_PARAGRAPHS}
    <table class="data"><tr><th>Date</th><th>Release</th></tr>{releases}</table>{ARTICLE_PARAGRAPHS}</td>
    <td><img src="/img/other_stories.gif" alt=""><table>{river}</table></td></tr></table></body></html>"""
    document, _ = read(page.encode("utf-8"))
    text = document_text(document)
    assert _whole_report(text)
    assert "Other story number" not in text
    assert "Release notes for version 3.4 of the tool" in text


def test_a_byline_above_the_article_names_its_authors_when_the_metadata_does_not() -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta property="article:published_time" content="2008-01-10T15:23:00Z">
    </head><body><div class="story"><h1>Pier rebuilt</h1><p>By ABDI SHEIKH and Aweys Yusuf, Associated Press Writers</p>
    <p>January 10, 2008 3:23 PM</p>{ARTICLE_PARAGRAPHS}<p>By the way, the pier is open to walkers from six in the morning.</p>
    </div></body></html>"""
    document, _ = read(page.encode("utf-8"))
    assert document.meta.authors == ("Abdi Sheikh", "Aweys Yusuf")
    text = document_text(document)
    assert text.startswith("Paragraph 1 of the report")
    assert text.endswith("By the way, the pier is open to walkers from six in the morning.")


@pytest.mark.parametrize(
    "opening",
    [
        "<p>By Laura E. Adkins October 19, 2016</p>",  # the byline runs into the date
        "<p>Oct 19, 2016 · 10 min read</p>",  # the date with the reading time
        "<h5 class='published-at'>October 19, 2016 at 4:00 AM CST</h5>",  # the date set as a heading
    ],
)
def test_a_date_line_over_the_article_goes_whatever_it_adds(opening: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta property="article:published_time" content="2016-10-19T09:00:00Z">
    </head><body><div class="story"><h1>Pier rebuilt</h1>{opening}{ARTICLE_PARAGRAPHS}</div></body></html>"""
    document, _ = read(page.encode("utf-8"))
    assert document_text(document).startswith("Paragraph 1 of the report")
    if "Adkins" in opening:
        assert document.meta.authors == ("Laura E. Adkins",)


def test_an_article_the_page_shows_twice_is_given_whole_and_once() -> None:
    article = "".join(
        f"<p>Part {n} of the story tells what the harbour master said about the old pier, its repairs, their cost and what the fishermen think of it all.</p>"
        for n in range(1, 11)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <div class="story">{article}<p>Printable version</p>{article}</div><footer>© 2024 Harbour News</footer></body></html>"""
    document, _ = read(page.encode("utf-8"))
    text = document_text(document)
    assert [text.count(f"Part {n} of the story") for n in range(1, 11)] == [1] * 10


@pytest.mark.parametrize(
    "widget",
    [
        # An ad slot's label and a story's age.
        "Advertisement",
        "广告",
        "Story continues below advertisement",
        "3 hours ago",
        "5小时前",
        # Close, fold and share buttons, counters, a video card's running time, notes around ads, pitches.
        "×",
        "展开全文",
        "收起",
        "阅读全文",
        "Show more",
        "《港口纪录片》 时长：01:45 来源：电视台",
        "点赞 收藏 分享",
        "阅读 1234",
        "【纠错】",
        "扫一扫在手机打开当前页",
        "文章关键词：渡轮 票价",
        "海量资讯、精准解读，尽在新浪财经APP",
        "打开凤凰新闻，查看更多高清图片",
        "新浪声明：此消息系转载自新浪合作媒体，新浪网登载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。",
        "Continue reading the main story",
        "Advertisement - Continue Reading Below",
        "Scroll to continue with content",
        "Ad Feedback",
        "Listen to this article 5 min",
        "Share on Facebook",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Have a news tip? Email us at tips@example.com",
        # A skip link, a player's label and error, a sign-in prompt, newsletter and contact pitches.
        "skip past newsletter promotion",
        "Recommended Videos",
        "Try refreshing your browser, or",
        "Don't have an account? Create Account",
        "Got a story? Get in touch with our news team by emailing us at news@example.com.",
        "For the latest breaking news from across the globe, sign up for our newsletters.",
        "By providing your email address, you have read and agree to our Terms and Conditions and Privacy Policy.",
        "Get daily insight, inspiration and deals in your inbox",
        "Follow Harbour News on Google News and add us as a preferred source.",
        "Opinion articles reflect the views of their authors, not necessarily those of Harbour News.",
        "200 characters left",
        "This newsletter may contain advertising, deals, or affiliate links.",
        # An ad label in more languages, and an embed's placeholder when privacy settings block it.
        "Werbung",
        "REKLAM",
        "Externer Inhalt nicht verfügbar",
        "Content not available due to your privacy preferences",
        # A portal's tools: copy the link, shorten it, set the font size, mail or print the page.
        "复制链接",
        "產生縮網址",
        "大中小",
        "A A A A",
        "轉寄好友 | 友善列印",
        "本文地址：http://news.example.com/a/1.html",
        "点击阅读原文",
        "點擊圖片可瀏覽相關圖片",
    ],
)
def test_a_widget_line_inside_the_article_is_not_the_article(widget: str) -> None:
    text = _story_text(f"<p>{widget}</p>")
    assert _whole_report(text)
    assert widget not in text


def test_pitches_that_open_the_article_or_are_set_as_headings_and_embed_placeholders_go() -> None:
    disclosure = (
        "This post contains references to products from one or more of our advertisers. We may receive compensation when "
        "you click on links to those products. Terms apply to the offers listed on this page. For an explanation of our "
        "Advertising Policy, visit this page."
    )
    quoting = (
        "The harbour authority's lawyer read out the line at the foot of the old brochure, all rights reserved, and said "
        "that the pier's name had never been registered by anyone, so the fishermen could keep using it on their boats "
        "and their crates without asking."
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story"><p>{disclosure}</p>
    {ARTICLE_PARAGRAPHS}<h2>Find out what’s happening in Harbourtownwith free, real-time updates from Harbour News.</h2>
    <blockquote class="twitter-tweet"><p>Tweet may have been deleted</p></blockquote><p>{quoting}</p>
    <p>By signing up you agree to our Terms of Use and Privacy Policy.</p>{ARTICLE_PARAGRAPHS}</div></body></html>"""
    text = document_text(read(page.encode("utf-8"), extract=False)[0])
    assert _whole_report(text) and quoting in text
    for pitch in ("This post contains", "Find out what", "Tweet may have been deleted", "By signing up"):
        assert pitch not in text


def test_an_avatar_over_its_name_and_a_caption_repeating_its_heading_are_said_once() -> None:
    answers = "".join(
        f'<li><p>Can I swim off the pier in winter?</p><img src="https://img.example.com/experts/{n}.png" alt="Anna Berg">'
        f'<p><a href="/author/anna-berg">Anna Berg</a><br>Certified Lifeguard</p><p>Answer {n}: only with a club, and only '
        f"when the harbour master has raised the green flag over the old customs house.</p></li>"
        for n in range(1, 3)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article><h1>Pier rebuilt</h1>{ARTICLE_PARAGRAPHS}
    <h2>The moon over the pier, in time-lapse</h2><p>Filmed over one night in June from the end of the old pier.</p>
    <figure><img src="https://img.example.com/moon.jpg"><figcaption>The moon over the pier, in time-lapse</figcaption></figure>
    <ul>{answers}</ul>{ARTICLE_PARAGRAPHS}</article></body></html>"""
    document, _ = read(page.encode("utf-8"))
    figures = [b for b in walk_blocks(document.blocks) if isinstance(b, Figure)]
    assert [(f.alt, f.caption) for f in figures if "moon" in f.src] == [("", "")]
    assert all(f.alt == "" for f in figures)
    assert document_text(document).count("The moon over the pier, in time-lapse") == 1


def test_a_list_of_other_stories_the_extractor_counted_is_not_reported_as_missing_article() -> None:
    cards = "".join(
        f'<div class="xgxw-item"><p>Another story number {n} about the council and its budget plans</p><p>The council met '
        f"again on Tuesday to discuss the budget for next year, and story {n} says what was decided there.</p></div>"
        for n in range(1, 6)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav><article class="main">
    <div class="story">{ARTICLE_PARAGRAPHS}</div><div class="xgxw">{cards}</div></article><footer>© 2024</footer></body></html>"""
    document, reporter = read(page.encode("utf-8"))
    text = document_text(document)
    assert _whole_report(text) and "Another story" not in text
    assert not [d for d in reporter.diagnostics if d.code == "extraction-partial"]


def test_a_platforms_storage_statement_ends_the_post_and_the_next_post_of_the_feed_goes() -> None:
    post = "<p>据本台记者报道，清源港旧码头经过两年改造后于周一重新开放，渔民们表示等待是值得的，港务局也公布了下一步的维护计划。</p>"
    feed = "".join(
        f"<p>第{n}段：另一位作者的另一篇文章，讲述一位歌手的成长经历和他在晚会上一炮而红的故事，与本文无关。</p>"
        for n in range(1, 9)
    )
    page = f"""<html><head><title>清源港旧码头重新开放</title></head><body><div class="content"><h1>清源港旧码头重新开放</h1>{post}
    <p>以上内容（包括图片及视频）为创作者平台“快传号”用户上传并发布，本平台仅提供信息存储服务</p><p>不喜欢</p>
    <p>文章不错，点个赞吧</p><h2>31岁一炮而红的歌手</h2><p>贵圈姨太</p><p>关注</p>{feed}</div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "清源港旧码头经过两年改造" in text
    for later in ("仅提供信息存储服务", "点个赞", "一炮而红", "另一位作者"):
        assert later not in text


def test_pictures_a_script_serves_by_query_are_different_pictures() -> None:
    images = "".join(f'<p><img src="https://img.example.com/images/get_image?id={n}" alt=""></p>' for n in (1, 2))
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article><h1>Pier rebuilt</h1>{ARTICLE_PARAGRAPHS}{images}
    {ARTICLE_PARAGRAPHS}</article></body></html>"""
    figures = [b for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Figure)]
    assert [f.src for f in figures] == [f"https://img.example.com/images/get_image?id={n}" for n in (1, 2)]


def test_a_first_line_that_opens_with_the_authors_name_is_not_a_byline() -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta name="author" content="Ann Lee"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav><div class="story"><h1>Pier rebuilt</h1>
    <p>Ann Lee has fished from this pier for forty years.</p>{ARTICLE_PARAGRAPHS}</div><footer>© 2024</footer></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert text.startswith("Ann Lee has fished from this pier for forty years.")


def test_microdata_a_theme_hides_is_never_read_and_collapsed_content_is() -> None:
    teasers = "".join(
        f'<div class="slide"><h3><a href="/2022/11/{n}/story">Other story number {n} about the new battery plant</a></h3>'
        f'<span class="hidden"><span itemprop="image" itemscope><span itemprop="url">https://news.example.com/wp-content/'
        f'uploads/2022/11/plant-{n}-scaled.jpg</span><span itemprop="height">1707</span><span itemprop="width">2560</span>'
        f'</span><span itemprop="author" itemscope><span itemprop="name">Gerrit Beispiel</span></span>'
        f'<span itemprop="datePublished">2022-11-30 08:44:36</span></span></div>'
        for n in range(1, 9)
    )
    collapsed = "<p>The rest of the story, shown when the reader asks for more: the pier opens at six every morning.</p>"
    page = f"""<html><head><title>Pier rebuilt</title><meta property="article:published_time" content="2022-12-06T08:45:00Z">
    </head><body><nav><a href="/">Home</a></nav><div class="main"><article><h1>Pier rebuilt</h1>
    <p>Veröffentlicht am 06.12.2022</p>
    <span class="hidden"><span itemprop="publisher" itemscope><span itemprop="name">Pier News Verlag GmbH</span></span></span>
    {ARTICLE_PARAGRAPHS}<div class="hide">{collapsed}</div></article>
    <div class="slider">{teasers}</div>
    </div><footer>© 2022</footer></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text) and "the pier opens at six every morning" in text
    for data in ("Pier News Verlag", "scaled.jpg", "1707", "Gerrit Beispiel", "08:44:36", "Veröffentlicht"):
        assert data not in text


def test_an_article_a_page_builder_splits_over_nested_columns_is_read_whole() -> None:
    def column(n: int, sentences: int) -> str:
        text = " ".join(
            f"Section {n}, sentence {k}: the harbour authority explains how the old pier was rebuilt and why."
            for k in range(sentences)
        )
        return f'<div class="wpb_text_column"><div class="wpb_wrapper"><p>{text}</p></div></div>'

    links = "".join(
        f'<li><a href="/shop/{n}">Seminar number {n} on customer service with smart tools</a></li>' for n in range(12)
    )
    promotion = f'<div class="vc_row"><div class="vc_column"><div class="wpb_wrapper"><ul>{links}</ul></div></div></div>'
    rows = (
        f'<div class="vc_row"><div class="vc_column"><div class="wpb_wrapper">{column(1, 3)}{column(2, 12)}<ul>{links}</ul>'
        "</div></div></div>"
        f'{promotion}<div class="vc_row"><div class="vc_column"><div class="wpb_wrapper">{column(3, 4)}</div></div></div>'
        f'{promotion}<div class="vc_row"><div class="vc_column"><div class="wpb_wrapper">{column(4, 3)}</div></div></div>'
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <div class="page">{rows}</div><footer>© 2024 Harbour News</footer></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    for n in range(1, 5):
        assert f"Section {n}, sentence 2:" in text
    assert "Seminar number" not in text


def test_when_the_extractor_returns_the_whole_page_menus_first_the_pages_article_element_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    topics = [f"Topic number {n} of the ministry" for n in range(60)]
    menu = "".join(f'<li><a href="/topic/{n}">{topic}</a></li>' for n, topic in enumerate(topics))
    page = f"""<html><head><title>Pier rebuilt</title></head><body><header><ul>{menu}</ul></header>
    <main><article><h1>Pier rebuilt</h1>{ARTICLE_PARAGRAPHS}</article></main><footer>© 2024</footer></body></html>"""
    paragraphs = re.findall(r"<p>(.*?)</p>", ARTICLE_PARAGRAPHS)
    whole_page = "".join(f"<p><ref>{topic}</ref></p>" for topic in topics) + "".join(f"<p>{p}</p>" for p in paragraphs)
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: f"<doc><main>{whole_page}</main></doc>")
    document, reporter = read(page.encode("utf-8"))
    text = document_text(document)
    assert _whole_report(text) and "Topic number" not in text
    assert any(d.code == "extraction-heuristic" for d in reporter.diagnostics)


def test_ad_slots_that_say_they_are_ads_go_with_their_links_and_blurbs() -> None:
    promoted = (
        '<a class="textgg" href="https://ads.example.com/c?id=7"><i>广告</i><span>通知：留学生注意了，这些问题没准备好先别出发！</span>'
        "<div>×</div></a>"
    )
    sponsored = (
        '<div id="ads"><h3>Sponsored Links</h3><ul><li><h4><a href="https://ads.example.com/1">Boost Your Immune System</a></h4>'
        'Defend yourself against winter infections.</li><li><h4><a href="https://ads.example.com/2">Bonds</a></h4>'
        "Thinking of investing in bonds? Read the latest tips.</li></ul></div>"
    )
    business = (
        "<p><b>Advertising</b> revenue at the harbour's own newspaper fell by a third, its editor said, and the paper "
        'now lists the <a href="https://harbour.example.com/notices">pier notices</a> for free.</p>'
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS[:400]}
    {promoted}{sponsored}{business}{ARTICLE_PARAGRAPHS}</div></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert _whole_report(text) and "revenue at the harbour's own newspaper" in text and "pier notices" in text
    for ad in ("广告", "留学生", "×", "Sponsored", "Immune", "investing in bonds"):
        assert ad not in text


def test_a_japanese_source_and_publication_line_above_the_article_goes() -> None:
    paragraphs = "".join(
        f"<p>第{n}段落：港の古い桟橋が二年間の改修を終えて月曜日に再開し、漁業者たちは待った甲斐があったと話した。</p>"
        for n in range(1, 7)
    )
    page = f"""<html lang="ja"><head><title>桟橋が再開</title>
    <meta property="article:published_time" content="2024-03-05T10:00:00+09:00"></head><body>
    <div class="story"><p>出所：http://j.people.example.com | | 発表時間：2024-03-05</p>{paragraphs}</div></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("第1段落") and len(texts) == 6


def test_a_drop_cap_set_apart_rejoins_its_word() -> None:
    rest = ARTICLE_PARAGRAPHS.replace(
        "<p>Paragraph 1", '<span class="dropcap">P</span><p><a href="/topic/paragraphs">aragraph</a> 1', 1
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{rest}</div></body></html>"""
    document = read(page.encode("utf-8"))[0]
    first = plain_text(next(b for b in document.blocks if isinstance(b, Paragraph)).children)
    assert first.startswith("Paragraph 1 of the report")


def test_a_standfirst_under_the_headline_that_says_the_pages_description_is_kept() -> None:
    standfirst = "Fishermen waited two years for the harbour authority to finish the work on the old pier."
    page = f"""<html><head><title>Pier rebuilt</title><meta name="description" content="{standfirst}"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav><article><header><nav><a href="/news">News</a></nav>
    <h1>Pier rebuilt</h1><div class="sc-fashhx"><p>{standfirst}</p></div><div class="share"><a href="/s">Share</a></div></header>
    <div id="main">{ARTICLE_PARAGRAPHS}</div><section class="comments"><h2>Comments</h2>{_READER_COMMENTS}</section>
    </article><footer>© 2024 Harbour News</footer></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0] == standfirst and _whole_report("\n".join(texts))
    assert "Share" not in texts


_STANDFIRST = "Fishermen waited two years for the harbour authority to finish the work on the old pier."
_DESCRIPTION = "The harbour authority finished the work on the old pier after two years of delays and storms."


@pytest.mark.parametrize(
    ("article", "description"),
    [
        # A BEM header names every part after itself: "post-header__text__dek" is the standfirst, not a header.
        (
            '<header class="post-header"><div class="post-header__text"><h1>Pier rebuilt</h1>'
            f'<p class="post-header__text__dek">{_STANDFIRST}</p></div></header>'
            f'<div class="post-container"><div class="post-content">{ARTICLE_PARAGRAPHS}</div></div>',
            _DESCRIPTION,
        ),
        # The headline's block sits in a wrapper round the body too, named for the layout ("sidebar-grid").
        (
            '<div class="sidebar-grid"><header class="sidebar-grid__header article__header"><div class="hero">'
            f'<h1>Pier rebuilt</h1><p class="hero__excerpt">{_STANDFIRST}</p></div></header>'
            f'<div class="sidebar-grid__main"><div class="article__content">{ARTICLE_PARAGRAPHS}</div></div></div>',
            _STANDFIRST,
        ),
        # Under the headline in an <h3>, its quotes not the description's.
        (
            f'<header class="clearfix"><h1>Pier rebuilt</h1><h3>{_STANDFIRST.replace("the old pier", "the “old pier”")}</h3>'
            f'</header><div class="text-description">{ARTICLE_PARAGRAPHS}</div>',
            _STANDFIRST,
        ),
    ],
)
def test_the_standfirst_under_the_headline_is_kept_however_its_header_is_laid_out(article: str, description: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta name="description" content="{description}"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>{article}</article></main>
    <aside class="related"><a href="/x">Other story one</a></aside><footer>© 2024 Harbour News</footer></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert comparable(texts[0]) == comparable(_STANDFIRST) and _whole_report("\n".join(texts))


def test_the_byline_and_date_under_a_standfirst_are_still_the_openings_furniture() -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta name="description" content="{_STANDFIRST}">
    <meta name="author" content="Marta Cañete"><meta property="article:published_time" content="2024-12-02T10:56:35+01:00">
    </head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><header><h1>Pier rebuilt</h1>
    <h2 class="subtitle">{_STANDFIRST}</h2></header><div id="main"><p class="byline">Marta Cañete</p><p>02/12/2024</p>
    {ARTICLE_PARAGRAPHS}</div></article><footer>© 2024 Harbour News</footer></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0] == _STANDFIRST and texts[1].startswith("Paragraph 1 of the report")


def _poem_page() -> str:
    """A poetry site's page: menus of list items, the poem, and a column of rankings beside it. The
    extractor joins the menus, the poem and the rankings into one line and calls it the article."""

    def menu(words: list[str]) -> str:
        return '<ul class="list-inline">' + "".join(f'<li><a href="/c/{i}">{w}</a></li>' for i, w in enumerate(words)) + "</ul>"

    def ranking(title: str) -> str:
        items = "".join(f'<li><a href="/u/{i}">作者{i}号</a>&nbsp;&nbsp;{100 - i} ({i}次)</li>' for i in range(12))
        return f'<div class="side box"><h4>{title}</h4><div class="tab-title">日榜 周榜 月榜 总榜</div><ol>{items}</ol></div>'

    sections = ["首页", "作品", "作者", "资讯", "投稿", "注册", "登录", "收藏本站"]
    columns = ["每日新作", "名家专栏", "古体诗词", "散文随笔", "排行", "周刊", "精选", "译作", "推荐", "访谈"] * 2
    poem = (
        '<div id="content"><div class="m-lg">灯下翻书到夜深，<br>窗前残雪映清音。<br>一壶老酒三更月，<br>半卷闲诗万古心。</div>'
        '<div class="noteBox">注释：<div class="noteCon">冬夜安静，独自在灯下读书，窗外的积雪映着月光；温一壶老酒，读几页旧诗，'
        "觉得古往今来的心事都在这几行字里，于是写下这首小诗，记下这个安静的夜晚。</div></div></div>"
    )
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><title>冬夜读书_诗歌网</title></head><body>
    <div class="container-fluid">{menu(sections)}</div><div class="container"><div class="row">{menu(columns)}</div></div>
    <div class="menu">{menu(columns)}</div><div class="container"><div class="row"><div class="crumb">首页 / 诗歌</div></div>
    <div class="row"><div class="col-md-8"><h3>冬夜读书</h3><div class="row"><span>作者：山中客</span>
    <span>2020年01月12日18:32</span></div>{poem}<ul><li>上一篇：<a href="/p/1">春日</a></li></ul></div>
    <div class="col-md-4">{ranking("作者热力榜")}{ranking("作品热力榜")}{ranking("资讯热力榜")}</div></div></div>
    <div class="footer"><p>版权所有 诗歌网</p></div></body></html>"""


def test_when_the_extractor_joins_menus_and_rankings_into_its_article_the_prose_decides_the_region() -> None:
    document, reporter = read(_poem_page().encode("utf-8"))
    text = document_text(document)
    assert "窗前残雪映清音。" in text and "记下这个安静的夜晚" in text
    for furniture in ("热力榜", "作者3号", "名家专栏", "收藏本站"):
        assert furniture not in text
    assert not reporter.warnings  # the region holds the article's prose: nothing is reported missing


@pytest.mark.parametrize(
    "line",
    [
        "Updated 10:31 AM ET, Thu March 5, 2020",
        "March 5, 2020 / 10:31 AM / Updated 2 hours ago",
        "Posted: Mar 5, 2020 / 10:31 AM EST / Updated: Mar 5, 2020 / 11:00 AM EST",
        "Last Modified: March 5, 2020 at 10:31 a.m.",
    ],
)
def test_a_date_line_written_time_first_or_in_parts_above_the_article_goes(line: str) -> None:
    page = f"""<html lang="en"><head><title>Pier rebuilt</title>
    <meta property="article:published_time" content="2020-03-05T10:31:00Z"></head><body><nav><a href="/">Home</a></nav>
    <article><h1>Pier rebuilt</h1><p>{line}</p><div class="body">{ARTICLE_PARAGRAPHS}</div></article></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("Paragraph 1 of the report") and len(texts) == 6


def test_a_line_that_only_mentions_a_year_opens_the_article() -> None:
    page = f"""<html lang="en"><head><title>Pier rebuilt</title>
    <meta property="article:published_time" content="2020-03-05T10:31:00Z"></head><body><nav><a href="/">Home</a></nav>
    <article><h1>Pier rebuilt</h1><p>In March 2020, at last, the pier reopened.</p><div class="body">{ARTICLE_PARAGRAPHS}</div>
    </article></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0] == "In March 2020, at last, the pier reopened."


def test_a_caption_the_page_names_inline_after_its_image_is_the_images_caption() -> None:
    photo = (
        '<p class="caption-image-wrapper"><img src="https://img.example.com/pier.jpg" alt="The pier" width="725" height="380">'
        ' <span class="source_link picCaption">harbourphotos.example.com/Pinterest</span></p>'
        '<p><img src="https://img.example.com/boat.jpg" alt="A boat" width="725" height="380"> <span class="note">Open daily</span></p>'
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS[:400]}{photo}
    {ARTICLE_PARAGRAPHS}</div></body></html>"""
    document = read(page.encode("utf-8"))[0]
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [f.caption for f in figures] == ["harbourphotos.example.com/Pinterest", ""]
    texts = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert "harbourphotos.example.com/Pinterest" not in texts and "Open daily" in texts


_PHOTO = '<img src="https://img.example.com/ferry.jpg" width="600" height="400">'


@pytest.mark.parametrize(
    "photo",
    [
        f'<p class="f_center">{_PHOTO}<br>渡轮停靠在港口。</p>',  # under a line break, in the photo's centred paragraph
        f'<p class="detailPic">{_PHOTO}</p><p class="picIntro"><span>渡轮停靠在港口。</span></p>',
        f'<p class="photo_img">{_PHOTO}</p><p class="photo_title">渡轮停靠在港口。</p>',
        f"<center>{_PHOTO}<br>渡轮停靠在港口。</center>",  # an old page's <center>
        # … with a spacer image and more breaks around the caption
        f"<center>{_PHOTO}<br><img src='https://img.example.com/c.gif' height='5'><br>渡轮停靠在港口。 <!--br--><br><br></center>",
    ],
)
def test_portal_photo_captions_are_captions(photo: str) -> None:
    html = _page("", body_extra=photo + _BODY)
    document = _read_page(html)
    assert [b.caption for b in document.blocks if isinstance(b, Figure)] == ["渡轮停靠在港口。"]
    assert not any("渡轮停靠" in plain_text(b.children) for b in document.blocks if isinstance(b, (Paragraph, Heading)))


@pytest.mark.parametrize("credit", ["题图来自 Hater", "◎照片來源：港務局"])
def test_a_chinese_credit_line_under_a_photo_is_its_caption_and_never_a_heading(credit: str) -> None:
    document = _read_page(_page("", body_extra=f"<p>{_PHOTO}</p><p>{credit}</p>" + _BODY))
    assert [b.caption for b in document.blocks if isinstance(b, Figure)] == [credit]
    assert not any(credit in plain_text(b.children) for b in document.blocks if isinstance(b, (Paragraph, Heading)))


@pytest.mark.parametrize("line", ["原标题：渡轮码头重建工程完工", "新頭殼newtalk2014.10.24 金名/高雄報導"])
def test_an_original_headline_or_a_reporters_dateline_is_never_made_a_heading(line: str) -> None:
    document = _read_page(_page("", body_extra=f"<p><b>{line}</b></p>" + _BODY))
    assert not any(line in plain_text(b.children) for b in document.blocks if isinstance(b, Heading))


@pytest.mark.parametrize(
    ("byline", "authors"), [("记者 张三 通讯员 李四 摄影 王五", ("张三", "李四")), ("<b>东方网·纵相新闻记者 单珊</b>", ("单珊",))]
)
def test_a_chinese_byline_above_the_article_names_its_writers_and_goes(byline: str, authors: tuple[str, ...]) -> None:
    document = _read_page(
        _page("", body_extra="").replace("<div class='article-body'>", f"<div class='article-body'><p>{byline}</p>")
    )
    assert document.meta.authors == authors
    texts = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("第0段") and not any("记者" in t for t in texts)


@pytest.mark.parametrize(
    "sentence",
    [
        "美国司法部没有立即发表评论，但此前曾表示，苹果公司的手机利润比任何竞争对手都高。",
        "第十二条　未经许可，任何单位和个人不得使用他人的注册商标。",
        "截至目前，已有超过一亿用户下载了这款APP。",
        "会议呼吁网民文明上网、理性发言，共同维护网络秩序。",
        "他说，这一声明并不代表政府的立场。",
        "打开窗户，看更多风景。",
        "本文地址位于北京市东城区，记者前往实地探访。",
        "大中小学校将于9月1日同时开学。",
    ],
)
def test_news_sentences_that_name_a_widgets_words_stay(sentence: str) -> None:
    document = _read_page(_page("", body_extra=f"<p>{sentence}</p>" + _BODY))
    assert sentence in [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]


def test_a_date_line_of_another_year_than_the_pages_date_stays() -> None:
    line = "March 5, 2019 / 10:31 AM"  # the release the article is about, a year before the page
    page = f"""<html lang="en"><head><title>Pier rebuilt</title>
    <meta property="article:published_time" content="2020-03-05T10:31:00Z"></head><body><nav><a href="/">Home</a></nav>
    <article><h1>Pier rebuilt</h1><p>{line}</p><div class="body">{ARTICLE_PARAGRAPHS}</div></article></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0] == line


@pytest.mark.parametrize(
    "sentence",
    [
        "The council urged residents to sign up for the flood warning newsletter before the winter storms.",
        "Or so the harbour master said.",
        "Photographers who got a story out of the storm were praised by the mayor.",
        "The report said the harbour board's views are not necessarily those of the council.",
    ],
)
def test_news_sentences_that_look_like_an_english_pitch_stay(sentence: str) -> None:
    assert sentence in _story_text(f"<p>{sentence}</p>")


def _story_text(inside: str) -> str:
    """The text docconv reads from a story page with ``inside`` between the article's paragraphs."""
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{ARTICLE_PARAGRAPHS}
    {inside}{ARTICLE_PARAGRAPHS}</div></body></html>"""
    return document_text(read(page.encode("utf-8"))[0])


def test_labels_for_screen_readers_only_are_not_read() -> None:
    sections = "".join(
        f'<section><div class="visually-hidden">Article content</div><p>Part {n} of the story about the pier, '
        "which the council rebuilt after the storm and opened again to the public in May.</p></section>"
        for n in range(6)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article>{sections}
    <p><span class="sr-only">Image caption,</span> The pier at dawn.</p></article></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Part 5 of the story" in text and "The pier at dawn." in text
    assert "Article content" not in text and "Image caption" not in text


def test_an_amp_image_holding_its_placeholder_is_an_image() -> None:
    photo = (
        '<div class="image-container"><figure><amp-img src="https://img.example.com/ivy.jpg" alt="english ivy" '
        'layout="responsive" width="615" height="442"><div class="placeholder" placeholder></div></amp-img></figure>'
        '<figcaption><span class="caption">English ivy is easy to grow</span></figcaption></div>'
    )
    document = _article_with(photo)
    assert [(b.src, b.caption) for b in document.blocks if isinstance(b, Figure)] == [
        ("https://img.example.com/ivy.jpg", "English ivy is easy to grow")
    ]


@pytest.mark.parametrize(
    ("description", "credit"),
    [
        ("<div>Fans held up a banner backing the pier's fishermen</div>", "<div>REUTERS</div>"),
        ("<h1>The mayor, second left, opens the rebuilt pier on Monday.</h1>", "<p>Photo: AFP</p>"),
    ],
)
def test_a_line_under_an_image_that_a_credit_closes_is_its_caption(description: str, credit: str) -> None:
    photo = f'<div class="photo"><img src="https://img.example.com/pier.jpg" width="600" height="400">{description}</div>{credit}'
    document = _article_with(photo)
    described = re.sub(r"<[^>]+>", "", description).replace("&#x27;", "'")
    credited = re.sub(r"<[^>]+>", "", credit)
    assert [b.caption for b in document.blocks if isinstance(b, Figure)] == [f"{described} {credited}"]
    assert not any(credited in block_line for block_line in _block_lines(document))


def _block_lines(document: Document) -> list[str]:
    return [plain_text(b.children) for b in document.blocks if isinstance(b, (Paragraph, Heading))]


def _live_entry(n: int) -> str:
    return (
        f'<div class="entry"><div class="entry-info"><time>{n + 1} mins ago</time>1{n}:48 '
        f'<a href="/journalist/{n}/Jon-King">Jon King</a></div><h3>Update {n} on the pier</h3><div class="entry-text">'
        f'<p>The council said the pier would open on Friday, <a href="/news/{n}/pier-opening-date-confirmed">a date '
        f"confirmed by the harbour master this morning</a>, after the last inspection.</p>"
        f"<p>Fishermen said update {n} came as a relief after a winter of waiting for the repairs to end.</p></div></div>"
    )


def test_a_live_blogs_entries_are_the_article_and_their_heads_are_not() -> None:
    entries = "".join(_live_entry(n) for n in range(5))
    page = f"""<html><head><title>Pier rebuilt: live</title></head><body><article><div class="story">
    {ARTICLE_PARAGRAPHS[:600]}<p>Get the latest news to your phone. Join us on WhatsApp</p>
    <div class="live-events">{entries}</div></div></article></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert all(f"update {n} came as a relief" in text for n in range(5))
    assert "Jon King" not in text and "mins ago" not in text and "WhatsApp" not in text


@pytest.mark.parametrize("line", ["20:24Antony Clements-Thrower", "19:11KEY EVENT", "2 hours ago10:05 Jon King"])
def test_a_live_blog_entrys_head_is_not_the_article(line: str) -> None:
    assert line not in _story_text(f"<p>{line}</p>")


def test_a_schedules_times_stay() -> None:
    text = _story_text("<p>10:00 Keynote</p><p>11:30 Panel on the harbour</p>")
    assert "10:00 Keynote" in text and "11:30 Panel on the harbour" in text


def test_the_article_a_paywall_hides_is_read_and_its_subscription_box_is_not() -> None:
    withheld = "".join(
        f"<p>Part {n} of the rest of the story, which the paywall hides until the reader subscribes to the paper "
        "or logs in with an account.</p>"
        for n in range(4)
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article><div class="story">{ARTICLE_PARAGRAPHS}
    <div class="paywall" hidden>{withheld}</div>
    <div class="paywall-offer" hidden><p>Subscribe for 1 euro a month.</p></div>
    <div class="menu" hidden><p>Sections of the site, long enough to be read as prose if shown.</p>
    <p>Another hidden line of the site's menu, long enough to be taken for prose.</p></div></div></article></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert all(f"Part {n} of the rest of the story" in text for n in range(4))
    assert "Subscribe for 1 euro" not in text and "Sections of the site" not in text


@pytest.mark.parametrize("line", ["25/04/2026 Actualizado a las 15:10h.", "Stand: 22.04.2026, 10:15 Uhr"])
def test_a_date_line_in_another_european_language_above_the_article_goes(line: str) -> None:
    page = f"""<html><head><title>Pier rebuilt</title>
    <meta property="article:published_time" content="2026-04-25T15:10:00+02:00"></head><body><article>
    <h1>Pier rebuilt</h1><p>{line}</p>{ARTICLE_PARAGRAPHS}</article></body></html>"""
    document = read(page.encode("utf-8"))[0]
    assert line not in document_text(document) and document.meta.date is not None


def test_a_figure_written_inside_a_paragraph_keeps_its_caption_on_its_image() -> None:
    photo = (
        '<p dir="ltr"><span><figure class="imageMedia"><div class="placeholder"><img src="https://img.example.com/pier.jpg" '
        'alt="The pier"></div><figcaption>The mayor opens the rebuilt pier on Monday. (Harbour News)</figcaption></figure>'
        "</span></p>"
    )
    document = _article_with(photo)
    figures = [b for b in walk_blocks(document.blocks) if isinstance(b, Figure)]
    inline = [i.figure for b in document.blocks if isinstance(b, Paragraph) for i in b.children if hasattr(i, "figure")]
    assert [f.caption for f in [*figures, *inline]] == ["The mayor opens the rebuilt pier on Monday. (Harbour News)"]
    assert not any("The mayor opens" in line for line in _block_lines(document))


def test_a_figures_text_without_a_figcaption_is_its_caption() -> None:
    photo = (
        '<figure class="image-figure"><picture><source srcset="https://img.example.com/pier.webp" type="image/webp">'
        '<img src="https://img.example.com/pier.jpg" alt="People in a room."></picture><div class="media-caption">'
        '<span class="h-offscreen">Legend:</span><span class="description">The harbour board met on Saturday evening to '
        "discuss the storm damage and the cost of repairing the pier before the summer season begins.</span>"
        '<span class="source">Harbour News/Jane Doe</span></div></figure>'
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article>{ARTICLE_PARAGRAPHS}{photo}
    {ARTICLE_PARAGRAPHS}<div id="printbox">This article was printed from https://news.example.com/pier</div>
    </article></body></html>"""
    document = read(page.encode("utf-8"))[0]
    [figure] = [b for b in document.blocks if isinstance(b, Figure)]
    assert figure.caption.startswith("The harbour board met") and figure.caption.endswith("Harbour News/Jane Doe")
    text = document_text(document)
    assert "Legend:" not in text and "printed from" not in text


def test_another_storys_teaser_with_its_more_link_is_not_the_article() -> None:
    teaser = (
        '<div class="contentbox"><div class="boxhead">More information</div><h2><a href="/news/comet.html">'
        "Dentist discovers an unknown comet</a></h2><p>The dentist spotted it on telescope images; the comet now "
        'bears his name. <a class="cta" href="/news/comet.html">more</a></p></div>'
    )
    closing = "<p>The harbour master said the pier would open at ten, <a href='/news/pier.html'>as planned</a>.</p>"
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article>{ARTICLE_PARAGRAPHS}{teaser}
    {ARTICLE_PARAGRAPHS}{closing}</article></body></html>"""
    text = document_text(read(page.encode("utf-8"))[0])
    assert "Dentist discovers" not in text and "telescope images" not in text
    assert "would open at ten, as planned." in text


def test_the_box_about_the_writer_under_the_article_is_not_the_article() -> None:
    bio = (
        '<div class="author author__default-layout"><div class="author__bio-wrapper"><div class="author__biography">'
        "<p>A 38-year industry veteran and award-winning journalist, Jane has covered the harbour since the ferries "
        "ran on coal and its board met in a pub.</p></div></div></div>"
    )
    also = '<p>ALSO READ: <a href="/news/ferry.html">Ferry fares to rise again in April, the board says</a></p>'
    page = f"""<html><head><title>Pier rebuilt</title><meta name="author" content="Jane Doe"></head><body><article>
    {ARTICLE_PARAGRAPHS}{also}{ARTICLE_PARAGRAPHS}{bio}</article></body></html>"""
    document = read(page.encode("utf-8"))[0]
    text = document_text(document)
    assert "industry veteran" not in text and "Ferry fares to rise" not in text
    assert document.meta.authors == ("Jane Doe",)


_JA_BODY = "".join(
    f"<p>第{n}報。１３日午後９時ごろ、宮崎県で震度５弱の地震があった。気象庁によると、震源地は日向灘で、津波の心配はないという。</p>"
    for n in range(3)
)


def _ja_page(article: str) -> str:
    return (
        '<html lang="ja"><head><title>宮崎で震度５弱</title></head><body><nav><a href="/">トップ</a><a href="/a">社会</a>'
        f'<a href="/b">経済</a></nav><main><article><h1>宮崎で震度５弱</h1>{article}</article></main>'
        "<footer>Copyright 中日新聞社</footer></body></html>"
    )


def test_a_japanese_papers_paywall_notice_ends_the_article_with_its_pitch_and_lists() -> None:
    tail = (
        "<p>この記事は会員限定です。<br>紙の新聞の定期購読者の方は、無料で会員登録できます。</p><p>会員向け記事が読み放題</p>"
        "<p>関連キーワード</p><ul><li><a href='/tag/1'>社会</a></li></ul><p>記事に『リアクション』ができます。ご利用には会員登録が必要です。</p>"
    )
    text = document_text(read(_ja_page(_JA_BODY + tail).encode("utf-8"))[0])
    assert "第2報" in text
    assert not any(word in text for word in ("会員限定", "読み放題", "関連キーワード", "社会", "リアクション"))


def test_a_paywall_notice_followed_by_the_article_does_not_cut_it() -> None:
    rest = "".join(
        f"<p>続報{n}。気象庁は記者会見で、南海トラフ地震との関連を調べた結果、特段の変化は観測されなかったと発表した。"
        "日頃からの備えを確実にしてほしいと呼びかけた。</p>"
        for n in range(3)
    )
    page = _ja_page(f"{_JA_BODY}<p>この記事は会員限定です。</p>{rest}")
    assert "続報2。" in document_text(read(page.encode("utf-8"))[0])


def test_a_gallery_strip_does_not_show_the_lead_picture_again_and_a_click_target_is_not_an_image() -> None:
    strip = "".join(
        f'<li><img src="//img.example.jp/photo_{n}.jpg" alt="写真{n}" data-url="/article_photo/list?id=1&amp;pid={n}"></li>'
        for n in (1, 2)
    )
    lead = '<div class="thumb"><img src="//img.example.jp/photo_1.jpg" alt="検討会"><p class="thumb-caption">気象庁で開かれた検討会</p></div>'
    gallery = f'<div class="wrp">{lead}<ul class="list">{strip}</ul></div>'
    document = read(_ja_page(_JA_BODY + gallery + _JA_BODY.replace("第", "続報")).encode("utf-8"))[0]
    figures = [b for b in walk_blocks(document.blocks) if isinstance(b, Figure)]
    assert [f.src.rsplit("/", 1)[-1] for f in figures] == ["photo_1.jpg", "photo_2.jpg"]


def test_lines_naming_linked_places_one_after_another_end_the_article_as_its_own() -> None:
    towns = "".join(
        f'<p><a href="/area/{n}/">{pref}</a>：'
        + "、".join(f'<a href="/topics/word/{town}.html">{town}</a>' for town in towns)
        + "</p>"
        for n, (pref, towns) in enumerate(
            [("大分県", ("大分市", "臼杵市", "佐伯市", "竹田市")), ("鹿児島県", ("鹿児島市", "霧島市", "伊佐市", "姶良市"))]
        )
    )
    text = document_text(read(_ja_page(f"{_JA_BODY}<p>各地の震度は次のとおり。</p>{towns}").encode("utf-8"))[0])
    assert "大分県：大分市、臼杵市、佐伯市、竹田市" in text and "鹿児島県：鹿児島市、霧島市、伊佐市、姶良市" in text


def test_a_picture_whose_caption_repeats_a_line_of_the_article_keeps_the_picture_without_it() -> None:
    line = "The pier reopened on Monday after a winter of repairs."
    card = f'<figure><img src="https://img.example.com/card.jpg" alt="{line}"><figcaption>{line}</figcaption></figure>'
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article><p>{line}</p>{ARTICLE_PARAGRAPHS}
    {card}</article></body></html>"""
    document = read(page.encode("utf-8"))[0]
    assert [(b.caption, b.alt) for b in document.blocks if isinstance(b, Figure)] == [("", "")]
    assert _block_lines(document).count(line) == 1


def _article_with(inside: str) -> Document:
    """The document docconv reads from an ``<article>`` with ``inside`` between its paragraphs."""
    page = f"""<html><head><title>Pier rebuilt</title></head><body><article>{ARTICLE_PARAGRAPHS}{inside}
    {ARTICLE_PARAGRAPHS.replace("the report", "the second report")}</article></body></html>"""
    return read(page.encode("utf-8"))[0]


@pytest.mark.parametrize(
    "credit", ["Foto: PAP", "Фото: Дмитрий Азаров, Коммерсантъ", "Bild: dpa", "사진=연합뉴스", "Illustration by Mike Nudelman"]
)
def test_a_credit_in_another_language_under_a_picture_closes_its_caption_and_is_never_a_heading(credit: str) -> None:
    photo = f'<div class="photo"><img src="https://img.example.com/pier.jpg" alt="The rebuilt pier"></div><p>{credit}</p>'
    document = _article_with(photo)
    assert [b.caption for b in document.blocks if isinstance(b, Figure)] == [credit]
    assert not any(isinstance(b, Heading) for b in document.blocks)
    assert credit not in _block_lines(document)


def test_a_caption_the_page_repeats_for_its_full_screen_view_is_written_once() -> None:
    caption = '<p class="media__text">The rebuilt pier at dawn<br></p><p class="media__src">Фото: Дмитрий Азаров</p>'
    photo = (
        f'<div class="media"><figure><img src="https://img.example.com/pier.jpg" alt="The rebuilt pier at dawn">'
        f'<figcaption>{caption}</figcaption></figure><div class="modal-aside"><figcaption>{caption}</figcaption></div></div>'
    )
    document = _article_with(photo)
    assert [b.caption for b in document.blocks if isinstance(b, Figure)] == ["The rebuilt pier at dawn Фото: Дмитрий Азаров"]
    assert not any(isinstance(b, Heading) for b in document.blocks)
    assert not any("pier at dawn" in line or "Азаров" in line for line in _block_lines(document))


def test_a_line_under_a_described_picture_that_a_credit_follows_stays_the_article() -> None:
    line = "The harbour authority found the old piles rotten and replaced every one of them before the spring."
    photo = f'<img src="https://img.example.com/pier.jpg" alt="Workers on the pier"><p>{line}</p><p>Photo: Harbour Authority</p>'
    document = _article_with(photo)
    assert line in _block_lines(document)
    assert [b.alt for b in document.blocks if isinstance(b, Figure)] == ["Workers on the pier"]


def test_a_share_bars_flyout_panels_are_not_the_article() -> None:
    flyout = (
        '<div class="util-bar-flyout"><div class="util-bar-flyout-pane util-bar-flyout-pane-success">'
        '<h4 class="util-bar-success-title">Posted!</h4><p class="util-bar-success-description">A link has been posted to your '
        'feed.</p></div><div class="util-bar-flyout-pane"><h2>Verifying your credentials...</h2><p>Please wait.</p></div></div>'
    )
    lines = _block_lines(_article_with(flyout))
    assert not any("Posted" in line or "credentials" in line or "Please wait" in line for line in lines)
    assert sum(line.startswith("Paragraph") for line in lines) == 12


def test_a_heading_that_says_the_pages_description_is_the_standfirst_not_a_section() -> None:
    standfirst = "After a week of turmoil, the harbour authority won an easy round of applause at the fishermen's congress."
    page = f"""<html><head><title>Pier rebuilt</title><meta name="description" content="{standfirst}"></head><body><article>
    <h2><span class="slug">Analysis</span> {standfirst}</h2>{ARTICLE_PARAGRAPHS}<h2>What comes next</h2>{ARTICLE_PARAGRAPHS}
    </article></body></html>"""
    document = read(page.encode("utf-8"))[0]
    assert [plain_text(b.children) for b in document.blocks if isinstance(b, Heading)] == ["What comes next"]
    assert f"Analysis {standfirst}" in _block_lines(document)


def test_a_headline_the_description_repeats_is_still_the_title_not_a_paragraph() -> None:
    headline = "Harbour authority reopens the old pier after a winter of repairs"
    page = f"""<html><head><title>{headline}</title><meta name="description" content="{headline}"></head><body><article>
    <h1>{headline}</h1>{ARTICLE_PARAGRAPHS}</article></body></html>"""
    document = read(page.encode("utf-8"))[0]
    assert document.meta.title == headline
    assert headline not in _block_lines(document)


@pytest.mark.parametrize("declared", ["en-US", "utf-8"])
def test_a_chinese_pages_zoneless_date_is_beijing_time_whatever_lang_its_template_declares(declared: str) -> None:
    html = _page("").replace("<html lang='zh-CN'>", f"<html lang='{declared}'>")
    html = html.replace("<head>", "<head><meta name='publishdate' content='2015-06-19 11:20:11'>")
    document = _read_page(html)
    assert document.meta.date is not None and document.meta.date.isoformat() == "2015-06-19T11:20:11+08:00"


def test_a_byline_that_credits_the_site_goes_though_the_site_is_no_author() -> None:
    page = f"""<html><head><title>Pier rebuilt</title><meta property="og:site_name" content="Harbour News">
    <meta name="author" content="Harbour News"></head><body><article><p>Von Harbour News, jse</p>{ARTICLE_PARAGRAPHS}
    </article></body></html>"""
    document = read(page.encode("utf-8"))[0]
    assert document.meta.authors == ()
    assert _block_lines(document)[0].startswith("Paragraph 1")


def test_a_srcset_of_widths_without_addresses_names_no_image() -> None:
    blank = '<figure><img src="" alt="" srcset=" 150w,  640w,  1920w"></figure>'
    photo = '<figure><img src="/a.jpg" srcset="/a-small.jpg 320w, /a-large.jpg 1280w, 1920w"></figure>'
    document = _article_with(blank + photo)
    assert [f.src for f in figures(document.blocks)] == ["/a.jpg"]


def test_a_photo_credit_whose_photo_the_page_did_not_give_goes() -> None:
    orphan = (
        "<div class='InlineImage-imageEmbedCredit'>Steven Puetzer | The Image Bank | Getty Images</div><p>Photo: Getty Images</p>"
    )
    above = "<p>Photo: Ann Marsh</p><figure><img src='https://img.example.com/pier.jpg'></figure>"
    page = f"""<html><head><title>Pier rebuilt</title></head><body><div class="story">{orphan}{ARTICLE_PARAGRAPHS}{above}
    <p>The council will meet again in spring, the harbour master said on Tuesday after the vote.</p></div></body></html>"""
    document, _ = read(page.encode("utf-8"), extract=False)
    text = document_text(document)
    assert text.startswith("Paragraph 1 of the report") and "Getty Images" not in text
    assert "Photo: Ann Marsh" in text  # a credit printed above its picture


def test_a_caption_that_says_what_the_alt_says_is_written_once() -> None:
    figure = '<figure><img src="https://img.example.com/pier.jpg" alt="The pier at dawn [Wenn]"><figcaption>The pier at dawn [Wenn]</figcaption></figure>'
    document = _article_with(figure)
    assert [(f.alt, f.caption) for f in figures(document.blocks)] == [("", "The pier at dawn [Wenn]")]
    markdown = docconv.render(document, "markdown", offline=True).data.decode("utf-8")
    assert markdown.count("The pier at dawn") == 1


def test_a_picture_whose_img_holds_a_placeholder_shows_its_sources_image() -> None:
    placeholder = "data:image/gif;base64,R0lGODlhAQABAPAAAPLy8gAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw=="
    figure = (
        '<figure><picture><source type="image/webp" srcset="/images/hero.webp 2x, /images/hero-small.webp 1x">'
        f'<img src="{placeholder}" alt="The pier"></picture><figcaption>The pier at dawn. Photo: Ann Marsh</figcaption></figure>'
    )
    document = _article_with(figure)
    assert [(f.src, f.caption) for f in figures(document.blocks)] == [("/images/hero.webp", "The pier at dawn. Photo: Ann Marsh")]


def test_a_gallery_figure_leaves_each_photo_its_own_caption_and_none_becomes_a_heading() -> None:
    slides = "".join(
        f"<li><figure><img src='https://img.example.cn/{name}.jpg' alt='{name}'>"
        f"<figcaption><span>{caption}</span> <span class='credit'>{credit}</span></figcaption></figure></li>"
        for name, caption, credit in (
            ("control", "港口调度中心仍在施工中，工人正在安装设备。", "资料图"),
            ("office", "公司新办公室位于港区东侧的大楼里。", "记者 王明 摄"),
        )
    )
    document = _read_page(_page("", f"<figure class='gallery'><ul>{slides}</ul></figure><p>{'画廊之后的正文继续。' * 8}</p>"))
    figures = [b for b in walk_blocks(document.blocks) if isinstance(b, Figure)]
    assert [(f.src.rsplit("/", 1)[-1], f.caption) for f in figures] == [
        ("control.jpg", "港口调度中心仍在施工中，工人正在安装设备。 资料图"),
        ("office.jpg", "公司新办公室位于港区东侧的大楼里。 记者 王明 摄"),
    ]
    assert not [b for b in walk_blocks(document.blocks) if isinstance(b, Heading) and "施工" in plain_text(b.children)]


@pytest.mark.parametrize("html", ["<div><h1>Only a headline here</h1></div>", "<div><h2>000。0</h2></div>", "<p>Hello there</p>"])
def test_a_page_that_says_only_its_headline_keeps_it_as_title_and_body(html: str) -> None:
    document = _read_page(html)
    headline = re.sub(r"<[^>]+>", "", html)
    assert document.meta.title == headline
    assert document_text(document).strip().endswith(headline)


def test_an_editors_excerpt_copied_from_the_article_is_read_where_the_writer_put_it() -> None:
    excerpt = "今日俄罗斯评价称，此次抗议游行是塞尔维亚十年来规模最大的一次，塞尔维亚人始终对组织大规模抗议持谨慎态度。"
    body = _BODY.replace("<p>第3段", f"<p>{excerpt}</p><p>第3段")
    document = _read_page(_page(f"<div class='introduction'>{excerpt}</div>").replace(_BODY, body))
    texts = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert texts.count(excerpt) == 1
    assert texts.index(excerpt) == texts.index(next(t for t in texts if t.startswith("第3段"))) - 1


def _harbour_page(inside: str, after: str = "", author: str = "Stephanie Bazzle") -> list[str]:
    """The paragraphs docconv reads from a news page with ``inside`` after its third paragraph and
    ``after`` after its last."""
    cut = ARTICLE_PARAGRAPHS.index("<p>Paragraph 4")
    page = f"""<html><head><title>Pier rebuilt</title><meta name="author" content="{author}">
    <link rel="canonical" href="https://harbour.example.com/news/pier-rebuilt"></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Pier rebuilt</h1><div class="story">
    {ARTICLE_PARAGRAPHS[:cut]}{inside}{ARTICLE_PARAGRAPHS[cut:]}{after}</div></article>
    <footer>© 2024 Harbour News</footer></body></html>"""
    document = read(page.encode("utf-8"))[0]
    return [block_text(b) for b in walk_blocks(document.blocks) if isinstance(b, (Paragraph, Heading))]


@pytest.mark.parametrize(
    "inside",
    [
        # Other stories' headlines shouted as lines of their own, and the app's plug in the same voice.
        "<p><strong><a href='https://harbour.example.com/news/ferry-fares'>FERRY FARES RISE AGAIN AS ISLANDERS PROTEST</a>"
        "</strong></p><p><a href='https://harbour.example.com/apps'>CLICK HERE TO GET THE HARBOUR NEWS APP</a></p>",
        # A box of the publisher's links: live updates, a call for readers, a newsletter.
        "<ul><li><b>Today’s news:</b> <a href='/live'>Follow live updates</a> from the harbour.</li>"
        "<li><b>We want to hear from you:</b> Do you fish from the pier? <a href='/form'>Tell us</a> about it.</li>"
        "<li><b>Harbour Watch:</b> Sign up for our weekly harbour newsletter to get it in your inbox.</li>"
        "<li><b>Our role:</b> Harbour News has covered the port since 1921.</li></ul>",
        # A login prompt and a share bar that repeats the headline.
        "<p>Sign In or Create an Account</p><p>Share this Story : Pier rebuilt</p>",
        # An ad slot's label set as a heading, a download button, a channel pitch, a "read also" in Indonesian.
        "<h2>Sponsored</h2><p>Download Article</p>"
        "<p>* Follow Official WhatsApp Channel Harbour News untuk mendapatkan berita terkini.</p>"
        "<p>BACA JUGA: <a href='https://harbour.example.com/news/ferry'>Harga tiket feri naik lagi bulan depan</a></p>",
        # The site's other stories listed inside the article, each a linked headline after its topic.
        "<ul>"
        + "".join(
            f"<li><strong>{topic}:</strong> <a href='https://harbour.example.com/news/{n}'>{headline}</a></li>"
            for n, (topic, headline) in enumerate(
                [
                    ("Ferries", "Fares rise again as islanders protest the new timetable"),
                    ("Weather", "Storm warning for the coast lifted after two days"),
                    ("Fishing", "Cod quotas cut for the third year running in the bay"),
                ]
            )
        )
        + "</ul>",
        # The post's categories set side by side as buttons, and a breaking story's notice.
        "<p><a href='/c/ferries'>Ferries</a><a href='/c/harbour'>Harbour</a><a href='/c/news'>News</a></p>"
        "<p>This is a breaking news story - more to follow</p>",
        # The boxes a page shows in place of an embed until the reader consents to its cookies.
        "<p>To view this embedded content, you need to accept cookies from the video platform.</p>"
        "<p>An dieser Stelle findest du einen externen Inhalt von YouTube, der den Artikel ergänzt.</p>"
        "<p>This content is not available due to your privacy preferences. Update your settings here to see it.</p>",
    ],
)
def test_the_publishers_lines_inside_the_article_are_not_the_article(inside: str) -> None:
    texts = _harbour_page(inside)
    assert [t[:11] for t in texts] == [f"Paragraph {n}" for n in range(1, 7)]


def test_the_note_on_the_writer_under_the_article_goes_with_the_name_over_it() -> None:
    note = (
        "<h2>Stephanie Bazzle</h2><p>Steph Bazzle covers politics and the sea, always aiming for a world free of "
        "red tape. Follow Steph on Twitter @steph.</p>"
    )
    assert [t[:11] for t in _harbour_page("", note)] == [f"Paragraph {n}" for n in range(1, 7)]
    # A closing paragraph about someone else who "is" something stays.
    other = "<p>Stephen Moore is the harbour master and has run the port for ten years, the authority said.</p>"
    assert _harbour_page("", other)[-1].startswith("Stephen Moore is the harbour master")


def test_a_line_drawn_with_underscores_or_stars_is_a_thematic_break() -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav><article>
    <h1>Pier rebuilt</h1><div class="story">{ARTICLE_PARAGRAPHS}<p>________________________</p>
    {ARTICLE_PARAGRAPHS.replace("Paragraph", "Section")}<p>* * *</p>{ARTICLE_PARAGRAPHS.replace("Paragraph", "Coda")}</div>
    </article><footer>© 2024 Harbour News</footer></body></html>"""
    document = read(page.encode("utf-8"))[0]
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph"] * 6 + ["Rule"] + ["Paragraph"] * 6 + ["Rule"] + ["Paragraph"] * 6


def test_a_series_name_in_the_headlines_link_is_no_standfirst() -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav><article>
    <header class="post-header"><a class="brand-link" href="/news/pier-rebuilt"><h1 class="post-title">Pier rebuilt</h1>
    <p class="post-subtitle">Reader Harbour Remodel Series Guide</p></a></header>
    <div class="post-body">{ARTICLE_PARAGRAPHS}</div></article><footer>© 2024 Harbour News</footer></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("Paragraph 1") and "Reader Harbour Remodel" not in " ".join(texts)


def test_a_byline_that_says_the_writers_role_names_the_author_and_goes() -> None:
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav><article>
    <h1>Pier rebuilt</h1><div class="story"><p>Lena deCasparis | Contributing Writer | 5 days ago</p>{ARTICLE_PARAGRAPHS}</div>
    </article><footer>© 2024 Harbour News</footer></body></html>"""
    document = read(page.encode("utf-8"))[0]
    assert document.meta.authors == ("Lena deCasparis",)
    assert plain_text(document.blocks[0].children).startswith("Paragraph 1")  # type: ignore[union-attr]


def test_a_drop_cap_spaced_from_its_word_rejoins_it_but_a_one_letter_word_stays_one() -> None:
    openings = (
        "<p><span class='dropcap'>I</span> t’s a long way to the pier.</p>",
        "<p><span class='initial'>T</span> he harbour reopened on Monday.</p>",
        "<p><span class='drop-cap'>A</span> house stands on the pier.</p>",
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav><article>
    <h1>Pier rebuilt</h1><div class="story">{openings[0]}{ARTICLE_PARAGRAPHS}{openings[1]}{openings[2]}</div>
    </article><footer>© 2024 Harbour News</footer></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0] == "It’s a long way to the pier."
    assert texts[-2:] == ["The harbour reopened on Monday.", "A house stands on the pier."]


def test_news_about_consent_and_embedded_content_is_the_article() -> None:
    news = "<p>The court ruled that embedded content on third-party sites did not need consent.</p>"
    assert "The court ruled that embedded content" in " ".join(_harbour_page(news))


def test_the_articles_last_block_after_an_ad_slot_in_a_cousin_element_is_read() -> None:
    last = (
        "This is the last paragraph of the report, and it tells what the harbour authority plans next, "
        "who will pay for it and when the fishermen can expect the new cranes on the pier."
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav><main>
    <h1>Pier rebuilt</h1><div class="flush"><div class="o-article_block divider"><div class="grid"><div class="cell">
    <div class="article-text c-gray-1">{ARTICLE_PARAGRAPHS}</div></div></div></div>
    <div><div class="ad-slot"><a href="https://ads.example.net/x">Advertisement</a></div>
    <div class="o-article_block"><div class="grid"><div class="cell"><div class="article-text c-gray-1 no-review">
    <p>{last}</p></div></div></div></div></div></div></main><footer>© 2024 Harbour News</footer></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("Paragraph 1") and texts[-1] == last


def test_a_slides_summary_above_the_article_is_no_standfirst() -> None:
    slide = (
        "<div class='slideshow'><ul><li><div class='m'><a href='#'><img src='https://img.example.com/cartas 2.jpg' "
        "alt='cartas 2.jpg'></a></div><div class='summary'><p>The harbour master in an undated picture taken on the "
        "old pier.<span class='source'>Facebook</span></p></div></li></ul></div>"
    )
    page = f"""<html><head><title>Pier rebuilt</title></head><body><nav><a href="/">Home</a></nav><article>
    <h1>Pier rebuilt</h1>{slide}<div class="article-text">{ARTICLE_PARAGRAPHS}</div></article>
    <footer>© 2024 Harbour News</footer></body></html>"""
    texts = [plain_text(b.children) for b in read(page.encode("utf-8"))[0].blocks if isinstance(b, Paragraph)]
    assert texts[0].startswith("Paragraph 1") and not any("undated picture" in t for t in texts)


def test_a_list_of_linked_names_inside_the_article_is_the_articles() -> None:
    names = "".join(f"<li><a href='https://harbour.example.com/people/{n}'>{n.title()}</a></li>" for n in ("ann", "bo", "cy"))
    texts = _harbour_page(f"<p>The crew on the first boat were:</p><ul>{names}</ul>")
    assert [t for t in texts if t in ("Ann", "Bo", "Cy")] == ["Ann", "Bo", "Cy"]


def test_a_deals_posts_run_of_product_links_is_the_article() -> None:
    deals = (
        "<p><a href='https://shop.example.net/p/1'>Copper Mug Gift Pack, Set of 2</a>"
        "<a href='https://shop.example.net/p/2'>Soft Drawstring Shoe Bags, 10-Pack</a>"
        "<a href='https://shop.example.net/p/3'>Waterproof Roof Top Cargo Bag</a></p>"
    )
    assert any("Copper Mug Gift Pack" in t for t in _harbour_page(deals))


@pytest.mark.parametrize("html", ["<div>0:00</div>", "<p>Sponsored</p>", "<p>分享</p>"])
def test_a_text_written_alone_that_looks_like_furniture_is_still_read(html: str) -> None:
    text = re.sub(r"<[^>]+>", "", html)
    assert text in document_text(_read_page(html))


def test_the_editors_line_keeps_the_editor_without_the_systems_staff_code() -> None:
    page = _page("", "<p>（责任编辑：马婧雯_NN2479）</p>")
    assert "（责任编辑：马婧雯）" in document_text(_read_page(page))


@pytest.mark.parametrize("wrapper", ["strong", "em", "a href='/more'", "span"])
def test_a_picture_inside_bold_or_linked_text_stands_between_the_words_it_was_between(wrapper: str) -> None:
    tag = wrapper.split()[0]
    html = (
        f"<div><p>Before the picture <{wrapper}>the words just before it"
        f"<img src='/photo.jpg' alt='The harbour at dawn'>and the words just after it</{tag}> end.</p></div>"
    )
    document, _ = read(html.encode(), offline=True)
    markdown = docconv.render(document, "markdown").data.decode()
    body = markdown.split("---\n", 2)[2]
    before, picture, after = (
        body.index("the words just before it"),
        body.index("photo.jpg"),
        body.index("and the words just after it"),
    )
    assert before < picture < after, body
    assert body.index("Before the picture") < before and after < body.index("end.")


def test_class_words_of_code_pictures_and_the_bodys_own_modifier_do_not_make_furniture() -> None:
    code = (
        "<pre><code class='language-java'><span class='hljs-comment'>// retry twice before giving up on the pier sensor</span>\n"
        "int tries = 2;</code></pre>"
    )
    picture = (
        "<p><a class='lightbox' href='/pier-large.jpg'><img class='zh-lightbox-thumb' src='/pier.jpg' alt='The new pier'></a></p>"
    )
    page = (
        "<html><head><title>Pier rebuilt</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Pier rebuilt</h1><div class='article-body type-header'><h2>How the pier was rebuilt</h2>"
        f"{picture}{ARTICLE_PARAGRAPHS}{code}</div></article>"
        "<div class='lightbox'><img src='/pier-large.jpg' alt='The new pier'></div>"
        "<footer>Copyright the harbour paper</footer></body></html>"
    )
    document, _ = read(page.encode("utf-8"), offline=True)
    text = document_text(document)
    assert "retry twice before giving up on the pier sensor" in text
    assert "How the pier was rebuilt" in [block_text(b) for b in document.blocks if isinstance(b, Heading)]
    assert [f.src for f in figures(document.blocks)] == ["/pier.jpg"]  # the lightbox layer's copy is not read


def test_an_accounts_scan_and_scroll_prompts_go_with_the_qr_code_beside_them() -> None:
    story = "".join(
        f"<p>第{n}段：港口的渡轮票价将从四月起上涨，岛上居民表示通勤成本会明显增加，议员呼吁设定价格上限。</p>" for n in range(6)
    )
    page = (
        "<html><head><title>渡轮票价上涨</title></head><body><div id='js_content'>"
        f"<section><p>向上滑动阅览</p><p>附：票价调整明细，共十二项。</p></section>{story}"
        "<p>如你觉得文章不错，请识别图中二维码关注。</p><p><img src='https://img.example.cn/qrcode-follow.jpg'></p>"
        "</div></body></html>"
    )
    document, _ = read(page.encode("utf-8"), extract=False)
    text = document_text(document)
    assert "第5段" in text and "附：票价调整明细" in text
    assert "向上滑动" not in text and "二维码" not in text and not list(figures(document.blocks))
