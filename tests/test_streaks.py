from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streakline.rules import bucket_day
from streakline.streaks import (
    CADENCES,
    Cadence,
    CurrentStreak,
    Streak,
    StreakRules,
    WeekStart,
    compute_consistency,
    compute_est,
    compute_period_counts,
    compute_streaks,
    humanize_length,
    period_bounds,
    period_index,
)

WEEKLY = StreakRules()
DAILY = StreakRules(cadence="day")
MONTHLY = StreakRules(cadence="month")
YEARLY = StreakRules(cadence="year")
SAT, SUN = 5, 6


def d(text: str) -> date:
    return date.fromisoformat(text)


def days(*texts: str) -> list[date]:
    return [d(text) for text in texts]


def done(length: int, start: str, end: str, unit: Cadence = "week") -> CurrentStreak:
    return CurrentStreak(length, unit, d(start), d(end), "done", None)


def at_risk(
    length: int, start: str, end: str, days_left: int, unit: Cadence = "week"
) -> CurrentStreak:
    return CurrentStreak(length, unit, d(start), d(end), "at_risk", days_left)


def broken(unit: Cadence = "week") -> CurrentStreak:
    return CurrentStreak(0, unit, None, None, "broken", None)


def streak(length: int, start: str, end: str, unit: Cadence = "week") -> Streak:
    return Streak(length, unit, d(start), d(end))


# ---- bucketing -------------------------------------------------------------------------

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("instant", "offset", "zone", "day"),
    [
        pytest.param("2026-03-03T04:59Z", -300, None, "2026-03-02", id="23:59-at-minus-5-event"),
        pytest.param("2026-03-03T04:59Z", -300, UTC_ZONE, "2026-03-03", id="23:59-at-minus-5-utc"),
        pytest.param("2026-03-02T19:00Z", 330, None, "2026-03-03", id="00:30-at-plus-5:30-event"),
        pytest.param("2026-03-02T19:00Z", 330, UTC_ZONE, "2026-03-02", id="00:30-at-plus-5:30-utc"),
        pytest.param(
            "2025-03-29T23:30Z", 0, BERLIN, "2025-03-30", id="berlin-spring-forward-00:30"
        ),
        pytest.param(
            "2025-03-30T21:59Z", 0, BERLIN, "2025-03-30", id="berlin-spring-forward-23:59"
        ),
        pytest.param(
            "2025-03-30T22:00Z", 0, BERLIN, "2025-03-31", id="berlin-after-spring-forward"
        ),
        pytest.param("2025-10-25T22:30Z", 0, BERLIN, "2025-10-26", id="berlin-fall-back-00:30"),
        pytest.param(
            "2025-10-26T00:30Z", 0, BERLIN, "2025-10-26", id="berlin-fall-back-first-02:30"
        ),
        pytest.param(
            "2025-10-26T01:30Z", 0, BERLIN, "2025-10-26", id="berlin-fall-back-second-02:30"
        ),
        pytest.param("2025-10-26T22:59Z", 0, BERLIN, "2025-10-26", id="berlin-fall-back-23:59"),
        pytest.param("2025-03-09T04:59Z", 0, NEW_YORK, "2025-03-08", id="new-york-before-spring"),
        pytest.param("2025-03-10T03:59Z", 0, NEW_YORK, "2025-03-09", id="new-york-spring-23:59"),
        pytest.param("2025-11-02T03:59Z", 0, NEW_YORK, "2025-11-01", id="new-york-before-fall"),
        pytest.param("2025-11-03T04:59Z", 0, NEW_YORK, "2025-11-02", id="new-york-fall-back-23:59"),
        pytest.param("2025-11-03T05:00Z", 0, NEW_YORK, "2025-11-03", id="new-york-after-fall-back"),
    ],
)
def test_bucket_day(instant: str, offset: int, zone: ZoneInfo | None, day: str) -> None:
    moment = datetime.fromisoformat(instant)
    assert bucket_day(moment, offset, zone) == d(day)


@pytest.fixture
def machine_in_los_angeles() -> Iterator[None]:
    # By hand rather than monkeypatch: tzset() must run again after TZ is restored.
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "America/Los_Angeles"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


