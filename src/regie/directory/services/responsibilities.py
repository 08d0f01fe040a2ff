"""Who is responsible for what in a municipality: who helps, who handles complaints, where a
complaint can escalate, and how far the municipality keeps outsourced work in view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from regie import limits
from regie.directory.models import Municipality, Organisation, Responsibility, Team, Topic
from regie.directory.services import history
from regie.directory.services.common import (
    NAME,
    Check,
    DirectoryError,
    Editor,
    Saved,
    locked,
    moment,
    require,
)
from regie.vocabulary import OUTSOURCED_KINDS, Domain, Oversight

FIELDS = (
    "domain",
    "topic",
    "help_team",
    "help_organisation",
    "complaint_team",
    "complaint_organisation",
    "escalation_team",
    "what_happens",
    "oversight",
    "decision_reference",
    "decision_date",
)
TAKEN = "Voor dit onderwerp is al vastgelegd wie verantwoordelijk is."
DOMAIN_TAKEN = "Voor dit domein als geheel is al vastgelegd wie verantwoordelijk is."


@dataclass(frozen=True)
class ResponsibilityValues:
    """What a responsibility says, as the form (or an importer) hands it in."""

    domain: str
    topic: Topic | None = None
    help_team: Team | None = None
    help_organisation: Organisation | None = None
    complaint_team: Team | None = None
    complaint_organisation: Organisation | None = None
    escalation_team: Team | None = None
    support: tuple[Organisation, ...] = ()
    what_happens: str = ""
    oversight: str = ""
    decision_reference: str = ""
    decision_date: dt.date | None = None

    def columns(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


def _one_of(
    check: Check, team_field: str, organisation_field: str, v: ResponsibilityValues
) -> None:
    team, organisation = getattr(v, team_field), getattr(v, organisation_field)
    if team is None and organisation is None:
        who = "wie helpt" if team_field == "help_team" else "wie klachten behandelt"
        check.fail(team_field, f"Kies {who}: een team of een organisatie.")
    elif team is not None and organisation is not None:
        check.fail(organisation_field, "Kies een team óf een organisatie, niet allebei.")


def _team_fits(
    check: Check, field: str, team: Team | None, municipality: Municipality, domain: str
) -> None:
    """A team of this municipality that works in the domain: its members see only cases in
    their team's domains, so anything routed to another team would vanish from view."""
    if team is None:
        return
    if team.municipality_id != municipality.pk:
        check.fail(field, f"Kies een team van {municipality.name}.")
    elif domain in Domain.values and domain not in team.domains:
        check.fail(
            field,
            f"Dit team werkt niet in het domein {Domain(domain).label}. Kies een ander team, "
            "of voeg het domein toe bij het team.",
        )


def _serves(organisation: Organisation, municipality: Municipality) -> bool:
    return organisation.municipalities.filter(pk=municipality.pk).exists()


def _organisation_fits(
    check: Check,
    field: str,
    organisation: Organisation | None,
    municipality: Municipality,
    domain: str,
) -> None:
    if organisation is None:
        return
    if not _serves(organisation, municipality):
        check.fail(field, f"{organisation.name} werkt niet voor {municipality.name}.")
    elif domain in Domain.values and domain not in organisation.domains:
        check.fail(field, f"{organisation.name} werkt niet in het domein {Domain(domain).label}.")


def _who(check: Check, municipality: Municipality, v: ResponsibilityValues) -> None:
    _one_of(check, "help_team", "help_organisation", v)
    _one_of(check, "complaint_team", "complaint_organisation", v)
    for field in ("help_team", "complaint_team", "escalation_team"):
        _team_fits(check, field, getattr(v, field), municipality, v.domain)
    for field in ("help_organisation", "complaint_organisation"):
        _organisation_fits(check, field, getattr(v, field), municipality, v.domain)
    for organisation in v.support:
        if not _serves(organisation, municipality):
            check.fail("support", f"{organisation.name} werkt niet voor {municipality.name}.")


