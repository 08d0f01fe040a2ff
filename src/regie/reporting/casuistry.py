"""Anonymised casuistry for a closed council session (issue 10): selected cases told as short
narratives without the person in them, released only after a person approved each one.

The write path, one function per change, each checking who asks (`require_learner` plus the
case's visibility) and raising `CasuistryError` with Dutch field errors:
- `story_draft`: Regie writes the narrative from the case (labels it knows, and the resident's
  question de-identified with everything the case itself knows about the person);
- `story_edit`: a person corrects the concept; a text that still gives someone away is refused;
- `story_approve`, `story_withdraw`: the release, and taking it back.
`released_stories` is the only read the council and the college get.

Two layers keep the person out, because neither is enough alone: `deidentify` on the way in
(known values first, then sure patterns, then deduce), and `sure_findings` as a gate on every
edit and again at approval, so a text that slipped cannot be released.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from regie import limits
from regie.accounts.scope import scope_for_user
from regie.cases.aggregates import PERIOD_HELP, Period
from regie.cases.bsn import case_bsn
from regie.cases.models import Case, Event, EventType
from regie.cases.selectors import case_visible_to
from regie.deidentify import PERSONAL, deidentify, sure_findings
from regie.directory.models import Municipality
from regie.directory.services.common import Check as DirectoryCheck
from regie.learning.common import PermissionRefused, require_learner
from regie.reporting.models import CaseStory, StoryState
from regie.vocabulary import Domain, Kind, Outcome

QUESTION = 600  # about how much of the resident's own words a story quotes
MONTHS = (
    *("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"),
    *("september", "oktober", "november", "december"),
)
# Name particles that must not become "known values" on their own: "van" is in every text.
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ten", "ter", "te", "op", "in", "'t", "d'", "von"}
)
CASE_NOT_FOUND = "Deze zaak vinden we niet bij deze gemeente (of u mag hem niet zien)."
# What `sure_findings` found, in words for the person who wrote it.
FINDINGS = {
    PERSONAL: "een naam, adres of ander gegeven uit de zaak",
    "[E-MAIL]": "een e-mailadres",
    "[IBAN]": "een rekeningnummer",
    "[POSTCODE]": "een postcode",
    "[DATUM]": "een datum (zoals een geboortedatum)",
    "[NUMMER]": "een telefoonnummer, BSN of ander lang nummer",
}


class CasuistryError(Exception):
    """A change was refused. `errors` maps field names to Dutch messages for the form."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class Check(DirectoryCheck):
    def done(self) -> None:
        if self.errors:
            raise CasuistryError(self.errors)


# Who ---------------------------------------------------------------------------------------


def _require(by: User, case: Case) -> None:
    """Those who learn about the case's municipality and see the case draft and approve; for
    anyone else the case does not exist (pages answer 404)."""
    require_learner(by, case.municipality)
    if not case_visible_to(scope_for_user(by), case):
        raise PermissionRefused


# What the case knows about people -----------------------------------------------------------


def _name_and_parts(name: str) -> list[str]:
    """ "Karin van den Bosman" → itself, "Karin", "Bosman": a resident writes a surname alone."""
    parts = [p for p in name.split() if p.lower() not in PARTICLES and len(p) >= 3]
    return [name, *parts] if name.strip() else []


def _user_names(users: Iterable[User | None]) -> list[str]:
    names: list[str] = []
    for user in users:
        if user is not None:
            names += [*_name_and_parts(user.get_full_name()), user.email]
    return names


