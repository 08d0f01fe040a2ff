"""Ontvangstbevestiging per post: staff record the letter that acknowledged receipt
(`services.case_record_acknowledgement`); an e-mail Regie records itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils import timezone

from regie import limits
from regie.cases import services
from regie.cases.models import Event
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, long_date

# A letter has a date, not a time: it is recorded as sent at noon, Dutch time.
LETTER_TIME = dt.time(12, 0)


class AcknowledgementLetterForm(ActionForm):
    """The acknowledgement of receipt went out as a letter (Awb 9:6 asks for writing; for
    someone without an e-mail address that is a letter). Only the date is asked: the
    moment recorded is noon Dutch time that day, or the nearest moment that is possible."""

    section_id = "ontvangstbevestiging"
    service_fields = {"sent_at": "letter_sent_on", "to": "letter_address"}

    letter_sent_on = formkit.DateField(
        label="Datum waarop de brief is verstuurd",
        initial=formkit.today,
        required_message="Vul de datum in waarop de brief is verstuurd.",
    )
    letter_address = forms.CharField(
        label="Naar welk adres is de brief gestuurd?",
        help_text="Bijvoorbeeld: Dorpsstraat 12, 1234 AB Hoofddorp. Alleen medewerkers zien dit.",
        max_length=limits.POSTAL_ADDRESS,
        required=False,
        widget=formkit.text_input(autocomplete="off"),
        error_messages={"max_length": f"Schrijf hooguit {limits.POSTAL_ADDRESS} tekens."},
    )

    def __init__(self, *args: Any, received_at: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.received_at = received_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("letter_sent_on")
        if day is None:
            return data
        now = timezone.now()
        received_on = timezone.localdate(self.received_at)
        if day > timezone.localdate(now):
            self.add_error("letter_sent_on", "Deze datum ligt in de toekomst.")
        elif day < received_on:
            self.add_error(
                "letter_sent_on",
                "Deze datum ligt vóór de ontvangst van de zaak. De zaak is ontvangen op "
                f"{received_on:%d-%m-%Y}.",
            )
        else:
            data["sent_at"] = letter_moment(day, received_at=self.received_at, now=now)
        return data


def letter_moment(day: dt.date, *, received_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """Noon Dutch time on the day the letter went out, but never before the case came in
    (a letter on the day of receipt) and never after now (a letter this morning)."""
    noon = formkit.dutch_moment(day, LETTER_TIME)
    assert noon is not None  # the clock never skips noon
    return max(min(noon, now), received_at)


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> AcknowledgementLetterForm:
    # The address the resident gave is where the letter goes, unless staff type another.
    initial = {"letter_address": req.case.postal_address}
    return AcknowledgementLetterForm(data, received_at=req.case.received_at, initial=initial)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Event:
    return services.case_record_acknowledgement(
        case=req.case,
        scope=req.scope,
        sent_at=data["sent_at"],
        to=data["letter_address"] or "per post",
        by="post",
    )


def _done(req: ActionRequest, event: Event) -> str:
    sent_on = long_date(timezone.localdate(event.at))
    return f"De ontvangstbevestiging per post van {sent_on} staat in de tijdlijn."


ACTION = CaseAction(
    slug="ontvangstbevestiging",
    template="web/actions/acknowledgement.html",
    form=_form,
    check=services.case_record_acknowledgement_check,
    execute=_execute,
    done=_done,
)
