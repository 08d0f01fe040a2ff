"""Days equated with a holiday by royal decree (Atw art. 3), newer than this release of Regie."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from regie.deadlines import KNOWN_DECREE_DAYS
from regie.directory.models import EquatedDay
from regie.directory.services import history
from regie.directory.services.common import (
    NAME,
    Check,
    DirectoryError,
    Editor,
    Saved,
    moment,
    require,
)

ALREADY_KNOWN = "Deze dag staat er al in."


def equated_day_known(day: dt.date) -> bool:
    """Already a decree day: built into `regie.deadlines.decrees` or added before."""
    return day in KNOWN_DECREE_DAYS or EquatedDay.objects.filter(day=day).exists()


def equated_day_add(
    *, day: dt.date, decree: str, by: Editor, at: dt.datetime | None = None
) -> Saved[EquatedDay]:
    """Every deadline computed from now on counts the day as a holiday; deadlines already
    stored keep their date (they were right when they were computed)."""
    row = EquatedDay(day=day)
    require(by, row)
    when = moment(at)
    check = Check()
    if day.weekday() >= 5:
        check.fail("day", "Deze dag valt in het weekend; dat is al geen werkdag.")
    elif equated_day_known(day):
        check.fail("day", ALREADY_KNOWN)
    row.decree = check.text(
        "decree", decree, limit=NAME, required="Vul het besluit in, zoals Stb. 2029, 123."
    )
    check.done()
    try:
        with transaction.atomic():
            row.save()
            return history.created(row, ("day", "decree"), by=by, at=when)
    except IntegrityError as exc:  # the same day, added by someone else a moment ago
        raise DirectoryError({"day": ALREADY_KNOWN}) from exc
