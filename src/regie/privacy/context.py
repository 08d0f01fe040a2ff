"""Where a request came from, for the audit log, without passing the request down.

The middleware sets the client's address for the duration of one request; `access_record`
and the change recorder read it. The command line and background work have none, and say so
by leaving the address empty.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

_address: contextvars.ContextVar[str | None] = contextvars.ContextVar("audit_address", default=None)


def client_address() -> str | None:
    """The address of the request being handled, or None outside a request."""
    return _address.get()


class AuditContextMiddleware:
    """Remembers the client's address while the request runs (REMOTE_ADDR: behind a proxy,
    Django's settings for the forwarded address decide what that is)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _address.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            _address.reset(token)
