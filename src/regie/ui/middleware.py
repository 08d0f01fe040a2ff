"""Two rules every page keeps: nothing with personal data stays in a cache, and a login does
not last forever."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

# Where the session keeps the moment its user logged in (seconds since the epoch).
SESSION_STARTED = "regie_session_started"


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every dynamic answer that has no Cache-Control of its own.

    Staff pages, the status page and the API show personal data; a browser's back button, a
    shared computer's disk cache or a proxy must not keep them. A view that may be cached
    (open data) says so itself and is left alone; static files never get here (WhiteNoise
    answers before this middleware).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
            # For HTTP/1.0 caches, which know no Cache-Control.
            response["Pragma"] = "no-cache"
        return response


class SessionLifetimeMiddleware:
    """Logs a user out REGIE_SESSION_MAX_HOURS after they logged in, however active they are.

    The idle limit is the session's own expiry (SESSION_COOKIE_AGE, moved on by every request
    with SESSION_SAVE_EVERY_REQUEST); this adds the absolute one, so a stolen or forgotten
    session cannot be kept alive by a page that refreshes itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SESSION_STARTED)
            if not isinstance(started, int | float):
                request.session[SESSION_STARTED] = now
            elif now - started > settings.REGIE_SESSION_MAX_HOURS * 3600:
                # Flushes the session and its cookie; the page then asks for a login as usual.
                logout(request)
        return self.get_response(request)
