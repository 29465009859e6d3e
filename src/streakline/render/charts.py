"""Charts for the stats screen: posts per year (plotext bars, or one row a year when there
are too many years for bars), words per year under them, words per month (a sparkline).

Every plotext call in streakline lives here, and plotext is imported only when a bar chart
is drawn, so commands that never draw one do not pay for the import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import groupby

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_TRAILING = re.compile(r"(?:\s|\x1b\[[0-9;]*m)+$")
SPARKS = "▁▂▃▄▅▆▇█"
NO_WORDS = "·"

# Each year gets a fixed cell: a bar 5 columns wide and one column of air, so bars and their
# 4-digit labels line up the same way whatever the number of years. plotext rounds a bar
# 4/6 of a cell wide to those 5 columns; 5/6 already closes the gap between bars.
YEAR_CELL = 6
_BAR_FILL = 4 / 6


def paint(text: str, sgr: str, color: bool) -> str:
    """`text` wrapped in one ANSI SGR sequence, or unchanged when colour is off."""
    return f"\x1b[{sgr}m{text}\x1b[0m" if color and text else text


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def rstrip_line(line: str) -> str:
    """`line` without trailing blanks, also when they hide among colour codes."""
    tail = _TRAILING.search(line)
    if tail is None:
        return line
    reset = "\x1b[0m" if "\x1b" in tail.group() else ""
    return line[: tail.start()] + reset


def years_that_fit(width: int) -> int:
    """How many year bars a chart `width` columns wide holds."""
    return max((width - 1) // YEAR_CELL, 1)


def render_year_bars(
    labels: Sequence[str], values: Sequence[int], *, height: int = 9, color: bool = False
) -> str:
    """A bar chart with one bar per label and its value printed above it.

    The chart is exactly `YEAR_CELL * len(labels) + 1` columns wide; callers pick the labels
    that fit with `years_that_fit`. Values must not all be zero.
    """
    import plotext as plt

    if len(labels) != len(values) or not labels:
        raise ValueError("one value per label, and at least one label")
    top = max(values)
    if top <= 0:
        raise ValueError("a bar chart needs at least one value above zero")
    height = max(height, 5)
    xs = list(range(1, len(labels) + 1))
    # Rows for the bars: the height less the axis and the tick labels. The top row is kept
    # free so that the value of the highest bar can be printed above it.
    rows = height - 2
    ymax = top * (rows - 1) / (rows - 2)
    row_step = ymax / (rows - 1)

    plt.clear_figure()
    # plotext otherwise shrinks the chart to the size of the terminal it was imported in,
    # which would make the same report render differently in a narrow window or in tests.
    plt.limitsize(False, False)
    plt.plotsize(YEAR_CELL * len(labels) + 1, height)
    plt.theme("clear")
    plt.bar(xs, list(values), width=_BAR_FILL, color="green" if color else None)
    plt.xaxes(True, False)
    plt.yaxes(False, False)
    plt.xlim(0.5, len(labels) + 0.5)
    plt.ylim(0, ymax)
    plt.xticks(xs, list(labels))
    plt.yticks([])
    for x, value in zip(xs, values, strict=True):
        # A zero gets its label on the baseline, where its (empty) bar would start.
        y = value + row_step if value else 0
        plt.text(str(value), x, y, alignment="center")
    built: str = plt.build()
    plt.clear_figure()
    if not color:
        built = strip_ansi(built)
    return "\n".join(rstrip_line(line) for line in built.splitlines())


def spark_levels(values: Sequence[int]) -> list[int | None]:
    """Each value as a level 0-7 of the highest, None for zero.

    Any value above zero gets at least the lowest bar, so a quiet month never looks empty.
    """
    top = max(values, default=0)
    if top <= 0:
        return [None for _ in values]
    return [None if v <= 0 else max(math.ceil(v / top * len(SPARKS)) - 1, 0) for v in values]


def render_sparkline(values: Sequence[int], *, cell: int = 1, color: bool = False) -> str:
    """`values` as `▁▂▃▄▅▆▇█`, `cell` characters each; `·` marks a zero."""
    out = []
    for quiet, run in groupby(spark_levels(values), key=lambda level: level is None):
        if quiet:
            out.append(paint(NO_WORDS * cell * len(list(run)), "2", color))
        else:
            out.append(paint("".join(SPARKS[level or 0] * cell for level in run), "32", color))
    return "".join(out)


EIGHTHS = " ▏▎▍▌▋▊▉"


def short_number(n: int) -> str:
    """`n` in at most 5 characters: 980, 1.2k, 12k, 123k, 1.2M, 12M."""
    for limit, unit in ((1_000_000, "M"), (1_000, "k")):
        if n >= limit:
            value = n / limit
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return text.removesuffix(".0") + unit
    return str(n)


def render_words_row(values: Sequence[int]) -> str:
    """Words per year as a row under `render_year_bars`: each number under its bar."""
    return "".join(f" {short_number(v) if v else '·':^5}" for v in values).rstrip()


def render_bar(value: int, top: int, width: int) -> str:
    """A horizontal bar `value / top` of `width` cells, in eighths of a cell."""
    if value <= 0 or top <= 0 or width <= 0:
        return ""
    eighths = max(round(8 * width * value / top), 1)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def render_year_rows(
    labels: Sequence[str],
    posts: Sequence[int],
    words: Sequence[int],
    *,
    width: int,
    color: bool = False,
) -> list[str]:
    """One row a year: the year, its posts as a number and a bar, its words at the right.

    For histories too long for a bar a year across the screen. Rows are `width` cells at
    most; the header names the columns.
    """
    posts_width = max(len("posts"), *(len(f"{n:,}") for n in posts))
    words_width = max(len("words"), *(len(f"{n:,}") for n in words))
    bar_width = max(width - 4 - 2 - posts_width - 2 - 2 - words_width, 1)
    top = max(posts, default=0)
    header = f"{'year':<4}  {'posts':>{posts_width}}  {'':<{bar_width}}  {'words':>{words_width}}"
    rows = [paint(header, "2", color)]
    for label, n, w in zip(labels, posts, words, strict=True):
        bar = render_bar(n, top, bar_width)
        shown = paint(bar, "32", color) + " " * (bar_width - len(bar))
        rows.append(f"{label:<4}  {n:>{posts_width},}  {shown}  {w:>{words_width},}")
    return [rstrip_line(row) for row in rows]
