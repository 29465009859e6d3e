"""`streakline stats` and `streakline demo` end to end: real repos, the real CLI (SPEC 6, 8, 9)."""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from gitrepo import Cli, GitRepo, Run, at, markdown
from terminal import run_streakline

NEW_YORK = timezone(timedelta(hours=-5))
KOLKATA = timezone(timedelta(hours=5, minutes=30))
PLUS_ONE = timezone(timedelta(hours=1))

TODAY = "2026-11-25"  # a Wednesday
CADENCES = ["day", "week", "month", "year"]
SHADES = "░▒▓█"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TAGS = ("[python]", "[git, python]", "[writing]")


# Blogs ------------------------------------------------------------------------------------


def publish(repo: GitRepo, name: str, when: datetime, tags: str = "[python]") -> None:
    """A post with no declared date, so it is published on the day its commit lands."""
    repo.write(f"posts/{name}.md", markdown(f"Some words about {name}.", title=name, tags=tags))
    repo.commit(f"Add {name}", when)


# Publications every other week in 2026, so week and month streaks tell different stories,
# and a few in 2025 for its calendar.
MIXED_POSTS = (
    "2025-01-10", "2025-03-05", "2025-06-20", "2025-09-09",
    "2026-07-06", "2026-07-20", "2026-08-03", "2026-08-17", "2026-09-01",
    "2026-10-05", "2026-10-19", "2026-11-02", "2026-11-16",
)  # fmt: skip
DELETED_POST = ("2026-09-15", "2026-10-10")  # published, then removed


def mixed_blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    """13 published posts, one deleted, one draft, one scheduled and one edit."""
    repo = make_repo()
    actions: list[tuple[str, Callable[[], None]]] = []
    for n, day in enumerate(MIXED_POSTS):
        actions.append((day, lambda n=n: repo.write(f"posts/p{n:02d}.md", post_text(n))))
    added, removed = DELETED_POST
    actions.append((added, lambda: repo.write("posts/gone.md", post_text(99))))
    actions.append((removed, lambda: repo.remove("posts/gone.md")))
    actions.append(("2026-11-18", lambda: repo.write("posts/p11.md", post_text(11) + "More.\n")))
    draft = markdown("Not yet.", title="Draft", draft="true")
    actions.append(("2026-11-20", lambda: repo.write("posts/draft.md", draft)))
    later = markdown("Soon.", title="Later", date="2026-12-20")
    actions.append(("2026-11-21", lambda: repo.write("posts/later.md", later)))
    for day, action in sorted(actions, key=lambda item: item[0]):
        action()
        repo.commit(f"Change on {day}", at(*map(int, day.split("-"))))
    return repo


def post_text(n: int) -> str:
    return markdown(f"Post number {n} has a few words.", title=f"Post {n}", tags=TAGS[n % 3])


HABIT_FIRST = date(2023, 11, 20)  # a Monday
HABIT_LAST = date(2026, 11, 23)  # the Monday of TODAY's week
HABIT_CALENDAR_START = date(2025, 12, 1)  # the Monday 51 weeks before TODAY's week
# Skipped weeks: the week before the first ends with a Sunday post at 23:59 in New York, and
# the week after the second opens with a Monday post at 00:30 in India. Bucketed in UTC
# instead of the author's own day, either post would slide into the gap.
HABIT_GAPS = (date(2026, 2, 2), date(2026, 7, 20))


def habit_day(week: int) -> date:
    """The post day of week `week` since HABIT_FIRST: every weekday in turn."""
    monday = HABIT_FIRST + timedelta(weeks=week)
    return min(monday + timedelta(days=3 * week % 7), HABIT_LAST)


def landing(day: date) -> datetime:
    """Sunday late in New York and Monday just past midnight in India cross the UTC week line."""
    if day.weekday() == 6:
        return datetime.combine(day, time(23, 59), NEW_YORK)
    if day.weekday() == 0:
        return datetime.combine(day, time(0, 30), KOLKATA)
    return datetime.combine(day, time(7 + 2 * day.weekday()), PLUS_ONE)


