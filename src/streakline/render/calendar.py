"""The activity calendar: one column a week, one row a weekday, drawn without plotext.

plotext's heatmap tells values apart by colour alone; this one must also read on a terminal
without colour, so each day is a glyph:

- `·` nothing written that day;
- `░ ▒ ▓ █` 1, 2, 3-4 and 5 or more publications and edits,

as the legend under the calendar says.

The shades are fixed thresholds rather than quartiles of the non-zero counts: quartiles would
move with every busy day, so the same week could change shade between two runs, and on a
weekly blog, where most active days hold a single post, they would paint ordinary days dark.
Fixed thresholds mean the same thing on every blog and in every year.

Days outside the calendar's span (the padding of partial weeks in a calendar for a year) and
days after today are left blank: they are not days without writing.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby
from typing import TYPE_CHECKING

from streakline.render.charts import paint

if TYPE_CHECKING:
    from streakline.report import Calendar

GLYPHS = "·░▒▓█"
# What each shade counts, said under the calendar: "less ... more" did not say of what.
LEVEL_LABELS = ("0", "1", "2", "3-4", "5+")
LEGEND_TITLE = "posts and edits a day:"
LEGEND = (
    LEGEND_TITLE + " " + "  ".join(f"{g} {n}" for g, n in zip(GLYPHS, LEVEL_LABELS, strict=True))
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABELLED_WEEKDAYS = frozenset({"Mon", "Wed", "Fri"})
LABEL_WIDTH = 4

# 256-colour greens, from faint to strong, for levels 1-4; level 0 is dimmed.
_SHADES = ("2", "38;5;22", "38;5;28", "38;5;34", "38;5;40")
_FIRST_WEEKDAY = {"monday": 0, "sunday": 6}


def level(count: int) -> int:
    """The shade of a day with `count` publications and edits: 0-4."""
    if count <= 0:
        return 0
    if count <= 2:
        return count
    return 3 if count <= 4 else 4


def grid_start(start: date, week_start: str) -> date:
    """The first day of the week holding `start`."""
    return start - timedelta(days=(start.weekday() - _FIRST_WEEKDAY[week_start]) % 7)


def week_count(start: date, end: date, week_start: str) -> int:
    """The number of week columns from `start` to `end`, partial weeks included."""
    return (end - grid_start(start, week_start)).days // 7 + 1


def week_column(day: date, start: date, week_start: str) -> int:
    """The column of `day` in a calendar that begins on `start`."""
    return (day - grid_start(start, week_start)).days // 7


def _month_labels(start: date, end: date, week_start: str, columns: int) -> str:
    """Month names above the column holding each month's first day.

    The month the calendar opens in is named over its first column when it is not cut off
    by the next one; a name never runs into its right-hand neighbour.
    """
    marks: list[tuple[int, str]] = []
    if start.day != 1:
        marks.append((0, MONTHS[start.month - 1]))
    first = date(start.year, start.month, 1)
    while first <= end:
        if first >= start:
            marks.append((week_column(first, start, week_start), MONTHS[first.month - 1]))
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    kept: list[tuple[int, str]] = []
    limit = columns + 1  # as if a neighbour stood one column past the edge
    for column, name in reversed(marks):
        if column + len(name) < limit:
            kept.append((column, name))
            limit = column
    row = [" "] * columns
    for column, name in kept:
        row[column : column + len(name)] = name
    return "".join(row).rstrip()


def render_calendar(
    calendar: Calendar,
    *,
    week_start: str = "monday",
    today: date | None = None,
    color: bool = False,
) -> str:
    """The report's `calendar` (start, end, days) as month labels, seven weekday rows, the
    number of days with writing and a legend. `today` blanks the days after it; None shows
    every day in the span.
    """
    start, end, counts = calendar.start, calendar.end, calendar.days
    first = grid_start(start, week_start)
    columns = week_count(start, end, week_start)
    last_shown = end if today is None else min(end, today)

    lines = [" " * LABEL_WIDTH + _month_labels(start, end, week_start, columns)]
    for row in range(7):
        weekday = WEEKDAYS[(_FIRST_WEEKDAY[week_start] + row) % 7]
        label = weekday if weekday in LABELLED_WEEKDAYS else ""
        shades: list[int | None] = []
        for column in range(columns):
            day = first + timedelta(days=7 * column + row)
            inside = start <= day <= last_shown
            shades.append(level(counts.get(day, 0)) if inside else None)
        lines.append(f"{label:<{LABEL_WIDTH}}{_cells(shades, color)}".rstrip())

    active = sum(1 for n in counts.values() if n > 0)
    summary = f"{active} day{'' if active == 1 else 's'} with writing"
    lines.append(f"{' ' * LABEL_WIDTH}{summary}")
    lines.append(f"{' ' * LABEL_WIDTH}{_legend(color)}")
    return "\n".join(lines)


def _cells(shades: list[int | None], color: bool) -> str:
    """One glyph a day, a blank for None; a run of one shade shares one colour code."""
    out = []
    for shade, run in groupby(shades):
        n = len(list(run))
        if shade is None:
            out.append(" " * n)
        else:
            out.append(paint(GLYPHS[shade] * n, _SHADES[shade], color))
    return "".join(out)


def _legend(color: bool) -> str:
    if not color:
        return LEGEND
    shades = "  ".join(
        f"{paint(GLYPHS[n], _SHADES[n], True)} {LEVEL_LABELS[n]}" for n in range(len(GLYPHS))
    )
    return f"{LEGEND_TITLE} {shades}"
