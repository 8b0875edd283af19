"""The fetcher: the only code that reads a resource named by an input (http(s), file:, data:).

Every read is bounded: connect and read timeouts (``options.timeout``), a deadline for a whole
response, a redirect limit, a size cap per response and a total for the run. Network access
goes through the policy (``netpolicy``) on every hop of a redirect chain and connects only to
the addresses the policy checked; environment proxies are deliberately not used, since a proxy
would connect to whatever the name resolves to on its side. Local files are read only inside
the input's folder or folders the caller allows, judged after symlinks and ``..`` are resolved.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, unquote_to_bytes, urljoin, urlsplit, urlunsplit

from docconv.diagnostics import Reporter
from docconv.errors import InputError, LimitExceededError
from docconv.options import Options
from docconv.resources.cache import Cache
from docconv.resources.netpolicy import NetPolicy, RefusedError

if os.name == "nt":
    from nturl2path import url2pathname
else:

    def url2pathname(url: str) -> str:
        """``urllib.request.url2pathname`` on POSIX, without importing the http stack along with it."""
        return unquote(url)


if TYPE_CHECKING:
    import http.client

__all__ = ["FetchError", "Fetched", "Fetcher", "OfflineError", "RefusedError", "TooLargeError", "fetch_document", "url2pathname"]

_REDIRECTS = {301, 302, 303, 307, 308}
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_CHUNK = 64 * 1024
IMAGE_ACCEPT = "image/png,image/jpeg,image/gif,image/webp,image/avif,image/*;q=0.8"
DOCUMENT_ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,*/*;q=0.5"


class FetchError(InputError):
    """A resource could not be had (network error, HTTP status, missing file, bad URL)."""

    code = "fetch-failed"


class TooLargeError(FetchError):
    """A response or file exceeds ``max_response_bytes`` or the run's ``max_total_fetch_bytes``."""

    code = "too-large"


class OfflineError(FetchError):
    """``offline`` is set and the resource is not in the cache."""

    code = "offline"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # absolute URL as requested (the cache key)
    final_url: str  # after redirects
    data: bytes
    content_type: str | None  # the server's claim; never trusted for images
    from_cache: bool = False


