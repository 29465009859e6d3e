"""The stats screen's "Achievements" block: the latest milestones, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from streakline.render.charts import paint
from streakline.render.text import printable

if TYPE_CHECKING:
    from streakline.report import Report

SHOWN = 5
INDENT = "  "


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def render_achievements(report: Report, width: int, color: bool) -> list[str]:
    """A heading and one line a milestone (date, title, post), the newest `SHOWN` of them.

    Empty when there is none, so the screen leaves the block out.
    """
    if not report.achievements:
        return []
    latest = list(reversed(report.achievements))[:SHOWN]
    title = "Achievements"
    lines = [f"{paint(title, '1', color)} {'─' * (width - len(title) - 1)}"]
    title_width = max(len(a.title) for a in latest)
    for achievement in latest:
        head = f"{INDENT}{achievement.day.isoformat()}  {achievement.title:<{title_width}}  "
        room = width - len(head)
        path = printable(achievement.path)
        # A path keeps its end, where the file name is.
        shown = path if len(path) <= room else "…" + path[len(path) - room + 1 :]
        lines.append(_cut(head + (shown if room > 1 else ""), width))
    hidden = len(report.achievements) - len(latest)
    if hidden:
        lines.append(f"{INDENT}and {hidden:,} earlier (stats --json lists all)")
    return lines
