"""A real threaded HTTP server on 127.0.0.1 for resource tests, with one handler per case.

Every request is recorded (path and headers) so tests can count what reached the network.
Nothing here ever talks to an address outside 127.0.0.0/8: the redirect to the metadata
address is only a Location header, which the fetcher must refuse before connecting.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import ipaddress
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image


def png_bytes(size: tuple[int, int] = (40, 30), color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (30, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def webp_bytes(size: tuple[int, int] = (50, 40), lossless: bool = False) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 160, 60)).save(buffer, "WEBP", quality=80, lossless=lossless)
    return buffer.getvalue()


def bmp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (1, 2, 3)).save(buffer, "BMP")
    return buffer.getvalue()


def png_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG whose header declares ``width × height`` pixels; the pixel data is a token stream.

    Decoding it would need gigabytes; a correct guard refuses from the header alone.
    """

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    idat = zlib.compress(b"\x00" * 1_000_000, 9)  # the start of an all-black image
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
OVERSIZED = 3 * 1024 * 1024


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]


@dataclass
class LocalServer:
    base: str  # http://127.0.0.1:PORT
    requests: list[Recorded] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, prefix: str = "/") -> int:
        return sum(1 for r in self.requests if r.path.startswith(prefix))


ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/img/red.png": (200, "image/png", png_bytes()),
    "/img/photo": (200, "text/plain", jpeg_bytes()),  # no extension, and a wrong server claim
    "/img/green.webp": (200, "image/webp", webp_bytes()),
    "/img/lossless.webp": (200, "image/webp", webp_bytes(lossless=True)),
    "/img/icon.bmp": (200, "image/bmp", bmp_bytes()),
    "/img/wide.jpg": (200, "image/jpeg", jpeg_bytes((3000, 1000))),
    "/img/bomb.png": (200, "image/png", png_bomb()),
    "/img/drawing.svg": (200, "image/svg+xml", SVG),
    "/img/not-an-image.png": (200, "image/png", b"<html><body>Hotlinking forbidden</body></html>"),
    "/img/truncated.png": (200, "image/png", png_bytes((300, 300), (9, 9, 9))[:200]),
    "/img/图片.png": (200, "image/png", png_bytes((12, 12), (1, 200, 1))),
}


class _Handler(BaseHTTPRequestHandler):
    server_version = "docconv-test"
    recorded: list[Recorded]

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, content_type: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a capped client stops reading
            self.wfile.write(body)

    def do_GET(self) -> None:
        from urllib.parse import unquote

        path = unquote(self.path.split("?", 1)[0])
        self.server.recorded.append(Recorded(path, dict(self.headers.items())))  # type: ignore[attr-defined]
        if path in ROUTES:
            self._send(*ROUTES[path])
        elif path == "/slow.png":
            time.sleep(3)  # past the 0.5 s the test allows
            self._send(200, "image/png", png_bytes())
        elif path == "/redirect/metadata":
            self._send(302, "text/plain", b"", {"Location": "http://169.254.169.254/latest/meta-data/"})
        elif path == "/redirect/file":
            self._send(302, "text/plain", b"", {"Location": "file:///etc/passwd"})
        elif path == "/redirect/png":
            self._send(301, "text/plain", b"", {"Location": "/img/red.png"})
        elif path == "/redirect/loop":
            self._send(302, "text/plain", b"", {"Location": "/redirect/loop"})
        elif path == "/big.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * OVERSIZED)
        elif path == "/big-chunked.png":
            # No Content-Length: the cap must hold while reading.
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.close_connection = True
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(OVERSIZED // 65536 + 2):
                    self.wfile.write(b"\x00" * 65536)
        elif path == "/gzip.png":
            self._send(200, "image/png", gzip.compress(png_bytes(), mtime=0), {"Content-Encoding": "gzip"})
        elif path == "/article.html":
            body = "<html><head><meta charset=utf-8><title>本地文章</title></head><body><p>正文。</p></body></html>"
            self._send(200, "text/html; charset=utf-8", body.encode())
        else:
            self._send(404, "text/plain", b"not found")


@pytest.fixture(scope="module")
def local_server() -> Iterator[LocalServer]:
    """A threaded HTTP server on 127.0.0.1 (random port) for the whole test module."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    recorded: list[Recorded] = []
    server.recorded = recorded  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield LocalServer(f"http://{host}:{port}", recorded)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, int]]]:
    """Record every connect; refuse (never perform) one to an address outside 127.0.0.0/8.

    Import it into a test module to make it apply there automatically.
    """
    attempts: list[tuple[str, int]] = []
    real: Callable[..., socket.socket] = socket.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        attempts.append(address)
        if ipaddress.ip_address(address[0]) not in ipaddress.ip_network("127.0.0.0/8"):
            raise AssertionError(f"test tried to connect to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)
    yield attempts
