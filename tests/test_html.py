"""The html renderer and the shared block walker: escaping, XHTML, typography markup, templates."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import lxml.etree
import pytest

import docconv
from docconv.diagnostics import Reporter
from docconv.model import Document, Figure, Metadata, Packet, Paragraph, Text
from docconv.options import Options
from docconv.renderers.base import RenderContext
from docconv.renderers.html.renderer import blocks_html
from docconv.renderers.html.typography import WORD_JOINER, typeset_text
from docconv.renderers.theme import template_environment

SHAPES = """---
title: 形状 <测试>
author: 作者甲
date: 2021-06-22
lang: zh-Hans
categories: [新闻, 测试]
---

## 第一节 & \\<script\\>

用Python写2021年的代码——真好……是吧。

| 名称 | 数量 |
|:--|--:|
| 苹果 \\<b\\> | 3 |

> 引用。

- 一
- 二

```js
if (a < b) { alert("x") }
```

[链接](https://example.com/?a=1&b=2)

![图片说明](https://example.com/a.png "图注")

---
"""


def render_html(source: str | Document | Packet, **overrides: object) -> str:
    document = source if isinstance(source, (Document, Packet)) else docconv.read(source)
    context = RenderContext(dataclasses.replace(Options(offline=True), **overrides), Reporter())
    return docconv.render(document, "html", context=context).data.decode("utf-8")


def test_everything_is_escaped() -> None:
    html = render_html(SHAPES)
    assert "<script>" not in html.split("</head>")[1]
    assert "第一节 &amp; &lt;script&gt;" in html
    assert "苹果 &lt;b&gt;" in html
    assert "if (a &lt; b)" in html
    assert 'href="https://example.com/?a=1&amp;b=2"' in html
    assert "<title>形状 &lt;测试&gt;</title>" in html


def without_spans(html: str) -> str:
    """The HTML without the typesetting spans (.nobr, .pc, .em-dot) that blockset.py adds."""
    return re.sub(r'</?span(?: class="(?:nobr|pc|em-dot)")?>', "", html)


def test_document_shell_lang_metadata_and_title_block() -> None:
    html = render_html(SHAPES)
    assert '<html lang="zh-CN">' in html
    assert '<meta name="keywords" content="新闻, 测试">' in html
    assert "2021 年 6 月 22 日" in html and "作者甲" in html  # Han–Latin spacing in the meta line
    assert 'class="align-right"' in html
    assert "[图片：图片说明]" in html  # the interim/offline media store serves nothing


def test_typography_markup() -> None:
    assert typeset_text("用Python写2021年", True) == "用 Python 写 2021 年"
    assert typeset_text("用 Python 写", True) == "用 Python 写"  # existing spaces are kept, not doubled
    assert typeset_text("好——吗……", True) == f"好{WORD_JOINER}——吗{WORD_JOINER}……"
    assert typeset_text("Python3 and 2021", False) == "Python3 and 2021"
    html = render_html(SHAPES)
    assert f"用 Python 写 2021 年的代码{WORD_JOINER}——真好{WORD_JOINER}……是吧" in without_spans(html)


def test_english_gets_no_cjk_spacing() -> None:
    html = render_html("---\ntitle: T\nlang: en\n---\n\nWord—dash……and 中文mixed.\n")
    assert '<html lang="en">' in html
    assert "Word—dash……and 中文mixed." in html


def test_blocks_html_xhtml_is_well_formed_and_uses_image_src() -> None:
    document = docconv.read(SHAPES)
    fragment = blocks_html(document, xhtml=True, image_src=lambda figure: "images/1.png")
    root = lxml.etree.fromstring(f'<div xmlns="http://www.w3.org/1999/xhtml">{fragment}</div>'.encode())
    assert root is not None
    assert '<img src="images/1.png" alt="图片说明"/>' in fragment
    assert "<hr/>" in fragment
    assert '<h2 id="h1" data-label="第一节 &amp; &lt;script&gt;">' in fragment
    placeholder = blocks_html(document, xhtml=True)
    assert "[图片：图片说明]" in placeholder and "<img" not in placeholder


def test_blocks_html_lang_spans_and_paragraph_lang() -> None:
    document = Document(
        meta=Metadata(language="zh-Hans"),
        blocks=(
            Paragraph(children=(Text(text="日本語Text"),), lang="ja"),
            Paragraph(children=(Text(text="English2021年"),), lang="en"),
        ),
    )
    html = blocks_html(document)
    assert '<p lang="ja">日本語 Text</p>' in without_spans(html)
    assert '<p lang="en">English2021年</p>' in html  # no CJK spacing in an English paragraph
    xhtml = blocks_html(document, xhtml=True)
    assert 'lang="ja" xml:lang="ja"' in xhtml


def test_figure_without_image_source_is_text() -> None:
    document = Document(meta=Metadata(language="en"), blocks=(Figure(src="https://example.com/x.png", alt="A chart"),))
    assert blocks_html(document) == '<p class="image-placeholder">[Image: A chart]</p>'


def test_user_template_dir_comes_first_and_stylesheets_are_appended(tmp_path: Path) -> None:
    (tmp_path / "article.html.j2").write_text('<article class="mine">{{ article.title }}|{{ article.body }}</article>')
    (tmp_path / "print.css").write_text("body { color: #123456; }")
    extra = tmp_path / "extra.css"
    extra.write_text("p { color: #654321; }")
    html = render_html("---\ntitle: 题目\nlang: zh-Hans\n---\n\n正文。\n", template_dir=tmp_path, stylesheets=(extra,))
    assert '<article class="mine">题目|<p>正文。</p></article>' in html
    assert "#123456" in html and "#654321" in html
    assert "docconv print theme" not in html  # the user's print.css replaced the built-in one
    assert html.index("#123456") < html.index("#654321")


def test_builtin_templates_load_through_importlib_resources() -> None:
    environment = template_environment(None)
    for name in ("document.html.j2", "article.html.j2", "cover.html.j2", "contents.html.j2", "omitted.html.j2"):
        assert environment.get_template(name) is not None
    with pytest.raises(Exception, match="nope"):
        environment.get_template("nope.j2")


def test_packet_html_has_cover_contents_and_articles() -> None:
    a = docconv.read("---\ntitle: 第一篇\nlang: zh-Hans\n---\n\n## 小节\n\n内容一。\n")
    b = docconv.read("---\ntitle: 第二篇\nlang: zh-Hans\nsource: https://example.com/2\n---\n\n内容二。\n")
    packet = docconv.bind([a, b], {"title": "简报", "notice": "内部资料"})
    html = render_html(packet)
    assert 'class="cover"' in html and "内部资料" in html and "共 2 篇文章" in html
    assert '<a href="#a1">' in html and '<a href="#a2">' in html
    assert '<h3 id="a1-h1" data-label="小节">' in html  # shifted one level under the article title
    assert "https://example.com/2" in html
