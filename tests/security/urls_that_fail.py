"""The site's URLs plus one page that fails, to see the 500 page as a visitor gets it."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from regie.urls import handler400
from regie.urls import urlpatterns as site_patterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug, on purpose")


urlpatterns = [path("kapot", broken), *site_patterns]

__all__ = ["handler400", "urlpatterns"]
