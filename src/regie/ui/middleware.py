"""Two rules every page keeps: nothing with personal data stays in a cache, and a login does
not last forever."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

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


def touch_after() -> dt.timedelta:
    """How far the idle expiry may lag before a request saves the session to move it on: a
    tenth of the idle limit, at most a minute (30 idle minutes end after 29 to 30)."""
    return dt.timedelta(seconds=min(60, settings.SESSION_COOKIE_AGE // 10))


class SessionLifetimeMiddleware:
    """Keeps a login's two limits: the idle one and REGIE_SESSION_MAX_HOURS after login.

    The idle limit is the session's own expiry (SESSION_COOKIE_AGE). A request moves it on by
    saving the session, which this middleware asks for once the stored expiry lags more than
    `touch_after()` (regie.ui.sessions), not on every page. The absolute limit logs a user
    out however active they are, so a stolen or forgotten session cannot be kept alive by a
    page that refreshes itself.
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
        response = self.get_response(request)
        session = request.session
        if session.accessed and not session.modified and not session.is_empty():
            stored = getattr(session, "stored_expiry", None)
            # None: a store that does not say, or a session not read from the database.
            if stored is None or stored < timezone.now() + _idle() - touch_after():
                session.modified = True
        return response


def _idle() -> dt.timedelta:
    return dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