@pytest.mark.usefixtures("machine_in_los_angeles")
def test_bucket_day_reads_naive_instants_as_utc_not_machine_time() -> None:
    assert bucket_day(datetime(2026, 3, 3, 4, 59), -300, None) == d("2026-03-02")
    assert bucket_day(datetime(2026, 3, 3, 4, 59), 0, NEW_YORK) == d("2026-03-02")


# ---- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "cadence", "week_start", "bounds"),
    [
        pytest.param("2026-11-25", "day", "monday", ("2026-11-25", "2026-11-25"), id="day"),
        pytest.param("2026-11-25", "week", "monday", ("2026-11-23", "2026-11-29"), id="week-mon"),
        pytest.param("2026-11-25", "week", "sunday", ("2026-11-22", "2026-11-28"), id="week-sun"),
        pytest.param(
            "2026-11-22", "week", "monday", ("2026-11-16", "2026-11-22"), id="sun-ends-mon"
        ),
        pytest.param("2026-11-22", "week", "sunday", ("2026-11-22", "2026-11-28"), id="sun-opens"),
        pytest.param("2025-12-31", "week", "monday", ("2025-12-29", "2026-01-04"), id="new-year"),
        pytest.param("2024-02-10", "month", "monday", ("2024-02-01", "2024-02-29"), id="leap-feb"),
        pytest.param("2026-12-31", "year", "monday", ("2026-01-01", "2026-12-31"), id="year"),
    ],
)
def test_period_bounds(
    day: str, cadence: Cadence, week_start: WeekStart, bounds: tuple[str, str]
) -> None:
    index = period_index(d(day), cadence, week_start)
    assert period_bounds(index, cadence, week_start) == (d(bounds[0]), d(bounds[1]))


def test_month_index_is_year_times_twelve_plus_month() -> None:
    assert period_index(d("2026-11-25"), "month", "monday") == 2026 * 12 + 10


def test_iso_53_week_year_gives_consecutive_weeks() -> None:
    # 2020-12-28 is ISO week 53 of 2020; week numbers must not jump at the year's end.
    mondays = days("2020-12-21", "2020-12-28", "2021-01-04")
    indexes = [period_index(day, "week", "monday") for day in mondays]
    assert indexes == [indexes[0], indexes[0] + 1, indexes[0] + 2]


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from(CADENCES),
    st.sampled_from(["monday", "sunday"]),
)
def test_period_bounds_hold_the_day_and_touch_neighbours(
    day: date, cadence: Cadence, week_start: WeekStart
) -> None:
    index = period_index(day, cadence, week_start)
    first, last = period_bounds(index, cadence, week_start)
    assert first <= day <= last
    assert period_index(first - timedelta(days=1), cadence, week_start) == index - 1
    assert period_index(last + timedelta(days=1), cadence, week_start) == index + 1
    if cadence == "week":
        assert first.weekday() == (0 if week_start == "monday" else 6)


# ---- current streak --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "today", "current"),
    [
        pytest.param([], "2026-11-25", broken(), id="empty-history"),
        pytest.param(
            ["2026-11-23"], "2026-11-25", done(1, "2026-11-23", "2026-11-29"), id="one-post"
        ),
        pytest.param(
            ["2026-11-18"],
            "2026-11-25",
            at_risk(1, "2026-11-16", "2026-11-22", 5),
            id="today-grace",
        ),
        pytest.param(["2026-11-11"], "2026-11-25", broken(), id="gap-of-exactly-one-period"),
        pytest.param(
            ["2026-11-04", "2026-11-18", "2026-11-25"],
            "2026-11-25",
            done(2, "2026-11-16", "2026-11-29"),
            id="gap-of-one-period-resets",
        ),
        pytest.param(
            # Thu 01-01 and Fri 01-09 fall in adjacent weeks; Tue 01-20 follows an empty one.
            ["2026-01-01", "2026-01-09", "2026-01-20"],
            "2026-01-20",
            done(1, "2026-01-19", "2026-01-25"),
            id="sparse-input",
        ),
        pytest.param(
            ["2026-11-18", "2026-11-27"],
            "2026-11-25",
            at_risk(1, "2026-11-16", "2026-11-22", 5),
            id="future-post-ignored",
        ),
        pytest.param(
            # Imported later, given in any order and twice: only the dates matter.
            ["2026-11-25", "2026-11-10", "2026-11-17", "2026-11-10", "2026-11-03"],
            "2026-11-25",
            done(4, "2026-11-02", "2026-11-29"),
            id="backdated-imports",
        ),
        pytest.param(
            ["2026-11-23", "2026-11-24", "2026-11-25"],
            "2026-11-25",
            done(1, "2026-11-23", "2026-11-29"),
            id="several-posts-one-period",
        ),
        pytest.param(
            ["2020-12-21", "2020-12-28", "2021-01-04"],
            "2021-01-06",
            done(3, "2020-12-21", "2021-01-10"),
            id="iso-53-week-year",
        ),
        pytest.param(
            ["2025-12-31", "2026-01-01"],
            "2026-01-02",
            done(1, "2025-12-29", "2026-01-04"),
            id="31-dec-1-jan-same-week",
        ),
    ],
)
def test_current_streak(dates: list[str], today: str, current: CurrentStreak) -> None:
    assert compute_streaks(days(*dates), WEEKLY, d(today))[0] == current


