"""Nazorg ("hoe gaat het nu?"): plan the follow-up of a solved case
(`services.case_plan_follow_up`), and record the check-in when the handler asked the
resident how it is going (`services.case_record_check_in`). The resident can also answer on
their status page; both close or reopen the case the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import Event, FollowUp
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer, long_date

# Four weeks: long enough to know whether the solution holds, short enough to remember.
DEFAULT_DAYS = 28


def _in_four_weeks() -> dt.date:
    return formkit.today() + dt.timedelta(days=DEFAULT_DAYS)


class PlanForm(ActionForm):
    section_id = "nazorg-plannen"
    service_fields = {"due": "follow_up_due"}

    # Names unique on the case page, where every action's form shares one set of ids.
    follow_up_due = formkit.DateField(
        label="Wanneer vragen we hoe het gaat?",
        help_text=(
            "Heeft de indiener een e-mailadres, dan krijgt die op deze dag een korte vraag met "
            "de link naar de statuspagina. Anders staat de zaak die dag bij Nazorg in uw "
            "werkvoorraad, om te bellen."
        ),
        initial=_in_four_weeks,
        required_message="Vul de datum in.",
    )


class CheckInForm(ActionForm):
    section_id = "nazorg-check-in"
    service_fields = {
        "solved": "check_in_solved",
        "score": "check_in_score",
        "summary": "check_in_summary",
    }

    check_in_solved = forms.TypedChoiceField(
        label="Is het probleem opgelost?",
        choices=[
            ("ja", "Ja, opgelost: de zaak wordt gesloten"),
            ("nee", "Nee, niet opgelost: de zaak wordt heropend"),
        ],
        coerce=lambda value: value == "ja",
        widget=formkit.radios(),
        error_messages={"required": "Kies ja of nee.", "invalid_choice": "Kies ja of nee."},
    )
    check_in_score = forms.TypedChoiceField(
        label="Cijfer dat de indiener geeft (1 tot en met 5)",
        choices=[("", "Niet gevraagd"), *((str(n), str(n)) for n in range(1, 6))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een cijfer van 1 tot en met 5."},
    )
    check_in_summary = formkit.staff_text(
        label="Wat vertelde de indiener?",
        help_text="Komt in de tijdlijn; de indiener ziet dit niet.",
        required="Schrijf kort op wat de indiener vertelde.",
    )


def _plan_form(req: ActionRequest, data: Mapping[str, Any] | None) -> PlanForm:
    return PlanForm(data)


def _plan(req: ActionRequest, data: dict[str, Any]) -> FollowUp:
    return services.case_plan_follow_up(
        case=req.case, scope=req.scope, due=data["follow_up_due"], at=req.now
    )


def _check_in_form(req: ActionRequest, data: Mapping[str, Any] | None) -> CheckInForm:
    return CheckInForm(data)


def _check_in(req: ActionRequest, data: dict[str, Any]) -> Event:
    return services.case_record_check_in(
        case=req.case,
        scope=req.scope,
        solved=data["check_in_solved"],
        score=data["check_in_score"],
        summary=data["check_in_summary"],
        at=req.now,
    )


def _check_in_context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    follow_up = offer.found
    if not isinstance(follow_up, FollowUp):
        return {}
    return {"due": follow_up.due, "asked_at": follow_up.asked_at}


PLAN = CaseAction(
    slug="nazorg-plannen",
    template="web/actions/follow_up_plan.html",
    form=_plan_form,
    check=services.case_plan_follow_up_check,
    execute=_plan,
    done=lambda req, follow_up: (
        f"Nazorg gepland: op {long_date(follow_up.due)} vragen we de indiener hoe het gaat."
    ),
)

CHECK_IN = CaseAction(
    slug="nazorg-check-in",
    template="web/actions/follow_up_check_in.html",
    form=_check_in_form,
    check=services.case_record_check_in_check,
    execute=_check_in,
    done=lambda req, event: (
        "Vastgelegd: opgelost. De zaak is gesloten."
        if event.payload.get("solved")
        else "Vastgelegd: niet opgelost. De zaak is heropend en staat weer in uw werkvoorraad."
    ),
    context=_check_in_context,
)
