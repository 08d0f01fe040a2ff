"""Retention: when a closed case's term (retention_rules.py, LEGAL.md §6) has passed, its
personal data and free text go; what every figure counts stays (kind, domain, channel, topic,
municipality, organisation, team, dates, deadlines, status, outcome, judgements' outcomes,
counts), so the annual report and the dashboards do not change. A legal hold keeps a case
whole; every anonymised case leaves a `Destruction` row without personal data.

Writes, one function per change:
  legal_hold_set / legal_hold_lift   only the privacy officer of the case's municipality (or a
                                     superuser); recorded in the audit log with the reason
  retention_run(now=, dry_run=)      what has expired: listed (dry run) or anonymised
  retention_run_daily(now=)          the tick's call: at most once a day, a bounded batch

What anonymising does is listed per table in `INVENTORY`; a test fails when a table that
points at a case is missing there, so a new table needs a decision.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from regie import limits
from regie.accounts.models import CaseGrant
from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import municipality_ids_in_roles
from regie.cases.models import (
    Attachment,
    Case,
    ComplaintJudgement,
    Escalation,
    Event,
    FollowUp,
    OmbudsmanReferral,
    TriageSuggestion,
)
from regie.cases.services import CaseError, PermissionRefused
from regie.notifications.models import OutboundEmail
from regie.privacy.models import AccessLog, Destruction
from regie.privacy.retention_rules import CaseFacts, Schedule, Term, add_years, parse_overrides
from regie.privacy.services import access_record
from regie.vocabulary import CLOSED_STATUSES, Role

# What replaces a free text that a form or letter still expects to find.
MARKER = "[verwijderd na bewaartermijn]"

# Every table with a link to a case, and what retention does to it. Keys are model labels.
INVENTORY: dict[str, str] = {
    "cases.Case": "naam, e-mail, telefoon, adres, BSN en persoonssleutel, namens wie, "
    "onderwerp en omschrijving weg; de statuslink werkt niet meer; de medewerker over wie de "
    "klacht ging losgekoppeld",
    "cases.Event": "vrije tekst in de gegevens van elke gebeurtenis weg; soort, moment, "
    "wie (medewerker) en codes (status, uitkomst, grond) blijven",
    "cases.CaseDeadline": "blijft: termijnen en hun uitleg zijn wettelijke tekst",
    "cases.IdempotencyRecord": "blijft: de sleutel van een koppeling, geen persoonsgegeven",
    "cases.QueuedIntake": "het verzoek is al gewist zodra de zaak geregistreerd of afgewezen "
    "is, de rij zelf 30 dagen later (tick); tot dan blijven sleutel, moment en kenmerk",
    "cases.ComplaintJudgement": "onderdeel, motivering en maatregelen weg; oordeel en norm blijven",
    "cases.Escalation": "reden en uitzondering weg; niveau, data en kosten blijven",
    "cases.OmbudsmanReferral": "kenmerk, bevindingen, aanbevelingen en reactie weg; oordeel blijft",
    "cases.FollowUp": "toelichting van de inwoner weg; score en 'opgelost' blijven",
    "cases.Attachment": "verwijderd (bestand en rij)",
    "cases.TriageSuggestion": "redenen (woorden uit de tekst) weg; voorstel en oordeel blijven",
    "documents.Letter": "onderwerp, tekst, ontvanger en pdf weg; soort en moment blijven",
    "notifications.OutboundEmail": "adres, onderwerp, tekst en foutmelding weg; een e-mail die "
    "nog wachtte gaat niet meer",
    "accounts.CaseGrant": "reden weg",
    "privacy.AccessLog": "reden weg (door een medewerker getypt, kan een naam bevatten); wie, "
    "wanneer, waarom (scherm) blijven",
    "learning.Investigation": "blijft: gaat over veel zaken; bevindingen zijn samenvattingen",
    "learning.ReviewItem": "notitie van de beoordelaar weg; oordeel blijft",
    "reporting.CaseStory": "een vrijgegeven verhaal blijft (ontdaan van personen en door een "
    "mens goedgekeurd); een concept of ingetrokken verhaal: tekst weg",
}

# Keys in an Event's payload whose string values are codes, ids or moments the timeline, the
# scorecards and the figures read (status, outcome, refusal ground, organisation slug). A
# value is only kept when it also looks like a code or a date; anything else is replaced.
_CODE_KEYS = frozenset(
    {
        "status", "to", "from", "kind", "domain", "channel", "urgency", "outcome", "ground",
        "level", "previousLevel", "judgement", "norm", "regime", "type", "by", "team",
        "organisation", "filedAs", "procedure", "source", "due", "at", "until", "received",
        "plannedAt", "heldOn", "heldAt", "noticeSentOn", "noticeDue", "decision", "contentType",
        "deadline", "field", "options", "reopened", "start",
    }
)  # fmt: skip
# Keys whose strings are Regie's own wording or staff and organisation names, never typed by or
# about the resident: labels, the ombudsman's institution, who handled it.
_OWN_WORDING_KEYS = frozenset(
    {
        "label", "groundLabel", "legalBasis", "organisationName", "teamName",
        "ombudsman", "handlerName", "assignedToName", "decidedByName",
    }
)  # fmt: skip
_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?$")


@dataclass(frozen=True)
class Expired:
    case_id: int
    reference: str
    municipality_id: int
    kind: str
    domain: str
    term: Term
    closed_at: dt.datetime

    @property
    def expired_at(self) -> dt.datetime:
        return self.term.expires_at(self.closed_at)


@dataclass
class RetentionReport:
    now: dt.datetime
    dry_run: bool
    cases: list[Expired] = field(default_factory=list)
    # Cases another process had locked (it is anonymising them) or that changed meanwhile.
    skipped: int = 0
    # Whether the batch was full: more may have expired.
    more: bool = False

    @property
    def count(self) -> int:
        return len(self.cases)


# ── Legal hold ────────────────────────────────────────────────────────────────────────────


def legal_hold_check(*, user: User, case: Case) -> None:
    """Only the privacy officer of the case's municipality, or a superuser."""
    if not user.is_active:
        raise PermissionRefused()
    if user.is_superuser:
        return
    if case.municipality_id not in municipality_ids_in_roles(user, [Role.PRIVACY]):
        raise PermissionRefused()


