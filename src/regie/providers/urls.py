from django.urls import path

from regie.providers import register, views

app_name = "providers"

urlpatterns = [
    path("aanbieder", views.worklist, name="worklist"),
    path("aanbieder/klacht", register.own_complaint, name="own_complaint"),
    path("aanbieder/zaken/<str:reference>", views.case_detail, name="case"),
    path("aanbieder/zaken/<str:reference>/<slug:slug>", views.case_action, name="case_action"),
]
