"""Celery tasks. Thin wrappers: the work itself lives in `regie.tick`, which the demo and
cron call directly. The names are the contract with the beat schedule and the outbox
(`regie.notifications.outbox.DELIVER_TASK`, `regie.reporting.runs.RUN_TASK`,
`regie.cases.services.intake_queue.REGISTER_TASK`)."""

from __future__ import annotations

from celery import shared_task

from regie import tick
from regie.cases.services.intake_queue import REGISTER_TASK
from regie.notifications.outbox import DELIVER_TASK
from regie.reporting.runs import RUN_TASK


@shared_task(name="regie.tasks.tick")
def tick_task() -> str:
    return str(tick.run_due_work())


@shared_task(name=DELIVER_TASK)
def deliver_email(email_id: int) -> bool:
    return tick.deliver_email(email_id)


@shared_task(name=RUN_TASK)
def report_runs() -> int:
    return tick.make_reports()


@shared_task(name=REGISTER_TASK)
def register_queued_intake(queued_id: str) -> bool:
    return tick.register_queued_intake(queued_id)
