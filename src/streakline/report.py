"""The `stats` report as typed values: what the screen, `--json` and the badges all read.

`report_json` gives the `stats --json` object (SPEC 8, schema 1); its keys and their order
are part of the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from streakline.pace import GoalPace, Rhythm
from streakline.streaks import Cadence, CurrentStreak, Streak, WeekStart

if TYPE_CHECKING:
    from streakline.achievements import Achievement

SCHEMA = 1

Json = dict[str, object]


@dataclass(frozen=True)
class ReportSettings:
    cadence: Cadence
    per_period: int
    week_start: WeekStart
    timezone: str
    date_source: str
    today: date


@dataclass(frozen=True)
class Totals:
    posts: int
    drafts: int
    scheduled: int
    words: int
    edits: int
    first_post: date | None
    last_post: date | None


@dataclass(frozen=True)
class PeriodTotals:
    posts: int
    edits: int
    words: int


@dataclass(frozen=True)
class Badges:
    streak: str
    est: str | None
    footer: str


@dataclass(frozen=True)
class Calendar:
    """Posts and edits per day from `start` to `end`; days without any are left out."""

    start: date
    end: date
    days: dict[date, int]


@dataclass(frozen=True)
class CadenceStreaks:
    current: CurrentStreak
    longest: Streak


@dataclass(frozen=True)
class Report:
    """Everything `stats` says about one branch of one repo as of `settings.today`.

    `by_year` and `by_month` ("2008", "2008-03") hold every period from the first with any
    post or activity through today's. Tags, categories and authors are ranked by posts.
    """

    branch: str
    head: str
    site: str
    settings: ReportSettings
    totals: Totals
    est: int | None
    streaks: CadenceStreaks
    by_year: dict[str, PeriodTotals]
    by_month: dict[str, PeriodTotals]
    tags: dict[str, int]
    tags_last_used: dict[str, date]
    categories: dict[str, int]
    authors: dict[str, int]
    badges: Badges
    cadences: dict[Cadence, CadenceStreaks]
    consistency: float
    calendar: Calendar
    writers: dict[str, WriterLine] = field(default_factory=dict)
    # Milestones crossed by `settings.today`, oldest first (achievements.py).
    achievements: list[Achievement] = field(default_factory=list)
    categories_last_used: dict[str, date] = field(default_factory=dict)
    goals: tuple[GoalPace, ...] = ()  # one a `[goal]` key set, posts before words
    rhythm: Rhythm | None = None  # None without a counted post
    # The site's name as a writer knows it (settings `site`, the generator's title, the
    # folder); `site` stays the folder-like name export shows in paths.
    title: str = ""


@dataclass(frozen=True)
class WriterLine:
    """One writer of a multi-author blog: their posts and their own weekly habit."""

    posts: int
    posts_this_year: int
    words: int
    current: CurrentStreak
    longest: Streak
    last_post: date | None


@dataclass(frozen=True)
class BoardRow:
    """One writer of one repo's branch in a shared database (`board`)."""

    repo: str
    branch: str
    writer: str
    posts: int
    posts_this_year: int
    current: CurrentStreak
    longest: Streak
    last_post: date | None


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _streak(streak: Streak) -> Json:
    return {
        "length": streak.length,
        "unit": streak.unit,
        "start": _iso(streak.start),
        "end": _iso(streak.end),
    }


def _current(current: CurrentStreak) -> Json:
    return {**_streak(current), "status": current.status, "days_left": current.days_left}


def _periods(periods: dict[str, PeriodTotals]) -> Json:
    return {
        key: {"posts": p.posts, "edits": p.edits, "words": p.words} for key, p in periods.items()
    }


def report_json(report: Report) -> Json:
    """The `stats --json` object: schema 1's keys first, then what the screen shows."""
    s, t = report.settings, report.totals
    data: Json = {
        "schema": SCHEMA,
        "repo": {"branch": report.branch, "head": report.head},
        "settings": {
            "cadence": s.cadence,
            "per_period": s.per_period,
            "week_start": s.week_start,
            "timezone": s.timezone,
            "date_source": s.date_source,
            "today": s.today.isoformat(),
        },
        "totals": {
            "posts": t.posts,
            "drafts": t.drafts,
            "scheduled": t.scheduled,
            "words": t.words,
            "edits": t.edits,
            "first_post": _iso(t.first_post),
            "last_post": _iso(t.last_post),
        },
        "est": report.est,
        "streaks": {
            "current": _current(report.streaks.current),
            "longest": _streak(report.streaks.longest),
        },
        "by_year": _periods(report.by_year),
        "tags": report.tags,
        "categories": report.categories,
        "authors": report.authors,
        "badges": {
            "streak": report.badges.streak,
            "est": report.badges.est,
            "footer": report.badges.footer,
        },
        "site": report.site,
        "cadences": {
            cadence: {"current": _current(c.current), "longest": _streak(c.longest)}
            for cadence, c in report.cadences.items()
        },
        "consistency": report.consistency,
        "by_month": _periods(report.by_month),
        "tags_last_used": {tag: day.isoformat() for tag, day in report.tags_last_used.items()},
        "calendar": {
            "start": report.calendar.start.isoformat(),
            "end": report.calendar.end.isoformat(),
            "days": {day.isoformat(): n for day, n in sorted(report.calendar.days.items())},
        },
    }
    if report.writers:
        data["writers"] = {
            name: {
                "posts": w.posts,
                "posts_this_year": w.posts_this_year,
                "words": w.words,
                "current": _current(w.current),
                "longest": _streak(w.longest),
                "last_post": _iso(w.last_post),
            }
            for name, w in report.writers.items()
        }
    data["achievements"] = [achievement_json(a) for a in report.achievements]
    data["categories_last_used"] = {
        name: day.isoformat() for name, day in report.categories_last_used.items()
    }
    data["goal"] = _goals(report.goals)
    data["rhythm"] = None if report.rhythm is None else _rhythm(report.rhythm)
    data["title"] = report.title or report.site
    return data


def achievement_json(achievement: Achievement, *, path: bool = True) -> Json:
    """One achievement as `stats --json` gives it; without the path inside a post's entry."""
    data: Json = {
        "kind": achievement.kind,
        "title": achievement.title,
        "date": achievement.day.isoformat(),
    }
    if path:
        data["path"] = achievement.path
    return data


def _goals(goals: tuple[GoalPace, ...]) -> Json | None:
    if not goals:
        return None
    data: Json = {"year": goals[0].year}
    for goal in goals:
        data[goal.kind] = {
            "target": goal.target,
            "done": goal.done,
            "on_pace_for": goal.on_pace_for,
            "days_left": goal.days_left,
            "needed_per_week": round(goal.needed_per_week, 2),
            "reached": goal.reached,
        }
    return data


def _rhythm(rhythm: Rhythm) -> Json:
    gap = rhythm.longest_gap
    return {
        "posts": rhythm.posts,
        "first_post": rhythm.first.isoformat(),
        "last_post": rhythm.last.isoformat(),
        "every_days": None if rhythm.every_days is None else round(rhythm.every_days, 1),
        "longest_gap": (
            None
            if gap is None
            else {
                "days": gap.days,
                "after": gap.after.isoformat(),
                "before": gap.before.isoformat(),
            }
        ),
        "last_streak": _streak(rhythm.last_streak),
        "silent_days": rhythm.silent_days,
        "dormant": rhythm.dormant,
    }