@pytest.mark.parametrize(
    ("rules", "dates", "today", "current"),
    [
        pytest.param(
            DAILY, ["2026-11-24"], "2026-11-25",
            at_risk(1, "2026-11-24", "2026-11-24", 1, "day"), id="day",
        ),
        pytest.param(
            WEEKLY, ["2026-11-19"], "2026-11-26",
            at_risk(1, "2026-11-16", "2026-11-22", 4), id="week",
        ),
        pytest.param(
            MONTHLY, ["2026-01-15"], "2026-02-10",
            at_risk(1, "2026-01-01", "2026-01-31", 19, "month"), id="month",
        ),
        pytest.param(
            YEARLY, ["2025-06-01"], "2026-12-31",
            at_risk(1, "2025-01-01", "2025-12-31", 1, "year"), id="year",
        ),
        pytest.param(DAILY, ["2026-11-23"], "2026-11-25", broken("day"), id="day-missed"),
        pytest.param(MONTHLY, ["2025-12-31"], "2026-02-01", broken("month"), id="month-missed"),
        pytest.param(YEARLY, ["2024-12-31"], "2026-01-01", broken("year"), id="year-missed"),
    ],
)  # fmt: skip
def test_today_grace_for_every_cadence(
    rules: StreakRules, dates: list[str], today: str, current: CurrentStreak
) -> None:
    assert compute_streaks(days(*dates), rules, d(today))[0] == current


@pytest.mark.parametrize(
    ("rules", "dates", "today", "current"),
    [
        pytest.param(
            DAILY, ["2025-12-31", "2026-01-01"], "2026-01-01",
            done(2, "2025-12-31", "2026-01-01", "day"), id="day",
        ),
        pytest.param(
            MONTHLY, ["2025-12-31", "2026-01-01"], "2026-01-01",
            done(2, "2025-12-01", "2026-01-31", "month"), id="month",
        ),
        pytest.param(
            YEARLY, ["2025-12-31", "2026-01-01"], "2026-01-01",
            done(2, "2025-01-01", "2026-12-31", "year"), id="year",
        ),
    ],
)  # fmt: skip
def test_31_dec_1_jan_boundary(
    rules: StreakRules, dates: list[str], today: str, current: CurrentStreak
) -> None:
    assert compute_streaks(days(*dates), rules, d(today))[0] == current


@pytest.mark.parametrize(
    ("week_start", "current"),
    [
        # Sun 11-22 and Mon 11-23 share a Sunday week: the Sunday week before is empty.
        pytest.param("monday", done(2, "2026-11-16", "2026-11-29"), id="monday"),
        pytest.param("sunday", done(1, "2026-11-22", "2026-11-28"), id="sunday"),
    ],
)
def test_week_start(week_start: WeekStart, current: CurrentStreak) -> None:
    rules = StreakRules(week_start=week_start)
    assert compute_streaks(days("2026-11-22", "2026-11-23"), rules, d("2026-11-25"))[0] == current


