"""Django's database cache, with counters that are exact and writes that do not count the table.

Without Redis (`REGIE_CACHE_URL=db://…`, the default) the rate limits and the login throttle
keep their counters in this table. Django's `DatabaseCache` has two habits that hurt there:

- before every `set` and `add` it counts the whole table (`SELECT COUNT(*)`) to decide
  whether to cull. A counted request makes two or four such writes, and the table holds a row
  per client per window until it passes `MAX_ENTRIES` (100,000 here), so each count reads
  more rows as the day goes on; on a database whose dead rows are not yet vacuumed it reads
  those too (4 ms per count in the first soak, four per API request);
- its `incr` is a `get` and then a `set`, so two processes counting the same client at the
  same moment may both write the same number, and a burst slips past a limit.

Here `set` and `add` are one statement each (`INSERT … ON CONFLICT`), and `incr` reads the
row with a lock (`SELECT … FOR UPDATE`) and writes the new value in the same transaction, so
parallel increments are never lost. The table's size is looked after at most once every
`CULL_EVERY_SECONDS` per process: expired rows are deleted, and if more than `MAX_ENTRIES`
remain, Django's own cull removes a share. Values are stored exactly as Django stores them
(pickled, base64), so `get`, `delete` and `has_key` are Django's, and old and new processes
can share the table during a deploy.

PostgreSQL and SQLite (3.35 or newer, for `RETURNING`) take these paths; any other database
gets Django's behaviour unchanged.
"""

from __future__ import annotations

import base64
import pickle
import threading
import time
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now

# Expired counters are removed this often per process; between two culls the table may grow
# past MAX_ENTRIES for a moment, which costs a few rows, not correctness.
CULL_EVERY_SECONDS = 60.0

_VENDORS = frozenset({"postgresql", "sqlite"})

# The statements, with the table's quoted name filled in by DatabaseCache._sql.
_SET = (
    "INSERT INTO {table} (cache_key, value, expires) VALUES (%s, %s, %s) "
    "ON CONFLICT (cache_key) DO UPDATE SET value = EXCLUDED.value, expires = EXCLUDED.expires"
)
# Only an expired row is overwritten; RETURNING says whether this statement wrote.
_ADD = _SET + " WHERE {table}.expires < %s RETURNING cache_key"
_TOUCH = "UPDATE {table} SET expires = %s WHERE cache_key = %s AND expires >= %s"
_READ = "SELECT value FROM {table} WHERE cache_key = %s AND expires >= %s"
_READ_LOCKED = _READ + " FOR UPDATE"
_WRITE = "UPDATE {table} SET value = %s WHERE cache_key = %s"
_DELETE_EXPIRED = "DELETE FROM {table} WHERE expires < %s"
_COUNT = "SELECT COUNT(*) FROM {table}"
_next_cull: dict[str, float] = {}
_cull_lock = threading.Lock()


class DatabaseCache(DjangoDatabaseCache):
    _table: str  # set by Django's __init__ (its LOCATION); its type stubs leave it out

    def _connection(self) -> Any:
        return connections[router.db_for_write(self.cache_model_class)]

    def _ours(self, connection: Any) -> bool:
        return connection.vendor in _VENDORS

    def _encode(self, value: Any) -> str:
        # As Django stores a value: the column is text, so base64 of the pickle.
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    def _expires(self, connection: Any, timeout: Any) -> Any:
        seconds = self.get_backend_timeout(timeout)
        if seconds is None:
            expires = datetime.max  # noqa: DTZ901 - "never", written as Django writes it
        else:
            expires = datetime.fromtimestamp(seconds, tz=UTC if settings.USE_TZ else None)
        return connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))

    def _now(self, connection: Any) -> Any:
        return connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))

    def _sql(self, connection: Any, template: str) -> str:
        # The table is the cache's LOCATION from settings, quoted; every value is bound.
        return template.format(table=connection.ops.quote_name(self._table))

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        connection = self._connection()
        if not self._ours(connection):
            return super().set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        self._cull_now_and_then(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                self._sql(connection, _SET),
                [key, self._encode(value), self._expires(connection, timeout)],
            )
        return None

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        """True when the key was absent or expired and now holds `value`; one statement, so
        of two processes adding the same key exactly one gets True."""
        connection = self._connection()
        if not self._ours(connection):
            return bool(super().add(key, value, timeout, version))
        key = self.make_and_validate_key(key, version=version)
        self._cull_now_and_then(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                self._sql(connection, _ADD),
                [
                    key,
                    self._encode(value),
                    self._expires(connection, timeout),
                    self._now(connection),
                ],
            )
            return cursor.fetchone() is not None

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        connection = self._connection()
        if not self._ours(connection):
            return bool(super().touch(key, timeout, version))
        key = self.make_and_validate_key(key, version=version)
        with connection.cursor() as cursor:
            cursor.execute(
                self._sql(connection, _TOUCH),
                [self._expires(connection, timeout), key, self._now(connection)],
            )
            return bool(cursor.rowcount)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        """The stored number plus `delta`, written under the row's lock: two processes
        counting at once both count. A missing or expired key raises ValueError, as Django's
        caches do (django-ratelimit then adds it)."""
        connection = self._connection()
        if not self._ours(connection):
            return super().incr(key, delta, version)
        key = self.make_and_validate_key(key, version=version)
        # SQLite has no row locks; Regie opens its transactions IMMEDIATE there (settings),
        # which takes the database's write lock before the read.
        read = _READ_LOCKED if connection.features.has_select_for_update else _READ
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                self._sql(connection, read),
                [key, self._now(connection)],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            # What this cache wrote itself, as Django's own get reads it.
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301
            cursor.execute(
                self._sql(connection, _WRITE),
                [self._encode(value), key],
            )
        return value

    def _cull_now_and_then(self, connection: Any) -> None:
        """Delete expired rows, and cull when still over MAX_ENTRIES, at most once every
        CULL_EVERY_SECONDS in this process (not on every write, as Django does)."""
        now = time.monotonic()
        with _cull_lock:
            if now < _next_cull.get(self._table, 0.0):
                return
            _next_cull[self._table] = now + CULL_EVERY_SECONDS
        with connection.cursor() as cursor:
            cursor.execute(self._sql(connection, _DELETE_EXPIRED), [self._now(connection)])
            cursor.execute(self._sql(connection, _COUNT))
            count = cursor.fetchone()[0]
            if count > self._max_entries:
                django: Any = self  # Django's own cull, which its type stubs leave out
                django._cull(connection.alias, cursor, tz_now(), count)
