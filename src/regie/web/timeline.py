"""The case timeline in Dutch, one readable entry per event type (staff only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import dateformat, dateparse, timezone

from regie.cases.models import Event, EventType
from regie.cases.presentation import DEADLINE_LABELS, acknowledged_by
from regie.vocabulary import (
    Channel,
    Domain,
    EscalationLevel,
    HearingSkipGround,
    Judgement,
    Kind,
    LetterKind,
    Norm,
    Outcome,
    Procedure,
    RefusalGround,
    Status,
)
from regie.web import triage_words


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    title: str
    actor: str
    lines: tuple[str, ...] = ()
    note: str = ""  # an internal note, shown as the person wrote it
    date_only: bool = False  # a letter has a date; the time on record is not a real one
    # A file on the case (an attachment the resident sent): where staff download it.
    link_url: str = ""
    link_text: str = ""


def _label(choices: Any, value: object) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value or "onbekend")


def _received(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    lines: tuple[str, ...] = (
        f"Soort: {_label(Kind, p.get('kind'))}",
        f"Domein: {_label(Domain, p.get('domain'))}",
    )
    if p.get("filedAs") == Kind.KLACHT:
        lines += (
            "Ingediend als klacht, zonder naam: geen klacht in de zin van de Awb (artikel 9:4). "
            "Geregistreerd als signaal en wel opgepakt (artikel 9:2).",
        )
    if procedure := p.get("procedure"):
        lines += (f"Procedure: {_label(Procedure, procedure)}",)
    return f"Ontvangen via {_label(Channel, p.get('channel')).lower()}", lines


def _assigned(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    team = p.get("teamName") or "geen team"
    handler = p.get("handlerName") or "nog niemand"
    return "Toegewezen", (f"Team: {team}", f"Behandelaar: {handler}")


# What staff record for a letter when they leave the address out.
NO_ADDRESS = "per post"


def _acknowledged(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    by = "per e-mail" if acknowledged_by(p) == "email" else "per post"
    to = str(p.get("to") or "").strip()
    return f"Ontvangstbevestiging verstuurd {by}", (
        (f"Naar: {to}",) if to and to != NO_ADDRESS else ()
    )


def _status_changed(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    new = p.get("to") or p.get("status")
    reason = p.get("reason") or p.get("note")
    return f"Status gewijzigd naar: {_label(Status, new).lower()}", (
        (str(reason),) if reason else ()
    )


def _day(value: object) -> str:
    day = dateparse.parse_date(str(value or "")[:10])
    return dateformat.format(day, "l j F Y") if day else ""


def _due_line(deadline: object, prefix: str = "Nieuwe datum") -> tuple[str, ...]:
    due = _day(deadline.get("due")) if isinstance(deadline, dict) else ""
    return (f"{prefix}: uiterlijk {due}",) if due else ()


def _deadline_set(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    kind = str(p.get("type") or "")
    label = DEADLINE_LABELS.get(kind, kind or "termijn")
    due = _day(p.get("due"))
    return f"Termijn berekend: {label}", ((f"uiterlijk {due}",) if due else ())


def _contact(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    summary = p.get("summary")
    return "Contact met de indiener", ((str(summary),) if summary else ())


def _before_after(p: dict[str, Any]) -> tuple[str, ...]:
    """A recomputed deadline: the date it had, then the date it has now."""
    return _due_line(p.get("before"), "Eerdere datum") + _due_line(p.get("after"))


def _postponed(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    lines: tuple[str, ...] = ()
    if sent := _day(p.get("noticeSentOn")):
        lines += (f"Brief aan de indiener verstuurd op {sent}",)
    if reason := p.get("reason"):
        lines += (f"Reden: {reason}",)
    return "Behandeling verdaagd", lines + _before_after(p)


def _committee(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return "Klachtadviescommissie ingeschakeld", _before_after(p)


def _first_conversation(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return "Eerste gesprek gevoerd", _due_line(p.get("decision"), "Besluit over schuldhulp")


def _concluded(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    # The summary is staff text: it may run over several lines, each its own paragraph.
    summary = [line.strip() for line in str(p.get("summary") or "").splitlines()]
    outcome = f"Uitkomst: {_label(Outcome, p.get('outcome'))}"
    lines: tuple[str, ...] = (outcome,)
    refusal = p.get("refusal")
    if isinstance(refusal, dict):
        lines += (f"Reden (Awb 9:8): {_label(RefusalGround, refusal.get('ground'))}",)
    lines += tuple(line for line in summary if line)
    judgements = p.get("judgements")
    for j in judgements if isinstance(judgements, list) else ():
        if isinstance(j, dict):
            lines += _judgement_lines(j)
    ombudsman = p.get("ombudsman")
    if isinstance(ombudsman, dict) and (until := _day(ombudsman.get("until"))):
        lines += (f"Naar {ombudsman.get('name') or 'de ombudsman'}: uiterlijk {until}",)
    return "Afgehandeld", lines


def _judgement_lines(j: dict[str, Any]) -> tuple[str, ...]:
    """One element of a complaint and its judgement (Awb 9:12)."""
    norm = f" (norm: {_label(Norm, j.get('norm')).lower()})" if j.get("norm") else ""
    lines: tuple[str, ...] = (
        f"Onderdeel {j.get('position') or ''}: {j.get('element') or ''}".strip(),
        f"Oordeel: {_label(Judgement, j.get('judgement')).lower()}{norm}. {j.get('reasons') or ''}",
    )
    if measures := j.get("measures"):
        lines += (f"Wat er gebeurt: {measures}",)
    return lines


def _hearing_offered(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    planned = dateparse.parse_datetime(str(p.get("plannedAt") or ""))
    when = dateformat.format(timezone.localtime(planned), "l j F Y \\o\\m H:i") if planned else ""
    where = "telefonisch" if p.get("byPhone") else str(p.get("place") or "")
    lines = tuple(line for line in (f"Wanneer: {when}" if when else "", f"Waar: {where}") if line)
    return "Uitgenodigd voor het horen (Awb 9:10)", lines


def _hearing_held(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    report = [line.strip() for line in str(p.get("report") or "").splitlines()]
    held = _day(p.get("heldOn"))
    return (f"Indiener gehoord op {held}" if held else "Indiener gehoord"), tuple(
        line for line in report if line
    )


def _hearing_skipped(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    explanation = [line.strip() for line in str(p.get("explanation") or "").splitlines()]
    return "Afgezien van horen", (
        f"Reden: {_label(HearingSkipGround, p.get('ground'))}",
        *(line for line in explanation if line),
    )


def _holder(party: object) -> str:
    if not isinstance(party, dict):
        return ""
    return str(party.get("organisationName") or party.get("teamName") or "")


def _routed(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    to = p.get("organisationName") or p.get("teamName") or "onbekend"
    reason = p.get("reason")
    return f"Naar {to} gestuurd (wegwijzer)", ((str(reason),) if reason else ())


def _handed_over(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    before, after = _holder(p.get("before")), _holder(p.get("after"))
    if p.get("by") == "organisatie":
        title = f"Teruggegeven aan de gemeente door {before}" if before else "Teruggegeven"
    else:
        title = f"Overgedragen aan {after}" if after else "Overgedragen"
    lines: tuple[str, ...] = (
        (f"Lag bij: {before}",) if before and p.get("by") != "organisatie" else ()
    )
    if reason := p.get("reason"):
        lines += (f"Reden: {reason}",)
    return title, lines


def _accepted(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return f"Geaccepteerd door {p.get('organisationName') or 'de organisatie'}", ()


def _progress(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    text = [line.strip() for line in str(p.get("text") or "").splitlines()]
    return "Voortgang van de organisatie", tuple(line for line in text if line)


def _employee_named(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    name = p.get("employeeName") or "een medewerker"
    return f"Klacht gaat over {name}", ("Deze persoon behandelt de klacht niet (Awb 9:7).",)


def _escalated(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    level = _label(EscalationLevel, p.get("level")).lower()
    lines: tuple[str, ...] = ()
    if previous := p.get("previousLevel"):
        lines += (f"Lag bij: {_label(EscalationLevel, previous).lower()}",)
    if name := p.get("assignedToName"):
        lines += (f"Pakt het op: {name}",)
    if due := _day(p.get("due")):
        lines += (f"Termijn: uiterlijk {due}",)
    if reason := p.get("reason"):
        lines += (f"Reden: {reason}",)
    return f"Geëscaleerd naar {level}", lines


def _exception_made(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    exception = [line.strip() for line in str(p.get("exception") or "").splitlines()]
    lines = tuple(line for line in exception if line)
    if name := p.get("decidedByName"):
        lines += (f"Besloten door: {name}",)
    if cost := p.get("costEuros"):
        lines += (f"Kosten: € {str(cost).replace('.', ',')}",)
    return "Uitzondering op de regels gemaakt (doorbraak)", lines


def _ombudsman_referred(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    reference = p.get("theirReference")
    return f"Naar {p.get('ombudsman') or 'de ombudsman'}", (
        (f"Kenmerk van de ombudsman: {reference}",) if reference else ()
    )


def _ombudsman_outcome(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    lines: tuple[str, ...] = (f"Oordeel: {_label(Judgement, p.get('judgement')).lower()}",)
    for key, word in (
        ("findings", "Bevindingen"),
        ("recommendations", "Aanbevelingen"),
        ("response", "Wat de gemeente ermee doet"),
    ):
        if text := p.get(key):
            lines += (f"{word}: {text}",)
    return f"Oordeel van {p.get('ombudsman') or 'de ombudsman'}", lines


def _follow_up_planned(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    due = _day(p.get("due"))
    return "Nazorg gepland", ((f"De indiener vragen hoe het gaat: {due}",) if due else ())


def _follow_up_answered(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    by = "de indiener (statuspagina)" if p.get("by") == "indiener" else "de behandelaar (check-in)"
    result = "opgelost: zaak gesloten" if p.get("solved") else "niet opgelost: zaak heropend"
    lines: tuple[str, ...] = (f"Vastgelegd door {by}",)
    if isinstance(p.get("score"), int):
        lines += (f"Cijfer: {p['score']} van 5",)
    comment = [line.strip() for line in str(p.get("comment") or "").splitlines()]
    return f"Nazorg: {result}", lines + tuple(line for line in comment if line)


def _information_added(event: Event, p: dict[str, Any], actor: str) -> TimelineEntry:
    """The resident's own words, and the file they sent, which staff download."""
    text = [line.strip() for line in str(p.get("text") or "").splitlines()]
    lines = tuple(line for line in text if line)
    attachment = p.get("attachment")
    if not isinstance(attachment, dict) or not isinstance(attachment.get("id"), int):
        return TimelineEntry(event.at, "Informatie aangevuld door de indiener", actor, lines)
    size = int(attachment.get("size") or 0)
    megabyte = 1024 * 1024
    shown = f"{size / megabyte:.1f} MB" if size >= megabyte else f"{max(size // 1024, 1)} kB"
    return TimelineEntry(
        event.at,
        "Informatie aangevuld door de indiener",
        actor,
        lines,
        link_url=reverse("web:attachment", kwargs={"pk": attachment["id"]}),
        link_text=f"Bijlage downloaden: {attachment.get('name') or 'bijlage'} ({shown})",
    )


