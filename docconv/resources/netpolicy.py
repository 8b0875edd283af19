"""Network policy: which hosts docconv may contact, decided before any socket opens.

By default a host is refused when ANY address it resolves to is loopback, private (RFC 1918,
fc00::/7, CGNAT), link-local (169.254.0.0/16 — cloud metadata — and fe80::/10), unspecified,
multicast, reserved or otherwise not globally routable; IPv4 embedded in IPv6 (mapped, 6to4,
NAT64) is judged by the IPv4 address. Cloud metadata addresses (169.254.169.254 …) are refused
even when private networks are allowed. The connection is then made to one of the addresses that
were checked — never by resolving the name again (``docconv.resources.connections``) — so DNS rebinding
cannot slip a private address in between the check and the connect. Host header, TLS SNI and
certificate check still use the name.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docconv.errors import InputError

# host, port → the addresses (as text) the name resolves to; injectable so tests can judge
# public and private addresses without DNS and without any socket.
Resolver = Callable[[str, int], Sequence[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Cloud instance-metadata endpoints hand out credentials and are never an image host; they stay
# refused even with allow_private_network (AWS/GCP/Azure/OpenStack, AWS ECS, Alibaba, AWS IPv6).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
_PRIVATE_HINT = "pass --allow-private-network (API: allow_private_network=True) to allow it"


class RefusedError(InputError):
    """The policy forbids this URL or address; nothing was sent."""

    code = "refused"


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, in the resolver's order, without duplicates."""
    import socket  # only when a name is really resolved; deciding needs no socket module

    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone index
        if address not in addresses:
            addresses.append(address)
    return addresses


def metadata_reason(address: IPAddress) -> str | None:
    """Why ``address`` is refused even when private networks are allowed, or None."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and embedded in METADATA_ADDRESSES:
            return f"cloud metadata address {embedded} (embedded in {address})"
    return f"cloud metadata address {address}" if address in METADATA_ADDRESSES else None


def forbidden_reason(address: IPAddress) -> str | None:
    """Why ``address`` may not be contacted by default, or None if it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            reason = forbidden_reason(embedded)
            return f"{reason} (embedded in {address})" if reason else None
    checks = (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_private", "private"),
        ("is_reserved", "reserved"),
    )
    for attribute, label in checks:
        if getattr(address, attribute):
            return f"{label} address {address}"
    if not address.is_global:
        return f"non-global address {address}"
    return None


def parse_ip(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is a literal (``[::1]`` brackets allowed), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


@dataclass(frozen=True)
class NetPolicy:
    """Decides, before any socket opens, whether a host may be contacted and at which address."""

    allow_private_network: bool = False
    resolver: Resolver = system_resolver

    def refuses_literal(self, host: str) -> str | None:
        """A reason to refuse ``host`` known without DNS (an IP literal or ``localhost``), or None.

        Used before serving anything from the cache, where no resolution happens.
        """
        address = parse_ip(host)
        if address is not None and metadata_reason(address):
            return f"{metadata_reason(address)} is never contacted"
        if self.allow_private_network:
            return None
        name = host.lower().rstrip(".")
        if name == "localhost" or name.endswith(".localhost"):
            return f"{host} is loopback; {_PRIVATE_HINT}"
        reason = forbidden_reason(address) if address is not None else None
        return f"{reason}; {_PRIVATE_HINT}" if reason else None

    def vet(self, host: str, port: int) -> list[str]:
        """The addresses of ``host`` that may be contacted; raises RefusedError if any is forbidden."""
        literal = parse_ip(host)
        if literal is not None:
            candidates = [str(literal)]
        else:
            reason = self.refuses_literal(host)
            if reason:
                raise RefusedError(reason)
            try:
                candidates = list(self.resolver(host, port))
            except (OSError, UnicodeError) as error:
                raise InputError(f"cannot resolve {host}: {error}") from None
        if not candidates:
            raise InputError(f"{host} resolves to no address")
        vetted: list[str] = []
        for text in candidates:
            address = parse_ip(text)
            if address is None:
                raise RefusedError(f"{host} resolved to something that is not an address: {text!r}")
            always = metadata_reason(address)
            if always:
                shown = always if literal is not None else f"{host} resolves to {always}"
                raise RefusedError(f"{shown}, which is never contacted")
            reason = forbidden_reason(address)
            if reason and not self.allow_private_network:
                # One bad address spoils the name: a resolver that mixes public and private
                # answers is exactly what a rebinding attack looks like.
                shown = reason if literal is not None else f"{host} resolves to {reason}"
                raise RefusedError(f"{shown}; {_PRIVATE_HINT}")
            vetted.append(str(address))
        return vetted
