from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from streakline.render.calendar import GLYPHS, LABEL_WIDTH, LEGEND, level, render_calendar
from streakline.render.charts import render_sparkline, render_year_bars, strip_ansi
from streakline.render.screen import render_stats_screen
from streakline.report import Calendar
from streakline.rules import DailyActivity, daily_activity
from streakline.stats import PostRecord, compute_report
from streakline.streaks import StreakRules, WeekStart

TODAY = date(2026, 11, 25)  # a Wednesday: this week's post is still to come
FIRST_WEEK = date(2024, 1, 1)  # a Monday
# Two gaps in an otherwise weekly habit: a fortnight in February, a week in August.
GAP_WEEKS = (date(2026, 2, 9), date(2026, 2, 16), date(2026, 8, 10))
TOPICS = ("python", "git", "writing")
EXTRA_TAGS = ("vim", "til", "sqlite", "blogging", "typing", "terminal", "testing", "css", "rust")
# Edits made on the day of publication, one entry a post in turn: days of 1, 2, 4 and 6
# changes show every shade of the calendar.
EDITS_ON_THE_DAY = (0, 0, 1, 0, 0, 3, 0, 0, 0, 1, 0, 5, 0)


def published(
    path: str,
    title: str,
    day: date,
    words: int,
    tags: tuple[str, ...],
    categories: tuple[str, ...] = (),
) -> PostRecord:
    """A published post by Ada, dated by its front matter."""
    return PostRecord(
        path=path,
        title=title,
        status="published",
        published=day,
        date_source="declared",
        tags=tags,
        categories=categories,
        words=words,
        edits=0,
        author="Ada",
        first_commit="a" * 40,
        last_commit="b" * 40,
    )


