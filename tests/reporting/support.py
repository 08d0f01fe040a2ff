"""The demo register for the report tests: the real generator, one year, a small volume."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from regie.demo.replay import generate_demo_cases

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 1, 20, 12, tzinfo=AMSTERDAM)
AS_OF = NOW.date()
YEAR = "2025"


def demo_register(scale: float = 0.1) -> int:
    """About a year and a month of history up to NOW (so 2025 is complete); the number of
    cases made."""
    return generate_demo_cases(years=1.1, now=NOW, scale=scale)  # type: ignore[arg-type]
