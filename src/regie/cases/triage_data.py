"""Training data for triage, read from the register: what people settled on. Triage itself
reads no cases (it sits below the register); `regie triage train` hands it these.

Two sources, each case once:
- cases whose triage suggestion a person confirmed or corrected (the verdict counts, not the
  suggestion);
- concluded cases without such a verdict whose domain is not the default "overig": somebody
  set that domain while handling the case.
"""

from __future__ import annotations

from collections.abc import Iterator

from regie.cases.models import Case, TriageState, TriageSuggestion
from regie.vocabulary import CONCLUDED_STATUSES, Domain, Urgency


def _text(case: Case) -> str:
    return "\n".join(part for part in (case.subject, case.description) if part)


def training_examples() -> Iterator[tuple[str, str, str, bool]]:
    """(text, domain, kind, urgent) per case, oldest first; summary-only cases (whose text
    is not kept in full) are left out."""
    verdicts = (
        TriageSuggestion.objects.filter(
            state__in=[TriageState.CONFIRMED, TriageState.CORRECTED],
            case__summary_only=False,
        )
        .select_related("case")
        .order_by("case_id")
    )
    seen: set[int] = set()
    for row in verdicts.iterator(chunk_size=2000):
        case = row.case
        text = _text(case)
        if not text.strip():
            continue
        seen.add(case.pk)
        yield (text, row.verdict_domain, row.verdict_kind, row.verdict_urgent)
    concluded = (
        Case.objects.filter(status__in=list(CONCLUDED_STATUSES), summary_only=False)
        .exclude(domain=Domain.OVERIG)
        .exclude(triage__state__in=[TriageState.CONFIRMED, TriageState.CORRECTED])
        .order_by("pk")
        .only("pk", "subject", "description", "domain", "kind", "urgency")
    )
    for case in concluded.iterator(chunk_size=2000):
        if case.pk in seen:
            continue
        text = _text(case)
        if text.strip():
            yield (text, case.domain, case.kind, case.urgency == Urgency.SPOED)
