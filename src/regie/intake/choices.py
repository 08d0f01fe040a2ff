"""The directory data the intake forms offer as choices: municipalities and the organisations
that work for them. Kept here so views never query the directory themselves."""

from __future__ import annotations

from regie.directory.models import Municipality, Organisation
from regie.vocabulary import OUTSOURCED_KINDS


def municipalities() -> list[Municipality]:
    return list(Municipality.objects.order_by("name"))


def organisations_serving(municipality: Municipality | None) -> list[Organisation]:
    """Organisations a case may be about. Without a municipality (not chosen yet, and no
    JavaScript to narrow the list) every organisation that serves any municipality; the
    intake service refuses one that does not serve the chosen municipality."""
    qs = Organisation.objects.filter(kind__in=OUTSOURCED_KINDS).order_by("name")
    if municipality is not None:
        return list(qs.filter(municipalities=municipality))
    return list(qs.filter(municipalities__isnull=False).distinct())
