"""What the demo tests share: a small history with a fixed end."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

NOW = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
# One year at a quarter of the volume: ~300 cases, enough for every kind, domain and channel.
SMALL = {"seed": 2026, "years": 1, "now": NOW, "scale": 0.25}
# The whole demo, as `regie demo` makes it (two years, ~2,200 cases): generated once for the
# history tests, so every rare path of the replay (a youth-care provider's own complaint under
# a summary agreement, a joint arrangement postponing its own complaint) runs in CI.
DEMO = {"seed": 2026, "years": 2, "now": NOW, "scale": 1.0}


def localdate(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
