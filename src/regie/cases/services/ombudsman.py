"""The ombudsman (Awb section 9.2): the complainant went to the ombudsman after the
municipality handled the complaint; what the ombudsman found and recommended is recorded,
with how the municipality will follow it up (the organ says how it follows recommendations).

`case_refer_to_ombudsman` is the step to "bij de ombudsman" (from afgehandeld, nazorg or
gesloten, per `cases.workflow`); `case_record_ombudsman_outcome` records the outcome. The
dossier the ombudsman gets is `regie.documents.dossier`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from regie.accounts.scope import Scope
from regie.cases.models import Case, EventType, OmbudsmanReferral
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    lock_case,
    moments,
    raise_if,
    require_may_handle,
    require_move,
    require_visible,
    staff_text,
    text_problem,
)
from regie.vocabulary import Judgement, Status

# OmbudsmanReferral's columns.
OMBUDSMAN_NAME = 200
THEIR_REFERENCE = 100


def case_refer_to_ombudsman_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> str:
    """Municipal staff record that a concluded complaint went to the ombudsman. Returns the
    municipality's ombudsman, the default."""
    require_may_handle(scope)
    require_move(case, Status.BIJ_OMBUDSMAN)
    return case.municipality.ombudsman_name


def case_refer_to_ombudsman(
    *,
    case: Case,
    scope: Scope,
    ombudsman: str = "",
    their_reference: str = "",
    at: dt.datetime | None = None,
) -> OmbudsmanReferral:
    """The complaint is with the ombudsman (by default the municipality's own) from `at`:
    the case moves to "bij de ombudsman" with one OMBUDSMAN_REFERRED event."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        default = case_refer_to_ombudsman_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        ombudsman = (ombudsman or "").strip() or default
        if problem := text_problem(ombudsman, OMBUDSMAN_NAME):
            errors["ombudsman"] = problem
        their_reference = (their_reference or "").strip()
        if problem := text_problem(their_reference, THEIR_REFERENCE):
            errors["their_reference"] = problem
        raise_if(errors)
        check_moment(at, locked, "at", now)
        latest = locked.events.order_by("-at").values_list("at", flat=True).first()
        if latest is not None and at < latest:
            raise CaseError({"at": "Deze stap ligt vóór de laatste gebeurtenis op de tijdlijn."})
        before = locked.status
        locked.status = Status.BIJ_OMBUDSMAN
        locked.save(update_fields=["status", "updated_at"])
        referral = OmbudsmanReferral.objects.create(
            case=locked, ombudsman=ombudsman, referred_at=at, their_reference=their_reference
        )
        append_event(
            locked,
            scope,
            EventType.OMBUDSMAN_REFERRED,
            {
                "referral": referral.pk,
                "ombudsman": ombudsman,
                "theirReference": their_reference,
                "from": before,
                "to": Status.BIJ_OMBUDSMAN.value,
            },
            at=at,
        )
    return referral


def open_referral(case: Case) -> OmbudsmanReferral | None:
    """The latest referral whose outcome is not recorded yet."""
    latest = case.ombudsman_referrals.order_by("-referred_at", "-pk").first()
    if latest is None or latest.outcome_at is not None:
        return None
    return latest


def case_record_ombudsman_outcome_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> OmbudsmanReferral:
    """Municipal staff record the ombudsman's outcome once per referral, also when the case
    was closed or reopened meanwhile. Returns the referral."""
    require_may_handle(scope)
    referral = open_referral(case)
    if referral is None:
        if case.ombudsman_referrals.exists():
            raise CaseError({"status": "Het oordeel van de ombudsman is al vastgelegd."})
        raise CaseError({"status": "Deze zaak ligt niet bij de ombudsman."})
    return referral


def case_record_ombudsman_outcome(
    *,
    case: Case,
    scope: Scope,
    judgement: str,
    findings: str,
    recommendations: str = "",
    response: str = "",
    at: dt.datetime | None = None,
) -> OmbudsmanReferral:
    """What the ombudsman found (`findings`), its judgement and recommendations, and how the
    municipality follows them up (`response`): one OMBUDSMAN_OUTCOME event."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        referral = case_record_ombudsman_outcome_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        if judgement not in Judgement.values:
            errors["judgement"] = "Kies het oordeel van de ombudsman."
        findings = staff_text(
            errors, "findings", findings, required="Schrijf kort op wat de ombudsman vond."
        )
        recommendations = staff_text(errors, "recommendations", recommendations, required="")
        response = staff_text(
            errors,
            "response",
            response,
            required=(
                "Schrijf op wat de gemeente met de aanbevelingen doet." if recommendations else ""
            ),
        )
        raise_if(errors)
        check_moment(at, locked, "at", now)
        if at < referral.referred_at:
            raise CaseError({"at": "Dit tijdstip ligt vóór de verwijzing naar de ombudsman."})
        referral.judgement = judgement
        referral.findings = findings
        referral.recommendations = recommendations
        referral.response = response
        referral.outcome_at = at
        referral.save(
            update_fields=["judgement", "findings", "recommendations", "response", "outcome_at"]
        )
        locked.save(update_fields=["updated_at"])
        append_event(
            locked,
            scope,
            EventType.OMBUDSMAN_OUTCOME,
            {
                "referral": referral.pk,
                "ombudsman": referral.ombudsman,
                "judgement": judgement,
                "findings": findings,
                "recommendations": recommendations,
                "response": response,
            },
            at=at,
        )
    return referral
