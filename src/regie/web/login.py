"""Staff login: Django's view with Dutch messages and the error summary (django-axes locks
out password guessing, see settings)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from regie.accounts.second_factor import has_second_factor, pending_start
from regie.ui import formkit


class StaffLoginForm(AuthenticationForm):
    use_required_attribute = False  # see formkit.RegieForm

    error_messages = {
        "invalid_login": (
            "Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Let op hoofdletters "
            "en kleine letters."
        ),
        "inactive": "Dit account is uitgezet. Neem contact op met uw beheerder.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": formkit.TEXTBOX, "autofocus": True})
        self.fields["password"].widget.attrs.update({"class": formkit.TEXTBOX})

    def error_summary(self) -> list[formkit.SummaryItem]:
        items = [formkit.SummaryItem("", str(m)) for m in self.non_field_errors()]
        for bound in self:
            items += [
                formkit.SummaryItem(formkit.field_anchor(bound), str(m)) for m in bound.errors
            ]
        return items


class StaffLoginView(LoginView):
    """Django's login, with the second factor: for an account with an authenticator app the
    right password only starts a pending login, and the session is logged in once the code
    fits (`web.second_factor.verify`)."""

    template_name = "web/login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True
    extra_context = {"nav": "inloggen"}

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if has_second_factor(user):
            pending_start(self.request, user, next_url=self.get_success_url())
            return HttpResponseRedirect(reverse("web:second_factor_verify"))
        return super().form_valid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if settings.REGIE_OIDC_ENABLED:
            context["oidc_name"] = settings.REGIE_OIDC_NAME
        # mozilla-django-oidc sends a failed provider login here (LOGIN_REDIRECT_URL_FAILURE).
        context["oidc_failed"] = self.request.GET.get("oidc") == "mislukt"
        return context
