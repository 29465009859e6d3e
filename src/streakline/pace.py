"""Pure: a yearly goal's pace, the gaps between posts, how often a writer posts.

Like streaks.py, nothing here reads a clock: `today` is a parameter. Where SPEC is silent:

- A goal is for the calendar year holding `today`: what was written from 1 January through
  today counts, later days do not.
- "On pace for" is what the year ends with if the writer keeps the rate of the last
  `PACE_WINDOW_DAYS` days, or of the year so far once it is longer than that. Early in
  January the rate reaches back into December, so two posts on 2 January do not promise
  365 posts.
- What is still needed is spread over the days left, today included (a post written later
  today still counts), and given per week.
- The longest gap is the most days between two consecutive publication days; the silence
  since the last post is not a gap between posts and is told apart ("dormant").
- A blog is dormant when nothing was published in the `DORMANT_DAYS` days up to today and
  its current streak is broken.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Literal

from streakline.streaks import Streak, StreakRules, compute_streaks

GoalKind = Literal["posts", "words"]

PACE_WINDOW_DAYS = 28
DORMANT_DAYS = 365
_DAYS_A_MONTH = 365.25 / 12


@dataclass(frozen=True)
class GoalPace:
    """Where a yearly goal stands on `today`."""

    kind: GoalKind
    target: int
    year: int
    done: int
    on_pace_for: int
    days_left: int  # after today, through 31 December
    needed_per_week: float  # what the rest of the year needs a week; 0 once reached

    @property
    def reached(self) -> bool:
        return self.done >= self.target

    @property
    def remaining(self) -> int:
        return max(self.target - self.done, 0)


def compute_goal_pace(
    kind: GoalKind, target: int, amounts: Iterable[tuple[date, int]], today: date
) -> GoalPace:
    """The pace of `target` posts (or words) this year; `amounts` are (day, amount) pairs.

    Amounts on days after `today` are left out: they have not happened yet.
    """
    if target < 1:
        raise ValueError(f"a goal must be at least 1, not {target}")
    first = date(today.year, 1, 1)
    last = date(today.year, 12, 31)
    elapsed = (today - first).days + 1
    window = max(elapsed, PACE_WINDOW_DAYS)
    window_start = today - timedelta(days=window - 1)
    done = recent = 0
    for day, amount in amounts:
        if day > today:
            continue
        if day >= first:
            done += amount
        if day >= window_start:
            recent += amount
    days_left = (last - today).days
    on_pace_for = done + math.floor(recent * days_left / window + 0.5)
    remaining = max(target - done, 0)
    needed = remaining * 7 / (days_left + 1)
    return GoalPace(kind, target, today.year, done, on_pace_for, days_left, needed)


@dataclass(frozen=True)
class Gap:
    """Days without a post between two publication days."""

    days: int
    after: date  # the day of the post before the gap
    before: date  # the day of the post that ended it


@dataclass(frozen=True)
class Rhythm:
    """How often a writer posts, over the whole history up to `today`."""

    posts: int
    first: date
    last: date
    every_days: float | None  # the average days between posts; None with a single post
    longest_gap: Gap | None
    last_streak: Streak  # the most recent run of counting periods, alive or not
    silent_days: int  # days from the last post to today
    dormant: bool


def compute_longest_gap(days: Iterable[date]) -> Gap | None:
    """The longest gap between consecutive publication days; the latest on a tie."""
    ordered = sorted(set(days))
    best: Gap | None = None
    for before, after in pairwise(ordered):
        gap = (after - before).days
        if best is None or gap >= best.days:
            best = Gap(gap, before, after)
    return best


def compute_last_streak(days: Sequence[date], rules: StreakRules, today: date) -> Streak:
    """The most recent streak up to `today`, whether it is still alive or ended long ago."""
    counts: dict[int, int] = {}
    for day in days:
        if day <= today:
            counts[rules.index(day)] = counts.get(rules.index(day), 0) + 1
    counting = [index for index, n in counts.items() if n >= rules.per_period]
    if not counting:
        return Streak(0, rules.cadence, None, None)
    # As of the last day of the last counting period, that period is the current one and
    # counts: the current streak then is exactly the last run.
    end_of_last = rules.bounds(max(counting))[1]
    current, _ = compute_streaks(days, rules, min(end_of_last, today))
    return Streak(current.length, current.unit, current.start, current.end)


def compute_rhythm(days: Sequence[date], rules: StreakRules, today: date) -> Rhythm | None:
    """The rhythm of the publication `days` up to `today`; None when there is none."""
    shown = sorted(day for day in days if day <= today)
    if not shown:
        return None
    first, last = shown[0], shown[-1]
    every = (last - first).days / (len(shown) - 1) if len(shown) > 1 else None
    current, _ = compute_streaks(shown, rules, today)
    silent = (today - last).days
    return Rhythm(
        posts=len(shown),
        first=first,
        last=last,
        every_days=every,
        longest_gap=compute_longest_gap(shown),
        last_streak=compute_last_streak(shown, rules, today),
        silent_days=silent,
        dormant=silent > DORMANT_DAYS and current.status == "broken",
    )


def humanize_days(days: int) -> str:
    """A span of days as a writer says it: `9 days`, `5 weeks`, `7 months`, `2 years 3 months`."""
    if days < 0:
        raise ValueError(f"a span cannot be negative: {days} days")
    if days < 21:
        return _count(days, "day")
    if days < 63:
        return _count(round(days / 7), "week")
    months = round(days / _DAYS_A_MONTH)
    if months < 24:
        return _count(months, "month")
    years, months = divmod(months, 12)
    return _count(years, "year") + (f" {_count(months, 'month')}" if months else "")


def humanize_interval(days: float) -> str:
    """An average interval between posts: `a post every day`, `... every 9 days`."""
    whole = max(round(days), 1)
    if whole == 1:
        return "a post every day"
    if whole == 7:
        return "a post every week"
    return f"a post every {humanize_days(whole)}"


def _count(n: int, unit: str) -> str:
    return f"{n:,} {unit}" if n == 1 else f"{n:,} {unit}s"
