"""SPEC 6: the badge's humanized length counts the streak's own periods, not its pauses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from streakline.rules import DailyActivity, PostRecord
from streakline.stats import compute_report
from streakline.streaks import (
    StreakRules,
    compute_paused_days,
    compute_streaks,
    humanize_length,
)

SAT, SUN = 5, 6


def d(text: str) -> date:
    return date.fromisoformat(text)


def every(first: str, last: str, step: int, skip: tuple[str, ...] = ()) -> list[date]:
    """Every `step` days from `first` through `last`, less the days in `skip`."""
    days, day, end = [], d(first), d(last)
    while day <= end:
        if day.isoformat() not in skip:
            days.append(day)
        day += timedelta(days=step)
    return days


def freeze(start: str, end: str) -> tuple[tuple[date, date], ...]:
    return ((d(start), d(end)),)


# Weekly posts on Mondays from 2026-01-05; the weeks of 26 January and 2 February frozen.
FROZEN_FORTNIGHT = StreakRules(freezes=freeze("2026-01-26", "2026-02-08"))
FIVE_WEEKS = [d(day) for day in ("2026-01-05", "2026-01-12", "2026-01-19", "2026-02-09")] + [
    d("2026-02-16")
]
WEEKDAYS_ONLY = StreakRules(cadence="day", rest_days=frozenset({SAT, SUN}))
# A weekly habit from 2025-01-06 with August 2025 frozen (four whole weeks, 4-31 August).
FROZEN_AUGUST = StreakRules(freezes=freeze("2025-08-04", "2025-08-31"))
AUGUST = tuple(day.isoformat() for day in every("2025-08-04", "2025-08-31", 7))


@pytest.mark.parametrize(
    ("publications", "rules", "today", "length", "paused", "badge"),
    [
        pytest.param(
            FIVE_WEEKS, FROZEN_FORTNIGHT, "2026-02-22", 5, 14, "5w", id="fortnight-frozen-weekly"
        ),
        pytest.param(
            FIVE_WEEKS, StreakRules(), "2026-02-22", 2, 0, "2w", id="same-weeks-no-freeze"
        ),
        pytest.param(
            FIVE_WEEKS, FROZEN_FORTNIGHT, "2026-02-25", 5, 14, "5w", id="frozen-then-at-risk"
        ),
        pytest.param(
            [*FIVE_WEEKS[:3], d("2026-01-28"), *FIVE_WEEKS[3:]],
            FROZEN_FORTNIGHT,
            "2026-02-22",
            6,
            7,
            "6w",
            id="a-post-inside-the-freeze-counts",
        ),
        pytest.param(
            FIVE_WEEKS[:3],
            StreakRules(freezes=freeze("2026-01-26", "2026-03-01")),
            "2026-02-18",
            3,
            24,
            "3w",
            id="frozen-until-today",
        ),
        pytest.param(
            every("2026-01-05", "2026-01-16", 1, skip=("2026-01-10", "2026-01-11")),
            WEEKDAYS_ONLY,
            "2026-01-16",
            10,
            2,
            "10d",
            id="weekend-rest-in-a-day-streak",
        ),
        pytest.param(
            every("2026-01-05", "2026-01-16", 1, skip=("2026-01-10", "2026-01-11")),
            WEEKDAYS_ONLY,
            "2026-01-18",
            10,
            4,
            "10d",
            id="resting-today",
        ),
        pytest.param(
            every("2026-01-05", "2026-01-16", 1, skip=("2026-01-11",)),
            WEEKDAYS_ONLY,
            "2026-01-16",
            11,
            1,
            "11d",
            id="a-post-on-a-rest-day-counts",
        ),
        pytest.param(
            every("2026-01-05", "2026-01-26", 1),
            WEEKDAYS_ONLY,
            "2026-01-26",
            22,
            0,
            "3w",
            id="every-day-written",
        ),
        pytest.param(
            every("2025-01-06", "2026-01-10", 7, skip=AUGUST),
            FROZEN_AUGUST,
            "2026-01-10",
            49,
            28,
            "11mo",
            id="year-with-a-frozen-month",
        ),
        pytest.param(
            every("2025-01-06", "2026-01-10", 7),
            FROZEN_AUGUST,
            "2026-01-10",
            53,
            0,
            "1y+",
            id="year-written-through-the-freeze",
        ),
        pytest.param(
            every("2025-01-06", "2026-02-02", 7, skip=AUGUST),
            FROZEN_AUGUST,
            "2026-02-02",
            53,
            28,
            "11mo",
            id="frozen-month-day-before-anniversary",
        ),
        pytest.param(
            every("2025-01-06", "2026-02-03", 7, skip=AUGUST),
            FROZEN_AUGUST,
            "2026-02-03",
            53,
            28,
            "1y+",
            id="frozen-month-anniversary",
        ),
        pytest.param(
            [date(2024, month, 2) for month in range(1, 13) if month != 8] + [d("2025-01-02")],
            StreakRules(cadence="month", freezes=freeze("2024-08-01", "2024-08-31")),
            "2025-01-31",
            12,
            31,
            "11mo",
            id="monthly-august-frozen",
        ),
        pytest.param(
            [date(2024, month, 2) for month in range(1, 13) if month != 8] + [d("2025-01-02")],
            StreakRules(cadence="month", freezes=freeze("2024-08-01", "2024-08-31")),
            "2025-02-01",
            12,
            31,
            "1y+",
            id="monthly-anniversary-a-month-late",
        ),
    ],
)
def test_the_badge_length_leaves_out_paused_periods(
    publications: list[date], rules: StreakRules, today: str, length: int, paused: int, badge: str
) -> None:
    current, _ = compute_streaks(publications, rules, d(today))
    assert current.length == length
    assert current.start is not None
    assert compute_paused_days(publications, rules, d(today)) == paused
    assert humanize_length(current.start, d(today), paused) == badge


def test_a_broken_streak_has_no_paused_days() -> None:
    assert compute_paused_days(FIVE_WEEKS, FROZEN_FORTNIGHT, d("2026-03-10")) == 0


@pytest.mark.parametrize("paused", [-1, 10, 11])
def test_paused_days_must_fit_in_the_streak(paused: int) -> None:
    with pytest.raises(ValueError):
        humanize_length(d("2026-01-01"), d("2026-01-10"), paused)


def post(day: date) -> PostRecord:
    path = f"posts/{day.isoformat()}.md"
    return PostRecord(path, path, "published", day, "declared", (), (), 100, 0, "Ada", "a", "b")


def test_the_report_badge_reads_the_streak_length() -> None:
    """A 5-week streak around a two-week freeze reads `5w streak`, not `7w streak`."""
    report = compute_report(
        [post(day) for day in FIVE_WEEKS],
        DailyActivity({}, {}),
        FROZEN_FORTNIGHT,
        d("2026-02-22"),
        timezone_name="event",
        date_source="declared",
        branch="main",
        head="",
        site="blog",
    )
    assert report.streaks.current.length == 5
    assert report.badges.streak == "5w streak"
    assert report.badges.footer == "est. 2026 ● 5w streak"
