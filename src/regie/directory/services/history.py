"""Writing a change and its history row together: per field the old and the new value, as
text a person reads (the row may be renamed or gone by the time someone looks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models
from django.utils.text import capfirst

from regie.directory.models import DirectoryChange
from regie.directory.services.common import Administered, Editor, M, Saved, municipality_of
from regie.vocabulary import Domain

FieldChange = dict[str, str]  # {"field", "label", "old", "new"}

# Fields whose model label is the English default, in the words Beheer shows.
LABELS = {
    "norm_acknowledgement_working_days": "Ontvangstbevestiging binnen (werkdagen)",
    "norm_first_contact_working_days": "Eerste contact binnen (werkdagen)",
    "wgs_decision_weeks": "Besluit schuldhulp binnen (weken)",
    "ombudsman_name": "Ombudsman",
    "ombudsman_url": "Internetadres van de ombudsman",
    "name": "Naam",
    "email": "Mailbox",
    "domains": "Domeinen",
    "domain": "Domein",
    "description": "Beschrijving",
    "topic": "Onderwerp",
    "help_team": "Helpt: team",
    "help_organisation": "Helpt: organisatie",
    "complaint_team": "Klachten: team",
    "complaint_organisation": "Klachten: organisatie",
    "escalation_team": "Escalatie naar",
    "support": "Onafhankelijke hulp",
    "slug": "Adres (slug)",
    "day": "Dag",
    "position": "Volgorde",
}
# JSON lists whose values have labels of their own.
LIST_LABELS: Mapping[str, Mapping[str, str]] = {"domains": dict(Domain.choices)}


def label(field: Any) -> str:
    return LABELS.get(field.name) or capfirst(str(field.verbose_name))


def as_text(field: Any, value: Any) -> str:
    """A value as the history shows it: a choice by its label, a date as dd-mm-jjjj, a list
    joined, a row by its name, empty as ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        items = [as_text(field, v) for v in value]
        return ", ".join(items if isinstance(value, list | tuple) else sorted(items))
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    labels = dict(field.flatchoices) if field.choices else LIST_LABELS.get(field.name, {})
    return str(labels.get(value, value))


def field_change(field: Any, old: Any, new: Any) -> FieldChange:
    return {
        "field": field.name,
        "label": label(field),
        "old": as_text(field, old),
        "new": as_text(field, new),
    }


def _diff(obj: models.Model, values: Mapping[str, Any]) -> list[FieldChange]:
    changes = []
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            changes.append(field_change(obj._meta.get_field(name), old, new))
    return changes


def filled_in(obj: models.Model, names: Iterable[str]) -> list[FieldChange]:
    """A new row as a change of every filled-in field from empty."""
    changes = [field_change(obj._meta.get_field(n), None, getattr(obj, n)) for n in names]
    return [c for c in changes if c["new"]]


def record(
    *, obj: Administered, by: Editor, at: dt.datetime, action: str, changes: list[FieldChange]
) -> DirectoryChange:
    return DirectoryChange.objects.create(
        at=at,
        actor_user_id=by.user_id,
        actor_label=by.label or "Onbekend",
        action=action,
        object_model=obj._meta.model_name or "",
        object_id=obj.pk,
        object_label=str(obj)[:300],
        municipality=municipality_of(obj),
        changes=changes,
    )


def update(
    obj: M,
    values: Mapping[str, Any],
    *,
    by: Editor,
    at: dt.datetime,
    extra: Sequence[FieldChange] = (),
) -> Saved[M]:
    """Write the fields that differ and record them in one history row. `extra` are changes
    the caller writes itself (a many-to-many) that belong in the same row."""
    changes = _diff(obj, values) + list(extra)
    if not changes:
        return Saved(obj, None)
    changed = [c["field"] for c in changes if c["field"] in values]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    row = record(obj=obj, by=by, at=at, action=DirectoryChange.Action.CHANGED, changes=changes)
    return Saved(obj, row)


def created(
    obj: M,
    names: Iterable[str],
    *,
    by: Editor,
    at: dt.datetime,
    extra: Sequence[FieldChange] = (),
) -> Saved[M]:
    """Record a row the caller has just saved."""
    changes = filled_in(obj, names) + list(extra)
    row = record(obj=obj, by=by, at=at, action=DirectoryChange.Action.CREATED, changes=changes)
    return Saved(obj, row)


def deleted(obj: Administered, names: Iterable[str], *, by: Editor, at: dt.datetime) -> None:
    """Record what a row said before the caller deletes it, so it can be typed in again."""
    gone = [{**c, "old": c["new"], "new": ""} for c in filled_in(obj, names)]
    record(obj=obj, by=by, at=at, action=DirectoryChange.Action.DELETED, changes=gone)
