from django.urls import path

from regie.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("melden", views.submit, name="submit"),
    path("melden/organisaties", views.about_options, name="about_options"),
    path("melden/ontvangen/<str:token>", views.receipt, name="receipt"),
    path("status/<str:token>", views.status, name="status"),
]
