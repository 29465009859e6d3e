"""Goal pace, gaps and rhythm (pace.py): tables of cases, `today` always given."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from streakline.pace import (
    Gap,
    compute_goal_pace,
    compute_last_streak,
    compute_longest_gap,
    compute_rhythm,
    humanize_days,
    humanize_interval,
)
from streakline.render.screen import goal_text
from streakline.streaks import Streak, StreakRules


def d(text: str) -> date:
    return date.fromisoformat(text)


def posts(*days: str) -> list[tuple[date, int]]:
    return [(d(day), 1) for day in days]


DECEMBER = ("2026-12-10", "2026-12-17", "2026-12-24", "2026-12-31")
# Every Monday of 2024, a leap year: 2024-01-01 is a Monday.
MONDAYS_2024 = tuple((date(2024, 1, 1) + timedelta(weeks=n)).isoformat() for n in range(53))


@pytest.mark.parametrize(
    ("amounts", "today", "done", "on_pace_for", "days_left", "needed"),
    [
        # The last day of the year: the year's four December posts, nothing left to come.
        (posts(*DECEMBER), "2026-12-31", 4, 4, 0, 48 * 7 / 1),
        # Two days into the next year: 1 done, and the rate of the last 28 days (5 posts,
        # December's included) for the 363 days left: 1 + 5 * 363 / 28 = 65.8, so 66.
        (posts(*DECEMBER, "2027-01-02"), "2027-01-02", 1, 66, 363, 51 * 7 / 364),
        # New Year's Day with nothing yet: December's pace still shows, 4 * 364 / 28 = 52.
        (posts(*DECEMBER), "2027-01-01", 0, 52, 364, 52 * 7 / 365),
        # A post dated after today has not happened yet.
        (
            posts("2026-03-01", "2026-03-20"),
            "2026-03-10",
            1,
            1 + round(1 * 296 / 69),
            296,
            51 * 7 / 297,
        ),
        # 29 February of a leap year: day 60 of 366, nine Mondays so far.
        (posts(*MONDAYS_2024), "2024-02-29", 9, 9 + round(9 * 306 / 60), 306, 43 * 7 / 307),
        # The same date count in a common year ends a day earlier: 1 March is day 60 of 365.
        (
            posts("2025-01-06", "2025-02-03", "2025-03-01"),
            "2025-03-01",
            3,
            3 + round(3 * 305 / 60),
            305,
            49 * 7 / 306,
        ),
        # The 31 December of a leap year: every Monday but none of 2025's.
        (posts(*MONDAYS_2024, "2025-01-06"), "2024-12-31", 53, 53, 0, 0.0),
    ],
    ids=[
        "last-day",
        "year-boundary",
        "new-years-day",
        "future-post",
        "leap-day",
        "common-year",
        "leap-year-end-reached",
    ],
)
def test_posts_goal_pace(
    amounts: list[tuple[date, int]],
    today: str,
    done: int,
    on_pace_for: int,
    days_left: int,
    needed: float,
) -> None:
    pace = compute_goal_pace("posts", 52, amounts, d(today))

    assert pace.year == d(today).year
    assert (pace.done, pace.on_pace_for, pace.days_left) == (done, on_pace_for, days_left)
    assert pace.needed_per_week == pytest.approx(needed)
    assert pace.reached == (done >= 52)
    assert pace.remaining == max(52 - done, 0)


def test_words_goal_counts_words() -> None:
    amounts = [(d("2025-12-30"), 4000), (d("2026-01-05"), 1200), (d("2026-01-20"), 800)]

    pace = compute_goal_pace("words", 100_000, amounts, d("2026-01-20"))

    # 20 days into the year, the rate of the last 28 days (from 24 December) holds 6,000.
    assert (pace.kind, pace.done, pace.days_left) == ("words", 2000, 345)
    assert pace.on_pace_for == 2000 + round(6000 * 345 / 28)
    assert pace.needed_per_week == pytest.approx(98_000 * 7 / 346)


def test_a_goal_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        compute_goal_pace("posts", 0, [], d("2026-01-01"))


@pytest.mark.parametrize(
    ("days", "gap"),
    [
        ([], None),
        (["2026-01-01"], None),
        (["2026-01-01", "2026-01-01"], None),
        (["2026-01-01", "2026-01-11"], Gap(10, d("2026-01-01"), d("2026-01-11"))),
        # Out of order.
        (
            ["2026-03-01", "2026-01-01", "2026-01-31", "2026-02-15"],
            Gap(30, d("2026-01-01"), d("2026-01-31")),
        ),
        (
            # A tie: the later of two equal gaps.
            ["2026-01-01", "2026-01-11", "2026-01-21"],
            Gap(10, d("2026-01-11"), d("2026-01-21")),
        ),
        # Across a leap day: 2024-02-28 to 2024-03-01 is two days.
        (["2024-02-28", "2024-03-01"], Gap(2, d("2024-02-28"), d("2024-03-01"))),
    ],
)
def test_longest_gap(days: list[str], gap: Gap | None) -> None:
    assert compute_longest_gap(d(day) for day in days) == gap


WEEKLY = StreakRules()


@pytest.mark.parametrize(
    ("days", "rules", "today", "streak"),
    [
        ([], WEEKLY, "2026-11-25", Streak(0, "week", None, None)),
        # Three weeks in a row in 2016, then one lone week: the last run is the lone week.
        (
            ["2016-01-04", "2016-01-12", "2016-01-20", "2016-05-03"],
            WEEKLY,
            "2026-11-25",
            Streak(1, "week", d("2016-05-02"), d("2016-05-08")),
        ),
        (
            ["2016-01-04", "2016-01-12", "2016-01-20"],
            WEEKLY,
            "2026-11-25",
            Streak(3, "week", d("2016-01-04"), d("2016-01-24")),
        ),
        # Still alive today: the same as the current streak.
        (
            ["2026-11-10", "2026-11-17", "2026-11-24"],
            WEEKLY,
            "2026-11-25",
            Streak(3, "week", d("2026-11-09"), d("2026-11-29")),
        ),
        # Two a week needed: the week with one post does not count.
        (
            ["2016-01-04", "2016-01-05", "2016-01-12", "2016-01-13", "2016-01-20"],
            StreakRules(per_period=2),
            "2026-11-25",
            Streak(2, "week", d("2016-01-04"), d("2016-01-17")),
        ),
        # Posts after today are not there yet.
        (
            ["2026-01-05", "2026-06-01"],
            WEEKLY,
            "2026-03-01",
            Streak(1, "week", d("2026-01-05"), d("2026-01-11")),
        ),
    ],
)
def test_last_streak(days: list[str], rules: StreakRules, today: str, streak: Streak) -> None:
    assert compute_last_streak([d(day) for day in days], rules, d(today)) == streak


@pytest.mark.parametrize(
    ("days", "today", "every", "silent", "dormant"),
    [
        (["2026-11-20"], "2026-11-25", None, 5, False),
        (["2026-01-01", "2026-01-10", "2026-01-28"], "2026-11-25", 13.5, 301, False),
        # A year and a day of silence, and no streak: dormant.
        (["2015-01-01", "2015-11-23"], "2016-11-23", 326.0, 366, True),
        (["2015-01-01", "2015-11-23"], "2016-11-22", 326.0, 365, False),
        # A yearly writer is not dormant while the yearly streak is alive.
        (["2024-01-15", "2025-01-10"], "2026-01-20", 361.0, 375, None),
    ],
)
def test_rhythm(
    days: list[str], today: str, every: float | None, silent: int, dormant: bool | None
) -> None:
    rules = StreakRules(cadence="year") if dormant is None else WEEKLY
    rhythm = compute_rhythm([d(day) for day in days], rules, d(today))

    assert rhythm is not None
    assert (rhythm.first, rhythm.last) == (d(days[0]), d(days[-1]))
    assert rhythm.every_days == every
    assert rhythm.silent_days == silent
    assert rhythm.dormant is bool(dormant)


def test_no_rhythm_without_posts() -> None:
    assert compute_rhythm([], WEEKLY, d("2026-11-25")) is None
    assert compute_rhythm([d("2027-01-01")], WEEKLY, d("2026-11-25")) is None


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "0 days"),
        (1, "1 day"),
        (20, "20 days"),
        (21, "3 weeks"),
        (62, "9 weeks"),
        (63, "2 months"),
        (700, "23 months"),
        (731, "2 years"),
        (3850, "10 years 6 months"),
        (396 + 365, "2 years 1 month"),
    ],
)
def test_humanize_days(days: int, text: str) -> None:
    assert humanize_days(days) == text


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0.4, "a post every day"),
        (1.4, "a post every day"),
        (6.6, "a post every week"),
        (9.2, "a post every 9 days"),
        (30.0, "a post every 4 weeks"),
        (91.0, "a post every 3 months"),
    ],
)
def test_humanize_interval(days: float, text: str) -> None:
    assert humanize_interval(days) == text


@pytest.mark.parametrize(
    ("amounts", "today", "target", "text"),
    [
        # 31 posts by 24 August (day 236): on pace for 31 + 31 * 129 / 236 = 48; 21 to go
        # in the 130 days left with today, 1.13 a week, said as 1.2 to be on time.
        (
            [(d("2026-01-05") + timedelta(weeks=n), 1) for n in range(31)],
            "2026-08-24",
            52,
            ["31 / 52 posts this year", "on pace for 48", "1.2 a week to make it"],
        ),
        # 10 June 2024, day 162 of a leap year: 205 days left with today, 29.3 weeks.
        # 3 to go: one every 9 weeks is enough (29.3 / 3 = 9.8, rounded down).
        (
            posts(*MONDAYS_2024[:23]),
            "2024-06-10",
            26,
            ["23 / 26 posts this year", "on pace for 52", "1 every 9 weeks to make it"],
        ),
        # 28 to go in 29.3 weeks: a little under one a week is said as one a week.
        (
            posts(*MONDAYS_2024[:24]),
            "2024-06-10",
            52,
            ["24 / 52 posts this year", "on pace for 54", "1 a week to make it"],
        ),
        (
            posts("2026-06-01", "2026-06-08"),
            "2026-06-08",
            2,
            ["2 / 2 posts this year", "goal reached"],
        ),
        # The last days of the year: what is left, by when (the 31st has not come yet).
        (
            posts(*DECEMBER),
            "2026-12-28",
            6,
            ["3 / 6 posts this year", "on pace for 3", "3 more by 31 December"],
        ),
    ],
)
def test_goal_as_the_screen_says_it(
    amounts: list[tuple[date, int]], today: str, target: int, text: list[str]
) -> None:
    assert goal_text(compute_goal_pace("posts", target, amounts, d(today))) == text


def test_words_goal_as_the_screen_says_it() -> None:
    pace = compute_goal_pace("words", 100_000, [(d("2026-01-20"), 12_345)], d("2026-03-01"))

    # Day 60: 12,345 + 12,345 * 305 / 60 = 75,099; 87,655 to go in 306 days, 2,005.2 a week.
    assert goal_text(pace) == [
        "12,345 / 100,000 words this year",
        "on pace for 75,099",
        "2,006 words a week to make it",
    ]
