from django.urls import path

from regie.providers import register, upload, views

app_name = "providers"

urlpatterns = [
    path("aanbieder", views.worklist, name="worklist"),
    path("aanbieder/klacht", register.own_complaint, name="own_complaint"),
    path("aanbieder/uploaden", upload.upload, name="upload"),
    path("aanbieder/uploaden/voorbeeld.csv", upload.example_file, name="upload_example"),
    path("aanbieder/uploaden/<int:batch_id>", upload.batch_page, name="upload_batch"),
    path(
        "aanbieder/uploaden/<int:batch_id>/voortgang",
        upload.batch_progress,
        name="upload_progress",
    ),
    path("aanbieder/uploaden/<int:batch_id>/opslaan", upload.batch_write, name="upload_write"),
    path("aanbieder/zaken/<str:reference>", views.case_detail, name="case"),
    path("aanbieder/zaken/<str:reference>/<slug:slug>", views.case_action, name="case_action"),
]
