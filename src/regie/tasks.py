"""Celery tasks. Thin wrappers: the work itself lives in plain functions that the demo and
cron call directly."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="regie.tasks.tick")
def tick() -> str:
    from regie.tick import run_due_work

    return str(run_due_work())


@shared_task(name="regie.tasks.deliver_email")
def deliver_email(email_id: int) -> bool:
    from regie.notifications.services import deliver

    return deliver(email_id)
