"""Celery for production: a worker sends e-mail and a beat runs the same `run_due_work` that
`regie tick` runs. Start with:

    celery -A regie worker -l info
    celery -A regie beat -l info
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")

app = Celery("regie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    "regie-tick": {"task": "regie.tasks.tick", "schedule": 60.0},
}
# One task at a time per worker process: a worker busy with a long report does not hold mail
# tasks it fetched ahead while another worker is idle. Several workers never do a task's work
# twice: every scan claims its rows (regie.tick).
app.conf.worker_prefetch_multiplier = 1
app.autodiscover_tasks(["regie"], related_name="tasks")
