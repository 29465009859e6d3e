"""Milestones a post crossed when it was published: counts, words, years, streaks.

Pure, like streaks.py: `today` is a parameter. Where SPEC is silent:

- Posts are counted in the order they *arrived*: the later of the day the commit that first
  made the lineage a published post landed (in the bucket timezone) and its publication
  date. An old post imported today arrives today, so it never claims "1st post"; a post
  scheduled ahead arrives on its date. A rename is no new arrival (a lineage has one
  landing), and a draft flipped to published arrives with the flip. Posts that arrive on
  the same day are taken in landing order, then by publication date and path.
- Post counts (1st, 10th, ... 1000th post), word totals (10k, 100k, 1M: the words the
  posts hold now, summed in arrival order) and "First post of <year>" are dated by the
  arriving post's arrival day. The year of the very first post gets no "First post of":
  "1st post" says it already.
- Streak milestones follow the streak core (streaks.py) on publication dates, as the
  streaks themselves do. A streak reaches 1 month, 6 months or N years when its periods,
  from the first day of its first period through the last day of the period that just
  counted, less the days of skipped periods, cover that many calendar months. The post
  that made that period count (its `per_period`-th) crosses it, on its publication day.
  Each streak earns each milestone once; a streak that starts over may earn it again.
- "New longest streak (beat N weeks)" goes to the period in which a streak first outgrew
  every earlier streak, naming the record it beat, and only when there was an earlier streak.
- A step that crosses several thresholds at once (a 1-year cadence reaching 1 month,
  6 months and 1 year in its first period, one post crossing 10k and 100k words) keeps
  only the largest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from streakline.changes import PostStatus
from streakline.streaks import StreakRules, compute_run_steps, covered_months

if TYPE_CHECKING:
    from streakline.rules import PostRecord

POST_COUNTS = (1, 10, 50, 100, 250, 500, 1000)
WORD_TOTALS = ((10_000, "10k"), (100_000, "100k"), (1_000_000, "1M"))
# (calendar months, title) of the streak milestones, shortest first.
STREAK_SPANS = (
    (1, "1-month"),
    (6, "6-month"),
    (12, "1-year"),
    (24, "2-year"),
    (36, "3-year"),
    (60, "5-year"),
    (120, "10-year"),
)
KINDS = ("posts", "words", "first_of_year", "streak", "longest")


@dataclass(frozen=True)
class Achievement:
    kind: str  # "posts" | "words" | "first_of_year" | "streak" | "longest"
    title: str  # "100th post", "10k words", "First post of 2019", "1-year streak", ...
    day: date  # the day it was crossed
    lineage_id: int  # the post that crossed it
    path: str  # that post's path at the tracked commit


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _arrival(post: PostRecord) -> date:
    assert post.published is not None
    landed = post.landed or post.published
    return max(landed, post.published)


def _arrived(posts: Sequence[PostRecord], today: date) -> list[tuple[date, PostRecord]]:
    """The posts that arrived by `today`, in arrival order, each with its arrival day."""
    arrived = [(_arrival(p), p) for p in posts]
    arrived = [(day, p) for day, p in arrived if day <= today]
    arrived.sort(
        key=lambda item: (
            item[0],
            item[1].landed_at if item[1].landed_at is not None else 0,
            item[1].published,
            item[1].path,
            item[1].lineage_id,
        )
    )
    return arrived


def _counts(arrived: list[tuple[date, PostRecord]]) -> list[Achievement]:
    found = []
    words = 0
    years: set[int] = set()
    for n, (day, post) in enumerate(arrived, start=1):
        if n in POST_COUNTS:
            found.append(
                Achievement("posts", f"{_ordinal(n)} post", day, post.lineage_id, post.path)
            )
        before, words = words, words + post.words
        crossed = [name for total, name in WORD_TOTALS if before < total <= words]
        if crossed:
            title = f"{crossed[-1]} words"
            found.append(Achievement("words", title, day, post.lineage_id, post.path))
        if day.year not in years:
            if years:
                title = f"First post of {day.year}"
                found.append(Achievement("first_of_year", title, day, post.lineage_id, post.path))
            years.add(day.year)
    return found


def _unit(n: int, cadence: str) -> str:
    return f"{n} {cadence}" if n == 1 else f"{n} {cadence}s"


def _streaks(posts: Sequence[PostRecord], rules: StreakRules, today: date) -> list[Achievement]:
    by_period: defaultdict[int, list[PostRecord]] = defaultdict(list)
    for post in posts:
        assert post.published is not None
        if post.published <= today:
            by_period[rules.index(post.published)].append(post)
    found = []
    earlier_best = 0  # the longest streak that ended before the current one started
    run_length = 0
    reached = 0  # months of the largest span the current streak has reached
    beaten = False
    steps = compute_run_steps((d for d in (p.published for p in posts) if d), rules, today)
    for step in steps:
        if step.length == 1:
            earlier_best = max(earlier_best, run_length)
            reached, beaten = 0, False
        run_length = step.length
        # The post that made the period count: its `per_period`-th publication.
        ordered = sorted(
            by_period[step.index],
            key=lambda p: (p.published, p.landed_at or 0, p.path, p.lineage_id),
        )
        post = ordered[rules.per_period - 1]
        assert post.published is not None
        end = rules.bounds(step.index)[1]
        effective_end = date.fromordinal(end.toordinal() - step.skipped_days)
        months = covered_months(step.start, effective_end)
        spans = [(m, name) for m, name in STREAK_SPANS if reached < m <= months]
        if spans:
            reached = spans[-1][0]
            title = f"{spans[-1][1]} streak"
            found.append(Achievement("streak", title, post.published, post.lineage_id, post.path))
        if earlier_best and not beaten and step.length > earlier_best:
            beaten = True
            # The record it beat: the streak's length that day would be outgrown by the
            # time it ends, and a title like "Longest streak ever (2 weeks)" on a streak
            # that went on for 14 reads as a mistake.
            title = f"New longest streak (beat {_unit(earlier_best, rules.cadence)})"
            found.append(Achievement("longest", title, post.published, post.lineage_id, post.path))
    return found


def compute_achievements(
    posts: Sequence[PostRecord], rules: StreakRules, today: date
) -> list[Achievement]:
    """The milestones the posts that count crossed by `today`, oldest first.

    `posts` are the posts a report counts: published ones (and unpublished ones when the
    caller counts those too); drafts, scheduled posts and posts without a date are left out.
    """
    counted = [
        p
        for p in posts
        if p.published is not None and p.status in (PostStatus.PUBLISHED, PostStatus.UNPUBLISHED)
    ]
    found = _counts(_arrived(counted, today)) + _streaks(counted, rules, today)
    found.sort(key=lambda a: (a.day, KINDS.index(a.kind)))
    return found
