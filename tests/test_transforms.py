"""Table-driven tests of the transforms: input tree → expected tree."""

from __future__ import annotations

import pytest

import docconv
from docconv.context import Context
from docconv.model import Document, Emphasis, Heading, LineBreak, Metadata, Paragraph, Strong, Text
from docconv.options import Options
from docconv.transforms import apply_transforms, transform_names
from docconv.transforms.headings import drop_title_heading, recover_headings


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        ((Text(text="全会指出，\n                要咬定目标"),), (Text(text="全会指出，要咬定目标"),)),
        ((Text(text="hello\n   world"),), (Text(text="hello world"),)),
        ((Text(text="中文\nEnglish"),), (Text(text="中文 English"),)),
        ((Text(text="  \n 前后空白 \n "),), (Text(text="前后空白"),)),
        ((Text(text="\u00a0\u00a0\u3000缩进的段落"),), (Text(text="缩进的段落"),)),
        ((Text(text="零\u200b宽\ufeff字符"),), (Text(text="零宽字符"),)),
        ((Text(text="a\u00a0b"),), (Text(text="a\u00a0b"),)),
        (
            (Text(text="粗体\n"), Strong(children=(Text(text="\n内容"),)), Text(text="\n结束")),
            (Text(text="粗体"), Strong(children=(Text(text="内容"),)), Text(text="结束")),
        ),
        (
            (Text(text="bold "), Strong(children=(Text(text=" word "),)), Text(text=" end")),
            (Text(text="bold "), Strong(children=(Text(text="word"),)), Text(text=" end")),
        ),
        ((Text(text="一行 "), LineBreak(), Text(text=" 二行")), (Text(text="一行"), LineBreak(), Text(text="二行"))),
        ((Text(text="x"), Emphasis(children=(Text(text="  "),)), Text(text="y")), (Text(text="x y"),)),
        ((Text(text="한국어\n문장"),), (Text(text="한국어 문장"),)),
        ((Text(text="日本語の\n文章です"),), (Text(text="日本語の文章です"),)),
    ],
)
def test_segment_break_rules(nodes: tuple, expected: tuple) -> None:
    from docconv.transforms.whitespace import tidy_inlines

    assert tidy_inlines(nodes) == expected


def _doc(*blocks, title: str = "标题") -> Document:
    return Document(meta=Metadata(title=title), blocks=tuple(blocks))


def P(text: str) -> Paragraph:
    return Paragraph(children=(Text(text=text),))


LEAD = "中国共产党上海市第十一届委员会第十一次全体会议于6月22日在上海举行。"
LONG = "全会强调，要坚持放大共性优势与彰显个性特质相结合，更加自觉地把制度优势转化为治理效能。" * 2


