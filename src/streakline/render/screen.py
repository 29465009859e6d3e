"""The `stats` screen: the report of stats.compute_report as text for a terminal.

It must read well without colour, so colour only repeats what glyphs and words already say.
Below `COMPACT_BELOW` columns there is no room for the calendar or the charts, and the
screen becomes a list of `key: value` lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from streakline.render.calendar import render_calendar
from streakline.render.charts import (
    paint,
    render_sparkline,
    render_year_bars,
    rstrip_line,
    strip_ansi,
    years_that_fit,
)
from streakline.render.milestones import render_achievements
from streakline.render.text import printable

if TYPE_CHECKING:
    from streakline.report import Report, ReportSettings
    from streakline.streaks import Cadence, CurrentStreak, Streak

_V = TypeVar("_V")

COMPACT_BELOW = 60
INDENT = "  "
SEP = " · "
DASH = "\N{EM DASH}"
EN_DASH = "\N{EN DASH}"
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SPARK_MONTHS = 24
TOP_TAGS = 10
TOP_WRITERS = 8
_STATUS_SGR = {"done": "32", "at_risk": "33", "broken": "31"}
_BOLD, _DIM = "1", "2"


def render_stats_screen(report: Report, *, width: int = 80, color: bool = False) -> str:
    """The whole screen, one `\\n`-ended string; no line is wider than `width`."""
    report = _printable_report(report)
    if width < COMPACT_BELOW:
        lines = _compact(report, width, color)
    else:
        blocks = [
            _header(report, width, color),
            _streaks(report, width, color),
            _calendar(report, width, color),
            _years(report, width, color),
            _words(report, width, color),
            _tags(report, width, color),
            *([milestones] if (milestones := render_achievements(report, width, color)) else []),
            *([_writers(report, width, color)] if report.writers else []),
            _footer(report, width, color),
        ]
        lines = [line for block in blocks for line in [*block, ""]][:-1]
    return "".join(f"{rstrip_line(line)}\n" for line in lines)


# Text helpers -------------------------------------------------------------------------------


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _plural(n: int, unit: str) -> str:
    return f"{n:,} {unit}" if n == 1 else f"{n:,} {unit}s"


def _joined(parts: Iterable[str], width: int, indent: str = "") -> list[str]:
    """`parts` joined by ` · `, wrapped at a separator so that no line passes `width`."""
    lines: list[str] = []
    line = ""
    for part in parts:
        part = _cut(part, width - len(indent))
        if line and len(line) + len(SEP) + len(part) > width:
            lines.append(line)
            line = ""
        line = f"{line}{SEP}{part}" if line else f"{indent}{part}"
    return [*lines, line] if line else lines


def _printable_report(report: Report) -> Report:
    """The report with every name from the repo made safe to print (see render.text)."""
    from dataclasses import replace

    def keys(names: dict[str, _V]) -> dict[str, _V]:
        return {printable(name): value for name, value in names.items()}

    return replace(
        report,
        branch=printable(report.branch),
        site=printable(report.site),
        tags=keys(report.tags),
        tags_last_used=keys(report.tags_last_used),
        categories=keys(report.categories),
        authors=keys(report.authors),
        writers=keys(report.writers),
    )


def _heading(title: str, width: int, color: bool) -> str:
    # A rule to the right edge marks sections where there is no bold to do it.
    return f"{paint(title, _BOLD, color)} {'─' * (width - len(title) - 1)}"


def _month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def _length(streak: Streak) -> str:
    return _plural(streak.length, streak.unit)


def _span(streak: Streak) -> tuple[str, str]:
    return _day(streak.start), _day(streak.end)


def _day(day: date | None) -> str:
    return DASH if day is None else day.isoformat()


def _status(current: CurrentStreak) -> str:
    if current.status == "at_risk":
        return f"at risk: {_plural(current.days_left or 0, 'day')} left"
    return str(current.status)


def _cadence_order(report: Report) -> list[Cadence]:
    """The configured cadence first, then its neighbours from short to long."""
    chosen = report.settings.cadence
    return [chosen, *(c for c in report.cadences if c != chosen)]


def _goal(settings: ReportSettings) -> str:
    return f"{_plural(settings.per_period, 'post')} a {settings.cadence}"


# Full screen --------------------------------------------------------------------------------


def _header(report: Report, width: int, color: bool) -> list[str]:
    totals = report.totals
    main = [report.site]
    if report.est is not None:
        main.append(f"est. {report.est}")
    main += [
        _plural(totals.posts, "post"),
        _plural(totals.words, "word"),
        _plural(len(report.tags), "tag"),
    ]
    extra = [f"last post {_day(totals.last_post)}"]
    if totals.drafts:
        extra.append(_plural(totals.drafts, "draft"))
    if totals.scheduled:
        extra.append(f"{totals.scheduled:,} scheduled")
    if totals.edits:
        extra.append(_plural(totals.edits, "edit"))
    extra.append(f"consistency {round(100 * report.consistency)}%")
    first, *rest = _joined(main, width)
    return [paint(first, _BOLD, color), *rest, *_joined(extra, width)]


def _streaks(report: Report, width: int, color: bool) -> list[str]:
    rows: list[tuple[tuple[str, ...], CurrentStreak | None]] = []
    for cadence in _cadence_order(report):
        current, best = report.cadences[cadence].current, report.cadences[cadence].longest
        rows.append(((cadence, "current", _length(current), *_span(current)), current))
        rows.append((("", "best", _length(best), *_span(best)), None))
    header = ("", "", "length", "from", "to")
    widths = [max(len(cells[i]) for cells in [header, *(c for c, _ in rows)]) for i in range(5)]

    def row(cells: Sequence[str]) -> str:
        aligned = (
            cell.rjust(w) if i == 2 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        )
        return INDENT + "  ".join(aligned)

    lines = [_heading(f"Streaks{SEP}{_goal(report.settings)}", width, color), row(header)]
    # Where the status goes when it does not fit at the end of its row: under the dates.
    under_dates = len(INDENT) + sum(widths[:3]) + 3 * 2
    for cells, alive in rows:
        text = row(cells)
        if alive is None:
            lines.append(text)
            continue
        status = _status(alive)
        painted = paint(status, _STATUS_SGR[alive.status], color)
        if len(text) + 2 + len(status) <= width:
            lines.append(f"{text}  {painted}")
        else:
            lines += [text, " " * under_dates + painted]
    return lines


def _calendar(report: Report, width: int, color: bool) -> list[str]:
    calendar = report.calendar
    start, end = calendar.start, calendar.end
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    title = str(start.year) if whole_year and start.year == end.year else "Last 52 weeks"
    grid = render_calendar(
        calendar,
        week_start=report.settings.week_start,
        today=report.settings.today,
        color=color,
    )
    return [_heading(title, width, color), *(INDENT + line for line in grid.splitlines())]


def _years(report: Report, width: int, color: bool) -> list[str]:
    by_year = report.by_year
    years = list(by_year)[-years_that_fit(width - len(INDENT)) :]
    posts = [by_year[year].posts for year in years]
    title = "Posts per year"
    if len(years) < len(by_year):
        title += f" since {years[0]}"
    lines = [_heading(title, width, color)]
    if not any(posts):
        return [*lines, f"{INDENT}no posts{' yet' if len(years) == len(by_year) else ''}"]
    chart = render_year_bars(years, posts, color=color)
    return [*lines, *(INDENT + line for line in chart.splitlines())]


def _words(report: Report, width: int, color: bool) -> list[str]:
    by_month = report.by_month
    months = list(by_month)[-SPARK_MONTHS:]
    words = [by_month[month].words for month in months]
    lines = [_heading("Words per month", width, color)]
    if not any(words):
        return [*lines, f"{INDENT}no words written yet"]
    cell = 2 if len(INDENT) + 2 * len(months) <= width else 1
    lines.append(INDENT + render_sparkline(words, cell=cell, color=color))
    first, last = _month_label(months[0]), _month_label(months[-1])
    span = cell * len(months)
    if len(months) == 1:
        lines.append(INDENT + first)
    else:
        lines.append(INDENT + first + last.rjust(max(span - len(first), len(last) + 1)))
    busiest = max(range(len(months)), key=lambda i: (words[i], i))
    summary = [
        f"{sum(words):,} words in {_plural(len(months), 'month')}",
        f"busiest {_month_label(months[busiest])} ({words[busiest]:,})",
    ]
    return [*lines, *_joined(summary, width, INDENT)]


def _tags(report: Report, width: int, color: bool) -> list[str]:
    tags = report.tags
    last_used = {tag: day.isoformat() for tag, day in report.tags_last_used.items()}
    top = list(tags)[:TOP_TAGS]
    lines = [_heading("Top tags" if len(tags) > TOP_TAGS else "Tags", width, color)]
    if not top:
        return [*lines, f"{INDENT}no tags yet"]
    count_width = max(len("posts"), *(len(f"{tags[tag]:,}") for tag in top))
    rest = 2 + count_width + 2 + len("2026-11-19")
    gap = "    "
    name_width = min(max(len(tag) for tag in top), 20)
    # Two columns, read top to bottom, when there are enough tags and room for them.
    two = len(top) > 5 and len(INDENT + gap) + 2 * (name_width + rest) <= width
    if not two:
        name_width = max(min(name_width, width - len(INDENT) - rest), 3)

    def row(name: str, count: str, last: str) -> str:
        return f"{_cut(name, name_width):<{name_width}}  {count:>{count_width}}  {last:<10}"

    rows = [row(tag, f"{tags[tag]:,}", last_used.get(tag, DASH)) for tag in top]
    header = row("tag", "posts", "last used")
    if two:
        half = (len(rows) + 1) // 2
        left, right = rows[:half], rows[half:]
        rows = [f"{a}{gap}{b}" for a, b in zip(left, right, strict=False)] + left[len(right) :]
        header = f"{header}{gap}{header}"
    return [*lines, paint(INDENT + header, _DIM, color), *(INDENT + r for r in rows)]


def _writers(report: Report, width: int, color: bool) -> list[str]:
    """One row a writer: posts, this year's, their own current and best streak, last post."""
    unit = report.settings.cadence
    header = ("writer", "posts", "this year", f"{unit} streak", "best", "last post")
    rows = [
        (
            name,
            f"{w.posts:,}",
            f"{w.posts_this_year:,}",
            _length(w.current),
            _length(w.longest),
            _day(w.last_post),
        )
        for name, w in list(report.writers.items())[:TOP_WRITERS]
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    widths[0] = min(widths[0], max(width - len(INDENT) - sum(widths[1:]) - 2 * 5, 6))

    def row(cells: Sequence[str]) -> str:
        first = f"{_cut(cells[0], widths[0]):<{widths[0]}}"
        rest = (cell.rjust(w) for cell, w in zip(cells[1:], widths[1:], strict=True))
        return INDENT + "  ".join([first, *rest])

    lines = [_heading("Writers", width, color), paint(row(header), _DIM, color)]
    lines += [row(r) for r in rows]
    hidden = len(report.writers) - len(rows)
    if hidden:
        lines.append(f"{INDENT}and {_plural(hidden, 'more writer')} (stats --json lists all)")
    return lines


def _footer(report: Report, width: int, color: bool) -> list[str]:
    lines = [paint("─" * width, _DIM, color)]
    lines += [paint(line, _DIM, color) for line in _joined(_where(report), width)]
    return lines


def _where(report: Report) -> list[str]:
    settings = report.settings
    return [
        f"commit {report.head[:10]} on {report.branch}",
        f"timezone {settings.timezone}",
        f"weeks start {settings.week_start.capitalize()}",
        f"today {settings.today.isoformat()}",
    ]


# Compact list -------------------------------------------------------------------------------


def _compact(report: Report, width: int, color: bool) -> list[str]:
    pairs = _compact_pairs(report, color)
    key_width = max(len(key) for key, _ in pairs) + 2
    lines = [paint(_cut(report.site, width), _BOLD, color)]
    for key, values in pairs:
        if key_width + max(len(strip_ansi(value)) for value in values) <= width:
            labels = [f"{key}:", *([""] * (len(values) - 1))]
            lines += [f"{k:<{key_width}}{v}" for k, v in zip(labels, values, strict=True)]
        else:
            # Too narrow for a value beside its key: the values go below it, cut if need be.
            lines.append(_cut(f"{key}:", width))
            room = width - len(INDENT)
            for value in values:
                fits = len(strip_ansi(value)) <= room
                lines.append(INDENT + (value if fits else _cut(strip_ansi(value), room)))
    return lines


def _compact_pairs(report: Report, color: bool) -> list[tuple[str, list[str]]]:
    totals, settings = report.totals, report.settings
    pairs: list[tuple[str, list[str]]] = []
    if report.est is not None:
        pairs.append(("est.", [str(report.est)]))
    pairs += [
        ("posts", [f"{totals.posts:,}"]),
        ("words", [f"{totals.words:,}"]),
        ("tags", [f"{len(report.tags):,}"]),
        ("last post", [_day(totals.last_post)]),
    ]
    for cadence in _cadence_order(report):
        current, best = report.cadences[cadence].current, report.cadences[cadence].longest
        status = paint(_status(current), _STATUS_SGR[current.status], color)
        pairs.append((f"{cadence} streak", [f"{_length(current)}, {status}", *_range(current)]))
        pairs.append((f"best {cadence} streak", [_length(best), *_range(best)]))
    year = report.by_year.get(f"{settings.today.year:04d}")
    this_year = year.posts if year else 0
    pairs.append(("posts this year", [f"{this_year:,}"]))
    top = [f"{tag} {count:,}" for tag, count in list(report.tags.items())[:5]]
    pairs.append(("top tags", top or [DASH]))
    pairs += [
        ("commit", [f"{report.head[:10]} on {report.branch}"]),
        ("timezone", [settings.timezone]),
        ("week start", [settings.week_start.capitalize()]),
        ("today", [settings.today.isoformat()]),
    ]
    return pairs


def _range(streak: Streak) -> list[str]:
    start, end = _span(streak)
    return [] if streak.length == 0 else [f"{start} {EN_DASH} {end}"]
