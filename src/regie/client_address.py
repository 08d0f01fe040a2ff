"""Who the client is: the address a request came from, behind trusted proxies (issue 11).

Low in the house on purpose: the rate limits (ui), axes' lockouts and the audit log (privacy)
all need the same answer, and privacy sits below ui.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address the request came from. X-Forwarded-For counts only when REMOTE_ADDR is a
    trusted proxy (REGIE_TRUSTED_PROXIES); then the nearest address in it that is not a trusted
    proxy is the client. Read from the right: a client can put anything at the left of the
    header, but each trusted proxy appends the address it saw."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    networks = _networks(tuple(settings.REGIE_TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return remote
