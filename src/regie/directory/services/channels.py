"""How to reach a municipality, a team or an organisation: phone, e-mail, address, web form."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction

from regie import limits
from regie.directory.models import ContactChannel, Municipality, Organisation, Team
from regie.directory.services import history
from regie.directory.services.common import NAME, Check, Editor, Saved, locked, moment, require
from regie.vocabulary import ContactKind

ChannelOwner = Municipality | Team | Organisation
FIELDS = ("kind", "value", "note", "position")
MOST_POSITION = 999
# Lenient on purpose: people write numbers in many ways ("14 0000", "+31 (0)20-123 45 67").
PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]*$")


def _values(check: Check, *, kind: str, value: str, note: str, position: int) -> dict[str, Any]:
    check.choice("kind", kind, ContactKind, "Kies een soort uit de lijst.")
    value = check.text(
        "value",
        value,
        limit=limits.POSTAL_ADDRESS,
        required="Vul de gegevens in, zoals een telefoonnummer, e-mailadres of adres.",
    )
    if value and check.ok("value"):
        if kind == ContactKind.EMAIL:
            check.email("value", value)
        elif kind in (ContactKind.WEBSITE, ContactKind.WEBFORMULIER):
            check.url("value", value)
        elif kind == ContactKind.TELEFOON and not PHONE.match(value):
            check.fail("value", "Vul een telefoonnummer in, zoals 14 0000 of 0000 123 450.")
    note = check.text("note", note, limit=NAME)
    check.number(
        "position", position, (0, MOST_POSITION), "Vul een volgnummer in van 0 tot en met 999."
    )
    return {"kind": kind, "value": value, "note": note, "position": position}


def channel_add(
    *,
    owner: ChannelOwner,
    by: Editor,
    kind: str,
    value: str,
    note: str = "",
    position: int = 0,
    at: dt.datetime | None = None,
) -> Saved[ContactChannel]:
    if isinstance(owner, Municipality):
        channel = ContactChannel(municipality=owner)
    elif isinstance(owner, Team):
        channel = ContactChannel(team=owner)
    else:
        channel = ContactChannel(organisation=owner)
    require(by, channel)
    when = moment(at)
    check = Check()
    values = _values(check, kind=kind, value=value, note=note, position=position)
    check.done()
    for name, new in values.items():
        setattr(channel, name, new)
    with transaction.atomic():
        channel.save()
        return history.created(channel, FIELDS, by=by, at=when)


def channel_update(
    *,
    channel: ContactChannel,
    by: Editor,
    kind: str,
    value: str,
    note: str = "",
    position: int = 0,
    at: dt.datetime | None = None,
) -> Saved[ContactChannel]:
    require(by, channel)
    when = moment(at)
    check = Check()
    values = _values(check, kind=kind, value=value, note=note, position=position)
    check.done()
    with transaction.atomic():
        current = locked(channel)
        require(by, current)
        return history.update(current, values, by=by, at=when)


def channel_delete(*, channel: ContactChannel, by: Editor, at: dt.datetime | None = None) -> None:
    require(by, channel)
    when = moment(at)
    with transaction.atomic():
        current = locked(channel)
        require(by, current)
        history.deleted(current, FIELDS, by=by, at=when)
        current.delete()