def known_values(case: Case) -> list[str]:
    """Every personal value the case holds: the submitter's and the represented person's
    names, e-mail, phone (as typed and as digits), street (with and without the number),
    postcode (with and without the space), city; the employees on it and on its timeline;
    and its reference, which the council must not see either; the BSN (decrypted here only to
    remove it from the text) as nine digits and in the groupings people type."""
    values = _name_and_parts(case.submitter_name) + _name_and_parts(case.on_behalf_of_name)
    email = case.submitter_email.strip()
    if email:
        values += [email, email.split("@")[0]]
    phone = case.submitter_phone.strip()
    digits = "".join(c for c in phone if c.isdigit())
    values += [phone, digits]
    street, number = case.submitter_street.strip(), case.submitter_house_number.strip()
    if street:
        values += [street, f"{street} {number}".strip()]
    postcode = case.submitter_postcode.strip()
    values += [postcode, postcode.replace(" ", ""), case.submitter_city, case.reference]
    if bsn := case_bsn(case):
        values += [bsn, f"{bsn[:4]} {bsn[4:6]} {bsn[6:]}", f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}"]
        values += [f"{bsn[:3]} {bsn[3:6]} {bsn[6:]}", f"{bsn[:3]}.{bsn[3:6]}.{bsn[6:]}"]
    actors = User.objects.filter(
        pk__in=Event.objects.filter(case=case, actor_user__isnull=False).values("actor_user")
    )
    values += _user_names([case.handler, case.employee_concerned, *actors])
    return [v.strip() for v in values if v and v.strip()]


# The narrative -----------------------------------------------------------------------------


def _cut(text: str, limit: int = QUESTION) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(".,;:") + " …"


def _weeks(case: Case) -> str:
    if case.concluded_at is None:
        return "De zaak loopt nog."
    days = (case.concluded_at - case.received_at).days
    if days < 7:
        return "De zaak was binnen een week afgehandeld."
    weeks = round(days / 7)
    return f"De zaak was na {weeks} {'week' if weeks == 1 else 'weken'} afgehandeld."


def _what_happened(case: Case) -> list[str]:
    sentences: list[str] = []
    if case.about_id is not None:
        sentences.append("Het ging over een organisatie die werk doet voor de gemeente.")
    if case.handovers == 1:
        sentences.append("De zaak is één keer aan een andere partij overgedragen.")
    elif case.handovers > 1:
        sentences.append(
            f"De zaak is {case.handovers} keer aan een andere partij overgedragen "
            "(van hand tot hand)."
        )
    types = set(Event.objects.filter(case=case).values_list("type", flat=True))
    if EventType.HEARING_HELD in types:
        sentences.append("De indiener is gehoord.")
    elif EventType.HEARING_SKIPPED in types:
        sentences.append("Er is afgezien van horen.")
    if EventType.ESCALATED in types:
        sentences.append("De zaak is binnen de organisatie opgeschaald.")
    if EventType.OMBUDSMAN_REFERRED in types:
        sentences.append("De indiener is daarna naar de ombudsman gegaan.")
    if case.outcome:
        sentences.append(f"Uitkomst: {Outcome(case.outcome).label}.")
    sentences.append(_weeks(case))
    return sentences


def narrative(case: Case) -> str:
    """The story Regie drafts: what kind of case, when, the question in the resident's words
    (de-identified, about 600 characters), and what happened. Plain text, paragraphs split by
    an empty line; only the resident's words are free text, the rest are Regie's labels."""
    received = timezone.localtime(case.received_at)
    kind = Kind(case.kind).label.lower()
    domain = Domain(case.domain).label
    opening = (
        f"Een {kind} over {domain}, ontvangen in {MONTHS[received.month - 1]} {received.year}."
    )
    words = ". ".join(p.strip().rstrip(".") for p in (case.subject, case.description) if p.strip())
    question = _cut(deidentify(words + ".", known=known_values(case)))
    return "\n\n".join(
        [opening, f"In de woorden van de inwoner: “{question}”", " ".join(_what_happened(case))]
    )


# The write path ----------------------------------------------------------------------------


def _period(check: Check, period: str) -> str:
    try:
        return Period.parse(period).label
    except ValueError:
        check.fail("period", f"Deze periode kennen we niet. {PERIOD_HELP}")
        return period


