"""A stateless web tier (issue 12): whatever one `regie serve` process knows of a visitor,
every other process knows too, because it lives in the database or the shared cache."""

from __future__ import annotations

import socket
import threading
import uuid
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory

from regie import redis_cache
from regie.ui.throttle import seconds_to_wait
from tests.scaleout.test_replica import settings_with


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db
def test_a_login_session_lives_in_the_database_so_any_process_can_read_it(
    login: Any, settings: Any
) -> None:
    # Django's database sessions, which regie.ui.sessions only extends.
    assert settings.SESSION_ENGINE == "regie.ui.sessions"
    client = login("behandelaar")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()

    # Another process: a fresh client with only the cookie, as the load balancer sends it.
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = key
    assert other.get("/werk").status_code == 200


def test_the_cache_url_takes_redis_or_the_database_and_refuses_the_rest() -> None:
    redis = settings_with(REGIE_CACHE_URL="redis://cache:6379/1")
    assert redis.returncode == 0, redis.stderr
    db = settings_with(REGIE_CACHE_URL="db://regie_cache")
    assert db.returncode == 0, db.stderr
    wrong = settings_with(REGIE_CACHE_URL="memcached://cache:11211")
    assert wrong.returncode != 0
    assert "REGIE_CACHE_URL" in wrong.stderr


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_rate_limit_counters_are_shared_through_redis(settings: Any) -> None:
    location = "redis://127.0.0.1:6379/14"
    settings.CACHES = {"default": {"BACKEND": "regie.redis_cache.RedisCache", "LOCATION": location}}
    group = f"scaleout-{uuid.uuid4().hex}"
    request = RequestFactory().post("/melden", REMOTE_ADDR="192.0.2.7")

    assert seconds_to_wait(request, group=group, rate="2/m") is None
    assert seconds_to_wait(request, group=group, rate="2/m") is None
    # The third request within the minute is refused, whichever process it reaches: the
    # counter is in Redis, where a second process (a client of its own) finds it.
    assert seconds_to_wait(request, group=group, rate="2/m") is not None
    other_process = RedisCache(location, {})
    found = [key for key in other_process._cache.get_client().keys("*") if b"rl:" in key]
    assert found


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_the_redis_cache_keeps_one_client_and_its_counters_stay_exact_across_threads() -> None:
    cache = redis_cache.RedisCache("redis://127.0.0.1:6379/14", {})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client  # not a new one per call
    key = f"scaleout-{uuid.uuid4().hex}"
    assert cache.add(key, 0, 60)
    assert not cache.add(key, 0, 60)

    def count() -> None:
        for _ in range(50):
            cache.incr(key)

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get(key) == 400
    # Django's own backend, as another process would read it, sees the same counter.
    assert RedisCache("redis://127.0.0.1:6379/14", {}).get(key) == 400
    cache.delete(key)
