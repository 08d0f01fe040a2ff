"""REGIE_REQUIRE_SECOND_FACTOR: a local account reaches nothing but the second-factor pages
until this session has passed a code.

A middleware rather than a decorator on each face: a page added tomorrow is covered without
anyone remembering to. Whom it leaves alone, and why:
- visitors who are not logged in (the pages themselves ask for a login where they need one);
- API clients: they send a token, have no session, and DRF never reads `request.user` here;
- a session logged in through OIDC: the identity provider does the multi-factor part;
- the pages needed to get through: setting up the app, the code, the recovery codes, logging
  out, and static files.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from regie.accounts.second_factor import has_second_factor

OIDC_BACKEND = "regie.accounts.oidc.RegieOIDCBackend"
_OPEN_PREFIXES = ("/static/", "/api/", "/oidc/")
# URL names, not imports: the pages live in the web face, above this room.
_OPEN_PAGES = (
    "web:second_factor_enrol",
    "web:second_factor_codes",
    "web:second_factor_verify",
    "web:logout",
    "ui:accessibility",
)


def logged_in_through_oidc(request: HttpRequest) -> bool:
    # Django stores the backend that logged the session in; a visitor cannot set it.
    return request.session.get(BACKEND_SESSION_KEY) == OIDC_BACKEND


def second_factor_missing(request: HttpRequest) -> bool:
    """Would the policy stop this (logged-in) request? Also used by the pages to explain."""
    user = request.user
    if not user.is_authenticated or logged_in_through_oidc(request):
        return False
    return not user.is_verified()  # type: ignore[attr-defined]  # set by django_otp's middleware


class SecondFactorRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Read per request, so the setting can differ between tests without a restart.
        if settings.REGIE_REQUIRE_SECOND_FACTOR and self._stopped(request):
            user = request.user
            name = (
                "web:second_factor_verify"
                if has_second_factor(user)  # type: ignore[arg-type]
                else "web:second_factor_enrol"
            )
            return HttpResponseRedirect(reverse(name))
        return self.get_response(request)

    def _stopped(self, request: HttpRequest) -> bool:
        if request.path.startswith(_OPEN_PREFIXES):
            return False
        if request.path in {reverse(name) for name in _OPEN_PAGES}:
            return False
        return second_factor_missing(request)
