"""The fetcher against a real HTTP server on 127.0.0.1, data: URLs, and local-file confinement."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

import docconv
from docconv.diagnostics import Reporter
from docconv.errors import InputError
from docconv.options import Limits, Options
from docconv.resources.fetch import (
    Fetcher,
    FetchError,
    OfflineError,
    RefusedError,
    TooLargeError,
    decode_data_url,
    fetch_document,
)
from tests.http_server import OVERSIZED, LocalServer, connections, local_server, png_bytes

__all__ = ["connections", "local_server"]

LOCAL = Options(allow_private_network=True, use_cache=False)


def fetcher(**changes: object) -> Fetcher:
    import dataclasses

    return Fetcher(dataclasses.replace(LOCAL, **changes))  # type: ignore[arg-type]


# ---------------------------------------------------------------------- http


def test_fetches_with_user_agent_and_referer(local_server: LocalServer) -> None:
    fetched = fetcher().fetch(local_server.url("/img/red.png"), referer="https://news.example.com/a/1.html#top")
    assert fetched.data == png_bytes()
    headers = local_server.requests[-1].headers
    assert headers["User-Agent"] == Options().user_agent
    assert headers["Accept-Encoding"] == "identity"
    # https article → http image: no Referer, as browsers do by default.
    assert "Referer" not in headers
    fetcher().fetch(local_server.url("/img/red.png"), referer="http://user:pw@news.example.com/a/1.html#top")
    assert local_server.requests[-1].headers["Referer"] == "http://news.example.com/a/1.html"


def test_referer_can_be_switched_off_and_is_never_a_file_url(local_server: LocalServer) -> None:
    fetcher(send_referer=False).fetch(local_server.url("/img/red.png"), referer="http://news.example.com/a")
    assert "Referer" not in local_server.requests[-1].headers
    fetcher().fetch(local_server.url("/img/red.png"), referer="file:///home/me/post.md")
    assert "Referer" not in local_server.requests[-1].headers


def test_non_ascii_path_is_percent_encoded(local_server: LocalServer) -> None:
    assert fetcher().fetch(local_server.url("/img/图片.png")).data.startswith(b"\x89PNG")


def test_http_error_status(local_server: LocalServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher().fetch(local_server.url("/img/missing.png"))


def test_slow_response_times_out_and_the_host_is_not_tried_again(local_server: LocalServer) -> None:
    run = fetcher(timeout=0.5)
    with pytest.raises(FetchError, match="timed out"):
        run.fetch(local_server.url("/slow.png"))
    before = len(local_server.requests)
    with pytest.raises(FetchError, match="failed earlier"):
        run.fetch(local_server.url("/img/red.png"))
    assert len(local_server.requests) == before


def test_redirect_followed(local_server: LocalServer) -> None:
    fetched = fetcher().fetch(local_server.url("/redirect/png"))
    assert fetched.final_url == local_server.url("/img/red.png")
    assert fetched.data == png_bytes()


def test_redirect_to_metadata_address_refused_before_connecting(
    local_server: LocalServer, connections: list[tuple[str, int]]
) -> None:
    # Even with private networks allowed (for 127.0.0.1), the redirect target is vetted again
    # and the metadata address is refused before any socket opens (the guard would fail the test).
    run = fetcher()
    with pytest.raises(RefusedError, match=r"169\.254\.169\.254"):
        run.fetch(local_server.url("/redirect/metadata"))
    assert run.requests == 1
    assert all(host == "127.0.0.1" for host, _ in connections)


def test_redirect_to_file_url_refused(local_server: LocalServer) -> None:
    with pytest.raises(RefusedError):
        fetcher().fetch(local_server.url("/redirect/file"))


def test_redirect_loop_is_bounded(local_server: LocalServer) -> None:
    run = fetcher(max_redirects=3)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        run.fetch(local_server.url("/redirect/loop"))
    assert run.requests == 4


@pytest.mark.parametrize("path", ["/big.png", "/big-chunked.png"])
def test_oversized_body_refused(local_server: LocalServer, path: str) -> None:
    run = fetcher(limits=Limits(max_response_bytes=OVERSIZED // 2))
    with pytest.raises(TooLargeError):
        run.fetch(local_server.url(path))
    assert run.bytes_fetched == 0


def test_total_budget_across_fetches(local_server: LocalServer) -> None:
    size = len(png_bytes())
    run = fetcher(limits=Limits(max_total_fetch_bytes=size + size // 2))
    run.fetch(local_server.url("/img/red.png"))
    with pytest.raises(TooLargeError, match="total"):
        run.fetch(local_server.url("/img/red.png"))


def test_gzip_body_is_inflated_within_the_cap(local_server: LocalServer) -> None:
    assert fetcher().fetch(local_server.url("/gzip.png")).data == png_bytes()


def test_offline_fetches_nothing(local_server: LocalServer) -> None:
    before = len(local_server.requests)
    with pytest.raises(OfflineError):
        fetcher(offline=True).fetch(local_server.url("/img/red.png"))
    assert len(local_server.requests) == before


def test_unknown_schemes_refused() -> None:
    for url in ("ftp://example.com/a.png", "javascript:alert(1)", "gopher://x/"):
        with pytest.raises(RefusedError):
            fetcher().fetch(url)


# ---------------------------------------------------------------------- documents


def test_fetch_document_and_read_by_url(local_server: LocalServer) -> None:
    data, content_type, final_url = fetch_document(local_server.url("/article.html"), LOCAL, Reporter())
    assert "本地文章" in data.decode()
    assert content_type == "text/html; charset=utf-8"
    assert final_url == local_server.url("/article.html")
    document = docconv.read(local_server.url("/article.html"), allow_private_network=True)
    assert document.meta.title == "本地文章"


def test_fetch_document_refused_by_default(local_server: LocalServer) -> None:
    before = len(local_server.requests)
    with pytest.raises(InputError, match="allow-private-network"):
        docconv.read(local_server.url("/article.html"))
    with pytest.raises(InputError, match="offline"):
        docconv.read(local_server.url("/article.html"), offline=True, allow_private_network=True)
    assert len(local_server.requests) == before


# ---------------------------------------------------------------------- data: URLs


def test_data_urls() -> None:
    png = png_bytes()
    url = "data:image/png;base64," + base64.b64encode(png).decode()
    assert fetcher().fetch(url).data == png
    assert decode_data_url("data:,a%20b", 100) == b"a b"
    with pytest.raises(TooLargeError):
        decode_data_url(url, 10)
    with pytest.raises(TooLargeError):
        decode_data_url("data:;base64," + "A" * 10_000, 100)  # refused before decoding
    with pytest.raises(FetchError):
        decode_data_url("data:image/png;base64,@@@", 100)
    with pytest.raises(FetchError):
        decode_data_url("data:image/png", 100)


# ---------------------------------------------------------------------- local files


@pytest.fixture
def post(tmp_path: Path) -> Path:
    """An input file in its own folder, an image beside it, and a secret one level up."""
    folder = tmp_path / "blog"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "a.png").write_bytes(png_bytes())
    (tmp_path / "secret.txt").write_text("top secret")
    article = folder / "post.md"
    article.write_text("# t\n\n![a](images/a.png)\n")
    return article


def test_file_inside_the_input_folder_is_read(post: Path) -> None:
    base = post.as_uri()
    assert fetcher().fetch("images/a.png", base_url=base).data == png_bytes()
    assert fetcher().fetch((post.parent / "images" / "a.png").as_uri(), base_url=base).data == png_bytes()


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "/etc/passwd", "../secret.txt", "images/../../secret.txt", "file://otherhost/x"]
)
def test_file_outside_the_input_folder_is_refused(post: Path, url: str) -> None:
    with pytest.raises(RefusedError):
        fetcher().fetch(url, base_url=post.as_uri())


def test_symlink_escape_is_refused(post: Path) -> None:
    link = post.parent / "images" / "innocent.png"
    link.symlink_to(post.parent.parent / "secret.txt")
    with pytest.raises(RefusedError):
        fetcher().fetch("images/innocent.png", base_url=post.as_uri())
    inside = post.parent / "alias.png"
    inside.symlink_to(post.parent / "images" / "a.png")
    assert fetcher().fetch("alias.png", base_url=post.as_uri()).data == png_bytes()


def test_symlinked_folder_escape_is_refused(post: Path) -> None:
    (post.parent / "up").symlink_to(post.parent.parent)
    with pytest.raises(RefusedError):
        fetcher().fetch("up/secret.txt", base_url=post.as_uri())


def test_allowed_dirs_extend_the_confinement(post: Path) -> None:
    secret = (post.parent.parent / "secret.txt").as_uri()
    assert fetcher(allowed_dirs=(post.parent.parent,)).fetch(secret, base_url=post.as_uri()).data == b"top secret"


def test_no_local_files_without_a_local_input(post: Path) -> None:
    image = (post.parent / "images" / "a.png").as_uri()
    for base in (None, "https://news.example.com/a.html"):
        with pytest.raises(RefusedError):
            fetcher().fetch(image, base_url=base)


def test_special_files_are_refused(post: Path) -> None:
    fifo = post.parent / "pipe.png"
    os.mkfifo(fifo)
    with pytest.raises(RefusedError, match="not a regular file"):
        fetcher().fetch("pipe.png", base_url=post.as_uri())


def test_local_file_size_cap(post: Path) -> None:
    with pytest.raises(TooLargeError):
        fetcher(limits=Limits(max_response_bytes=10)).fetch("images/a.png", base_url=post.as_uri())
