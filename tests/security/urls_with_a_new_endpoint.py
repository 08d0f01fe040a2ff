"""The real URL configuration plus one endpoint nobody wrote a rule for: the coverage test
must name exactly that one (test_a_new_endpoint_without_a_rule_is_reported)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def export_everything(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("alles")


urlpatterns = [
    path("", include("regie.urls")),
    path("werk/export/<int:pk>", export_everything),
]