@pytest.mark.parametrize(
    ("blocks", "headings"),
    [
        ((P("坚持放大共性优势与彰显个性特质相结合"), P(LONG)), ["坚持放大共性优势与彰显个性特质相结合"]),
        ((P("这是一个普通的句子。"), P(LONG)), []),  # ends with a full stop
        ((P("记者 张三 摄"), P(LONG)), []),  # byline
        ((P("2024-03-05 10:00\u3000来源：本市日报\u3000编辑：李明"), P(LONG)), []),  # dateline with labels
        ((P("2024年3月5日 09:30 本报讯"), P(LONG)), []),  # dateline
        ((P("发布时间 2024-03-05"), P(LONG)), []),  # labelled metadata
        ((P("2024年城市更新工作回顾"), P(LONG)), ["2024年城市更新工作回顾"]),  # a year in a heading is fine
        ((P("（新华社记者 李四）"), P(LONG)), []),  # bracketed note
        ((P("委员会第十一次全体会议通过）"), P(LONG)), []),  # half of a split bracket
        ((P("最后一段没有后续"),), []),  # nothing follows
        ((P("两个短段落"), P("紧挨着出现")), []),  # the next one is not a developed paragraph
        ((P("他说："), P(LONG)), []),  # a lead-in, not a heading
        ((Paragraph(children=(Strong(children=(Text(text="加粗的小标题"),)),)), P(LONG)), ["加粗的小标题"]),
        (
            (
                P("Markets rally on rate hopes"),
                P("Stocks rose on Tuesday as investors bet that the central bank would cut rates soon."),
            ),
            ["Markets rally on rate hopes"],
        ),
        ((P("He said the plan would work and that everyone should support it"), P("Short.")), []),
        # Data, a credit, a command are no headings: nor is the line above a listing's data.
        ((P("Viking, 391 pp., $18.99"), P(LONG)), []),
        ((P("Jandy Nelson"), P("Dial Books, 384 pp., $17.99"), P(LONG)), []),
        ((P("Chuck Burton/AP"), P(LONG)), []),
        ((P("$ adb logcat"), P(LONG)), []),
        ((P("07.13"), P(LONG)), []),
        ((P("Firm Chop / Crud"), P(LONG)), ["Firm Chop / Crud"]),  # a heading's alternatives, spaced
        ((P("1980年出生女职工退休年龄="), P(LONG)), []),  # the first half of an equation
        ((P("_____________________________________"), P(LONG)), []),  # a rule drawn with underscores
        ((P("Leader-Post/Bryan Schlosser"), P(LONG)), []),  # the outlet before the photographer
        ((P("Источник: Фундация DEJURE"), P(LONG)), []),  # where the picture comes from
        (
            (
                P("The bodyman turns middleman"),
                P("The casino owner, who paid $5 million for the land, said on Tuesday he would build."),
            ),
            ["The bodyman turns middleman"],  # a paragraph that names a price is prose
        ),
    ],
)
def test_recover_headings(blocks: tuple, headings: list[str]) -> None:
    result = recover_headings(_doc(P(LEAD), *blocks))  # after the article's opening paragraph
    found = [b.children[0].text for b in result.blocks if isinstance(b, Heading)]
    assert found == headings


def test_the_opening_block_is_a_standfirst_not_a_heading() -> None:
    standfirst = P("Union says offer falls far short as commuters face a week of disruption")
    body = P("Train drivers will walk out next week after talks between the union and rail operators broke down.")
    assert not any(isinstance(b, Heading) for b in recover_headings(_doc(standfirst, body)).blocks)


def test_an_opening_line_numbered_first_of_numbered_sections_is_their_first_heading() -> None:
    blocks = (P("一、这是一个全民参与讨论的事件"), P(LONG), P("二、之所以引起讨论的原因"), P(LONG))
    found = [b.children[0].text for b in recover_headings(_doc(*blocks)).blocks if isinstance(b, Heading)]
    assert found == ["一、这是一个全民参与讨论的事件", "二、之所以引起讨论的原因"]
    unnumbered = (P("一、这是一个全民参与讨论的事件"), P(LONG), P("之所以引起讨论的原因"), P(LONG))
    assert [b.children[0].text for b in recover_headings(_doc(*unnumbered)).blocks if isinstance(b, Heading)] == [
        "之所以引起讨论的原因"
    ]


def test_title_heading_dropped_and_levels_kept() -> None:
    from docconv.model import heading_offset

    document = _doc(
        Heading(level=1, children=(Text(text="标题"),)),
        P("正文。"),
        Heading(level=1, children=(Text(text="第一部分"),)),
        Heading(level=2, children=(Text(text="小节"),)),
    )
    result = drop_title_heading(document)
    assert [(b.level, b.children[0].text) for b in result.blocks if isinstance(b, Heading)] == [(1, "第一部分"), (2, "小节")]
    assert heading_offset(result) == 1


def test_first_h1_becomes_the_missing_title() -> None:
    result = drop_title_heading(_doc(Heading(level=1, children=(Text(text="真正的标题"),)), P("正文。"), title=""))
    assert result.meta.title == "真正的标题"
    assert result.blocks == (P("正文。"),)


