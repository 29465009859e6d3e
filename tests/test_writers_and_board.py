"""SPEC 7: many writers and many repos in one database; `stats --author` and `board`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gitrepo import Cli, GitRepo, at, markdown, user_error

TODAY = "2026-11-18"  # a Wednesday
ADA = "Ada <ada@example.org>"
BO = "Bo <bo@example.org>"


def team_blog(repo: GitRepo) -> None:
    """Three writers: Ada and Bo commit their own posts; Cy's is committed by Ada."""
    posts = [
        ("cy.md", "2026-01-05", ADA, {"author": "Cy Twombly"}),
        ("bo-1.md", "2026-10-05", "bo <bo@example.org>", {}),  # Bo's old spelling
        ("ada-1.md", "2026-11-02", ADA, {}),
        ("ada-2.md", "2026-11-09", ADA, {}),
        ("bo-2.md", "2026-11-10", BO, {}),
        ("ada-3.md", "2026-11-16", ADA, {}),
    ]
    for name, day, author, extra in posts:
        year, month, mday = (int(part) for part in day.split("-"))
        repo.write(f"posts/{name}", markdown("Four words of prose.", title=name, date=day, **extra))
        repo.commit(f"Add {name}", at(year, month, mday), author=author)


def solo_blog(repo: GitRepo) -> None:
    for day in ("2026-10-27", "2026-11-03", "2026-11-10", "2026-11-17"):
        year, month, mday = (int(part) for part in day.split("-"))
        repo.write(f"posts/{day}.md", markdown("Words.", title=day, date=day))
        repo.commit(f"Post {day}", at(year, month, mday), author="Dee <dee@example.org>")


def stats(cli: Cli, repo: GitRepo, *extra: str) -> dict[str, object]:
    args = ("stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", TODAY)
    return cli.ok(*args, *extra).json()  # type: ignore[no-any-return]


def test_writers_of_a_team_blog(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    team_blog(repo)

    report = stats(cli, repo)

    assert report["authors"] == {"Ada": 3, "Bo": 2, "Cy Twombly": 1}
    writers = report["writers"]
    assert isinstance(writers, dict)
    assert {
        name: (w["posts"], w["posts_this_year"], w["last_post"]) for name, w in writers.items()
    } == {
        "Ada": (3, 3, "2026-11-16"),
        "Bo": (2, 2, "2026-11-10"),
        "Cy Twombly": (1, 1, "2026-01-05"),
    }
    assert {
        name: (w["current"]["length"], w["current"]["status"]) for name, w in writers.items()
    } == {
        "Ada": (3, "done"),  # the weeks of 2, 9 and 16 November
        "Bo": (1, "at_risk"),  # last week's post; this week is still open
        "Cy Twombly": (0, "broken"),
    }


def test_stats_for_one_author(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    team_blog(repo)

    report = stats(cli, repo, "--author", "bo")
    cy = stats(cli, repo, "--author", "Cy Twombly")

    totals = report["totals"]
    assert isinstance(totals, dict)
    assert (totals["posts"], totals["first_post"], totals["last_post"]) == (
        2,
        "2026-10-05",
        "2026-11-10",
    )
    assert report["authors"] == {"Bo": 2}
    assert "writers" not in report
    assert report["streaks"]["current"]["length"] == 1  # type: ignore[index]
    assert cy["totals"]["posts"] == 1  # type: ignore[index]


def test_stats_for_an_unknown_author_names_the_writers(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    team_blog(repo)

    run = cli.run("stats", "-C", str(repo.path), "--db", cli.db_url, "--author", "Zed")

    assert user_error(run) == "error: no posts by 'Zed' on main; writers: Ada, Bo, Cy Twombly"


def test_the_screen_shows_the_writers(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    team_blog(repo)

    screen = cli.ok(
        "stats", "-C", str(repo.path), "--db", cli.db_url, "--today", TODAY, "--color", "never"
    ).stdout.splitlines()

    start = screen.index(next(line for line in screen if line.startswith("Writers ")))
    assert screen[start + 1 : start + 5] == [
        "  writer      posts  this year  week streak     best   last post",
        "  Ada             3          3      3 weeks  3 weeks  2026-11-16",
        "  Bo              2          2       1 week   1 week  2026-11-10",
        "  Cy Twombly      1          1      0 weeks   1 week  2026-01-05",
    ]


def test_repos_sharing_a_database_keep_their_own_rows(
    make_repo: Callable[..., GitRepo], any_db_url: str
) -> None:
    cli = Cli(any_db_url)
    team, solo = make_repo("team"), make_repo("solo")
    team_blog(team)
    solo_blog(solo)
    cli.scan(team)
    team_posts = cli.posts(team)

    scanned = cli.scan(solo)
    again = cli.scan(team)

    assert scanned.stderr_lines == [
        "Scanned 4 commits on main (full scan): 4 events, 4 post lineages."
    ]
    assert again.stderr_lines == [f"Up to date at {team.head()[:10]}."]
    assert cli.posts(team) == team_posts
    assert [p["path"] for p in cli.posts(solo)] == [
        "posts/2026-10-27.md",
        "posts/2026-11-03.md",
        "posts/2026-11-10.md",
        "posts/2026-11-17.md",
    ]


def test_board_of_a_shared_database(
    make_repo: Callable[..., GitRepo], any_db_url: str, tmp_path: Path
) -> None:
    cli = Cli(any_db_url)
    team, solo = make_repo("team"), make_repo("solo")
    team_blog(team)
    solo_blog(solo)
    cli.scan(team)
    cli.scan(solo)
    elsewhere = tmp_path / "not-a-repo"
    elsewhere.mkdir()

    board = cli.ok("board", "-C", str(elsewhere), "--db", any_db_url, "--today", TODAY)

    assert board.stdout.splitlines() == [
        "repo  branch  writer      posts 2026  current  longest  last post",
        "solo  main    Dee                  4  4 weeks  4 weeks  2026-11-17",
        "team  main    Ada                  3  3 weeks  3 weeks  2026-11-16",
        "team  main    Bo                   2  1 week   1 week   2026-11-10",
        "team  main    Cy Twombly           1  —        1 week   2026-01-05",
    ]


def test_the_screen_lists_the_eight_most_prolific_writers(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    for n in range(10):
        for k in range(10 - n):  # writer n has 10 - n posts
            day = 1 + k
            repo.write(
                f"posts/w{n}-{k}.md",
                markdown("Words.", title=f"{n}-{k}", date=f"2026-10-{day:02d}"),
            )
        repo.commit(f"Writer {n}", at(2026, 10, 20), author=f"Writer {n} <w{n}@example.org>")

    screen = cli.ok(
        "stats", "-C", str(repo.path), "--db", cli.db_url, "--today", TODAY, "--color", "never"
    ).stdout.splitlines()

    start = screen.index(next(line for line in screen if line.startswith("Writers ")))
    shown = [line.split()[:3] for line in screen[start + 2 : start + 10]]
    assert shown == [["Writer", str(n), str(10 - n)] for n in range(8)]
    assert screen[start + 10] == "  and 2 more writers (stats --json lists all)"