def story_draft(*, by: User, case: Case, period: str, at: dt.datetime | None = None) -> CaseStory:
    """Regie's draft of the story of `case` for `period`, as a concept. A story withdrawn
    earlier for the same case and period is drafted anew (one story per case and period)."""
    require_learner(by, case.municipality)
    when = at or timezone.now()
    check = Check()
    if not case_visible_to(scope_for_user(by), case):
        check.fail("case", CASE_NOT_FOUND)
    label = _period(check, period)
    check.done()
    text = narrative(case)  # outside the transaction: deduce takes its time
    with transaction.atomic():
        earlier = CaseStory.objects.select_for_update().filter(case=case, period=label).first()
        if earlier is not None and earlier.state != StoryState.TERUGGETROKKEN:
            raise CasuistryError({"case": f"Over deze zaak is al een verhaal voor {label}."})
        story = earlier or CaseStory(municipality=case.municipality, case=case, period=label)
        story.text, story.state = text, StoryState.CONCEPT
        story.drafted_by, story.drafted_at = by, when
        story.approved_by, story.approved_at = None, None
        try:
            with transaction.atomic():
                story.save()
        except IntegrityError:  # a colleague drafted the same story at the same moment
            raise CasuistryError(
                {"case": f"Over deze zaak is al een verhaal voor {label}."}
            ) from None
    return story


def _locked(by: User, story: CaseStory) -> CaseStory:
    """The story as it is now, locked until the transaction ends (two clicks, two people),
    with the permission asked again of the case as it is now."""
    locked = CaseStory.objects.select_for_update().select_related("case").get(pk=story.pk)
    _require(by, locked.case)
    return locked


def _gives_away(check: Check, field: str, text: str, case: Case) -> None:
    found = sure_findings(text, known=known_values(case))
    if found:
        what = ", ".join(FINDINGS[tag] for tag in found)
        check.fail(
            field,
            f"Deze tekst maakt iemand herkenbaar: er staat {what} in. "
            f"Haal het weg of vervang het door {PERSONAL}.",
        )


def story_edit(*, by: User, story: CaseStory, text: str) -> CaseStory:
    """The concept corrected by a person. Refused while the text still holds a value of the
    case, an e-mail address, a long number (phone, BSN), a postcode or a date."""
    with transaction.atomic():
        locked = _locked(by, story)
        check = Check()
        if locked.state != StoryState.CONCEPT:
            check.fail("text", "Alleen een concept kunt u wijzigen.")
        text = check.text("text", text, limit=limits.STAFF_TEXT, required="Schrijf het verhaal op.")
        if check.ok("text"):
            _gives_away(check, "text", text, locked.case)
        check.done()
        locked.text = text
        locked.save(update_fields=["text"])
    return locked


def story_approve(*, by: User, story: CaseStory, at: dt.datetime | None = None) -> CaseStory:
    """concept → goedgekeurd: from now on the council and the college read it. The gate of
    `story_edit` is asked once more, so nothing that gives someone away is released."""
    when = at or timezone.now()
    with transaction.atomic():
        locked = _locked(by, story)
        check = Check()
        if locked.state != StoryState.CONCEPT:
            check.fail("state", "Alleen een concept kunt u goedkeuren.")
        else:
            _gives_away(check, "text", locked.text, locked.case)
        check.done()
        locked.state = StoryState.GOEDGEKEURD
        locked.approved_by, locked.approved_at = by, when
        locked.save(update_fields=["state", "approved_by", "approved_at"])
    return locked


def story_withdraw(*, by: User, story: CaseStory) -> CaseStory:
    """A concept or a released story taken back: the council no longer reads it. Who approved
    it, and when, stays recorded."""
    with transaction.atomic():
        locked = _locked(by, story)
        if locked.state == StoryState.TERUGGETROKKEN:
            raise CasuistryError({"state": "Dit verhaal is al teruggetrokken."})
        locked.state = StoryState.TERUGGETROKKEN
        locked.save(update_fields=["state"])
    return locked


# Reads -------------------------------------------------------------------------------------


def released_stories(municipality: Municipality, period: str | None = None) -> QuerySet[CaseStory]:
    """Only approved stories: what the council and the college may read and download."""
    found = CaseStory.objects.filter(municipality=municipality, state=StoryState.GOEDGEKEURD)
    if period is not None:
        found = found.filter(period=period)
    return found.order_by("period", "approved_at", "pk")


def all_stories(municipality: Municipality) -> QuerySet[CaseStory]:
    """Every story with its state, for those who draft and approve them."""
    return (
        CaseStory.objects.filter(municipality=municipality)
        .select_related("case")
        .order_by("-period", "-drafted_at", "-pk")
    )
