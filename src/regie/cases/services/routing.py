"""Who holds a case: routing at intake from the directory's responsibilities, and every
hand-over after it (to another team, to a provider or GR, or back to the municipality).

Routing at intake is not a hand-over; every later change of the responsible party is, and is
counted on the case: twice or more is ping-pong, flagged as bounced (DESIGN.md: residents
fall between two stools when nobody owns their problem).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from regie import limits
from regie.accounts.scope import Scope
from regie.cases.models import Case, EventType
from regie.cases.services.common import (
    append_event,
    check_moment,
    lock_case,
    moments,
    raise_if,
    require_may_handle,
    require_open,
    require_visible,
    text_problem,
)
from regie.directory.models import Organisation, Team
from regie.directory.selectors import organisation_serves, oversight_of, responsibility_for
from regie.vocabulary import OUTSOURCED_KINDS, Kind, Oversight


@dataclass(frozen=True)
class Route:
    team: Team | None
    organisation: Organisation | None
    reason: str


def route_at_intake(case: Case) -> Route | None:
    """Where a new case goes, from the responsibilities of its municipality and domain.

    A complaint goes to the municipality's own complaint handling, also when it is about a
    provider: a person there decides, with the resident, whether it goes to the provider's
    own scheme; it is never sent to the party it is about without that. What a provider or
    GR registers itself stays with it.
    """
    source = case.source_organisation
    if source is not None and case.about_id == source.pk:
        return Route(None, source, f"{source.name} heeft dit zelf vastgelegd en behandelt het.")
    found = responsibility_for(case.municipality_id, case.domain)
    if found is None:
        return None
    what = found.topic.name if found.topic else found.get_domain_display()
    if case.kind == Kind.KLACHT:
        team = found.complaint_team if case.about is None else None
        team = team or found.escalation_team or found.complaint_team
        if team is None:
            return None
        return Route(team, None, f"Klachten over {what.lower()} behandelt {team.name}.")
    if found.help_organisation is not None:
        org = found.help_organisation
        return Route(None, org, f"{org.name} doet {what.lower()} voor de gemeente.")
    if found.help_team is not None:
        return Route(found.help_team, None, f"{what} hoort bij {found.help_team.name}.")
    return None


def route_payload(route: Route) -> dict[str, Any]:
    return {
        "team": route.team.pk if route.team else None,
        "teamName": route.team.name if route.team else "",
        "organisation": route.organisation.slug if route.organisation else None,
        "organisationName": route.organisation.name if route.organisation else "",
        "reason": route.reason,
    }


def _party(case: Case) -> dict[str, Any]:
    return {
        "team": case.handling_team_id,
        "teamName": case.handling_team.name if case.handling_team else "",
        "organisation": case.handling_organisation.slug if case.handling_organisation else None,
        "organisationName": case.handling_organisation.name if case.handling_organisation else "",
    }


def case_hand_over_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Municipal staff hand an open case over; a provider or GR never moves a case to a
    municipal team (it can give it back, see `case_give_back`)."""
    require_may_handle(scope)
    require_open(case, "status")


def case_hand_over(
    *,
    case: Case,
    scope: Scope,
    reason: str,
    team: Team | None = None,
    organisation: Organisation | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Give the case to another team of the municipality, or forward it to a provider or GR
    (the case stays in the municipal register; the organisation must accept it). The handler
    is cleared: the new party decides who picks it up."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_hand_over_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        if (team is None) == (organisation is None):
            errors["team"] = "Kies een team of een organisatie."
        elif team is not None and team.municipality_id != locked.municipality_id:
            errors["team"] = "Dit team hoort niet bij de gemeente van deze zaak."
        elif (
            team is not None
            and team.pk == locked.handling_team_id
            and not (locked.handling_organisation_id)
        ):
            errors["team"] = "De zaak ligt al bij dit team."
        elif organisation is not None and (
            organisation.kind not in OUTSOURCED_KINDS
            or not organisation_serves(organisation, locked.municipality_id)
        ):
            errors["organisation"] = "Deze organisatie werkt niet voor de gemeente van deze zaak."
        elif organisation is not None and organisation.pk == locked.handling_organisation_id:
            errors["organisation"] = "De zaak ligt al bij deze organisatie."
        reason = reason.strip()
        problem = text_problem(reason, limits.STAFF_TEXT, required="Schrijf op waarom.")
        if problem:
            errors["reason"] = problem
        raise_if(errors)
        check_moment(at, locked, "at", now)
        before = _party(locked)
        if team is not None:
            locked.handling_team = team
            locked.handling_organisation = None
        else:
            locked.handling_organisation = organisation
        locked.handler = None
        locked.accepted_at = None
        locked.handovers += 1
        locked.save(
            update_fields=[
                "handling_team",
                "handling_organisation",
                "handler",
                "accepted_at",
                "handovers",
                "updated_at",
            ]
        )
        append_event(
            locked,
            scope,
            EventType.HANDED_OVER,
            {"before": before, "after": _party(locked), "reason": reason, "by": "gemeente"},
            at=at,
        )
    return locked


def summary_only_for(municipality_id: int, domain: str, organisation: Organisation) -> bool:
    """Whether the council or college agreed to see this organisation's own cases in this
    domain only as counts and themes (oversight level "samenvatting"), or not at all."""
    return oversight_of(municipality_id, domain, organisation) in (
        Oversight.SAMENVATTING,
        Oversight.GEEN,
    )