def _reason_checked(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CaseError({"reason": "Schrijf op waarom."})
    if len(reason) > limits.STAFF_TEXT:
        raise CaseError({"reason": f"Gebruik hoogstens {limits.STAFF_TEXT} tekens."})
    return reason


def legal_hold_set(*, user: User, case: Case, reason: str, at: dt.datetime | None = None) -> Case:
    """Keep `case` whole past its term until the hold is lifted (a court case, a request of the
    archive). The case itself is not changed otherwise; the audit log records who and why."""
    legal_hold_check(user=user, case=case)
    reason = _reason_checked(reason)
    at = at or timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.anonymised_at is not None:
            raise CaseError({"legal_hold": "Deze zaak is al geanonimiseerd na de bewaartermijn."})
        if locked.legal_hold:
            raise CaseError({"legal_hold": "Deze zaak is al geblokkeerd voor vernietiging."})
        # The register's write path is cases.services; the legal hold is the privacy
        # officer's own fact and lives here, beside the run that must respect it.
        Case.objects.filter(pk=locked.pk).update(
            legal_hold=True, legal_hold_reason=reason, legal_hold_by=user, legal_hold_at=at
        )
        access_record(
            case=locked,
            scope=scope_for_user(user),
            action=AccessLog.Action.CHANGED,
            purpose="Bewaartermijn: zaak geblokkeerd voor vernietiging",
            reason=reason,
            at=at,
        )
    locked.refresh_from_db()
    return locked


def legal_hold_lift(*, user: User, case: Case, reason: str, at: dt.datetime | None = None) -> Case:
    """End the hold: from now on the case follows its term again (and goes at the next run if
    that term has passed)."""
    legal_hold_check(user=user, case=case)
    reason = _reason_checked(reason)
    at = at or timezone.now()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not locked.legal_hold:
            raise CaseError({"legal_hold": "Deze zaak is niet geblokkeerd voor vernietiging."})
        Case.objects.filter(pk=locked.pk).update(
            legal_hold=False, legal_hold_reason="", legal_hold_by=None, legal_hold_at=None
        )
        access_record(
            case=locked,
            scope=scope_for_user(user),
            action=AccessLog.Action.CHANGED,
            purpose="Bewaartermijn: blokkade voor vernietiging opgeheven",
            reason=reason,
            at=at,
        )
    locked.refresh_from_db()
    return locked


def officer_municipality_ids(user: User) -> frozenset[int] | None:
    """The municipalities whose retention `user` looks after: where they are privacy officer;
    None means every one (a superuser)."""
    if not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    return municipality_ids_in_roles(user, [Role.PRIVACY])


def case_for_hold(user: User, reference: str) -> Case | None:
    """The case with this reference if `user` may put it on hold or lift its hold; None for a
    reference that does not exist and for one elsewhere alike, so the answer tells nothing."""
    ids = officer_municipality_ids(user)
    cases = Case.objects.filter(reference=reference.strip().upper())
    if ids is not None:
        cases = cases.filter(municipality_id__in=ids)
    return cases.first()


@dataclass(frozen=True)
class Held:
    reference: str
    municipality: str
    reason: str
    by: str
    at: dt.datetime | None


def held_cases(municipality_ids: frozenset[int] | None) -> list[Held]:
    """The cases on legal hold, by reference (no personal data of the resident)."""
    cases = Case.objects.filter(legal_hold=True).select_related("municipality", "legal_hold_by")
    if municipality_ids is not None:
        cases = cases.filter(municipality_id__in=municipality_ids)
    return [
        Held(
            reference=case.reference,
            municipality=case.municipality.name,
            reason=case.legal_hold_reason,
            by=(case.legal_hold_by.get_full_name() or case.legal_hold_by.username)
            if case.legal_hold_by
            else "",
            at=case.legal_hold_at,
        )
        for case in cases.order_by("legal_hold_at", "pk")
    ]


# ── What has expired ──────────────────────────────────────────────────────────────────────


def schedule() -> Schedule:
    return Schedule(parse_overrides(settings.REGIE_RETENTION_YEARS))


def _closed_cases() -> QuerySet[Case]:
    """Closed cases not yet anonymised and not on hold."""
    return Case.objects.filter(
        status__in=sorted(s.value for s in CLOSED_STATUSES),
        anonymised_at__isnull=True,
        legal_hold=False,
    )


def _expired(
    rules: Schedule, now: dt.datetime, cases: QuerySet[Case], limit: int | None
) -> Iterator[Expired]:
    """The expired ones among `cases`, oldest closure first. The closure moment is the last
    thing that happened to the case (a case closed after follow-up counts from that last
    step, not from its first conclusion; a letter sent after closing moves it on too)."""
    shortest = min(rule.years for rule in rules.rules.values())
    threshold = add_years(now, -shortest)
    rows = (
        # The closure is never before the conclusion: this narrows the groups to count on the
        # concluded-at index before the events are read.
        cases.filter(Q(concluded_at__isnull=True) | Q(concluded_at__lte=threshold))
        .annotate(
            closed=Coalesce(Max("events__at"), "concluded_at"),
            ombudsman=Exists(OmbudsmanReferral.objects.filter(case=OuterRef("pk"))),
        )
        .filter(closed__isnull=False, closed__lte=threshold)
        .order_by("closed", "pk")
        .values_list(
            "pk",
            "reference",
            "municipality_id",
            "kind",
            "domain",
            "status",
            "outcome",
            "ombudsman",
            "closed",
        )
    )
    found = 0
    for (
        pk,
        reference,
        municipality_id,
        kind,
        domain,
        status,
        outcome,
        ombudsman,
        closed,
    ) in rows.iterator(chunk_size=2000):
        facts = CaseFacts(kind, domain, status, outcome, bool(ombudsman))
        term = rules.term_for(facts)
        if now < term.expires_at(closed):
            continue
        yield Expired(pk, reference, municipality_id, kind, domain, term, closed)
        found += 1
        if limit is not None and found >= limit:
            return


def retention_run(
    *,
    now: dt.datetime,
    dry_run: bool,
    limit: int | None = None,
    municipality_id: int | None = None,
    by: str = "dagelijkse taak",
) -> RetentionReport:
    """Every closed case whose term has passed at `now`, oldest closure first, at most `limit`:
    listed (dry run: nothing is written) or anonymised, one transaction per case."""
    rules = schedule()
    cases = _closed_cases()
    if municipality_id is not None:
        cases = cases.filter(municipality_id=municipality_id)
    report = RetentionReport(now=now, dry_run=dry_run)
    found = list(_expired(rules, now, cases, limit))
    report.more = limit is not None and len(found) >= limit
    if dry_run:
        report.cases = found
        return report
    for expired in found:
        if _anonymise_one(expired, rules, now, by):
            report.cases.append(expired)
        else:
            report.skipped += 1
    return report


def retention_run_daily(*, now: dt.datetime) -> int:
    """The tick's call: once a day (Dutch date), a batch of REGIE_RETENTION_BATCH cases. A full
    batch lets the next tick go on, so a backlog clears in a few ticks, not in months. Several
    tick processes may race for the day's marker: `cache.add` lets one in, and the per-case
    lock keeps even a second run from touching a case twice."""
    key = f"regie:retention:{timezone.localdate(now).isoformat()}"
    if not cache.add(key, now.isoformat(), timeout=26 * 3600):
        return 0
    report = retention_run(now=now, dry_run=False, limit=settings.REGIE_RETENTION_BATCH)
    if report.more:
        cache.delete(key)
    return report.count


# ── Anonymising one case ──────────────────────────────────────────────────────────────────


def _anonymise_one(expired: Expired, rules: Schedule, now: dt.datetime, by: str) -> bool:
    with transaction.atomic():
        # skip_locked: a case another process is anonymising right now is its work, not ours.
        # Re-read under the lock: reopened, put on hold or anonymised meanwhile means no.
        locked = (
            Case.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=expired.case_id)
            .first()
        )
        if locked is None:
            return False
        again = next(
            _expired(rules, now, _closed_cases().filter(pk=expired.case_id), limit=1), None
        )
        if again is None:
            return False
        removed = anonymise(locked, now=now)
        Destruction.objects.create(
            at=now,
            case_reference=locked.reference,
            municipality_id=locked.municipality_id,
            kind=locked.kind,
            domain=locked.domain,
            rule=again.term.rule,
            term_years=again.term.years,
            closed_at=again.closed_at,
            removed=removed,
            by=by[:200],
        )
    return True


