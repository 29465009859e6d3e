"""Periods, streaks, est. and humanized lengths (SPEC section 6).

Pure: nothing here reads a clock, so `today` is always a parameter.

Where SPEC is silent:

- Skipped periods (wholly frozen, or rest days with the day cadence) never extend a streak:
  its start and end are the bounds of its first and last *counting* periods, so a freeze
  just before, inside or after a run adds neither length nor days.
- The current period is the one holding `today`. When it does not count yet the streak is
  `at_risk` even on a rest day or inside a freeze, and `days_left` runs from today through
  the end of the first period that could break it: the current one, or the first later one
  that is not skipped. That is the time the writer really has.
- Publication days after `today` are ignored, whatever the caller passes.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Literal, NamedTuple, assert_never

Cadence = Literal["day", "week", "month", "year"]
WeekStart = Literal["monday", "sunday"]
Status = Literal["done", "at_risk", "broken"]

CADENCES: tuple[Cadence, ...] = ("day", "week", "month", "year")
WEEK_STARTS: tuple[WeekStart, ...] = ("monday", "sunday")

# Ordinal 1 (0001-01-01) is a Monday and ordinal 7 a Sunday: counting whole weeks from a
# fixed day keeps week numbers consecutive across years, which ISO (year, week) pairs are not.
_WEEK_ANCHOR: dict[WeekStart, int] = {"monday": 1, "sunday": 7}

# Loop Habit Tracker's period lengths, which turn "N per period" into a daily frequency.
_PERIOD_DAYS: dict[Cadence, int] = {"day": 1, "week": 7, "month": 30, "year": 365}


def period_index(day: date, cadence: Cadence, week_start: WeekStart) -> int:
    """The number of the period holding `day`; consecutive periods have consecutive numbers."""
    if cadence == "day":
        return day.toordinal()
    if cadence == "week":
        return (day.toordinal() - _WEEK_ANCHOR[week_start]) // 7
    if cadence == "month":
        return day.year * 12 + day.month - 1
    if cadence == "year":
        return day.year
    assert_never(cadence)


def period_bounds(index: int, cadence: Cadence, week_start: WeekStart) -> tuple[date, date]:
    """The first and last day of period `index` (the inverse of `period_index`)."""
    if cadence == "day":
        day = date.fromordinal(index)
        return day, day
    if cadence == "week":
        first = _WEEK_ANCHOR[week_start] + 7 * index
        # The weeks around date.min and date.max are cut short rather than raising.
        last = min(first + 6, date.max.toordinal())
        return date.fromordinal(max(first, 1)), date.fromordinal(last)
    if cadence == "month":
        year, month0 = divmod(index, 12)
        month = month0 + 1
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if cadence == "year":
        return date(index, 1, 1), date(index, 12, 31)
    assert_never(cadence)


@dataclass(frozen=True)
class StreakRules:
    """The `[streak]` settings. `rest_days` are weekday numbers (Monday 0), day cadence only;
    `freezes` are inclusive (start, end) pairs.

    Invalid values raise ValueError: config.py is expected to have rejected them already.
    """

    cadence: Cadence = "week"
    per_period: int = 1
    week_start: WeekStart = "monday"
    rest_days: frozenset[int] = frozenset()
    freezes: tuple[tuple[date, date], ...] = ()

    def __post_init__(self) -> None:
        if self.cadence not in CADENCES:
            raise ValueError(f"unknown cadence {self.cadence!r}")
        if self.week_start not in WEEK_STARTS:
            raise ValueError(f"unknown week start {self.week_start!r}")
        if self.per_period < 1:
            raise ValueError(f"per_period must be at least 1, not {self.per_period}")
        if not self.rest_days <= set(range(7)):
            raise ValueError(f"rest days are weekday numbers 0-6, not {sorted(self.rest_days)}")
        if len(self.rest_days) == 7:
            # Every day skipped would leave nothing that can ever break a streak.
            raise ValueError("at least one weekday must not be a rest day")
        for start, end in self.freezes:
            if start > end:
                raise ValueError(f"freeze ends ({end}) before it starts ({start})")

    def index(self, day: date) -> int:
        return period_index(day, self.cadence, self.week_start)

    def bounds(self, index: int) -> tuple[date, date]:
        return period_bounds(index, self.cadence, self.week_start)

    def skippable(self, index: int) -> bool:
        """Whether period `index`, when it does not count, is passed over instead of breaking."""
        if not self.freezes and not self.rest_days:
            return False
        first, last = self.bounds(index)
        if self.cadence == "day" and first.weekday() in self.rest_days:
            return True
        # Of the freezes that start by `first`, the one reaching furthest decides: a binary
        # search, not a walk of every freeze for every period since year 1.
        starts, reach = self._freeze_reach
        found = bisect.bisect_right(starts, first)
        return found > 0 and reach[found - 1] >= last

    def first_breakable(self, index: int) -> int:
        """The first period from `index` on that can break a streak: not skipped.

        Freezes are jumped over whole, and the search stops at the last period of the
        calendar (a freeze to 9999-12-31 leaves nothing later that could break it).
        """
        # The week of 9999-12-31 ends after it: the last whole week is the one before.
        last = self.index(date.max) - (1 if self.cadence == "week" else 0)
        while index < last and self.skippable(index):
            first = self.bounds(index)[0]
            starts, reach = self._freeze_reach
            found = bisect.bisect_right(starts, first)
            covered = reach[found - 1] if found else first
            # Inside a freeze: on to the period holding its last day (it may be partly free).
            index = max(index + 1, self.index(covered) if covered > first else index + 1)
        return index

    @functools.cached_property
    def _freeze_reach(self) -> tuple[list[date], list[date]]:
        """Freeze starts in order, and the latest end among the freezes up to each one."""
        ordered = sorted(self.freezes)
        return [start for start, _ in ordered], list(accumulate((e for _, e in ordered), max))


@dataclass(frozen=True)
class Streak:
    """A run of counting periods: `length` in periods of `unit`, dates None when length is 0."""

    length: int
    unit: Cadence
    start: date | None
    end: date | None


@dataclass(frozen=True)
class CurrentStreak(Streak):
    """The streak still alive today; `days_left` (today included) is set only when at risk."""

    status: Status
    days_left: int | None


class _Run(NamedTuple):
    first: int
    last: int
    length: int


def _period_counts(
    publication_days: Iterable[date], rules: StreakRules, today: date
) -> Counter[int]:
    counts: Counter[int] = Counter()
    cadence, week_start = rules.cadence, rules.week_start
    for day in publication_days:
        if day <= today:
            counts[period_index(day, cadence, week_start)] += 1
    return counts


def _bridged(before: int, after: int, rules: StreakRules) -> bool:
    """Whether every period strictly between two periods is skipped."""
    return all(rules.skippable(index) for index in range(before + 1, after))


def _runs(counting: Sequence[int], rules: StreakRules) -> list[_Run]:
    runs: list[_Run] = []
    for index in counting:
        if runs and _bridged(runs[-1].last, index, rules):
            runs[-1] = _Run(runs[-1].first, index, runs[-1].length + 1)
        else:
            runs.append(_Run(index, index, 1))
    return runs


def _streak(run: _Run, rules: StreakRules) -> Streak:
    return Streak(run.length, rules.cadence, rules.bounds(run.first)[0], rules.bounds(run.last)[1])


def _counting(publication_days: Iterable[date], rules: StreakRules, today: date) -> list[int]:
    counts = _period_counts(publication_days, rules, today)
    return sorted(index for index, n in counts.items() if n >= rules.per_period)


def _alive(runs: Sequence[_Run], rules: StreakRules, now: int) -> _Run | None:
    """The run still alive in period `now`: only periods before it can have broken it."""
    if runs and (runs[-1].last == now or _bridged(runs[-1].last, now, rules)):
        return runs[-1]
    return None


def compute_streaks(
    publication_days: Iterable[date], rules: StreakRules, today: date
) -> tuple[CurrentStreak, Streak]:
    """The current and the longest streak (the most recent one on a tie)."""
    runs = _runs(_counting(publication_days, rules, today), rules)
    now = rules.index(today)

    longest = Streak(0, rules.cadence, None, None)
    for run in runs:
        if run.length >= longest.length:
            longest = _streak(run, rules)

    alive = _alive(runs, rules, now)
    if alive is None:
        return CurrentStreak(0, rules.cadence, None, None, "broken", None), longest
    start, end = rules.bounds(alive.first)[0], rules.bounds(alive.last)[1]
    if alive.last == now:
        return CurrentStreak(alive.length, rules.cadence, start, end, "done", None), longest
    deadline = rules.first_breakable(now)
    days_left = (rules.bounds(deadline)[1] - today).days + 1
    current = CurrentStreak(alive.length, rules.cadence, start, end, "at_risk", days_left)
    return current, longest


def compute_paused_days(publication_days: Iterable[date], rules: StreakRules, today: date) -> int:
    """Days from the current streak's start through today that lie in skipped periods.

    A skipped period (wholly frozen, or a rest day) inside the streak or after its last
    counting period pauses its humanized length as it pauses its length in periods. A
    frozen period in which a post was published anyway counts, so its days are not paused;
    nor are the days so far of a current period that is still to be written in.
    """
    counting = _counting(publication_days, rules, today)
    now = rules.index(today)
    run = _alive(_runs(counting, rules), rules, now)
    if run is None:
        return 0
    live = 0
    for index in counting[-run.length :]:
        first, last = rules.bounds(index)
        live += (min(last, today) - first).days + 1
    if run.last != now and not rules.skippable(now):
        live += (today - rules.bounds(now)[0]).days + 1
    return (today - rules.bounds(run.first)[0]).days + 1 - live


@dataclass(frozen=True)
class RunStep:
    """A counting period, oldest first, with the streak it makes once it counts.

    `start` is the first day of the streak's first period; `skipped_days` are the days of
    the skipped periods (freezes, rest days) inside the streak so far, which a streak's span
    leaves out as its badge does.
    """

    index: int
    length: int
    start: date
    skipped_days: int


def compute_run_steps(
    publication_days: Iterable[date], rules: StreakRules, today: date
) -> list[RunStep]:
    """Every counting period up to today in order, each with its streak so far.

    The runs are exactly `compute_streaks`' (the same counting and bridging), walked period
    by period, so milestones can name the period that reached them.
    """
    counts = _period_counts(publication_days, rules, today)
    steps: list[RunStep] = []
    for index in sorted(i for i, n in counts.items() if n >= rules.per_period):
        before = steps[-1] if steps else None
        if before is not None and _bridged(before.index, index, rules):
            # Every period in between is skipped: their days are the gap between the two.
            gap = (rules.bounds(index)[0] - rules.bounds(before.index)[1]).days - 1
            steps.append(RunStep(index, before.length + 1, before.start, before.skipped_days + gap))
        else:
            steps.append(RunStep(index, 1, rules.bounds(index)[0], 0))
    return steps


def covered_months(start: date, end: date) -> int:
    """Whole calendar months from `start` through `end`, both included (as `humanize_length`
    counts them: a start on 29 February counts as 28 February)."""
    anchor = start.replace(day=28) if (start.month, start.day) == (2, 29) else start
    after = end if end == date.max else date.fromordinal(end.toordinal() + 1)
    return _whole_months(anchor, after)


def compute_period_counts(
    publication_days: Iterable[date], rules: StreakRules, today: date
) -> list[int]:
    """Publications per period, from the first publication's period to today's, for scoring.

    Skipped periods are left out, as is the current period while it does not count yet:
    neither may lower a score any more than it may break a streak.
    """
    counts = _period_counts(publication_days, rules, today)
    if not counts:
        return []
    now = rules.index(today)
    scored: list[int] = []
    for index in range(min(counts), now + 1):
        n = counts.get(index, 0)
        if n < rules.per_period and (index == now or rules.skippable(index)):
            continue
        scored.append(n)
    return scored


def compute_consistency(
    counts_per_period: Sequence[int], per_period: int, cadence: Cadence
) -> float:
    """Loop Habit Tracker's habit strength in [0, 1], from the oldest period to the newest.

    Loop steps once a day: `score = score * m + v * (1 - m)`, `m = 0.5 ** (sqrt(f) / 13)`,
    with f the target publications per day. Here each period is one step with m raised to
    the period's length in days, which is exactly Loop's daily recurrence with v held for
    every day of the period; v is 1 when the period counts and 0 otherwise. A missed period
    among many counting ones therefore costs a little, where a streak would start over.
    """
    if per_period < 1:
        raise ValueError(f"per_period must be at least 1, not {per_period}")
    days = _PERIOD_DAYS[cadence]
    multiplier = 0.5 ** (days * math.sqrt(per_period / days) / 13.0)
    score = 0.0
    for count in counts_per_period:
        value = 1.0 if count >= per_period else 0.0
        score = score * multiplier + value * (1.0 - multiplier)
    return min(1.0, max(0.0, score))


def compute_est(publication_days: Iterable[date]) -> int | None:
    """The year of the earliest publication, None when there is none."""
    earliest = min(publication_days, default=None)
    return None if earliest is None else earliest.year


def _whole_months(start: date, today: date) -> int:
    """Calendar months from start to today; a start on the 31st is a month old on 30 April."""
    months = (today.year - start.year) * 12 + today.month - start.month
    monthly_day = min(start.day, calendar.monthrange(today.year, today.month)[1])
    return months - 1 if today.day < monthly_day else months


def humanize_length(start: date, today: date, paused_days: int = 0) -> str:
    """The badge length of a streak that began on `start`: `Nd`, `Nw`, `Nmo` or `Ny+`.

    Days and weeks count the days covered, today included: a streak that began today is
    `1d`, and one that began 13 days ago has covered two weeks, `2w`. Months and years are
    calendar anniversaries: `3mo` from the day three months after start, `1y+` from the
    first anniversary. A start on 29 February counts as 28 February, in leap years too.

    `paused_days` (`compute_paused_days`: frozen and rest periods) are taken off the end, so
    a streak with a month of freeze reaches its anniversary a month later.
    """
    if start > today:
        raise ValueError(f"a streak cannot start ({start}) after today ({today})")
    days = (today - start).days + 1
    if not 0 <= paused_days < days:
        raise ValueError(f"{paused_days} paused days do not fit in a streak of {days} days")
    days -= paused_days
    end = date.fromordinal(today.toordinal() - paused_days)
    if days < 14:
        return f"{days}d"
    anchor = start.replace(day=28) if (start.month, start.day) == (2, 29) else start
    months = _whole_months(anchor, end)
    if months < 3:
        return f"{days // 7}w"
    if months < 12:
        return f"{months}mo"
    return f"{months // 12}y+"