def _oversight(check: Check, v: ResponsibilityValues, today: dt.date) -> str:
    """The oversight level and the decision it rests on; returns the decision reference."""
    if v.oversight:
        check.choice(
            "oversight", v.oversight, Oversight, "Kies een niveau van toezicht uit de lijst."
        )
    outsourced = any(
        o is not None and o.kind in OUTSOURCED_KINDS
        for o in (v.help_organisation, v.complaint_organisation)
    )
    if outsourced and not v.oversight:
        check.fail("oversight", "Kies hoe ver de gemeente dit uitbestede werk in beeld houdt.")
    # The council or the college decides the level (DESIGN.md point 2): without the decision
    # it rests on, nobody can later tell why it is what it is.
    reference = check.text(
        "decision_reference",
        v.decision_reference,
        limit=NAME,
        required="Vul het kenmerk in van het besluit over het toezicht." if v.oversight else "",
    )
    if v.oversight and v.decision_date is None:
        check.fail("decision_date", "Vul de datum van het besluit in.")
    if v.decision_date is not None and v.decision_date > today:
        check.fail("decision_date", "Deze datum ligt in de toekomst.")
    return reference


def _checked(
    check: Check,
    municipality: Municipality,
    v: ResponsibilityValues,
    *,
    today: dt.date,
    existing: Responsibility | None,
) -> ResponsibilityValues:
    check.choice("domain", v.domain, Domain, "Kies een domein.")
    if v.topic is not None and check.ok("domain") and v.topic.domain != v.domain:
        check.fail("topic", f"Dit onderwerp hoort bij het domein {Domain(v.topic.domain).label}.")
    same = Responsibility.objects.filter(municipality=municipality, domain=v.domain, topic=v.topic)
    if existing is not None:
        same = same.exclude(pk=existing.pk)
    if check.ok("topic") and same.exists():
        check.fail("topic", TAKEN if v.topic else DOMAIN_TAKEN)
    _who(check, municipality, v)
    what_happens = check.text("what_happens", v.what_happens, limit=limits.STAFF_TEXT)
    reference = _oversight(check, v, today)
    return replace(
        v,
        what_happens=what_happens,
        decision_reference=reference,
        support=tuple(sorted(set(v.support), key=lambda o: o.name)),
    )


def _support_change(
    responsibility: Responsibility | None, support: tuple[Organisation, ...]
) -> list[history.FieldChange]:
    old = set(responsibility.support.all()) if responsibility is not None else set()
    if old == set(support):
        return []
    return [history.field_change(Responsibility._meta.get_field("support"), old, set(support))]


def responsibility_add(
    *,
    municipality: Municipality,
    by: Editor,
    values: ResponsibilityValues,
    at: dt.datetime | None = None,
) -> Saved[Responsibility]:
    require(by, Responsibility(municipality=municipality))
    when = moment(at)
    check = Check()
    clean = _checked(check, municipality, values, today=timezone.localdate(when), existing=None)
    check.done()
    try:
        with transaction.atomic():
            row = Responsibility.objects.create(municipality=municipality, **clean.columns())
            row.support.set(clean.support)
            support = _support_change(None, clean.support)
            return history.created(row, FIELDS, by=by, at=when, extra=support)
    except IntegrityError as exc:  # the same topic, added by someone else a moment ago
        raise DirectoryError({"topic": TAKEN}) from exc


def responsibility_update(
    *,
    responsibility: Responsibility,
    by: Editor,
    values: ResponsibilityValues,
    at: dt.datetime | None = None,
) -> Saved[Responsibility]:
    require(by, responsibility)
    when = moment(at)
    check = Check()
    try:
        with transaction.atomic():
            current = locked(responsibility)
            require(by, current)
            clean = _checked(
                check,
                current.municipality,
                values,
                today=timezone.localdate(when),
                existing=current,
            )
            check.done()
            support = _support_change(current, clean.support)
            saved = history.update(current, clean.columns(), by=by, at=when, extra=support)
            if support:
                current.support.set(clean.support)
            return saved
    except IntegrityError as exc:  # the same topic, saved by someone else a moment ago
        raise DirectoryError({"topic": TAKEN}) from exc
