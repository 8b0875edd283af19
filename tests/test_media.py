"""The media store: sniffing, verification, conversion, bombs, warnings, memoisation and the cache."""

from __future__ import annotations

import base64
import dataclasses
import io
from pathlib import Path

import pytest
from PIL import Image

from docconv.diagnostics import Reporter
from docconv.options import Limits, Options
from docconv.resources.cache import Cache, default_root
from docconv.resources.images import ImageError, prepare, sniff
from docconv.resources.media import Media, MediaStore
from tests.http_server import LocalServer, connections, jpeg_bytes, local_server, png_bomb, png_bytes, webp_bytes

__all__ = ["connections", "local_server"]


def store(tmp_path: Path | None = None, **changes: object) -> tuple[MediaStore, Reporter]:
    options = Options(allow_private_network=True, use_cache=tmp_path is not None, cache_dir=tmp_path)
    reporter = Reporter()
    return MediaStore(dataclasses.replace(options, **changes), reporter), reporter  # type: ignore[arg-type]


def decoded(media: Media) -> Image.Image:
    image = Image.open(io.BytesIO(media.data))
    image.load()
    return image


# ---------------------------------------------------------------------- formats


def test_png_kept_byte_for_byte(local_server: LocalServer) -> None:
    media_store, reporter = store()
    media = media_store.image(local_server.url("/img/red.png"))
    assert media is not None
    assert (media.media_type, media.extension, media.width, media.height) == ("image/png", ".png", 40, 30)
    assert media.data == png_bytes()
    assert reporter.diagnostics == []


def test_jpeg_without_extension_sniffed_despite_server_claim(local_server: LocalServer) -> None:
    media_store, _ = store()
    media = media_store.image("/img/photo", base_url=local_server.url("/posts/article.html"))
    assert media is not None
    assert media.url == local_server.url("/img/photo")
    assert (media.media_type, media.extension) == ("image/jpeg", ".jpg")
    assert media.data == jpeg_bytes()


@pytest.mark.parametrize(
    ("path", "media_type", "size"),
    [
        ("/img/green.webp", "image/jpeg", (50, 40)),
        ("/img/lossless.webp", "image/png", (50, 40)),
        ("/img/icon.bmp", "image/png", (20, 10)),
    ],
)
def test_formats_readers_lack_are_converted(local_server: LocalServer, path: str, media_type: str, size: tuple[int, int]) -> None:
    media_store, reporter = store()
    media = media_store.image(local_server.url(path))
    assert media is not None, reporter.diagnostics
    assert media.media_type == media_type
    assert sniff(media.data) == media_type
    assert decoded(media).size == size == (media.width, media.height)
    image = decoded(media)
    assert not image.info.get("exif") and "icc_profile" not in image.info


def test_conversion_is_deterministic() -> None:
    for data in (webp_bytes(), webp_bytes(lossless=True)):
        assert prepare(data, 10**8).data == prepare(data, 10**8).data


def test_very_large_image_downscaled(local_server: LocalServer) -> None:
    media_store, _ = store()
    media = media_store.image(local_server.url("/img/wide.jpg"))
    assert media is not None
    assert (media.media_type, media.width, media.height) == ("image/jpeg", 2400, 800)
    assert decoded(media).size == (2400, 800)


