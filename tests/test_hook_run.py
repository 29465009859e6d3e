"""`streakline hook run` inside real `git commit`s: never in the way, nothing pending stored,
and the database right however the commits were made."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, at, dump_tables, markdown
from hookrepo import dated_env, git_run

OUTPUTS = (
    "data/streakline.json, static/streakline-footer.html, static/streakline-shields.json, "
    "static/streakline.svg"
)
WROTE_ALL = f"streakline: wrote {OUTPUTS}\n"
WROTE_DATA = "streakline: wrote data/streakline.json\n"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STREAKLINE_TODAY", "2026-11-25")


def hooked(make_repo: Callable[..., GitRepo], cli: Cli, *extra: str) -> GitRepo:
    """A repo with one post and the hook; the outputs are left out of git (.gitignore), so
    the hook writes them and stages nothing: history here is the posts alone."""
    repo = make_repo()
    repo.write(".gitignore", "data/\nstatic/\n")
    repo.write("posts/a.md", markdown("Alpha.", title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    cli.ok("hook", "install", "-C", str(repo.path), *extra)
    return repo


def stage_post(repo: GitRepo, name: str, day: str) -> None:
    repo.write(f"posts/{name}.md", markdown(f"{name} words.", title=name.upper(), date=day))
    repo.git("add", "-A")


def stored_commits(repo: GitRepo) -> set[str]:
    return {row[3] for row in dump_tables(repo.common_dir() / "streakline.sqlite3")["events"]}


def assert_same_as_fresh_scan(repo: GitRepo, cli: Cli, tmp_path: Path) -> None:
    """Caught up, the hooks' database holds what a scan from scratch does."""
    default = repo.common_dir() / "streakline.sqlite3"
    cli.ok("scan", "-C", str(repo.path))  # the default database, as the hooks use it
    fresh = tmp_path / "fresh.sqlite3"
    cli.ok("scan", "-C", str(repo.path), "--db", f"sqlite:///{fresh}")
    assert dump_tables(default) == dump_tables(fresh)


def test_a_broken_config_lets_the_commit_through_in_one_line(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli)
    repo.write(".streakline.toml", "posts = [\n")
    stage_post(repo, "b", "2024-01-02")

    done = git_run(repo, "commit", "-q", "-m", "B", when=at(2024, 1, 2))

    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "streakline: .streakline.toml does not parse: Invalid value (at end of document) (the "
        "commit goes on; --strict stops it)"
    ]


