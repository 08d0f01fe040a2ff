from django.urls import path, re_path

from regie.api import documents, views

app_name = "api"

urlpatterns = [
    path("openapi.json", documents.openapi_document, name="openapi"),
    path("cases", views.CaseCollection.as_view(), name="cases"),
    path("cases/<str:reference>", views.CaseDetail.as_view(), name="case"),
    re_path(r"^.*$", documents.not_found, name="not-found"),
]
