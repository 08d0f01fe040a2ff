"""The end of a login through the identity provider (OIDC_CALLBACK_CLASS in settings).

mozilla-django-oidc answers a callback whose state is unknown (an old tab, a replayed link)
with SuspiciousOperation, and an unreachable provider with a requests error: both would be a
bare 400 or 500. A person gets the login page instead, saying in Dutch that it did not work.
"""

from __future__ import annotations

import logging

import requests
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView  # type: ignore[import-untyped]

log = logging.getLogger(__name__)


class OIDCCallback(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException) as exc:
            log.warning("OIDC login failed: %s", exc)
            return self.login_failure()