def habit_days(skip: tuple[date, ...] = ()) -> list[date]:
    weeks = (HABIT_LAST - HABIT_FIRST).days // 7 + 1
    mondays = [HABIT_FIRST + timedelta(weeks=week) for week in range(weeks)]
    return [habit_day(week) for week, monday in enumerate(mondays) if monday not in skip]


def weekly_habit(make_repo: Callable[..., GitRepo], skip: tuple[date, ...] = ()) -> GitRepo:
    repo = make_repo()
    for n, day in enumerate(habit_days(skip)):
        publish(repo, f"week-{n:03d}", landing(day), tags=TAGS[n % 3])
    return repo


# Running the CLI --------------------------------------------------------------------------


def stats(cli: Cli, repo: GitRepo, *args: str, env: dict[str, str | None] | None = None) -> Run:
    return cli.run("stats", "-C", str(repo.path), "--db", cli.db_url, *args, env=env)


def stats_json(cli: Cli, repo: GitRepo, *args: str) -> dict[str, Any]:
    run = stats(cli, repo, "--json", *args)
    assert run.exit_code == 0, run.detail
    data = run.json()
    assert isinstance(data, dict), run.detail
    return data


def screen(cli: Cli, repo: GitRepo, *args: str, columns: int = 80) -> str:
    run = stats(cli, repo, "--color", "never", *args, env={"COLUMNS": str(columns)})
    assert run.exit_code == 0, run.detail
    return run.stdout


