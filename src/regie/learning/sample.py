"""A random sample of concluded cases for review, as Maastricht's citizens' panel samples
objection decisions: the write path of `ReviewSample` and `ReviewItem`.

Why the draw looks the way it does. An ombudsfunctionaris must be able to show that nobody
chose the cases, so the draw is fair and repeatable:

- the population is a filter, stored with the sample (municipality, kind, domain, outcome,
  the period in which the cases were concluded), read through `cases_visible_to`;
- the cases are drawn without replacement by `random.Random(seed).sample(ids, k)` over the
  primary keys in ascending order: every subset of size k is equally likely, and the same
  population with the same seed always gives the same cases, in the same order;
- the seed comes from `secrets` (the operating system's randomness), never from the person
  who draws; the page offers no way to choose it. Every draw is kept and listed with who
  made it, so drawing again until the sample suits someone would show;
- `sample_redraw_check` recomputes the draw from the stored filter and seed. It gives the
  same cases as long as the population did not change since the draw: a case concluded
  later in the period (registered after the fact), reopened, or no longer visible to the
  person who drew makes the population different, and then the check may differ too.

The population is what the person who draws may see (`cases_visible_to(scope)`), so the
check recomputes it with that person's scope as it is now.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from regie import limits
from regie.accounts.scope import Scope, scope_for_user
from regie.cases.models import Case
from regie.cases.selectors import case_visible_to, cases_visible_to
from regie.deadlines.dutch import MONTHS
from regie.directory.models import Municipality
from regie.learning.common import Check, PermissionRefused, require_learner
from regie.learning.models import ReviewItem, ReviewSample, ReviewVerdict
from regie.vocabulary import CONCLUDED_STATUSES, Domain, Kind, Outcome

MAX_SIZE = 200  # cases a panel can read with care; more is an audit, not a review
MAX_YEARS = 5
EARLIEST_YEAR = 1900
SEED_BITS = 63  # fits the signed 64-bit column
PURPOSE = 200  # the width of ReviewSample.purpose
# Verdicts whose note says what should be learned; a note is required for them.
NEEDS_NOTE = (ReviewVerdict.COULD_BE_BETTER, ReviewVerdict.NOT_GOOD)

EMPTY_POPULATION = "Er zijn geen afgehandelde zaken die aan deze keuze voldoen."
SIZE_MESSAGE = f"Kies een aantal van 1 tot en met {MAX_SIZE}."


# The draw itself: pure, so its fairness can be tested on its own.


def draw(population: Sequence[int], size: int, seed: int) -> list[int]:
    """`size` ids from `population` at random without replacement (all of them when there
    are fewer), repeatable for the same population and seed. The ids are sorted first, so
    the order in which the database returned them does not matter."""
    ids = sorted(population)
    # Not for secrecy but for repeatability: the seed is public on the sample's page.
    return random.Random(seed).sample(ids, min(size, len(ids)))  # noqa: S311


def new_seed() -> int:
    return secrets.randbits(SEED_BITS)


# The population


@dataclass(frozen=True)
class Population:
    """The filter of a sample, as stored in `ReviewSample.population` (JSON)."""

    concluded_from: dt.date
    concluded_to: dt.date
    kind: str = ""
    domain: str = ""
    outcome: str = ""
    requested: int = 0  # the size asked for; the sample is smaller when the population is

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "domain": self.domain,
            "outcome": self.outcome,
            "concluded_from": self.concluded_from.isoformat(),
            "concluded_to": self.concluded_to.isoformat(),
            "requested": self.requested,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Population:
        return cls(
            concluded_from=dt.date.fromisoformat(data["concluded_from"]),
            concluded_to=dt.date.fromisoformat(data["concluded_to"]),
            kind=data.get("kind", ""),
            domain=data.get("domain", ""),
            outcome=data.get("outcome", ""),
            requested=int(data.get("requested", 0)),
        )

    def in_words(self) -> str:
        """ "Klachten, domein Wmo (ondersteuning), uitkomst Klacht gegrond, afgehandeld van
        1 januari 2026 tot en met 31 maart 2026"."""
        parts = [PLURALS[Kind(self.kind)] if self.kind else "Alle soorten zaken"]
        if self.domain:
            parts.append(f"domein {Domain(self.domain).label}")
        if self.outcome:
            parts.append(f"uitkomst {Outcome(self.outcome).label.lower()}")
        parts.append(
            f"afgehandeld van {dutch_date(self.concluded_from)} "
            f"tot en met {dutch_date(self.concluded_to)}"
        )
        return ", ".join(parts)


