"""The stats screen below 60 columns: `key: value` lines, values below keys when narrower."""

from __future__ import annotations

from typing import TYPE_CHECKING

from streakline.pace import humanize_days, humanize_interval
from streakline.render.cells import cell_width, cut
from streakline.render.charts import paint, strip_ansi
from streakline.render.layout import (
    BOLD,
    DASH,
    EN_DASH,
    INDENT,
    STATUS_SGR,
    day,
    length,
    span,
    spanned,
    status,
)
from streakline.render.screen import cadence_order, goal_text, needs, where

if TYPE_CHECKING:
    from streakline.report import Report
    from streakline.streaks import Streak


def render_compact(report: Report, width: int, color: bool) -> list[str]:
    pairs = _pairs(report, color)
    key_width = max(cell_width(key) for key, _ in pairs) + 2
    lines = [paint(cut(report.title or report.site, width), BOLD, color)]
    for key, values in pairs:
        if key_width + max(cell_width(strip_ansi(value)) for value in values) <= width:
            labels = [f"{key}:", *([""] * (len(values) - 1))]
            lines += [f"{k:<{key_width}}{v}" for k, v in zip(labels, values, strict=True)]
        else:
            # Too narrow for a value beside its key: the values go below it, cut if need be.
            lines.append(cut(f"{key}:", width))
            room = width - len(INDENT)
            for value in values:
                fits = cell_width(strip_ansi(value)) <= room
                lines.append(INDENT + (value if fits else cut(strip_ansi(value), room)))
    return [*lines, cut(report.badges.footer, width)]


def _pairs(report: Report, color: bool) -> list[tuple[str, list[str]]]:
    totals, settings = report.totals, report.settings
    pairs: list[tuple[str, list[str]]] = []
    if report.est is not None:
        pairs.append(("est.", [str(report.est)]))
    pairs += [
        ("posts", [f"{totals.posts:,}"]),
        ("words", [f"{totals.words:,}"]),
        ("tags", [f"{len(report.tags):,}"]),
    ]
    if report.categories:
        pairs.append(("categories", [f"{len(report.categories):,}"]))
    pairs.append(("last post", [day(totals.last_post)]))
    for goal in report.goals:
        pairs.append((f"goal {goal.year}", goal_text(goal)))
    rhythm = report.rhythm
    if rhythm is not None and rhythm.dormant:
        pairs.append(("dormant for", [humanize_days(rhythm.silent_days)]))
        pairs.append(("last streak", [spanned(rhythm.last_streak)]))
        pairs.append(("longest streak", [spanned(report.streaks.longest)]))
    elif rhythm is not None:
        for cadence in cadence_order(report):
            current, best = report.cadences[cadence].current, report.cadences[cadence].longest
            shown = paint(status(current), STATUS_SGR[current.status], color)
            # Only where a period needs more than one post is it said (as on the full
            # screen): `week streak (2 posts)`.
            need = needs(report, cadence).split("/")[0]
            label = f"{cadence} streak" + ("" if need == "1 post" else f" ({need})")
            pairs.append((label, [f"{length(current)}, {shown}", *_range(current)]))
            pairs.append((f"best {cadence} streak", [length(best), *_range(best)]))
        pairs.append(("habit strength", [f"{round(100 * report.consistency)}%"]))
    if rhythm is not None and rhythm.every_days is not None:
        pairs.append(("rhythm", [humanize_interval(rhythm.every_days)]))
    if rhythm is not None and rhythm.longest_gap is not None:
        pairs.append(("longest gap", [humanize_days(rhythm.longest_gap.days)]))
    year = report.by_year.get(f"{settings.today.year:04d}")
    pairs.append(("posts this year", [f"{year.posts if year else 0:,}"]))
    top = [f"{tag} {count:,}" for tag, count in list(report.tags.items())[:5]]
    if top or not report.categories:
        pairs.append(("top tags", top or [DASH]))
    if report.categories:
        top = [f"{name} {count:,}" for name, count in list(report.categories.items())[:5]]
        pairs.append(("top categories", top))
    commit, *rest = where(report)
    if report.head:
        pairs.append(("commit", [commit.removeprefix("commit ")]))
    else:
        pairs.append(("branch", [f"{report.branch}, no commits yet"]))
    pairs += [(text.rsplit(" ", 1)[0], [text.rsplit(" ", 1)[1]]) for text in rest]
    return pairs


def _range(streak: Streak) -> list[str]:
    start, end = span(streak)
    return [] if streak.length == 0 else [f"{start} {EN_DASH} {end}"]
