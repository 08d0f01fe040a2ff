"""Writing a letter: the template (the municipality's own or Regie's default), the values of
one case, the text, and the HTML that becomes the PDF/A.

`letter_text(case, kind, at)` gives subject and plain-text body; `letter_html(written)` the
printed letter: the municipality as sender, the recipient's name and address where the
window of a Dutch window envelope is, the date in Dutch, the reference, the subject, the body.

The values are plain strings, computed here from the case and its timeline: an edited
template can only choose among them (`placeholders.fill`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, ComplaintJudgement, Event, EventType
from regie.cases.urls_public import status_url
from regie.deadlines.dutch import MONTHS, format_date
from regie.directory.generation import directory_cached
from regie.directory.models import Municipality
from regie.documents.defaults import ALLOWED, DEFAULTS
from regie.documents.models import LetterTemplate
from regie.documents.placeholders import fill
from regie.vocabulary import ContactKind, Judgement, Kind, LetterKind, Norm, Outcome, RefusalGround

NOT_KNOWN = "(nog niet bekend)"

# What each 9:8 ground means, said to the resident.
GROUND_TEXT: dict[str, str] = {
    RefusalGround.AL_BEHANDELD: "Wij hebben een klacht over hetzelfde al eerder behandeld.",
    RefusalGround.OUDER_DAN_JAAR: "Wat u beschrijft, is langer dan een jaar geleden gebeurd.",
    RefusalGround.BEZWAAR: "U kon of kunt over dit besluit bezwaar maken. Dat is de weg "
    "die hierbij hoort.",
    RefusalGround.BEROEP: "U kon of kunt over dit besluit in beroep gaan bij de rechter. "
    "Dat is de weg die hierbij hoort.",
    RefusalGround.RECHTER: "De zaak ligt al bij de rechter.",
    RefusalGround.STRAFRECHT: "Er loopt een strafrechtelijk onderzoek naar wat er is gebeurd.",
    RefusalGround.TE_GERING: "Het belang van de klacht of wat er is gebeurd, is duidelijk "
    "te klein.",
}

OUTCOME_TEXT: dict[str, str] = {
    Outcome.GEGROND: "Wij vinden uw klacht gegrond. Dat betekent: u heeft gelijk.",
    Outcome.DEELS_GEGROND: "Wij vinden uw klacht deels gegrond. Dat betekent: u heeft op "
    "een deel van de punten gelijk.",
    Outcome.ONGEGROND: "Wij vinden uw klacht ongegrond. Dat betekent: wij vinden dat wij het "
    "goed hebben gedaan.",
    Outcome.OPGELOST: "Wij hebben uw klacht samen met u opgelost.",
    Outcome.DOORVERWEZEN: "Uw klacht hoort bij een andere organisatie. Wij hebben u naar "
    "hen verwezen.",
    Outcome.NIET_BEHANDELD: "Wij hebben besloten uw klacht niet te behandelen.",
}

JUDGEMENT_WORDS: dict[str, str] = {
    Judgement.GEGROND: "gegrond (u heeft gelijk)",
    Judgement.DEELS_GEGROND: "deels gegrond (u heeft deels gelijk)",
    Judgement.ONGEGROND: "ongegrond (wij vinden dat wij het goed hebben gedaan)",
    Judgement.GEEN_OORDEEL: "geen oordeel (wij konden niet vaststellen wat er is gebeurd)",
}


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    address_lines: tuple[str, ...]

    @property
    def address(self) -> str:
        return "\n".join(self.address_lines)


@dataclass(frozen=True)
class Written:
    """One letter as written: what is stored, mailed and printed."""

    kind: str
    subject: str
    body: str
    recipient: Recipient
    municipality: Municipality
    reference: str
    date: dt.date

    @property
    def paragraphs(self) -> list[list[str]]:
        """The body as paragraphs (blank lines between) of lines, for the HTML."""
        blocks = [block.strip("\n") for block in self.body.replace("\r\n", "\n").split("\n\n")]
        return [block.split("\n") for block in blocks if block.strip()]

    @property
    def blocks(self) -> list[tuple[str, list[str]]]:
        """(heading, lines): a short first line without a full stop over more lines ("Wat
        gebeurt er nu?") is printed as a heading."""
        result = []
        for lines in self.paragraphs:
            first = lines[0].strip()
            if len(lines) > 1 and len(first) <= 60 and not first.endswith((".", ",", ":")):
                result.append((first, lines[1:]))
            else:
                result.append(("", lines))
        return result


def letter_date(day: dt.date) -> str:
    """``24 maart 2026``: how a letter is dated."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def one_year_after(day: dt.date) -> dt.date:
    """The same date a year on; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def recipient_of(case: Case) -> Recipient:
    lines: tuple[str, ...] = ()
    if case.submitter_street:
        lines = (
            f"{case.submitter_street} {case.submitter_house_number}".strip(),
            f"{case.submitter_postcode}  {case.submitter_city}".strip(),
        )
    return Recipient(name=case.submitter_name, email=case.submitter_email, address_lines=lines)


def template_for(municipality: Municipality, kind: str) -> tuple[str, str, LetterTemplate | None]:
    """(subject, body, the municipality's own row or None for Regie's default)."""
    own = LetterTemplate.objects.filter(municipality=municipality, kind=kind).first()
    if own is not None:
        return own.subject, own.body, own
    default = DEFAULTS[kind]
    return default.subject, default.body, None


def contact_sentence(municipality: Municipality) -> str:
    """How to reach the municipality, from its contact details in Beheer."""
    channels = list(municipality.channels.all())
    phone = next((c.value for c in channels if c.kind == ContactKind.TELEFOON), "")
    email = next((c.value for c in channels if c.kind == ContactKind.EMAIL), "")
    if phone and email:
        return f"Bel ons op {phone} of mail naar {email}."
    if phone:
        return f"Bel ons op {phone}."
    if email:
        return f"Mail ons via {email}."
    return f"Neem contact op met {municipality.name}."


def sender_lines(municipality: Municipality) -> list[str]:
    """The sender block: the municipality and how to reach it."""
    lines = [municipality.name]
    for channel in municipality.channels.all():
        if channel.kind in (ContactKind.POSTADRES, ContactKind.TELEFOON, ContactKind.WEBSITE):
            lines.append(channel.value)
    return lines


def ombudsman_route(name: str, url: str, until: dt.date) -> str:
    return (
        f"Dan kunt u uw klacht voorleggen aan {name}. Dat kan tot en met {format_date(until)}. "
        f"Dat is één jaar na de afhandeling van uw klacht (Algemene wet bestuursrecht, artikel "
        f"9:24). Hoe u dat doet, leest u op {url}."
    )


def ground_sentence(ground: str) -> str:
    """The 9:8 ground in plain words, with the article it comes from."""
    label = str(RefusalGround(ground).label)
    article = label[label.rfind("(") + 1 : -1]
    return f"{GROUND_TEXT[ground]} (Artikel {article}.)"


def _latest(case: Case, type_: str) -> dict[str, Any]:
    event = Event.objects.filter(case=case, type=type_).order_by("-at", "-pk").first()
    return event.payload if event is not None and isinstance(event.payload, dict) else {}


def _pick(payload: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = payload.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def _moment(value: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        return None
    return timezone.localtime(moment)


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _term(case: Case) -> str:
    """When the handling must be done, as the letter says it."""
    for type_ in (
        case_deadlines.COMPLAINT_HANDLING,
        case_deadlines.DEBT_DECISION,
        case_deadlines.FIRST_CONVERSATION,
    ):
        deadline = case_deadlines.current(case, type_)
        if deadline is not None:
            return f"uiterlijk {format_date(deadline.due)}"
    return "zo snel mogelijk"


def judgement_block(rows: Iterable[dict[str, str]]) -> str:
    """Per complaint element: what it was, the judgement, the norm, why, what will be done."""
    parts = []
    for number, row in enumerate(rows, start=1):
        lines = [f"{number}. Uw klacht: {row.get('element', '').strip()}"]
        judgement = row.get("judgement", "")
        lines.append(f"Ons oordeel: {JUDGEMENT_WORDS.get(judgement, judgement)}")
        norm = row.get("norm", "")
        if norm:
            label = Norm(norm).label if norm in Norm.values else norm
            lines.append(f"Waar het om gaat: {label} (een regel voor behoorlijk gedrag)")
        if reasons := row.get("reasons", "").strip():
            lines.append(f"Waarom: {reasons}")
        if measures := row.get("measures", "").strip():
            lines.append(f"Wat wij doen: {measures}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def judgement_rows(case: Case, concluded: dict[str, Any]) -> list[dict[str, str]]:
    """The judgements of the latest conclusion: the rows, or else the event's payload."""
    latest = (
        ComplaintJudgement.objects.filter(case=case)
        .order_by("-concluded_at")
        .values_list("concluded_at", flat=True)
        .first()
    )
    if latest is not None:
        return [
            {
                "element": j.element,
                "judgement": j.judgement,
                "norm": j.norm,
                "reasons": j.reasons,
                "measures": j.measures,
            }
            for j in ComplaintJudgement.objects.filter(case=case, concluded_at=latest).order_by(
                "position"
            )
        ]
    listed = concluded.get("judgements")
    if isinstance(listed, list):
        return [
            {k: str(v or "") for k, v in item.items()} for item in listed if isinstance(item, dict)
        ]
    return []


def case_values(case: Case, kind: str, at: dt.datetime) -> dict[str, str]:
    """Every value a letter of `kind` about `case` may use, as text."""
    municipality = case.municipality
    values = {
        "naam": case.submitter_name or "heer of mevrouw",
        "kenmerk": case.reference,
        "soort": Kind(case.kind).label.lower(),
        "ontvangen_op": format_date(timezone.localdate(case.received_at)),
        "datum": letter_date(timezone.localdate(at)),
        "gemeente": municipality.name,
        "contact": contact_sentence(municipality),
        "termijn": _term(case),
        "statuspagina": status_url(case),
    }
    if kind == LetterKind.VERDAGING:
        deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
        values["nieuwe_datum"] = format_date(deadline.due) if deadline else NOT_KNOWN
    if kind == LetterKind.UITNODIGING_HOORZITTING:
        # complaint_procedure.case_offer_hearing: plannedAt, place, byPhone.
        offered = _latest(case, EventType.HEARING_OFFERED)
        moment = _moment(_pick(offered, "plannedAt"))
        values["hoorzitting_datum"] = format_date(moment.date()) if moment else NOT_KNOWN
        values["hoorzitting_tijd"] = f"{moment:%H:%M} uur" if moment else NOT_KNOWN
        values["hoorzitting_plaats"] = (
            "Wij bellen u op. U hoeft nergens heen te gaan."
            if offered.get("byPhone")
            else (_pick(offered, "place") or NOT_KNOWN)
        )
    if kind == LetterKind.VERSLAG_HOORZITTING:
        # complaint_procedure.case_record_hearing: heldOn, report.
        held = _latest(case, EventType.HEARING_HELD)
        day = _day(_pick(held, "heldOn"))
        values["hoorzitting_datum"] = format_date(day) if day else NOT_KNOWN
        values["verslag"] = _pick(held, "report") or NOT_KNOWN
    if kind in (LetterKind.NIET_BEHANDELEN, LetterKind.CONCLUSIE):
        # The CONCLUDED event: refusal {ground, explanation}, judgements, ombudsman {…, until}.
        concluded = _latest(case, EventType.CONCLUDED)
        route = concluded.get("ombudsman")
        until = _day(_pick(route, "until")) if isinstance(route, dict) else None
        if until is None:
            until = one_year_after(timezone.localdate(case.concluded_at or at))
        values["ombudsman"] = municipality.ombudsman_name
        values["ombudsman_url"] = municipality.ombudsman_url
        values["ombudsman_termijn"] = format_date(until)
        values["ombudsman_route"] = ombudsman_route(
            municipality.ombudsman_name, municipality.ombudsman_url, until
        )
        refusal = concluded.get("refusal")
        refusal = refusal if isinstance(refusal, dict) else {}
        ground = _pick(refusal, "ground")
        explanation = _pick(refusal, "explanation")
        values["grond"] = (
            "\n".join(
                part
                for part in (
                    ground_sentence(ground) if ground in RefusalGround.values else "",
                    explanation,
                )
                if part
            )
            or NOT_KNOWN
        )
        values["uitkomst"] = OUTCOME_TEXT.get(case.outcome, "")
        rows = judgement_rows(case, concluded)
        if rows:
            values["oordelen"] = judgement_block(rows)
        else:
            # No judgement per element recorded: the handler's written answer stands in.
            values["oordelen"] = str(concluded.get("summary") or "").strip()
    return {name: values.get(name, "") for name in ALLOWED[kind]}


def example_values(municipality: Municipality, kind: str, at: dt.datetime) -> dict[str, str]:
    """Values of a made-up case, for the preview in Beheer."""
    today = timezone.localdate(at)
    until = one_year_after(today)
    received = today - dt.timedelta(days=30)
    values = {
        "naam": "J. de Vries",
        "kenmerk": f"KL-9901-{today.year}-000123",
        "soort": "klacht",
        "ontvangen_op": format_date(received),
        "datum": letter_date(today),
        "gemeente": municipality.name,
        "contact": contact_sentence(municipality),
        "termijn": f"uiterlijk {format_date(received + dt.timedelta(weeks=6))}",
        "statuspagina": "https://www.voorbeeld.nl/status/voorbeeld",
        "nieuwe_datum": format_date(received + dt.timedelta(weeks=10)),
        "grond": ground_sentence(RefusalGround.OUDER_DAN_JAAR),
        "hoorzitting_datum": format_date(today + dt.timedelta(days=14)),
        "hoorzitting_tijd": "10:00 uur",
        "hoorzitting_plaats": "Het gemeentehuis, balie 3",
        "verslag": "U vertelde dat u drie keer hebt gebeld en geen antwoord kreeg. Wij hebben "
        "uitgelegd hoe dat kwam.",
        "uitkomst": OUTCOME_TEXT[Outcome.DEELS_GEGROND],
        "oordelen": judgement_block(
            [
                {
                    "element": "U kreeg geen antwoord op uw telefoontjes.",
                    "judgement": Judgement.GEGROND,
                    "norm": Norm.VOORTVARENDHEID,
                    "reasons": "Wij hebben u te laat teruggebeld.",
                    "measures": "Wij bellen binnen twee werkdagen terug.",
                },
                {
                    "element": "De medewerker was onvriendelijk.",
                    "judgement": Judgement.GEEN_OORDEEL,
                    "norm": Norm.FATSOENLIJKE_BEJEGENING,
                    "reasons": "Wij konden niet vaststellen wat er is gezegd.",
                    "measures": "",
                },
            ]
        ),
        "ombudsman": municipality.ombudsman_name,
        "ombudsman_url": municipality.ombudsman_url,
        "ombudsman_termijn": format_date(until),
        "ombudsman_route": ombudsman_route(
            municipality.ombudsman_name, municipality.ombudsman_url, until
        ),
    }
    return {name: values.get(name, "") for name in ALLOWED[kind]}


def compose(kind: str, subject: str, body: str, values: dict[str, str]) -> tuple[str, str]:
    """The subject and body from templates and values. A letter that must name the ombudsman
    and the one-year term (Awb 9:12, 9:24) gets them appended when an edited template forgot
    them."""
    subject_text = " ".join(fill(subject, values).split())
    body_text = fill(body, values).replace("\r\n", "\n").strip()
    if "ombudsman_route" in values and not (
        values["ombudsman"] in body_text and values["ombudsman_termijn"] in body_text
    ):
        body_text += (
            "\n\nNaar de ombudsman\nBent u het niet eens met deze brief? "
            + (values["ombudsman_route"])
        )
    return subject_text, body_text


def letter_text(case: Case, kind: str, at: dt.datetime) -> Written:
    """The letter of `kind` about `case` on `at`: subject and plain-text body."""
    subject, body, _ = template_for(case.municipality, kind)
    subject_text, body_text = compose(kind, subject, body, case_values(case, kind, at))
    return Written(
        kind=kind,
        subject=subject_text,
        body=body_text,
        recipient=recipient_of(case),
        municipality=case.municipality,
        reference=case.reference,
        date=timezone.localdate(at),
    )


def edited_acknowledgement(case: Case, at: dt.datetime) -> tuple[str, str] | None:
    """The acknowledgement e-mail at intake in the municipality's own words, once it edited
    its acknowledgement letter in Beheer; None keeps Regie's own e-mail, which lists every
    date the resident may count on."""
    kind = LetterKind.ONTVANGSTBEVESTIGING
    if case.municipality_id not in _edited_acknowledgements():
        return None
    written = letter_text(case, kind, at)
    return written.subject, written.body


def _edited_acknowledgements() -> frozenset[int]:
    """The municipalities that edited their acknowledgement: asked at every intake with an
    e-mail address, kept while the directory (letters included) stays the same."""
    return directory_cached(
        ("edited-acknowledgements",),
        lambda: frozenset(
            LetterTemplate.objects.filter(kind=LetterKind.ONTVANGSTBEVESTIGING).values_list(
                "municipality_id", flat=True
            )
        ),
    )


def example_letter(
    municipality: Municipality, kind: str, subject: str, body: str, at: dt.datetime
) -> Written:
    """The preview in Beheer: the text being edited, filled in for a made-up case."""
    subject_text, body_text = compose(kind, subject, body, example_values(municipality, kind, at))
    return Written(
        kind=kind,
        subject=subject_text,
        body=body_text,
        recipient=Recipient(
            name="J. de Vries",
            email="",
            address_lines=("Dorpsstraat 12", "1234 AB  Voorbeeld"),
        ),
        municipality=municipality,
        reference=f"KL-9901-{timezone.localdate(at).year}-000123",
        date=timezone.localdate(at),
    )


def letter_html(written: Written) -> str:
    """The printed letter, a self-contained HTML document (autoescaped: the text is text)."""
    return render_to_string(
        "documents/letter.html",
        {
            "letter": written,
            "sender": sender_lines(written.municipality),
            "date": letter_date(written.date),
            "kind_label": LetterKind(written.kind).label,
        },
    )
