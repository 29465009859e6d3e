"""The stats screen's "Achievements" block: the latest milestones, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from streakline.render.cells import cell_width, cut, cut_left, pad
from streakline.render.charts import paint
from streakline.render.text import printable

if TYPE_CHECKING:
    from streakline.report import Report

SHOWN = 5
INDENT = "  "


def render_achievements(report: Report, width: int, color: bool) -> list[str]:
    """A heading and one line a milestone (date, title, post), the newest `SHOWN` of them.

    Empty when there is none, so the screen leaves the block out.
    """
    if not report.achievements:
        return []
    latest = list(reversed(report.achievements))[:SHOWN]
    title = "Achievements"
    lines = [f"{paint(title, '1', color)} {'─' * (width - len(title) - 1)}"]
    title_width = max(cell_width(a.title) for a in latest)
    for achievement in latest:
        head = f"{INDENT}{achievement.day.isoformat()}  {pad(achievement.title, title_width)}  "
        room = width - cell_width(head)
        # A path keeps its end, where the file name is.
        shown = cut_left(printable(achievement.path), room) if room > 1 else ""
        lines.append(cut(head + shown, width))
    hidden = len(report.achievements) - len(latest)
    if hidden:
        lines.append(f"{INDENT}and {hidden:,} earlier (stats --json lists all)")
    return lines
