"""Hostile and pathological inputs, written to files: the cases of issue 19 and their kin.

Shared by the tests (``tests/test_exhaustion.py`` converts every one and asserts no "internal
error") and by the memory benchmark (``benchmarks/memory.py``). Each input is ``name → bytes``;
``DEEPEST`` is the sentence at the bottom of every deep structure, which an output must keep.
"""

from __future__ import annotations

from pathlib import Path

DEEPEST = "这是最深处的句子。"
_RUN, _END = "<b><i><u><s><sup><sub>", "</sub></sup></s></u></i></b>"
_PAGE = (
    "<html><head><title>深层嵌套</title></head><body><article><h1>深层嵌套</h1><p>开头的一段正文。</p>{}</article></body></html>"
)


def alias_bomb(*, keys: str = "categories: *a9") -> str:
    """The "billion laughs": ten anchors, each ten aliases of the one before (10^10 leaves)."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join([*lines, keys])


def alias_bomb_post() -> bytes:
    return f"---\ntitle: 炸弹\n{alias_bomb()}\n---\n\n正文第一段。这篇文章本身没有问题。\n".encode()


def alias_bomb_manifest(article: str) -> bytes:
    return f"title: 简报\n{alias_bomb(keys='subtitle: *a9')}\narticles: [{article}]\n".encode()


def deep_html(opening: str, closing: str, depth: int) -> bytes:
    return _PAGE.format(opening * depth + DEEPEST + closing * depth).encode()


def deep_inputs() -> dict[str, bytes]:
    """The deep structures of issue 19 (HTML and Markdown) and a few shapes around them."""
    return {
        "deep_lists.html": deep_html("<ul><li>", "</li></ul>", 3000),
        "deep_quotes.html": deep_html("<blockquote>", "</blockquote>", 3000),
        "deep_tables.html": deep_html("<table><tr><td>", "</td></tr></table>", 800),
        "deep_inline.html": _PAGE.format("<p>" + _RUN * 134 + DEEPEST + _END * 134 + "</p>").encode(),  # 804 deep
        "deep_links.html": deep_html('<a href="https://example.com/">', "</a>", 3000),
        "deep_lists_quotes.html": deep_html("<blockquote><ol><li>", "</li></ol></blockquote>", 1000),
        "deep_quotes.md": ("# 深层嵌套\n\n开头的一段正文。\n\n" + ">" * 3000 + " " + DEEPEST + "\n").encode(),
        "deep_lists.md": ("# 深层嵌套\n\n开头的一段正文。\n\n" + "- " * 3000 + DEEPEST + "\n").encode(),
        "deep_emphasis.md": ("# 深层嵌套\n\n开头的一段正文。\n\n" + "*" * 3000 + DEEPEST + "*" * 3000 + "\n").encode(),
    }


def yaml_inputs() -> dict[str, bytes]:
    """Front matter that is expensive to expand, too deep, recursive or too large."""
    deep_flow = "[" * 5000 + "]" * 5000
    chain = "\n".join(["c0: &c0 [x]", *(f"c{i}: &c{i} [*c{i - 1}]" for i in range(1, 2000))])
    body = "\n\n正文第一段。这篇文章本身没有问题。\n"
    return {
        "yaml_alias_bomb.md": alias_bomb_post(),
        "yaml_deep_flow.md": f"---\ntitle: 深\nx: {deep_flow}\n---{body}".encode(),
        "yaml_anchor_chain.md": f"---\ntitle: 链\n{chain}\n---{body}".encode(),
        "yaml_recursive_anchor.md": f"---\ntitle: 环\nloop: &loop [*loop]\n---{body}".encode(),
        "yaml_merge_bomb.md": f"---\ntitle: 合并\n{alias_bomb()}\n<<: {{k: *a9}}\n---{body}".encode(),
        "yaml_huge.md": ("---\ntitle: 大\nlong: " + "字" * 600_000 + f"\n---{body}").encode(),
    }


def wide_table(columns: int = 2000, rows: int = 20) -> bytes:
    head = "|" + "|".join(f"列{i}" for i in range(columns)) + "|\n|" + "---|" * columns + "\n"
    body = "".join("|" + "|".join(f"{r}.{c}" for c in range(columns)) + "|\n" for r in range(1, rows))
    return f"# 宽表\n\n开头的一段正文。\n\n{head}{body}".encode()


def long_paragraph(size: int = 1_000_000) -> bytes:
    """One Markdown paragraph of about ``size`` bytes of Chinese, sentences of varied length."""
    words = "城市治理研究报告显示上海在文化软实力方面取得进展同时也面临新的挑战需要进一步努力"
    sentences: list[str] = []
    length, index = 0, 0
    while length < size // 3:
        count = 12 + (index * 7) % 30
        sentence = "".join(words[(index + k) % len(words)] for k in range(count)) + ("，" if index % 3 else "。")
        sentences.append(sentence)
        length += len(sentence)
        index += 1
    return ("# 长段落\n\n" + "".join(sentences).rstrip("，") + "。" + DEEPEST + "\n").encode()


def write_all(folder: Path) -> dict[str, Path]:
    """Every quick hostile input (deep structures and YAML), written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, data in {**deep_inputs(), **yaml_inputs()}.items():
        path = folder / name
        path.write_bytes(data)
        paths[name] = path
    return paths