def test_strict_stops_the_commit(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = hooked(make_repo, cli, "--strict")
    head = repo.head()
    repo.write(".streakline.toml", "posts = 3\n")
    stage_post(repo, "b", "2024-01-02")

    done = git_run(repo, "commit", "-q", "-m", "B", when=at(2024, 1, 2))

    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: .streakline.toml: posts must be a list of strings"]
    assert repo.head() == head


@pytest.mark.parametrize("strict", [False, True])
def test_a_locked_database_lets_the_commit_through_in_one_line(
    make_repo: Callable[..., GitRepo], cli: Cli, strict: bool
) -> None:
    repo = hooked(make_repo, cli, *(["--strict"] if strict else []))
    cli.ok("scan", "-C", str(repo.path))
    database = repo.common_dir() / "streakline.sqlite3"
    # A scan waits for the lock: the hook's catch-up has a commit to read first.
    repo.write("posts/a.md", markdown("Alpha, edited.", title="A", date="2024-01-01"))
    repo.git("add", "-A")
    repo.git("commit", "-q", "--no-verify", "-m", "Edit A")
    before = repo.head()
    stage_post(repo, "c", "2024-01-03")
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        done = git_run(repo, "commit", "-q", "-m", "C", when=at(2024, 1, 3))
    finally:
        holder.rollback()
        holder.close()

    locked = (
        f"the database {database} is locked by another process (a scan or hook still "
        "running?); waited 5 s: run the command again once it is done"
    )
    if strict:
        assert (done.returncode, done.stderr) == (1, f"error: {locked}\n")
        assert repo.head() == before
    else:
        assert (done.returncode, done.stderr) == (
            0,
            f"streakline: {locked} (the commit goes on; --strict stops it)\n",
        )
        assert repo.git("rev-parse", "HEAD~1") == before


def test_an_aborted_commit_leaves_no_event(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = hooked(make_repo, cli)
    first = repo.head()
    refuse = repo.path / ".git" / "hooks" / "commit-msg"
    refuse.write_text("#!/bin/sh\necho 'message refused' >&2\nexit 1\n")
    refuse.chmod(0o755)
    stage_post(repo, "b", "2024-01-02")

    refused = git_run(repo, "commit", "-q", "-m", "B", when=at(2024, 1, 2))
    empty = git_run(repo, "commit", "-q", "-m", "", when=at(2024, 1, 2))

    assert (refused.returncode, refused.stderr) == (1, WROTE_ALL + "message refused\n")
    assert empty.returncode == 1
    assert repo.head() == first
    assert stored_commits(repo) == {first}
    refuse.unlink()
    done = git_run(repo, "commit", "-q", "-m", "B", when=at(2024, 1, 2))
    assert (done.returncode, done.stderr) == (0, "")
    assert stored_commits(repo) == {first}  # the next hook stores B
    assert_same_as_fresh_scan(repo, cli, tmp_path)


def test_commits_without_the_hook_and_a_rewritten_history_are_caught_up(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = hooked(make_repo, cli)
    stage_post(repo, "b", "2024-01-02")
    skipped = git_run(repo, "commit", "-q", "--no-verify", "-m", "B", when=at(2024, 1, 2))
    assert skipped.returncode == 0
    stage_post(repo, "c", "2024-01-03")
    assert git_run(repo, "commit", "-q", "-m", "C", when=at(2024, 1, 3)).returncode == 0
    # The C hook read B, which it had not seen.
    assert repo.git("rev-parse", "HEAD~1") in stored_commits(repo)
    stage_post(repo, "d", "2024-01-04")
    assert git_run(repo, "commit", "-q", "-m", "D", when=at(2024, 1, 4)).returncode == 0
    # Drop B and C from the history (hooks do not run for the replayed D).
    rebased = git_run(repo, "rebase", "-q", "--onto", "HEAD~3", "HEAD~1", when=at(2024, 1, 5))
    assert rebased.returncode == 0, rebased.stderr
    stage_post(repo, "e", "2024-01-06")

    done = git_run(repo, "commit", "-q", "-m", "E", when=at(2024, 1, 6))

    assert (done.returncode, done.stderr) == (0, WROTE_DATA)
    assert repo.git("rev-parse", "HEAD~1") in stored_commits(repo)
    assert_same_as_fresh_scan(repo, cli, tmp_path)


def test_two_worktrees_committing_at_once(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = hooked(make_repo, cli)
    other = tmp_path / "other"
    repo.git("worktree", "add", "-q", str(other), "-b", "notes")
    for n in range(3):
        stage_post(repo, f"main{n}", f"2024-02-0{n + 1}")
        writer = GitRepo(other)
        stage_post(writer, f"note{n}", f"2024-03-0{n + 1}")
        env = dated_env(at(2024, 2, n + 1))
        both = [
            subprocess.Popen(
                ["git", "commit", "-q", "-m", f"Post {n}"],
                cwd=path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for path in (repo.path, other)
        ]
        for proc in both:
            _out, err = proc.communicate(timeout=120)
            assert (proc.returncode, err) == (0, WROTE_ALL if n == 0 else WROTE_DATA), err

    for path in (repo.path, other):
        cli.ok("scan", "-C", str(path))  # the default database, as the hooks use it
    database = repo.common_dir() / "streakline.sqlite3"
    stored = dump_tables(database)
    with sqlite3.connect(database) as con:
        scans = dict(con.execute("SELECT branch, id FROM scans").fetchall())
    assert sorted(scans) == ["main", "notes"]
    for branch, path in (("main", repo.path), ("notes", other)):
        fresh = tmp_path / f"fresh-{branch}.sqlite3"
        cli.ok("scan", "-C", str(path), "--db", f"sqlite:///{fresh}")
        # Each branch's rows equal a scan of it alone.
        alone = dump_tables(fresh)
        for table in ("lineages", "events"):
            mine = [row[1:] for row in stored[table] if row[0] == scans[branch]]
            assert mine == [row[1:] for row in alone[table]]
    assert len(cli.posts(GitRepo(other))) == 4


def test_the_hook_imports_neither_typer_nor_plotext_nor_alembic(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli)
    cli.ok("scan", "-C", str(repo.path))
    stage_post(repo, "b", "2024-01-02")

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "streakline", "hook", "run"],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "sqlalchemy" in imported and "streakline" in imported
    assert imported.isdisjoint({"typer", "click", "plotext", "alembic", "rich", "git"})


def test_hook_run_by_hand_through_the_command_line(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli)
    repo.write(".streakline.toml", "posts = 3\n")

    lenient = cli.run("hook", "run", "-C", str(repo.path))
    strict = cli.run("hook", "run", "-C", str(repo.path), "--strict")

    assert (lenient.exit_code, lenient.stderr_lines) == (
        0,
        [
            "streakline: .streakline.toml: posts must be a list of strings (the commit goes on; "
            "--strict stops it)"
        ],
    )
    assert (strict.exit_code, strict.stderr_lines) == (
        1,
        ["error: .streakline.toml: posts must be a list of strings"],
    )
