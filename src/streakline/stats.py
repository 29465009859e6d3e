"""The `stats` report (SPEC section 8) from plain post and activity rows.

Pure, like streaks.py: `today` is a parameter. Where SPEC is silent:

- `by_year` and `by_month` hold every year (month) from the first with any post or activity
  through today's, zeros included, so charts need no gap filling.
- Tags, categories and authors count each counted post once; `tags_last_used` follows the
  order of `tags` and leaves out tags whose posts have no publication date.
- The calendar counts publications of counted posts plus `edited` activity per day.
  Without `calendar_year` it spans the 52 whole weeks (per `week_start`) ending with
  today's week; with one it spans exactly 1 January to 31 December of that year.
- `cadences` reuses the configured rules for the configured cadence; its neighbours need
  one publication per period, since "2 per week" means nothing per day or per month.
- With no post, `badges.est` is null and the footer is the streak badge alone.
- A dormant blog (pace.py) gets the calendar of the last year it published in, unless a
  year is asked for: 52 empty weeks say nothing the rhythm does not.
- A words goal counts the words written (`words_added` of writing activity), as `by_year`
  does; a posts goal counts publications.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from streakline.achievements import compute_achievements
from streakline.changes import PostStatus
from streakline.pace import GoalKind, GoalPace, compute_goal_pace, compute_rhythm
from streakline.report import (
    Badges,
    CadenceStreaks,
    Calendar,
    PeriodTotals,
    Report,
    ReportSettings,
    Totals,
    WriterLine,
)
from streakline.rules import DailyActivity, PostRecord
from streakline.streaks import (
    Cadence,
    StreakRules,
    compute_consistency,
    compute_est,
    compute_paused_days,
    compute_period_counts,
    compute_streaks,
    humanize_length,
    period_bounds,
    period_index,
)

_NEIGHBOURS: dict[Cadence, tuple[Cadence, ...]] = {
    "day": ("day", "week"),
    "week": ("day", "week", "month"),
    "month": ("week", "month", "year"),
    "year": ("month", "year"),
}


def _ranked(counts: Counter[str], label: Callable[[str], str]) -> list[str]:
    """Keys by count, highest first, then by label case-insensitively."""
    return sorted(counts, key=lambda key: (-counts[key], label(key).casefold(), label(key)))


def _most_used(spellings: Counter[str]) -> str:
    """The spelling used most often; on a tie the alphabetically first."""
    return min(spellings, key=lambda spelling: (-spellings[spelling], spelling))


@dataclass(frozen=True)
class _Names:
    counts: dict[str, int]
    last_used: dict[str, date]


def _names(counted: Iterable[PostRecord], field: Callable[[PostRecord], Iterable[str]]) -> _Names:
    """Tags or categories, matched case-insensitively, each shown in its most used spelling."""
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    posts: Counter[str] = Counter()
    last_used: dict[str, date] = {}
    for post in counted:
        seen: set[str] = set()
        for raw in field(post):
            name = raw.strip()
            key = name.casefold()
            if not key:
                continue
            spellings[key][name] += 1
            if key in seen:
                continue
            seen.add(key)
            posts[key] += 1
            if post.published is not None and post.published > last_used.get(key, date.min):
                last_used[key] = post.published
    shown = {key: _most_used(counter) for key, counter in spellings.items()}
    order = _ranked(posts, shown.__getitem__)
    return _Names(
        counts={shown[key]: posts[key] for key in order},
        last_used={shown[key]: last_used[key] for key in order if key in last_used},
    )


def _authors(counted: Iterable[PostRecord]) -> dict[str, int]:
    posts = Counter(name for post in counted for name in post.writers)
    return {name: posts[name] for name in _ranked(posts, str)}


def _writers(
    counted: Sequence[PostRecord], authors: dict[str, int], rules: StreakRules, today: date
) -> dict[str, WriterLine]:
    """Each writer's own posts and habit, on a blog with more than one writer."""
    if len(authors) < 2:
        return {}
    lines = {}
    for name in authors:
        mine = [p for p in counted if name in p.writers]
        days = sorted(p.published for p in mine if p.published is not None)
        current, longest = compute_streaks(days, rules, today)
        lines[name] = WriterLine(
            posts=len(mine),
            posts_this_year=sum(day.year == today.year for day in days),
            words=sum(p.words for p in mine),
            current=current,
            longest=longest,
            last_post=days[-1] if days else None,
        )
    return lines


def _by_period(
    counted: Sequence[PostRecord], activity: DailyActivity, today: date, *, monthly: bool
) -> dict[str, PeriodTotals]:
    def key(day: date) -> int:
        return day.year * 12 + day.month - 1 if monthly else day.year

    def label(index: int) -> str:
        year, month0 = divmod(index, 12)
        return f"{year:04d}-{month0 + 1:02d}" if monthly else f"{index:04d}"

    posts = Counter(key(post.published) for post in counted if post.published is not None)
    edits: Counter[int] = Counter()
    for day, n in activity.edits.items():
        edits[key(day)] += n
    words: Counter[int] = Counter()
    for day, n in activity.words.items():
        words[key(day)] += n
    keys = posts.keys() | edits.keys() | words.keys()
    if not keys:
        return {}
    return {
        label(index): PeriodTotals(posts[index], edits[index], words[index])
        for index in range(min(keys), max(*keys, key(today)) + 1)
    }


