"""Tags, categories and writers on the stats screen: tables of names and their posts.

Tags and categories are both shown when a blog has both; a TIL repo, whose categories are
its folders, shows its categories instead of an empty tag table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from streakline.render.cells import cell_width, cut, pad
from streakline.render.charts import paint
from streakline.render.layout import DASH, DIM, INDENT, day, heading, length, plural

if TYPE_CHECKING:
    from streakline.report import Report

TOP_NAMES = 10
TOP_WRITERS = 8
NAME_WIDTH = 20


def names_blocks(report: Report, width: int, color: bool) -> list[list[str]]:
    """A block for tags and one for categories, each only when there are some."""
    blocks = []
    if report.tags or not report.categories:
        blocks.append(_names("tag", report.tags, report.tags_last_used, width, color))
    if report.categories:
        blocks.append(
            _names("category", report.categories, report.categories_last_used, width, color)
        )
    return blocks


def _names(
    noun: str,
    counts: dict[str, int],
    last_used: dict[str, date],
    width: int,
    color: bool,
) -> list[str]:
    nouns = "categories" if noun == "category" else f"{noun}s"
    top = list(counts)[:TOP_NAMES]
    title = f"Top {nouns}" if len(counts) > TOP_NAMES else nouns.capitalize()
    lines = [heading(title, width, color)]
    if not top:
        return [*lines, f"{INDENT}no tags or categories yet"]
    count_width = max(len("posts"), *(len(f"{counts[name]:,}") for name in top))
    rest = 2 + count_width + 2 + len("2026-11-19")
    gap = "    "
    name_width = max(min(max(cell_width(name) for name in top), NAME_WIDTH), len(noun))
    # Two columns, read top to bottom, when there are enough names and room for them.
    two = len(top) > 5 and len(INDENT + gap) + 2 * (name_width + rest) <= width
    if not two:
        name_width = max(min(name_width, width - len(INDENT) - rest), 3)

    def row(name: str, count: str, last: str) -> str:
        return f"{pad(cut(name, name_width), name_width)}  {count:>{count_width}}  {last:<10}"

    shown = {name: when.isoformat() for name, when in last_used.items()}
    rows = [row(name, f"{counts[name]:,}", shown.get(name, DASH)) for name in top]
    header = row(noun, "posts", "last used")
    if two:
        half = (len(rows) + 1) // 2
        left, right = rows[:half], rows[half:]
        rows = [f"{a}{gap}{b}" for a, b in zip(left, right, strict=False)] + left[len(right) :]
        header = f"{header}{gap}{header}"
    return [*lines, paint(INDENT + header, DIM, color), *(INDENT + r for r in rows)]


def writers_block(report: Report, width: int, color: bool) -> list[str]:
    """One row a writer: posts, this year's, their own current and best streak, last post."""
    unit = report.settings.cadence
    header = ("writer", "posts", "this year", f"{unit} streak", "best", "last post")
    rows = [
        (
            name,
            f"{w.posts:,}",
            f"{w.posts_this_year:,}",
            length(w.current),
            length(w.longest),
            day(w.last_post),
        )
        for name, w in list(report.writers.items())[:TOP_WRITERS]
    ]
    widths = [max(cell_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    widths[0] = min(widths[0], max(width - len(INDENT) - sum(widths[1:]) - 2 * 5, 6))

    def row(cells: Sequence[str]) -> str:
        first = pad(cut(cells[0], widths[0]), widths[0])
        rest = (cell.rjust(w) for cell, w in zip(cells[1:], widths[1:], strict=True))
        return INDENT + "  ".join([first, *rest])

    lines = [heading("Writers", width, color), paint(row(header), DIM, color)]
    lines += [row(r) for r in rows]
    hidden = len(report.writers) - len(rows)
    if hidden:
        lines.append(f"{INDENT}and {plural(hidden, 'more writer')} (stats --json lists all)")
    return lines
