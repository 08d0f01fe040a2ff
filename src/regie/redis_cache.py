"""Django's Redis cache, keeping one client object per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and
each one copies redis-py's table of some 170 response callbacks. The rate limits make four
cache calls per API request, so that copying cost the intake about a third of a millisecond
of CPU. A `redis.Redis` only borrows connections from its pool, so one per pool is as safe to
share between calls (and threads) as the pool itself; the connections and their number are
unchanged.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ClientKeeping(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django: Any = self  # Django's private helpers, which its type stubs leave out
        index = django._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = django._client(connection_pool=django._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ClientKeeping
