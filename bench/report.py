"""The benchmark's answer: a table for people and one JSON line for programs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

# A baseline whose slices differ more than this makes its ratios doubtful.
SPREAD_WARNING = 0.25


@dataclass(frozen=True)
class Measurement:
    key: str
    label: str
    per_second: float
    # The key of the pgbench measurement this one is divided by; None for a baseline itself.
    baseline: str | None = None
    operations: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    p50_ms: float | None = None
    p95_ms: float | None = None
    # CPU milliseconds per operation: "web" (the WSGI process) or "python" (the in-process
    # service loop), and "postgres" (every postgres process, background writers included).
    cpu_ms: dict[str, float] = field(default_factory=dict)
    machine_busy: float | None = None
    db_states: dict[str, float] = field(default_factory=dict)
    foreign_sessions: float = 0.0
    error_samples: list[str] = field(default_factory=list)
    # For a baseline measured in slices: (highest - lowest) / median.
    spread: float | None = None


def ratio(measurement: Measurement, measurements: dict[str, Measurement]) -> float | None:
    if measurement.baseline is None:
        return None
    base = measurements[measurement.baseline].per_second
    return round(measurement.per_second / base, 4) if base else None


def as_json(m: Measurement, measurements: dict[str, Measurement]) -> dict[str, Any]:
    return {
        "label": m.label,
        "per_s": round(m.per_second, 1),
        "vs": m.baseline,
        "ratio": ratio(m, measurements),
        "operations": m.operations,
        "errors": m.errors,
        "p50_ms": None if m.p50_ms is None else round(m.p50_ms, 1),
        "p95_ms": None if m.p95_ms is None else round(m.p95_ms, 1),
        "cpu_ms_per_op": {k: round(v, 3) for k, v in m.cpu_ms.items()},
        "machine_busy": None if m.machine_busy is None else round(m.machine_busy, 3),
        "spread": None if m.spread is None else round(m.spread, 3),
        "db_session_states": {k: round(v, 3) for k, v in m.db_states.items()},
        "foreign_active_sessions": round(m.foreign_sessions, 2),
    }


def print_table(result: dict[str, Any], measurements: dict[str, Measurement]) -> None:
    m = result["machine"]
    settings = m["postgresql_settings"]
    print()
    print(f"Regie intake benchmark, {result['date']}, Regie {result['regie_revision']}")
    print(
        f"machine: {m['nproc']} CPU ({m['cpu_model']}), {m['memory_gib']} GiB, load "
        f"{m['loadavg_1m']} before the run; PostgreSQL {m['postgresql']} (synchronous_commit="
        f"{settings['synchronous_commit']}, fsync={settings['fsync']}, "
        f"autovacuum={settings.get('autovacuum', '?')})"
    )
    print(
        f"{result['clients']} clients, {result['seconds']:g} s per measurement, "
        f"{result['warmup']:g} s HTTP warm-up; {result['share_with_email']:.0%} of the "
        "'with e-mail' intakes carry an address"
    )
    print()
    rows = [
        ("measurement", "per s", "ratio", "p50/p95 ms", "CPU ms/op", "busy", "errors"),
    ]
    for item in measurements.values():
        r = ratio(item, measurements)
        rows.append(
            (
                item.label,
                f"{item.per_second:.1f}",
                _ratio_cell(r, item.baseline, item.spread),
                "" if item.p50_ms is None else f"{item.p50_ms:.0f}/{item.p95_ms or 0:.0f}",
                " ".join(f"{k} {v:.2f}" for k, v in item.cpu_ms.items()),
                "" if item.machine_busy is None else f"{item.machine_busy:.0%}",
                str(sum(item.errors.values())),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    left = {0, 2, 4}
    for i, row in enumerate(rows):
        cells = [
            c.ljust(w) if n in left else c.rjust(w)
            for n, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()
    statements = result["sql_statements_per_intake"]
    print("SQL statements per intake: " + ", ".join(f"{k} {v}" for k, v in statements.items()))
    mail = result["mail"]
    print(
        f"acknowledgements received by the loopback SMTP server (through the Celery worker): "
        f"{mail['received']} of {mail['expected']} in the outbox"
    )
    print()
    print("Regie's database sessions, share of samples (where the time goes):")
    for item in measurements.values():
        if item.db_states:
            top = ", ".join(f"{state} {share:.0%}" for state, share in item.db_states.items())
            print(f"  {item.key}: {top}")
    noisy = [i.key for i in measurements.values() if i.foreign_sessions >= 0.5]
    if noisy:
        print(f"NOTE: other databases on this server were busy during {', '.join(noisy)}")
    spread = [i.key for i in measurements.values() if (i.spread or 0.0) > SPREAD_WARNING]
    if spread:
        print(
            f"NOTE: the slices of {', '.join(spread)} differ by more than {SPREAD_WARNING:.0%}: "
            "something else competed for the disk or the CPUs, so the ratios are uncertain"
        )
    if m["loadavg_1m"] > 0.5 * m["nproc"]:
        # The benchmark itself needs the CPUs; work already running makes every rate noisy.
        print(
            f"NOTE: load {m['loadavg_1m']} on {m['nproc']} CPUs before the run: "
            "compare CPU ms/op rather than rates, or run again on a quiet machine"
        )
    if result["errors"]:
        print()
        print(f"ERRORS: {result['errors']}")
        for sample in result["error_samples"]:
            print(f"  {sample}")
    print()


def _ratio_cell(r: float | None, baseline: str | None, spread: float | None) -> str:
    if r is None:
        return "1 (baseline)" if spread is None else f"1 (baseline, spread {spread:.0%})"
    # "1:115" reads easier than 0.0087: one intake costs as much as 115 raw INSERTs.
    return f"{r:.4f} of {baseline}" + (f" (1:{1 / r:.0f})" if r else "")


def print_json(result: dict[str, Any]) -> None:
    print(json.dumps(result, ensure_ascii=False))


# The result protocol shared by every benchmark (`--json-out`), read by `python -m bench all`.


def row(
    measure: str,
    value: float | int | None,
    unit: str,
    *,
    baseline: str | None = None,
    ratio: float | None = None,
    target: str | None = None,
    met: bool | None = None,
) -> dict[str, Any]:
    """One line of a benchmark's table: what was measured, against what, and the target."""
    return {
        "measure": measure,
        "value": None if value is None else round(float(value), 3),
        "unit": unit,
        "baseline": baseline,
        "ratio": None if ratio is None else round(ratio, 4),
        "target": target,
        "met": met,
    }


def protocol(
    *,
    benchmark: str,
    date: str,
    machine: dict[str, Any],
    revision: str,
    rows: list[dict[str, Any]],
    ok: bool,
    details: dict[str, Any],
) -> dict[str, Any]:
    return {
        "benchmark": benchmark,
        "date": date,
        "machine": machine,
        "regie_revision": revision,
        "rows": rows,
        "ok": ok,
        "details": details,
    }


def write_json(path: str | None, result: dict[str, Any]) -> None:
    """Write the result where `--json-out` says (folders made as needed); nothing without."""
    if not path:
        return
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