def test_exif_orientation_applied_when_kept_bytes_would_mislead() -> None:
    image = Image.new("RGB", (60, 20), (255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    prepared = prepare(buffer.getvalue(), 10**8)
    assert (prepared.width, prepared.height) == (20, 60)
    assert Image.open(io.BytesIO(prepared.data)).getexif().get(0x0112) is None


def test_animated_gif_kept(tmp_path: Path) -> None:
    frames = [Image.new("P", (10, 10), i) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    prepared = prepare(buffer.getvalue(), 10**6)
    assert prepared.media_type == "image/gif" and prepared.data == buffer.getvalue()


# ---------------------------------------------------------------------- refusals


def test_decompression_bomb_refused_from_the_header(local_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import ImageFile

    def no_decoding(self: object) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    media_store, reporter = store()
    assert media_store.image(local_server.url("/img/bomb.png")) is None
    [warning] = reporter.warnings
    assert warning.code == "image-too-large"
    assert local_server.url("/img/bomb.png") in warning.message
    assert "2500000000 pixels" in warning.message  # 50,000 × 50,000
    # Under Pillow's own limit but over ours: still refused from the header alone.
    with pytest.raises(ImageError, match="10000×10000") as refused:
        prepare(png_bomb(10_000, 10_000), Limits().max_image_pixels)
    assert refused.value.code == "image-too-large"


def test_pixel_limit_is_the_callers() -> None:
    image = io.BytesIO()
    Image.new("L", (2000, 1000)).save(image, "PNG")
    with pytest.raises(ImageError) as refused:
        prepare(image.getvalue(), 1_000_000)
    assert refused.value.code == "image-too-large"
    assert prepare(image.getvalue(), 2_000_000).width == 2000


def test_pillow_global_bomb_guard_becomes_a_diagnostic() -> None:
    with pytest.raises(ImageError) as refused:
        prepare(png_bomb(200_000, 200_000), 10**12)
    assert refused.value.code == "image-too-large"


@pytest.mark.parametrize(
    ("path", "code", "reason"),
    [
        ("/img/missing.png", "image-fetch-failed", "HTTP 404"),
        ("/img/drawing.svg", "image-unsupported", "SVG"),
        ("/img/not-an-image.png", "image-invalid", "not an image"),
        ("/img/truncated.png", "image-invalid", "broken image/png"),
        ("/big.png", "image-too-large", "over"),
        ("/redirect/file", "image-refused", "file"),
    ],
)
def test_lost_images_warn_once_and_never_raise(local_server: LocalServer, path: str, code: str, reason: str) -> None:
    media_store, reporter = store(limits=Limits(max_response_bytes=1024 * 1024))
    url = local_server.url(path)
    assert media_store.image(url) is None
    before = len(local_server.requests)
    assert media_store.image(url) is None  # memoised: no second request, no second warning
    assert len(local_server.requests) == before
    [warning] = reporter.warnings
    assert (warning.code, warning.level) == (code, "warning")
    assert url in warning.message and reason in warning.message


def test_default_policy_refuses_loopback_images(local_server: LocalServer) -> None:
    reporter = Reporter()
    before = len(local_server.requests)
    media_store = MediaStore(Options(use_cache=False), reporter)
    for url in (local_server.url("/img/red.png"), "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd"):
        assert media_store.image(url, base_url="https://news.example.com/a.html") is None
    assert [w.code for w in reporter.warnings] == ["image-refused"] * 3
    assert len(local_server.requests) == before


def test_slow_image_times_out(local_server: LocalServer) -> None:
    media_store, reporter = store(timeout=0.5)
    assert media_store.image(local_server.url("/slow.png")) is None
    assert reporter.warnings[0].code == "image-fetch-failed" and "timed out" in reporter.warnings[0].message


def test_offline_reports_each_lost_image(local_server: LocalServer) -> None:
    media_store, reporter = store(offline=True)
    urls = [local_server.url(p) for p in ("/img/red.png", "/img/photo", "/img/green.webp")]
    before = len(local_server.requests)
    assert [media_store.image(u) for u in urls + urls] == [None] * 6
    assert [w.code for w in reporter.warnings] == ["image-offline"] * 3
    assert len(local_server.requests) == before


def test_referer_is_passed_through(local_server: LocalServer) -> None:
    media_store, _ = store()
    media_store.image(local_server.url("/img/photo?ref"), referer="http://news.example.com/2021/06/22/a.html")
    assert local_server.requests[-1].headers["Referer"] == "http://news.example.com/2021/06/22/a.html"


def test_data_and_local_images(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(png_bytes())
    media_store, reporter = store()
    base = (tmp_path / "post.md").as_uri()
    assert media_store.image("pic.png", base_url=base) is not None
    data_url = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    media = media_store.image(data_url)
    assert media is not None and media.media_type == "image/png"
    assert reporter.diagnostics == []


# ---------------------------------------------------------------------- cache


def test_second_run_is_served_by_the_cache(local_server: LocalServer, tmp_path: Path) -> None:
    urls = [local_server.url(p) for p in ("/img/red.png?c", "/img/photo?c", "/img/green.webp?c")]
    first, _ = store(tmp_path)
    results = [first.image(u) for u in urls]
    assert all(results)
    before = len(local_server.requests)
    second, reporter = store(tmp_path)
    assert [second.image(u) for u in urls] == results
    assert len(local_server.requests) == before  # zero requests
    assert reporter.diagnostics == []
    # Offline runs use what is cached.
    offline, reporter = store(tmp_path, offline=True)
    assert [offline.image(u) for u in urls] == results and reporter.diagnostics == []
    # --no-cache neither reads nor writes.
    uncached, _ = store(tmp_path, use_cache=False)
    uncached.image(urls[0])
    assert len(local_server.requests) == before + 1


def test_cache_layout_and_damage(local_server: LocalServer, tmp_path: Path) -> None:
    url = local_server.url("/img/red.png?layout")
    store(tmp_path)[0].image(url)
    objects = list((tmp_path / "v1" / "objects").rglob("*"))
    records = list((tmp_path / "v1" / "urls").rglob("*.json"))
    [obj] = [p for p in objects if p.is_file()]
    assert len(records) == 1 and obj.read_bytes() == png_bytes()
    assert not list(tmp_path.rglob(".tmp-*"))
    obj.write_bytes(b"tampered")
    before = len(local_server.requests)
    assert store(tmp_path)[0].image(url) is not None  # damaged entry ignored, fetched again
    assert len(local_server.requests) == before + 1
    assert Cache(tmp_path, 10**6).get(url) is not None


def test_cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_root(Options()) == tmp_path / "xdg" / "docconv"
    assert default_root(Options(cache_dir=tmp_path / "mine")) == tmp_path / "mine"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert default_root(Options()) == Path.home() / ".cache" / "docconv"
    assert Cache.for_options(Options(use_cache=False)) is None


def test_cache_never_serves_a_refused_address(local_server: LocalServer, tmp_path: Path) -> None:
    url = local_server.url("/img/red.png?cached")
    assert store(tmp_path)[0].image(url) is not None
    reporter = Reporter()
    assert MediaStore(Options(cache_dir=tmp_path), reporter).image(url) is None
    assert reporter.warnings[0].code == "image-refused"


# ---------------------------------------------------------------------- end to end


def _has_renderer(name: str) -> bool:
    from docconv.registry import get_renderer

    try:
        get_renderer(name)
    except Exception:
        return False
    return True


POST = """---
title: 本地图片测试
date: Tue, 22 Jun 2021 21:43:08 GMT
author: 测试
---

<link rel="stylesheet" href="file:///etc/shadow">
<p>第一段正文，图片由本机服务器提供。</p>
<p><img src="{base}/img/red.png?e2e" alt="红色方块"></p>
<p>第二段正文。</p>
<p><img src="{base}/img/photo?e2e" alt="无扩展名照片"></p>
<p><img src="{base}/img/green.webp?e2e" alt="WebP 图片"></p>
<p><img src="images/local.png" alt="本地图片"></p>
<p><img src="file:///etc/passwd" alt="密码文件"></p>
<p><img src="http://169.254.169.254/latest/meta-data/" alt="元数据"></p>
<p>结尾。</p>
"""


@pytest.fixture(scope="module")
def hexo_post(local_server: LocalServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("blog")
    (folder / "images").mkdir()
    (folder / "images" / "local.png").write_bytes(png_bytes((16, 16), (250, 200, 0)))
    post = folder / "post_with_images.md"
    post.write_text(POST.format(base=local_server.base), encoding="utf-8")
    return post


def _convert(post: Path, target: Path, **options: object) -> tuple[bytes, list[str]]:
    import docconv

    result = docconv.convert(post, target, **options)
    # Only resource diagnostics: font and engine warnings depend on the machine.
    return result.data, [w.code for w in result.warnings if w.code.startswith(("image-", "pdf-resource"))]


@pytest.mark.slow
@pytest.mark.skipif(not _has_renderer("epub"), reason="EPUB renderer not available")
def test_epub_embeds_served_images_and_passes_epubcheck(local_server: LocalServer, hexo_post: Path, tmp_path: Path) -> None:
    import zipfile

    from tests.epubcheck_helpers import check_books

    cache = tmp_path / "cache"
    before = len(local_server.requests)
    data, codes = _convert(hexo_post, tmp_path / "out.epub", allow_private_network=True, cache_dir=cache)
    assert local_server.count("/img/") >= 3 and len(local_server.requests) - before == 3
    assert codes == ["image-refused", "image-refused"]  # /etc/passwd and the metadata address
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = book.namelist()
        images = sorted(n for n in names if "/images/" in n or n.startswith("images/"))
        assert len(images) == 4, names
        contents = b"".join(book.read(n) for n in names)
        opf = next(book.read(n) for n in names if n.endswith(".opf")).decode()
    assert opf.count('media-type="image/jpeg"') == 2 and opf.count('media-type="image/png"') == 2
    for secret in (b"root:x:0", b"169.254.169.254", b"/etc/passwd", b"/etc/shadow", b"127.0.0.1"):
        assert secret not in contents
    verdict = check_books({"e2e": tmp_path / "out.epub"}, tmp_path / "epubcheck")["e2e"]
    assert verdict.clean, str(verdict)

    # A second run with the same cache sends no request at all.
    before = len(local_server.requests)
    again, _ = _convert(hexo_post, tmp_path / "again.epub", allow_private_network=True, cache_dir=cache)
    assert len(local_server.requests) == before
    assert again == data


@pytest.mark.slow
@pytest.mark.skipif(not _has_renderer("epub"), reason="EPUB renderer not available")
@pytest.mark.parametrize("case", ["offline", "server-down", "default-policy"])
def test_lost_images_still_convert_with_one_warning_each(
    local_server: LocalServer, hexo_post: Path, tmp_path: Path, case: str
) -> None:
    import socket

    post = hexo_post
    options: dict[str, object] = {"cache_dir": tmp_path / "empty-cache"}
    expected = {"offline": "image-offline", "server-down": "image-fetch-failed", "default-policy": "image-refused"}[case]
    if case == "offline":
        options.update(offline=True, allow_private_network=True)
    elif case == "server-down":
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        post = tmp_path / "post_server_down.md"
        post.write_text(hexo_post.read_text("utf-8").replace(local_server.base, f"http://127.0.0.1:{port}"), "utf-8")
        (tmp_path / "images").mkdir()
        (tmp_path / "images" / "local.png").write_bytes((hexo_post.parent / "images" / "local.png").read_bytes())
        options.update(allow_private_network=True)
    before = len(local_server.requests)
    data, codes = _convert(post, tmp_path / "lost.epub", **options)
    assert sorted(codes) == sorted([expected] * 3 + ["image-refused"] * 2)
    assert len(local_server.requests) == before
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert len([n for n in book.namelist() if "images/" in n]) == 1  # only the local one
        text = b"".join(book.read(n) for n in book.namelist() if n.endswith(".xhtml")).decode()
    assert "红色方块" in text and "127.0.0.1" not in text


@pytest.mark.slow
@pytest.mark.skipif(not _has_renderer("pdf"), reason="PDF renderer not available")
def test_pdf_shows_served_images(local_server: LocalServer, hexo_post: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    data, codes = _convert(hexo_post, tmp_path / "out.pdf", allow_private_network=True, cache_dir=tmp_path / "c")
    assert codes == ["image-refused", "image-refused"]
    reader = PdfReader(io.BytesIO(data))
    shown = [image for page in reader.pages for image in page.images]
    assert len(shown) >= 4
    sizes = sorted(image.image.size for image in shown)
    assert (40, 30) in sizes and (64, 48) in sizes and (16, 16) in sizes
    text = "".join(page.extract_text() for page in reader.pages)
    assert "root:x:0" not in text and "169.254" not in text
    # Visible on the rendered page: the red test PNG's colour appears in a rasterised page.
    import shutil
    import subprocess

    if shutil.which("pdftoppm"):
        (tmp_path / "out.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(tmp_path / "out.pdf"), str(tmp_path / "page")], check=True)
        colours: set[tuple[int, int, int]] = set()
        for page in sorted(tmp_path.glob("page*.png")):
            colours.update(c for _, c in Image.open(page).convert("RGB").getcolors(1 << 20) or [])
        assert any(abs(r - 200) < 12 and abs(g - 30) < 12 and abs(b - 30) < 12 for r, g, b in colours)


@pytest.mark.slow
@pytest.mark.skipif(not _has_renderer("pdf"), reason="PDF renderer not available")
def test_pdf_offline_shows_descriptions(local_server: LocalServer, hexo_post: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from docconv import l10n

    before = len(local_server.requests)
    data, codes = _convert(
        hexo_post, tmp_path / "offline.pdf", offline=True, allow_private_network=True, cache_dir=tmp_path / "empty"
    )
    assert sorted(codes) == sorted(["image-offline"] * 3 + ["image-refused"] * 2)
    assert len(local_server.requests) == before
    reader = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    assert l10n.image_placeholder("红色方块", "", "zh-Hans") in text.replace("\n", "")
    assert len([image for page in reader.pages for image in page.images]) == 1  # the local image


# ---------------------------------------------------------------------- prepared-image memo


def test_prepared_images_are_remembered_by_content_and_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    import docconv.resources.images

    docconv.resources.images.forget_prepared()
    calls: list[int] = []
    real = docconv.resources.images._prepare

    def counting(data: bytes, media_type: str, max_pixels: int, max_side: int) -> object:
        calls.append(max_side)
        return real(data, media_type, max_pixels, max_side)

    monkeypatch.setattr(docconv.resources.images, "_prepare", counting)
    photo = webp_bytes()
    first = prepare(photo, 10**8)
    assert prepare(bytes(photo), 10**8) is first  # equal bytes, another object: same content hash
    assert len(calls) == 1
    smaller = prepare(photo, 10**8, max_side=20)  # other limits: prepared again, and differently
    assert len(calls) == 2 and max(smaller.width, smaller.height) == 20 and max(first.width, first.height) == 50
    with pytest.raises(ImageError):
        prepare(photo, 100)  # a refusal is not remembered as a success
    with pytest.raises(ImageError):
        prepare(photo, 100)
    docconv.resources.images.forget_prepared()
    assert prepare(photo, 10**8).data == first.data and len(calls) == 3 + 2


def test_prepared_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import docconv.resources.images

    docconv.resources.images.forget_prepared()
    pictures = []
    for shade in range(6):
        buffer = io.BytesIO()
        Image.new("RGB", (64, 64), (shade * 40, 0, 0)).save(buffer, "PNG")
        pictures.append(buffer.getvalue())
    monkeypatch.setattr(docconv.resources.images, "MEMO_BYTES", max(map(len, pictures)) * 4)  # room for about four
    for data in pictures:
        prepare(data, 10**8)
    assert 1 <= len(docconv.resources.images._memo) <= 4
    assert docconv.resources.images._memo_size <= docconv.resources.images.MEMO_BYTES
    assert docconv.resources.images._memo_size == sum(len(p.data) for p in docconv.resources.images._memo.values())
    newest = next(reversed(docconv.resources.images._memo.values()))
    assert newest.data == pictures[-1]  # least recently used went first
    docconv.resources.images.forget_prepared()


def test_disk_cache_hit_in_a_new_store_does_not_decode_again(
    local_server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docconv.resources.images

    docconv.resources.images.forget_prepared()
    urls = [local_server.url(p) for p in ("/img/wide.jpg?memo", "/img/green.webp?memo")]
    first, _ = store(tmp_path)
    results = [first.image(u) for u in urls]
    assert all(results)
    requests = len(local_server.requests)

    def no_decoding(*args: object) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(docconv.resources.images, "_prepare", no_decoding)
    second, reporter = store(tmp_path)  # the next article of a batch: its own store, the disk cache warm
    assert [second.image(u) for u in urls] == results
    assert len(local_server.requests) == requests and reporter.diagnostics == []
    assert (results[0].width, results[0].height) == (2400, 800)  # type: ignore[union-attr]
    docconv.resources.images.forget_prepared()