def _letter(event: Event, p: dict[str, Any], actor: str) -> TimelineEntry:
    """A letter to the resident (regie.documents), with its PDF to download."""
    label = _label(LetterKind, p.get("kind"))
    by = "per e-mail" if p.get("channel") == "email" else "per post (PDF om te printen)"
    letter_id = p.get("letterId")
    if not isinstance(letter_id, int):
        return TimelineEntry(event.at, f"Brief: {label}", actor, (by,))
    return TimelineEntry(
        event.at,
        f"Brief: {label}",
        actor,
        (by,),
        link_url=reverse("web:letter_pdf", kwargs={"pk": letter_id}),
        link_text=f"Brief downloaden (PDF): {label}",
    )


RENDERERS: dict[str, Callable[[dict[str, Any]], tuple[str, tuple[str, ...]]]] = {
    EventType.RECEIVED: _received,
    EventType.ASSIGNED: _assigned,
    EventType.ACKNOWLEDGED: _acknowledged,
    EventType.STATUS_CHANGED: _status_changed,
    EventType.DEADLINE_SET: _deadline_set,
    EventType.CONTACT: _contact,
    EventType.POSTPONED: _postponed,
    EventType.COMMITTEE: _committee,
    EventType.FIRST_CONVERSATION: _first_conversation,
    EventType.CONCLUDED: _concluded,
    EventType.ROUTED: _routed,
    EventType.HANDED_OVER: _handed_over,
    EventType.ACCEPTED: _accepted,
    EventType.PROGRESS: _progress,
    EventType.EMPLOYEE_NAMED: _employee_named,
    EventType.FOLLOW_UP_PLANNED: _follow_up_planned,
    EventType.FOLLOW_UP_ANSWERED: _follow_up_answered,
    EventType.ESCALATED: _escalated,
    EventType.EXCEPTION_MADE: _exception_made,
    EventType.OMBUDSMAN_REFERRED: _ombudsman_referred,
    EventType.OMBUDSMAN_OUTCOME: _ombudsman_outcome,
    EventType.HEARING_OFFERED: _hearing_offered,
    EventType.HEARING_HELD: _hearing_held,
    EventType.HEARING_SKIPPED: _hearing_skipped,
    EventType.TRIAGED: triage_words.triaged,
    EventType.TRIAGE_CONFIRMED: triage_words.confirmed,
    EventType.TRIAGE_CORRECTED: triage_words.corrected,
}


def timeline_entries(events: Iterable[Event]) -> list[TimelineEntry]:
    entries = []
    for event in events:
        payload = event.payload if isinstance(event.payload, dict) else {}
        actor = event.actor_label or "Systeem"
        if event.type == EventType.NOTE_ADDED:
            title = "Interne notitie"
            if payload.get("shareable") is True:
                title += " (mag gedeeld worden met de ombudsman)"
            entries.append(TimelineEntry(event.at, title, actor, note=str(payload.get("text", ""))))
            continue
        if event.type == EventType.INFORMATION_ADDED:
            entries.append(_information_added(event, payload, actor))
            continue
        if event.type == EventType.LETTER:
            entries.append(_letter(event, payload, actor))
            continue
        render = RENDERERS.get(event.type)
        if render is None:
            # A type added elsewhere still shows up, with its own label, until it gets words.
            entries.append(TimelineEntry(event.at, _label(EventType, event.type), actor))
            continue
        title, lines = render(payload)
        letter = event.type == EventType.ACKNOWLEDGED and acknowledged_by(payload) == "post"
        entries.append(TimelineEntry(event.at, title, actor, lines, date_only=letter))
    return entries
