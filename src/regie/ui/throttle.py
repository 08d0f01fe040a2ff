"""Rate limits for the public pages (issue 11: abuse protection). Who the client is, behind
trusted proxies, is `regie.client_address` (the audit log needs it too, from below).

Counters live in Django's cache (django-ratelimit's fixed windows), so every web process must
share it: see the "Abuse" block in settings. A refusal happens before the view runs, so a
refused post writes nothing and sends no mail.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]

# Re-exported: the rate limits, the login throttle and their tests ask this module.
from regie.client_address import client_address as client_address

log = logging.getLogger(__name__)

View = Callable[..., HttpResponse]


def seconds_to_wait(
    request: HttpRequest, *, group: str, rate: str, key: str | None = None, count: bool = True
) -> int | None:
    """Counts this request in `group` for `key` (default: the client address) and returns how
    many seconds to wait when it is over `rate`, else None.

    A cache that cannot be reached lets the request through (logged): a resident who cannot
    file a complaint because of our infrastructure is worse than a burst slipping through.
    """
    value = key if key is not None else client_address(request)
    try:
        usage = get_usage(
            request,
            group=group,
            key=lambda _group, _request: value,
            rate=rate,
            increment=count,
        )
    except Exception:  # the database, Redis or the network: whatever the cache raises
        log.exception("Rate limit %s could not be counted; request let through", group)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    return max(int(usage["time_left"]), 1)


def too_many_requests(request: HttpRequest, template: str, retry_after: int) -> HttpResponse:
    """The 429 page: nothing was done; wait and try again."""
    minutes = max(1, -(-retry_after // 60))
    response = render(request, template, {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"  # a refusal is for now only, never to be cached
    return response


def rate_limited(
    *, group: str, rate_setting: str, template: str, methods: tuple[str, ...] = ()
) -> Callable[[View], View]:
    """A view decorator: requests with one of `methods` (all when empty) are counted per
    client address; over the rate from `settings.<rate_setting>` the view is not run."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not methods or request.method in methods:
                wait = seconds_to_wait(request, group=group, rate=getattr(settings, rate_setting))
                if wait is not None:
                    return too_many_requests(request, template, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorate
