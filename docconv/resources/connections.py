"""Connections pinned to the addresses the network policy vetted.

``http.client`` would resolve the host name again when it connects, and a second answer could
name an address the policy never saw (DNS rebinding). These connections take the vetted
addresses and connect only to them; TLS still verifies the certificate against the host name.
Imported only when something is really fetched, so reading and offline runs never load the
socket, ssl and http stacks.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Sequence


def _connect_any(addresses: Sequence[str], port: int, timeout: float) -> socket.socket:
    last: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout=timeout)
        except OSError as error:
            last = error
    raise last or OSError("no address to connect to")


class PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a name whose socket goes only to pre-vetted addresses."""

    def __init__(self, host: str, port: int, addresses: Sequence[str], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._addresses = tuple(addresses)

    def connect(self) -> None:
        self.sock = _connect_any(self._addresses, self.port, self.timeout)  # type: ignore[arg-type]


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to pre-vetted addresses; SNI and certificate verification still use the host name."""

    def __init__(self, host: str, port: int, addresses: Sequence[str], timeout: float) -> None:
        self._ssl_context = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._ssl_context)
        self._addresses = tuple(addresses)

    def connect(self) -> None:
        raw = _connect_any(self._addresses, self.port, self.timeout)  # type: ignore[arg-type]
        try:
            self.sock = self._ssl_context.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise


def open_connection(scheme: str, host: str, port: int, addresses: Sequence[str], timeout: float) -> http.client.HTTPConnection:
    """A connection object for ``scheme`` pinned to ``addresses`` (nothing is opened yet)."""
    if scheme == "https":
        return PinnedHTTPSConnection(host, port, addresses, timeout)
    return PinnedHTTPConnection(host, port, addresses, timeout)
