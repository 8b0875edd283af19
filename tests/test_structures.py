"""The structures news articles use, read from HTML: tables, lists, quotes, figures, breaks, code, links, scripts, lang."""

from __future__ import annotations

import json

import docconv
from docconv.diagnostics import Reporter
from docconv.model import (
    CodeBlock,
    Document,
    Emphasis,
    Figure,
    Heading,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Subscript,
    Superscript,
    Table,
    Text,
    document_text,
    plain_text,
)
from tests.goldens import FIXTURES


def read(html: str, base: str | None = None) -> tuple[Document, list[str]]:
    from docconv.sources import Source

    reporter = Reporter()
    document = docconv.read(Source(html, "<test>", base), reporter=reporter)
    return document, [d.code for d in reporter.diagnostics]


def test_table_head_caption_alignment_and_merged_cells() -> None:
    document, codes = read(
        "<table><caption>表1 主要市场</caption><thead><tr><th>市场</th><th align=right>出口</th></tr></thead>"
        "<tbody><tr><td rowspan=2>东盟</td><td align=right>530.6</td></tr><tr><td>421.2</td></tr></tbody></table>"
    )
    (table,) = document.blocks
    assert isinstance(table, Table)
    assert table.caption == "表1 主要市场"
    assert [plain_text(c.children) for c in table.head[0].cells] == ["市场", "出口"]
    assert [[plain_text(c.children) for c in r.cells] for r in table.body] == [["东盟", "530.6"], ["", "421.2"]]
    assert (table.body[0].cells[0].rowspan, table.body[1].cells[0].covered) == (2, True)
    assert table.head[0].cells[1].align == "right"
    assert codes == ["language-detected"]  # nothing is lost in the model: no warning
    html = docconv.render(document, "html").data.decode("utf-8")
    assert '<td rowspan="2">东盟</td>' in html and html.count("<td") == 3
    from docconv.options import Options
    from docconv.renderers.base import RenderContext

    reporter = Reporter()
    markdown = docconv.render(document, "markdown", context=RenderContext(Options(), reporter)).data.decode("utf-8")
    assert "| 东盟 | 530.6 |\n|  | 421.2 |" in markdown
    assert [d.code for d in reporter.diagnostics] == ["table-span-split"]


def test_merged_header_cells_spans_cut_at_the_head_and_overlaps_split() -> None:
    document, _ = read(
        "<table><tr><th colspan=2>地区</th><th rowspan=3>合计</th></tr><tr><th>东部</th><th>西部</th></tr>"
        "<tr><td>1</td><td>2</td></tr><tr><td rowspan=9>3</td><td>4</td><td>7</td></tr></table>"
    )
    (table,) = document.blocks
    assert isinstance(table, Table)
    # Both header rows are the head (the colspan no longer breaks "a row of <th>"); the head's
    # rowspan stops at the head, and the last row's runs out with the table.
    assert [[(plain_text(c.children), c.rowspan, c.colspan, c.covered) for c in r.cells] for r in table.head] == [
        [("地区", 1, 2, False), ("", 1, 1, True), ("合计", 2, 1, False)],
        [("东部", 1, 1, False), ("西部", 1, 1, False), ("", 1, 1, True)],
    ]
    assert [[(plain_text(c.children), c.covered) for c in r.cells] for r in table.body] == [
        [("1", False), ("2", False), ("", False)],
        [("3", False), ("4", False), ("7", False)],
    ]
    assert table.body[1].cells[0].rowspan == 1
    overlapping, _ = read("<table><tr><td>x</td><td rowspan=2>a</td></tr><tr><td colspan=2>c</td></tr></table>")
    (table,) = overlapping.blocks
    assert isinstance(table, Table)
    assert all(c.rowspan == c.colspan == 1 and not c.covered for r in table.head + table.body for c in r.cells)


