"""Hexo and Jekyll template tags in post bodies: read as the Markdown they stand for, never as literal braces."""

from __future__ import annotations

import io
from pathlib import Path

import docconv
from docconv.diagnostics import Reporter
from docconv.model import CodeBlock, Figure, Paragraph, Quote, plain_text

FRONT = "---\ntitle: 马拉松\ndate: 2023-11-20 08:30:00+08:00\n---\n\n"


def read_post(tmp_path: Path, body: str, name: str = "first-marathon.md") -> tuple[docconv.Document, Reporter]:
    path = tmp_path / name
    path.write_text(FRONT + body, encoding="utf-8")
    reporter = Reporter()
    return docconv.read(path, reporter=reporter), reporter


def test_hexo_asset_image_is_a_figure_in_the_post_asset_folder(tmp_path: Path) -> None:
    document, _ = read_post(tmp_path, "起跑了。\n\n{% asset_img start-line.jpg 起点的人群 %}\n")
    figure = next(b for b in document.blocks if isinstance(b, Figure))
    assert (figure.src, figure.caption) == ("first-marathon/start-line.jpg", "起点的人群")


def test_img_tag_with_class_size_title_and_alt(tmp_path: Path) -> None:
    document, _ = read_post(tmp_path, '{% img right /images/finish.jpg 300 200 \'"终点" "冲过终点线"\' %}\n')
    figure = next(b for b in document.blocks if isinstance(b, Figure))
    assert figure.src.endswith("/images/finish.jpg") and (figure.alt, figure.caption) == ("冲过终点线", "终点")


def test_blockquote_keeps_its_author(tmp_path: Path) -> None:
    body = "{% blockquote 村上春树, 当我谈跑步时我谈些什么 %}\n痛苦是难以避免的，\n而磨难可以选择。\n{% endblockquote %}\n"
    document, _ = read_post(tmp_path, body)
    quote = next(b for b in document.blocks if isinstance(b, Quote))
    texts = [plain_text(b.children) for b in quote.blocks if isinstance(b, Paragraph)]
    assert texts == ["痛苦是难以避免的，而磨难可以选择。", "—— 村上春树, 当我谈跑步时我谈些什么"]


def test_codeblock_highlight_and_raw(tmp_path: Path) -> None:
    body = (
        "{% codeblock 配速计算 lang:python %}\npace = time / distance\n{% endcodeblock %}\n\n"
        "{% highlight ruby %}\nputs 'hi'\n{% endhighlight %}\n\n"
        "{% raw %}\n模板里写 {{ page.title }}。\n{% endraw %}\n"
    )
    document, reporter = read_post(tmp_path, body)
    codes = [(b.language, b.text) for b in document.blocks if isinstance(b, CodeBlock)]
    assert codes == [("python", "pace = time / distance"), ("ruby", "puts 'hi'")]
    assert any(plain_text(b.children) == "模板里写 {{ page.title }}。" for b in document.blocks if isinstance(b, Paragraph))
    assert not [d for d in reporter.diagnostics if d.code == "site-tag-kept"]


def test_tags_inside_a_fenced_block_are_what_the_post_shows(tmp_path: Path) -> None:
    body = "用法：\n\n```liquid\n{% asset_img a.jpg %}\n{% blockquote %}\n```\n\n结束。\n"
    document, _ = read_post(tmp_path, body)
    code = next(b for b in document.blocks if isinstance(b, CodeBlock))
    assert code.text == "{% asset_img a.jpg %}\n{% blockquote %}"
    assert [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)] == ["用法：", "结束。"]


def test_an_unknown_tag_is_kept_and_named_once(tmp_path: Path) -> None:
    document, reporter = read_post(tmp_path, "前文。{% include ad.html %}后文。\n\n{% include ad.html %}\n")
    assert "{% include ad.html %}" in plain_text(document.blocks[0].children)  # type: ignore[union-attr]
    kept = [d.message for d in reporter.diagnostics if d.code == "site-tag-kept"]
    assert len(kept) == 1 and "include" in kept[0]


def test_markdown_output_has_no_template_braces(tmp_path: Path) -> None:
    body = "{% asset_img a.jpg 图 %}\n\n{% blockquote 作者 %}\n引文。\n{% endblockquote %}\n"
    document, _ = read_post(tmp_path, body)
    markdown = docconv.render(document, "markdown").data.decode("utf-8")
    assert "{%" not in markdown and "%}" not in markdown
    assert docconv.render(docconv.read(markdown.encode("utf-8")), "markdown").data.decode("utf-8") == markdown


def texts(document: docconv.Document) -> list[str]:
    return [plain_text(b.children) for b in document.blocks if isinstance(b, Paragraph)]


