from django.contrib.auth import views as auth_views
from django.urls import path

from regie.web import (
    attachments,
    capture,
    case_glass,
    case_page,
    dossier,
    learning,
    learning_recommendations,
    learning_review,
    learning_topics,
    letters,
    privacy_audit,
    privacy_requests,
    privacy_retention,
    scorecards,
    second_factor,
    worklist,
)
from regie.web.login import StaffLoginView

app_name = "web"

urlpatterns = [
    path("inloggen", StaffLoginView.as_view(), name="login"),
    # The second factor (issue 11): the code after the password, setting up the app, and
    # the recovery codes shown once.
    path("inloggen/code", second_factor.verify, name="second_factor_verify"),
    path("account/tweede-stap", second_factor.enrol, name="second_factor_enrol"),
    path(
        "account/tweede-stap/herstelcodes",
        second_factor.recovery_codes,
        name="second_factor_codes",
    ),
    # Django's LogoutView accepts POST only, so a link or a prefetch never logs anyone out.
    path("uitloggen", auth_views.LogoutView.as_view(), name="logout"),
    path("werk", worklist.worklist, name="worklist"),
    path("werk/termijnen", worklist.my_terms_by_kind, name="my_terms_by_kind"),
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
    # Bewaartermijnen (issue 11): the privacy officer's view of retention and legal holds.
    path("privacy/bewaartermijnen", privacy_retention.retention_page, name="privacy_retention"),
    # Privacyverzoeken (issue 11): a resident's GDPR request to see, correct or object.
    path("privacy/verzoeken", privacy_requests.request_list, name="privacy_requests"),
    path("privacy/verzoeken/nieuw", privacy_requests.request_new, name="privacy_request_new"),
    path("privacy/verzoeken/<int:pk>", privacy_requests.request_page, name="privacy_request"),
    path(
        "privacy/verzoeken/<int:pk>/inzage.json",
        privacy_requests.export_json,
        name="privacy_request_json",
    ),
    path(
        "privacy/verzoeken/<int:pk>/inzage.pdf",
        privacy_requests.export_pdf,
        name="privacy_request_pdf",
    ),
    path(
        "privacy/verzoeken/<int:pk>/<slug:step>",
        privacy_requests.request_step,
        name="privacy_request_step",
    ),
    # Logboek (issue 11): the privacy officer's search through the audit log, and its export.
    path("privacy/logboek", privacy_audit.audit_page, name="privacy_audit"),
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
    # Before case_action, whose <slug> would otherwise take "inzien" for an unknown action.
    path(
        "werk/zaken/<str:reference>/inzien",
        case_glass.case_open_outside_own_work,
        name="case_open_outside_own_work",
    ),
    # "Toon BSN" (issue 11): a POST that writes an audit record; before case_action too.
    path("werk/zaken/<str:reference>/bsn", case_page.case_show_bsn, name="case_show_bsn"),
    path("werk/zaken/<str:reference>/<slug:slug>", case_page.case_action, name="case_action"),
]
