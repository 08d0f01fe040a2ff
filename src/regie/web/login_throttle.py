"""Login throttling that also catches password spraying (issue 11).

django-axes locks an account for one address after a few failures (AXES_* in settings). An
attacker who tries a few passwords on every account, or one account from many addresses,
never reaches that. This handler adds three counters of failed logins in the shared cache,
each over REGIE_LOGIN_WINDOW_MINUTES:

- per client address, across accounts (REGIE_LOGIN_FAILURES_PER_ADDRESS);
- per account, across addresses (REGIE_LOGIN_FAILURES_PER_ACCOUNT);
- in total (REGIE_LOGIN_FAILURES_TOTAL): a botnet spraying from fresh addresses.

Once a counter reaches its limit, password logins it covers are refused until the window
ends, with axes' own lockout page (HTTP 429), before the password is even checked. The total
counter stops every password login for a while: that is the price of stopping a spray from
many addresses, and why its limit is high; it is logged, so someone can look.
"""

from __future__ import annotations

import logging
from typing import Any

from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]
from axes.helpers import get_client_username  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]

from regie.ui.throttle import client_address

log = logging.getLogger(__name__)


def _counters(
    request: HttpRequest, credentials: dict[str, Any] | None
) -> list[tuple[str, str, int]]:
    """(what, key, limit) for each counter this attempt falls under."""
    username = str(get_client_username(request, credentials) or "").strip().lower()
    counters = [
        ("address", client_address(request), settings.REGIE_LOGIN_FAILURES_PER_ADDRESS),
        ("total", "all", settings.REGIE_LOGIN_FAILURES_TOTAL),
    ]
    if username:
        counters.append(("account", username, settings.REGIE_LOGIN_FAILURES_PER_ACCOUNT))
    return counters


def _count(request: HttpRequest, what: str, key: str, limit: int, *, add: bool) -> int:
    rate = f"{limit}/{settings.REGIE_LOGIN_WINDOW_MINUTES}m"
    try:
        usage = get_usage(
            request, group=f"login:{what}", key=lambda _g, _r: key, rate=rate, increment=add
        )
    except Exception:  # the database, Redis or the network: whatever the cache raises
        log.exception("Login failures (%s) could not be counted", what)
        return 0
    return int(usage["count"]) if usage else 0


def spraying_refused(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """Which counter refuses this login ('address', 'account', 'total'), or None."""
    for what, key, limit in _counters(request, credentials):
        if _count(request, what, key, limit, add=False) >= limit:
            return what
    return None


class SprayingAwareHandler(AxesDatabaseHandler):
    """axes' database handler, with the three counters above added to its lock."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        refused = spraying_refused(request, credentials)
        if refused is not None:
            log.warning("Login refused: too many failed logins (%s)", refused)
            return True
        return False

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        for what, key, limit in _counters(request, credentials):
            if _count(request, what, key, limit, add=True) >= limit:
                # The next attempt is refused by `is_locked`; this one already shows the
                # lockout page, as axes does when its own limit is reached.
                request.axes_locked_out = True
