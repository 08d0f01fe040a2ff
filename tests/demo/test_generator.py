"""Generating the demo history into the register, through the one write path."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from regie.cases import services
from regie.cases.deadlines import COMPLAINT_HANDLING
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.demo.generator import generate_demo_cases
from regie.notifications.models import OutboundEmail
from regie.vocabulary import (
    COMPLAINT_OUTCOMES,
    OTHER_OUTCOMES,
    Channel,
    Domain,
    Kind,
    Outcome,
    Status,
)

NOW = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
# One year at a quarter of the volume: ~300 cases, enough for every kind, domain and channel.
SMALL = {"seed": 2026, "years": 1, "now": NOW, "scale": 0.25}

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(world: None) -> int:
    return generate_demo_cases(**SMALL)


def localdate(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


class _Rollback(Exception):
    pass


def _generate_and_roll_back(**options: Any) -> list[tuple[Any, ...]]:
    """What generation produces, from an empty register, leaving it empty afterwards."""
    produced: list[tuple[Any, ...]] = []
    try:
        with transaction.atomic():
            generate_demo_cases(**options)
            produced = list(
                Case.objects.order_by("reference").values_list(
                    "reference", "subject", "description", "status", "outcome", "concluded_at"
                )
            )
            raise _Rollback
    except _Rollback:
        pass
    return produced


def test_generation_fills_an_empty_register_and_a_second_run_adds_nothing(generated: int) -> None:
    assert generated == Case.objects.count()
    assert 200 <= generated <= 450
    events = Event.objects.count()

    assert generate_demo_cases(**SMALL) == 0
    assert generate_demo_cases() == 0
    assert Case.objects.count() == generated
    assert Event.objects.count() == events


def test_generation_leaves_a_register_with_real_cases_alone(world: None) -> None:
    from regie.accounts.scope import scope_for_public_web
    from regie.directory.models import Municipality

    services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind=Kind.SIGNAAL,
            channel=Channel.WEB,
            description="Een echte melding van vandaag.",
        ),
    )
    assert generate_demo_cases(**SMALL) == 0
    assert Case.objects.count() == 1


def test_the_same_seed_gives_the_same_cases_and_the_same_endings(world: None) -> None:
    first = _generate_and_roll_back(**SMALL)
    second = _generate_and_roll_back(**SMALL)
    assert first
    assert first == second
    assert _generate_and_roll_back(**{**SMALL, "seed": 7}) != first


def test_every_case_comes_in_through_the_intake_service(world: None) -> None:
    with mock.patch.object(services, "case_intake", wraps=services.case_intake) as intake:
        made = generate_demo_cases(**SMALL)
    assert intake.call_count == made
    received = Event.objects.filter(type=EventType.RECEIVED)
    assert received.count() == made
    # The timeline starts at the moment of receipt, as the service records it.
    for case in Case.objects.all()[:50]:
        assert received.get(case=case).at == case.received_at


def test_cases_come_in_as_the_people_and_systems_of_the_demo_world(generated: int) -> None:
    received = Event.objects.filter(type=EventType.RECEIVED).select_related("case")
    for event in received:
        channel = event.case.channel
        if channel == Channel.WEB:
            assert event.actor_label == "Inwoner (website)"
            assert event.actor_user is None
        elif channel == Channel.API:
            assert event.actor_label.startswith("Koppeling ")
            assert event.actor_user is None
        else:
            # Phone, desk, post, e-mail, wijkteam: a staff member types it in; the provider
            # portal: the provider's own user.
            assert event.actor_user is not None, event.case
    portal = received.filter(case__channel=Channel.AANBIEDER)
    assert set(portal.values_list("actor_user__username", flat=True)) <= {
        "anker",
        "linde",
        "sociale-dienst",
    }


def test_the_register_holds_every_kind_domain_and_channel(generated: int) -> None:
    cases = Case.objects.all()
    assert set(cases.values_list("kind", flat=True)) == set(Kind)
    assert set(cases.values_list("domain", flat=True)) == set(Domain)
    assert set(cases.values_list("channel", flat=True)) == set(Channel)
    assert set(cases.values_list("municipality__code", flat=True)) == {"GM9901", "GM9902"}


def test_some_cases_are_anonymous_some_on_behalf_and_some_about_each_provider(
    generated: int,
) -> None:
    assert Case.objects.filter(submitter_anonymous=True).exists()
    assert Case.objects.exclude(on_behalf_of_name="").exists()
    about = set(Case.objects.exclude(about=None).values_list("about__slug", flat=True))
    assert about == {"het-anker", "de-linde", "sociale-dienst"}
    # What a partner system sent through the API carries its source.
    api_cases = Case.objects.filter(channel=Channel.API)
    assert api_cases.exists()
    assert not api_cases.filter(source_organisation=None).exists()


def test_timelines_show_assignments_notes_and_contact_at_their_own_moment(
    generated: int,
) -> None:
    types = Counter(Event.objects.values_list("type", flat=True))
    for kind in (EventType.ASSIGNED, EventType.NOTE_ADDED, EventType.CONTACT):
        assert types[kind] > 0, kind
    for event in Event.objects.select_related("case"):
        assert event.case.received_at <= event.at <= NOW, event
    # History, not "today": most assignments happened within a week of receipt.
    assigned = Event.objects.filter(type=EventType.ASSIGNED).select_related("case")
    quick = sum(e.at - e.case.received_at < dt.timedelta(days=8) for e in assigned)
    assert quick / assigned.count() > 0.8


def test_older_cases_are_handled_and_recent_ones_wait_in_the_queues(generated: int) -> None:
    old = Case.objects.filter(received_at__lt=NOW - dt.timedelta(days=60))
    assert old.exclude(handler=None).count() / old.count() > 0.6
    assert old.filter(handler=None, handling_team=None).count() / old.count() < 0.08
    assert Case.objects.filter(handler=None, handling_team__isnull=False).exists()  # team queue
    assert Case.objects.filter(handler=None, handling_team=None).exists()  # unassigned
    # The queues hold open cases: nothing closed waits for a handler.
    waiting = Case.objects.filter(handler=None)
    assert not waiting.filter(status=Status.AFGEHANDELD).exists()


def test_most_cases_are_closed_and_the_recent_ones_are_open(generated: int) -> None:
    closed = Case.objects.filter(status=Status.AFGEHANDELD)
    assert 0.8 <= closed.count() / generated <= 0.98
    old = Case.objects.filter(received_at__lt=NOW - dt.timedelta(days=120))
    assert old.filter(status=Status.AFGEHANDELD).count() / old.count() > 0.97
    recent = Case.objects.filter(received_at__gt=NOW - dt.timedelta(days=7))
    assert recent.exclude(status=Status.AFGEHANDELD).count() / recent.count() > 0.7


def test_every_closed_case_has_one_conclusion_after_its_receipt(generated: int) -> None:
    closed = Case.objects.filter(status=Status.AFGEHANDELD)
    concluded = {
        e.case_id: e for e in Event.objects.filter(type=EventType.CONCLUDED).select_related("case")
    }
    assert len(concluded) == closed.count() == Event.objects.filter(type="afgehandeld").count()
    last_event = dict(
        Event.objects.values("case_id").annotate(last=Max("at")).values_list("case_id", "last")
    )
    for case in closed:
        event = concluded[case.pk]
        assert case.received_at < event.at == case.concluded_at <= NOW, case
        # Nothing happens after the answer went out.
        assert last_event[case.pk] == event.at, case
        assert event.payload["outcome"] == case.outcome
        assert event.payload["summary"].strip()
        assert "{" not in event.payload["summary"], event.payload["summary"]
        allowed = COMPLAINT_OUTCOMES if case.kind == Kind.KLACHT else OTHER_OUTCOMES
        assert case.outcome in allowed, case
        assert event.actor_user is not None  # a handler, not the system


def test_complaints_are_mostly_resolved_informally_and_within_six_weeks(generated: int) -> None:
    complaints = Case.objects.filter(kind=Kind.KLACHT, status=Status.AFGEHANDELD)
    outcomes = Counter(complaints.values_list("outcome", flat=True))
    # About two in five (a small sample here; see test_plan for the full two years).
    assert 0.3 <= outcomes[Outcome.OPGELOST] / complaints.count() <= 0.6
    for formal in (Outcome.GEGROND, Outcome.DEELS_GEGROND, Outcome.ONGEGROND):
        assert outcomes[formal] > 0, formal
    handling = CaseDeadline.objects.filter(
        case__in=complaints, type=COMPLAINT_HANDLING, superseded=False
    )
    assert handling.count() == complaints.count()
    in_time = sum(d.met_at is not None and localdate(d.met_at) <= d.due for d in handling)
    assert in_time / handling.count() > 0.85
    others = Case.objects.exclude(kind=Kind.KLACHT).filter(status=Status.AFGEHANDELD)
    assert set(others.values_list("outcome", flat=True)) == {
        Outcome.AFGEROND,
        Outcome.DOORVERWEZEN,
    }


def test_the_open_workload_is_recent_and_mostly_on_time(generated: int) -> None:
    still_open = Case.objects.exclude(status=Status.AFGEHANDELD)
    assert still_open.exists()
    today = localdate(NOW)
    overdue = still_open.filter(next_due__lt=today)
    assert overdue.count() / still_open.count() < 0.15
    ages = sorted((NOW - c.received_at).days for c in still_open)
    assert ages[len(ages) // 2] < 35  # the median open case came in this month


def test_acknowledgements_go_by_post_to_people_without_an_e_mail_address(
    generated: int,
) -> None:
    by_post = Case.objects.filter(
        submitter_email="", submitter_anonymous=False, received_at__lt=NOW - dt.timedelta(days=21)
    ).exclude(submitter_phone="")
    assert by_post.exists()
    for case in by_post:
        sent = Event.objects.get(case=case, type=EventType.ACKNOWLEDGED)
        assert "@" not in sent.payload["to"]
        assert sent.at > case.received_at
    # Every acknowledgement deadline of a case older than three weeks has been met.
    older = CaseDeadline.objects.filter(
        type="ontvangstbevestiging", case__received_at__lt=NOW - dt.timedelta(days=21)
    )
    assert older.exists()
    assert not older.filter(met_at=None).exists()


def test_services_that_take_a_moment_get_it_and_run_on_the_real_clock(world: None) -> None:
    """The clock is set only around the services that take no moment of their own."""
    seen: list[dt.timedelta] = []

    def spy(name: str) -> Any:
        real = getattr(services, name)

        def call(**kwargs: Any) -> Any:
            seen.append(abs(timezone.now() - dt.datetime.now(tz=dt.UTC)))
            assert kwargs.get("at") is not None, name
            return real(**kwargs)

        return call

    with (
        mock.patch.object(services, "case_assign", spy("case_assign")),
        mock.patch.object(services, "case_add_note", spy("case_add_note")),
        mock.patch.object(services, "case_conclude", spy("case_conclude")),
    ):
        generate_demo_cases(**SMALL)
    assert seen
    assert max(seen) < dt.timedelta(minutes=1)


def test_acknowledgements_went_out_when_the_cases_came_in_and_none_are_left_waiting(
    generated: int,
) -> None:
    with_email = Case.objects.exclude(submitter_email="")
    assert with_email.exists()
    assert not OutboundEmail.objects.filter(state=OutboundEmail.State.PENDING).exists()
    assert mail.outbox == []  # history is not mailed to anyone
    for case in with_email:
        sent = Event.objects.get(case=case, type=EventType.ACKNOWLEDGED)
        assert dt.timedelta(0) <= sent.at - case.created_at < dt.timedelta(minutes=10)


def test_descriptions_hardly_ever_repeat(generated: int) -> None:
    descriptions = list(Case.objects.values_list("description", flat=True))
    assert len(set(descriptions)) / len(descriptions) > 0.9


def test_the_clock_is_real_again_after_generation(generated: int) -> None:
    assert abs(timezone.now() - dt.datetime.now(tz=dt.UTC)) < dt.timedelta(minutes=1)
