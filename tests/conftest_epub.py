"""Inputs and helpers for the EPUB tests: small articles of every shape, a local image server,
and readers for the parts of an EPUB (OPF, nav, content documents)."""

from __future__ import annotations

import base64
import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from lxml import etree
from PIL import Image

from docconv.model import (
    Code,
    CodeBlock,
    Document,
    Emphasis,
    Figure,
    Heading,
    LangSpan,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Quote,
    Rule,
    Strong,
    Subscript,
    Superscript,
    Table,
    TableCell,
    TableRow,
    Text,
)

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def image_bytes(kind: str, size: tuple[int, int] = (48, 32), color: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, kind)
    return buffer.getvalue()


def data_url(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


# ------------------------------------------------------------------- articles

HANT = """---
title: 臺北捷運新路線通車，市民踴躍搭乘
lang: zh-Hant
author: 記者 王小明
date: 2024-03-01T09:30:00+08:00
categories: [交通, 臺北]
source: https://news.example.org/tw/2024/03/mrt
---

## 通車首日

臺北捷運新路線今天正式通車，許多市民一早就前往體驗。這條路線連接了幾個重要的區域，預計將大幅縮短通勤時間。

### 乘客反應

> 「比以前方便多了，」一位乘客說。

- 班距：尖峰時段約四分鐘
- 票價：與現有路線相同
- 無障礙設施：各站均設有電梯

## 後續規劃

市政府表示，將持續檢討營運狀況，並在明年完成延伸段的工程。
"""

JA = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>東京の桜、今年は早めの開花</title>
<meta name="author" content="山田太郎"><meta property="article:published_time" content="2024-03-20T10:00:00+09:00">
<meta name="description" content="気象庁によると、東京の桜が平年より早く開花した。"></head>
<body><article><h1>東京の桜、今年は早めの開花</h1>
<p>気象庁によると、東京の桜は平年より五日早く開花しました。<span lang="en">Cherry blossoms</span>を見に、多くの人が公園を訪れています。</p>
<h2>各地の開花状況</h2>
<table><caption>主な都市の開花日</caption>
<thead><tr><th>都市</th><th align="right">開花日</th></tr></thead>
<tbody><tr><td>東京</td><td align="right">3月20日</td></tr><tr><td>大阪</td><td align="right">3月25日</td></tr></tbody></table>
<figure><img src="https://images.example.invalid/sakura.jpg" alt="満開の桜"><figcaption>上野公園の桜</figcaption></figure>
<h2>見頃の時期</h2>
<p>見頃は来週末になる見込みです。</p>
</article></body></html>
"""

EN = """---
title: "Five things to know about the city's new budget"
author: [Jane Doe, John Roe]
date: 2024-05-02T08:00:00Z
categories: [Politics, Budget]
source: https://example.org/news/budget-2024?ref=rss&x=1
description: A quick guide to the budget & what it means.
---

The council approved the budget on **Tuesday** after a *long* debate. See [the full text](https://example.org/budget.pdf) and
`section 4`.

## Spending

| Item | 2023 | 2024 |
|:-----|-----:|:----:|
| Schools | 1.2 bn | 1.4 bn |
| Transport | 0.8 bn | 0.9 bn |

Table: Spending by area

3. Third point
4. Fourth point
   - nested bullet
   - another

> Quoted words from the mayor.
>
> A second quoted paragraph.

```python
print("budget < 2 & > 1")
```

---

### Footnotes

Water is H~2~O and E = mc^2^.
"""


def every_node_document(image_src: str, cover: str | None = None) -> Document:
    """A document built from the model directly so that every node type (and some odd ones) appears."""
    return Document(
        meta=Metadata(
            title='Every node: <tags> & "quotes"',
            authors=("A. Writer",),
            date=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
            categories=("Test",),
            source_url="https://example.org/every node?q=中文",
            cover_image=cover,
            language="en",
            description="All the nodes.",
        ),
        blocks=(
            Heading(level=2, children=(Text(text="Inline "), Emphasis(children=(Text(text="forms"),)))),
            Paragraph(
                children=(
                    Text(text="Plain, "),
                    Emphasis(children=(Text(text="em"),)),
                    Text(text=", "),
                    Strong(children=(Text(text="strong"),)),
                    Text(text=", "),
                    Code(text="a < b && c"),
                    Text(text=", "),
                    Link(
                        children=(Text(text="outer "), Link(children=(Text(text="nested"),), url="https://example.org/inner")),
                        url="https://example.org/o",
                    ),
                    Text(text=", "),
                    Link(children=(Text(text="mail"),), url="mailto:someone@example.org"),
                    Text(text=", x"),
                    Superscript(children=(Text(text="2"),)),
                    Text(text=", H"),
                    Subscript(children=(Text(text="2"),)),
                    Text(text="O, "),
                    LangSpan(children=(Text(text="中文"),), lang="zh_CN"),
                    Text(text=", "),
                    LangSpan(children=(Text(text="bad tag"),), lang="???"),
                    LineBreak(),
                    Text(text="after a break\x0b with a control character \ufffe."),
                )
            ),
            Paragraph(children=(Text(text="Ein deutscher Absatz."),), lang="de"),
            Heading(level=5, children=(Text(text="Skipped levels"),)),
            Heading(level=3, children=()),  # a heading with no text: rendered, left out of the nav
            Figure(src=image_src, alt="A red box", caption="The caption"),
            Figure(src=image_src, alt="", caption=""),
            Figure(src="https://images.example.invalid/lost.png", alt="", caption="Only a caption"),
            Figure(src="https://images.example.invalid/lost2.png"),
            ListBlock(items=(), ordered=False),
            ListBlock(
                items=(
                    ListItem(
                        blocks=(
                            Paragraph(children=(Text(text="one"),)),
                            ListBlock(items=(ListItem(blocks=(Paragraph(children=(Text(text="deep"),)),)),), ordered=True),
                        )
                    ),
                    ListItem(blocks=()),
                ),
                ordered=True,
                start=7,
            ),
            Quote(
                blocks=(Heading(level=4, children=(Text(text="Heading in a quote"),)), Paragraph(children=(Text(text="quoted"),)))
            ),
            Table(
                head=(
                    TableRow(
                        cells=(
                            TableCell(children=(Text(text="H1"),), header=True, align="left"),
                            TableCell(children=(Text(text="H2"),), header=True, align="bogus"),
                        )
                    ),
                ),
                body=(
                    TableRow(
                        cells=(
                            TableCell(children=(Text(text="row head"),), header=True),
                            TableCell(children=(Text(text="1"),), header=False, align="right"),
                        )
                    ),
                    TableRow(cells=()),
                ),
                caption="A table",
            ),
            Table(head=(), body=(TableRow(cells=(TableCell(children=(Text(text="no head"),)),)),)),
            Table(head=(), body=(), caption="An empty table"),
            CodeBlock(text="x = '<&>'\n", language="py thon"),
            CodeBlock(text=""),
            Rule(),
            Paragraph(children=()),
        ),
        base_url=None,
        origin="<every-node>",
    )


# ------------------------------------------------------------------- images over HTTP on 127.0.0.1


@dataclass
class ImageServer:
    base: str
    served: dict[str, tuple[bytes, str]]


@contextmanager
def image_server(served: dict[str, tuple[bytes, str]]) -> Iterator[ImageServer]:
    """Serve ``path → (bytes, content type)`` on 127.0.0.1; the content type may lie on purpose."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            entry = served.get(self.path)
            if entry is None:
                self.send_error(404)
                return
            body, content_type = entry
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ImageServer(f"http://127.0.0.1:{server.server_address[1]}", served)
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------- reading an EPUB back


@dataclass
class Epub:
    data: bytes

    def __post_init__(self) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(self.data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        self.root = self.opf_path.rsplit("/", 1)[0] + "/" if "/" in self.opf_path else ""
        self.opf = etree.fromstring(self.zip.read(self.opf_path))

    def read(self, href: str) -> bytes:
        return self.zip.read(self.root + href.split("#")[0])

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))  # strict XML: a well-formedness error raises

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.findall(f"opf:metadata/dc:{name}", NS)]

    def meta(self, prop: str) -> list[str]:
        return [e.text or "" for e in self.opf.findall(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def manifest(self) -> list[etree._Element]:
        return self.opf.findall("opf:manifest/opf:item", NS)

    def item(self, **attributes: str) -> list[etree._Element]:
        return [i for i in self.manifest() if all(attributes[k] in (i.get(k) or "").split() for k in attributes)]

    def spine(self) -> list[str]:
        ids = {i.get("id"): i.get("href") for i in self.manifest()}
        return [ids[ref.get("idref")] for ref in self.opf.findall("opf:spine/opf:itemref", NS)]

    def documents(self) -> list[str]:
        return [i.get("href") for i in self.manifest() if i.get("media-type") == "application/xhtml+xml"]

    def nav(self) -> etree._Element:
        return self.xml(self.item(properties="nav")[0].get("href"))

    def text(self) -> str:
        """Everything a reader shows: the text of every content document and the nav."""
        parts = []
        for href in self.documents():
            body = self.xml(href).find("x:body", NS)
            parts.append("".join(body.itertext()))
        return "\n".join(parts)