def test_output_tags_take_their_values_from_the_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "hike.md"
    path.write_text(
        "---\ntitle: 周末去爬山\ndate: 2023-10-14 09:00:00 +0800\nmountain: 香山\n---\n\n"
        "《{{ page.title }}》：我们去了{{ page.mountain }}，"
        "{{ page.date | date: \"%Y年%-m月%-d日\" }}出发，{{ page.weather | default: '天气很好' }}。\n\n"
        "![山顶]({{ site.baseurl }}/assets/peak.jpg)\n\n"
        "![山路]({{ '/assets/trail.jpg' | relative_url }})\n",
        encoding="utf-8",
    )
    reporter = Reporter()
    document = docconv.read(path, reporter=reporter)
    assert texts(document)[0] == "《周末去爬山》：我们去了香山，2023年10月14日出发，天气很好。"
    assert [f.src.rsplit("/", 2)[-2:] for f in document.blocks if isinstance(f, Figure)] == [
        ["assets", "peak.jpg"],
        ["assets", "trail.jpg"],
    ]
    assert "site-tag-kept" not in [d.code for d in reporter.diagnostics]


def test_unknown_output_tags_are_kept_with_one_warning_and_code_and_raw_are_untouched(tmp_path: Path) -> None:
    document, reporter = read_post(
        tmp_path,
        "午饭在{{ site.data.places.lunch }}，晚饭在{{ site.data.places.dinner }}。\n\n"
        "```liquid\n{{ page.title }}\n```\n\n{% raw %}\n模板示例：{{ page.title }}\n{% endraw %}\n",
    )
    assert texts(document) == [
        "午饭在{{ site.data.places.lunch }}，晚饭在{{ site.data.places.dinner }}。",
        "模板示例：{{ page.title }}",
    ]
    assert [b.text for b in document.blocks if isinstance(b, CodeBlock)] == ["{{ page.title }}"]
    kept = [d for d in reporter.diagnostics if d.code == "site-tag-kept"]
    assert len(kept) == 1 and "site.data.places.lunch" in kept[0].message and "site.data.places.dinner" in kept[0].message


def test_output_tags_in_an_html_body(tmp_path: Path) -> None:
    document, reporter = read_post(
        tmp_path,
        '<p>{{ page.title }}的路线。</p>\n<p><img src="{{ site.baseurl }}/img/route.png" alt="路线图"></p>\n'
        "<p>{% raw %}{{ page.title }}{% endraw %}是模板写法。</p>\n",
    )
    assert texts(document) == ["马拉松的路线。", "{{ page.title }}是模板写法。"]
    assert [f.src.rsplit("/", 2)[-2:] for f in document.blocks if isinstance(f, Figure)] == [["img", "route.png"]]
    assert "site-tag-kept" not in [d.code for d in reporter.diagnostics]


def _jekyll_site(tmp_path: Path) -> Path:
    from PIL import Image

    (tmp_path / "site" / "assets").mkdir(parents=True)
    (tmp_path / "site" / "_posts").mkdir()
    Image.new("RGB", (80, 60), (20, 120, 200)).save(tmp_path / "site" / "assets" / "peak.png")
    post = tmp_path / "site" / "_posts" / "2023-10-14-hike.md"
    post.write_text(
        FRONT + '山顶的风景。\n\n![山顶]({{ site.baseurl }}/assets/peak.png)\n\n<img src="/assets/peak.png" alt="再看一次">\n',
        encoding="utf-8",
    )
    return post


def test_site_root_paths_in_a_posts_folder_mean_the_sites_folder(tmp_path: Path) -> None:
    import zipfile

    post = _jekyll_site(tmp_path)
    site = tmp_path / "site"
    document = docconv.read(post)
    assert [f.src for f in document.blocks if isinstance(f, Figure)] == [(site / "assets" / "peak.png").as_uri()] * 2
    # Outside the post's own folder: refused by default, with the real path to allow …
    refused = docconv.convert(post, "epub", docconv.make_options(offline=True))
    messages = [d.message for d in refused.diagnostics if d.code == "image-refused"]
    assert len(messages) == 1 and str(site / "assets" / "peak.png") in messages[0]  # one image, asked for twice
    # … and included once the site's folder is allowed.
    allowed = docconv.convert(post, "epub", docconv.make_options(offline=True, allowed_dirs=(site,)))
    assert not [d for d in allowed.diagnostics if d.code.startswith("image")]
    with zipfile.ZipFile(io.BytesIO(allowed.data)) as book:
        assert [n for n in book.namelist() if n.endswith(".png")]


def test_site_root_paths_outside_a_posts_folder_still_mean_the_file_system_root(tmp_path: Path) -> None:
    document, _ = read_post(tmp_path, "![图](/assets/peak.png)\n")
    assert [f.src for f in document.blocks if isinstance(f, Figure)] == ["file:///assets/peak.png"]


def test_raw_on_one_line_of_markdown_keeps_its_tags_as_written(tmp_path: Path) -> None:
    document, reporter = read_post(tmp_path, "写法：{% raw %}{{ page.title }}{% endraw %}，结果：{{ page.title }}。\n")
    assert texts(document) == ["写法：{{ page.title }}，结果：马拉松。"]
    assert "site-tag-kept" not in [d.code for d in reporter.diagnostics]
