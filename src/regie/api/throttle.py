"""Rate limits for the API (issue 11): per client address and per API token.

The counters are the public pages' (`regie.ui.throttle`, django-ratelimit in the shared
cache), so a window such as 300/15m means the same everywhere. Over a limit the API answers
429 problem+json with Retry-After (through `problems.problem_exception_handler`).

DRF checks throttles after authentication: a request with a bad token gets its 401 without
being counted. Tokens are long random strings, so guessing one is hopeless anyway.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from regie.accounts.models import ApiClient
from regie.ui.throttle import client_address, seconds_to_wait


class TooManyRequests(exceptions.Throttled):
    """Throttled, in Dutch; `wait` becomes the Retry-After header."""

    def __init__(self, wait: int) -> None:
        seconds = "1 seconde" if wait == 1 else f"{wait} seconden"
        super().__init__(
            detail=(
                "U heeft te veel verzoeken gedaan. Dit verzoek is niet verwerkt. Wacht "
                f"{seconds} en probeer het dan opnieuw."
            )
        )
        self.wait = wait


class _RegieThrottle(BaseThrottle):
    group = ""
    rate_setting = ""

    def key(self, request: Request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request: Request, view: Any) -> bool:
        key = self.key(request)
        if key is None:
            return True
        wait = seconds_to_wait(
            request._request, group=self.group, rate=getattr(settings, self.rate_setting), key=key
        )
        if wait is not None:
            raise TooManyRequests(wait)
        return True


class AddressThrottle(_RegieThrottle):
    group = "api:address"
    rate_setting = "REGIE_RATE_API"

    def key(self, request: Request) -> str | None:
        return client_address(request._request)


class TokenThrottle(_RegieThrottle):
    """Per API client (one token each), wherever its requests come from."""

    group = "api:token"
    rate_setting = "REGIE_RATE_API_TOKEN"

    def key(self, request: Request) -> str | None:
        user = request.user
        return f"client:{user.pk}" if isinstance(user, ApiClient) else None
