"""Several workers and ticks at once (issue 12): every periodic scan hands each row to one
process. Two threads, each with its own database connection, run the same scan at the same
moment over the same due rows; each e-mail reaches the SMTP server once, each report is
made once, each upload is processed once.

PostgreSQL only where it takes two writers: SQLite lets one writer in at a time, so there is
no race to lose there (the demo runs one process).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.digest import digest_send
from regie.cases.models import Case, EventType
from regie.directory.models import Municipality, Team
from regie.imports import services as imports
from regie.imports.models import ImportBatch
from regie.notifications import outbox
from regie.notifications.models import OutboundEmail
from regie.reporting import runs
from regie.reporting.models import ReportRun

pytestmark = pytest.mark.django_db(transaction=True)

T = TypeVar("T")
NL = ZoneInfo("Europe/Amsterdam")

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two writers at once need PostgreSQL; SQLite lets one writer in at a time",
)


def at_once(*work: Callable[[], T]) -> list[T]:
    """Run each callable in its own thread (its own connection), released together."""
    barrier = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)
    errors: list[BaseException] = []

    def run(index: int, job: Callable[[], T]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except BaseException as exc:  # reported by the assert below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def pending_acknowledgements(count: int, monkeypatch: pytest.MonkeyPatch) -> list[Case]:
    """`count` intakes whose acknowledgement waits in the outbox, as after a crash between
    commit and sending."""
    cases = []
    with monkeypatch.context() as patched:
        patched.setattr(outbox.transaction, "on_commit", lambda *args, **kwargs: None)
        for n in range(count):
            request = services.IntakeRequest(
                municipality=Municipality.objects.get(code="GM9901"),
                kind="hulpvraag",
                channel="web",
                description="Ik kan de huur niet meer betalen.",
                submitter=services.Person(name=f"Inwoner {n}", email=f"inwoner{n}@example.nl"),
            )
            cases.append(services.case_intake(scope=scope_for_public_web(), request=request).case)
    assert OutboundEmail.objects.filter(state=OutboundEmail.State.PENDING).count() == count
    return cases


def received_once_each(mailbox: Any, cases: list[Case]) -> None:
    counts = Counter(message["To"] for message in mailbox.messages)
    assert counts == {case.submitter_email: 1 for case in cases}
    for case in cases:
        assert case.events.filter(type=EventType.ACKNOWLEDGED).count() == 1
    assert not OutboundEmail.objects.exclude(state=OutboundEmail.State.SENT).exists()


@postgresql_only
def test_two_ticks_send_each_waiting_mail_once(
    world: None, smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = pending_acknowledgements(12, monkeypatch)

    def tick() -> tuple[int, int]:
        return outbox.outbox_deliver_due(after_sent=services.acknowledgement_sent)

    first, second = at_once(tick, tick)

    assert first[0] + second[0] == 12
    assert first[1] == second[1] == 0
    received_once_each(smtp_server, cases)


@postgresql_only
def test_worker_tasks_racing_a_tick_send_each_mail_once(
    world: None, smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = pending_acknowledgements(12, monkeypatch)
    ids = list(OutboundEmail.objects.order_by("pk").values_list("pk", flat=True))

    def worker() -> int:
        # What the Celery task `regie.tasks.deliver_email` does, once per message.
        return sum(
            outbox.outbox_deliver(pk, after_sent=services.acknowledgement_sent) for pk in ids
        )

    def tick() -> int:
        return outbox.outbox_deliver_due(after_sent=services.acknowledgement_sent)[0]

    by_worker, by_tick = at_once(worker, tick)

    assert by_worker + by_tick == 12
    received_once_each(smtp_server, cases)


def test_a_claim_whose_worker_died_is_retried_once_its_lease_ends(
    world: None, smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    [case] = pending_acknowledgements(1, monkeypatch)
    now = timezone.now()
    [claimed] = outbox.outbox_claim_due(now=now)  # … and the worker is killed here
    assert claimed.attempts == 1

    assert outbox.outbox_deliver_due(now=now + dt.timedelta(minutes=1)) == (0, 0)
    assert outbox.outbox_deliver(claimed.pk, now=now + dt.timedelta(minutes=1)) is False
    assert smtp_server.messages == []

    later = now + outbox.LEASE + dt.timedelta(seconds=1)
    sent = outbox.outbox_deliver_due(now=later, after_sent=services.acknowledgement_sent)

    assert sent == (1, 0)
    received_once_each(smtp_server, [case])
    assert OutboundEmail.objects.get().attempts == 2  # the lost try counts


def test_a_fresh_message_is_sent_after_commit_whatever_its_moment(
    world: None, smtp_server: Any
) -> None:
    # The write's own moment may lie ahead of the clock (a replay, a test's fixed time): the
    # after-commit send takes a message nobody claimed yet, due or not.
    with outbox.transaction.atomic():
        email = outbox.outbox_write(
            purpose="test",
            to="later@example.nl",
            subject="Later",
            body="…",
            now=timezone.now() + dt.timedelta(hours=2),
        )
        outbox.outbox_send_after_commit(email)
    assert len(smtp_server.to("later@example.nl")) == 1


@postgresql_only
def test_two_schedulers_write_each_digest_once(world: None, smtp_server: Any) -> None:
    # The digest needs no lock: its dedupe key (one per recipient per day) is unique, so the
    # second writer's INSERT fails and it moves on.
    from tests.cases.test_digest import complaint

    Team.objects.filter(slug="klachten", municipality__code="GM9901").update(
        email="klachten@aaenzee.example"
    )
    complaint(dt.datetime(2026, 3, 10, 9, tzinfo=NL), "Te laat")
    now = dt.datetime(2026, 5, 6, 7, 30, tzinfo=NL)

    first, second = at_once(lambda: digest_send(now=now), lambda: digest_send(now=now))

    assert first + second == 2
    assert OutboundEmail.objects.filter(purpose="digest").count() == 2
    outbox.outbox_deliver_due()
    assert len(smtp_server.to("behandelaar@regie.example")) == 1
    assert len(smtp_server.to("klachten@aaenzee.example")) == 1


@postgresql_only
def test_two_schedulers_ask_each_follow_up_once(world: None, smtp_server: Any) -> None:
    # Also by construction: the dedupe key per follow-up, and `asked_at` in that transaction.
    from tests.cases.test_follow_up import planned

    cases = [planned(email=f"nazorg{n}@example.org") for n in range(4)]
    now = timezone.now()

    first, second = at_once(
        lambda: services.follow_up_ask_due(now=now), lambda: services.follow_up_ask_due(now=now)
    )

    assert first + second == 4
    outbox.outbox_deliver_due()
    for case in cases:
        questions = [m for m in smtp_server.to(case.submitter_email) if "Hoe gaat" in m["Subject"]]
        assert len(questions) == 1


@postgresql_only
def test_two_workers_make_each_report_once(world: None, monkeypatch: pytest.MonkeyPatch) -> None:
    wethouder = User.objects.get(username="wethouder")
    asked = [
        runs.report_run_request(
            user=wethouder,
            municipality=Municipality.objects.get(code="GM9901"),
            kind="annual",
            period="2025",
            fmt=fmt,
        )
        for fmt in ("csv", "html", "ods")
    ]
    built: list[int] = []
    build = runs.build_report

    def counted(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(runs, "build_report", counted)

    first, second = at_once(runs.report_runs_due, runs.report_runs_due)

    assert first + second == 3
    assert len(built) == 3
    for run in asked:
        run.refresh_from_db()
        assert run.state == ReportRun.State.DONE


@postgresql_only
def test_two_workers_process_each_upload_once(world: None) -> None:
    from tests.imports.test_concurrency import upload

    batches = [upload(5), upload(7)]

    first, second = at_once(imports.imports_run_due, imports.imports_run_due)

    assert first + second == 2
    assert Case.objects.count() == 12
    for batch in batches:
        batch.refresh_from_db()
        assert batch.state == ImportBatch.State.DONE
