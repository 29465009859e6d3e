"""SPEC 2 and 7: where the database lives, and when a scan starts over."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import streakline
from gitrepo import (
    POSTS_CONFIG,
    Cli,
    GitRepo,
    at,
    by_path,
    dump_tables,
    markdown,
    streakline_exe,
    user_error,
)

BOT = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"


def small_blog(repo: GitRepo) -> None:
    repo.write("posts/a.md", markdown("A words.", title="A", date="2020-01-01"))
    repo.write("notes/n.md", markdown("A note.", title="Note", date="2020-01-02"))
    repo.commit("Start", at(2024, 1, 1))
    repo.branch("other")
    repo.write("posts/a.md", markdown("A words, bumped.", title="A", date="2020-01-01"))
    repo.commit("Bump", at(2024, 1, 2), author=BOT)
    repo.checkout("other")
    repo.write("posts/o.md", markdown("Other words.", title="Other", date="2020-01-03"))
    repo.commit("Other", at(2024, 1, 3))
    repo.checkout("main")


def test_default_database_lives_in_the_git_common_dir(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = make_repo()
    small_blog(repo)

    cli.ok("scan", "-C", str(repo.path))

    assert (repo.path / ".git" / "streakline.sqlite3").is_file()
    assert not db_file.exists()
    assert repo.git("status", "--porcelain") == ""


def test_worktrees_share_the_default_database(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo()
    small_blog(repo)
    worktree = tmp_path / "wt"
    repo.git("worktree", "add", "-q", str(worktree), "-b", "wt", "main")

    run = cli.ok("posts", "-C", str(worktree), "--json")

    assert sorted(post["path"] for post in run.json()) == ["posts/a.md"]
    found = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("streakline.sqlite3"))
    assert found == [Path("blog/.git/streakline.sqlite3")]


def test_streakline_db_variable_picks_the_database(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, db_url: str
) -> None:
    repo = make_repo()
    small_blog(repo)

    cli.ok("scan", "-C", str(repo.path), env={"STREAKLINE_DB": db_url})

    assert db_file.is_file()
    assert not (repo.path / ".git" / "streakline.sqlite3").exists()
    assert dump_tables(db_file)["lineages"]


def test_rebuild_reproduces_the_database(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = make_repo()
    small_blog(repo)
    repo.write("posts/b.md", markdown("B words.", title="B"))
    repo.commit("B")
    repo.move("posts/b.md", "posts/c.md")
    repo.commit("Rename")
    cli.scan(repo)
    original = dump_tables(db_file)
    con = sqlite3.connect(db_file)
    with con:
        con.execute("DELETE FROM events WHERE id = (SELECT MAX(id) FROM events)")
    con.close()

    cli.scan(repo, "--rebuild")

    assert dump_tables(db_file) == original


def test_newer_database_is_refused_and_left_alone(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = make_repo()
    small_blog(repo)
    cli.scan(repo)
    con = sqlite3.connect(db_file)
    (ours,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
    with con:
        con.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    con.close()
    before = db_file.read_bytes()
    repo.write("posts/new.md", markdown("New words.", title="New"))
    repo.commit("New post")

    for command in (["scan"], ["posts", "--json"], ["scan", "--rebuild"]):
        run = cli.run(*command, "-C", str(repo.path), "--db", cli.db_url)
        line = user_error(run)
        assert "ffffffffffff" in line, run.detail
        assert ours in line or streakline.__version__ in line, run.detail
        assert db_file.read_bytes() == before


Posts = dict[str, dict[str, Any]]
CONFIG_CHANGES: dict[str, tuple[str, Callable[[Posts], bool]]] = {
    "globs": (
        'posts = ["posts/*.md", "notes/*.md"]\n',
        lambda posts: "notes/n.md" in posts,
    ),
    "exclude": (
        'posts = ["posts/*.md"]\nexclude = ["posts/a.md"]\n',
        lambda posts: "posts/a.md" not in posts,
    ),
    "date_source": (
        'posts = ["posts/*.md"]\ndate_source = "landed"\n',
        lambda posts: posts["posts/a.md"]["published"] == "2024-01-01",
    ),
    "bots": (
        'posts = ["posts/*.md"]\nbots = []\n',
        lambda posts: posts["posts/a.md"]["edits"] == 1,
    ),
}


@pytest.mark.parametrize("change", list(CONFIG_CHANGES))
def test_config_change_that_alters_events_starts_over(
    change: str, make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, tmp_path: Path
) -> None:
    new_config, holds = CONFIG_CHANGES[change]
    repo = make_repo()
    small_blog(repo)
    cli.scan(repo)
    assert not holds(by_path(cli.posts(repo, include_deleted=True)))
    repo.write(".streakline.toml", new_config)
    repo.commit("Change config", at(2024, 2, 1))

    run = cli.scan(repo)

    assert run.warnings == ["warning: settings changed since the last scan of main; starting over"]
    assert "(full scan)" in run.stderr_lines[-1], run.detail
    assert holds(by_path(cli.posts(repo, include_deleted=True)))
    fresh = tmp_path / "fresh.sqlite3"
    cli.scan(repo, db=f"sqlite:///{fresh}")
    assert dump_tables(db_file) == dump_tables(fresh)


def test_each_branch_keeps_its_own_scan_state(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, tmp_path: Path
) -> None:
    """Tracking another branch scans it; going back finds the first branch's rows as left."""
    repo = make_repo()
    small_blog(repo)
    cli.scan(repo)
    main_posts = cli.posts(repo)
    repo.write(".streakline.toml", 'posts = ["posts/*.md"]\nbranch = "other"\n')

    other = cli.scan(repo)
    other_posts = by_path(cli.posts(repo))
    repo.write(".streakline.toml", POSTS_CONFIG)
    back = cli.scan(repo)

    assert other.stderr_lines == [
        "Scanned 2 commits on other (full scan): 3 events, 2 post lineages."
    ]
    assert set(other_posts) == {"posts/a.md", "posts/o.md"}
    assert back.stderr_lines == [f"Up to date at {repo.head()[:10]}."]
    assert cli.posts(repo) == main_posts


