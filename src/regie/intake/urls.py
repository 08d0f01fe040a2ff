from django.urls import path

from regie.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.home, name="home"),
    path("melden", views.submit, name="submit"),
    path("melden/organisaties", views.about_options, name="about_options"),
    path("melden/ontvangen/<str:token>", views.receipt, name="receipt"),
    path("status/<str:token>", views.status, name="status"),
    path("status/<str:token>/brieven/<int:pk>.pdf", views.status_letter, name="status_letter"),
    path("status/<str:token>/aanvullen", views.add_information, name="add_information"),
    path("status/<str:token>/intrekken", views.withdraw, name="withdraw"),
    path("status/<str:token>/nazorg", views.answer_follow_up, name="answer_follow_up"),
]
