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
    """Who is responsible in a municipality for a topic, else for its domain as a whole.

    One query, without the model's ordering: it would join the municipality and topic tables
    only to sort two rows (routing asks this for every intake).
    """
    topics = Q(topic__isnull=True) | Q(topic_id=topic_id) if topic_id else Q(topic__isnull=True)
    rows = list(
        Responsibility.objects.select_related(
            "help_team",
            "help_organisation",
            "complaint_team",
            "complaint_organisation",
            "escalation_team",
        )
        .filter(topics, municipality_id=municipality_id, domain=domain)
        .order_by()
    )
    specific = next((r for r in rows if topic_id and r.topic_id == topic_id), None)
    return specific or next((r for r in rows if r.topic_id is None), None)


def organisation_serves(organisation: Organisation, municipality_id: int) -> bool:
    return organisation.municipalities.filter(pk=municipality_id).exists()


def oversight_of(municipality_id: int, domain: str, organisation: Organisation) -> str:
    """How far the municipality keeps this organisation's work in a domain in view: the
    closest level agreed for any of its responsibilities there ("" when none is recorded)."""
    levels = set(
        Responsibility.objects.filter(municipality_id=municipality_id, domain=domain)
        .filter(Q(help_organisation=organisation) | Q(complaint_organisation=organisation))
        .order_by()
        .values_list("oversight", flat=True)
    )
    for level in (Oversight.VOLLEDIG, Oversight.SAMENVATTING, Oversight.GEEN):
        if level in levels:
            return level
    return ""