def test_streak_settings_change_keeps_the_events(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    small_blog(repo)
    cli.scan(repo)
    repo.write(".streakline.toml", POSTS_CONFIG + '\n[streak]\ncadence = "day"\n')
    repo.commit("Daily now", at(2024, 2, 1))

    run = cli.scan(repo)

    # Only the new commit is read, and it changes no post.
    assert run.stderr_lines == [
        "Scanned 1 commits on main (incremental scan): 0 events, 1 post lineages."
    ], run.detail


@pytest.mark.parametrize(
    "config",
    [
        'posts = ["posts/*.md"\n',
        'date_source = "sometimes"\n',
        'bulk_threshold = "many"\n',
        'timezone = "Mars/Olympus_Mons"\n',
        'branch = "no-such-branch"\n',
    ],
    ids=["not-toml", "date-source", "bulk-threshold", "timezone", "branch"],
)
def test_bad_config_is_a_user_error(
    config: str, make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = make_repo()
    small_blog(repo)
    repo.write(".streakline.toml", config)

    run = cli.run("scan", "-C", str(repo.path), "--db", cli.db_url)

    user_error(run)


@pytest.mark.slow
def test_concurrent_scans_leave_one_consistent_database(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    repo.fast_import(1500)
    command = [str(streakline_exe()), "scan", "-C", str(repo.path), "--db", cli.db_url]

    procs = [
        subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    results = [(proc.wait(timeout=300), proc.communicate()[1].decode()) for proc in procs]

    for code, stderr in results:
        assert code in (0, 1), stderr
        if code == 1:
            lines = [line for line in stderr.splitlines() if line.strip()]
            assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert 0 in [code for code, _ in results], results
    fresh = tmp_path / "fresh.sqlite3"
    cli.scan(repo, db=f"sqlite:///{fresh}")
    assert dump_tables(db_file) == dump_tables(fresh)
