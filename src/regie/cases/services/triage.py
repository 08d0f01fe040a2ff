"""Triage in the register (issue 9): the suggestion stored at intake, and a person's verdict.

The intake asks `regie.triage.suggest` and stores what it answers beside the case
(`TriageSuggestion`), in the intake's own transaction. The suggestion is shown, never
applied: the case keeps the domain, kind and urgency it came in with until someone confirms
(`case_confirm_triage`: the suggested domain and urgency) or corrects
(`case_correct_triage`: what the person chose). One exception, by the issue: an urgent
suggestion reaches the responsible team at once, on top of the worklist and by mail; for
debt help it proposes the Wgs crisis term, which a person confirms.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

import regie.triage as engine
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, EventType, TriageState, TriageSuggestion
from regie.cases.services.common import (
    CaseError,
    append_event,
    deadline_payload,
    lock_case,
    moments,
    require_handles,
    require_open,
    require_visible,
)
from regie.cases.services.routing import route_at_intake, route_payload
from regie.directory.selectors import all_topics
from regie.directory.wegwijzer.words import topic_index
from regie.notifications.outbox import outbox_send_after_commit, outbox_write
from regie.triage.suggestion import Suggestion
from regie.vocabulary import Domain, Kind, Status, Urgency

log = logging.getLogger(__name__)


def triage_ask(text: str) -> Suggestion | None:
    """The triage room's suggestion for `text`, with the directory's topic that fits it
    best, or None when it fails: a case is never lost for a suggestion (the intake
    registers it without one)."""
    try:
        return with_topic(engine.suggest(text, wait=False), text)
    except Exception:
        log.exception("Triage failed; the case is registered without a suggestion")
        return None


# A topic in the suggested domain is preferred over a slightly better one elsewhere: the
# domain weighs the whole text, a topic one phrase of it.
_SAME_DOMAIN_BONUS = 0.5
# At least one keyword itself (or inflected), not only part of a compound: "gemeentehuis"
# alone does not make a complaint about the municipality.
_LEAST_TOPIC_SCORE = 0.9


def with_topic(suggestion: Suggestion, text: str) -> Suggestion:
    """The suggestion with the directory topic whose names and keywords the text matches
    best (the wegwijzer's own matching: stems, phrases, parts of compounds), and why."""
    topics = all_topics()
    if not topics:
        return suggestion
    scores: dict[int, float] = {}
    quotes: dict[int, str] = {}
    for match in topic_index(topics.values()).matches(text):
        scores[match.topic_id] = scores.get(match.topic_id, 0.0) + match.score
        quotes.setdefault(match.topic_id, match.quote)
    scores = {pk: score for pk, score in scores.items() if score >= _LEAST_TOPIC_SCORE}
    if not scores:
        return suggestion

    def weight(pk: int) -> float:
        same = topics[pk].domain == suggestion.domain
        return scores[pk] + (_SAME_DOMAIN_BONUS if same else 0.0)

    best = max(scores, key=lambda pk: (weight(pk), -pk))
    topic = topics[best]
    reason = f"'{quotes[best]}': onderwerp {topic.name}"
    return replace(suggestion, topic=topic.slug, reasons=(*suggestion.reasons, reason))


def triage_row(case: Case, suggestion: Suggestion, at: dt.datetime) -> TriageSuggestion:
    """The stored form of `suggestion` for `case` (not yet saved)."""
    return TriageSuggestion(
        case=case,
        domain=suggestion.domain,
        domain_runner_up=suggestion.domain_runner_up,
        kind=suggestion.kind,
        topic=suggestion.topic,
        norm=suggestion.norm,
        urgent=suggestion.urgent,
        confidence=round(float(suggestion.confidence), 4),
        reasons=list(suggestion.reasons),
        urgent_reasons=list(suggestion.urgent_reasons),
        source=suggestion.source,
        created_at=at,
    )


def crisis_proposed(case: Case, triage: TriageSuggestion) -> bool:
    """Debt help with an urgent suggestion: the Wgs crisis term (three working days) is
    proposed for a person to confirm (Wgs art. 4 lid 1 sub b)."""
    return triage.urgent and Domain.SCHULDHULP in (case.domain, triage.domain)


def triaged_payload(case: Case, triage: TriageSuggestion) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "domain": triage.domain,
        "kind": triage.kind,
        "urgent": triage.urgent,
        "confidence": triage.confidence,
        "source": triage.source,
    }
    if triage.domain_runner_up:
        payload["domainRunnerUp"] = triage.domain_runner_up
    if triage.urgent_reasons:
        payload["urgentReasons"] = list(triage.urgent_reasons)
    if crisis_proposed(case, triage):
        payload["crisisProposed"] = True
    return payload