PLURALS = {
    Kind.KLACHT: "Klachten",
    Kind.SIGNAAL: "Signalen",
    Kind.MELDING: "Meldingen",
    Kind.HULPVRAAG: "Hulpvragen",
}


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _start_of(day: dt.date) -> dt.datetime:
    # Midnight exists on every Dutch day (the clocks change at 2 and 3 a.m.).
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def population_cases(
    scope: Scope, municipality: Municipality, population: Population
) -> QuerySet[Case]:
    """The concluded cases of the municipality that `scope` sees, concluded in the period
    (Dutch calendar days, both ends included), with the optional filters."""
    cases = cases_visible_to(scope).filter(
        municipality=municipality,
        status__in=CONCLUDED_STATUSES,
        concluded_at__gte=_start_of(population.concluded_from),
        concluded_at__lt=_start_of(population.concluded_to + dt.timedelta(days=1)),
    )
    for field in ("kind", "domain", "outcome"):
        value = getattr(population, field)
        if value:
            cases = cases.filter(**{field: value})
    return cases


def _population_ids(scope: Scope, municipality: Municipality, population: Population) -> list[int]:
    return sorted(population_cases(scope, municipality, population).values_list("pk", flat=True))


# Drawing


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _check_draw(
    check: Check,
    *,
    purpose: str,
    size: int,
    kind: str,
    domain: str,
    outcome: str,
    concluded_from: dt.date | None,
    concluded_to: dt.date | None,
    seed: int | None,
    today: dt.date,
) -> str:
    purpose = check.text(
        "purpose", purpose, limit=PURPOSE, required="Schrijf op waarvoor deze steekproef is."
    )
    check.number("size", size, (1, MAX_SIZE), SIZE_MESSAGE, required=True)
    if kind:
        check.choice("kind", kind, Kind, "Kies een soort uit de lijst.")
    if domain:
        check.choice("domain", domain, Domain, "Kies een domein uit de lijst.")
    if outcome:
        check.choice("outcome", outcome, Outcome, "Kies een uitkomst uit de lijst.")
    if concluded_from is None:
        check.fail("concluded_from", "Vul de eerste dag van de periode in.")
    if concluded_to is None:
        check.fail("concluded_to", "Vul de laatste dag van de periode in.")
    if concluded_from is not None and concluded_to is not None:
        if concluded_from.year < EARLIEST_YEAR:  # a typo; and no date arithmetic near year 1
            check.fail("concluded_from", "Vul een bestaande datum in, zoals 1-1-2026.")
        elif concluded_to > today:
            check.fail("concluded_to", "De periode kan niet na vandaag eindigen.")
        elif concluded_from > concluded_to:
            check.fail("concluded_to", "De laatste dag kan niet voor de eerste dag liggen.")
        elif concluded_from < _years_back(concluded_to, MAX_YEARS):
            check.fail("concluded_from", f"Kies een periode van hooguit {MAX_YEARS} jaar.")
    if seed is not None and not 0 <= seed < 2**SEED_BITS:
        check.fail("seed", "Het startgetal van de trekking is ongeldig.")
    return purpose


def sample_draw(
    *,
    by: User,
    scope: Scope,
    municipality: Municipality,
    purpose: str,
    size: int,
    kind: str = "",
    domain: str = "",
    outcome: str = "",
    concluded_from: dt.date | None,
    concluded_to: dt.date | None,
    seed: int | None = None,
    at: dt.datetime | None = None,
) -> ReviewSample:
    """Draw `size` concluded cases at random and store the sample with one item per case.

    Raises `PermissionRefused` when `by` does not learn about the municipality, and
    `LearningError` with Dutch messages per argument (`population` when nothing matches).
    When the population is smaller than `size`, the whole population is the sample; compare
    `ReviewSample.items.count()` with `Population.requested` to say so.
    """
    require_learner(by, municipality)
    at = timezone.now() if at is None else at
    if timezone.is_naive(at):
        raise ValueError("A sample needs an aware moment.")
    check = Check()
    purpose = _check_draw(
        check,
        purpose=purpose,
        size=size,
        kind=kind,
        domain=domain,
        outcome=outcome,
        concluded_from=concluded_from,
        concluded_to=concluded_to,
        seed=seed,
        today=timezone.localdate(at),
    )
    check.done()
    assert concluded_from is not None  # checked above
    assert concluded_to is not None
    population = Population(
        concluded_from=concluded_from,
        concluded_to=concluded_to,
        kind=kind,
        domain=domain,
        outcome=outcome,
        requested=size,
    )
    seed = new_seed() if seed is None else seed
    with transaction.atomic():
        ids = _population_ids(scope, municipality, population)
        if not ids:
            check.fail("population", EMPTY_POPULATION)
            check.done()
        sample = ReviewSample.objects.create(
            municipality=municipality,
            purpose=purpose,
            population=population.as_json(),
            population_size=len(ids),
            seed=seed,
            created_by=by,
            created_at=at,
        )
        # Created in the order of the draw, so the items' primary keys keep that order.
        ReviewItem.objects.bulk_create(
            ReviewItem(sample=sample, case_id=case_id) for case_id in draw(ids, size, seed)
        )
    return sample


