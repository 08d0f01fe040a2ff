from django.contrib.auth import views as auth_views
from django.urls import path

from regie.web import (
    attachments,
    capture,
    case_page,
    dossier,
    learning,
    learning_recommendations,
    learning_review,
    learning_topics,
    letters,
    scorecards,
    worklist,
)
from regie.web.login import StaffLoginForm

app_name = "web"

urlpatterns = [
    path(
        "inloggen",
        auth_views.LoginView.as_view(
            template_name="web/login.html",
            authentication_form=StaffLoginForm,
            redirect_authenticated_user=True,
            extra_context={"nav": "inloggen"},
        ),
        name="login",
    ),
    # Django's LogoutView accepts POST only, so a link or a prefetch never logs anyone out.
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("werk", worklist.worklist, name="worklist"),
    path("werk/nieuw", capture.quick_capture, name="quick_capture"),
    path("werk/aanbieders", scorecards.overview, name="scorecards"),
    path("werk/aanbieders/<slug:slug>", scorecards.detail, name="scorecard"),
    # Leren van klachten (regie.learning): trends, spikes and the cases behind one, signals.
    path("werk/leren", learning.overview_page, name="learning"),
    # Steekproeven (learning_review). Before learning_spike: its four open segments would
    # otherwise swallow .../steekproeven/<pk>/<item> and answer 404.
    path(
        "werk/leren/<str:municipality>/steekproeven",
        learning_review.samples,
        name="learning_samples",
    ),
    path(
        "werk/leren/<str:municipality>/steekproeven/<int:pk>",
        learning_review.sample_page,
        name="learning_sample",
    ),
    path(
        "werk/leren/<str:municipality>/steekproeven/<int:pk>/<int:item>",
        learning_review.sample_item,
        name="learning_sample_item",
    ),
    # Onderzoeken en aanbevelingen (learning_recommendations).
    path(
        "werk/leren/<str:municipality>/aanbevelingen/nieuw",
        learning_recommendations.recommendation_new,
        name="learning_recommendation_new",
    ),
    path(
        "werk/leren/<str:municipality>/aanbevelingen/<int:pk>",
        learning_recommendations.recommendation_page,
        name="learning_recommendation",
    ),
    path(
        "werk/leren/<str:municipality>/onderzoeken/nieuw",
        learning_recommendations.investigation_new,
        name="learning_investigation_new",
    ),
    path(
        "werk/leren/<str:municipality>/onderzoeken/<int:pk>",
        learning_recommendations.investigation_page,
        name="learning_investigation",
    ),
    path(
        "werk/leren/<str:municipality>/<str:dimension>/<str:value>/<str:week>",
        learning.spike_cases,
        name="learning_spike",
    ),
    # Nieuwe onderwerpen en thema's (learning_topics): emerging topics, naming a theme.
    path(
        "werk/leren/<str:municipality>/onderwerpen",
        learning_topics.topics_page,
        name="learning_topics",
    ),
    # A file a resident sent with their information, for staff who may see the case.
    path("werk/bijlagen/<int:pk>", attachments.download, name="attachment"),
    # A letter's PDF/A, for staff who may see the case.
    path("werk/brieven/<int:pk>.pdf", letters.letter_pdf, name="letter_pdf"),
    path("werk/zaken/<str:reference>", case_page.case_detail, name="case"),
    # The dossier for the ombudsman (regie.documents.dossier), for staff who may see the case.
    path(
        "werk/zaken/<str:reference>/ombudsdossier.pdf", dossier.dossier_as_pdf, name="dossier_pdf"
    ),
    path(
        "werk/zaken/<str:reference>/ombudsdossier.json",
        dossier.dossier_as_json,
        name="dossier_json",
    ),
    # Every action on the case page: toewijzen, notitie, contact, verdagen, … (case_actions).
    path("werk/zaken/<str:reference>/<slug:slug>", case_page.case_action, name="case_action"),
]
