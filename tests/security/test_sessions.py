"""A staff login ends after 30 minutes without a request, and 12 hours after it began
however busy it is (issue 11, BIO session management). The clock is moved by moving the
session's own moments, never by sleeping."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regie.ui.middleware import SESSION_STARTED


def stored_session(client: Client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_the_defaults_are_30_minutes_idle_and_12_hours_at_most() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.REGIE_SESSION_MAX_HOURS == 12


def test_a_page_view_saves_the_session_only_when_its_expiry_lags_a_minute(login: Any) -> None:
    # Saving on every page view cost each page an UPDATE and a commit (bench/scale.py).
    client = login("behandelaar")
    assert client.get("/werk").status_code == 200
    moved_on = stored_session(client).expire_date

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/werk").status_code == 200

    assert not [q for q in queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]
    assert stored_session(client).expire_date == moved_on
    # 61 seconds later the next request moves it on again.
    Session.objects.filter(pk=stored_session(client).pk).update(
        expire_date=moved_on - dt.timedelta(seconds=61)
    )
    assert client.get("/werk").status_code == 200
    assert stored_session(client).expire_date > moved_on - dt.timedelta(seconds=1)


def test_every_request_moves_the_idle_expiry_on(login: Any) -> None:
    client = login("behandelaar")
    session = stored_session(client)
    # 25 minutes without a request: five minutes left.
    session.expire_date = timezone.now() + dt.timedelta(minutes=5)
    session.save()

    assert client.get("/werk").status_code == 200

    left = stored_session(client).expire_date - timezone.now()
    assert dt.timedelta(minutes=29) < left <= dt.timedelta(minutes=30)


def test_after_30_idle_minutes_the_next_request_asks_for_a_login(login: Any) -> None:
    client = login("behandelaar")
    assert client.get("/werk").status_code == 200
    session = stored_session(client)
    session.expire_date = timezone.now() - dt.timedelta(seconds=1)
    session.save()

    response = client.get("/werk")

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen")


def test_the_session_cookie_ends_with_the_browser(world: None, client: Client) -> None:
    from regie.demo.world import DEMO_PASSWORD

    response = client.post("/inloggen", {"username": "behandelaar", "password": DEMO_PASSWORD})

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert response.status_code == 302
    assert not cookie["max-age"]
    assert not cookie["expires"]
    assert cookie["httponly"]


def _started_hours_ago(client: Client, hours: float) -> None:
    session = client.session
    session[SESSION_STARTED] = time.time() - hours * 3600
    session.save()


def test_a_busy_session_still_ends_12_hours_after_login(login: Any) -> None:
    client = login("behandelaar")
    assert client.get("/werk").status_code == 200  # the first request notes the start
    _started_hours_ago(client, 12.01)

    response = client.get("/werk")

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen")
    # Logged out for good, not just for this request.
    assert client.get("/werk").status_code == 302


def test_a_session_of_eleven_hours_still_works(login: Any) -> None:
    client = login("behandelaar")
    assert client.get("/werk").status_code == 200
    _started_hours_ago(client, 11)

    assert client.get("/werk").status_code == 200


def test_a_visitor_without_login_gets_no_session(world: None, client: Client) -> None:
    # Saving the session on every request must not hand every resident a session row.
    client.get("/")
    client.get("/melden")

    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert not Session.objects.exists()
