"""Django's database sessions, remembering the expiry they were read with.

Why: the idle limit (REGIE_SESSION_IDLE_MINUTES) moves on with each request, and saving the
session on every page view to move it (SESSION_SAVE_EVERY_REQUEST) cost each page an UPDATE
and a commit. With the expiry read here, `SessionLifetimeMiddleware` saves only once it has
drifted more than `TOUCH_AFTER` from where a save now would put it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session


class SessionStore(db.SessionStore):
    # When the stored session ends, as read from the database (None: not read, or new).
    stored_expiry: dt.datetime | None = None

    def _get_session_from_db(self) -> Session | None:
        # Django's own hook (db.SessionStore.load reads through it); the stubs lack it.
        session: Session | None = super()._get_session_from_db()  # type: ignore[misc]
        self.stored_expiry = session.expire_date if session is not None else None
        return session
