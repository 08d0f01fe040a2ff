"""Login throttling that also catches password spraying (issue 11): besides axes' lock per
account and address, failures are counted per address across accounts, per account across
addresses, and in total. Over a limit the password is not even checked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from regie.demo.world import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

ACCOUNTS = ["kcc", "behandelaar", "coordinator", "wmo-consulent", "jeugdconsulent"]


@pytest.fixture(autouse=True)
def _limits(settings: Any, db: None) -> None:
    cache.clear()
    settings.AXES_FAILURE_LIMIT = 5  # axes' own lock: per account and address
    settings.REGIE_LOGIN_FAILURES_PER_ADDRESS = 1000
    settings.REGIE_LOGIN_FAILURES_PER_ACCOUNT = 1000
    settings.REGIE_LOGIN_FAILURES_TOTAL = 1000
    # The counters are fixed windows (django-ratelimit): a window that ends halfway through a
    # test starts its counts afresh. A day-long window makes that vanishingly unlikely; with
    # 15 minutes it happened about once in a few hundred runs.
    settings.REGIE_LOGIN_WINDOW_MINUTES = 24 * 60


def attempt(address: str, username: str, password: str = "zomer2026") -> Any:
    return Client(REMOTE_ADDR=address).post(
        "/inloggen", {"username": username, "password": password}
    )


def refused(response: Any) -> bool:
    return response.status_code == 429 and "Inloggen is even geblokkeerd" in (
        response.content.decode()
    )


def logged_in(response: Any) -> bool:
    return response.status_code == 302 and response["Location"] == "/werk"


def test_one_address_trying_every_account_is_stopped(world: None, settings: Any) -> None:
    settings.REGIE_LOGIN_FAILURES_PER_ADDRESS = 4
    results = [attempt("198.51.100.1", name) for name in ACCOUNTS[:4]]

    # Each account saw one failure only: axes alone would never lock.
    assert [r.status_code for r in results[:3]] == [200, 200, 200]
    assert refused(results[3])
    # Even the right password of another account is refused from that address …
    assert refused(attempt("198.51.100.1", "jeugdconsulent", DEMO_PASSWORD))
    # … while another address logs in as usual.
    assert logged_in(attempt("198.51.100.2", "jeugdconsulent", DEMO_PASSWORD))


def test_one_account_tried_from_many_addresses_is_stopped(world: None, settings: Any) -> None:
    settings.REGIE_LOGIN_FAILURES_PER_ACCOUNT = 3
    for n in range(3):
        attempt(f"203.0.113.{n}", "Behandelaar" if n else "behandelaar")

    assert refused(attempt("203.0.113.50", "behandelaar", DEMO_PASSWORD))
    assert logged_in(attempt("203.0.113.50", "kcc", DEMO_PASSWORD))


def test_a_spray_from_fresh_addresses_is_stopped_by_the_total(world: None, settings: Any) -> None:
    settings.REGIE_LOGIN_FAILURES_TOTAL = 5
    for n, name in enumerate(ACCOUNTS):
        attempt(f"192.0.2.{n}", name)

    assert refused(attempt("192.0.2.200", "behandelaar", DEMO_PASSWORD))


def test_a_few_typos_in_an_office_behind_one_address_lock_nobody(
    world: None, settings: Any
) -> None:
    settings.REGIE_LOGIN_FAILURES_PER_ADDRESS = 20
    for name in ACCOUNTS:
        attempt("198.51.100.9", name, "tikfout")

    for name in ACCOUNTS:
        assert logged_in(attempt("198.51.100.9", name, DEMO_PASSWORD)), name


def test_axes_still_locks_one_account_from_one_address(world: None) -> None:
    for _ in range(5):
        attempt("198.51.100.3", "coordinator")

    assert refused(attempt("198.51.100.3", "coordinator", DEMO_PASSWORD))
    assert logged_in(attempt("198.51.100.4", "coordinator", DEMO_PASSWORD))