def sample_population(sample: ReviewSample) -> Population:
    return Population.from_json(sample.population)


def sample_redraw_check(sample: ReviewSample) -> list[int]:
    """The case ids the stored filter and seed give now, in the order of the draw: equal to
    the sample's items (`ReviewItem` in primary-key order) when nobody picked them by hand
    and the population did not change since (see the module's docstring)."""
    population = sample_population(sample)
    ids = _population_ids(scope_for_user(sample.created_by), sample.municipality, population)
    return draw(ids, population.requested or sample.items.count(), sample.seed)


def sample_population_size_now(sample: ReviewSample) -> int:
    """How many cases the stored filter finds today, to explain a check that differs."""
    population = sample_population(sample)
    scope = scope_for_user(sample.created_by)
    return population_cases(scope, sample.municipality, population).count()


def sample_drawn_ids(sample: ReviewSample) -> list[int]:
    return list(sample.items.order_by("pk").values_list("case_id", flat=True))


# Reviewing


def review_record(
    *, by: User, item: ReviewItem, verdict: str, note: str, at: dt.datetime | None = None
) -> ReviewItem:
    """Record (or change) the verdict on one case of a sample. A note is required for
    "kan beter" and "niet goed": that is what the municipality learns from.

    Raises `PermissionRefused` when `by` does not learn about the municipality or may not
    see the case, and `LearningError` for what was typed."""
    require_learner(by, item.sample.municipality)
    if not case_visible_to(scope_for_user(by), item.case):
        raise PermissionRefused
    at = timezone.now() if at is None else at
    if timezone.is_naive(at):
        raise ValueError("A review needs an aware moment.")
    check = Check()
    if not verdict:
        check.fail("verdict", "Kies een oordeel.")
    else:
        check.choice("verdict", verdict, ReviewVerdict, "Kies een oordeel uit de lijst.")
    needs_note = verdict in NEEDS_NOTE
    note = check.text(
        "note",
        note,
        limit=limits.STAFF_TEXT,
        required="Schrijf op wat beter kan: daar leert de gemeente van." if needs_note else "",
    )
    check.done()
    with transaction.atomic():
        locked = ReviewItem.objects.select_for_update().get(pk=item.pk)
        locked.verdict = verdict
        locked.note = note
        locked.reviewed_by = by
        locked.reviewed_at = at
        locked.save(update_fields=["verdict", "note", "reviewed_by", "reviewed_at"])
    return locked


# What the reviewers found


@dataclass(frozen=True)
class VerdictCount:
    verdict: str
    label: str
    count: int


@dataclass(frozen=True)
class Findings:
    total: int
    reviewed: int
    counts: list[VerdictCount]
    # The items judged "kan beter" or "niet goed" that have a note, in the order of the draw.
    notes: list[ReviewItem]

    @property
    def open(self) -> int:
        return self.total - self.reviewed


def sample_findings(sample: ReviewSample) -> Findings:
    counted = dict(
        sample.items.exclude(verdict="")
        .order_by()
        .values("verdict")
        .annotate(n=Count("pk"))
        .values_list("verdict", "n")
    )
    counts = [VerdictCount(v.value, v.label, counted.get(v.value, 0)) for v in ReviewVerdict]
    notes = list(
        sample.items.filter(verdict__in=NEEDS_NOTE)
        .exclude(note="")
        .select_related("case")
        .order_by("pk")
    )
    return Findings(
        total=sample.items.count(),
        reviewed=sum(counted.values()),
        counts=counts,
        notes=notes,
    )


def samples_of(municipality: Municipality) -> QuerySet[ReviewSample]:
    """The municipality's samples, newest first, with their counts (one query)."""
    return (
        ReviewSample.objects.filter(municipality=municipality)
        .select_related("created_by")
        .annotate(
            total=Count("items"),
            reviewed=Count("items", filter=~Q(items__verdict="")),
            good=Count("items", filter=Q(items__verdict=ReviewVerdict.GOOD)),
            could_be_better=Count("items", filter=Q(items__verdict=ReviewVerdict.COULD_BE_BETTER)),
            not_good=Count("items", filter=Q(items__verdict=ReviewVerdict.NOT_GOOD)),
        )
        .order_by("-created_at", "-pk")
    )
