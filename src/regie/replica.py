"""Reading reports from a PostgreSQL read replica (issue 12, `REGIE_REPORTS_DATABASE_URL`).

The heavy read-only report paths (the annual and quarterly report, the figures page, the
open data, the background report runs' reading part) run their queries inside
`reports_database()`. With a replica configured, `ReportsRouter` sends the reads made there to
the `reports` alias; every write, also one made inside the block (progress of a run, the
audit log), goes to `default`. Without the setting everything reads `default`, as before.

A replica lags the primary by a moment; a report counting cases of past periods never notices.
Pages that must see what was just written (a case, a list of one's own runs) never read there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPORTS = "reports"

# A context variable, not a global: each thread (gthread worker) and each task has its own.
_reading_reports: ContextVar[bool] = ContextVar("regie_reading_reports", default=False)


def replica_configured() -> bool:
    # Both: the alias exists exactly when the setting is set (settings.py); tests add the
    # alias once and switch the setting per test.
    return bool(settings.REGIE_REPORTS_DATABASE_URL) and REPORTS in connections.settings


@contextmanager
def reports_database() -> Iterator[str]:
    """Reads inside go to the reports replica when there is one; yields the alias used."""
    token = _reading_reports.set(True)
    try:
        yield REPORTS if replica_configured() else DEFAULT_DB_ALIAS
    finally:
        _reading_reports.reset(token)


class ReportsRouter:
    """`DATABASE_ROUTERS` entry: reads in `reports_database()` to the replica, all else to
    default. It answers for every model, so an object read from the replica and used
    afterwards (its related objects, a save) goes back to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if _reading_reports.get() and replica_configured():
            return REPORTS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica holds the primary's rows: an object from either may point at the other.
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPORTS} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # The replica follows the primary's schema by replication; migrate only the primary.
        return db == DEFAULT_DB_ALIAS
