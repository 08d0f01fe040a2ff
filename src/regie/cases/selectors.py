"""Every read of cases goes through here, with the caller's Scope.

Each grant adds one condition, written one per line so coverage shows every branch
(Zulip's access_*_by_* habit). An empty scope sees nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from regie.accounts.scope import Grant, Scope
from regie.cases.models import OPEN, Case, CaseDeadline, Event, FollowUp, QueuedIntake
from regie.vocabulary import CONCLUDED_STATUSES, Status

# A grant as alternatives, each a set of field lookups (`field` or `field__in`). One rule with
# two readers: `cases_visible_to` turns it into SQL, `grant_covers` checks one case in Python
# (to know whom a case may be assigned to without a query per person).
Lookups = dict[str, Any]


def _grant_alternatives(grant: Grant) -> list[Lookups]:
    if grant.case_id is not None:
        # Broken glass: this one case, for as long as the CaseGrant lasts.
        return [{"id": grant.case_id}]
    if grant.handler_id is not None:
        return [{"handler_id": grant.handler_id}]
    if grant.organisation_id is not None:
        # A provider or GR sees what is about it, what it registered itself, and what was
        # routed or forwarded to it.
        return [
            {"about_id": grant.organisation_id},
            {"source_organisation_id": grant.organisation_id},
            {"handling_organisation_id": grant.organisation_id},
        ]
    # Municipal staff see a provider's own cases only when the council agreed to more than a
    # summary of that work (Responsibility.oversight).
    if grant.team_id is not None:
        own_queue: Lookups = {"handling_team_id": grant.team_id, "summary_only": False}
        if not grant.team_domains:
            return [own_queue]
        return [
            own_queue,
            {
                "municipality_id": grant.team_municipality_id,
                "domain__in": grant.team_domains,
                "summary_only": False,
            },
        ]
    if grant.municipality_id is not None and grant.domain:
        return [
            {
                "municipality_id": grant.municipality_id,
                "domain": grant.domain,
                "summary_only": False,
            }
        ]
    if grant.municipality_id is not None:
        return [{"municipality_id": grant.municipality_id, "summary_only": False}]
    return []


def _matches(facts: Mapping[str, Any], lookups: Lookups) -> bool:
    for key, wanted in lookups.items():
        name, _, op = key.partition("__")
        if op == "in":
            if facts[name] not in wanted:
                return False
        elif facts[name] != wanted:
            return False
    return True


def case_facts(case: Case, **changes: Any) -> dict[str, Any]:
    """The fields visibility depends on, with `changes` applied (the case as it would be)."""
    facts = {name: getattr(case, name) for name in VISIBILITY_FIELDS}
    facts.update(changes)
    return facts


VISIBILITY_FIELDS = (
    "id",
    "handler_id",
    "municipality_id",
    "domain",
    "handling_team_id",
    "handling_organisation_id",
    "about_id",
    "source_organisation_id",
    "summary_only",
)


def grant_covers(grant: Grant, facts: Mapping[str, Any]) -> bool:
    return any(_matches(facts, lookups) for lookups in _grant_alternatives(grant))


def case_visible_to(scope: Scope, case: Case) -> bool:
    """Whether `scope` sees `case` as loaded: `cases_visible_to` for one case, without a
    query (the write path asks this before every change)."""
    if scope.everything:
        return True
    facts = case_facts(case)
    return any(grant_covers(grant, facts) for grant in scope.grants)


def cases_visible_to(scope: Scope) -> QuerySet[Case]:
    qs = Case.objects.all()
    if scope.everything:
        return qs
    if not scope.grants:
        return qs.none()
    condition = Q(pk__in=[])
    for grant in scope.grants:
        for lookups in _grant_alternatives(grant):
            condition |= Q(**lookups)
    return qs.filter(condition)


def case_by_reference(scope: Scope, reference: str) -> Case | None:
    """None when the case does not exist *or* lies outside the scope: callers answer 404 in
    both situations so that a reference reveals nothing."""
    return (
        cases_visible_to(scope)
        .select_related(
            "municipality", "about", "handling_team", "handler", "handling_organisation"
        )
        .filter(reference=reference)
        .first()
    )


def case_by_status_token(token: str) -> Case | None:
    """The submitter's private status link is its own scope: whoever holds the token."""
    if not token or len(token) > 64:
        return None
    return Case.objects.select_related("municipality").filter(status_token=token).first()


