from django.urls import path

from regie.ui import views

app_name = "ui"

urlpatterns = [
    path("toegankelijkheid", views.accessibility, name="accessibility"),
]
