"""The database cache that keeps the rate-limit counters without Redis (regie.db_cache): Django's
cache contract, exact counters under parallel requests, and no count of the table per write."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from regie import db_cache

TABLE = "regie_cache"


@pytest.fixture
def fresh_cull() -> Any:
    """The next write culls; afterwards, as in a running process, not for a minute."""
    db_cache._next_cull.clear()
    yield
    db_cache._next_cull.clear()


def key() -> str:
    return f"test-{uuid.uuid4().hex}"


def rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return int(cursor.fetchone()[0])


def test_the_default_cache_is_this_backend() -> None:
    assert isinstance(caches["default"], db_cache.DatabaseCache)


@pytest.mark.django_db
def test_it_keeps_djangos_cache_contract() -> None:
    cache = caches["default"]
    k = key()
    assert cache.get(k) is None
    cache.set(k, {"a": [1, 2]}, 60)
    assert cache.get(k) == {"a": [1, 2]}
    cache.set(k, "other", 60)  # set overwrites
    assert cache.get(k) == "other"
    assert cache.add(k, "third", 60) is False  # add keeps a live value
    assert cache.get(k) == "other"

    fresh = key()
    assert cache.add(fresh, 5, 60) is True
    assert cache.incr(fresh) == 6
    assert cache.incr(fresh, 10) == 16
    assert cache.decr(fresh, 2) == 14
    assert cache.get(fresh) == 14
    with pytest.raises(ValueError, match="not found"):
        cache.incr(key())  # a missing key is an error, as in every Django cache

    forever = key()
    cache.set(forever, "kept", None)
    assert cache.get(forever) == "kept"
    assert cache.touch(forever, 60) is True
    assert cache.touch(key(), 60) is False
    cache.delete(forever)
    assert cache.get(forever) is None
    assert not cache.has_key(forever)


@pytest.mark.django_db
def test_an_expired_value_is_gone_and_may_be_added_again() -> None:
    cache = caches["default"]
    k = key()
    cache.set(k, 1, -1)  # a timeout in the past: expired at once
    assert cache.get(k) is None
    with pytest.raises(ValueError, match="not found"):
        cache.incr(k)
    assert cache.touch(k, 60) is False
    assert cache.add(k, 7, 60) is True
    assert cache.get(k) == 7


@pytest.mark.django_db
def test_a_counted_request_never_counts_the_table(fresh_cull: Any) -> None:
    cache = caches["default"]
    cache.add(key(), 0, 60)  # this process's cull for the coming minute
    with CaptureQueriesContext(connection) as queries:
        for _ in range(20):
            k = key()
            assert cache.add(k, 1, 60)
            assert not cache.add(k, 1, 60)
            assert cache.incr(k) == 2
    sql = [q["sql"] for q in queries.captured_queries if TABLE in q["sql"]]
    assert not [s for s in sql if "COUNT(" in s.upper()]
    # add, add, and incr's locked read and write: four statements on the table per key.
    assert len(sql) == 20 * 4


@pytest.mark.django_db
def test_expired_rows_go_once_a_minute_and_the_table_is_culled_past_max_entries(
    fresh_cull: Any,
) -> None:
    cache = caches["default"]
    for _ in range(5):
        cache.set(key(), 1, -1)
    before = rows()
    db_cache._next_cull.clear()
    cache.add(key(), 1, 60)
    assert rows() == before - 5 + 1

    small = db_cache.DatabaseCache(TABLE, {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    for _ in range(30):
        small.set(key(), 1, 60)
    assert rows() > 10
    db_cache._next_cull.clear()
    small.set(key(), 1, 60)
    # Django's cull: half of the rows go, by key order; the table shrinks, counters stay.
    assert rows() < 30


def in_threads(count: int, work: Callable[[int], Any]) -> list[Any]:
    results: list[Any] = [None] * count
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work(i)
        except BaseException as exc:  # reported below, in the test's own thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_parallel_increments_are_all_counted_and_one_add_wins() -> None:
    k = key()
    assert caches["default"].add(k, 0, 60)

    def count(_: int) -> list[int]:
        return [caches["default"].incr(k) for _ in range(25)]

    seen = [n for numbers in in_threads(8, count) for n in numbers]
    assert caches["default"].get(k) == 200
    # Every increment saw its own number: none was lost or given twice.
    assert sorted(seen) == list(range(1, 201))

    contested = key()
    added = in_threads(8, lambda _: caches["default"].add(contested, 1, 60))
    assert added.count(True) == 1
