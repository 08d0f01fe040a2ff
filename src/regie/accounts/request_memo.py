"""Who the user is allowed to be, worked out once per request.

One page asks it several times: the view for its scope, the navigation whether to show the
worklist, the privacy pages and Beheer. Each answer costs a query or two on memberships and
case grants, the same rows every time. Within one request the middleware keeps each answer;
outside a request (commands, background jobs, tests calling the functions directly) nothing
is kept and every call reads afresh.

Only for the length of one request: a change of someone's memberships is seen by their next
request, in every process, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

# Each gthread worker thread runs a request in its own context: requests never share a memo.
_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("regie_request_memo", default=None)


def remembered(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, once per request for this key; every time outside a request."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget() -> None:
    """Drop what this request remembered (after it changed someone's memberships)."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
