"""Posts as real sites hold them: front matter that is not quite YAML, keys a site's templates read
by their own name, plain-text articles whose first line is the title."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import docconv
from docconv.diagnostics import Reporter
from docconv.errors import InputError
from docconv.model import block_text


def _read(tmp_path: Path, name: str, text: str) -> tuple[docconv.Document, Reporter]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    reporter = Reporter()
    return docconv.read(path, reporter=reporter), reporter


def _front_matter(markdown: str) -> dict[str, object]:
    data = yaml.safe_load(markdown.split("---\n")[1])
    assert isinstance(data, dict)
    return data


BROKEN = """---
title: \"\"\"\"\"'Notes on Sorting Networks_ Why Depth Matters'\"\"\"\"\"
date: 2023-02-11 09:12:40
tags:
  - algorithms
  - hardware
summary: It's a note about 'depth' and size
---

Sorting networks compare and swap in a fixed order.

They are used in hardware and in GPU kernels.
"""


def test_a_broken_quoted_title_is_recovered_with_one_warning_naming_its_line(tmp_path: Path) -> None:
    document, reporter = _read(tmp_path, "broken.md", BROKEN)
    assert document.meta.title == "Notes on Sorting Networks_ Why Depth Matters"
    assert document.meta.categories == ("algorithms", "hardware")
    assert document.meta.date is not None and document.meta.date.year == 2023
    recovered = [d for d in reporter.diagnostics if d.code == "front-matter-recovered"]
    assert len(recovered) == 1 and recovered[0].level == "warning"
    assert "line 2" in recovered[0].message
    assert len(document.blocks) == 2


def test_a_value_with_a_lone_quote_is_kept_as_written(tmp_path: Path) -> None:
    text = "---\ntitle: 'Sam's field notes'\nauthor: Sam\n---\n\nBody text.\n"
    document, _ = _read(tmp_path, "quote.md", text)
    assert document.meta.title == "Sam's field notes"
    assert document.meta.authors == ("Sam",)


def test_an_explicit_tag_the_safe_loader_refuses_stays_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="invalid YAML front matter"):
        _read(tmp_path, "tag.md", "---\ntitle: !!python/name:os.system x\n---\n\nBody.\n")


def test_a_header_with_nothing_to_recover_and_no_body_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="invalid YAML front matter"):
        _read(tmp_path, "empty.md", "---\n[unclosed\n---\n")


HEXO = """---
title: 夜航船上的城市
tags: [轮渡, 城市]
categories:
  - 随笔
thumbnail: https://img.example.cn/ferry.jpg
comments: true
---

夜里十点，最后一班轮渡离开码头。
"""


def test_tags_and_thumbnail_survive_markdown_to_markdown(tmp_path: Path) -> None:
    document, _ = _read(tmp_path, "post.md", HEXO)
    assert document.meta.categories == ("随笔", "轮渡", "城市")  # docconv still understands them
    assert document.meta.cover_image == "https://img.example.cn/ferry.jpg"
    first = docconv.render(document, "markdown").data.decode("utf-8")
    data = _front_matter(first)
    assert data["tags"] == ["轮渡", "城市"]
    assert data["categories"] == ["随笔"]
    assert data["thumbnail"] == "https://img.example.cn/ferry.jpg"
    assert "cover" not in data
    again = docconv.read(first.encode("utf-8"))
    assert again.meta == document.meta
    assert docconv.render(again, "markdown").data.decode("utf-8") == first


def test_tags_written_before_categories_read_back_the_same(tmp_path: Path) -> None:
    text = "---\ntitle: T\ntags: b, c\ncategories: [a]\ncover: x.jpg\nthumbnail: y.jpg\n---\n\nBody.\n"
    document, _ = _read(tmp_path, "order.md", text)
    assert document.meta.categories == ("a", "b", "c")
    assert document.meta.cover_image == "x.jpg"  # the post's own cover key wins over an alias
    first = docconv.render(document, "markdown").data.decode("utf-8")
    data = _front_matter(first)
    assert (data["cover"], data["thumbnail"], data["tags"]) == ("x.jpg", "y.jpg", "b, c")
    assert docconv.read(first.encode("utf-8")).meta == document.meta


def test_a_txt_article_takes_its_title_from_a_short_first_line(tmp_path: Path) -> None:
    document, _ = _read(tmp_path, "night.txt", "城市书房夜读记\n\n晚上九点，街角的城市书房依然亮着灯。\n\n第二段。\n")
    assert document.meta.title == "城市书房夜读记"
    assert [block_text(b) for b in document.blocks] == ["晚上九点，街角的城市书房依然亮着灯。", "第二段。"]


@pytest.mark.parametrize(
    "text",
    [
        "A first line that runs on as a sentence would, well past any length a title could reasonably have here.\n\nMore.\n",
        "第一行是一句完整的话，没有空行隔开\n第二行紧接着。\n",
        "这是一句话。\n\n下一段。\n",
    ],
)
def test_a_txt_article_whose_first_line_is_no_title_keeps_it(tmp_path: Path, text: str) -> None:
    document, _ = _read(tmp_path, "notes-2024.txt", text)
    assert document.meta.title == "notes-2024"
    assert block_text(document.blocks[0]).startswith(text.split("\n")[0][:10])
