"""Code as syntax highlighters write it on real pages: one code block, its lines, no line numbers, the language."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

import docconv
from docconv.model import CodeBlock, Document, Table
from docconv.sources import Source

TWO_LINES = ("print(1)", "print(2)")

HIGHLIGHTERS = {
    "hexo gutter table": (
        '<figure class="highlight python"><table><tr><td class="gutter"><pre><span class="line">1</span><br>'
        '<span class="line">2</span><br></pre></td><td class="code"><pre><span class="line"><span class="built_in">print</span>'
        '(1)</span><br><span class="line"><span class="built_in">print</span>(2)</span><br></pre></td></tr></table></figure>',
        "python",
    ),
    "jekyll rouge table inside pre": (
        '<div class="language-python highlighter-rouge"><div class="highlight"><pre class="highlight"><code>'
        '<table class="rouge-table"><tbody><tr><td class="rouge-gutter gl"><pre class="lineno">1\n2\n</pre></td>'
        '<td class="rouge-code"><pre><span class="nf">print</span>(1)\n<span class="nf">print</span>(2)\n</pre></td>'
        "</tr></tbody></table></code></pre></div></div>",
        "python",
    ),
    "pygments table": (
        '<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">1</span>\n'
        '<span class="normal">2</span></pre></div></td><td class="code"><div class="highlight"><pre><span></span>'
        '<span class="nb">print</span>(1)\n<span class="nb">print</span>(2)\n</pre></div></td></tr></table>',
        "",
    ),
    "pygments inline numbers": (
        '<div class="highlight"><pre><span></span><span class="linenos">1</span>print(1)\n'
        '<span class="linenos">2</span>print(2)\n</pre></div>',
        "",
    ),
    "hugo chroma table": (
        '<div class="highlight"><div class="chroma"><table class="lntable"><tr><td class="lntd"><pre tabindex="0" '
        'class="chroma"><code><span class="lnt">1\n</span><span class="lnt">2\n</span></code></pre></td><td class="lntd">'
        '<pre tabindex="0" class="chroma"><code class="language-python" data-lang="python"><span class="line">'
        '<span class="cl">print(1)\n</span></span><span class="line"><span class="cl">print(2)</span></span></code></pre>'
        "</td></tr></table></div></div>",
        "python",
    ),
    "csdn highlight.js line numbers": (
        '<pre><code class="hljs language-python"><ol class="hljs-ln"><li><div class="hljs-ln-numbers">'
        '<div class="hljs-ln-line hljs-ln-n" data-line-number="1"></div></div><div class="hljs-ln-code">'
        '<div class="hljs-ln-line">print(1)</div></div></li><li><div class="hljs-ln-numbers"><div class="hljs-ln-line '
        'hljs-ln-n" data-line-number="2"></div></div><div class="hljs-ln-code"><div class="hljs-ln-line">print(2)</div>'
        "</div></li></ol></code></pre>",
        "python",
    ),
    "github gist rows": (
        '<table class="highlight tab-size js-file-line-container" data-tab-size="8"><tr><td id="L1" class="blob-num '
        'js-line-number" data-line-number="1"></td><td id="LC1" class="blob-code blob-code-inner js-file-line">print(1)'
        '</td></tr><tr><td id="L2" class="blob-num js-line-number" data-line-number="2"></td><td id="LC2" '
        'class="blob-code blob-code-inner js-file-line">print(2)</td></tr></table>',
        "",
    ),
    "syntaxhighlighter brush": ('<pre class="brush: python; gutter: true">print(1)\nprint(2)</pre>', "python"),
    "pandoc sourceCode": (
        '<div class="sourceCode" id="cb1"><pre class="sourceCode python"><code class="sourceCode python">'
        '<span id="cb1-1"><a href="#cb1-1" aria-hidden="true" tabindex="-1"></a>print(1)</span>\n'
        '<span id="cb1-2"><a href="#cb1-2" aria-hidden="true" tabindex="-1"></a>print(2)</span></code></pre></div>',
        "python",
    ),
    "prism line-numbers": (
        '<pre class="line-numbers language-python"><code class="language-python">print(1)\nprint(2)'
        '<span aria-hidden="true" class="line-numbers-rows"><span></span><span></span></span></code></pre>',
        "python",
    ),
    "wechat one code element per line": (
        '<pre class="code-snippet__js" data-lang="python"><code><span class="code-snippet_outer">print(1)</span></code>'
        '<code><span class="code-snippet_outer">print(2)</span></code></pre>',
        "python",
    ),
    "br inside a plain pre": ("<pre>print(1)<br>print(2)</pre>", ""),
}


def read(html: str) -> Document:
    return docconv.read(Source(f"<p>下面是代码：</p>{html}<p>以上。</p>", "<test>", None))


@pytest.mark.parametrize("name", list(HIGHLIGHTERS))
def test_highlighted_code_is_one_block_of_its_lines(name: str) -> None:
    html, language = HIGHLIGHTERS[name]
    document = read(html)
    codes = [b for b in document.blocks if isinstance(b, CodeBlock)]
    assert [(c.text, c.language) for c in codes] == [("\n".join(TWO_LINES), language)]
    assert not [b for b in document.blocks if isinstance(b, Table)]


@pytest.mark.parametrize("name", ["hexo gutter table", "csdn highlight.js line numbers", "github gist rows"])
def test_highlighted_code_in_markdown_is_a_fence_without_numbers(name: str) -> None:
    html, language = HIGHLIGHTERS[name]
    markdown = docconv.render(read(html), "markdown").data.decode("utf-8")
    fences = [t for t in MarkdownIt("commonmark").parse(markdown) if t.type == "fence"]
    assert [(f.content, f.info) for f in fences] == [("\n".join(TWO_LINES) + "\n", language)]


def test_a_data_table_with_a_number_column_stays_a_table() -> None:
    document = read(
        "<table><tr><th>序号</th><th>城市</th></tr><tr><td>1</td><td>上海</td></tr><tr><td>2</td><td>北京</td></tr></table>"
    )
    assert [type(b) for b in document.blocks] == [type(document.blocks[0]), Table, type(document.blocks[0])]


def test_a_two_cell_table_with_a_number_beside_a_pre_without_gutter_markup_stays_code_only_when_numbers_only() -> None:
    code = read("<table><tr><td><pre>1\n2</pre></td><td><pre>print(1)\nprint(2)</pre></td></tr></table>")
    assert [(b.text, b.language) for b in code.blocks if isinstance(b, CodeBlock)] == [("\n".join(TWO_LINES), "")]
    data = read("<table><tr><td>2023</td><td><pre>print(1)</pre></td></tr></table>")  # a year, not a gutter of a <pre>
    assert [b for b in data.blocks if isinstance(b, Table)]


def test_wechat_snippet_with_its_line_index_list_is_only_the_code() -> None:
    document = read(
        '<section class="code-snippet__fix code-snippet__js"><ul class="code-snippet__line-index code-snippet__js">'
        "<li></li><li></li></ul>" + HIGHLIGHTERS["wechat one code element per line"][0] + "</section>"
    )
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "CodeBlock", "Paragraph"]