def case_timeline(case: Case) -> QuerySet[Event]:
    return case.events.select_related("actor_user").order_by("at", "pk")


# Where a term falls in the Amsterdam calendar week (/werk?termijn=…, "Mijn termijnen").
# One definition read by the worklist's filter and by the counts above it, so a count and
# the list behind its link cannot disagree.
TERM_BUCKETS = ("te-laat", "vandaag", "deze-week", "volgende-week", "later", "geen")


def week_end(today: dt.date) -> dt.date:
    """The Sunday that closes the week of `today` (today itself on a Sunday)."""
    return today + dt.timedelta(days=6 - today.weekday())


def due_in(bucket: str, today: dt.date, field: str = "next_due") -> Q:
    """`field` (a date) falls in `bucket`; "geen" is no date at all."""
    sunday = week_end(today)
    next_sunday = sunday + dt.timedelta(days=7)
    return {
        "te-laat": Q(**{f"{field}__lt": today}),
        "vandaag": Q(**{field: today}),
        "deze-week": Q(**{f"{field}__gt": today, f"{field}__lte": sunday}),
        "volgende-week": Q(**{f"{field}__gt": sunday, f"{field}__lte": next_sunday}),
        "later": Q(**{f"{field}__gt": next_sunday}),
        "geen": Q(**{f"{field}__isnull": True}),
    }[bucket]


def _term_condition(bucket: str, term_type: str, today: dt.date) -> Q:
    if not term_type:
        # The nearest open term, as the list sorts and colours it.
        return due_in(bucket, today)
    # One kind of term: the bucket applies to that term, whatever else falls due first. A
    # concluded case's unmet terms are history, not work (refresh_next_due).
    open_terms = CaseDeadline.objects.filter(
        case=OuterRef("pk"), type=term_type, superseded=False, met_at__isnull=True
    )
    if bucket and bucket != "geen":
        open_terms = open_terms.filter(due_in(bucket, today, field="due"))
    has_term = Q(Exists(open_terms)) & ~Q(status__in=CONCLUDED_STATUSES)
    return ~has_term if bucket == "geen" else has_term


@dataclass(frozen=True)
class WorklistFilter:
    queue: str = "mine"  # mine | team | unassigned | all
    kind: str = ""
    domain: str = ""
    status: str = "open"  # open | a Status value | "" for any
    query: str = ""
    term: str = ""  # one of TERM_BUCKETS, or "" for any
    term_type: str = ""  # a CaseDeadline.type, or "" for the nearest term of any kind
    today: dt.date | None = None  # the day the term buckets count from (localdate)


def worklist(
    scope: Scope, flt: WorklistFilter, *, user_id: int | None, team_ids: set[int]
) -> QuerySet[Case]:
    """Cases for the staff worklist, sorted by what falls due first (no deadline last)."""
    # "Mijn zaken" of someone whose scope holds their own cases needs no scope filter: it
    # would only add an OR PostgreSQL cannot read from the handler's index alone.
    visible = (
        Case.objects.all() if _own_cases_only(scope, flt, user_id) else cases_visible_to(scope)
    )
    qs = visible.select_related(
        "municipality", "handling_team", "handler", "about", "handling_organisation"
    )
    qs = _worklist_filtered(qs, flt, user_id=user_id, team_ids=team_ids)
    return qs.order_by(F("next_due").asc(nulls_last=True), "received_at", "pk")


def _worklist_filtered(
    qs: QuerySet[Case], flt: WorklistFilter, *, user_id: int | None, team_ids: set[int]
) -> QuerySet[Case]:
    if flt.queue == "mine":
        qs = qs.filter(handler_id=user_id)
    elif flt.queue == "team":
        qs = qs.filter(handling_team_id__in=team_ids)
    elif flt.queue == "organisations":
        # Outsourced work the municipality keeps in view: what lies with a provider or GR.
        qs = qs.filter(handling_organisation__isnull=False)
    elif flt.queue == "unassigned":
        # Nobody of the municipality has picked it up, and it is not with a provider or GR.
        qs = qs.filter(handler__isnull=True, handling_organisation__isnull=True)
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.domain:
        qs = qs.filter(domain=flt.domain)
    if flt.status == "open":
        qs = qs.filter(OPEN)
    elif flt.status:
        qs = qs.filter(status=flt.status)
    if flt.query:
        qs = qs.filter(_search(flt.query))
    term = flt.term if flt.term in TERM_BUCKETS else ""
    if term or flt.term_type:
        today = flt.today or timezone.localdate()
        qs = qs.filter(_term_condition(term, flt.term_type, today))
    return qs