@pytest.mark.parametrize(
    ("dates", "today", "current"),
    [
        pytest.param(["2026-11-23"], "2026-11-25", broken(), id="one-post-short"),
        pytest.param(
            ["2026-11-16", "2026-11-20", "2026-11-23"],
            "2026-11-25",
            at_risk(1, "2026-11-16", "2026-11-22", 5),
            id="second-post-pending",
        ),
        pytest.param(
            ["2026-11-16", "2026-11-20", "2026-11-23", "2026-11-25"],
            "2026-11-25",
            done(2, "2026-11-16", "2026-11-29"),
            id="two-posts-count",
        ),
        pytest.param(
            ["2026-11-09", "2026-11-16", "2026-11-20", "2026-11-23", "2026-11-25"],
            "2026-11-25",
            done(2, "2026-11-16", "2026-11-29"),
            id="one-post-week-breaks",
        ),
    ],
)
def test_per_period_two(dates: list[str], today: str, current: CurrentStreak) -> None:
    rules = StreakRules(per_period=2)
    assert compute_streaks(days(*dates), rules, d(today))[0] == current


TRIP = (d("2026-11-02"), d("2026-11-15"))  # two whole Monday weeks


@pytest.mark.parametrize(
    ("dates", "today", "current"),
    [
        pytest.param(
            ["2026-10-26", "2026-11-16"],
            "2026-11-16",
            done(2, "2026-10-26", "2026-11-22"),
            id="capped-freeze-bridges-without-lengthening",
        ),
        pytest.param(
            ["2026-11-16", "2026-11-23"],
            "2026-11-25",
            done(2, "2026-11-16", "2026-11-29"),
            id="leading-freeze-does-not-extend-start",
        ),
        pytest.param(
            ["2026-10-26"],
            "2026-11-16",
            at_risk(1, "2026-10-26", "2026-11-01", 7),
            id="trailing-freeze-keeps-alive",
        ),
        pytest.param(
            ["2026-10-26"],
            "2026-11-04",
            at_risk(1, "2026-10-26", "2026-11-01", 19),
            id="frozen-current-period-gives-time-to-freeze-end",
        ),
        pytest.param(
            ["2026-10-26", "2026-11-05"],
            "2026-11-16",
            at_risk(2, "2026-10-26", "2026-11-08", 7),
            id="post-inside-freeze-counts",
        ),
        pytest.param(["2026-10-19"], "2026-11-16", broken(), id="freeze-after-a-miss"),
    ],
)
def test_freezes(dates: list[str], today: str, current: CurrentStreak) -> None:
    rules = StreakRules(freezes=(TRIP,))
    assert compute_streaks(days(*dates), rules, d(today))[0] == current


def test_partly_frozen_week_is_not_skipped() -> None:
    rules = StreakRules(freezes=((d("2026-11-02"), d("2026-11-07")),))
    assert compute_streaks(days("2026-10-26"), rules, d("2026-11-10"))[0] == broken()


def test_freeze_longer_than_a_month_skips_a_month() -> None:
    rules = StreakRules(cadence="month", freezes=((d("2026-06-20"), d("2026-08-05")),))
    current = compute_streaks(days("2026-06-01", "2026-08-20"), rules, d("2026-08-25"))[0]
    assert current == done(2, "2026-06-01", "2026-08-31", "month")


# 2026-11-20 is a Friday, 11-21 Saturday, 11-22 Sunday, 11-23 Monday.
@pytest.mark.parametrize(
    ("dates", "today", "current"),
    [
        pytest.param(
            ["2026-11-20", "2026-11-23"], "2026-11-23",
            done(2, "2026-11-20", "2026-11-23", "day"), id="weekend-bridged",
        ),
        pytest.param(
            ["2026-11-20"], "2026-11-22",
            at_risk(1, "2026-11-20", "2026-11-20", 2, "day"), id="rest-day-today",
        ),
        pytest.param(
            ["2026-11-20", "2026-11-21", "2026-11-23"], "2026-11-23",
            done(3, "2026-11-20", "2026-11-23", "day"), id="post-on-rest-day-counts",
        ),
        pytest.param(
            ["2026-11-21", "2026-11-23"], "2026-11-23",
            done(2, "2026-11-21", "2026-11-23", "day"), id="leading-rest-day",
        ),
        pytest.param(
            ["2026-11-19", "2026-11-23"], "2026-11-23",
            done(1, "2026-11-23", "2026-11-23", "day"), id="working-day-missed",
        ),
    ],
)  # fmt: skip
def test_rest_days(dates: list[str], today: str, current: CurrentStreak) -> None:
    rules = StreakRules(cadence="day", rest_days=frozenset({SAT, SUN}))
    assert compute_streaks(days(*dates), rules, d(today))[0] == current


