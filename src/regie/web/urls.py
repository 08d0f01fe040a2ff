from django.urls import path

from regie.web import views

app_name = "web"

urlpatterns = [
    path("werk", views.worklist, name="worklist"),
]
