"""The second factor's pages: setting up the app (`/account/tweede-stap`), the recovery codes
shown once, and the code after the password (`/inloggen/code`). What a device is and when a
code fits is `accounts.second_factor`; the policy that sends people here is
`accounts.second_factor_policy`.

A wrong code counts as a failed login for django-axes, so guessing codes is locked out like
guessing passwords; django-otp also refuses any code for a few seconds after a wrong one.
"""

from __future__ import annotations

from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler  # type: ignore[import-untyped]
from axes.helpers import get_lockout_response  # type: ignore[import-untyped]
from django import forms
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login  # type: ignore[import-untyped]

from regie.accounts import second_factor as sf
from regie.accounts.second_factor_policy import second_factor_missing
from regie.ui import formkit
from regie.web.staff import staff_user

_CODES_TO_SHOW = "regie.second_factor.codes_to_show"

WRONG_CODE = (
    "Deze code klopt niet. Vul de 6 cijfers in die de app nu laat zien, of een herstelcode."
)
WAIT = "U heeft net een verkeerde code ingevuld. Wacht een paar seconden en probeer het opnieuw."


class CodeForm(formkit.RegieForm):
    code = forms.CharField(
        label="Code",
        max_length=32,
        error_messages={
            "required": "Vul de code in.",
            "max_length": "Een code is hooguit 32 tekens lang.",
        },
        widget=formkit.text_input(
            autocomplete="one-time-code", autocapitalize="off", spellcheck="false"
        ),
    )

    def __init__(self, *args: Any, help_text: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text


def qr_code_svg(data: str) -> str:
    """The QR code as inline SVG, drawn here: no JavaScript, no outside service, and no
    inline style (the CSP forbids it); segno writes presentation attributes only."""
    svg = segno.make(data, error="m").svg_inline(scale=5, border=4, light="#fff", dark="#000")
    return svg.replace("<svg ", '<svg role="img" aria-label="QR-code om de app in te stellen" ', 1)


@never_cache
@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if sf.has_second_factor(user):
        if second_factor_missing(request):
            # Set up before, not yet passed in this session: the code first.
            return redirect("web:second_factor_verify")
        if request.method == "POST":
            request.session[_CODES_TO_SHOW] = sf.recovery_codes_renew(user_id=user.pk)
            return redirect("web:second_factor_codes")
        return render(
            request,
            "web/second_factor_active.html",
            {"codes_left": sf.recovery_codes_left(user), "nav": "account"},
        )

    device = sf.enrolment_device(user)
    form = CodeForm(request.POST or None, help_text="De 6 cijfers die de app nu laat zien.")
    if request.method == "POST" and form.is_valid():
        codes = sf.enrolment_confirm(device=device, code=form.cleaned_data["code"])
        if codes is None:
            form.add_error(
                "code", "Deze code klopt niet. Vul de 6 cijfers in die de app nu laat zien."
            )
        else:
            otp_login(request, device)
            request.session[_CODES_TO_SHOW] = codes
            return redirect("web:second_factor_codes")
    return render(
        request,
        "web/second_factor_enrol.html",
        {
            "nav": "account",
            "form": form,
            # Safe: segno's own markup; the account name is inside the QR data, never text.
            "qr_svg": mark_safe(qr_code_svg(device.config_url)),
            "secret": sf.secret_for_typing(device),
            "issuer": settings.OTP_TOTP_ISSUER,
            "account": user.get_username(),
            "required": settings.REGIE_REQUIRE_SECOND_FACTOR,
        },
    )


@never_cache
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    # Shown once: taken out of the session as they are shown.
    codes = request.session.pop(_CODES_TO_SHOW, None)
    return render(request, "web/second_factor_codes.html", {"codes": codes})


@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    pending = sf.pending_user(request)
    user = pending
    if user is None and request.user.is_authenticated and second_factor_missing(request):
        user = staff_user(request)  # logged in before the policy asked for a code
    if user is None or not sf.has_second_factor(user):
        return redirect("web:login")

    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        sf.pending_end(request)
        return get_lockout_response(request, None, credentials)

    form = CodeForm(
        request.POST or None,
        help_text="De 6 cijfers uit de app op uw telefoon, of een van uw herstelcodes.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            device = sf.code_matches(user, form.cleaned_data["code"])
        except sf.Throttled:
            form.add_error("code", WAIT)
        else:
            if device is None:
                form.add_error("code", WRONG_CODE)
                # Counted by django-axes like a wrong password; on the last allowed try its
                # middleware turns this response into the lockout page.
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            else:
                return _passed(request, user, device, pending=pending is not None)
    return render(
        request,
        "web/second_factor_verify.html",
        {"form": form, "nav": "inloggen"},
        status=200,
    )


def _passed(request: HttpRequest, user: Any, device: Any, *, pending: bool) -> HttpResponse:
    next_url = sf.pending_next(request) if pending else ""
    if pending:
        sf.pending_end(request)
        # Only now is the session logged in (and its key renewed by login()).
        auth_login(request, user, backend=user.backend)
    otp_login(request, device)
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)