def test_rest_days_apply_to_the_day_cadence_only() -> None:
    rules = StreakRules(cadence="week", rest_days=frozenset({0, 1, 2, 3, 4, SAT}))
    assert compute_streaks(days("2026-11-04"), rules, d("2026-11-25"))[0] == broken()


@pytest.mark.parametrize(
    ("dates", "today", "longest"),
    [
        pytest.param([], "2026-11-25", Streak(0, "week", None, None), id="empty-history"),
        pytest.param(
            ["2026-01-05", "2026-01-12", "2026-02-02", "2026-02-09"],
            "2026-11-25",
            streak(2, "2026-02-02", "2026-02-15"),
            id="tie-most-recent-wins",
        ),
        pytest.param(
            ["2026-01-05", "2026-01-12", "2026-01-19", "2026-02-02", "2026-02-09"],
            "2026-11-25",
            streak(3, "2026-01-05", "2026-01-25"),
            id="longer-older-run",
        ),
        pytest.param(
            ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"],
            "2026-11-25",
            streak(4, "2026-11-02", "2026-11-29"),
            id="current-is-longest",
        ),
        pytest.param(
            ["2026-11-09", "2026-11-16", "2026-11-30"],
            "2026-11-25",
            streak(2, "2026-11-09", "2026-11-22"),
            id="future-post-ignored",
        ),
    ],
)
def test_longest_streak(dates: list[str], today: str, longest: Streak) -> None:
    assert compute_streaks(days(*dates), WEEKLY, d(today))[1] == longest


@pytest.mark.parametrize(
    "rules",
    [
        pytest.param({"cadence": "fortnight"}, id="cadence"),
        pytest.param({"week_start": "friday"}, id="week-start"),
        pytest.param({"per_period": 0}, id="per-period"),
        pytest.param({"rest_days": frozenset({7})}, id="rest-day-number"),
        pytest.param({"rest_days": frozenset(range(7))}, id="every-day-rest"),
        pytest.param({"freezes": ((d("2026-02-01"), d("2026-01-01")),)}, id="freeze-backwards"),
    ],
)
def test_invalid_rules_are_refused(rules: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        StreakRules(**rules)  # type: ignore[arg-type]


# ---- humanized lengths, est. -----------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "today", "text"),
    [
        pytest.param("2026-11-25", "2026-11-25", "1d", id="started-today"),
        pytest.param("2026-11-13", "2026-11-25", "13d", id="13-days"),
        pytest.param("2026-11-12", "2026-11-25", "2w", id="14-days-is-2-weeks"),
        pytest.param("2026-09-01", "2026-11-30", "13w", id="day-before-3-months"),
        pytest.param("2026-09-01", "2026-12-01", "3mo", id="3-months"),
        pytest.param("2026-01-31", "2026-04-29", "12w", id="31st-before-3-months"),
        pytest.param("2026-01-31", "2026-04-30", "3mo", id="31st-3-months"),
        pytest.param("2025-11-26", "2026-11-25", "11mo", id="day-before-a-year"),
        pytest.param("2025-11-25", "2026-11-25", "1y+", id="first-anniversary"),
        pytest.param("2023-11-20", "2026-11-25", "3y+", id="3-year-weekly-habit"),
        pytest.param("2024-02-29", "2025-02-27", "11mo", id="29-feb-day-before"),
        pytest.param("2024-02-29", "2025-02-28", "1y+", id="29-feb-counts-as-28-feb"),
        pytest.param("2024-02-29", "2028-02-28", "4y+", id="29-feb-in-a-leap-year"),
    ],
)
def test_humanize_length(start: str, today: str, text: str) -> None:
    assert humanize_length(d(start), d(today)) == text


