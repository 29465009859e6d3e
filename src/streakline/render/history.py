"""The history blocks of the stats screen: the calendar, posts and words per year, words per
month.

Where the screen is silent otherwise:

- Posts per year run from the first year with a post or an edit through this year, however
  many: as bars (and the words of each year under its bar) while they fit across the screen,
  else one row a year.
- Words per month show 24 months, named in the title: those up to this month, or, when none
  of them holds a word (a dormant blog), the 24 up to the last month that does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from streakline.render.calendar import render_calendar
from streakline.render.charts import (
    render_sparkline,
    render_words_row,
    render_year_bars,
    render_year_rows,
    years_that_fit,
)
from streakline.render.layout import EN_DASH, INDENT, SEP, heading, joined, month_label, plural

if TYPE_CHECKING:
    from streakline.report import Report

SPARK_MONTHS = 24


def calendar_block(report: Report, width: int, color: bool) -> list[str]:
    calendar = report.calendar
    start, end = calendar.start, calendar.end
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if whole_year and start.year == end.year:
        title = str(start.year)
        rhythm = report.rhythm
        if rhythm is not None and rhythm.dormant and rhythm.last.year == start.year:
            title += f"{SEP}the last year with posts"
    else:
        title = "Last 52 weeks"
    grid = render_calendar(
        calendar,
        week_start=report.settings.week_start,
        today=report.settings.today,
        color=color,
    )
    return [heading(title, width, color), *(INDENT + line for line in grid.splitlines())]


def years_block(report: Report, width: int, color: bool) -> list[str]:
    by_year = report.by_year
    years = list(by_year)
    posts = [by_year[year].posts for year in years]
    words = [by_year[year].words for year in years]
    title = "Posts and words per year"
    if len(years) > 1:
        title += f"{SEP}{years[0]}{EN_DASH}{years[-1]}"
    lines = [heading(title, width, color)]
    if not any(posts):
        return [*lines, f"{INDENT}no posts yet"]
    room = width - len(INDENT)
    if len(years) <= years_that_fit(room):
        chart = render_year_bars(years, posts, color=color).splitlines()
        if any(words):
            # Named at its end where there is room; the title names it anyway.
            row = render_words_row(words)
            chart.append(f"{row}  words" if len(row) + len("  words") <= room else row)
    else:
        chart = render_year_rows(years, posts, words, width=room, color=color)
    return [*lines, *(INDENT + line for line in chart)]


def words_block(report: Report, width: int, color: bool) -> list[str]:
    by_month = report.by_month
    keys = list(by_month)
    written = [i for i, key in enumerate(keys) if by_month[key].words > 0]
    if not written:
        return [heading("Words per month", width, color), f"{INDENT}no words written yet"]
    last = len(keys) - 1
    if written[-1] <= last - SPARK_MONTHS:
        last = written[-1]
    months = keys[max(last - SPARK_MONTHS + 1, 0) : last + 1]
    words = [by_month[month].words for month in months]
    first_label, last_label = month_label(months[0]), month_label(months[-1])
    title = f"Words per month{SEP}{first_label}"
    if len(months) > 1:
        title += f" {EN_DASH} {last_label}"
    lines = [heading(title, width, color)]
    cell = 2 if len(INDENT) + 2 * len(months) <= width else 1
    lines.append(INDENT + render_sparkline(words, cell=cell, color=color))
    span = cell * len(months)
    if len(months) == 1:
        lines.append(INDENT + first_label)
    else:
        gap = max(span - len(first_label), len(last_label) + 1)
        lines.append(INDENT + first_label + last_label.rjust(gap))
    busiest = max(range(len(months)), key=lambda i: (words[i], i))
    summary = [
        f"{sum(words):,} words in {plural(len(months), 'month')}",
        f"busiest {month_label(months[busiest])} ({words[busiest]:,})",
    ]
    return [*lines, *joined(summary, width, INDENT)]
