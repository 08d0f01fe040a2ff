"""The demo history in the register, the whole of it as `regie demo` makes it, generated once
for this module through the one write path, and read by every test here (Zulip's habit: build
the test world once).

The generation runs in a transaction that is rolled back when the module ends; each test runs
in a savepoint inside it (pytest-django's `db`), so no test sees another's changes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone

from regie.cases import services
from regie.cases.deadlines import COMPLAINT_HANDLING
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.demo.replay import generate_demo_cases
from regie.demo.world import build_world
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
from tests.demo.support import DEMO, NOW, localdate

pytestmark = pytest.mark.django_db

# The write-path functions the replay calls, and the keyword that carries each one's moment.
MOMENTS = {
    "case_intake": "at",
    "case_assign": "at",
    "case_add_note": "at",
    "case_record_contact": "at",
    "case_record_first_conversation": "held_at",
    "case_record_acknowledgement": "sent_at",
    "case_postpone": "at",
    "case_choose_committee": "at",
    "case_conclude": "at",
}


@dataclass
class Calls:
    """What the replay asked of the write path: per function, the moments it passed and how
    far the clock was from the real one during the call."""

    moments: dict[str, list[Any]] = field(default_factory=dict)
    clock_drift: list[dt.timedelta] = field(default_factory=list)

    def spy(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(**kwargs: Any) -> Any:
            self.clock_drift.append(abs(timezone.now() - dt.datetime.now(tz=dt.UTC)))
            self.moments.setdefault(name, []).append(kwargs.get(MOMENTS[name]))
            return real(**kwargs)

        return call


@dataclass(frozen=True)
class History:
    made: int
    calls: Calls


@pytest.fixture(scope="module")
def history(django_db_setup: None, django_db_blocker: Any) -> Iterator[History]:
    calls = Calls()
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            build_world()
        with mock.patch.multiple(
            services, **{name: calls.spy(name, getattr(services, name)) for name in MOMENTS}
        ):
            made = generate_demo_cases(**DEMO)
        yield History(made=made, calls=calls)
        transaction.set_rollback(True)


@pytest.fixture
def generated(history: History, db: None) -> int:
    return history.made


def test_a_second_run_adds_nothing(generated: int) -> None:
    assert generated == Case.objects.count()
    assert 1800 <= generated <= 2800  # two years of both municipalities (test_plan: 1500 to 3000)
    events = Event.objects.count()

    assert generate_demo_cases(**DEMO) == 0
    assert generate_demo_cases() == 0
    assert Case.objects.count() == generated
    assert Event.objects.count() == events


def test_every_case_comes_in_through_the_intake_service(history: History, db: None) -> None:
    assert len(history.calls.moments["case_intake"]) == history.made
    received = Event.objects.filter(type=EventType.RECEIVED)
    assert received.count() == history.made
    # The timeline starts at the moment of receipt, as the service records it.
    for case in Case.objects.all()[:50]:
        assert received.get(case=case).at == case.received_at


def test_every_service_call_gets_its_moment_and_the_clock_is_never_set(
    history: History, db: None
) -> None:
    """History is replayed by passing each fact its moment, not by setting the clock."""
    calls = history.calls
    assert set(calls.moments) >= {"case_intake", "case_assign", "case_add_note", "case_conclude"}
    for name, moments in calls.moments.items():
        assert all(isinstance(m, dt.datetime) for m in moments), name
    assert max(calls.clock_drift) < dt.timedelta(minutes=1)


def test_the_clock_is_real_after_generation(history: History) -> None:
    assert abs(timezone.now() - dt.datetime.now(tz=dt.UTC)) < dt.timedelta(minutes=1)


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
    assert quick / assigned.count() > 0.75


def test_older_cases_are_handled_and_recent_ones_wait_in_the_queues(generated: int) -> None:
    old = Case.objects.filter(received_at__lt=NOW - dt.timedelta(days=60))
    with_municipality = old.filter(handling_organisation=None)
    assert with_municipality.exclude(handler=None).count() / with_municipality.count() > 0.6
    # The intake routes every case to the responsible team or organisation (catalogue.py).
    assert not Case.objects.filter(handling_team=None, handling_organisation=None).exists()
    assert Case.objects.filter(handler=None, handling_team__isnull=False).exists()  # team queue
    # Hooglanden's income and debt help is with the joint arrangement, which accepted it.
    gr = Case.objects.filter(handling_organisation__slug="sociale-dienst")
    assert gr.exists()
    assert gr.filter(municipality__code="GM9902").exists()
    # In Aa en Zee only what the joint arrangement registered about itself stays with it.
    assert (
        not gr.filter(municipality__code="GM9901")
        .exclude(source_organisation__slug="sociale-dienst", about__slug="sociale-dienst")
        .exists()
    )
    assert not gr.filter(accepted_at=None, received_at__lt=NOW - dt.timedelta(days=30)).exists()
    # The queues hold open cases: nothing closed waits for a handler of the municipality.
    waiting = Case.objects.filter(handler=None, handling_organisation=None)
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
