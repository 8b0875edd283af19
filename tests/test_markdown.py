"""The Markdown renderer on the sample and on hand-made trees: parsed back, never trusted blindly."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

import docconv
from docconv.model import (
    Code,
    Document,
    Emphasis,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Strong,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
    plain_text,
)
from docconv.readers.frontmatter import split
from docconv.renderers.markdown.projection import markdown_projection

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def sample_markdown(sample_path) -> str:
    return docconv.render(docconv.read(sample_path), "markdown").data.decode("utf-8")


def _body(markdown: str) -> str:
    parts = split(markdown)
    assert parts is not None
    return parts[1]


def test_sample_front_matter(sample_markdown: str) -> None:
    import yaml

    header, _ = split(sample_markdown)  # type: ignore[misc]
    data = yaml.safe_load(header)
    assert data["title"] == "厚植城市精神，彰显城市品格，全面提升上海城市软实力！市委全会通过这份重磅文件"
    assert data["date"] == "2021-06-22T21:43:08+00:00"
    assert data["author"] == "观察者网"
    assert data["categories"] == ["新媒体", "观察者网", "首页"]
    assert data["lang"] == "zh-Hans"
    # The post's own keys for its cover, as it wrote them (a Hexo theme reads them by name).
    assert data["headimg"] == data["thumbnail"] and data["thumbnail"].startswith("https://i.guancha.cn/")
    assert "cover" not in data


def test_sample_subheadings_and_no_ordinary_sentence(sample_markdown: str) -> None:
    headings = re.findall(r"^## (.+)$", sample_markdown, re.MULTILINE)
    assert len(headings) >= 8
    assert "坚持放大共性优势与彰显个性特质相结合" in headings
    for heading in headings:
        assert not heading.endswith(("。", "！", "？", "；", "：", "，")), heading


def test_sample_cjk_characters_survive_in_order(sample_path, sample_markdown: str) -> None:
    source_body = _body(sample_path.read_text(encoding="utf-8"))
    source_chars = "".join(CJK.findall(re.sub(r"<[^>]+>", "", source_body)))
    output_chars = "".join(CJK.findall(_body(sample_markdown)))
    # Every CJK character of the source, in order (headings repeat nothing that isn't in the source).
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, source_chars, output_chars, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    assert matched / len(source_chars) >= 0.999


def test_sample_paragraphs_have_no_line_breaks_or_html(sample_markdown: str) -> None:
    body = _body(sample_markdown)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    for token in tokens:
        if token.type == "inline":
            assert not [c for c in token.children or [] if c.type in ("softbreak", "hardbreak")], token.content[:40]
    assert not re.search(r"</?[a-z]+[ >]", body)


def test_sample_last_block_has_no_stray_spaces(sample_markdown: str) -> None:
    assert "全会指出，要咬定目标任务，紧抓重大部署" in sample_markdown
    assert not re.search(r"[\u4e00-\u9fff，。] +[\u4e00-\u9fff]", _body(sample_markdown))


def test_round_trip_is_byte_identical(sample_path, sample_markdown: str) -> None:
    again = docconv.render(docconv.read(sample_markdown), "markdown").data.decode("utf-8")
    assert again == sample_markdown
    assert docconv.read(sample_markdown) == markdown_projection(docconv.read(sample_path))


def _round_trip(blocks: tuple, title: str = "T") -> tuple[str, Document]:
    document = Document(meta=Metadata(title=title, language="zh-Hans"), blocks=blocks)
    markdown = docconv.render(document, "markdown").data.decode("utf-8")
    back = docconv.read(markdown)
    assert back.blocks == markdown_projection(document).blocks, markdown
    assert docconv.render(back, "markdown").data.decode("utf-8") == markdown
    return markdown, back


def test_strong_next_to_cjk_punctuation_parses_as_strong() -> None:
    paragraph = Paragraph(
        children=(Text(text="形成"), Strong(children=(Text(text="“人人都是软实力”"),)), Text(text="的生动局面。"))
    )
    markdown, _back = _round_trip((paragraph,))
    assert "“**人人都是软实力**”的" in markdown
    html = MarkdownIt("commonmark").render(_body(markdown))
    assert "<strong>人人都是软实力</strong>" in html


def test_strong_ending_in_full_stop_before_cjk() -> None:
    markdown, _ = _round_trip((Paragraph(children=(Strong(children=(Text(text="真。"),)), Text(text="她说"))),))
    assert "<strong>真</strong>。她说" in MarkdownIt("commonmark").render(_body(markdown))


def test_strong_around_link_next_to_cjk_is_unwrapped_not_broken() -> None:
    paragraph = Paragraph(
        children=(
            Text(text="见"),
            Strong(children=(Link(children=(Text(text="此处"),), url="https://example.com/a"),)),
            Text(text="说明"),
        )
    )
    markdown, back = _round_trip((paragraph,))
    assert "**" not in _body(markdown)
    assert isinstance(back.blocks[0], Paragraph)


def test_a_space_at_a_links_edge_is_written_outside_it_and_reads_back_the_same() -> None:
    link = Link(children=(Text(text=" the report "),), url="https://example.com/r")
    markdown, back = _round_trip(
        (
            Paragraph(
                children=(Text(text="See"), link, Text(text="now.")),
            ),
        )
    )
    assert "See [the report](https://example.com/r) now." in _body(markdown)
    again, _ = _round_trip(back.blocks)
    assert again == markdown


@pytest.mark.parametrize(
    "text",
    [
        "1. 不是列表",
        "# 不是标题",
        "- 不是列表",
        "> 不是引用",
        "*星号* 和 _下划线_ 和 `反引号`",
        "<script>alert(1)</script> 与 &amp; 实体",
        "[不是链接](http://x)",
        "a_b_c snake_case 保持",
        "反斜杠 \\ 与 ~~删除线~~",
        "+ 加号开头",
        "===",
        "100) 括号编号",
    ],
)
def test_text_that_looks_like_markup_stays_text(text: str) -> None:
    markdown, back = _round_trip((Paragraph(children=(Text(text=text),)),))
    assert back.blocks == (Paragraph(children=(Text(text=text),)),)
    assert "<" not in MarkdownIt("commonmark").render(_body(markdown)).replace("<p>", "").replace("</p>", "").replace("&lt;", "")


def test_all_block_kinds_round_trip() -> None:
    blocks = (
        Heading(level=2, children=(Text(text="小标题"),)),
        Paragraph(
            children=(
                Text(text="第一行"),
                LineBreak(),
                Text(text="第二行"),
                Code(text="x = `1`"),
                Emphasis(children=(Text(text="强调"),)),
            )
        ),
        Figure(src="https://example.com/a.png", alt="图一", caption="图为会议现场"),
        ListBlock(
            items=(
                ListItem(blocks=(Paragraph(children=(Text(text="甲"),)),)),
                ListItem(
                    blocks=(
                        Paragraph(children=(Text(text="乙"),)),
                        ListBlock(items=(ListItem(blocks=(Paragraph(children=(Text(text="丙"),)),)),)),
                    )
                ),
            )
        ),
        ListBlock(
            items=(
                ListItem(blocks=(Paragraph(children=(Text(text="一"),)),)),
                ListItem(blocks=(Paragraph(children=(Text(text="二"),)), Paragraph(children=(Text(text="二续"),)))),
            ),
            ordered=True,
            start=3,
        ),
        Quote(blocks=(Paragraph(children=(Text(text="引文"),)), Paragraph(children=(Text(text="引文二"),)))),
        Table(
            head=(
                TableRow(
                    cells=(
                        TableCell(children=(Text(text="地区"),), header=True),
                        TableCell(children=(Text(text="增速"),), header=True, align="right"),
                    )
                ),
            ),
            body=(
                TableRow(
                    cells=(TableCell(children=(Text(text="上海|浦东"),)), TableCell(children=(Text(text="5.5%"),), align="right"))
                ),
            ),
            caption="表1 经济数据",
        ),
        Paragraph(children=(Text(text="上标"), Superscript(children=(Text(text="2"),)))),
    )
    markdown, _back = _round_trip(blocks)
    assert "| 地区 | 增速 |" in markdown
    assert "Table: 表1 经济数据" in markdown
    assert "上标²" in markdown


def test_adjacent_lists_stay_separate() -> None:
    one = ListBlock(items=(ListItem(blocks=(Paragraph(children=(Text(text="a"),)),)),))
    two = ListBlock(items=(ListItem(blocks=(Paragraph(children=(Text(text="b"),)),)),))
    _, back = _round_trip((one, two))
    assert len(back.blocks) == 2


@pytest.mark.parametrize(
    ("source", "strong"),
    [
        ("台北市公布首批**「老屋重建補助」**的名單。", "「老屋重建補助」"),
        ("形成**“人人都是软实力”**的生动局面。", "“人人都是软实力”"),
        ("她说**真。**然后离开。", "真。"),
    ],
)
def test_reader_takes_cjk_bold_that_commonmark_rejects(source: str, strong: str) -> None:
    document = docconv.read(f"---\ntitle: T\n---\n\n{source}\n")
    paragraph = document.blocks[0]
    assert isinstance(paragraph, Paragraph)
    bold = [node for node in paragraph.children if isinstance(node, Strong)]
    assert len(bold) == 1 and "".join(t.text for t in bold[0].children) == strong
    assert "*" not in "".join(n.text for n in paragraph.children if isinstance(n, Text))


def test_escaped_asterisks_stay_literal_next_to_cjk() -> None:
    document = docconv.read("---\ntitle: T\n---\n\n首批\\*\\*重点\\*\\*的名单。\n")
    assert document.blocks == (Paragraph(children=(Text(text="首批**重点**的名单。"),)),)


def test_relative_image_in_a_local_file_stays_relative(tmp_path) -> None:
    post = tmp_path / "post.md"
    post.write_text('# River\n\nText.\n\n![At dawn](img/river.jpg "The river at dawn")\n', encoding="utf-8")
    first = docconv.render(docconv.read(post), "markdown", offline=True).data.decode("utf-8")
    assert '![At dawn](img/river.jpg "The river at dawn")' in first
    again = tmp_path / "again.md"
    again.write_text(first, encoding="utf-8")
    assert docconv.render(docconv.read(again), "markdown", offline=True).data.decode("utf-8") == first


@pytest.mark.parametrize(
    ("html", "paragraphs"),
    [
        ("<p>一段。<br><br>二段。</p>", ["一段。", "二段。"]),
        ("<div>\u3000\u3000一段。<br>\n<br>\n\u3000\u3000二段。<br><br><br>三段。</div>", ["一段。", "二段。", "三段。"]),
        ("<p>一行，<br>二行。</p>", ["一行，\n二行。"]),
        (
            "<div>\u3000\u3000一段。<br>\u3000\u3000二段，<br>二段续。<br>&nbsp;&nbsp;三段。</div>",
            ["一段。", "二段，\n二段续。", "三段。"],
        ),
        ("<p>0<b><br><br>0</b></p>", ["0", "0"]),  # breaks inside emphasis end the paragraph in Markdown too
    ],
)
def test_a_blank_line_or_an_indent_after_br_ends_a_paragraph_in_every_round_trip(html: str, paragraphs: list[str]) -> None:
    first = docconv.render(docconv.read(html.encode("utf-8")), "markdown").data
    again = docconv.read(first)
    assert [plain_text(b.children) for b in again.blocks if isinstance(b, Paragraph)] == paragraphs
    assert docconv.render(again, "markdown").data == first


@pytest.mark.parametrize(
    ("post", "date"),
    [
        (
            "---\ntitle: 马拉松\ndate: 2023-11-20 08:30:00\n---\n\n凌晨五点，闹钟响起。我已经准备了半年。\n",
            "2023-11-20T08:30:00+08:00",
        ),
        ("---\ntitle: t\ndate: 2023-11-20 08:30:00\nlang: ja\n---\n\n本文です。\n", "2023-11-20T08:30:00+09:00"),
        ("---\ntitle: Marathon\ndate: 2023-11-20 08:30:00\n---\n\nThe alarm rang at five.\n", "2023-11-20T08:30:00+00:00"),
        ("---\ntitle: 马拉松\ndate: 2023-11-20T08:30:00Z\n---\n\n凌晨五点，闹钟响起。\n", "2023-11-20T08:30:00+00:00"),
        (
            "---\ntitle: 马拉松\ndate: 2023-11-20 08:30:00\n---\n\n<p>凌晨五点，闹钟响起。我已经准备了半年。</p>\n",
            "2023-11-20T08:30:00+08:00",
        ),
    ],
)
def test_a_post_date_without_zone_is_in_the_zone_usual_for_its_language(post: str, date: str) -> None:
    from docconv.diagnostics import Reporter

    reporter = Reporter()
    document = docconv.read(post.encode("utf-8"), reporter=reporter)
    assert document.meta.date is not None and document.meta.date.isoformat() == date
    assumed = [d for d in reporter.diagnostics if d.code == "date-zone-assumed"]
    assert len(assumed) == (0 if date.endswith("+00:00") and "Z\n" in post else 1)


def test_footnotes_become_a_superscript_call_and_a_numbered_list_of_notes() -> None:
    from docconv.model import ListBlock, Rule, Superscript

    source = "城市更新是一项系统工程。[^note]\n\n又见注释。[^note]\n\n[^note]: 参见《城市更新行动方案》。\n"
    document = docconv.read(source.encode("utf-8"))
    first = document.blocks[0]
    assert isinstance(first, Paragraph) and isinstance(first.children[-1], Superscript)
    assert plain_text(first.children[-1].children) == "1"
    assert isinstance(document.blocks[-2], Rule) and isinstance(document.blocks[-1], ListBlock)
    assert plain_text(document.blocks[-1].items[0].blocks[0].children) == "参见《城市更新行动方案》。"  # type: ignore[union-attr]
    markdown = docconv.render(document, "markdown").data.decode("utf-8")
    assert "%E5" not in markdown and "](" not in markdown  # no link whose address is the note's text
    assert docconv.render(docconv.read(markdown.encode("utf-8")), "markdown").data.decode("utf-8") == markdown


def test_gfm_strikethrough_is_not_left_as_tildes() -> None:
    document = docconv.read("~~旧的提法~~已经不再使用。\n".encode())
    assert plain_text(document.blocks[0].children) == "旧的提法已经不再使用。"  # type: ignore[union-attr]


def test_github_alerts_read_as_a_quotation_under_their_label() -> None:
    from docconv.model import Quote, Strong

    document = docconv.read(
        "> [!WARNING]\n> 升级前请先备份数据。\n>\n> 第二段。\n\n> [!tip] 直接写在同一行。\n\n> [!UNKNOWN] 不是提示。\n".encode()
    )
    quotes = [b for b in document.blocks if isinstance(b, Quote)]
    assert [[plain_text(p.children) for p in q.blocks] for q in quotes] == [  # type: ignore[union-attr]
        ["Warning", "升级前请先备份数据。", "第二段。"],
        ["Tip", "直接写在同一行。"],
        ["[!UNKNOWN] 不是提示。"],
    ]
    assert isinstance(quotes[0].blocks[0].children[0], Strong)  # type: ignore[union-attr]
    again = docconv.read(docconv.render(document, "markdown").data)
    assert again.blocks == document.blocks