def triage_store_at_intake(
    case: Case, triage: TriageSuggestion, *, now: dt.datetime, send_at_once: bool
) -> int:
    """Inside the intake's transaction: store the suggestion and, when it is urgent, write
    the mail to the responsible team. The number of messages written."""
    triage.save(force_insert=True)
    if not triage.urgent:
        return 0
    return _mail_team(case, triage, now=now, send_at_once=send_at_once)


def _recipients(case: Case) -> list[str]:
    """The handling team's members (and its mailbox); without a team, the coordinators."""
    from regie.accounts.selectors import coordinators_of

    addresses: list[str] = []
    if case.handling_team_id is not None:
        users = (
            get_user_model()
            .objects.filter(is_active=True, memberships__team_id=case.handling_team_id)
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
        addresses = [u.email for u in users]
        team = case.handling_team
        if team is not None and team.email and team.email not in addresses:
            addresses.append(team.email)
    if not addresses:
        addresses = [u.email for u in coordinators_of(case.municipality_id)]
    return addresses


def _mail_team(
    case: Case, triage: TriageSuggestion, *, now: dt.datetime, send_at_once: bool
) -> int:
    base = (settings.REGIE_BASE_URL or "http://127.0.0.1:8000").rstrip("/")
    url = base + reverse("web:case", kwargs={"reference": case.reference})
    reasons = triage.urgent_reasons or triage.reasons
    lines = [
        f"Er is een nieuwe zaak binnengekomen die mogelijk spoed heeft: {case.reference}.",
        "",
        "Waarom Regie denkt dat het spoed kan zijn:",
        *(f"- {reason}" for reason in reasons),
        "",
        "Regie heeft de zaak niet zelf op spoed gezet. Kijk er vandaag naar en bevestig of",
        "pas het voorstel aan op de zaakpagina:",
        url,
    ]
    if crisis_proposed(case, triage):
        lines += [
            "",
            "Het gaat om schuldhulp. Bij een crisis moet het eerste gesprek binnen 3 werkdagen",
            "plaatsvinden (Wgs artikel 4). Bevestig spoed om die termijn te laten gelden.",
        ]
    written = 0
    for to in _recipients(case):
        email = outbox_write(
            purpose="triage-spoed",
            to=to,
            subject=f"Mogelijk spoed: {case.reference}",
            body="\n".join(lines) + "\n",
            now=now,
            case_id=case.pk,
            dedupe_key=f"triage-spoed:{case.pk}:{to}",
        )
        if send_at_once:
            outbox_send_after_commit(email)
        written += 1
    return written


def _open_triage(case: Case, field: str) -> TriageSuggestion:
    triage = TriageSuggestion.objects.filter(case=case).first()
    if triage is None:
        raise CaseError({field: "Deze zaak heeft geen triage-voorstel."})
    if triage.state != TriageState.OPEN:
        raise CaseError({field: "Het triage-voorstel is al beoordeeld."})
    return triage


def case_confirm_triage_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> TriageSuggestion:
    """An open case with a suggestion nobody judged yet, for whoever handles it."""
    require_handles(scope, case, "triage")
    require_open(case, "triage")
    return _open_triage(case, "triage")


def case_correct_triage_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> TriageSuggestion:
    """The same as confirming: the person decides either way."""
    require_handles(scope, case, "triage")
    require_open(case, "triage")
    return _open_triage(case, "triage")


def _apply(case: Case, *, domain: str, kind: str, urgent: bool, now: dt.datetime) -> dict[str, Any]:
    """Give `case` the domain, kind and urgency a person settled on, and bring the Wgs
    first-conversation term in line (the crisis term when urgent). What changed, for the
    event."""
    changes: dict[str, Any] = {}
    urgency = Urgency.SPOED if urgent else Urgency.NORMAAL
    fields = {"domain": domain, "kind": kind, "urgency": urgency}
    updates = {}
    for name, value in fields.items():
        before = getattr(case, name)
        if before != value:
            changes[name] = {"before": before, "after": value}
            setattr(case, name, value)
            updates[name] = value
    if updates:
        Case.objects.filter(pk=case.pk).update(**updates, updated_at=now)
    if "domain" in changes:
        route = _route_again(case, now=now)
        if route is not None:
            changes["route"] = route
    crisis = case.urgency == Urgency.SPOED
    current = case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION)
    if current is not None and current.met_at is None:
        if ("crisis" in current.options) != crisis:
            old, new = case_deadlines.recompute(current, crisis=crisis, now=now)
            changes["deadline"] = {"before": deadline_payload(old), "after": deadline_payload(new)}
    elif current is None and case.kind == Kind.HULPVRAAG and case.domain == Domain.SCHULDHULP:
        # Now a debt-help request: the Wgs term runs from receipt, as it would have at intake.
        due = case_deadlines.calc.compute_due(
            "wgs-eerste-gesprek",
            case.received_at,
            crisis=crisis,
            calendar=case_deadlines.atw_calendar(),
        )
        new = case_deadlines.start_term(case, case_deadlines.FIRST_CONVERSATION, due, now=now)
        changes["deadline"] = {"after": deadline_payload(new)}
    return changes