# A reference as the intake writes it (KL-2026-000123, KL-0363-2026-000123), in any case.
REFERENCE_LIKE = re.compile(r"^[A-Za-z]{2}(-[0-9]+)+$")


def _search(query: str) -> Q:
    """A reference is looked up exactly, with the unique index (references are uppercase);
    anything else is matched against the reference and the subject as before. Why: the OR
    with a substring match of the subject reads every case in the scope, which for a
    municipality at 10 million cases takes seconds (bench/scale.py). The price: a case
    whose subject mentions another case's reference is not found by that reference."""
    words = query.strip()
    if REFERENCE_LIKE.match(words):
        return Q(reference=words.upper())
    return Q(reference__iexact=words) | Q(subject__icontains=query)


def worklist_page_ids(
    scope: Scope,
    flt: WorklistFilter,
    *,
    user_id: int | None,
    team_ids: set[int],
    offset: int,
    limit: int,
) -> list[int] | None:
    """The ids of one page of `worklist`, in its order; None when `worklist` sliced does as
    well (not PostgreSQL, or a scope of one alternative).

    Why: a scope of several grants is an OR (a coordinator's municipality OR the cases they
    handle), and PostgreSQL cannot read an index in order under an OR, so it fetched and
    sorted every case of the municipality for each page (bench/scale.py: 0.8 s at 1 million
    cases for the first page of "alle statussen"). Here each alternative reads its own index
    in order, at most offset + limit rows, and UNION merges them (a case in two
    alternatives counts once); PostgreSQL sorts NULL last in ascending order, as the list."""
    alternatives = _worklist_per_grant(scope, flt, user_id=user_id, team_ids=team_ids)
    if alternatives is None:
        return None
    order = ("next_due", "received_at", "id")
    parts = [one.order_by(*order).values_list(*order)[: offset + limit] for one in alternatives]
    merged = parts[0].union(*parts[1:]).order_by(*order)
    return [row[2] for row in merged[offset : offset + limit]]


def worklist_count_capped(
    scope: Scope,
    flt: WorklistFilter,
    *,
    user_id: int | None,
    team_ids: set[int],
    cap: int,
) -> int:
    """How many cases `worklist` holds, counted up to cap + 1.

    Why per grant: under the OR of several grants PostgreSQL counted with a sequential scan of
    the whole table (bench/scale.py at ten million cases). Each alternative counts its own
    index, at most cap + 1 ids, and UNION drops a case two alternatives share; so the result
    is exact up to the cap and above the cap whenever any alternative alone is. Without
    alternatives the list's own ids are counted, without its joins and order."""
    alternatives = _worklist_per_grant(scope, flt, user_id=user_id, team_ids=team_ids)
    if alternatives is None:
        listed = worklist(scope, flt, user_id=user_id, team_ids=team_ids)
        return listed.order_by().values("pk")[: cap + 1].count()
    parts = [one.order_by().values_list("id")[: cap + 1] for one in alternatives]
    return parts[0].union(*parts[1:]).count()


def _own_cases_only(scope: Scope, flt: WorklistFilter, user_id: int | None) -> bool:
    """True when the list is the user's own cases and the scope lets them see all of those:
    then the scope's condition is implied by the list's own."""
    if flt.queue != "mine" or user_id is None:
        return False
    own: Lookups = {"handler_id": user_id}
    return scope.everything or any(own in _grant_alternatives(grant) for grant in scope.grants)


def _worklist_per_grant(
    scope: Scope, flt: WorklistFilter, *, user_id: int | None, team_ids: set[int]
) -> list[QuerySet[Case]] | None:
    """`worklist` split into one query per alternative of the scope (each can read its own
    index); None when that buys nothing: not PostgreSQL, fewer than two alternatives, or the
    user's own cases (`worklist` then reads the handler's index without the scope)."""
    if connection.vendor != "postgresql" or scope.everything:
        return None
    if _own_cases_only(scope, flt, user_id):
        return None
    alternatives = [lookups for grant in scope.grants for lookups in _grant_alternatives(grant)]
    if len(alternatives) < 2:
        return None
    base = _worklist_filtered(Case.objects.all(), flt, user_id=user_id, team_ids=team_ids)
    return [base.filter(**lookups) for lookups in alternatives]


