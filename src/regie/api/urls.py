from django.urls import path, re_path

from regie.api import case_work, documents, escalation, hearing, views, wegwijzer

app_name = "api"

urlpatterns = [
    path("openapi.json", documents.openapi_document, name="openapi"),
    path("cases", views.CaseCollection.as_view(), name="cases"),
    path("cases/<str:reference>", views.CaseDetail.as_view(), name="case"),
    path(
        "cases/<str:reference>/acceptance",
        case_work.CaseAcceptance.as_view(),
        name="case-acceptance",
    ),
    path("cases/<str:reference>/updates", case_work.CaseUpdates.as_view(), name="case-updates"),
    path(
        "cases/<str:reference>/conclusion",
        case_work.CaseConclusion.as_view(),
        name="case-conclusion",
    ),
    path(
        "cases/<str:reference>/transitions",
        case_work.CaseTransitions.as_view(),
        name="case-transitions",
    ),
    path(
        "cases/<str:reference>/escalations",
        escalation.CaseEscalations.as_view(),
        name="case-escalations",
    ),
    path(
        "cases/<str:reference>/hearing-invitations",
        hearing.HearingInvitations.as_view(),
        name="case-hearing-invitations",
    ),
    path("cases/<str:reference>/hearings", hearing.Hearings.as_view(), name="case-hearings"),
    path(
        "cases/<str:reference>/hearing-waivers",
        hearing.HearingWaivers.as_view(),
        name="case-hearing-waivers",
    ),
    path("intakes/<str:queued_id>", views.QueuedIntakeDetail.as_view(), name="intake"),
    path("wegwijzer", wegwijzer.Wegwijzer.as_view(), name="wegwijzer"),
    re_path(r"^.*$", documents.not_found, name="not-found"),
]
