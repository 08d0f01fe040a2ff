"""Where a request came from, for the audit log, without passing the request down.

The middleware remembers the request for as long as it runs; `access_record`, the change
recorder and the record of a new case read it. The command line and background work have
none, and say so by leaving the address empty.
"""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from regie.client_address import client_address as request_address

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "audit_request", default=None
)


def current_request() -> HttpRequest | None:
    """The request being handled, or None outside a request (CLI, tick, Celery, the demo)."""
    return _request.get()


def client_address() -> str | None:
    """The address of the request being handled, or None outside a request. Behind a trusted
    proxy (REGIE_TRUSTED_PROXIES) the forwarded one: the resident's or the employee's address,
    not the proxy's."""
    request = _request.get()
    if request is None:
        return None
    # The column is an address: a forwarded hop that is none (a misconfigured proxy) falls
    # back to the peer's, rather than failing the request that is being logged.
    for candidate in (request_address(request), request.META.get("REMOTE_ADDR")):
        try:
            return str(ipaddress.ip_address(str(candidate or "")))
        except ValueError:
            continue
    return None


class AuditContextMiddleware:
    """Remembers the request while it runs, so the audit log can say from where."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
