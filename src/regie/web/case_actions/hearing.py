"""Horen (Awb 9:10): invite the complainant to be heard, record that they were heard with a
short report, or record the ground of 9:10 lid 2 not to hear them
(`services.case_offer_hearing`, `case_record_hearing`, `case_skip_hearing`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import dateparse, timezone

from regie import limits
from regie.cases import services
from regie.cases.models import Case, Event, EventType
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, long_date
from regie.vocabulary import HearingSkipGround

# ----- Horen aanbieden ------------------------------------------------------------------------


class OfferHearingForm(ActionForm):
    section_id = "horen-aanbieden"
    service_fields = {
        "planned_at": "hearing_date",
        "place": "hearing_place",
        "at": "hearing_date",
    }

    hearing_date = formkit.DateField(
        label="Datum van het gesprek", required_message="Vul de datum van het gesprek in."
    )
    hearing_time = formkit.TimeField(
        label="Tijd van het gesprek", required_message="Vul de tijd van het gesprek in."
    )
    hearing_place = forms.CharField(
        label="Plaats",
        help_text="Bijvoorbeeld: Stadhuis, Markt 1, spreekkamer 2. Laat leeg als het gesprek "
        "telefonisch is.",
        required=False,
        max_length=limits.POSTAL_ADDRESS,
        widget=formkit.text_input(),
        error_messages={
            "max_length": f"Schrijf hooguit {limits.dutch_number(limits.POSTAL_ADDRESS)} tekens."
        },
    )
    hearing_by_phone = forms.BooleanField(
        label="Het gesprek is telefonisch", required=False, widget=formkit.checkbox()
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["planned_at"] = self.moment(data, "hearing_date", "hearing_time")
        return data


def _offer(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_offer_hearing(
        case=req.case,
        scope=req.scope,
        planned_at=data["planned_at"],
        place=data.get("hearing_place", ""),
        by_phone=bool(data.get("hearing_by_phone")),
        at=req.now,
    )


def _offered(req: ActionRequest, case: Case) -> str:
    event = case.events.filter(type=EventType.HEARING_OFFERED).order_by("-at", "-pk").first()
    planned = dateparse.parse_datetime(str(event.payload.get("plannedAt") or "")) if event else None
    when = ""
    if planned is not None:
        moment = timezone.localtime(planned)
        when = f" op {long_date(moment.date())} om {moment:%H:%M} uur"
    return (
        f"De uitnodiging om gehoord te worden{when} staat in de tijdlijn. Stuur de indiener "
        "de uitnodiging."
    )


OFFER = CaseAction(
    slug="horen-aanbieden",
    template="web/actions/hearing_offer.html",
    form=lambda req, data: OfferHearingForm(data),
    check=services.case_offer_hearing_check,
    execute=_offer,
    done=_offered,
)


# ----- Horen vastleggen -----------------------------------------------------------------------


class RecordHearingForm(ActionForm):
    section_id = "horen-vastleggen"
    service_fields = {"held_on": "heard_on", "report": "hearing_report", "at": "heard_on"}

    heard_on = formkit.DateField(
        label="Datum van het gesprek",
        initial=formkit.today,
        required_message="Vul de datum in waarop de indiener is gehoord.",
    )
    hearing_report = formkit.staff_text(
        label="Verslag van het horen",
        help_text="Wat de indiener en wie het betreft hebben gezegd. Dit verslag gaat naar de "
        "indiener (Awb artikel 9:10).",
        required="Schrijf kort op wat er bij het horen is gezegd.",
        rows=6,
    )


def _record(req: ActionRequest, data: dict[str, Any]) -> Event:
    return services.case_record_hearing(
        case=req.case,
        scope=req.scope,
        held_on=data["heard_on"],
        report=data["hearing_report"],
        at=req.now,
    )


RECORD = CaseAction(
    slug="horen-vastleggen",
    template="web/actions/hearing_record.html",
    form=lambda req, data: RecordHearingForm(data),
    check=services.case_record_hearing_check,
    execute=_record,
    done=lambda req, event: (
        "Het horen en het verslag staan in de tijdlijn. Stuur de indiener het verslag."
    ),
)


# ----- Afzien van horen -----------------------------------------------------------------------


class SkipHearingForm(ActionForm):
    section_id = "horen-overslaan"
    service_fields = {"ground": "skip_ground", "explanation": "skip_explanation"}

    skip_ground = forms.ChoiceField(
        label="Waarom wordt de indiener niet gehoord?",
        choices=HearingSkipGround.choices,
        widget=formkit.radios(),
        error_messages={
            "required": "Kies de reden uit de wet.",
            "invalid_choice": "Kies een van de redenen uit de wet.",
        },
    )
    skip_explanation = formkit.staff_text(
        label="Toelichting",
        help_text="Bijvoorbeeld wanneer de indiener liet weten niet gehoord te willen worden.",
        required="Schrijf op waarom de indiener niet wordt gehoord.",
    )


def _skip(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_skip_hearing(
        case=req.case,
        scope=req.scope,
        ground=data["skip_ground"],
        explanation=data["skip_explanation"],
        at=req.now,
    )


SKIP = CaseAction(
    slug="horen-overslaan",
    template="web/actions/hearing_skip.html",
    form=lambda req, data: SkipHearingForm(data),
    check=services.case_skip_hearing_check,
    execute=_skip,
    done=lambda req, case: (
        f"Vastgelegd waarom de indiener van {case.reference} niet wordt gehoord. De klacht kan "
        "nu worden afgehandeld."
    ),
)
