from __future__ import annotations

from regie.directory.models import Municipality, Organisation, Responsibility


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