def _untouched(case: Case) -> bool:
    """Nobody has picked the case up yet: as it came in, with the party routing gave it."""
    return (
        case.status == Status.ONTVANGEN
        and case.handler_id is None
        and case.accepted_at is None
        and case.handovers == 0
    )


def _route_again(case: Case, *, now: dt.datetime) -> dict[str, Any] | None:
    """A person settled on another domain: a case nobody has picked up yet goes where the
    directory routes that domain, as it would have at intake (so not a hand-over, and not
    counted as one). A case someone already works on stays; the page offers the hand-over."""
    if not _untouched(case):
        return None
    route = route_at_intake(case)
    if route is None:
        return None
    team_id = route.team.pk if route.team else None
    organisation_id = route.organisation.pk if route.organisation else None
    if (team_id, organisation_id) == (case.handling_team_id, case.handling_organisation_id):
        return None
    before = {
        "teamName": case.handling_team.name if case.handling_team else "",
        "organisationName": case.handling_organisation.name if case.handling_organisation else "",
    }
    case.handling_team, case.handling_organisation = route.team, route.organisation
    Case.objects.filter(pk=case.pk).update(
        handling_team=route.team, handling_organisation=route.organisation, updated_at=now
    )
    return {"before": before, "after": route_payload(route)}


def case_confirm_triage(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> TriageSuggestion:
    """Klopt: the suggested domain and urgency apply (spoed when urgent; for debt help the
    crisis term). The kind stays what the submitter chose; to change it, correct instead."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        triage = case_confirm_triage_check(case=locked, scope=scope, at=at)
        changes = _apply(
            locked,
            domain=triage.domain,
            kind=locked.kind,
            urgent=triage.urgent or locked.urgency == Urgency.SPOED,
            now=now,
        )
        triage.state = TriageState.CONFIRMED
        triage.confirmed_by_id = scope.user_id
        triage.confirmed_at = at
        # What the confirmation settled on, for the training data (`cases.triage_data`).
        triage.chosen_domain = locked.domain
        triage.chosen_kind = locked.kind
        triage.chosen_urgent = locked.urgency == Urgency.SPOED
        triage.save(
            update_fields=[
                "state",
                "confirmed_by",
                "confirmed_at",
                "chosen_domain",
                "chosen_kind",
                "chosen_urgent",
            ]
        )
        append_event(locked, scope, EventType.TRIAGE_CONFIRMED, {"changes": changes}, at=at)
    case.domain, case.kind, case.urgency = locked.domain, locked.kind, locked.urgency
    return triage


def case_correct_triage(
    *,
    case: Case,
    scope: Scope,
    domain: str,
    kind: str,
    urgent: bool,
    at: dt.datetime | None = None,
) -> TriageSuggestion:
    """Aanpassen: the person's own domain, kind and urgency apply and are recorded beside
    the suggestion (training data)."""
    require_visible(scope, case)
    at, now = moments(at)
    errors: dict[str, str] = {}
    if domain not in Domain.values:
        errors["domain"] = "Kies een domein."
    if kind not in Kind.values:
        errors["kind"] = "Kies een soort."
    with transaction.atomic():
        locked = lock_case(case, scope)
        triage = case_correct_triage_check(case=locked, scope=scope, at=at)
        if errors:
            raise CaseError(errors)
        if kind != locked.kind and Kind.KLACHT in (kind, locked.kind):
            # A complaint has its own procedure, terms and reference (Awb 9:4); changing into
            # or out of one is not a triage correction.
            raise CaseError(
                {"kind": "Een klacht blijft een klacht, en een andere zaak wordt hier geen klacht."}
            )
        if kind != locked.kind and locked.status != Status.ONTVANGEN:
            # Each kind has its own workflow: once work started, the kind stays.
            raise CaseError(
                {
                    "kind": "De soort kan alleen worden aangepast zolang de zaak nog niet in "
                    "behandeling is."
                }
            )
        changes = _apply(locked, domain=domain, kind=kind, urgent=urgent, now=now)
        triage.state = TriageState.CORRECTED
        triage.confirmed_by_id = scope.user_id
        triage.confirmed_at = at
        triage.chosen_domain = domain
        triage.chosen_kind = kind
        triage.chosen_urgent = urgent
        triage.save(
            update_fields=[
                "state",
                "confirmed_by",
                "confirmed_at",
                "chosen_domain",
                "chosen_kind",
                "chosen_urgent",
            ]
        )
        append_event(
            locked,
            scope,
            EventType.TRIAGE_CORRECTED,
            {"domain": domain, "kind": kind, "urgent": urgent, "changes": changes},
            at=at,
        )
    case.domain, case.kind, case.urgency = locked.domain, locked.kind, locked.urgency
    return triage
