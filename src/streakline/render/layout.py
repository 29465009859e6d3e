"""Words and lines shared by the blocks of the stats screen: plurals, headings, wrapping.

Widths are terminal cells (render.cells): a site, a tag or a writer may be named in CJK.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from streakline.render.cells import cell_width, cut
from streakline.render.charts import paint

if TYPE_CHECKING:
    from streakline.streaks import CurrentStreak, Streak

INDENT = "  "
SEP = " · "
DASH = "\N{EM DASH}"
EN_DASH = "\N{EN DASH}"
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
STATUS_SGR = {"done": "32", "at_risk": "33", "broken": "31"}
BOLD, DIM = "1", "2"


def plural(n: int, unit: str) -> str:
    return f"{n:,} {unit}" if n == 1 else f"{n:,} {unit}s"


def joined(parts: Iterable[str], width: int, indent: str = "") -> list[str]:
    """`parts` joined by ` · `, wrapped at a separator so that no line passes `width`."""
    lines: list[str] = []
    line = ""
    for part in parts:
        part = cut(part, width - len(indent))
        if line and cell_width(line) + len(SEP) + cell_width(part) > width:
            lines.append(line)
            line = ""
        line = f"{line}{SEP}{part}" if line else f"{indent}{part}"
    return [*lines, line] if line else lines


def wrapped(text: str, width: int, indent: str = INDENT) -> list[str]:
    """`text` wrapped at spaces into lines of at most `width` cells, each indented."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and cell_width(indent + line + " " + word) > width:
            lines.append(indent + line)
            line = ""
        line = f"{line} {word}" if line else cut(word, width - len(indent))
    return [*lines, indent + line] if line else lines


def heading(title: str, width: int, color: bool) -> str:
    # A rule to the right edge marks sections where there is no bold to do it.
    return f"{paint(title, BOLD, color)} {'─' * max(width - cell_width(title) - 1, 0)}"


def month_label(key: str) -> str:
    """`2026-03` as `Mar 2026`."""
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def day(value: date | None) -> str:
    return DASH if value is None else value.isoformat()


def length(streak: Streak) -> str:
    return plural(streak.length, streak.unit)


def span(streak: Streak) -> tuple[str, str]:
    return day(streak.start), day(streak.end)


def spanned(streak: Streak) -> str:
    """The length and the dates of `streak`, or `none` for a streak of length 0."""
    if streak.length == 0:
        return "none"
    start, end = span(streak)
    return f"{length(streak)}, {start} {EN_DASH} {end}"


def status(current: CurrentStreak) -> str:
    if current.status == "at_risk":
        return f"at risk: {plural(current.days_left or 0, 'day')} left"
    return str(current.status)


def rule_label(per_period: int, cadence: str) -> str:
    """What a period needs to count, as a row label: `1 post/week`, `2 posts/week`."""
    return f"{plural(per_period, 'post')}/{cadence}"
