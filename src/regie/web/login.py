"""Staff login: Django's view with Dutch messages and the error summary (django-axes locks
out password guessing, see settings)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm

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