def test_nested_lists_ordered_start_and_li_without_a_list() -> None:
    document, _ = read(
        "<ol start=4><li>四<ul><li>甲</li><li>乙</li></ul></li><li>五</li></ol><p>说明：</p><li>孤立一</li><li>孤立二</li>"
    )
    ordered, _, orphan = document.blocks
    assert isinstance(ordered, ListBlock) and ordered.ordered and ordered.start == 4
    nested = ordered.items[0].blocks[-1]
    assert isinstance(nested, ListBlock) and len(nested.items) == 2 and not nested.ordered
    assert isinstance(orphan, ListBlock) and [plain_text(i.blocks[0].children) for i in orphan.items] == ["孤立一", "孤立二"]  # type: ignore[union-attr]


def test_blockquote_nested_and_br_separated_lines() -> None:
    document, _ = read("<blockquote><p>床前明月光，<br>疑是地上霜。</p><blockquote><p>内层</p></blockquote></blockquote>")
    (quote,) = document.blocks
    assert isinstance(quote, Quote) and isinstance(quote.blocks[1], Quote)
    first = quote.blocks[0]
    assert isinstance(first, Paragraph) and first.children == (Text(text="床前明月光，"), LineBreak(), Text(text="疑是地上霜。"))


def test_figcaption_and_caption_paragraph_under_an_image() -> None:
    document, _ = read(
        '<figure><img src="a.jpg" alt="甲"><figcaption>图注甲</figcaption></figure>'
        '<p style="text-align:center"><img src="b.jpg"></p><p style="text-align:center">居中的图注乙</p>'
        '<p><img src="c.jpg"></p><p>图为丙地的景色</p><p>这是一段普通的正文，不是图注，因为它既不居中也没有图注的开头。</p>',
        base="https://example.com/news/",
    )
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [(f.src, f.caption) for f in figures] == [
        ("https://example.com/news/a.jpg", "图注甲"),
        ("https://example.com/news/b.jpg", "居中的图注乙"),
        ("https://example.com/news/c.jpg", "图为丙地的景色"),
    ]
    assert isinstance(document.blocks[-1], Paragraph)


def test_a_credit_beside_an_image_is_part_of_its_caption_never_a_heading() -> None:
    body = "<p>The council published the photograph on Tuesday, and the driver was arrested later the same day, police said.</p>"
    document, _ = read(
        f"<h1>Driver arrested</h1>{body}"
        '<figure><div class="image-block"><img src="a.jpg" alt="A lorry"><span>Lincolnshire Police</span></div>'
        "<figcaption>Police published a picture of the lorry.</figcaption></figure>"
        f"{body}"
        '<div class="image-inline"><div><img src="b.jpg" alt="Moriba Jah"></div><div class="metadata">'
        '<div class="image__caption">Moriba Jah</div><figcaption class="image__credit">Mark Thiessen</figcaption></div></div>'
        f"{body}<p>🥹🫰</p>{body}"
        # A blog that centres every line: the line after a centred caption is the text going on.
        '<p><img src="c.jpg"></p><p style="text-align:center">The new pier</p><p style="text-align:center">I walked it twice</p>',
        base="https://example.com/news/",
    )
    figures = [b for b in document.blocks if isinstance(b, Figure)]
    assert [f.caption for f in figures] == [
        "Police published a picture of the lorry. Lincolnshire Police",
        "Moriba Jah Mark Thiessen",
        "The new pier",
    ]
    last = document.blocks[-1]
    assert isinstance(last, Paragraph) and plain_text(last.children) == "I walked it twice"
    headings = [plain_text(b.children) for b in document.blocks if isinstance(b, Heading)]
    assert headings == []  # the <h1> is the title


def test_pre_code_links_emphasis_sup_sub_and_bold_lead_in() -> None:
    document, _ = read(
        '<p><b>定义：</b>见<a href="/doc">文档</a>，<em>强调</em>，CO<sub>2</sub>，注<sup>1</sup>，<code>x = 1</code>。</p>'
        '<pre><code class="language-python">print("hi")\n</code></pre>',
        base="https://example.com/a/b.html",
    )
    paragraph, code = document.blocks
    assert isinstance(paragraph, Paragraph) and isinstance(code, CodeBlock)
    kinds = [type(n) for n in paragraph.children]
    assert kinds[0] is Strong and Link in kinds and Emphasis in kinds and Subscript in kinds and Superscript in kinds
    link = next(n for n in paragraph.children if isinstance(n, Link))
    assert link.url == "https://example.com/doc"
    assert code.text == 'print("hi")' and code.language == "python"


