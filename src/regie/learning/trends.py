"""Weekly counts per theme, team, provider and channel, per municipality: one GROUP BY query per
dimension, counted in the database.

A theme is the case's domain (wmo, jeugd, …). Cases carry no topic of the directory yet
(directory.Topic); when they do, a "topic" dimension is one line in DIMENSIONS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, DateField, QuerySet
from django.db.models.functions import TruncWeek

from regie.cases.models import Case
from regie.directory.models import Organisation, Team
from regie.learning.spikes import SeriesKey, weeks_between
from regie.vocabulary import Channel, Domain

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Dimension:
    slug: str
    label: str  # the table's caption: "Per thema", …
    field: str  # the Case field grouped on


DIMENSIONS: dict[str, Dimension] = {
    d.slug: d
    for d in (
        Dimension("thema", "Per thema (domein)", "domain"),
        Dimension("team", "Per team", "handling_team_id"),
        Dimension("aanbieder", "Per aanbieder waar het over gaat", "about_id"),
        Dimension(
            "behandelaar", "Per organisatie die de zaak behandelt", "handling_organisation_id"
        ),
        Dimension("kanaal", "Per kanaal", "channel"),
    )
}

Counts = dict[SeriesKey, dict[dt.date, int]]


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=AMSTERDAM)


def weekly_counts(
    cases: QuerySet[Case], dimension: str, *, first: dt.date, last: dt.date
) -> Counts:
    """Cases received from the week of `first` up to and including `last`, counted per
    municipality, week (Monday, Amsterdam time) and value of `dimension`: one query."""
    field = DIMENSIONS[dimension].field
    rows = (
        cases.filter(
            received_at__gte=_moment(week_start(first)),
            received_at__lt=_moment(last + dt.timedelta(days=1)),
        )
        .exclude(**{f"{field}__isnull": True})
        .annotate(week=TruncWeek("received_at", output_field=DateField(), tzinfo=AMSTERDAM))
        .values_list("municipality_id", "week", field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: Counts = {}
    for municipality_id, week, value, n in rows:
        key = SeriesKey(municipality_id, dimension, str(value))
        counts.setdefault(key, {})[week] = n
    return counts


def all_counts(cases: QuerySet[Case], *, first: dt.date, last: dt.date) -> Counts:
    counts: Counts = {}
    for dimension in DIMENSIONS:
        counts.update(weekly_counts(cases, dimension, first=first, last=last))
    return counts


def labels(keys: Iterable[SeriesKey]) -> dict[SeriesKey, str]:
    """The Dutch name of each series' value (one query per kind of organisation)."""
    keys = list(keys)
    ids = {d: {int(k.value) for k in keys if k.dimension == d} for d in ("team", "aanbieder")}
    ids["aanbieder"] |= {int(k.value) for k in keys if k.dimension == "behandelaar"}
    teams = dict(Team.objects.filter(pk__in=ids["team"]).values_list("pk", "name"))
    organisations = dict(
        Organisation.objects.filter(pk__in=ids["aanbieder"]).values_list("pk", "name")
    )
    found = {}
    for key in keys:
        if key.dimension == "thema":
            found[key] = str(Domain(key.value).label) if key.value in Domain.values else key.value
        elif key.dimension == "kanaal":
            found[key] = str(Channel(key.value).label) if key.value in Channel.values else key.value
        elif key.dimension == "team":
            found[key] = teams.get(int(key.value), key.value)
        else:
            found[key] = organisations.get(int(key.value), key.value)
    return found


def cases_behind(
    cases: QuerySet[Case], key: SeriesKey, week: dt.date, *, until: dt.date | None = None
) -> QuerySet[Case]:
    """The cases counted in `key`'s `week` (up to `until` for a running week)."""
    field = DIMENSIONS[key.dimension].field
    end = week + dt.timedelta(days=7)
    if until is not None:
        end = min(end, until + dt.timedelta(days=1))
    return cases.filter(
        municipality_id=key.municipality_id,
        received_at__gte=_moment(week),
        received_at__lt=_moment(end),
        **{field: key.value},
    )


__all__ = ["DIMENSIONS", "Counts", "all_counts", "cases_behind", "labels", "weekly_counts"]
__all__ += ["week_start", "weeks_between"]