def habit() -> tuple[list[PostRecord], DailyActivity]:
    """One post every week since 2024 but in the gap weeks and the week of `today`."""
    posts: list[PostRecord] = []
    activity: list[tuple[date, str, int]] = []
    week, n = FIRST_WEEK, 0
    while week + timedelta(days=6) < TODAY:
        if week not in GAP_WEEKS:
            day = week + timedelta(days=(n * n + n // 3) % 7)
            path = f"content/posts/{day.isoformat()}.md"
            words = 300 + (n * 137) % 900
            tags = (TOPICS[n % 3], EXTRA_TAGS[n % len(EXTRA_TAGS)])
            posts.append(published(path, f"Post {n}", day, words, tags))
            activity.append((day, "published", words))
            for _ in range(EDITS_ON_THE_DAY[n % len(EDITS_ON_THE_DAY)]):
                activity.append((day, "edited", 25))
            n += 1
        week += timedelta(days=7)
    return posts, daily_activity(activity)


def habit_report(
    rules: StreakRules = StreakRules(),  # noqa: B008 - frozen, so sharing it is safe
    calendar_year: int | None = None,
) -> dict[str, Any]:
    posts, activity = habit()
    return compute_report(
        posts,
        activity,
        rules,
        TODAY,
        timezone_name="Europe/Amsterdam",
        date_source="declared",
        branch="main",
        head="1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
        site="myblog",
        calendar_year=calendar_year,
    )


@pytest.mark.parametrize(("width", "name"), [(80, "stats_80.txt"), (50, "stats_50.txt")])
def test_screen_matches_golden(golden: Callable[[str, str], None], width: int, name: str) -> None:
    golden(name, render_stats_screen(habit_report(), width=width))


def test_screen_says_what_a_blogger_looks_for() -> None:
    screen = render_stats_screen(habit_report())
    assert screen.startswith("myblog · est. 2024 · 148 posts · ")
    assert "14 weeks  2026-08-17  2026-11-22  at risk: 5 days left" in screen
    assert "broken" in screen
    assert "done" in screen
    assert "      posts and edits a day: · 0  ░ 1  ▒ 2  ▓ 3-4  █ 5+\n" in screen
    assert "  habit strength 98%: recent weeks with a post, the latest counting most\n" in screen
    assert "commit 1a2b3c4d5e on main" in screen
    assert "today 2026-11-25" in screen


@pytest.mark.parametrize("width", [80, 50])
def test_colour_only_when_asked(width: int) -> None:
    report = habit_report()
    plain = render_stats_screen(report, width=width)
    coloured = render_stats_screen(report, width=width, color=True)
    assert "\x1b" not in plain
    assert "\x1b[" in coloured
    assert strip_ansi(coloured) == plain


@pytest.mark.parametrize("width", [12, 30, 40, 59, 60, 61, 66, 73, 79, 80, 81, 100, 132])
@pytest.mark.parametrize("color", [False, True])
def test_no_line_is_wider_than_the_screen(width: int, color: bool) -> None:
    screen = render_stats_screen(habit_report(), width=width, color=color)
    assert screen.endswith("\n")
    for line in screen.splitlines():
        shown = strip_ansi(line)
        assert len(shown) <= width, line
        assert shown == shown.rstrip(), f"trailing blanks: {line!r}"


def test_same_report_same_bytes() -> None:
    report = habit_report()
    first = render_stats_screen(report, color=True)
    # plotext keeps a global figure: drawing another chart in between must not leak into it.
    render_stats_screen(habit_report(StreakRules(cadence="month")), width=120, color=True)
    assert render_stats_screen(report, color=True) == first


def test_an_empty_blog_renders() -> None:
    report = compute_report(
        [],
        DailyActivity({}, {}),
        StreakRules(),
        TODAY,
        timezone_name="event",
        date_source="declared",
        branch="HEAD",
        head="0" * 40,
        site="new",
    )
    screen = render_stats_screen(report)
    assert screen.splitlines()[:5] == [
        "new · no posts yet",
        "",
        "No posts yet " + "─" * 67,
        "  Nothing is published on HEAD yet. `streakline posts` lists the files counted",
        "  as posts, and `streakline init` shows how they were chosen.",
    ]
    assert screen.splitlines()[-1] == "no streak"
    assert "broken" not in screen


def grid(text: str) -> list[str]:
    """The seven weekday rows of a rendered calendar, without their labels, padded."""
    rows = text.splitlines()[1:8]
    width = max(len(row) for row in rows)
    return [row.ljust(width)[LABEL_WIDTH:] for row in rows]


def column(rows: list[str], index: int) -> str:
    return "".join(row[index] for row in rows)


def test_calendar_shows_the_gaps_where_they_are() -> None:
    report = habit_report()
    start = report.calendar.start
    assert start == date(2025, 12, 1)  # the Monday 51 weeks before today's week
    rows = grid(render_calendar(report.calendar, week_start="monday", today=TODAY))
    assert len(rows[0]) == 52
    gaps = {(gap - start).days // 7 for gap in GAP_WEEKS}
    assert gaps == {10, 11, 36}
    for week in range(51):  # the last week is today's, still without its post
        if week in gaps:
            assert column(rows, week) == "·" * 7, f"week {week}"
        else:
            assert column(rows, week).strip("·") != "", f"week {week} has no post"
    # Monday to Wednesday of this week have passed without a post; the rest is to come.
    assert column(rows, 51) == "···    "


def test_calendar_months_and_weekdays() -> None:
    report = habit_report(StreakRules(week_start="sunday"))
    lines = render_calendar(report.calendar, week_start="sunday", today=TODAY).splitlines()
    weekdays = [line[:LABEL_WIDTH].strip() for line in lines[1:8]]
    assert weekdays == ["", "Mon", "", "Wed", "", "Fri", ""]  # rows run Sunday to Saturday
    assert " ".join(lines[0].split()) == "Dec Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov"
    assert lines[-1] == " " * LABEL_WIDTH + LEGEND


def shown(rows: list[str], index: int) -> str:
    """Which days of a week column are drawn (`#`) and which are left blank."""
    return "".join(" " if cell == " " else "#" for cell in column(rows, index))


@pytest.mark.parametrize(
    ("week_start", "first_week", "last_week"),
    [
        # 2025 runs from a Wednesday to a Wednesday.
        ("monday", "  #####", "###    "),
        ("sunday", "   ####", "####   "),
    ],
)
def test_calendar_for_a_year(week_start: WeekStart, first_week: str, last_week: str) -> None:
    report = habit_report(StreakRules(week_start=week_start), calendar_year=2025)
    assert (report.calendar.start, report.calendar.end) == (date(2025, 1, 1), date(2025, 12, 31))
    text = render_calendar(report.calendar, week_start=week_start, today=TODAY)
    rows = grid(text)
    assert len(rows[0]) == 53
    # The days of 2024 and 2026 in the first and last weeks are padding, not empty days.
    assert shown(rows, 0) == first_week
    assert shown(rows, 52) == last_week
    assert all(shown(rows, week) == "#" * 7 for week in range(1, 52))
    labels = text.splitlines()[0]
    assert labels[LABEL_WIDTH:].startswith("Jan")
    assert labels.split()[-1] == "Dec"
    assert "\n2025 ─" in render_stats_screen(report)


@pytest.mark.parametrize(
    ("count", "glyph"), [(0, "·"), (1, "░"), (2, "▒"), (3, "▓"), (4, "▓"), (5, "█"), (40, "█")]
)
def test_calendar_shades(count: int, glyph: str) -> None:
    assert GLYPHS[level(count)] == glyph


def test_calendar_leaves_the_future_blank() -> None:
    calendar = Calendar(date(2026, 11, 23), date(2026, 11, 29), {date(2026, 11, 24): 1})
    rows = grid(render_calendar(calendar, today=TODAY))
    assert column(rows, 0) == "·░·    "
    assert column(grid(render_calendar(calendar)), 0) == "·░·····"


@pytest.mark.parametrize(
    ("values", "cell", "expected"),
    [
        ([0, 1, 4, 8], 1, "·▁▄█"),
        ([1, 1000], 1, "▁█"),
        ([5], 2, "██"),
        ([0, 0], 2, "····"),
        ([], 1, ""),
    ],
)
def test_sparkline(values: list[int], cell: int, expected: str) -> None:
    assert render_sparkline(values, cell=cell) == expected


def test_year_bars_print_each_value_above_its_year() -> None:
    chart = render_year_bars(["2024", "2025", "2026"], [52, 0, 7])

    # A zero gets no bar, only its value on the baseline.
    assert chart.splitlines() == [
        "  52",
        " █████",
        " █████",
        " █████",
        " █████         7",
        " █████       █████",
        " █████   0   █████",
        "───┬─────┬─────┬───",
        " 2024  2025  2026",
    ]


def test_year_bars_in_colour_are_the_same_chart_in_green() -> None:
    plain = render_year_bars(["2024", "2025", "2026"], [52, 0, 7])
    coloured = render_year_bars(["2024", "2025", "2026"], [52, 0, 7], color=True)

    assert strip_ansi(coloured) == plain
    assert coloured.splitlines()[1] == " \x1b[0m\x1b[38;5;2m█████\x1b[0m"


def test_year_bars_need_a_value() -> None:
    with pytest.raises(ValueError, match="above zero"):
        render_year_bars(["2026"], [0])


def long_history_report(first: int = 2001) -> Any:
    """A post each spring from 2001, and 123,456 words in 2013: 26 years, long numbers."""
    posts, activity = [], []
    for year in range(first, 2027):
        day = date(year, 4, 2)
        words = 123_456 if year == 2013 else 800
        path = f"posts/{year}.md"
        posts.append(published(path, f"Spring {year}", day, words, ("spring",), ("seasons",)))
        activity.append((day, "published", words))
    return compute_report(
        posts,
        daily_activity(activity),
        StreakRules(cadence="year"),
        TODAY,
        timezone_name="event",
        date_source="declared",
        branch="main",
        head="1" * 40,
        site="springs",
    )


@pytest.mark.parametrize("width", [60, 61, 79, 80, 100, 131, 132])
def test_a_long_history_fits_at_any_width(width: int) -> None:
    screen = render_stats_screen(long_history_report(), width=width, color=True)

    lines = [strip_ansi(line) for line in screen.splitlines()]
    assert max(len(line) for line in lines) <= width
    top = next(i for i, line in enumerate(lines) if line.startswith("Posts and words"))
    years = lines[top + 1 :]
    # 26 years do not fit as bars in 132 columns: one row a year, every one of them.
    assert years[0].split() == ["year", "posts", "words"]
    assert [row.split()[0] for row in years[1:27]] == [str(y) for y in range(2001, 2027)]
    assert years[13].split()[-1] == "123,456"
    assert lines[-1] == "est. 2001 ● 25y+ streak"


@pytest.mark.parametrize("width", [99, 100, 103, 104, 132])
def test_bars_and_their_words_fit(width: int) -> None:
    """16 years fit as bars from 99 columns; the words row is named only where it fits."""
    screen = render_stats_screen(long_history_report(2011), width=width)

    lines = screen.splitlines()
    assert max(len(line) for line in lines) <= width
    top = next(i for i, line in enumerate(lines) if line.startswith("Posts and words"))
    labels, words = lines[top + 9], lines[top + 10]
    assert labels.split() == [str(year) for year in range(2011, 2027)]
    assert words.split()[:4] == ["800", "800", "123k", "800"]
    assert words.endswith("  words") == (width >= 104)