def test_scripts_styles_forms_and_event_handlers_never_reach_the_model() -> None:
    document, _ = read(
        '<p onclick="steal()">正文<script>alert(1)</script><style>p{}</style></p><form><input value="搜索"></form>'
        '<p><a href="javascript:alert(1)">点我</a></p>'
    )
    text = "\n".join(plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph))
    assert "alert" not in text and "搜索" not in text and "p{}" not in text
    assert not any(isinstance(n, Link) for b in document.blocks if isinstance(b, Paragraph) for n in b.children)


def test_language_per_element_on_blocks_and_inline_runs() -> None:
    document, _ = read(
        '<html lang="en"><body><p>English text about a poem, long enough to be English.</p>'
        '<blockquote lang="zh-CN"><p>床前明月光</p></blockquote><p>The word <i lang="ja">木漏れ日</i> and <span lang="ko">정</span>.</p>'
        '<div lang="zh-TW"><p>繁體中文段落</p></div></body></html>'
    )
    assert document.meta.language == "en"
    quote = document.blocks[1]
    assert isinstance(quote, Quote) and isinstance(quote.blocks[0], Paragraph) and quote.blocks[0].lang == "zh-Hans"
    spans = [n for n in document.blocks[2].children if isinstance(n, LangSpan)]  # type: ignore[union-attr]
    assert [s.lang for s in spans] == ["ja", "ko"]
    last = document.blocks[3]
    assert isinstance(last, Paragraph) and last.lang == "zh-Hant"


def test_template_lang_is_corrected_by_the_text() -> None:
    body = "".join(f"<p>这是第{i}段中文新闻正文，讲述城市更新和老街保护的故事，内容足够长以便判断语言。</p>" for i in range(8))
    document, codes = read(f'<html lang="en"><body><article>{body}</article></body></html>')
    assert document.meta.language == "zh-Hans" and "language-corrected" in codes


def test_saved_page_relative_links_stay_relative_and_are_not_reported_unsafe() -> None:
    path = FIXTURES / "post_jekyll_html_body.html"
    reporter = Reporter()
    document = docconv.read(path, reporter=reporter)
    links = [n for b in document.blocks if isinstance(b, Paragraph) for n in b.children if isinstance(n, Link)]
    assert [link.url for link in links] == ["/2022/11/annual-report/", "https://fixedgear.example.hk/"]
    assert not any(d.code == "unsafe-link-dropped" for d in reporter.diagnostics)


def test_zone_less_date_on_a_chinese_page_is_beijing_time() -> None:
    document, codes = read(
        '<html lang="zh-CN"><head><meta name="pubdate" content="2023-10-09 20:18"></head><body><p>正文。</p></body></html>'
    )
    assert document.meta.date is not None and document.meta.date.isoformat() == "2023-10-09T20:18:00+08:00"
    assert "date-zone-assumed" in codes


def test_ruby_readings_follow_their_base_in_parentheses() -> None:
    document, _ = read(
        "<p>若い<ruby>職人<rt>しょくにん</rt></ruby>と<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>、"
        "<ruby>西陣織<rp>（</rp><rt>にしじんおり</rt><rp>）</rp></ruby>。</p>"
    )
    assert plain_text(document.blocks[0].children) == "若い職人（しょくにん）と漢（かん）字（じ）、西陣織（にしじんおり）。"


