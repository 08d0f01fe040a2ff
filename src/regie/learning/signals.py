"""'Between two stools': residents the organisation may be losing.

- bounced: open cases handed over two or more times (Case.handovers, see cases.routing);
- unowned: open cases with no handler, no team and no organisation, received longer ago
  than REGIE_UNOWNED_WORKING_DAYS working days (default 5);
- dropped out: help requests that ended "uitgevallen" before a first conversation (the
  ombudsman asked municipalities to register drop-out);
- several places: one person with open cases in two or more domains or organisations.

The last one matches people by the pseudonymous person key of `regie.cases.person_key` (the
one derivation in Regie: HMAC-SHA256 with REGIE_PERSON_KEY_SECRET): the key stored on the
case (of the BSN when given, else of the e-mail or phone) joined with the keys of the case's
normalised e-mail address and phone number, worked out while the page is built. Keys are
never shown (the page shows the cases), and the BSN itself is never read here.

Every list comes from `cases_visible_to(scope)`: nobody learns of a case they may not see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from regie.accounts.scope import Scope
from regie.cases.deadlines import atw_calendar
from regie.cases.models import OPEN, Case, Event, EventType
from regie.cases.person_key import pseudonym
from regie.cases.selectors import cases_visible_to
from regie.vocabulary import Kind, Status

LIMIT = 50  # cases per list on the page
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def bounced(scope: Scope) -> QuerySet[Case]:
    return cases_visible_to(scope).filter(OPEN, handovers__gte=2).order_by("received_at")


def unowned_since(today: dt.date, working_days: int | None = None) -> dt.date:
    """The day before which an unowned case has waited too long: `working_days` working days
    (Atw: weekends, holidays and decree days do not count) before `today`."""
    days = settings.REGIE_UNOWNED_WORKING_DAYS if working_days is None else working_days
    calendar = atw_calendar()
    day = today
    while days > 0:
        day -= dt.timedelta(days=1)
        if calendar.is_working_day(day):
            days -= 1
    return day


def unowned(scope: Scope, today: dt.date, working_days: int | None = None) -> QuerySet[Case]:
    cutoff = unowned_since(today, working_days)
    start = dt.datetime.combine(cutoff, dt.time.min, tzinfo=AMSTERDAM)
    return (
        cases_visible_to(scope)
        .filter(
            OPEN,
            handler__isnull=True,
            handling_team__isnull=True,
            handling_organisation__isnull=True,
            received_at__lt=start,
        )
        .order_by("received_at")
    )


def dropped_out(scope: Scope, since: dt.date) -> QuerySet[Case]:
    talked = Event.objects.filter(case=OuterRef("pk"), type=EventType.FIRST_CONVERSATION)
    return (
        cases_visible_to(scope)
        .filter(
            kind=Kind.HULPVRAAG,
            status=Status.UITGEVALLEN,
            received_at__date__gte=since,
        )
        .exclude(Exists(talked))
        .order_by("-received_at")
    )


@dataclass(frozen=True)
class Person:
    """One resident's open cases in several places. No name, no key: the cases."""

    cases: tuple[Case, ...]

    @property
    def places(self) -> list[str]:
        found = []
        for case in self.cases:
            place = _place(case)
            if place not in found:
                found.append(place)
        return found


def _place(case: Case) -> str:
    organisation = case.handling_organisation or case.about
    domain = case.get_domain_display()
    return f"{domain} — {organisation.name}" if organisation else str(domain)


def several_places(scope: Scope) -> list[Person]:
    """People with open cases in two or more domains or organisations."""
    cases = (
        cases_visible_to(scope)
        .filter(OPEN)
        .filter(~Q(person_key="") | ~Q(submitter_email="") | ~Q(submitter_phone=""))
        .select_related("about", "handling_organisation", "municipality")
        .order_by("received_at")
    )
    # Union-find over the keys: an e-mail address and a phone number on one case join.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_case: dict[int, str] = {}
    loaded: dict[int, Case] = {}
    for case in cases:
        keys = [
            k
            for k in (
                case.person_key,
                pseudonym("email", case.submitter_email),
                pseudonym("phone", case.submitter_phone),
            )
            if k
        ]
        if not keys:
            continue
        for other in keys[1:]:
            parent[find(other)] = find(keys[0])
        by_case[case.pk] = keys[0]
        loaded[case.pk] = case
    groups: dict[str, list[Case]] = {}
    for pk, key in by_case.items():
        groups.setdefault(find(key), []).append(loaded[pk])
    people = []
    for members in groups.values():
        places = {(c.domain, c.handling_organisation_id or c.about_id) for c in members}
        domains = {c.domain for c in members}
        organisations = {c.handling_organisation_id or c.about_id for c in members} - {None}
        if len(places) > 1 and (len(domains) > 1 or len(organisations) > 1):
            people.append(Person(cases=tuple(members)))
    people.sort(key=lambda p: p.cases[0].received_at)
    return people
