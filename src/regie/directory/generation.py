"""Directory reads kept in the process for as long as the directory stays the same.

Every intake asks the directory the same few things (the municipality by its code, the
organisation by its slug, who is responsible for the domain, the decree days, the topics,
whether the municipality edited its acknowledgement): six queries per case for rows that
change a few times a year (bench/intake.py, issue 12). Here each answer is kept with the
directory's *generation*, and given again while the generation is unchanged.

The generation is one row, `directory_generation`, that a database trigger on every directory
table moves on with each statement that changes one (migration 0005; LetterTemplate in
documents 0002). A trigger, not a signal: it sees every write path, bulk updates, the
generator's COPY, raw SQL and other processes included. On PostgreSQL the new value comes
from a sequence, which never hands out a number twice, also not after a rollback; on SQLite
from random(). So a generation names one state of the directory: whoever reads generation g
and then the rows reads the rows of g or newer, never older.

Each cached read costs one cheap statement (the generation) instead of an ORM query: still
exact, in every process, within the reader's own transaction too (a change made earlier in
the same transaction has moved the generation already). Where the row is missing (a test
database flushed by a TransactionTestCase), nothing is kept and every read goes to the table.

What is kept is shared by the threads of a process: never change it, copy it first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")

# Enough for every (municipality, domain) of a large region, with room; past it everything is
# dropped at once, so a client sending made-up codes cannot grow the process.
MAX_ENTRIES = 4096

_kept: dict[tuple[str, Hashable], tuple[int, Any]] = {}
# The generation read once for a whole intake (`directory_pinned`); each thread or task its own.
# Held in a tuple: a pinned "no row" (None) is a value too.
_pinned: ContextVar[tuple[int | None] | None] = ContextVar("regie_directory_pinned", default=None)


@contextmanager
def directory_pinned() -> Iterator[None]:
    """Read the generation once for everything inside: an intake asks the directory five
    times and changes nothing in it. Only around code that does not write the directory
    itself, for it would not see its own change. Another process's change that commits
    meanwhile is seen by the next intake, as if this one had come a moment earlier."""
    if _pinned.get() is not None:
        yield
        return
    token = _pinned.set((_read(),))
    try:
        yield
    finally:
        _pinned.reset(token)


def current() -> int | None:
    """The directory's generation as this connection sees it now (or as pinned); None
    without its row."""
    pinned = _pinned.get()
    return pinned[0] if pinned is not None else _read()


def _read() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM directory_generation WHERE id = 1")
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def directory_cached(key: Hashable, load: Callable[[], T]) -> T:
    """`load()`, or what it gave before at this generation of the directory."""
    generation = current()
    if generation is None:
        return load()
    where = (str(connection.settings_dict["NAME"]), key)
    kept = _kept.get(where)
    if kept is not None and kept[0] == generation:
        value: T = kept[1]
        return value
    value = load()
    if len(_kept) >= MAX_ENTRIES:
        _kept.clear()
    _kept[where] = (generation, value)
    return value
