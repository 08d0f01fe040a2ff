from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from regie.deadlines import InvalidStart, compute_due, to_dutch_day


def test_a_utc_moment_late_in_the_evening_starts_the_next_dutch_day() -> None:
    due = compute_due("awb-klacht", datetime(2026, 3, 23, 23, 30, tzinfo=UTC))
    assert due.start == date(2026, 3, 24)
    assert due.due == date(2026, 5, 6)
    assert due.explanation[0] == (
        "De ontvangst van de klacht was op dinsdag 24 maart 2026 om 00:30 uur (Nederlandse tijd)."
    )


def test_it_uses_summer_time_after_the_clocks_go_forward() -> None:
    # 28 June 2026, 22:30 UTC is 00:30 on 29 June in Dutch summer time (UTC+2).
    day, moment = to_dutch_day(datetime(2026, 6, 28, 22, 30, tzinfo=UTC))
    assert day == date(2026, 6, 29)
    assert moment is not None
    assert moment.utcoffset() == timedelta(hours=2)


def test_it_keeps_the_day_of_a_moment_given_in_dutch_winter_time() -> None:
    moment = datetime(2026, 1, 5, 23, 59, tzinfo=timezone(timedelta(hours=1)))
    assert to_dutch_day(moment)[0] == date(2026, 1, 5)


def test_a_plain_date_is_used_as_it_is_and_not_explained_as_a_moment() -> None:
    due = compute_due("awb-klacht", date(2026, 3, 24))
    assert due.start == date(2026, 3, 24)
    assert not any("Nederlandse tijd" in sentence for sentence in due.explanation)


def test_it_refuses_a_datetime_without_a_time_zone() -> None:
    with pytest.raises(ValueError, match="time zone"):
        compute_due("awb-klacht", datetime(2026, 3, 23, 23, 30))


def test_it_refuses_something_that_is_not_a_date() -> None:
    with pytest.raises(InvalidStart):
        compute_due("awb-klacht", "2026-03-24")  # type: ignore[arg-type]
