"""Web archives and news-length articles made by the tests: WARC files written with warcio, pages as a crawler saves them."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

PAGE = (
    '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
    '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>{body}</article>'
    "<footer>© The Example Times</footer></body></html>"
)


def news_page(title: str, paragraphs: int = 6, *, lang: str = "en", head: str = "") -> bytes:
    """A whole web page with navigation and a footer around an article of ``paragraphs`` paragraphs."""
    body = "".join(
        f"<p>{title}, part {n}: the council met on Tuesday to discuss the budget, and members agreed to publish "
        f"the figures before the next session so that residents can read them in full.</p>"
        for n in range(paragraphs)
    )
    return PAGE.format(lang=lang, title=title, head=head, body=body).encode("utf-8")


def write_warc(path: Path, responses: list[tuple[str, bytes, str, str]], *, date: str = "2023-04-05T06:07:08Z") -> None:
    """A WARC file (gzipped when the name ends in .gz) of HTTP responses: (URL, body, status line, content type).

    Each response is preceded by its request record, as crawlers write them.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, body, status, content_type in responses:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}
            )
            writer.write_record(record)
