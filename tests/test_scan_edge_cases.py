"""Edge cases of real blogs: page bundles, .mailmap changes, odd git config, odd dates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, at, by_path, markdown, user_error


def test_move_into_a_page_bundle_keeps_the_history(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["content/posts/*/index.md"]\n')
    repo.write("_posts/2020-01-01-hello.markdown", markdown("Hi there.", title="Hello"))
    first = repo.commit("Hello", at(2020, 1, 1))
    repo.write("_posts/2020-01-01-hello.markdown", markdown("Hi there, again.", title="Hello"))
    repo.commit("Edit", at(2020, 2, 1))
    repo.move("_posts/2020-01-01-hello.markdown", "content/posts/hello/index.md")
    repo.commit("Page bundles", at(2024, 1, 1))

    post = by_path(cli.posts(repo))["content/posts/hello/index.md"]

    assert (post["first_commit"], post["edits"]) == (first, 1)
    # The date prefix of its earlier name is still its declared date (SPEC 4).
    assert (post["published"], post["date_source"]) == ("2020-01-01", "declared")


def test_mailmap_change_starts_over_so_steps_equal_a_full_scan(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("A.", title="A", date="2024-01-02"))
    repo.commit("A", at(2024, 1, 2), author="ada l <ada@example.org>")
    cli.scan(repo)
    repo.write(".mailmap", "Ada <ada@example.org>\n")
    repo.write("posts/b.md", markdown("B.", title="B", date="2024-01-09"))
    repo.commit("B", at(2024, 1, 9), author="Ada <ada@example.org>")

    args = ["stats", "-C", str(repo.path), "--json", "--today", "2024-01-10"]
    stepped = cli.ok(*args, "--db", cli.db_url)
    full = cli.ok(*args, "--db", f"sqlite:///{tmp_path}/full.sqlite3")

    assert stepped.warnings == [
        "warning: settings changed since the last scan of main; starting over"
    ]
    assert stepped.json()["authors"] == full.json()["authors"] == {"Ada": 2}


def test_first_commit_counts_whatever_log_show_root_says(
    make_repo: Callable[..., GitRepo], cli: Cli, clean_env: Path
) -> None:
    with (clean_env / ".gitconfig").open("a") as config:
        config.write("[log]\n\tshowRoot = false\n")
    repo = make_repo()
    repo.write("posts/a.md", markdown("A.", title="A", date="2024-01-02"))
    repo.commit("A", at(2024, 1, 2))
    repo.write("posts/b.md", markdown("B.", title="B", date="2024-01-09"))
    repo.commit("B", at(2024, 1, 9))

    assert sorted(by_path(cli.posts(repo))) == ["posts/a.md", "posts/b.md"]


def test_draft_deleted_before_it_was_published_is_not_a_post(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("A.", title="A", date="2024-01-02"))
    repo.write("posts/idea.md", markdown("Idea.", title="Idea", date="2024-01-03", draft="true"))
    repo.commit("A and an idea", at(2024, 1, 3))
    repo.remove("posts/idea.md")
    repo.commit("Drop the idea", at(2024, 1, 4))

    listed = by_path(cli.posts(repo, include_deleted=True))
    report = cli.ok(
        "stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", "2024-01-05",
        "--include-deleted",
    ).json()  # fmt: skip

    assert sorted(listed) == ["posts/a.md"]
    assert report["totals"]["posts"] == 1


def test_writing_after_today_does_not_count_yet(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("Four words right here.", title="A", date="2024-03-01"))
    repo.commit("A", at(2024, 3, 1))

    report = cli.ok(
        "stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", "2024-01-01"
    ).json()

    assert report["totals"]["posts"] == 0
    assert all(year["words"] == 0 for year in report["by_year"].values())


@pytest.mark.parametrize(
    "date", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00", "9999-12-31"]
)
def test_dates_at_the_ends_of_the_calendar_do_not_crash(
    make_repo: Callable[..., GitRepo], cli: Cli, date: str
) -> None:
    repo = make_repo(config='posts = ["posts/*.md"]\ntimezone = "Europe/Berlin"\n')
    repo.write("posts/a.md", markdown("A.", title="A", date=date))
    repo.commit("A", at(2024, 1, 2))

    post = by_path(cli.posts(repo, today="2024-01-03", include_deleted=True))["posts/a.md"]

    assert post["published"] == date[:10]


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01"])
def test_today_at_the_ends_of_the_calendar_is_a_usage_error(
    make_repo: Callable[..., GitRepo], cli: Cli, today: str
) -> None:
    repo = make_repo()
    run = cli.run("stats", "-C", str(repo.path), "--db", cli.db_url, "--today", today)
    assert run.exit_code == 2, run.detail


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ("[streak]\nfreezes = 5\n", "streak.freezes"),
        ("[streak]\nfreezes = [{start = 2024-01-01T10:00:00, end = 2024-01-20}]\n", "freeze"),
        ('[streak]\nrest_days = ["mon","tue","wed","thu","fri","sat","sun"]\n', "rest_days"),
        ('posts = ["[z-a]*.md"]\n', "[z-a]*.md"),
        ("posts = []\n", "posts"),
    ],
)
def test_broken_config_values_are_one_line_errors(
    make_repo: Callable[..., GitRepo], cli: Cli, config: str, says: str
) -> None:
    repo = make_repo(config=config)
    line = user_error(cli.run("posts", "-C", str(repo.path), "--db", cli.db_url))
    assert says in line


def test_a_freeze_in_the_config_bridges_a_gap_in_the_streak(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    def weekly_blog(config: str) -> GitRepo:
        repo = make_repo(f"blog-{len(config)}", config=config)
        for n, day in enumerate([1, 8, 29]):  # Mondays of January 2024, two weeks away
            repo.write(
                f"posts/p{n}.md", markdown("Words.", title=f"P{n}", date=f"2024-01-{day:02d}")
            )
            repo.commit(f"P{n}", at(2024, 1, day))
        return repo

    def current(repo: GitRepo) -> int:
        run = cli.ok(
            "stats", "-C", str(repo.path), "--json", "--today", "2024-01-30",
            "--db", f"sqlite:///{tmp_path}/{repo.path.name}.sqlite3",
        )  # fmt: skip
        return int(run.json()["streaks"]["current"]["length"])

    plain = weekly_blog('posts = ["posts/*.md"]\n')
    frozen = weekly_blog(
        'posts = ["posts/*.md"]\n[streak]\n'
        'freezes = [{ start = 2024-01-15, end = 2024-01-28, reason = "trip" }]\n'
    )

    assert (current(plain), current(frozen)) == (1, 3)
