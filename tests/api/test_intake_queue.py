"""POST /api/v1/cases with `Prefer: respond-async`: 202 once checked and stored, the case
registered by a worker soon after, followed at /api/v1/intakes/{id}."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from typing import Any

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from regie.accounts.models import ApiClient
from regie.cases import services
from regie.cases.models import Case, IdempotencyRecord, QueuedIntake
from regie.directory.models import Organisation
from regie.notifications.models import OutboundEmail
from regie.tick import run_due_work
from tests.api.openapi import assert_matches_openapi
from tests.api.test_case_intake import VALID, assert_problem, post

pytestmark = pytest.mark.django_db

ASYNC = {"HTTP_PREFER": "respond-async"}


def queued_of(response: Any) -> QueuedIntake:
    return QueuedIntake.objects.get(pk=response.json()["id"])


def test_it_answers_202_with_where_to_follow_it(api_for: Any) -> None:
    response = post(api_for("GM9901"), VALID, **ASYNC)

    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "wachtend"
    assert body["reference"] is None
    assert body["case"] is None
    assert body["invalidParams"] == []
    assert response["Location"].endswith(f"/api/v1/intakes/{body['id']}")
    assert response["Preference-Applied"] == "respond-async"
    assert response["Retry-After"] == "1"
    assert response["API-Version"] == "1.0.0"
    assert_matches_openapi(response)
    # Stored, not registered: no case yet (the worker's turn comes after the commit).
    assert not Case.objects.exists()
    queued = queued_of(response)
    assert queued.state == QueuedIntake.State.WAITING
    assert queued.request["description"] == VALID["description"]


def test_the_worker_registers_it_and_the_client_reads_the_reference(api_for: Any) -> None:
    api = api_for("GM9901")
    accepted = post(api, VALID, **ASYNC)
    accepted_at = queued_of(accepted).accepted_at

    assert services.queued_intake_register(accepted.json()["id"]) is True

    followed = api.get(accepted["Location"])
    assert followed.status_code == 200
    assert_matches_openapi(followed)
    body = followed.json()
    assert body["status"] == "geregistreerd"
    assert body["reference"].startswith("KL-9901-")
    assert body["case"].endswith(f"/api/v1/cases/{body['reference']}")
    assert "Retry-After" not in followed
    case = Case.objects.get(reference=body["reference"])
    # The same case the direct intake makes: the submitter, its deadlines, its timeline.
    assert case.submitter_name == "Ayşe Demir"
    assert case.on_behalf_of_relation == "dochter"
    # The Awb's terms count from acceptance, not from the worker's turn.
    assert case.received_at == accepted_at
    assert {"ontvangen", "termijn-berekend", "gerouteerd"} <= set(
        case.events.values_list("type", flat=True)
    )
    assert OutboundEmail.objects.filter(case_id=case.pk, to="ayse@example.nl").exists()
    # The queue keeps no personal data once the case exists.
    assert queued_of(accepted).request == {}
    # A second worker that got the same task does nothing.
    assert services.queued_intake_register(accepted.json()["id"]) is False
    assert Case.objects.count() == 1


def test_the_bsn_waits_encrypted_and_arrives_on_the_case(api_for: Any) -> None:
    body = {**VALID, "submitter": {**VALID["submitter"], "bsn": "123456782"}}
    accepted = post(api_for("GM9901"), body, **ASYNC)
    assert accepted.status_code == 202, accepted.content

    stored = queued_of(accepted).request
    assert "123456782" not in str(stored)
    services.queued_intake_register(accepted.json()["id"])
    case = Case.objects.get()
    # The case keeps it as the direct intake does: encrypted and as a keyed hash.
    assert case.submitter_bsn_hash
    assert "123456782" not in case.submitter_bsn_encrypted


def test_bad_input_is_refused_at_once_and_nothing_is_stored(api_for: Any) -> None:
    body = {**VALID, "submitter": {"email": "geen-adres"}, "municipality": "GM9901"}

    assert_problem(post(api_for("GM9901"), body, **ASYNC), 400, "submitter.email")
    assert_problem(post(api_for("GM9901"), {**VALID, "kind": "x"}, **ASYNC), 400, "kind")
    # The service's own check (a provider registers only about itself), as for 201.
    about_other = {**VALID, "about": "de-linde", "domain": "jeugd"}
    assert_problem(post(api_for("het-anker"), about_other, **ASYNC), 400)
    assert not QueuedIntake.objects.exists()


def test_a_retry_with_the_same_key_gets_the_same_intake(api_for: Any) -> None:
    api = api_for("GM9901")
    first = post(api, VALID, HTTP_IDEMPOTENCY_KEY="queue-1", **ASYNC)
    again = post(api, VALID, HTTP_IDEMPOTENCY_KEY="queue-1", **ASYNC)

    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json()["id"] == first.json()["id"]
    assert again["Idempotent-Replayed"] == "true"
    assert QueuedIntake.objects.count() == 1
    # Another body with the key: refused as for the direct intake.
    other = {**VALID, "description": "Iets heel anders."}
    assert_problem(post(api, other, HTTP_IDEMPOTENCY_KEY="queue-1", **ASYNC), 422)


def test_a_direct_retry_of_a_queued_intake_makes_no_second_case(api_for: Any) -> None:
    """A client that gave up waiting and sent the same request without the preference: one
    case, whichever is registered first."""
    api = api_for("GM9901")
    queued = post(api, VALID, HTTP_IDEMPOTENCY_KEY="both-ways", **ASYNC).json()
    direct = post(api, VALID, HTTP_IDEMPOTENCY_KEY="both-ways")
    assert direct.status_code == 201

    services.queued_intake_register(queued["id"])

    assert Case.objects.count() == 1
    followed = api.get(f"/api/v1/intakes/{queued['id']}").json()
    assert followed["status"] == "geregistreerd"
    assert followed["reference"] == direct.json()["reference"]
    assert IdempotencyRecord.objects.get(key="both-ways").case.reference == followed["reference"]


def test_only_the_client_that_sent_it_can_follow_it(api_for: Any) -> None:
    accepted = post(api_for("GM9901"), VALID, **ASYNC)
    path = f"/api/v1/intakes/{accepted.json()['id']}"

    assert_problem(api_for("GM9901").get(path), 404)  # another token of the same municipality
    assert_problem(api_for("GM9902").get(path), 404)
    assert_problem(api_for("GM9901").get("/api/v1/intakes/geen-nummer"), 404)
    assert_problem(api_for("GM9901").get(f"/api/v1/intakes/{uuid.uuid4()}"), 404)


def test_a_change_between_acceptance_and_registration_is_reported(api_for: Any) -> None:
    """The client's key revoked in between: the intake is refused, with the reason, and the
    request it held is gone."""
    api = api_for("GM9901")
    accepted = post(api, VALID, **ASYNC)
    queued = queued_of(accepted)
    ApiClient.objects.filter(pk=queued.api_client_id).update(revoked_at=timezone.now())

    services.queued_intake_register(queued.pk)

    queued.refresh_from_db()
    assert queued.state == QueuedIntake.State.REFUSED
    assert queued.errors
    assert queued.request == {}
    assert not Case.objects.exists()


def test_an_unforeseen_failure_leaves_it_waiting_for_a_later_try(api_for: Any) -> None:
    accepted = post(api_for("GM9901"), VALID, **ASYNC)
    queued = queued_of(accepted)
    # A request the service cannot read (as after a botched upgrade): it must not be lost.
    QueuedIntake.objects.filter(pk=queued.pk).update(request={"broken": True})

    assert services.queued_intake_register(queued.pk) is True

    queued.refresh_from_db()
    assert queued.state == QueuedIntake.State.WAITING
    assert queued.attempts == 1
    assert queued.next_attempt_at > timezone.now()
    assert not Case.objects.exists()
    # Not due yet: the next worker leaves it alone.
    assert services.queued_intake_register(queued.pk) is False


def test_the_tick_registers_what_no_worker_took(api_for: Any) -> None:
    """A broker that was down: the rows wait in the database, and the tick finds them."""
    api = api_for("het-anker")
    about_itself = {**VALID, "about": "het-anker"}
    ids = [post(api, about_itself, **ASYNC).json()["id"] for _ in range(3)]

    report = run_due_work(now=timezone.now() + dt.timedelta(seconds=1))

    assert report.intakes_registered == 3
    states = set(QueuedIntake.objects.filter(pk__in=ids).values_list("state", flat=True))
    assert states == {QueuedIntake.State.REGISTERED}
    anker = Organisation.objects.get(slug="het-anker")
    assert Case.objects.filter(source_organisation=anker).count() == 3


@pytest.mark.django_db(transaction=True)
def test_without_celery_the_answer_comes_after_registration(world: None, api_for: Any) -> None:
    """The demo and a single small server: this process registers it after the commit, so
    the 202 already carries the reference."""
    response = post(api_for("GM9901"), VALID, **ASYNC)

    assert response.status_code == 202
    assert response.json()["status"] == "geregistreerd"
    assert Case.objects.filter(reference=response.json()["reference"]).exists()


@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_registers_it_and_sends_the_acknowledgement(
    world: None, api_for: Any, smtp_server: Any, settings: Any
) -> None:
    """Production: the web process stores and names the task; a real worker registers the
    case, and the acknowledgement goes out from there."""
    from celery.contrib.testing.worker import start_worker

    from regie.celery import app

    settings.REGIE_DELIVERY = "celery"
    app.conf.broker_url = "redis://127.0.0.1:6379/15"
    settings.CELERY_BROKER_URL = app.conf.broker_url
    app.conf.result_backend = None
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        response = post(api_for("GM9901"), VALID, **ASYNC)
        assert response.status_code == 202
        assert response.json()["status"] == "wachtend"
        for _ in range(100):
            if smtp_server.to("ayse@example.nl"):
                break
            time.sleep(0.1)

    assert queued_of(response).state == QueuedIntake.State.REGISTERED
    assert len(smtp_server.to("ayse@example.nl")) == 1
    assert Case.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_register_each_intake_once(world: None, api_for: Any, settings: Any) -> None:
    from tests.conftest import free_port

    # Tasks go nowhere (nothing listens): the three drains below are the only workers.
    settings.REGIE_DELIVERY = "celery"
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    api = api_for("GM9901")
    ids = [
        post(api, {**VALID, "description": f"Melding {n}"}, **ASYNC).json()["id"] for n in range(24)
    ]
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            services.intake_queue_drain(now=timezone.now() + dt.timedelta(seconds=1))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert Case.objects.count() == 24
    assert set(QueuedIntake.objects.filter(pk__in=ids).values_list("state", flat=True)) == {
        QueuedIntake.State.REGISTERED
    }
    assert QueuedIntake.objects.values("case").distinct().count() == 24


def test_a_handled_intake_is_forgotten_after_a_month_and_its_key_still_finds_the_case(
    api_for: Any,
) -> None:
    api = api_for("GM9901")
    accepted = post(api, VALID, HTTP_IDEMPOTENCY_KEY="een-maand", **ASYNC).json()
    waiting = post(api, {**VALID, "description": "Nog niet aan de beurt."}, **ASYNC).json()
    services.queued_intake_register(accepted["id"])
    month = timezone.now() + services.intake_queue.KEEP_HANDLED

    assert services.intake_queue_forget(now=month - dt.timedelta(minutes=1)) == 0
    assert services.intake_queue_forget(now=month + dt.timedelta(minutes=1)) == 1

    assert_problem(api.get(f"/api/v1/intakes/{accepted['id']}"), 404)
    # What waits is never forgotten.
    assert QueuedIntake.objects.filter(pk=waiting["id"]).exists()
    # A late retry with the key: a new intake, registered as the same case.
    again = post(api, VALID, HTTP_IDEMPOTENCY_KEY="een-maand", **ASYNC).json()
    services.queued_intake_register(again["id"])
    assert Case.objects.count() == 1
    assert api.get(f"/api/v1/intakes/{again['id']}").json()["status"] == "geregistreerd"
