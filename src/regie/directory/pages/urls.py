from django.urls import path

from regie.directory.pages import views

app_name = "wegwijzer"

urlpatterns = [
    path("wegwijzer", views.wegwijzer, name="wegwijzer"),
]