def streak_row(text: str, cadence: str) -> tuple[list[str], list[str]]:
    """The words of the `current` and `best` rows of `cadence` in the streak table."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        words = line.split()
        if words[1:3] in ([f"post/{cadence}", "current"], [f"posts/{cadence}", "current"]):
            return words[3:], lines[i + 1].split()[1:]
    raise AssertionError(f"no `{cadence} current` row in:\n{text}")


def calendar_grid(text: str, title: str = "Last 52 weeks") -> list[str]:
    """The seven weekday rows of the calendar block on the screen, one character a day."""
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith(f"{title} ─"))
    rows = lines[top + 2 : top + 9]
    glyphs = "·" + SHADES
    left = min(next(i for i, c in enumerate(row) if c in glyphs) for row in rows)
    cells = [row[left:] for row in rows]
    width = max(len(row) for row in cells)
    return [row.ljust(width) for row in cells]


def column(grid: list[str], week: int) -> str:
    return "".join(row[week] for row in grid)


# 1. The JSON schema of SPEC 8 --------------------------------------------------------------

DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}
DATE_OR_NULL = {"anyOf": [DATE, {"type": "null"}]}
COUNT = {"type": "integer", "minimum": 0}
COUNTS_BY_NAME = {"type": "object", "additionalProperties": COUNT}


def obj(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


STREAK = obj(length=COUNT, unit={"enum": CADENCES}, start=DATE_OR_NULL, end=DATE_OR_NULL)
STATS_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    **obj(
        schema={"type": "integer", "const": 1},
        repo=obj(
            branch={"type": "string", "minLength": 1},
            head={"type": "string", "pattern": "^[0-9a-f]{40}$"},
        ),
        settings=obj(
            cadence={"enum": CADENCES},
            per_period={"type": "integer", "minimum": 1},
            week_start={"enum": ["monday", "sunday"]},
            timezone={"type": "string", "minLength": 1},
            date_source={"enum": ["declared", "landed"]},
            today=DATE,
        ),
        totals=obj(
            posts=COUNT,
            drafts=COUNT,
            scheduled=COUNT,
            words=COUNT,
            edits=COUNT,
            first_post=DATE_OR_NULL,
            last_post=DATE_OR_NULL,
        ),
        est={"type": ["integer", "null"]},
        streaks=obj(
            current=obj(**STREAK["properties"], status={"enum": ["done", "at_risk", "broken"]}),
            longest=STREAK,
        ),
        by_year={
            "type": "object",
            "propertyNames": {"pattern": "^[0-9]{4}$"},
            "additionalProperties": obj(posts=COUNT, edits=COUNT, words=COUNT),
        },
        tags=COUNTS_BY_NAME,
        categories=COUNTS_BY_NAME,
        authors=COUNTS_BY_NAME,
        badges=obj(
            streak={"type": "string", "minLength": 1},
            est={"type": ["string", "null"]},
            footer={"type": "string", "minLength": 1},
        ),
    ),
}

# JSON Schema counts 3.0 as an integer and Python counts True as one; neither is a plain int.
PlainIntValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, instance: type(instance) is int
    ),
)


def schema_errors(data: Any) -> list[str]:
    PlainIntValidator.check_schema(STATS_SCHEMA)
    validator = PlainIntValidator(
        STATS_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return sorted(f"{e.json_path}: {e.message}" for e in validator.iter_errors(data))


@pytest.mark.parametrize(
    "args",
    [[], ["--cadence", "month"], ["--cadence", "day", "--per-period", "2"], ["--include-deleted"]],
)
def test_stats_json_follows_schema_1_on_stdout_only(
    make_repo: Callable[..., GitRepo], cli: Cli, args: list[str]
) -> None:
    repo = mixed_blog(make_repo)

    run = stats(cli, repo, "--json", "--today", TODAY, *args)

    assert run.exit_code == 0, run.detail
    data = json.loads(run.stdout)
    assert schema_errors(data) == [], run.detail
    assert '"schema"' not in run.stderr and "{" not in run.stderr, run.detail
    assert data["repo"] == {"branch": "main", "head": repo.head()}
    assert data["settings"]["today"] == TODAY
    totals = data["totals"]
    posts = len(MIXED_POSTS) + ("--include-deleted" in args)
    assert (totals["posts"], totals["drafts"], totals["scheduled"]) == (posts, 1, 1)
    assert (totals["first_post"], totals["last_post"]) == ("2025-01-10", "2026-11-16")
    assert data["est"] == 2025
    assert data["authors"] == {"Ada": posts}
    assert sum(year["posts"] for year in data["by_year"].values()) == posts


def test_stats_json_of_a_blog_without_posts_follows_schema_1(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/draft.md", markdown("Not yet.", title="Draft", draft="true"))
    repo.commit("A draft", at(2026, 11, 20))

    data = stats_json(cli, repo, "--today", TODAY)

    assert schema_errors(data) == []
    assert data["est"] is None
    assert (data["totals"]["posts"], data["totals"]["drafts"]) == (0, 1)
    assert data["totals"]["first_post"] is None
    current = data["streaks"]["current"]
    assert (current["length"], current["start"], current["status"]) == (0, None, "broken")


# 2. The JSON and the screen tell the same streaks ------------------------------------------


@pytest.mark.parametrize(
    ("today", "cadence", "status", "shown_status"),
    [
        ("2026-11-17", "week", "done", "done"),
        ("2026-11-25", "week", "at_risk", "at risk: 5 days left"),
        ("2026-12-10", "week", "broken", "broken"),
        ("2026-11-25", "month", "done", "done"),
        ("2026-12-10", "month", "at_risk", "at risk: 22 days left"),
        ("2026-11-25", "day", "broken", "broken"),
    ],
)
def test_screen_shows_the_streaks_of_the_json(
    make_repo: Callable[..., GitRepo],
    cli: Cli,
    today: str,
    cadence: str,
    status: str,
    shown_status: str,
) -> None:
    repo = mixed_blog(make_repo)
    args = ["--today", today, "--cadence", cadence]

    streaks = stats_json(cli, repo, *args)["streaks"]
    text = screen(cli, repo, *args)

    current, longest = streaks["current"], streaks["longest"]
    assert current["status"] == status
    assert current["unit"] == longest["unit"] == cadence
    assert longest["length"] >= 1
    shown_current, shown_best = streak_row(text, cadence)
    for words, streak in ((shown_current, current), (shown_best, longest)):
        length, unit, start, end = words[:4]
        assert int(length.replace(",", "")) == streak["length"], text
        assert unit in (cadence, f"{cadence}s"), text
        assert [start, end] == [streak["start"] or "—", streak["end"] or "—"], text
    assert " ".join(shown_current[4:]) == shown_status, text


# 3. A three-year weekly habit ---------------------------------------------------------------


def test_three_years_of_weekly_posts_earn_the_3y_badge(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = weekly_habit(make_repo)

    data = stats_json(cli, repo, "--today", TODAY)

    assert data["badges"] == {
        "streak": "3y+ streak",
        "est": "est. 2023",
        "footer": "est. 2023 ● 3y+ streak",
    }
    assert data["est"] == 2023
    weeks = len(habit_days())
    assert weeks == 158
    current = data["streaks"]["current"]
    assert [current[key] for key in ("length", "unit", "start", "end", "status")] == [
        weeks,
        "week",
        "2023-11-20",
        "2026-11-29",
        "done",
    ]
    assert data["streaks"]["longest"]["length"] == weeks
    assert (data["totals"]["first_post"], data["totals"]["last_post"]) == (
        "2023-11-20",
        "2026-11-23",
    )


def test_skipped_weeks_are_empty_calendar_columns_and_restart_the_streak(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = weekly_habit(make_repo, skip=HABIT_GAPS)

    data = stats_json(cli, repo, "--today", TODAY)
    text = screen(cli, repo, "--today", TODAY)

    grid = calendar_grid(text)
    assert len(grid[0]) == 52, text
    gaps = {(gap - HABIT_CALENDAR_START).days // 7 for gap in HABIT_GAPS}
    assert gaps == {9, 33}
    empty = {week for week in range(52) if column(grid, week) == "·" * 7}
    assert empty == gaps, text
    # Every other week shows its one post on the author's own weekday.
    for day in habit_days(HABIT_GAPS):
        if day >= HABIT_CALENDAR_START:
            week = (day - HABIT_CALENDAR_START).days // 7
            shaded = [row for row, cell in enumerate(column(grid, week)) if cell in SHADES]
            assert shaded == [day.weekday()], f"{day}:\n{text}"

    after_last_gap = (HABIT_GAPS[-1] + timedelta(weeks=1)).isoformat()
    current = data["streaks"]["current"]
    assert (current["start"], current["end"], current["status"]) == (
        after_last_gap,
        "2026-11-29",
        "done",
    )
    assert current["length"] == 18
    assert data["badges"]["streak"] == "3mo streak"
    assert streak_row(text, "week")[0][:4] == ["18", "weeks", after_last_gap, "2026-11-29"]


# 4. Colour -----------------------------------------------------------------------------------


@pytest.fixture
def blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    return mixed_blog(make_repo)


# The current week streak of the mixed blog, at risk: yellow when colour is on.
AT_RISK = "  1 post/week   current    1 week  2026-11-16  2026-11-22  "
AT_RISK_PLAIN = AT_RISK + "at risk: 5 days left"
AT_RISK_YELLOW = AT_RISK + "\x1b[33mat risk: 5 days left\x1b[0m"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    ("stdout", "args", "env", "coloured"),
    [
        ("terminal", ["--color", "auto"], {}, True),
        ("terminal", [], {}, True),
        ("pipe", ["--color", "auto"], {}, False),
        ("terminal", ["--color", "auto"], {"NO_COLOR": "1"}, False),
        # An empty NO_COLOR is as good as none (no-color.org).
        ("terminal", ["--color", "auto"], {"NO_COLOR": ""}, True),
        ("pipe", ["--color", "always"], {}, True),
        # Asking on the command line beats the environment.
        ("pipe", ["--color", "always"], {"NO_COLOR": "1"}, True),
        ("terminal", ["--color", "never"], {}, False),
    ],
    ids=[
        "auto-terminal",
        "default-terminal",
        "auto-pipe",
        "no-color-terminal",
        "empty-no-color-terminal",
        "always-pipe",
        "always-beats-no-color",
        "never-terminal",
    ],
)
def test_colour_follows_the_option_the_terminal_and_no_color(
    blog: GitRepo,
    cli: Cli,
    stdout: str,
    args: list[str],
    env: dict[str, str],
    coloured: bool,
) -> None:
    out = run_streakline(
        *["stats", "-C", str(blog.path), "--db", cli.db_url, "--today", TODAY, *args],
        env={"COLUMNS": "80", **env},
        stdout_tty=stdout == "terminal",
    )
    assert out.exit_code == 0, out.detail
    text = out.stdout.decode()

    if coloured:
        assert AT_RISK_YELLOW in text.splitlines(), text
    else:
        assert "\x1b" not in text
        assert AT_RISK_PLAIN in text.splitlines(), text
    # Colour only repeats what the plain screen says.
    assert ANSI.sub("", text) == screen(cli, blog, "--today", TODAY)


# 5. Options ----------------------------------------------------------------------------------


def test_cadence_month_counts_months(blog: GitRepo, cli: Cli) -> None:
    weekly = stats_json(cli, blog, "--today", TODAY)
    monthly = stats_json(cli, blog, "--today", TODAY, "--cadence", "month")
    text = screen(cli, blog, "--today", TODAY, "--cadence", "month")

    assert weekly["settings"]["cadence"] == "week"
    assert (weekly["streaks"]["current"]["length"], weekly["streaks"]["current"]["status"]) == (
        1,
        "at_risk",
    )
    assert monthly["settings"]["cadence"] == "month"
    current = monthly["streaks"]["current"]
    assert [current[key] for key in ("length", "unit", "start", "end", "status")] == [
        5,
        "month",
        "2026-07-01",
        "2026-11-30",
        "done",
    ]
    streak_lines = [line.split() for line in text.splitlines() if "current" in line.split()]
    assert [words[:2] for words in streak_lines] == [
        ["1", "post/month"],
        ["1", "post/week"],
        ["1", "post/year"],
    ], text


def test_per_period_needs_that_many_posts(blog: GitRepo, cli: Cli) -> None:
    one = stats_json(cli, blog, "--today", TODAY, "--cadence", "month")
    two = stats_json(cli, blog, "--today", TODAY, "--cadence", "month", "--per-period", "2")
    text = screen(cli, blog, "--today", TODAY, "--cadence", "month", "--per-period", "2")

    assert (one["settings"]["per_period"], two["settings"]["per_period"]) == (1, 2)
    assert one["streaks"]["current"]["length"] == 5
    # September 2026 holds a single post: the run of two-post months begins in October.
    current = two["streaks"]["current"]
    assert (current["length"], current["start"], current["end"]) == (2, "2026-10-01", "2026-11-30")
    # Each row says what its period needs: two posts a month, one a week or a year.
    streak_lines = [line.split() for line in text.splitlines() if "current" in line.split()]
    assert [words[:2] for words in streak_lines] == [
        ["2", "posts/month"],
        ["1", "post/week"],
        ["1", "post/year"],
    ], text
    assert streak_row(text, "month")[0][:4] == ["2", "months", "2026-10-01", "2026-11-30"]
    assert "habit strength 72%: recent months with 2 posts, the latest counting most" in text


def test_year_shows_that_years_calendar(blog: GitRepo, cli: Cli) -> None:
    data = stats_json(cli, blog, "--today", TODAY, "--year", "2025")
    plain = stats_json(cli, blog, "--today", TODAY)
    text = screen(cli, blog, "--today", TODAY, "--year", "2025")

    assert data["streaks"] == plain["streaks"]
    assert "Last 52 weeks" not in text
    grid = calendar_grid(text, title="2025")
    assert len(grid[0]) == 53, text  # 2025 runs from a Wednesday to a Wednesday
    assert column(grid, 0) == "  ·····", text
    assert column(grid, 52) == "···    ", text
    shaded = {
        (week, row)
        for week in range(53)
        for row, cell in enumerate(column(grid, week))
        if cell in SHADES
    }
    first_monday = date(2024, 12, 30)
    posts_2025 = [date.fromisoformat(day) for day in MIXED_POSTS if day.startswith("2025")]
    assert shaded == {((day - first_monday).days // 7, day.weekday()) for day in posts_2025}


def test_deleted_post_counts_only_with_include_deleted(blog: GitRepo, cli: Cli) -> None:
    args = ["--today", TODAY, "--cadence", "month", "--per-period", "2"]
    without = stats_json(cli, blog, *args)
    with_deleted = stats_json(cli, blog, *args, "--include-deleted")

    assert with_deleted["totals"]["posts"] == without["totals"]["posts"] + 1
    # The deleted post is September's second: with it, July to November all have two.
    assert without["streaks"]["current"]["start"] == "2026-10-01"
    assert with_deleted["streaks"]["current"]["start"] == "2026-07-01"
    assert with_deleted["streaks"]["current"]["length"] == 5
    assert with_deleted["by_year"]["2026"]["posts"] == without["by_year"]["2026"]["posts"] + 1


def test_today_comes_from_streakline_today(blog: GitRepo, cli: Cli) -> None:
    from_env = stats(cli, blog, "--json", env={"STREAKLINE_TODAY": "2026-11-17"})
    overridden = stats(
        cli, blog, "--json", "--today", TODAY, env={"STREAKLINE_TODAY": "2026-11-17"}
    )
    from_option = stats_json(cli, blog, "--today", "2026-11-17")

    assert from_env.exit_code == overridden.exit_code == 0, from_env.detail + overridden.detail
    assert from_env.json() == from_option
    assert from_env.json()["streaks"]["current"]["status"] == "done"
    assert overridden.json()["settings"]["today"] == TODAY


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--today", "2026-02-30"], "--today"),
        (["--today", "yesterday"], "--today"),
        (["--today", "25/11/2026"], "--today"),
        (["--cadence", "fortnight"], "--cadence"),
        (["--cadence", ""], "--cadence"),
        (["--per-period", "0"], "--per-period"),
        (["--year", "last"], "--year"),
        (["--color", "sometimes"], "--color"),
    ],
)
def test_bad_option_is_a_usage_error(blog: GitRepo, cli: Cli, args: list[str], option: str) -> None:
    run = stats(cli, blog, "--json", *args)

    assert run.exit_code == 2, run.detail
    assert run.stdout == "", run.detail
    assert option in run.stderr, run.detail
    assert "Traceback" not in run.detail, run.detail


# 6. Narrow terminals -------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [50, 59])
def test_narrow_terminal_gets_the_compact_list(blog: GitRepo, cli: Cli, columns: int) -> None:
    data = stats_json(cli, blog, "--today", TODAY)
    text = screen(cli, blog, "--today", TODAY, columns=columns)

    lines = text.splitlines()
    assert all(len(line) <= columns for line in lines), text
    assert not [line for line in lines if any(glyph in line for glyph in SHADES)], text
    assert not [line for line in lines if "··" in line], text
    assert "Last 52 weeks" not in text
    current = data["streaks"]["current"]
    row = next(line for line in lines if line.startswith("week streak:"))
    length = str(current["length"])
    assert row.split(":", 1)[1].split() == [length, "week,", "at", "risk:", "5", "days", "left"]
    assert f"{current['start']} \N{EN DASH} {current['end']}" in text


def test_sixty_columns_get_the_full_screen(blog: GitRepo, cli: Cli) -> None:
    text = screen(cli, blog, "--today", TODAY, columns=60)

    assert all(len(line) <= 60 for line in text.splitlines()), text
    assert len(calendar_grid(text)) == 7


# 7. The demo ---------------------------------------------------------------------------------


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tempfile.gettempdir() of the test's own, where no other run's demo can turn up."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert tempfile.gettempdir() == str(folder)
    return folder


def demo_folders() -> set[str]:
    return {entry.name for entry in Path(tempfile.gettempdir()).glob("streakline-demo-*")}


def test_demo_shows_a_sample_blog_and_leaves_nothing_behind(private_tmp: Path, cli: Cli) -> None:
    before = demo_folders()
    run = cli.run("demo", "--color", "never", env={"COLUMNS": "80"})

    assert run.exit_code == 0, run.detail
    assert demo_folders() == before
    text = run.stdout
    assert "\x1b" not in text
    assert streak_row(text, "week")[0][1] in ("week", "weeks")
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if line.startswith(("Tags ─", "Top tags ─")))
    table = " ".join(lines[top + 1 : lines.index("", top)]).split()
    assert {"python", "git", "writing", "vim", "sqlite", "travel"} <= set(table), text
    last = text.rstrip("\n").splitlines()[-2:]
    assert "try yours" in last[0], text
    # Runnable as written: the path of this streakline, which is not on PATH here.
    assert last[1].split()[-3:] == ["stats", "-C", "path/to/your/blog"], text
    assert Path(last[1].split()[0]).name == "streakline", text


def test_demo_output_is_the_same_every_run(private_tmp: Path, cli: Cli) -> None:
    first = cli.run("demo", "--color", "never", env={"COLUMNS": "80"})
    second = cli.run("demo", "--color", "never", env={"COLUMNS": "80"})

    assert first.exit_code == second.exit_code == 0, first.detail + second.detail
    assert first.stdout == second.stdout


def test_demo_cleans_up_when_it_fails(
    private_tmp: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_git = tmp_path / "empty-path"
    no_git.mkdir()
    monkeypatch.setenv("PATH", str(no_git))

    run = cli.run("demo", "--color", "never")

    assert run.exit_code == 1, run.detail
    assert run.errors and "git" in run.errors[0], run.detail
    assert demo_folders() == set()


def test_demo_into_a_folder_keeps_the_blog(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "sample"

    run = cli.run("demo", str(target), "--color", "never", env={"COLUMNS": "80"})

    assert run.exit_code == 0, run.detail
    assert str(target) in run.stdout
    posts_run = cli.run("posts", "-C", str(target), "--json")
    assert posts_run.exit_code == 0, posts_run.detail
    posts = posts_run.json()
    published = [post for post in posts if post["status"] == "published"]
    assert published
    assert all((target / post["path"]).is_file() for post in posts)
    header = run.stdout.splitlines()[0]
    assert f" · {len(published)} posts · " in header, header


def test_demo_refuses_a_folder_that_is_not_empty(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.md").write_text("mine\n")

    run = cli.run("demo", str(target), "--color", "never")

    assert run.exit_code == 1, run.detail
    assert len(run.errors) == 1 and str(target) in run.errors[0], run.detail
    assert sorted(p.name for p in target.iterdir()) == ["notes.md"]


# 8. Reproducible output ----------------------------------------------------------------------


def test_same_day_same_bytes(blog: GitRepo, cli: Cli, tmp_path: Path) -> None:
    first = screen(cli, blog, "--today", TODAY)
    again = screen(cli, blog, "--today", TODAY)  # from the stored scan
    rescanned = Cli(f"sqlite:///{tmp_path}/fresh.sqlite3")
    fresh = screen(rescanned, blog, "--today", TODAY)

    assert first.encode() == again.encode() == fresh.encode()
    as_json = stats(cli, blog, "--json", "--today", TODAY).stdout
    assert as_json == stats(rescanned, blog, "--json", "--today", TODAY).stdout
