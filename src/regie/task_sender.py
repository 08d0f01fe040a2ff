"""Hand a Celery worker a task by name once the surrounding transaction has committed.

A bottom building block: callers (the outbox, the report runs, the intake queue) name the
task as a string, the contract with `regie.tasks`, and never import the worker side. The
work itself always waits in the database first, so a broker that is down costs only time:
the next tick finds it. Hence no retries here: kombu would otherwise retry for seconds while
the caller (often a resident's request) waits.
"""

from __future__ import annotations

import functools
from typing import Any

from celery import Celery
from django.conf import settings
from django.db import transaction


def send_after_commit(task_name: str, *args: Any) -> None:
    """Queue `task_name(*args)` after commit; robust: a failure is logged, never raised, so a
    committed change never turns into an error for the caller."""
    broker = settings.CELERY_BROKER_URL
    transaction.on_commit(
        lambda: _producer(broker).send_task(task_name, args=list(args), retry=False),
        robust=True,
    )


@functools.cache
def _producer(broker_url: str) -> Celery:
    """A Celery client that only sends tasks by name; the worker side lives in `regie.celery`."""
    app = Celery("regie-sender", broker=broker_url, set_as_current=False)
    app.conf.broker_connection_max_retries = 0
    app.conf.broker_transport_options = {"max_retries": 0}
    return app