@dataclass
class Fetcher:
    """Fetches for one run: keeps the byte total, the request count and hosts that failed."""

    options: Options
    policy: NetPolicy | None = None
    cache: Cache | None = None
    use_default_cache: bool = True
    requests: int = 0  # network requests actually sent (tests count them)
    bytes_fetched: int = 0
    _dead_hosts: dict[tuple[str, str, int], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.policy is None:
            self.policy = NetPolicy(allow_private_network=self.options.allow_private_network)
        if self.cache is None and self.use_default_cache:
            self.cache = Cache.for_options(self.options)

    # ------------------------------------------------------------------ entry point

    def fetch(
        self,
        url: str,
        *,
        base_url: str | None = None,
        referer: str | None = None,
        accept: str = IMAGE_ACCEPT,
        max_bytes: int | None = None,
        cacheable: bool = True,
    ) -> Fetched:
        """Read ``url`` (resolved against ``base_url``); raises a FetchError/RefusedError subclass."""
        cap = self.options.limits.max_response_bytes if max_bytes is None else max_bytes
        absolute = resolve_url(url, base_url)
        scheme = urlsplit(absolute).scheme.lower()
        if scheme == "data":
            return Fetched(absolute, absolute, decode_data_url(absolute, cap), None)
        if scheme in ("", "file"):
            data = self._read_local(absolute, base_url, cap)
            return Fetched(absolute, absolute, data, None)
        if scheme not in ("http", "https"):
            raise RefusedError(f"URL scheme {scheme}: is not fetched")
        return self._fetch_remote(absolute, referer, accept, cap, cacheable)

    # ------------------------------------------------------------------ local files

    def _read_local(self, url: str, base_url: str | None, cap: int) -> bytes:
        if url.lower().startswith("file:"):
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise RefusedError(f"file URL on another host ({parts.netloc}) is not read")
            path = Path(url2pathname(parts.path))
        else:
            path = Path(url)
        if not path.is_absolute():
            raise RefusedError(f"relative path {url} has no input folder to resolve against")
        roots = allowed_roots(base_url, self.options)
        real = Path(os.path.realpath(path))  # follows every symlink and removes "..", existing or not
        if not any(real == root or real.is_relative_to(root) for root in roots):
            where = ", ".join(str(r) for r in roots) or "no folder (the input is not a local file)"
            raise RefusedError(f"{path} is outside the allowed folders ({where}); use --allow-dir to allow another")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            handle = os.open(real, flags)
        except FileNotFoundError:
            raise FetchError(f"no such file: {path}") from None
        except OSError as error:
            raise FetchError(f"cannot read {path}: {error.strerror or error}") from None
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise RefusedError(f"{path} is not a regular file")
            if info.st_size > cap:
                raise TooLargeError(f"{path} is {info.st_size} bytes, over the limit of {cap}")
            data = stream.read(cap + 1)
        if len(data) > cap:
            raise TooLargeError(f"{path} is over the limit of {cap} bytes")
        self._count(len(data))
        return data

    # ------------------------------------------------------------------ network

    def _fetch_remote(self, url: str, referer: str | None, accept: str, cap: int, cacheable: bool) -> Fetched:
        assert self.policy is not None
        parts = urlsplit(url)
        literal_refusal = self.policy.refuses_literal(parts.hostname or "")
        if literal_refusal:
            raise RefusedError(literal_refusal)
        if cacheable and self.cache is not None:
            cached = self.cache.get(url)
            if cached is not None and len(cached.data) <= cap:
                return Fetched(url, url, cached.data, cached.media_type, from_cache=True)
        if self.options.offline:
            raise OfflineError("offline: not fetched")
        fetched = self._get(url, referer, accept, cap)
        if cacheable and self.cache is not None:
            self.cache.put(url, fetched.data, fetched.content_type)
        return fetched

    def _get(self, url: str, referer: str | None, accept: str, cap: int) -> Fetched:
        import http.client

        from docconv.resources.connections import open_connection

        assert self.policy is not None
        current = url
        for _hop in range(self.options.max_redirects + 1):
            parts = urlsplit(current)
            scheme = parts.scheme.lower()
            if scheme not in ("http", "https"):
                raise RefusedError(f"redirect to a {scheme}: URL is not followed")
            host = _ascii_host(parts.hostname)
            try:
                port = parts.port or (443 if scheme == "https" else 80)
            except ValueError:
                raise FetchError(f"bad port in {current}") from None
            key = (scheme, host, port)
            if key in self._dead_hosts:
                raise FetchError(f"{host} skipped: it failed earlier in this run ({self._dead_hosts[key]})")
            addresses = self.policy.vet(host, port)  # before any socket: raises RefusedError
            connection = open_connection(scheme, host, port, addresses, self.options.timeout)
            try:
                target = _request_target(parts.path, parts.query)
                self.requests += 1
                connection.request("GET", target, headers=self._headers(accept, referer, current))
                response = connection.getresponse()
                if response.status in _REDIRECTS:
                    location = response.getheader("Location")
                    if not location:
                        raise FetchError(f"HTTP {response.status} without a Location")
                    current = urljoin(current, location.strip())
                    continue
                if not 200 <= response.status < 300:
                    raise FetchError(f"HTTP {response.status} {response.reason}".strip())
                data = self._read_body(response, cap)
                return Fetched(url, current, data, response.getheader("Content-Type"))
            except TimeoutError:
                self._dead_hosts[key] = "timed out"
                raise FetchError(f"timed out after {self.options.timeout:g} s") from None
            except OSError as error:
                reason = error.strerror or str(error) or type(error).__name__
                self._dead_hosts[key] = reason
                raise FetchError(f"connection to {host} failed: {reason}") from None
            except (http.client.HTTPException, ValueError) as error:
                raise FetchError(f"bad response from {host}: {type(error).__name__}") from None
            finally:
                connection.close()
        raise FetchError(f"more than {self.options.max_redirects} redirects")

    def _headers(self, accept: str, referer: str | None, target: str) -> dict[str, str]:
        headers = {
            "User-Agent": self.options.user_agent,
            "Accept": accept,
            "Accept-Encoding": "identity",  # no compressed bodies to inflate past the caps
            "Connection": "close",
        }
        sent = _referer(referer, target) if self.options.send_referer else None
        if sent:
            headers["Referer"] = sent
        return headers

    def _read_body(self, response: http.client.HTTPResponse, cap: int) -> bytes:
        if self._remaining() < cap:
            cap = self._remaining()
            limit = f"the {cap} bytes left of the run's total of {self.options.limits.max_total_fetch_bytes}"
        else:
            limit = f"the limit of {cap} bytes"
        length = response.getheader("Content-Length")
        if length and length.strip().isdigit() and int(length) > cap:
            raise TooLargeError(f"response is {int(length)} bytes, over {limit}")
        # A server that trickles bytes would never trip the read timeout; bound the whole body.
        deadline = time.monotonic() + max(30.0, 6 * self.options.timeout)
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > cap:
                raise TooLargeError(f"response is over {limit}")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchError("response took too long")
        data = b"".join(chunks)
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding in ("gzip", "x-gzip", "deflate"):
            data = _inflate(data, encoding, cap)
        elif encoding not in ("identity", ""):
            raise FetchError(f"unsupported Content-Encoding {encoding}")
        self._count(len(data))
        return data

    def _remaining(self) -> int:
        return max(0, self.options.limits.max_total_fetch_bytes - self.bytes_fetched)

    def _count(self, size: int) -> None:
        if size > self._remaining():
            raise TooLargeError(f"the run's total of {self.options.limits.max_total_fetch_bytes} fetched bytes is used up")
        self.bytes_fetched += size


# ---------------------------------------------------------------------- helpers


def resolve_url(url: str, base_url: str | None) -> str:
    """``url`` made absolute against ``base_url`` (data: URLs and absolute URLs unchanged)."""
    url = url.strip()
    if url.lower().startswith("data:"):
        return url
    if base_url:
        url = urljoin(base_url, url)
    return urlunsplit(urlsplit(url)._replace(fragment=""))


def allowed_roots(base_url: str | None, options: Options) -> list[Path]:
    """Folders local resources may come from: the input's folder and ``options.allowed_dirs``."""
    roots: list[Path] = []
    if base_url and base_url.lower().startswith("file:"):
        parts = urlsplit(base_url)
        if parts.netloc in ("", "localhost"):
            roots.append(Path(os.path.realpath(Path(url2pathname(parts.path)).parent)))
    roots.extend(Path(os.path.realpath(Path(d).expanduser())) for d in options.allowed_dirs)
    return roots


def decode_data_url(url: str, cap: int) -> bytes:
    """The bytes of a ``data:`` URL, refusing payloads over ``cap`` before decoding them."""
    header, comma, payload = url[5:].partition(",")
    if not comma:
        raise FetchError("malformed data: URL (no comma)")
    if len(payload) > 3 * cap + 16:  # even percent-encoding needs at most three characters a byte
        raise TooLargeError(f"data: URL is over the limit of {cap} bytes")
    try:
        if header.lower().endswith(";base64"):
            compact = "".join(payload.split())
            data = base64.b64decode(unquote_to_bytes(compact), validate=True)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        raise FetchError("malformed data: URL (bad base64)") from None
    if len(data) > cap:
        raise TooLargeError(f"data: URL is {len(data)} bytes, over the limit of {cap}")
    return data


def _ascii_host(host: str | None) -> str:
    if not host:
        raise FetchError("URL has no host")
    try:
        return host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise FetchError(f"bad host name {host!r}") from None


def _request_target(path: str, query: str) -> str:
    target = quote(path or "/", safe=_PATH_SAFE)
    if query:
        target += "?" + quote(query, safe=_PATH_SAFE + "?")
    return target


def _referer(referer: str | None, target: str) -> str | None:
    """The article's URL as Referer — only an http(s) URL, without credentials or fragment,
    and (as browsers do by default) never from an https page to an http resource."""
    if not referer:
        return None
    parts = urlsplit(referer.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.scheme.lower() == "https" and urlsplit(target).scheme.lower() == "http":
        return None
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "") if "@" in parts.netloc else parts.netloc
    cleaned = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    cleaned = quote(cleaned, safe=_PATH_SAFE + "?#")
    return cleaned if cleaned.isprintable() else None


def _inflate(data: bytes, encoding: str, cap: int) -> bytes:
    wbits = 47 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, cap + 1)
    except zlib.error:
        raise FetchError(f"broken {encoding} body") from None
    if len(out) > cap or inflater.unconsumed_tail:
        raise TooLargeError(f"decompressed response is over the limit of {cap} bytes")
    return out


def fetch_document(url: str, options: Options, reporter: Reporter) -> tuple[bytes, str | None, str]:
    """Fetch an article given on the command line: ``(bytes, Content-Type, final URL)``.

    Same policy as images (so ``http://127.0.0.1/…`` needs ``allow_private_network``); the size
    cap is ``max_input_bytes``; pages are not cached, since news pages change.
    """
    if options.offline:
        raise InputError("cannot fetch an input URL when offline", where=url)
    fetcher = Fetcher(options, use_default_cache=False)
    try:
        fetched = fetcher.fetch(url, accept=DOCUMENT_ACCEPT, max_bytes=options.limits.max_input_bytes, cacheable=False)
    except TooLargeError as error:
        raise LimitExceededError(str(error), where=url) from None
    except InputError as error:
        raise type(error)(str(error), where=url) from None
    reporter.info("fetched", f"{len(fetched.data)} bytes from {fetched.final_url}")
    return fetched.data, fetched.content_type, fetched.final_url
