"""Triage in words for staff (issue 9): confidence as "vrij zeker" or "twijfel", and the
timeline entries of the suggestion and a person's verdict. Internal: never on the resident's
status page."""

from __future__ import annotations

from typing import Any

from regie.triage.suggestion import SURE
from regie.vocabulary import Domain, Kind, Urgency

# Above this the suggestion reads as "zeker"; between SURE and it "vrij zeker".
VERY_SURE = 0.85


def confidence_words(confidence: float) -> str:
    if confidence >= VERY_SURE:
        return "zeker"
    if confidence >= SURE:
        return "vrij zeker"
    return "twijfel"


def domain_label(value: object) -> str:
    try:
        return str(Domain(str(value)).label)
    except ValueError:
        return str(value or "onbekend")


def kind_label(value: object) -> str:
    try:
        return str(Kind(str(value)).label).lower()
    except ValueError:
        return str(value or "onbekend")


def _changes(p: dict[str, Any]) -> tuple[str, ...]:
    changes = p.get("changes")
    if not isinstance(changes, dict):
        return ()
    lines: list[str] = []
    labels = {
        "domain": ("Domein", domain_label),
        "kind": ("Soort", kind_label),
        "urgency": ("Urgentie", lambda v: str(Urgency(v).label) if v in Urgency.values else v),
    }
    for name, (label, word) in labels.items():
        change = changes.get(name)
        if isinstance(change, dict):
            lines.append(f"{label}: {word(change.get('before'))} → {word(change.get('after'))}")
    route = changes.get("route")
    if isinstance(route, dict) and isinstance(route.get("after"), dict):
        after = route["after"]
        party = after.get("teamName") or after.get("organisationName") or ""
        lines.append(f"Naar {party}: {after.get('reason', '')}".rstrip(": "))
    deadline = changes.get("deadline")
    if isinstance(deadline, dict) and isinstance(deadline.get("after"), dict):
        due = deadline["after"].get("due")
        if due:
            lines.append(f"Eerste gesprek schuldhulp: uiterlijk {due}")
    return tuple(lines)


def triaged(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    confidence = p.get("confidence")
    sure = confidence_words(float(confidence)) if isinstance(confidence, int | float) else ""
    lines = [f"Domein: {domain_label(p.get('domain'))}" + (f" ({sure})" if sure else "")]
    if p.get("domainRunnerUp"):
        lines.append(f"Tweede keus: {domain_label(p.get('domainRunnerUp'))}")
    if p.get("urgent"):
        reasons = p.get("urgentReasons") or []
        lines.append("Mogelijk spoed" + (f": {'; '.join(map(str, reasons))}" if reasons else ""))
    if p.get("crisisProposed"):
        lines.append("Voorstel: crisistermijn schuldhulp (3 werkdagen), nog te bevestigen")
    return "Triage-voorstel", tuple(lines)


def confirmed(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return "Triage-voorstel bevestigd", _changes(p) or ("Niets gewijzigd",)


def corrected(p: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return "Triage-voorstel aangepast", _changes(p) or ("Niets gewijzigd",)