def test_layout_tables_are_read_as_page_regions_and_data_tables_as_tables() -> None:
    from docconv.model import Table

    prose = "<p>第一段正文，内容较长。</p><p>第二段正文。</p><p>第三段正文。</p>"
    layout, _ = read(f"<table><tr><td><a href='/'>首页</a></td></tr><tr><td>{prose}</td></tr></table>")
    assert not any(isinstance(b, Table) for b in layout.blocks)
    assert [plain_text(b.children) for b in layout.blocks if isinstance(b, Paragraph)][-3:] == [
        "第一段正文，内容较长。",
        "第二段正文。",
        "第三段正文。",
    ]
    presentation, _ = read("<table role='presentation'><tr><td>左栏</td><td>右栏</td></tr></table>")
    assert not any(isinstance(b, Table) for b in presentation.blocks)
    nested, _ = read(
        "<table><tr><td><table><tr><th>地区</th><th>增长</th></tr><tr><td>东部</td><td>6.8%</td></tr></table></td></tr></table>"
    )
    assert [len(t.body) + len(t.head) for t in nested.blocks if isinstance(t, Table)] == [2]  # only the inner data table
    data, _ = read("<table><tr><th>地区</th><th>增长</th></tr><tr><td>东部</td><td>6.8%</td></tr></table>")
    assert any(isinstance(b, Table) for b in data.blocks)
    one_column, _ = read("<table><tr><td>一月</td></tr><tr><td>二月</td></tr></table>")
    assert any(isinstance(b, Table) for b in one_column.blocks)


def test_lazy_images_take_the_real_address_and_srcset_its_largest_candidate() -> None:
    from docconv.model import Figure

    document, _ = read(
        "<p>正文。</p>"
        '<img class="lazy" data-original="https://cdn.example.com/a.jpg" src="/static/loading.gif" alt="A">'
        '<img srcset="https://cdn.example.com/c-480.jpg 480w, https://cdn.example.com/c-960.jpg 960w, '
        'https://cdn.example.com/c-720.jpg 720w" alt="C">'
        '<img src="https://cdn.example.com/d.jpg" srcset="https://cdn.example.com/d-2x.jpg 2x" alt="D">',
        "https://news.example.com/a/1.html",
    )
    assert [b.src for b in document.blocks if isinstance(b, Figure)] == [
        "https://cdn.example.com/a.jpg",
        "https://cdn.example.com/c-960.jpg",
        "https://cdn.example.com/d.jpg",
    ]


_PIXEL_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def test_a_lazy_image_under_any_attribute_name_is_an_image_and_its_credit_is_its_caption() -> None:
    from docconv.model import Figure

    document, _ = read(
        "<p>故宫迎来了建院以来的首次灯会，灯会开始前，故宫博物院在微博上写下了这样一段话。</p>"
        f'<p><img class="empty_bg" data-lazyload="https://cdn.example.com/a.png" src="{_PIXEL_GIF}"></p><p>故宫博物院供图</p>'
        "<p>半小时后，上元之夜的灯光点亮了北京夜空，午门城楼及东西雁翅楼用三种颜色的光源装扮。</p>"
        f'<p><img src="{_PIXEL_GIF}" file="https://cdn.example.com/forum/day_240412/attach_0412.jpg"></p><p>灯光版《清明上河图》</p>'
        "<p>以灯为笔，以屋顶为纸，一眼望去美不胜收，太和殿被灯光勾勒出宏伟的轮廓，游客纷纷驻足拍照。</p>",
        "https://news.example.com/a/1.html",
    )
    assert [(b.src, b.caption) for b in document.blocks if isinstance(b, Figure)] == [
        ("https://cdn.example.com/a.png", "故宫博物院供图"),
        ("https://cdn.example.com/forum/day_240412/attach_0412.jpg", ""),
    ]
    assert not any(isinstance(b, Heading) for b in document.blocks)  # the line under the picture is no section heading


