"""What Regie holds on a person in their cases, for the access export (GDPR art. 15): one
JSON-ready structure, from which the page also writes the PDF/A.

Decisions, for the privacy officer to know:
- everything on the case goes in, the internal notes too: they are personal data about the
  resident (and the EDPB says so of internal assessments); texts a staff member typed are
  marked "controleren", because they may name someone else (art. 15(4): the officer reviews
  and redacts before sending);
- staff are shown by their role, not their name (CJEU C-579/21: the log of who consulted the
  data is the resident's, the employees' identities are not, unless needed to exercise a
  right); the officer can give a name on request;
- the BSN is masked, as everywhere outside the case page; the status link's token, the BSN
  hash and the person key are Regie's own keys, not data about the person, and stay out;
- attachments are listed; the files go along separately.
Letters, review notes and council stories live in rooms beside or above this one: reached by
model label (a contract, as in retention), never imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db.models import Q

from regie.accounts.models import Membership
from regie.cases.bsn import BsnKeyMissing, case_bsn_masked
from regie.cases.models import Case, EventType, TriageSuggestion
from regie.cases.presentation import DEADLINE_LABELS
from regie.notifications.models import OutboundEmail
from regie.privacy.models import AccessLog, DataSubjectRequest
from regie.vocabulary import Channel, Domain, Outcome, Role, Status
from regie.vocabulary import Kind as CaseKind

# What the export says to the officer (and, once reviewed, to the resident) about itself.
EXPORT_NOTES = (
    "Dit zijn alle gegevens die Regie over u heeft in de zaken hieronder (AVG artikel 15).",
    "Ook interne notities en andere teksten van medewerkers staan erin: ook dat zijn gegevens "
    "over u.",
    "Namen van medewerkers staan er niet in. Wie iets deed of uw zaak bekeek, staat er met "
    "zijn of haar functie. Wilt u toch weten wie? Vraag het ons.",
    "Bijlagen staan er als lijst in. De bestanden zelf sturen wij apart mee.",
)
# For the officer only: what to check before the export goes out (art. 15(4)).
OFFICER_NOTES = (
    "Controleer vóór verzending de teksten die met 'controleren' zijn gemarkeerd: een notitie "
    "of reden kan "
    "gegevens van iemand anders bevatten (een buurman, een familielid). Maak die onleesbaar "
    "(AVG artikel 15 lid 4).",
)
# Event payload keys that hold a staff member's name: replaced by their role, like the actor.
STAFF_NAME_KEYS = frozenset({"handlerName", "assignedToName", "decidedByName"})
# Event types whose text a staff member typed about the resident.
TYPED_BY_STAFF = frozenset(
    {
        "notitie", "status-gewijzigd", "contact", "verdaagd", "afgehandeld", "overgedragen",
        "voortgang", "geescaleerd", "uitzondering", "horen-overgeslagen", "gehoord",
        "beoordeeld", "oordeel-ombudsman",
    }
)  # fmt: skip


def _moment(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _roles(municipality_id: int, user_ids: set[int]) -> dict[int, str]:
    """A staff member's function, in place of their name (see EXPORT_NOTES)."""
    roles: dict[int, str] = {}
    memberships = (
        Membership.objects.filter(user_id__in=user_ids)
        .filter(Q(municipality_id=municipality_id) | Q(team__municipality_id=municipality_id))
        .select_related("organisation")
        .order_by("pk")
    )
    for membership in memberships:
        roles.setdefault(membership.user_id, _label(Role, membership.role))
    for membership in Membership.objects.filter(user_id__in=user_ids - set(roles)).select_related(
        "organisation"
    ):
        where = membership.organisation.name if membership.organisation else ""
        roles.setdefault(membership.user_id, f"Medewerker {where}".strip())
    for pk in User.objects.filter(pk__in=user_ids - set(roles), is_superuser=True).values_list(
        "pk", flat=True
    ):
        roles[pk] = "Beheerder"
    return roles


def _bsn_masked(case: Case) -> str:
    if not case.submitter_bsn_encrypted:
        return ""
    try:
        return case_bsn_masked(case)
    except BsnKeyMissing:
        return "aanwezig, maar niet leesbaar (sleutel ontbreekt)"