def test_humanize_length_refuses_a_start_after_today() -> None:
    with pytest.raises(ValueError):
        humanize_length(d("2026-11-26"), d("2026-11-25"))


@pytest.mark.parametrize(
    ("dates", "est"),
    [
        pytest.param([], None, id="no-posts"),
        pytest.param(["2026-11-25"], 2026, id="one-post"),
        pytest.param(["2019-05-01", "2008-03-14", "2012-01-01"], 2008, id="earliest-unsorted"),
    ],
)
def test_compute_est(dates: list[str], est: int | None) -> None:
    assert compute_est(days(*dates)) == est


# ---- consistency -----------------------------------------------------------------------


def test_one_missed_week_costs_a_little_where_the_streak_resets() -> None:
    counts = [1] * 52 + [0] + [1] * 3
    assert compute_consistency(counts, 1, "week") > 0.9
    assert compute_consistency(counts, 1, "week") < compute_consistency([1] * 56, 1, "week")
    mondays = [d("2025-01-06") + timedelta(weeks=n) for n, c in enumerate(counts) if c]
    today = mondays[-1]
    assert compute_streaks(mondays, WEEKLY, today)[0].length == 3


@pytest.mark.parametrize(
    ("counts", "per_period", "cadence", "score"),
    [
        pytest.param([], 1, "week", 0.0, id="empty"),
        pytest.param([0] * 10, 1, "week", 0.0, id="never"),
        # Values from Loop's daily recurrence run day by day: 1 - 0.5 ** (days * sqrt(f) / 13).
        pytest.param([1], 1, "week", 0.131570, id="one-week"),
        pytest.param([1], 1, "day", 0.051922, id="one-day"),
        pytest.param([1], 1, "year", 0.638921, id="one-year"),
        pytest.param([1, 0], 1, "day", 0.049226, id="decay"),
        pytest.param([2], 2, "week", 0.180861, id="per-period-two"),
        pytest.param([1, 1], 2, "week", 0.0, id="below-per-period"),
        pytest.param([3] * 400, 1, "day", 1.0, id="saturates"),
    ],
)
def test_compute_consistency(
    counts: list[int], per_period: int, cadence: Cadence, score: float
) -> None:
    assert compute_consistency(counts, per_period, cadence) == pytest.approx(score, abs=1e-6)


@pytest.mark.parametrize(
    ("rules", "dates", "today", "counts"),
    [
        pytest.param(WEEKLY, [], "2026-11-25", [], id="empty"),
        pytest.param(
            WEEKLY, ["2026-11-02", "2026-11-04", "2026-11-18"], "2026-11-25", [2, 0, 1],
            id="current-week-pending-left-out",
        ),
        pytest.param(
            WEEKLY, ["2026-11-09", "2026-11-23"], "2026-11-25", [1, 0, 1],
            id="current-week-counting-kept",
        ),
        pytest.param(
            StreakRules(freezes=(TRIP,)), ["2026-10-26", "2026-11-16"], "2026-11-25", [1, 1],
            id="frozen-weeks-left-out",
        ),
        pytest.param(
            StreakRules(cadence="day", rest_days=frozenset({SAT, SUN})),
            ["2026-11-20", "2026-11-23"], "2026-11-24", [1, 1],
            id="rest-days-left-out",
        ),
        pytest.param(WEEKLY, ["2026-12-01"], "2026-11-25", [], id="future-ignored"),
    ],
)  # fmt: skip
def test_compute_period_counts(
    rules: StreakRules, dates: list[str], today: str, counts: list[int]
) -> None:
    assert compute_period_counts(days(*dates), rules, d(today)) == counts


@pytest.mark.parametrize(
    ("seconds", "offset"),
    [(0, 0), (1_700_000_000, 330), (1_700_000_000, -300), (951_782_400 - 1, 60), (-86_401, 0)],
)
def test_bucket_epoch_agrees_with_bucket_day(seconds: int, offset: int) -> None:
    from streakline.rules import bucket_epoch

    instant = datetime.fromtimestamp(seconds, UTC)
    assert bucket_epoch(seconds, offset, None) == bucket_day(instant, offset, None)
    zone = ZoneInfo("America/New_York")
    assert bucket_epoch(seconds, offset, zone) == bucket_day(instant, offset, zone)
