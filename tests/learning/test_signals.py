"""Counts in the database, and the 'between two stools' signals, on real cases of the demo world
made through the write path."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality, Organisation, Team
from regie.learning import signals
from regie.learning.spikes import SeriesKey
from regie.learning.trends import cases_behind, weekly_counts

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def coordinator() -> Any:
    return scope_for_user(User.objects.get(username="coordinator"))


_people = iter(range(1, 10_000))


def someone() -> services.Person:
    n = next(_people)
    return services.Person(name=f"Inwoner {n}", email=f"inwoner{n}@example.nl")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=AMSTERDAM)


def test_weekly_counts_are_one_group_by_per_dimension(
    new_case: Any, django_assert_num_queries: Any
) -> None:
    monday = dt.date(2026, 3, 2)
    for day, about in ((monday, "het-anker"), (monday + dt.timedelta(6), "het-anker")):
        new_case(submitter=someone(), kind="klacht", about=about, received_at=at(day, 23))
    new_case(
        submitter=someone(),
        kind="klacht",
        about="de-linde",
        received_at=at(monday + dt.timedelta(7)),
    )
    new_case(
        submitter=someone(),
        kind="klacht",
        about="het-anker",
        municipality="GM9902",
        received_at=at(monday),
    )
    gm = Municipality.objects.get(code="GM9901").pk
    anker = str(Organisation.objects.get(slug="het-anker").pk)

    with django_assert_num_queries(1):
        counts = weekly_counts(
            Case.objects.all(), "aanbieder", first=monday, last=monday + dt.timedelta(13)
        )

    # Sunday 23:00 in Amsterdam is still the week of Monday 2 March.
    assert counts[SeriesKey(gm, "aanbieder", anker)] == {monday: 2}
    assert sum(n for k, c in counts.items() for n in c.values() if k.municipality_id == gm) == 3
    behind = cases_behind(Case.objects.all(), SeriesKey(gm, "aanbieder", anker), monday)
    assert behind.count() == 2


def test_bounced_and_unowned_cases_are_signals(new_case: Any) -> None:
    scope = coordinator()
    bounced = new_case(submitter=someone(), kind="hulpvraag", domain="wmo")
    for organisation in ("het-anker", "de-linde"):
        bounced = services.case_hand_over(
            case=bounced,
            scope=scope,
            organisation=Organisation.objects.get(slug=organisation),
            reason="Hoort daar.",
        )
    today = timezone.localdate()
    old = new_case(kind="signaal", received_at=at(today - dt.timedelta(days=20)))
    Case.objects.filter(pk=old.pk).update(handling_team=None, handler=None)
    recent = new_case(kind="signaal")
    Case.objects.filter(pk=recent.pk).update(handling_team=None, handler=None)

    assert list(signals.bounced(scope)) == [bounced]
    unowned = list(signals.unowned(scope, today))
    assert old in unowned
    assert recent not in unowned
    # Five working days: from Monday 9 March back to Monday 2 March.
    assert signals.unowned_since(dt.date(2026, 3, 9), 5) == dt.date(2026, 3, 2)
    # A provider's person sees none of the municipality's signals.
    assert list(signals.unowned(scope_for_user(User.objects.get(username="anker")), today)) == []


def test_a_help_request_that_drops_out_before_the_first_conversation(new_case: Any) -> None:
    scope = coordinator()
    before = new_case(submitter=someone(), kind="hulpvraag", domain="schuldhulp")
    services.case_move(case=before, scope=scope, to="uitgevallen", reason="Niet gekomen.")
    after = new_case(
        submitter=someone(),
        kind="hulpvraag",
        domain="schuldhulp",
        received_at=timezone.now() - dt.timedelta(days=2),
    )
    services.case_record_first_conversation(
        case=after, scope=scope, held_at=timezone.now() - dt.timedelta(hours=1)
    )
    after.refresh_from_db()
    services.case_move(case=after, scope=scope, to="uitgevallen", reason="Gestopt.")

    found = list(signals.dropped_out(scope, timezone.localdate() - dt.timedelta(days=30)))

    assert found == [before]


def test_one_person_in_several_places_is_matched_by_a_key_not_by_the_address(
    new_case: Any,
) -> None:
    person = services.Person(name="Fatima Yilmaz", email="F.Yilmaz@example.nl ")
    same_by_phone = services.Person(
        name="F. Yilmaz", email="f.yilmaz@example.nl", phone="06-123 456 78"
    )
    phone_only = services.Person(name="Fatima", phone="+31 6 12345678")
    first = new_case(kind="hulpvraag", domain="wmo", submitter=person)
    second = new_case(kind="hulpvraag", domain="schuldhulp", submitter=same_by_phone)
    third = new_case(kind="klacht", about="het-anker", submitter=phone_only)
    new_case(
        kind="hulpvraag",
        domain="jeugd",
        submitter=services.Person(name="Ander", email="ander@example.nl"),
    )

    people = signals.several_places(coordinator())

    assert len(people) == 1
    assert set(people[0].cases) == {first, second, third}
    key = signals.pseudonym("email", "f.yilmaz@example.nl")
    assert key == signals.pseudonym("email", " F.Yilmaz@Example.NL")
    assert len(key) == 64
    assert "yilmaz" not in key
    assert signals.pseudonym("phone", "06-12345678") == signals.pseudonym("phone", "+31612345678")


def test_the_team_dimension_names_the_team(new_case: Any) -> None:
    case = new_case(submitter=someone(), kind="hulpvraag", domain="wmo")
    team = Team.objects.filter(municipality=case.municipality).first()
    assert team is not None
    Case.objects.filter(pk=case.pk).update(handling_team=team)
    today = timezone.localdate()

    counts = weekly_counts(Case.objects.all(), "team", first=today, last=today)

    assert SeriesKey(case.municipality_id, "team", str(team.pk)) in counts
