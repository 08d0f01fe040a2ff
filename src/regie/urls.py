"""The site's addresses: each face brings its own, under one root."""

from django.urls import include, path

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
