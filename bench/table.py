"""One markdown file from the benchmarks' JSON results (`python -m bench all`).

Each benchmark writes the protocol object (bench.report.protocol) with `--json-out`; this
module turns a list of them into docs/benchmarks.md: one table per benchmark, measure | value
| baseline | ratio | target | met. A benchmark that failed or wrote nothing is a row saying so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

COLUMNS = ("measure", "value", "baseline", "ratio", "target", "met")


@dataclass(frozen=True)
class Outcome:
    """What one benchmark run left: its result object, or why there is none."""

    name: str
    command: str
    result: dict[str, Any] | None = None
    exit_code: int | None = None
    problem: str | None = None  # set when the run failed, timed out or wrote no JSON
    seconds: float | None = None
    stderr_tail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.problem is None and self.result is not None and bool(self.result.get("ok"))


def format_value(value: float | int | None, unit: str | None = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    number = float(value)
    if number.is_integer() and abs(number) >= 1:
        text = f"{int(number):,}"
    elif abs(number) >= 100:
        text = f"{number:,.0f}"
    elif abs(number) >= 10:
        text = f"{number:.1f}"
    else:
        text = f"{number:.3g}"
    text = text.replace(",", " ")  # a thin separator that reads the same in Dutch and English
    return f"{text} {unit}".strip() if unit else text


def format_ratio(ratio: float | None) -> str:
    """0.0069 reads badly; "0.0069 (1:145)" says one intake costs as much as 145 INSERTs."""
    if ratio is None:
        return "—"
    if ratio == 0:
        return "0"
    if ratio < 0.1:
        return f"{ratio:.2g} (1:{1 / ratio:,.0f})".replace(",", " ")
    if ratio < 10:
        return f"{ratio:.2f}"
    return f"{ratio:,.0f}".replace(",", " ")


def format_met(met: bool | None) -> str:
    if met is None:
        return ""
    return "yes" if met else "**no**"


def _cell(text: Any) -> str:
    # A pipe or a newline would break the markdown table.
    return str(text).replace("|", "\\|").replace("\n", " ")


def outcome_table(outcome: Outcome) -> list[str]:
    lines = [f"## {outcome.name}", ""]
    result = outcome.result
    meta = [f"`{outcome.command}`"]
    if outcome.seconds is not None:
        meta.append(f"took {outcome.seconds:,.0f} s".replace(",", " "))
    if result is not None:
        meta.append(f"revision {result.get('regie_revision', '?')}")
        machine = result.get("machine") or {}
        if "loadavg_1m" in machine:
            meta.append(f"load {machine['loadavg_1m']} before the run")
    lines += ["; ".join(meta), ""]
    lines.append("| " + " | ".join(COLUMNS) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * 1 + ["---"] + ["---:"] + ["---"] * 2) + "|")
    if outcome.problem is not None or result is None:
        problem = outcome.problem or "no result"
        lines.append(f"| **FAILED**: {_cell(problem)} | — | — | — | — | **no** |")
    else:
        if not result.get("ok"):
            lines.append(
                "| **FAILED**: the benchmark found an error (see its details) | — | — | — | — "
                "| **no** |"
            )
        for r in result.get("rows") or []:
            cells = [
                r.get("measure", "?"),
                format_value(r.get("value"), r.get("unit")),
                r.get("baseline") or "",
                format_ratio(r.get("ratio")),
                r.get("target") or "",
                format_met(r.get("met")),
            ]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    errors = (result or {}).get("details", {}).get("error_samples") if result else None
    if outcome.problem is not None and outcome.stderr_tail:
        lines += ["", "```", outcome.stderr_tail.strip()[-1500:], "```"]
    elif errors and not (result or {}).get("ok", True):
        lines += ["", "```", "\n".join(str(e) for e in errors)[-1500:], "```"]
    lines.append("")
    return lines


def machine_line(outcomes: Iterable[Outcome], fallback: dict[str, Any]) -> str:
    machine = next(
        (o.result["machine"] for o in outcomes if o.result and o.result.get("machine")), fallback
    )
    parts = [
        f"{machine.get('nproc', '?')} CPU ({machine.get('cpu_model', '?')})",
        f"{machine.get('memory_gib', '?')} GiB",
    ]
    if machine.get("postgresql"):
        parts.append(f"PostgreSQL {machine['postgresql']}")
    if machine.get("python"):
        parts.append(f"Python {machine['python']}")
    return ", ".join(parts)


def render(outcomes: list[Outcome], *, date: str, machine: dict[str, Any], command: str) -> str:
    failed = [o.name for o in outcomes if not o.ok]
    missed = [
        f"{o.name}: {r['measure']}"
        for o in outcomes
        if o.result
        for r in o.result.get("rows") or []
        if r.get("met") is False
    ]
    lines = [
        "# Benchmarks",
        "",
        f"Generated by `make bench` on {date} on {machine_line(outcomes, machine)}; "
        "do not edit by hand.",
        "",
        f"Command: `{command}`. Figures from one run on one machine; the ratios to a baseline "
        "measured in the same run are what travel between machines. The machine's load is "
        "shared with whatever else ran: see docs/performance.md for how to read them.",
        "",
    ]
    if failed:
        lines += [f"**Failed or missing:** {', '.join(failed)}.", ""]
    else:
        lines += ["Every benchmark ran without errors.", ""]
    if missed:
        lines += ["Targets missed:", "", *(f"- {m}" for m in missed), ""]
    for outcome in outcomes:
        lines += outcome_table(outcome)
    return "\n".join(lines).rstrip() + "\n"
