from __future__ import annotations

from django.db.models import Q

from regie.directory.models import Municipality, Organisation, Responsibility
from regie.vocabulary import Oversight


def municipality_by_code(code: str) -> Municipality | None:
    return Municipality.objects.filter(code=code).first()


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def responsibility_for(
    municipality_id: int, domain: str, topic_id: int | None = None
) -> Responsibility | None:
    """Who is responsible in a municipality for a topic, else for its domain as a whole."""
    rows = Responsibility.objects.select_related(
        "help_team",
        "help_organisation",
        "complaint_team",
        "complaint_organisation",
        "escalation_team",
    ).filter(municipality_id=municipality_id, domain=domain)
    if topic_id is not None:
        found = rows.filter(topic_id=topic_id).first()
        if found is not None:
            return found
    return rows.filter(topic__isnull=True).first()


def organisation_serves(organisation: Organisation, municipality_id: int) -> bool:
    return organisation.municipalities.filter(pk=municipality_id).exists()


def oversight_of(municipality_id: int, domain: str, organisation: Organisation) -> str:
    """How far the municipality keeps this organisation's work in a domain in view: the
    closest level agreed for any of its responsibilities there ("" when none is recorded)."""
    levels = set(
        Responsibility.objects.filter(municipality_id=municipality_id, domain=domain)
        .filter(Q(help_organisation=organisation) | Q(complaint_organisation=organisation))
        .values_list("oversight", flat=True)
    )
    for level in (Oversight.VOLLEDIG, Oversight.SAMENVATTING, Oversight.GEEN):
        if level in levels:
            return level
    return ""