def urgent_suggestions(scope: Scope) -> QuerySet[Case]:
    """Open cases in `scope` whose triage suggestion says "mogelijk spoed" and that nobody
    judged yet: on top of every worklist tab, oldest first, until a person confirms or
    corrects (issue 9). A separate, small query, so the worklist keeps its own order and
    indexes (bench/deadlines.py)."""
    return (
        cases_visible_to(scope)
        .filter(OPEN, triage__state="open", triage__urgent=True)
        .select_related("triage", "handling_team", "handler")
        .order_by("received_at", "pk")
    )


def open_deadlines_due_by(day: dt.date) -> QuerySet[CaseDeadline]:
    """For scheduled jobs (the daily digest), which act for the municipality as a whole and
    address each person or team only with their own cases."""
    return (
        CaseDeadline.objects.filter(superseded=False, met_at__isnull=True, due__lte=day)
        .exclude(case__status__in=CONCLUDED_STATUSES)
        .select_related(
            "case",
            "case__handler",
            "case__handling_team",
            "case__handling_organisation",
            "case__municipality",
        )
        .order_by("due", "case__reference")
    )


# The provider portal's queues: what is with the organisation, what waits for its
# acceptance, what it closed, what is about it (the municipality handles it), what it
# registered itself.
ORGANISATION_QUEUES = ("bij-ons", "nieuw", "afgehandeld", "over-ons", "door-ons")


def organisation_worklist(scope: Scope, queue: str) -> QuerySet[Case]:
    """Cases for the provider or GR portal, nearest deadline first. Always within the scope:
    an organisation sees what is with it, about it or registered by it."""
    ids = scope.organisation_ids()
    qs = cases_visible_to(scope).select_related(
        "municipality", "handling_organisation", "handling_team", "about"
    )
    if queue == "nieuw":
        qs = qs.filter(handling_organisation_id__in=ids, accepted_at__isnull=True).filter(OPEN)
    elif queue == "afgehandeld":
        qs = qs.filter(handling_organisation_id__in=ids, status__in=CONCLUDED_STATUSES)
    elif queue == "over-ons":
        qs = qs.filter(about_id__in=ids).exclude(handling_organisation_id__in=ids)
    elif queue == "door-ons":
        qs = qs.filter(source_organisation_id__in=ids)
    else:
        qs = qs.filter(handling_organisation_id__in=ids).filter(OPEN)
    return qs.order_by(F("next_due").asc(nulls_last=True), "received_at", "pk")


def follow_ups_due(
    scope: Scope, *, by: dt.date, queue: str, user_id: int | None, team_ids: set[int]
) -> QuerySet[FollowUp]:
    """The follow-ups ("hoe gaat het nu?") of visible cases in nazorg whose day comes by `by`
    and that nobody answered or checked yet, for the worklist's Nazorg section; the queue
    narrows them as it narrows the cases (mine, team, all)."""
    qs = FollowUp.objects.filter(
        case__in=cases_visible_to(scope),
        case__status=Status.NAZORG,
        due__lte=by,
        answered_at__isnull=True,
        checked_at__isnull=True,
    ).select_related("case", "case__handler", "case__handling_team")
    if queue == "mine":
        qs = qs.filter(case__handler_id=user_id)
    elif queue == "team":
        qs = qs.filter(case__handling_team_id__in=team_ids)
    elif queue == "unassigned":
        qs = qs.filter(case__handler__isnull=True)
    elif queue == "organisations":
        qs = qs.filter(case__handling_organisation__isnull=False)
    return qs.order_by("due", "pk")


def queued_intake_of(scope: Scope, queued_id: str) -> QueuedIntake | None:
    """An intake in the queue, for the API client that handed it in and nobody else."""
    if scope.api_client_id is None:
        return None
    try:
        pk = uuid.UUID(queued_id)
    except ValueError:
        return None
    return (
        QueuedIntake.objects.select_related("case")
        .filter(pk=pk, api_client_id=scope.api_client_id)
        .first()
    )