def test_amp_images_noscript_images_placeholders_and_tracking_pixels() -> None:
    from docconv.model import Figure

    document, _ = read(
        "<p>正文。</p>"
        '<amp-img src="https://cdn.example.com/amp.jpg" width="800" height="600" alt="AMP" layout="responsive">'
        '<noscript><img src="https://cdn.example.com/amp.jpg"></noscript></amp-img>'
        f'<figure><img src="{_PIXEL_GIF}" alt="N"><noscript><img src="https://cdn.example.com/noscript.jpg" alt="N">'
        "</noscript><figcaption>图说</figcaption></figure>"
        f'<p><img src="{_PIXEL_GIF}" data-src="https://cdn.example.com/lazy.jpg" alt="L">'
        '<noscript><img src="https://cdn.example.com/lazy.jpg"></noscript></p>'
        '<p>统计。<img src="https://t.example.com/pixel.gif?id=1" width="1" height="1"></p>'
        "<noscript>请启用 JavaScript 以查看评论。</noscript>"
        f'<img src="{_PIXEL_GIF}" srcset="https://cdn.example.com/s-1x.jpg 1x, https://cdn.example.com/s-2x.jpg 2x" alt="S">'
        "<figure><img src=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 3 2'%3E%3C/svg%3E\">"
        '<noscript><img src="https://cdn.example.com/svg-placeholder.jpg" alt="V"></noscript></figure>'
        '<img src="data:image/png;base64,' + "iVBORw0KGgo" * 40 + '" alt="saved">',
        "https://news.example.com/a/1.html",
    )
    figures = [(b.src[:40], b.alt, b.caption) for b in document.blocks if isinstance(b, Figure)]
    assert figures == [
        ("https://cdn.example.com/amp.jpg", "AMP", ""),  # once, not again from its <noscript> fallback
        ("https://cdn.example.com/noscript.jpg", "N", "图说"),  # the placeholder outside is no image
        ("https://cdn.example.com/lazy.jpg", "L", ""),  # the <noscript> copy of a lazy image is not a second one
        ("https://cdn.example.com/s-2x.jpg", "S", ""),
        ("https://cdn.example.com/svg-placeholder.", "V", ""),
        ("data:image/png;base64,iVBORw0KGgoiVBORw0", "saved", ""),  # a real image saved into the page stays
    ]
    texts = [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]
    assert texts == ["正文。", "统计。"]  # no beacon fetched, no "enable JavaScript" text


def test_a_script_filled_page_is_read_from_its_json_ld_article_body() -> None:
    page = (
        '<!doctype html><html lang="zh-CN"><head><title>新能源汽车出口创新高</title><script type="application/ld+json">'
        '{"@type":"NewsArticle","headline":"新能源汽车出口创新高","articleBody":"第一段。\\n\\n第二段。"}'
        '</script></head><body><div id="app"></div><script src="/app.js"></script></body></html>'
    )
    document, codes = read(page)
    assert [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)] == ["第一段。", "第二段。"]
    assert "article-from-structured-data" in codes


def test_a_script_filled_how_to_is_read_from_its_json_ld_description_and_steps() -> None:
    how_to = {
        "@type": "HowTo",
        "name": "Eine runde Tischdecke nähen",
        "description": "<p>Ein runder Tisch braucht eine <strong>runde</strong> Decke.</p><p>So geht es.</p>",
        "step": [
            {"@type": "HowToStep", "text": "<p>Miss die Tischplatte.</p>"},
            {"@type": "HowToSection", "itemListElement": [{"@type": "HowToStep", "text": "Schneide den Stoff zu."}]},
        ],
    }
    page = (
        '<!doctype html><html lang="de"><head><title>Tischdecke</title><script type="application/ld+json">'
        f'{json.dumps(how_to)}</script></head><body><div id="app"></div></body></html>'
    )
    document, codes = read(page)
    assert [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)] == [
        "Ein runder Tisch braucht eine runde Decke.",
        "So geht es.",
        "Miss die Tischplatte.",
        "Schneide den Stoff zu.",
    ]
    assert "article-from-structured-data" in codes


def test_footnote_backlinks_are_dropped_and_note_calls_stay_out_of_a_derived_title() -> None:
    document, _ = read(
        '<p>The bridge opened in 1932.<sup id="fnref:1"><a href="#fn:1" class="footnote">1</a></sup> It carried trams.</p>'
        '<div class="footnotes" role="doc-endnotes"><ol>'
        '<li id="fn:1"><p>City archives, box 14. <a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>'
        '<li id="fn:2"><p>Transit history, p. 88. <a href="#fnref:2">&#8617;&#xfe0e;</a></p></li>'
        '<li><p>See <a href="https://example.com/report">the report ↩</a>.</p></li></ol></div>'
    )
    notes = next(b for b in document.blocks if isinstance(b, ListBlock))
    assert [plain_text(i.blocks[0].children) for i in notes.items] == [  # type: ignore[union-attr]
        "City archives, box 14.",
        "Transit history, p. 88.",
        "See the report ↩.",  # an ordinary link that happens to end in an arrow stays
    ]
    assert document.meta.title == "The bridge opened in 1932. It…"