def test_transforms_can_be_switched_off() -> None:
    document = _doc(P(LEAD), P("坚持放大共性优势与彰显个性特质相结合"), P(LONG))
    assert "recover-headings" in transform_names()
    switched_off = Context(Options(disabled_transforms=frozenset({"recover-headings"})))
    kept = apply_transforms(document, switched_off)
    assert not any(isinstance(b, Heading) for b in kept.blocks)
    context = Context()
    assert any(isinstance(b, Heading) for b in apply_transforms(document, context).blocks)
    assert [d.message for d in context.reporter.diagnostics if d.code == "headings-recovered"] == [
        "1 short paragraph(s) read as headings"
    ]


def test_disabled_transform_through_the_api(sample_path) -> None:
    with_headings = docconv.read(sample_path)
    without = docconv.read(sample_path, disabled_transforms=frozenset({"recover-headings"}))
    assert sum(isinstance(b, Heading) for b in with_headings.blocks) >= 8
    assert not any(isinstance(b, Heading) for b in without.blocks)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("<p>这是一个简体中文的句子，说明这个问题。</p>", "zh-Hans"),
        ("<p>這是一個繁體中文的句子，說明這個問題。</p>", "zh-Hant"),
        ("<p>これは日本語の文章です。東京で会議が開かれた。</p>", "ja"),
        ("<p>이것은 한국어 문장입니다.</p>", "ko"),
        ("<p>This is an English sentence about the economy.</p>", "en"),
        # A menu of the site's editions names a few languages in their own scripts: still English.
        ("<p>English 日本語 한국어 Français. This is an English sentence about the economy of the country.</p>", "en"),
        # A Chinese page that only links its original: the address's letters are no language.
        (
            "<p>原文链接：<a href='https://mp.weixin.qq.com/s?__biz=MzI0ODE5NDU5Mw'>https://mp.weixin.qq.com/s?__biz=MzI0ODE5NDU5Mw==&amp;mid=2649551250&amp;idx=1</a></p>",
            "zh-Hans",
        ),
    ],
)
def test_language_detected_from_text(text: str, language: str) -> None:
    assert docconv.read(text).meta.language == language


def test_missing_title_comes_from_the_file_name_or_the_text(tmp_path) -> None:
    path = tmp_path / "port-report.html"
    path.write_text("<p>正文内容。</p>", encoding="utf-8")
    assert docconv.read(path).meta.title == "port-report"
    long_text = "这是一个没有标题的片段，内容比较长，超过三十个字符的时候需要截断处理。"
    assert docconv.read(f"<p>{long_text}</p>").meta.title == long_text[:30] + "…"


def test_full_page_date_found_in_text_when_no_metadata_has_it(tmp_path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(
        (
            "<html><head><title>国家统计局：10月份CPI同比上涨0.2%</title></head><body>"
            "<h1>国家统计局：10月份CPI同比上涨0.2%</h1><div class='info'>2024-11-09 09:30 来源：新华财经</div>"
            "<p>国家统计局11月9日发布数据显示，10月份，全国居民消费价格同比上涨0.2%。</p></body></html>"
        ).encode("gb18030")
    )
    document = docconv.read(page)
    assert document.meta.date is not None and document.meta.date.isoformat() == "2024-11-09T09:30:00+08:00"


def test_lang_on_headings_and_table_cells_is_kept_as_a_language_span() -> None:
    from docconv.model import LangSpan, Table

    document = docconv.read(
        "<html lang='zh-CN'><head><title>中文标题</title></head><body><p>正文内容，说明情况。</p>"
        "<h2 lang='ja'>東京の会議</h2><p>正文内容。</p><table lang='en'><tr><td>Total</td></tr><tr><td>42</td></tr></table></body></html>"
    )
    heading = next(b for b in document.blocks if isinstance(b, Heading))
    assert heading.children == (LangSpan(children=(Text(text="東京の会議"),), lang="ja"),)
    table = next(b for b in document.blocks if isinstance(b, Table))
    assert table.body[0].cells[0].children == (LangSpan(children=(Text(text="Total"),), lang="en"),)
    assert '<span lang="ja">東京の会議</span>' in docconv.render(document, "html").data.decode("utf-8")
