"""Golden `stats` screens of five kinds of blog, at 80 and 132 columns, through the CLI.

Each blog is a real repo built in tmp_path with fixed dates (tests/blogs.py), shown as of
`--today`. The golden files are the whole screen; the asserts below say what each must
show whatever else changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

import blogs
from gitrepo import Cli, GitRepo
from goldens import check_golden
from streakline.render.cells import cell_width
from streakline.render.charts import strip_ansi

WIDTHS = (80, 132)
DASH = "\N{EN DASH}"


def screens(
    cli: Cli, repo: GitRepo, today: str, request: pytest.FixtureRequest, name: str
) -> dict[int, list[str]]:
    """The screen at each width, checked against its golden file, as lines."""
    shown = {}
    for width in WIDTHS:
        args = ["stats", "-C", str(repo.path), "--db", cli.db_url, "--today", today]
        run = cli.ok(*args, "--color", "never", env={"COLUMNS": str(width)})
        check_golden(request, f"screen_{name}_{width}.txt", run.stdout)
        lines = run.stdout.splitlines()
        assert max(cell_width(line) for line in lines) <= width, run.stdout
        assert all(line == line.rstrip() for line in lines), run.stdout
        coloured = cli.ok(*args, "--color", "always", env={"COLUMNS": str(width)}).stdout
        assert strip_ansi(coloured) == run.stdout
        if name in ("since_2007", "cjk"):
            # The terminal test (test_screen_terminal.py) compares tmux's screen to these.
            check_golden(request, f"screen_{name}_{width}.ansi", coloured)
        shown[width] = lines
    return shown


def block(lines: list[str], title: str) -> list[str]:
    """The lines of the block whose heading starts with `title`, up to the blank line."""
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start, len(lines)) if not lines[i]), len(lines))
    return lines[start + 1 : end]


def test_a_blog_established_in_2007_shows_all_its_years(
    make_repo: Callable[..., GitRepo], cli: Cli, request: pytest.FixtureRequest
) -> None:
    repo = make_repo("shed", config=None)
    shown = screens(cli, repo, blogs.since_2007(repo), request, "since_2007")

    years = {year: n for year, n in blogs.SINCE_2007_YEARS.items()} | {2026: 13}
    for lines in shown.values():
        assert lines[0] == "Notes from the Shed · est. 2007 · 96 posts · 13,360 words · 7 tags"
        assert block(lines, "Goal 2026") == [
            "  13 / 52 posts this year · on pace for 14 · 7.4 a week to make it"
        ]
        assert lines[-1] == "est. 2007 ● 12w streak"
    data = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--json",
                  "--today", blogs.TODAY).json()  # fmt: skip
    assert (data["site"], data["title"]) == ("shed", "Notes from the Shed")
    # 13 posts by day 329; 39 to go in the 37 days left with today.
    assert data["goal"] == {
        "year": 2026,
        "posts": {
            "target": 52,
            "done": 13,
            "on_pace_for": 14,
            "days_left": 36,
            "needed_per_week": 7.38,
            "reached": False,
        },
    }
    # At 80 columns, one row a year: every year from 2007, with its posts.
    rows = block(shown[80], f"Posts and words per year · 2007{DASH}2026")
    assert rows[0].split() == ["year", "posts", "words"]
    assert [(int(r.split()[0]), int(r.split()[1])) for r in rows[1:]] == list(years.items())
    # At 132, a bar a year, with the words of each year under it.
    bars = block(shown[132], f"Posts and words per year · 2007{DASH}2026")
    assert bars[-2].split() == [str(year) for year in years]
    assert bars[-1].split()[-1] == "words"
    assert len(bars[-1].split()) == len(years) + 1


def test_a_dormant_blog_tells_its_story(
    make_repo: Callable[..., GitRepo], cli: Cli, request: pytest.FixtureRequest
) -> None:
    repo = make_repo("lab", config=None)
    shown = screens(cli, repo, blogs.dormant(repo), request, "dormant")

    for lines in shown.values():
        assert lines[0] == "Ada's Lab Book · est. 2011 · 31 posts · 4,245 words · 3 tags"
        assert block(lines, "Dormant since 2016") == [
            "  last post       2016-04-05, 10 years 8 months ago",
            f"  last streak     14 weeks, 2016-01-04 {DASH} 2016-04-10, ended 10 years 8 months"
            " ago",
            f"  longest streak  14 weeks, 2016-01-04 {DASH} 2016-04-10",
            f"  longest gap     17 months, 2013-05-14 {DASH} 2014-10-02",
            f"  rhythm          a post every 8 weeks, 2011-06-07 {DASH} 2016-04-05",
        ]
        assert not [line for line in lines if "broken" in line or "current" in line]
        assert any(line.startswith("2016 · the last year with posts ─") for line in lines)
        assert any(
            line.startswith(f"Words per month · May 2014 {DASH} Apr 2016 ─") for line in lines
        )
        assert lines[-1] == "est. 2011 ● no streak"


def test_a_til_repo_shows_its_categories(
    make_repo: Callable[..., GitRepo], cli: Cli, request: pytest.FixtureRequest
) -> None:
    repo = make_repo("til", config=None)
    shown = screens(cli, repo, blogs.til(repo), request, "til")

    for lines in shown.values():
        assert lines[0] == "til · est. 2025 · 14 posts · 2,027 words · 4 categories"
        assert block(lines, "Categories") == [
            "  category  posts  last used",
            "  python        5  2026-08-04",
            "  git           4  2026-10-20",
            "  sql           3  2026-11-10",
            "  bash          2  2026-05-26",
        ]
        assert not [line for line in lines if line.startswith(("Tags", "Top tags"))]


def test_cjk_names_stay_in_line(
    make_repo: Callable[..., GitRepo], cli: Cli, request: pytest.FixtureRequest
) -> None:
    repo = make_repo("nikki", config=None)
    shown = screens(cli, repo, blogs.cjk(repo), request, "cjk")

    for lines in shown.values():
        assert lines[0] == "日本語のブログ · est. 2026 · 7 posts · 686 words · 7 tags"
        tags = block(lines, "Tags")
        # Counts and dates line up in the same cells on every row, CJK names or not.
        header = tags[0]
        dates = {cell_width(header[: header.index("last used")])}
        dates.add(cell_width(header[: header.rindex("last used")]))
        for row in tags[1:]:
            assert {cell_width(row[: m.start()]) for m in re.finditer("2026-", row)} <= dates
        assert tags[1] == "  日記         4  2026-11-03    旅行         1  2026-07-07"


def test_an_empty_repo(
    make_repo: Callable[..., GitRepo], cli: Cli, request: pytest.FixtureRequest
) -> None:
    repo = make_repo("fresh", config=None)
    shown = screens(cli, repo, blogs.empty(repo), request, "empty")

    assert shown[80] == [
        "fresh · no posts yet",
        "",
        "No posts yet " + "─" * 67,
        "  Nothing is published on main yet. `streakline posts` lists the files counted",
        "  as posts, and `streakline init` shows how they were chosen.",
        "",
        "─" * 80,
        "main has no commits yet · timezone event · weeks start Monday · today 2026-11-25",
        "no streak",
    ]