def test_a_bold_line_repeating_the_pages_title_is_dropped_but_a_fragments_first_line_is_not() -> None:
    page, _ = read(
        "<html><head><title>关于做好春季农业生产工作的通知_县政府</title></head><body>"
        "<p><strong>关于做好春季农业生产工作的通知</strong></p><p>各乡镇人民政府：现将有关事项通知如下。</p></body></html>"
    )
    assert page.meta.title == "关于做好春季农业生产工作的通知"
    assert [plain_text(b.children) for b in page.blocks if isinstance(b, Paragraph)] == ["各乡镇人民政府：现将有关事项通知如下。"]
    fragment, _ = read("<p><strong>重要通知</strong></p><p>明天停水，请提前储水。</p>")  # no title of its own
    assert fragment.meta.title == "重要通知" and "重要通知" in document_text(fragment)


def test_a_formula_is_kept_once_as_its_tex() -> None:
    from docconv.model import Code

    katex = (
        '<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow>'
        '<annotation encoding="application/x-tex">x+1</annotation></semantics></math></span>'
        '<span class="katex-html" aria-hidden="true"><span class="mord">x</span><span class="mbin">+</span>'
        '<span class="mord">1</span></span></span>'
    )
    saved = '<span class="katex"><span class="katex-mathml">\\frac{1}{2}</span><span class="katex-html"><span>1</span><span>2</span></span></span>'
    document, _ = read(
        f"<p>我们要求 {katex}。</p><p>一半是 {saved}。</p><p>MathML 本身：<math><mi>y</mi><mo>=</mo><mn>2</mn></math>。</p>"
    )
    codes = [c.text for b in document.blocks if isinstance(b, Paragraph) for c in b.children if isinstance(c, Code)]
    assert codes == ["x+1", "y = 2"]  # a page saved without its MathML keeps the formula as the text it shows
    assert [plain_text(b.children) for b in document.blocks] == [
        "我们要求 x+1。",
        "一半是 \\frac{1}{2}。",
        "MathML 本身：y = 2。",
    ]


def test_a_list_written_straight_inside_a_list_is_the_sublist_of_the_item_above() -> None:
    document, _ = read("<ul><li>港口</li><ul><li>渡轮</li><li>码头</li></ul><li>机场</li></ul><p>以上是交通设施。</p>")
    markdown = docconv.render(document, "markdown").data.decode()
    assert "- 港口\n  - 渡轮\n  - 码头\n- 机场\n" in markdown
    listed = docconv.read(markdown.encode()).blocks[0]
    assert isinstance(listed, ListBlock) and len(listed.items) == 2
    assert isinstance(listed.items[0].blocks[-1], ListBlock) and len(listed.items[0].blocks[-1].items) == 2


def test_paragraphs_inside_a_span_stay_paragraphs() -> None:
    for html in (
        "<div><span id='articleText'><span class='focus'><p>第一段。</p></span><p>第二段。</p><p>第三段。</p></span></div>",
        "<div class='text'><p><span><p>第一段。</p><p>第二段。</p><p>第三段。</p></span></p></div>",
    ):
        document, _ = read(html)
        body = docconv.render(document, "markdown").data.decode().split("---\n", 2)[2]
        assert body.strip().split("\n\n") == ["第一段。", "第二段。", "第三段。"], body


def test_a_lazy_loaders_stand_in_never_replaces_the_real_picture() -> None:
    document, _ = read(
        "<p>港口新貌。</p><img src='https://example.org/uploads/pier.jpg' data-src='https://example.org/theme/lazy.png' alt='新码头'>"
        "<img src='https://example.org/static/loading.gif' data-src='https://example.org/uploads/ferry.jpg' alt='渡轮'>"
    )
    pictures = [block for block in document.blocks if isinstance(block, Figure)]
    assert [f.src for f in pictures] == ["https://example.org/uploads/pier.jpg", "https://example.org/uploads/ferry.jpg"]


