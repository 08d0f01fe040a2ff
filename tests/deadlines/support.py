"""Hypothesis strategies and helpers shared by the deadline tests."""

from datetime import date

from hypothesis import strategies as st

from regie.deadlines import REGIMES, DueDate, Option, Regime, compute_due

# Wide enough to cross many Easter dates, leap years and the 2100 non-leap year.
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)

days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
years = st.integers(min_value=FIRST_DAY.year, max_value=LAST_DAY.year)
regimes = st.sampled_from(sorted(REGIMES.values(), key=lambda regime: regime.identifier))


@st.composite
def regime_with_options(draw: st.DrawFn) -> tuple[Regime, dict[str, bool]]:
    """A regime and a valid choice of its options, as keyword arguments for compute_due."""
    regime = draw(regimes)
    accepted = sorted(regime.accepted_options)
    chosen = draw(st.lists(st.sampled_from(accepted), unique=True)) if accepted else []
    return regime, {option.value: option in chosen for option in Option}


def compute_with_options(regime: Regime | str, start: date, options: dict[str, bool]) -> DueDate:
    """``compute_due`` with options from a dict, as drawn by ``regime_with_options``."""
    return compute_due(
        regime,
        start,
        committee=options.get("committee", False),
        extended=options.get("extended", False),
        crisis=options.get("crisis", False),
    )
