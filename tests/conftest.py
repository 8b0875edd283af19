"""Shared test fixtures: paths to the bundled articles and a deterministic environment."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SAMPLE = FIXTURES / "post_guancha_shanghai_soft_power.txt"


@pytest.fixture(autouse=True, scope="session")
def _deterministic_environment(tmp_path_factory: pytest.TempPathFactory) -> None:
    # Outputs are compared byte for byte; the cache must not leak between test runs.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _is_loopback(host: object) -> bool:
    import ipaddress

    if not isinstance(host, str):
        return False
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def _no_traffic_off_this_machine() -> Iterator[None]:
    """No test may look up a name or connect anywhere but loopback (the sandbox flags such traffic).

    Checked in the test process at the socket layer, under every library; a test that strays
    fails with an error instead of sending a packet.
    """
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):  # type: ignore[index]
            raise OSError(f"test tried to connect to {address} (only 127.0.0.0/8 and ::1 are allowed)")

    def connect(sock: socket.socket, address: object) -> None:
        check(sock, address)
        real_connect(sock, address)  # type: ignore[arg-type]

    def connect_ex(sock: socket.socket, address: object) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)  # type: ignore[arg-type]

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host is not None and not _is_loopback(host if isinstance(host, str) else str(host, "ascii", "replace")):  # type: ignore[arg-type]
            raise socket.gaierror(socket.EAI_NONAME, f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


from tests.plugin_goldens import pytest_addoption  # noqa: E402,F401  (--update-goldens)

# Codes the test plugin (tests/test_registry.py) reports: a plugin's codes are its own.
PLUGIN_CODES = {"signed"}


@pytest.fixture(autouse=True, scope="session")
def _every_reported_code_is_catalogued() -> Iterator[None]:
    """Whatever a test makes docconv report, its code must be in docconv/codes.py."""
    from docconv.codes import CATALOGUE
    from docconv.diagnostics import Reporter

    real_report = Reporter.report

    def report(self: Reporter, level: str, code: str, message: str, where: str | None = None) -> None:
        assert code in CATALOGUE or code in PLUGIN_CODES, f"diagnostic code {code!r} is not in docconv/codes.py"
        real_report(self, level, code, message, where)  # type: ignore[arg-type]

    Reporter.report = report  # type: ignore[assignment,method-assign]
    yield
    Reporter.report = real_report  # type: ignore[method-assign]