def _calendar(
    counted: Sequence[PostRecord],
    activity: DailyActivity,
    rules: StreakRules,
    today: date,
    calendar_year: int | None,
) -> Calendar:
    if calendar_year is None:
        week = period_index(today, "week", rules.week_start)
        start = period_bounds(week - 51, "week", rules.week_start)[0]
        end = period_bounds(week, "week", rules.week_start)[1]
    else:
        start, end = date(calendar_year, 1, 1), date(calendar_year, 12, 31)
    counts = Counter(
        day for post in counted if (day := post.published) is not None and start <= day <= end
    )
    for day, n in activity.edits.items():
        if start <= day <= end:
            counts[day] += n
    return Calendar(start, end, {day: counts[day] for day in sorted(counts)})


def _cadences(
    days: Sequence[date], rules: StreakRules, today: date
) -> dict[Cadence, CadenceStreaks]:
    shown: dict[Cadence, CadenceStreaks] = {}
    for cadence in _NEIGHBOURS[rules.cadence]:
        neighbour = (
            rules if cadence == rules.cadence else replace(rules, cadence=cadence, per_period=1)
        )
        current, longest = compute_streaks(days, neighbour, today)
        shown[cadence] = CadenceStreaks(current, longest)
    return shown


def compute_report(
    posts: Sequence[PostRecord],
    activity: DailyActivity,
    rules: StreakRules,
    today: date,
    *,
    timezone_name: str,
    date_source: str,
    branch: str,
    head: str,
    site: str,
    include_deleted: bool = False,
    calendar_year: int | None = None,
    goals: Sequence[tuple[GoalKind, int]] = (),
    title: str = "",
) -> Report:
    """What `stats` shows: the screen, `--json` (`report_json`) and the badges read it.

    `goals` are the `[goal]` targets for the year holding `today`, as (kind, target);
    `title` is the site's name for the screen ("": `site`).
    """
    if include_deleted:
        # A post turned back into a draft was unpublished since, like a deleted one.
        posts = [
            post._replace(status=PostStatus.UNPUBLISHED, published=post.previously_published)
            if post.previously_published is not None
            else post
            for post in posts
        ]
    statuses = {"published", "unpublished"} if include_deleted else {"published"}
    counted = [post for post in posts if post.status in statuses]
    days = sorted(post.published for post in counted if post.published is not None)
    current, longest = compute_streaks(days, rules, today)
    est = compute_est(days)
    tags = _names(counted, lambda post: post.tags)
    authors = _authors(counted)
    categories = _names(counted, lambda post: post.categories)

    if current.start is None:
        streak_badge = "no streak"
    else:
        paused = compute_paused_days(days, rules, today)
        streak_badge = f"{humanize_length(current.start, today, paused)} streak"
    est_badge = None if est is None else f"est. {est}"
    footer = streak_badge if est_badge is None else f"{est_badge} ● {streak_badge}"
    consistency = compute_consistency(
        compute_period_counts(days, rules, today), rules.per_period, rules.cadence
    )
    rhythm = compute_rhythm(days, rules, today)
    if calendar_year is None and rhythm is not None and rhythm.dormant:
        calendar_year = rhythm.last.year

    return Report(
        branch=branch,
        head=head,
        site=site,
        settings=ReportSettings(
            rules.cadence, rules.per_period, rules.week_start, timezone_name, date_source, today
        ),
        totals=Totals(
            posts=len(counted),
            drafts=sum(post.status == PostStatus.DRAFT for post in posts),
            scheduled=sum(post.status == PostStatus.SCHEDULED for post in posts),
            words=sum(post.words for post in counted),
            edits=sum(activity.edits.values()),
            first_post=days[0] if days else None,
            last_post=days[-1] if days else None,
        ),
        est=est,
        streaks=CadenceStreaks(current, longest),
        by_year=_by_period(counted, activity, today, monthly=False),
        by_month=_by_period(counted, activity, today, monthly=True),
        tags=tags.counts,
        tags_last_used=tags.last_used,
        categories=categories.counts,
        authors=authors,
        badges=Badges(streak_badge, est_badge, footer),
        cadences=_cadences(days, rules, today),
        consistency=round(consistency, 3),
        calendar=_calendar(counted, activity, rules, today, calendar_year),
        writers=_writers(counted, authors, rules, today),
        achievements=compute_achievements(counted, rules, today),
        categories_last_used=categories.last_used,
        goals=tuple(_goal(kind, target, days, activity, today) for kind, target in goals),
        rhythm=rhythm,
        title=title or site,
    )


def _goal(
    kind: GoalKind, target: int, days: Sequence[date], activity: DailyActivity, today: date
) -> GoalPace:
    if kind == "posts":
        return compute_goal_pace(kind, target, ((day, 1) for day in days), today)
    return compute_goal_pace(kind, target, activity.words.items(), today)
