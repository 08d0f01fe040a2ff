from django.contrib.auth import views as auth_views
from django.urls import path

from regie.web import views
from regie.web.forms import StaffLoginForm

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
    path("werk", views.worklist, name="worklist"),
    path("werk/nieuw", views.quick_capture, name="quick_capture"),
    path("werk/zaken/<str:reference>", views.case_detail, name="case"),
    path("werk/zaken/<str:reference>/toewijzen", views.case_assign, name="case_assign"),
    path("werk/zaken/<str:reference>/notitie", views.case_note, name="case_note"),
    path(
        "werk/zaken/<str:reference>/ontvangstbevestiging",
        views.case_acknowledgement,
        name="case_acknowledgement",
    ),
    path("werk/zaken/<str:reference>/contact", views.case_contact, name="case_contact"),
    path("werk/zaken/<str:reference>/verdagen", views.case_postpone, name="case_postpone"),
    path("werk/zaken/<str:reference>/adviescommissie", views.case_committee, name="case_committee"),
    path(
        "werk/zaken/<str:reference>/eerste-gesprek",
        views.case_first_conversation,
        name="case_first_conversation",
    ),
    path("werk/zaken/<str:reference>/afhandelen", views.case_conclude, name="case_conclude"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
]
