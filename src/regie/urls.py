"""The site's addresses: each face brings its own, under one root."""

from django.conf import settings
from django.urls import include, path

# A body over the size limit is a 413 (a Dutch page, or problem+json under /api/), not a 400.
handler400 = "regie.ui.errors.bad_request"

urlpatterns = [
    path("api/v1/", include("regie.api.urls")),
    path("", include("regie.intake.urls")),
    path("", include("regie.directory.pages.urls")),
    path("", include("regie.web.urls")),
    path("", include("regie.providers.urls")),
    path("", include("regie.beheer.urls")),
    path("", include("regie.reporting.urls")),
    path("", include("regie.ui.urls")),
]

# Staff login through the organisation's identity provider, only when it is configured
# (settings "Second factor and OIDC"): /oidc/authenticate/ and /oidc/callback/.
if settings.REGIE_OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