def test_a_table_that_frames_one_picture_over_its_caption_gives_the_picture() -> None:
    framed = (
        "<span style='float:left'><table border=0><tr><td><img src='https://example.org/pier.jpg' alt='pier'></td></tr>"
        "<tr><td>The new pier at dawn, seen from the harbour wall.</td></tr></table></span>"
        "<table><caption>Harbour Office</caption><tr><td><img src='https://example.org/ferry.jpg' alt='ferry'></td></tr></table>"
        "<p>The harbour authority rebuilt the old pier over the winter and reopened it this week.</p>"
    )
    document, _ = read(framed)
    assert not any(isinstance(block, Table) for block in document.blocks)
    pictures = [block for block in document.blocks if isinstance(block, Figure)]
    assert [f.src for f in pictures] == ["https://example.org/pier.jpg", "https://example.org/ferry.jpg"]
    assert "The new pier at dawn" in pictures[0].caption
    assert "Harbour Office" in document_text(document)
    data = "<table><tr><td>Pier</td><td>1908</td></tr><tr><td>Ferry</td><td>1950</td></tr></table>"
    assert isinstance(read(data)[0].blocks[0], Table)


def test_a_linked_picture_takes_the_caption_block_under_it_though_the_caption_carries_a_theme_icon() -> None:
    document, _ = read(
        "<p>The lab examined the developing wings of a pupa under the microscope.</p>"
        "<div class='wp-caption alignright'><a href='https://doi.example.org/10.1/x'>"
        "<img src='https://example.org/wp-content/uploads/2014/12/scales.png' alt='butterfly scales'></a>"
        "<p class='wp-caption-text'>Detail of a butterfly scale. The blue arrow points at the socket cell, the origin of the "
        "scale; the green arrow points at the scalloped edge of the scales. The white bar is 65 µm."
        "<img class='photo' src='https://example.org/wp-content/themes/wired/assets/images/gallery-cam@2x.png' alt=''>"
        " Dinwiddie, et al. 2014</p></div>"
        "<p>The shine of butterflies is created by incredibly detailed nanostructures of ridges.</p>"
    )
    pictures = [block for block in document.blocks if isinstance(block, Figure)]
    assert [f.src for f in pictures] == ["https://example.org/wp-content/uploads/2014/12/scales.png"]
    assert pictures[0].caption.startswith("Detail of a butterfly scale.") and pictures[0].caption.endswith(
        "Dinwiddie, et al. 2014"
    )
    assert not any(isinstance(block, Heading) for block in document.blocks)


def test_a_chinese_caption_written_across_links_runs_on_without_spaces() -> None:
    document, _ = read(
        "<p>金锺国出道多年，参加过多场海外演出。</p><figure><img src='https://example.org/kcon.jpg' alt=''>"
        "<figcaption>2016年7月，金锺国在KCON<a href='/wiki/la'>洛杉矶</a>音乐节上表演 <span>Photo</span> <span>Credit</span></figcaption></figure>"
    )
    picture = next(block for block in document.blocks if isinstance(block, Figure))
    assert picture.caption == "2016年7月，金锺国在KCON洛杉矶音乐节上表演 Photo Credit"


def test_the_caption_of_a_picture_the_page_does_not_show_stays_a_caption_never_a_heading() -> None:
    body = "The harbour authority rebuilt the old pier over the winter, and fishermen who use it every morning were asked first."
    document, _ = read(
        f"<p>{body}</p><figure><img src='https://ad.doubleclick.net/N3910/ad/pier;sz=470x200'>"
        f"<figcaption>Fishermen on the rebuilt pier</figcaption></figure><p>{body} {body}</p>"
    )
    assert not any(isinstance(block, Heading) for block in document.blocks)
    markdown = docconv.render(document, "markdown").data.decode()
    assert "\n*Fishermen on the rebuilt pier*\n" in markdown and "# Fishermen" not in markdown
