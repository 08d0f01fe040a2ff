"""CPU accounting from /proc: who burns the cycles during a measured window.

A rate alone cannot say whether the web process, PostgreSQL or the machine as a whole is the
limit; CPU seconds per intake can, and they vary far less with machine noise than a rate.
On a system without /proc the figures are simply left out.
"""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _process_seconds(stat: str, *, children: bool = False) -> float:
    # The command name may contain spaces and parentheses; the fields after the last ")"
    # start at field 3 (state), so utime and stime (fields 14, 15) are at 11 and 12, and the
    # CPU of reaped children, cutime and cstime (16, 17), at 13 and 14.
    fields = stat.rsplit(")", 1)[1].split()
    own = int(fields[11]) + int(fields[12])
    reaped = int(fields[13]) + int(fields[14]) if children else 0
    return (own + reaped) / TICKS


def process_cpu(pid: int) -> float:
    try:
        return _process_seconds(Path(f"/proc/{pid}/stat").read_text())
    except (OSError, ValueError, IndexError):
        return 0.0


def postgres_cpu() -> float:
    """CPU seconds of every process named postgres: backends, WAL writer, checkpointer, and
    (through the postmaster's reaped-children time) backends that ended, like pgbench's."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended between listing and reading
        if "(postgres)" in stat[:64]:
            try:
                total += _process_seconds(stat, children=True)
            except (ValueError, IndexError):
                continue
    return total


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds over all CPUs since boot."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return 0.0, 0.0
    # user nice system idle iowait irq softirq steal; guest time is already in user.
    values = [int(v) for v in first[1:9]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICKS, sum(values) / TICKS


def snapshot(web_pid: int | None = None) -> dict[str, float]:
    busy, total = machine_cpu()
    counters = {"postgres_s": postgres_cpu(), "machine_busy_s": busy, "machine_total_s": total}
    counters["web_s"] = process_cpu(web_pid) if web_pid else 0.0
    return counters


def difference(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {key: after[key] - before[key] for key in before}
