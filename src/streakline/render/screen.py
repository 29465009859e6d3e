"""The `stats` screen: the report of stats.compute_report as text for a terminal.

It must read well without colour, so colour only repeats what glyphs and words already say.
Below `COMPACT_BELOW` columns there is no room for the calendar or the charts, and the
screen becomes a list of `key: value` lines (render.compact). Either ends with the footer
text as a site shows it (`est. 2008 ● 3y+ streak`).

Where the screen is silent otherwise:

- Each streak row is labelled with what its period needs (`2 posts/week`): `per_period`
  applies to the configured cadence, its neighbours need one post.
- "Habit strength" is the report's `consistency` (Loop Habit Tracker's score), said with
  what it measures.
- A dormant blog (pace.py) gets its story instead of a table of broken streaks: the last
  post, the last and the longest streak, the longest gap and how often it published.
- A blog without a published post gets a few lines on what counts instead of empty charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from streakline.pace import humanize_days, humanize_interval
from streakline.render.cells import cut
from streakline.render.charts import paint, rstrip_line
from streakline.render.history import calendar_block, words_block, years_block
from streakline.render.layout import (
    BOLD,
    DIM,
    EN_DASH,
    INDENT,
    STATUS_SGR,
    day,
    heading,
    joined,
    length,
    plural,
    rule_label,
    span,
    spanned,
    status,
    wrapped,
)
from streakline.render.milestones import render_achievements
from streakline.render.names import names_blocks, writers_block
from streakline.render.text import printable

if TYPE_CHECKING:
    from streakline.pace import GoalPace, Rhythm
    from streakline.report import Report
    from streakline.streaks import Cadence, CurrentStreak

_V = TypeVar("_V")

COMPACT_BELOW = 60


def render_stats_screen(report: Report, *, width: int = 80, color: bool = False) -> str:
    """The whole screen, one `\\n`-ended string; no line is wider than `width` cells."""
    report = _printable_report(report)
    if width < COMPACT_BELOW:
        from streakline.render.compact import render_compact

        lines = render_compact(report, width, color)
    else:
        lines = [line for block in _blocks(report, width, color) for line in [*block, ""]]
        lines = lines[:-1]
    return "".join(f"{rstrip_line(line)}\n" for line in lines)


def _blocks(report: Report, width: int, color: bool) -> list[list[str]]:
    blocks = [header_block(report, width, color)]
    if report.goals:
        blocks.append(goal_block(report.goals, width, color))
    rhythm = report.rhythm
    if rhythm is None:
        blocks.append(_nothing_yet(report, width, color))
    else:
        if rhythm.dormant:
            blocks.append(_dormant(report, rhythm, width, color))
        else:
            blocks.append(_streaks(report, rhythm, width, color))
        blocks += [
            calendar_block(report, width, color),
            years_block(report, width, color),
            words_block(report, width, color),
            *names_blocks(report, width, color),
        ]
    milestones = render_achievements(report, width, color)
    if milestones:
        blocks.append(milestones)
    if report.writers:
        blocks.append(writers_block(report, width, color))
    blocks.append(footer_block(report, width, color))
    return blocks


def _printable_report(report: Report) -> Report:
    """The report with every name from the repo made safe to print (see render.text)."""

    def keys(names: dict[str, _V]) -> dict[str, _V]:
        return {printable(name): value for name, value in names.items()}

    return replace(
        report,
        branch=printable(report.branch),
        site=printable(report.site),
        title=printable(report.title),
        tags=keys(report.tags),
        tags_last_used=keys(report.tags_last_used),
        categories=keys(report.categories),
        categories_last_used=keys(report.categories_last_used),
        authors=keys(report.authors),
        writers=keys(report.writers),
    )


def cadence_order(report: Report) -> list[Cadence]:
    """The configured cadence first, then its neighbours from short to long."""
    chosen = report.settings.cadence
    return [chosen, *(c for c in report.cadences if c != chosen)]


def needs(report: Report, cadence: Cadence) -> str:
    """What a period of `cadence` needs to count on this screen: `2 posts/week`."""
    settings = report.settings
    return rule_label(settings.per_period if cadence == settings.cadence else 1, cadence)


def habit_strength(report: Report) -> str:
    """The consistency score with what it measures, as one line."""
    settings = report.settings
    what = "a post" if settings.per_period == 1 else plural(settings.per_period, "post")
    percent = round(100 * report.consistency)
    return (
        f"habit strength {percent}%: recent {settings.cadence}s with {what}, "
        "the latest counting most"
    )


def goal_text(goal: GoalPace) -> list[str]:
    """`31 / 52 posts this year`, `on pace for 48`, `2.1 a week to make it`."""
    unit = "posts" if goal.kind == "posts" else "words"
    parts = [f"{goal.done:,} / {goal.target:,} {unit} this year"]
    if goal.reached:
        return [*parts, "goal reached"]
    parts.append(f"on pace for {goal.on_pace_for:,}")
    if goal.days_left < 6:
        parts.append(f"{goal.remaining:,} more by 31 December")
        return parts
    per_week = goal.needed_per_week
    if goal.kind == "words":
        parts.append(f"{_ceil(per_week):,} words a week to make it")
    elif per_week >= 1:
        shown = _ceil(per_week * 10) / 10
        parts.append(f"{shown:g} a week to make it")
    else:
        # Fewer than one a week: one every so many weeks, rounded down to be on time.
        weeks = int((goal.days_left + 1) / 7 / goal.remaining)
        parts.append("1 a week to make it" if weeks <= 1 else f"1 every {weeks} weeks to make it")
    return parts


def _ceil(value: float) -> int:
    whole = int(value)
    return whole if whole >= value - 1e-9 else whole + 1


# Blocks -------------------------------------------------------------------------------------


def header_block(report: Report, width: int, color: bool) -> list[str]:
    totals = report.totals
    main = [report.title or report.site]
    if report.est is not None:
        main.append(f"est. {report.est}")
    if totals.posts:
        main += [plural(totals.posts, "post"), plural(totals.words, "word")]
        if report.tags or not report.categories:
            main.append(plural(len(report.tags), "tag"))
        if report.categories:
            count = len(report.categories)
            main.append(f"{count:,} categor{'y' if count == 1 else 'ies'}")
    else:
        main.append("no posts yet")
    extra = [f"last post {day(totals.last_post)}"] if totals.last_post else []
    if totals.drafts:
        extra.append(plural(totals.drafts, "draft"))
    if totals.scheduled:
        extra.append(f"{totals.scheduled:,} scheduled")
    if totals.edits:
        extra.append(plural(totals.edits, "edit"))
    first, *rest = joined(main, width)
    return [paint(first, BOLD, color), *rest, *joined(extra, width)]


def goal_block(goals: Sequence[GoalPace], width: int, color: bool) -> list[str]:
    lines = [heading(f"Goal {goals[0].year}", width, color)]
    for goal in goals:
        lines += joined(goal_text(goal), width, INDENT)
    return lines


def _streaks(report: Report, rhythm: Rhythm, width: int, color: bool) -> list[str]:
    rows: list[tuple[tuple[str, ...], CurrentStreak | None]] = []
    for cadence in cadence_order(report):
        current, best = report.cadences[cadence].current, report.cadences[cadence].longest
        rows.append(((needs(report, cadence), "current", length(current), *span(current)), current))
        rows.append((("", "best", length(best), *span(best)), None))
    header = ("", "", "length", "from", "to")
    widths = [max(len(cells[i]) for cells in [header, *(c for c, _ in rows)]) for i in range(5)]

    def row(cells: Sequence[str]) -> str:
        aligned = (
            cell.rjust(w) if i == 2 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        )
        return INDENT + "  ".join(aligned)

    lines = [heading("Streaks", width, color), row(header)]
    # Where the status goes when it does not fit at the end of its row: under the dates.
    under_dates = len(INDENT) + sum(widths[:3]) + 3 * 2
    for cells, alive in rows:
        text = row(cells)
        if alive is None:
            lines.append(text)
            continue
        shown = status(alive)
        painted = paint(shown, STATUS_SGR[alive.status], color)
        if len(text) + 2 + len(shown) <= width:
            lines.append(f"{text}  {painted}")
        else:
            lines += [text, " " * under_dates + painted]
    lines += wrapped(habit_strength(report), width)
    lines += joined(_rhythm_parts(rhythm), width, INDENT)
    return lines


def _rhythm_parts(rhythm: Rhythm) -> list[str]:
    parts = []
    if rhythm.every_days is not None:
        parts.append(f"{humanize_interval(rhythm.every_days)} on average")
    gap = rhythm.longest_gap
    if gap is not None:
        parts.append(f"longest gap {humanize_days(gap.days)} ({gap.after} {EN_DASH} {gap.before})")
    return parts or [f"one post, on {rhythm.first}"]


def _dormant(report: Report, rhythm: Rhythm, width: int, color: bool) -> list[str]:
    """A blog that stopped: when, the streak it had, how it used to publish."""
    longest = report.streaks.longest
    last = rhythm.last_streak
    rows = [("last post", f"{rhythm.last}, {humanize_days(rhythm.silent_days)} ago")]
    if last.end is not None:
        ago = humanize_days(max((report.settings.today - last.end).days, 0))
        rows.append(("last streak", f"{spanned(last)}, ended {ago} ago"))
    rows.append(("longest streak", spanned(longest)))
    gap = rhythm.longest_gap
    if gap is not None:
        between = f"{gap.after} {EN_DASH} {gap.before}"
        rows.append(("longest gap", f"{humanize_days(gap.days)}, {between}"))
    if rhythm.every_days is not None:
        between = f"{rhythm.first} {EN_DASH} {rhythm.last}"
        rows.append(("rhythm", f"{humanize_interval(rhythm.every_days)}, {between}"))
    key_width = max(len(key) for key, _ in rows) + 2
    lines = [heading(f"Dormant since {rhythm.last.year}", width, color)]
    for key, value in rows:
        for i, line in enumerate(wrapped(value, width - len(INDENT) - key_width, "")):
            lines.append(f"{INDENT}{key if i == 0 else '':<{key_width}}{line}")
    return lines


def _nothing_yet(report: Report, width: int, color: bool) -> list[str]:
    text = (
        f"Nothing is published on {report.branch} yet. `streakline posts` lists the files "
        "counted as posts, and `streakline init` shows how they were chosen."
    )
    return [heading("No posts yet", width, color), *wrapped(text, width)]


def footer_block(report: Report, width: int, color: bool) -> list[str]:
    lines = [paint("─" * width, DIM, color)]
    lines += [paint(line, DIM, color) for line in joined(where(report), width)]
    return [*lines, cut(report.badges.footer, width)]


def where(report: Report) -> list[str]:
    settings = report.settings
    commit = (
        f"commit {report.head[:10]} on {report.branch}"
        if report.head
        else f"{report.branch} has no commits yet"
    )
    return [
        commit,
        f"timezone {settings.timezone}",
        f"weeks start {settings.week_start.capitalize()}",
        f"today {settings.today.isoformat()}",
    ]