def _payload(value: object, key: str = "") -> object:
    if isinstance(value, dict):
        return {k: _payload(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_payload(v, key) for v in value]
    if key in STAFF_NAME_KEYS and isinstance(value, str) and value:
        return "medewerker"
    return value


def _case_export(case: Case) -> dict[str, object]:
    events = list(case.events.order_by("at", "pk"))
    log = list(AccessLog.objects.filter(case=case).order_by("at", "pk"))
    staff = {e.actor_user_id for e in events if e.actor_user_id} | {
        entry.user_id for entry in log if entry.user_id
    }
    roles = _roles(case.municipality_id, staff)

    def who(user_id: int | None, label: str) -> str:
        return roles.get(user_id, "Medewerker") if user_id else label

    letters = apps.get_model("documents", "Letter").objects.filter(case=case).order_by("pk")
    reviews = apps.get_model("learning", "ReviewItem").objects.filter(case=case).order_by("pk")
    stories = apps.get_model("reporting", "CaseStory").objects.filter(case=case).order_by("pk")
    triage = TriageSuggestion.objects.filter(case=case).first()
    return {
        "kenmerk": case.reference,
        "soort": _label(CaseKind, case.kind),
        "domein": _label(Domain, case.domain),
        "kanaal": _label(Channel, case.channel),
        "status": _label(Status, case.status),
        "uitkomst": _label(Outcome, case.outcome) if case.outcome else "",
        "ontvangen": _moment(case.received_at),
        "afgehandeld": _moment(case.concluded_at),
        "over": case.about.name if case.about_id and case.about else "de gemeente",
        "onderwerp": case.subject,
        "omschrijving": case.description,
        "indiener": {
            "naam": case.submitter_name,
            "eMail": case.submitter_email,
            "telefoon": case.submitter_phone,
            "adres": case.postal_address,
            "anoniem": case.submitter_anonymous,
            # Masked, as everywhere outside the case page: the export travels by mail or post.
            "bsn": _bsn_masked(case),
        },
        "namens": {"naam": case.on_behalf_of_name, "relatie": case.on_behalf_of_relation},
        "tijdlijn": [
            {
                "moment": _moment(event.at),
                "code": event.type,
                "soort": _label(EventType, event.type),
                "door": who(event.actor_user_id, event.actor_label),
                "gegevens": _payload(event.payload),
                "intern": event.type == EventType.NOTE_ADDED,
                "controleren": event.type in TYPED_BY_STAFF,
            }
            for event in events
        ],
        "termijnen": [
            {
                "soort": DEADLINE_LABELS.get(d.type, d.type),
                "regeling": d.regime,
                "start": _moment(d.start),
                "uiterlijk": _moment(d.due),
                "gehaald": _moment(d.met_at),
                "vervangen": d.superseded,
                "uitleg": list(d.explanation),
            }
            for d in case.deadlines.order_by("start", "pk")
        ],
        "oordelen": [
            {
                "onderdeel": j.element,
                "oordeel": j.judgement,
                "norm": j.norm,
                "motivering": j.reasons,
                "maatregelen": j.measures,
                "moment": _moment(j.concluded_at),
            }
            for j in case.judgements.all()
        ],
        "escalaties": [
            {
                "niveau": e.level,
                "reden": e.reason,
                "moment": _moment(e.raised_at),
                "uiterlijk": _moment(e.due),
                "uitzondering": e.exception,
                "besloten": _moment(e.decided_at),
                "controleren": True,
            }
            for e in case.escalations.all()
        ],
        "ombudsman": [
            {
                "ombudsman": r.ombudsman,
                "kenmerkOmbudsman": r.their_reference,
                "doorverwezen": _moment(r.referred_at),
                "oordeel": r.judgement,
                "bevindingen": r.findings,
                "aanbevelingen": r.recommendations,
                "reactie": r.response,
            }
            for r in case.ombudsman_referrals.all()
        ],
        "nazorg": [
            {
                "uiterlijk": _moment(f.due),
                "gevraagd": _moment(f.asked_at),
                "beantwoord": _moment(f.answered_at),
                "opgelost": f.solved,
                "cijfer": f.score,
                "toelichting": f.comment,
            }
            for f in case.follow_ups.all()
        ],
        "triage": None
        if triage is None
        else {
            "voorgesteldDomein": triage.domain,
            "voorgesteldeSoort": triage.kind,
            "mogelijkSpoed": triage.urgent,
            "redenen": triage.reasons,
            "redenenSpoed": triage.urgent_reasons,
            "beoordeeld": triage.state,
            "uitleg": "Een voorstel van de computer op basis van uw tekst. Een medewerker "
            "besluit; het voorstel wordt nooit vanzelf toegepast.",
        },
        "bijlagen": [
            {
                "naam": a.name,
                "soort": a.content_type,
                "grootte": a.size,
                "toegevoegd": _moment(a.added_at),
                "doorInwoner": a.by_resident,
            }
            for a in case.attachments.order_by("added_at", "pk")
        ],
        "brieven": [
            {
                "soort": letter.kind,
                "verstuurdPer": letter.channel,
                "moment": _moment(letter.created_at),
                "aan": letter.recipient_name,
                "eMail": letter.recipient_email,
                "adres": letter.recipient_address,
                "onderwerp": letter.subject,
                "tekst": letter.body,
            }
            for letter in letters
        ],
        "eMails": [
            {
                "aan": mail.to,
                "onderwerp": mail.subject,
                "tekst": mail.body,
                "status": mail.state,
                "gemaakt": _moment(mail.created_at),
                "verstuurd": _moment(mail.sent_at),
            }
            for mail in OutboundEmail.objects.filter(case=case).order_by("created_at", "pk")
        ],
        "kwaliteitscontrole": [
            {"oordeel": r.verdict, "notitie": r.note, "controleren": True}
            for r in reviews
            if r.verdict or r.note
        ],
        "verhalenVoorDeRaad": [
            {"status": s.state, "tekst": s.text, "controleren": True} for s in stories
        ],
        "inzageLog": [
            {
                "moment": _moment(entry.at),
                "wat": _label(AccessLog.Action, entry.action),
                "door": who(entry.user_id, entry.actor_label),
                "waarvoor": entry.purpose,
                "buitenEigenWerk": entry.outside_own_work,
                "reden": entry.reason,
                "controleren": bool(entry.reason),
            }
            for entry in log
        ],
    }


def export_data(
    request: DataSubjectRequest, cases: Sequence[Case], *, at: dt.datetime
) -> dict[str, object]:
    """The export as one JSON-ready structure; the PDF is written from the same data."""
    return {
        "verzoek": {
            "nummer": request.pk,
            "soort": request.get_kind_display(),
            "gemeente": request.municipality.name,
            "ontvangen": _moment(request.received_on),
            "uiterlijkBeantwoorden": _moment(request.due_on),
            "naam": request.requester_name,
        },
        "gemaakt": _moment(at),
        "toelichting": list(EXPORT_NOTES),
        "voorDePrivacyfunctionaris": list(OFFICER_NOTES),
        "zaken": [_case_export(case) for case in cases],
    }
