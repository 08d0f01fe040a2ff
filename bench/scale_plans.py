"""The plans of the queries a page issues (bench.scale): record every SELECT one request
makes, ask PostgreSQL for its plan (`EXPLAIN (FORMAT JSON)`, not ANALYZE: nothing runs), and
flag a sequential scan of a large table, the one plan that grows with the register.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# The register's tables that grow with every case: a Seq Scan on one of these reads millions
# of rows at 10 million cases. They count as large from NAMED_ROWS rows (an empty table the
# generator does not fill is rightly scanned); any other table from LARGE_ROWS (estimates,
# pg_class.reltuples).
LARGE_TABLES = frozenset(
    {
        "cases_case",
        "cases_event",
        "cases_casedeadline",
        "cases_triagesuggestion",
        "cases_ombudsmanreferral",
        "cases_followup",
        "privacy_accesslog",
        "documents_letter",
    }
)
LARGE_ROWS = 100_000
NAMED_ROWS = 10_000


@dataclass
class Query:
    sql: str
    params: Any


@dataclass
class Recorder:
    """A `connection.execute_wrapper` that keeps the SELECTs one request issues, and counts
    every statement and the time spent in the database (to tell SQL from Python)."""

    queries: list[Query] = field(default_factory=list)
    statements: int = 0
    seconds: float = 0.0
    timed: list[tuple[float, str]] = field(default_factory=list)  # (ms, sql) of each

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if not many and sql.lstrip().upper().startswith("SELECT"):
            self.queries.append(Query(sql, params))
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.statements += 1
            self.seconds += elapsed
            self.timed.append((elapsed * 1000, sql))

    def slowest(self, count: int = 3) -> list[dict[str, Any]]:
        return [
            {"ms": round(ms, 2), "sql": sql[:300]}
            for ms, sql in sorted(self.timed, key=lambda t: -t[0])[:count]
        ]


def nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every node of one plan tree, depth first."""
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def node_types(explained: list[dict[str, Any]]) -> list[str]:
    """The node types of an `EXPLAIN (FORMAT JSON)` answer, each with its relation."""
    found = []
    for top in explained:
        for node in nodes(top["Plan"]):
            relation = node.get("Relation Name")
            name = node["Node Type"]
            found.append(f"{name} on {relation}" if relation else name)
    return found


def seq_scans(explained: list[dict[str, Any]], large: frozenset[str] | set[str]) -> list[str]:
    """The large tables this plan reads with a sequential scan (empty when it uses indexes)."""
    return [
        str(node["Relation Name"])
        for top in explained
        for node in nodes(top["Plan"])
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in large
    ]


def large_tables(cursor: Any) -> set[str]:
    cursor.execute(
        "SELECT relname, reltuples FROM pg_class WHERE relkind = 'r' AND reltuples >= %s",
        [NAMED_ROWS],
    )
    return {name for name, rows in cursor.fetchall() if name in LARGE_TABLES or rows >= LARGE_ROWS}


def explain(cursor: Any, query: Query) -> list[dict[str, Any]]:
    cursor.execute("EXPLAIN (FORMAT JSON) " + query.sql, query.params)
    value = cursor.fetchone()[0]
    return json.loads(value) if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class PlanFinding:
    page: str
    sql: str
    node_types: list[str]
    seq_scans: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "sql": self.sql[:2000],
            "node_types": self.node_types,
            "seq_scans": self.seq_scans,
        }


def check(cursor: Any, page: str, queries: list[Query], large: set[str]) -> list[PlanFinding]:
    """Explain each distinct SELECT of one request (the first of each text)."""
    seen: set[str] = set()
    findings = []
    for query in queries:
        if query.sql in seen:
            continue
        seen.add(query.sql)
        explained = explain(cursor, query)
        findings.append(
            PlanFinding(page, query.sql, node_types(explained), seq_scans(explained, large))
        )
    return findings
