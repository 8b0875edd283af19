"""Network policy: decisions for public and private addresses, made before any socket opens.

No test here sends traffic anywhere but 127.0.0.1: non-loopback addresses come from an injected
resolver, and ``socket.create_connection`` is guarded so a mistake fails instead of connecting.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docconv.options import Options
from docconv.resources.fetch import Fetcher
from docconv.resources.netpolicy import NetPolicy, RefusedError, forbidden_reason
from tests.http_server import LocalServer, connections, local_server

__all__ = ["connections", "local_server"]

FORBIDDEN = [
    "127.0.0.1",
    "127.255.0.9",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "0.0.0.0",
    "100.64.0.1",  # carrier-grade NAT
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "ff02::1",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:169.254.169.254",
    "2002:a9fe:a9fe::1",  # 6to4 wrapping of 169.254.169.254
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"]


@pytest.mark.parametrize("address", FORBIDDEN)
def test_forbidden_addresses_have_a_reason(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def fixed(*addresses: str) -> Callable[[str, int], list[str]]:
    calls: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        return list(addresses)

    resolve.calls = calls  # type: ignore[attr-defined]
    return resolve


def test_public_name_is_vetted_to_its_addresses() -> None:
    policy = NetPolicy(resolver=fixed("93.184.216.34", "2606:2800:220:1::1"))
    assert policy.vet("images.example.com", 443) == ["93.184.216.34", "2606:2800:220:1::1"]


@pytest.mark.parametrize("mixed", [("93.184.216.34", "10.0.0.5"), ("169.254.10.20",), ("8.8.8.8", "::1")])
def test_any_private_answer_refuses_the_name(mixed: tuple[str, ...]) -> None:
    with pytest.raises(RefusedError, match="allow-private-network"):
        NetPolicy(resolver=fixed(*mixed)).vet("rebind.example.com", 80)
    assert NetPolicy(allow_private_network=True, resolver=fixed(*mixed)).vet("rebind.example.com", 80) == list(mixed)


def test_literals_and_localhost_are_judged_without_dns() -> None:
    resolver = fixed("93.184.216.34")
    policy = NetPolicy(resolver=resolver)
    for host in ("127.0.0.1", "169.254.169.254", "[::1]", "localhost", "foo.localhost"):
        with pytest.raises(RefusedError):
            policy.vet(host, 80)
    assert resolver.calls == []  # type: ignore[attr-defined]
    assert policy.vet("93.184.216.34", 80) == ["93.184.216.34"]


@pytest.mark.parametrize(
    "address", ["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "::ffff:169.254.169.254"]
)
def test_metadata_addresses_refused_even_when_private_networks_are_allowed(address: str) -> None:
    policy = NetPolicy(allow_private_network=True, resolver=fixed(address))
    with pytest.raises(RefusedError, match="metadata"):
        policy.vet("metadata.example.internal", 80)
    with pytest.raises(RefusedError, match="metadata"):
        policy.vet(address, 80)
    assert policy.refuses_literal(address)
    assert NetPolicy(allow_private_network=True).vet("169.254.1.1", 80) == ["169.254.1.1"]  # other link-local: allowed


def test_garbage_from_the_resolver_is_refused() -> None:
    with pytest.raises(RefusedError):
        NetPolicy(resolver=fixed("not-an-ip")).vet("odd.example.com", 80)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.example.internal/computeMetadata/v1/",
        "https://intranet.example.com/logo.png",
        "http://[fd00::5]/x.png",
        "http://2130706433/x.png",  # 127.0.0.1 as a decimal number
    ],
)
def test_fetcher_refuses_before_any_socket(url: str, connections: list[tuple[str, int]]) -> None:
    resolver = (
        fixed("169.254.169.254") if "metadata" in url else fixed("10.20.30.40") if "intranet" in url else fixed("127.0.0.1")
    )
    fetcher = Fetcher(Options(use_cache=False), policy=NetPolicy(resolver=resolver))
    with pytest.raises(RefusedError):
        fetcher.fetch(url)
    assert connections == []
    assert fetcher.requests == 0


def test_connection_goes_to_the_vetted_address_with_the_name_in_host(
    local_server: LocalServer, connections: list[tuple[str, int]]
) -> None:
    # The name exists nowhere; only the injected resolver knows it. The request must reach
    # 127.0.0.1 (the checked address) while the Host header still carries the name.
    port = int(local_server.base.rsplit(":", 1)[1])
    resolver = fixed("127.0.0.1")
    fetcher = Fetcher(Options(use_cache=False), policy=NetPolicy(allow_private_network=True, resolver=resolver))
    fetched = fetcher.fetch(f"http://images.docconv.test:{port}/img/red.png")
    assert fetched.data.startswith(b"\x89PNG")
    assert connections == [("127.0.0.1", port)]
    assert resolver.calls == ["images.docconv.test"]  # type: ignore[attr-defined]
    assert local_server.requests[-1].headers["Host"] == f"images.docconv.test:{port}"


def test_redirect_hops_are_vetted_again(
    local_server: LocalServer, connections: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend 127.0.0.0/8 is a public network so the first hop passes the DEFAULT policy; the
    # redirect to 169.254.169.254 must then be refused by the check on the second hop, before
    # any connection to it.
    import docconv.resources.netpolicy as netpolicy

    real = netpolicy.forbidden_reason
    monkeypatch.setattr(netpolicy, "forbidden_reason", lambda a: None if str(a).startswith("127.") else real(a))
    port = int(local_server.base.rsplit(":", 1)[1])
    fetcher = Fetcher(Options(use_cache=False), policy=NetPolicy(resolver=fixed("127.0.0.1")))
    with pytest.raises(RefusedError, match=r"169\.254\.169\.254"):
        fetcher.fetch(f"http://images.docconv.test:{port}/redirect/metadata")
    assert connections == [("127.0.0.1", port)]
    assert fetcher.requests == 1


def test_default_policy_refuses_the_local_server(local_server: LocalServer, connections: list[tuple[str, int]]) -> None:
    before = len(local_server.requests)
    with pytest.raises(RefusedError, match="loopback"):
        Fetcher(Options(use_cache=False)).fetch(local_server.url("/img/red.png"))
    assert connections == []
    assert len(local_server.requests) == before


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 whose self-signed certificate names images.docconv.test."""
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import ThreadingHTTPServer

    from tests.http_server import _Handler

    if not shutil.which("openssl"):
        pytest.skip("openssl not available")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=images.docconv.test",
         "-addext", "subjectAltName=DNS:images.docconv.test", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.recorded = []  # type: ignore[attr-defined]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], cert
    finally:
        server.shutdown()
        server.server_close()


def test_https_to_a_pinned_address_verifies_the_certificate_against_the_name(
    tls_server: tuple[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import ssl

    from docconv.resources.fetch import FetchError

    port, cert = tls_server
    policy = NetPolicy(allow_private_network=True, resolver=fixed("127.0.0.1"))
    # Untrusted (self-signed) certificate: refused, verification is on.
    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):
        Fetcher(Options(use_cache=False), policy=policy).fetch(f"https://images.docconv.test:{port}/img/red.png")
    # Trust it: the connection goes to 127.0.0.1, yet the certificate is checked against the name.
    real = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: real(cafile=str(cert)))
    fetched = Fetcher(Options(use_cache=False), policy=policy).fetch(f"https://images.docconv.test:{port}/img/red.png")
    assert fetched.data.startswith(b"\x89PNG")
    other = NetPolicy(allow_private_network=True, resolver=fixed("127.0.0.1"))
    with pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):  # same address, a name the certificate lacks
        Fetcher(Options(use_cache=False), policy=other).fetch(f"https://cdn.docconv.test:{port}/img/red.png")