def anonymise(case: Case, *, now: dt.datetime) -> dict[str, int]:
    """Remove the case's personal data and free text everywhere (INVENTORY); returns how many
    of each thing changed. Call inside a transaction holding the case's lock."""
    removed: dict[str, int] = {}

    def note(what: str, n: int) -> None:
        if n:
            removed[what] = removed.get(what, 0) + n

    Case.objects.filter(pk=case.pk).update(
        subject="",
        description=MARKER,
        submitter_name="",
        submitter_email="",
        submitter_phone="",
        submitter_street="",
        submitter_house_number="",
        submitter_postcode="",
        submitter_city="",
        submitter_bsn_encrypted="",  # issue 11: the BSN, its search hash and the person key
        submitter_bsn_hash="",
        person_key="",
        on_behalf_of_name="",
        on_behalf_of_relation="",
        employee_concerned=None,
        # A fresh random token nobody holds: the old status link stops working.
        status_token=secrets.token_urlsafe(32),
        anonymised_at=now,
        # The row's own time (an update() skips auto_now); `now` is the run's moment.
        updated_at=timezone.now(),
    )
    note("zaak", 1)

    # Events are append-only (Event.save refuses an update, Event.delete refuses): the
    # timeline is the case's trustworthy history. The law's duty to destroy is the one thing
    # that outranks it, so this is the one place that changes an Event, with a queryset
    # update: the shape stays (type, moment, actor, codes), the free text goes.
    for pk, payload in Event.objects.filter(case=case).values_list("pk", "payload"):
        scrubbed = scrub_payload(payload)
        if scrubbed != payload:
            Event.objects.filter(pk=pk).update(payload=scrubbed)
            note("gebeurtenissen", 1)

    judgements = ComplaintJudgement.objects.filter(case=case)
    note("oordelen", judgements.update(element=MARKER, reasons=MARKER))
    judgements.exclude(measures="").update(measures=MARKER)

    escalations = Escalation.objects.filter(case=case)
    note("escalaties", escalations.update(reason=MARKER))
    escalations.exclude(exception="").update(exception=MARKER)

    referrals = OmbudsmanReferral.objects.filter(case=case)
    note("ombudsman", referrals.update(their_reference=""))
    for text in ("findings", "recommendations", "response"):
        referrals.exclude(**{text: ""}).update(**{text: MARKER})

    note("nazorg", FollowUp.objects.filter(case=case).exclude(comment="").update(comment=""))
    note("bijlagen", Attachment.objects.filter(case=case).delete()[0])
    note(
        "triage",
        TriageSuggestion.objects.filter(case=case).update(reasons=[], urgent_reasons=[]),
    )
    note("toegang", CaseGrant.objects.filter(case=case).update(reason=MARKER))

    emails = OutboundEmail.objects.filter(case=case)
    emails.filter(state=OutboundEmail.State.PENDING).update(state=OutboundEmail.State.GAVE_UP)
    note("e-mails", emails.update(to="", subject=MARKER, body=MARKER, last_error=""))

    # The audit log is append-only like the timeline (AccessLog.save refuses an update); its
    # reason is typed by staff and may name the resident, so it goes, by the same exception.
    # Who looked, when, where and through which screen stays: that is about staff, not the
    # resident, and the privacy officer needs it for its own term.
    note(
        "auditlog",
        AccessLog.objects.filter(case=case).exclude(reason="").update(reason=MARKER),
    )

    # Letters, review notes and stories live in rooms beside or above this one (documents,
    # learning, reporting), which privacy may not import. The model label is a contract, like
    # "cases.Case" in a foreign key: the rooms keep their models, retention reaches their rows.
    letters = apps.get_model("documents", "Letter").objects.filter(case=case)
    note(
        "brieven",
        letters.update(
            subject=MARKER,
            body=MARKER,
            recipient_name="",
            recipient_email="",
            recipient_address="",
            pdf=b"",
        ),
    )
    review_items = apps.get_model("learning", "ReviewItem").objects.filter(case=case)
    note("beoordelingen", review_items.exclude(note="").update(note=""))
    stories = apps.get_model("reporting", "CaseStory").objects.filter(case=case)
    note("verhalen", stories.exclude(state="goedgekeurd").update(text=MARKER))
    return removed


def scrub_payload(value: Any, key: str = "") -> Any:
    """An Event's payload without free text: numbers, booleans, codes or moments under a code
    key and Regie's own wording stay; every other string becomes MARKER (an empty one stays
    empty). An allow-list, so a key added later is scrubbed until someone decides otherwise."""
    if isinstance(value, dict):
        return {k: scrub_payload(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_payload(v, key) for v in value]
    if isinstance(value, str):
        if not value:
            return value
        if key in _CODE_KEYS and (_CODE.match(value) or _MOMENT.match(value)):
            return value
        if key in _OWN_WORDING_KEYS:
            return value
        return MARKER
    return value
