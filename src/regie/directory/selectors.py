from __future__ import annotations

from django.db.models import Q

from regie.directory.generation import directory_cached
from regie.directory.models import Municipality, Organisation, Responsibility, Topic
from regie.vocabulary import Oversight

# Every intake asks the first four for its case: they are kept while the directory stays the
# same (`generation`). What they return is shared by the process: read it, never change it.


def municipality_by_code(code: str) -> Municipality | None:
    return directory_cached(
        ("municipality", code), lambda: Municipality.objects.filter(code=code).first()
    )


def organisation_by_slug(slug: str) -> Organisation | None:
    return directory_cached(
        ("organisation", slug), lambda: Organisation.objects.filter(slug=slug).first()
    )


def responsibility_for(
    municipality_id: int, domain: str, topic_id: int | None = None
) -> Responsibility | None:
    """Who is responsible in a municipality for a topic, else for its domain as a whole.

    One query, without the model's ordering: it would join the municipality and topic tables
    only to sort two rows (routing asks this for every intake).
    """
    topics = Q(topic__isnull=True) | Q(topic_id=topic_id) if topic_id else Q(topic__isnull=True)

    def load() -> list[Responsibility]:
        return list(
            Responsibility.objects.select_related(
                "help_team",
                "help_organisation",
                "complaint_team",
                "complaint_organisation",
                "escalation_team",
                "topic",
            )
            .filter(topics, municipality_id=municipality_id, domain=domain)
            .order_by()
        )

    rows = directory_cached(("responsibility", municipality_id, domain, topic_id), load)
    specific = next((r for r in rows if topic_id and r.topic_id == topic_id), None)
    return specific or next((r for r in rows if r.topic_id is None), None)


def organisation_serves(organisation: Organisation, municipality_id: int) -> bool:
    served = directory_cached(
        ("serves", organisation.pk),
        lambda: frozenset(organisation.municipalities.values_list("pk", flat=True)),
    )
    return municipality_id in served


def all_topics() -> dict[int, Topic]:
    """Every topic by its id (the intake's triage and the wegwijzer match words to them)."""
    return directory_cached(("topics",), lambda: {t.pk: t for t in Topic.objects.all()})


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
