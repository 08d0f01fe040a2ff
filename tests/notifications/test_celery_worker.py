"""Production runs the background work in a Celery worker on Redis; this runs a real worker
against the local Redis and checks that it sends what the outbox holds."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.notifications.models import OutboundEmail
from regie.tick import run_due_work

pytestmark = pytest.mark.django_db(transaction=True)


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_a_celery_worker_delivers_the_acknowledgement(
    world: None, smtp_server: Any, settings: Any
) -> None:
    from celery.contrib.testing.worker import start_worker

    from regie.celery import app

    settings.REGIE_DELIVERY = "celery"
    app.conf.broker_url = "redis://127.0.0.1:6379/15"
    settings.CELERY_BROKER_URL = app.conf.broker_url  # where the outbox sends its task
    app.conf.result_backend = None
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        services.case_intake(
            scope=scope_for_public_web(),
            request=services.IntakeRequest(
                municipality=Municipality.objects.get(code="GM9901"),
                kind="hulpvraag",
                channel="web",
                description="Ik kan de huur niet meer betalen.",
                submitter=services.Person(name="Noor", email="noor@example.nl"),
            ),
        )
        import time

        for _ in range(100):
            if smtp_server.to("noor@example.nl"):
                break
            time.sleep(0.1)
    assert len(smtp_server.to("noor@example.nl")) == 1
    assert OutboundEmail.objects.get().state == OutboundEmail.State.SENT


def test_with_the_broker_down_the_intake_stands_and_the_tick_sends_it_later(
    world: None, smtp_server: Any, settings: Any
) -> None:
    from tests.conftest import free_port

    settings.REGIE_DELIVERY = "celery"
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens

    result = services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="hulpvraag",
            channel="web",
            description="Ik kan de huur niet meer betalen.",
            submitter=services.Person(name="Noor", email="noor@example.nl"),
        ),
    )

    assert Case.objects.filter(pk=result.case.pk).exists()
    assert OutboundEmail.objects.get().state == OutboundEmail.State.PENDING
    run_due_work()
    assert len(smtp_server.to("noor@example.nl")) == 1
