"""Scope and roles are worked out once per request (regie.accounts.request_memo), and afresh
outside requests and in every next request."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.accounts.models import Membership
from regie.accounts.request_memo import RequestMemoMiddleware, forget, remembered
from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import user_by_username
from regie.vocabulary import Role

pytestmark = pytest.mark.django_db


def _membership_reads(queries: CaptureQueriesContext) -> int:
    return sum('FROM "accounts_membership"' in q["sql"] for q in queries.captured_queries)


def test_a_page_reads_each_answer_about_the_user_once(login: Any) -> None:
    client = login("coordinator")
    client.get("/werk")  # the session and everything lazily loaded are in place

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/werk").status_code == 200

    # The view's scope, the navigation's scope, privacy and Beheer links, the figures' roles:
    # each answer once (it was nine reads of the memberships before).
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "accounts_membership"' in q["sql"]]
    assert len(reads) == len(set(reads))
    assert _membership_reads(queries) <= 5


def test_outside_a_request_every_call_reads_afresh(world: None) -> None:
    user = user_by_username("coordinator")
    assert user is not None
    before = scope_for_user(user)
    Membership.objects.filter(user=user).delete()

    assert not before.is_empty
    assert scope_for_user(user).is_empty


def test_the_next_request_sees_a_changed_membership(login: Any, new_case: Any) -> None:
    case = new_case()
    client = login("coordinator")
    assert case.reference in client.get("/werk?wachtrij=all").content.decode()

    Membership.objects.filter(user=user_by_username("coordinator")).delete()

    assert case.reference not in client.get("/werk?wachtrij=all").content.decode()


def test_within_a_request_an_answer_is_kept_until_forgotten() -> None:
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    def view(_request: object) -> Any:
        first = remembered("key", compute)
        again = remembered("key", compute)
        forget()
        fresh = remembered("key", compute)
        return (first, again, fresh)

    assert RequestMemoMiddleware(view)(object()) == (1, 1, 2)  # type: ignore[arg-type]
    # After the request nothing is kept.
    assert remembered("key", compute) == 3
    assert remembered("key", compute) == 4


def test_the_role_filter_is_part_of_the_key(login: Any) -> None:
    from regie.accounts.selectors import municipality_ids_in_roles

    user = user_by_username("coordinator")
    assert user is not None

    def view(_request: object) -> Any:
        return (
            municipality_ids_in_roles(user, [Role.COORDINATOR]),
            municipality_ids_in_roles(user, [Role.PRIVACY]),
        )

    coordinating, guarding = RequestMemoMiddleware(view)(object())  # type: ignore[arg-type]
    assert coordinating
    assert not guarding
