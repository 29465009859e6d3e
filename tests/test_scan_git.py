"""SPEC 3 and 7: reading git history that is shallow, damaged, rewritten or interrupted."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import (
    Cli,
    GitRepo,
    Run,
    at,
    by_path,
    dump_tables,
    markdown,
    streakline_exe,
    user_error,
)


def two_posts(repo: GitRepo) -> None:
    repo.write("posts/a.md", markdown("A words.", title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    repo.write("posts/b.md", markdown("B words.", title="B", date="2024-01-02"))
    repo.commit("B", at(2024, 1, 2))


def test_not_a_git_repo_is_a_user_error(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()

    run = cli.run("scan", "-C", str(folder), "--db", cli.db_url)

    user_error(run)


def test_shallow_clone_is_refused(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    origin = make_repo("origin")
    two_posts(origin)
    clone = tmp_path / "clone"
    origin.git("clone", "-q", "--depth", "1", f"file://{origin.path}", str(clone))

    run = cli.run("scan", "-C", str(clone), "--db", cli.db_url)

    assert "git fetch --unshallow" in user_error(run)


def test_repo_defaults_to_the_one_around_the_current_folder(
    make_repo: Callable[..., GitRepo], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo()
    two_posts(repo)
    monkeypatch.chdir(repo.path / "posts")

    run = cli.ok("posts", "--db", cli.db_url, "--json")

    assert sorted(post["path"] for post in run.json()) == ["posts/a.md", "posts/b.md"]


def test_detached_head_is_scanned(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    two_posts(repo)
    repo.git("checkout", "-q", "--detach", "HEAD~1")

    posts = cli.posts(repo)

    assert [post["path"] for post in posts] == ["posts/a.md"]


def loose_object(repo: GitRepo, sha: str) -> Path:
    return repo.path / ".git" / "objects" / sha[:2] / sha[2:]


def test_missing_blob_warns_once_and_scanning_goes_on(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    first = markdown("Words that will be lost from the object store.", title="First")
    repo.write("posts/a.md", first)
    repo.write("posts/twin.md", first)
    repo.commit("Two posts, one blob")
    repo.write("posts/a.md", markdown("Second version of a.", title="Second"))
    repo.write("posts/twin.md", markdown("Second version of the twin.", title="Twin"))
    repo.commit("Edit both")
    blob = repo.git("rev-parse", "HEAD~1:posts/a.md")
    obj = loose_object(repo, blob)
    assert obj.is_file(), "expected a loose object"
    obj.unlink()

    run = cli.scan(repo)
    posts = by_path(cli.posts(repo))

    assert len([line for line in run.warnings if blob in line]) == 1, run.detail
    assert set(posts) == {"posts/a.md", "posts/twin.md"}
    assert posts["posts/a.md"]["title"] == "Second"
    assert posts["posts/twin.md"]["title"] == "Twin"


def test_missing_current_blob_keeps_the_post(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("Readable.", title="Readable", date="2024-01-01"))
    repo.write("posts/b.md", markdown("About to vanish.", title="Vanishing", date="2024-01-02"))
    repo.commit("Two posts")
    blob = repo.git("rev-parse", "HEAD:posts/b.md")
    loose_object(repo, blob).unlink()

    run = cli.scan(repo)
    posts = by_path(cli.posts(repo))

    assert len([line for line in run.warnings if blob in line]) == 1, run.detail
    assert set(posts) == {"posts/a.md", "posts/b.md"}
    assert posts["posts/a.md"]["title"] == "Readable"


def assert_same_as_fresh_scan(repo: GitRepo, cli: Cli, db_file: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    cli.scan(repo, db=f"sqlite:///{fresh}")
    assert dump_tables(db_file) == dump_tables(fresh)
    assert cli.posts(repo, include_deleted=True) == cli.posts(
        repo, include_deleted=True, db=f"sqlite:///{fresh}"
    )


def test_an_amended_commit_is_undone_and_scanned_again(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, tmp_path: Path
) -> None:
    repo = make_repo()
    two_posts(repo)
    amended = repo.head()
    cli.scan(repo)
    repo.write("posts/b.md", markdown("B words, amended.", title="B amended", date="2024-01-02"))
    repo.commit("B", at(2024, 1, 3), amend=True)

    run = cli.scan(repo)

    # The stored commit the amend replaced is undone; only the new one is read.
    assert amended != repo.head()
    assert run.stderr_lines == [
        "Scanned 1 commits on main (incremental scan, 1 commit no longer on main undone first): "
        "1 events, 2 post lineages.",
    ], run.detail
    posts = by_path(cli.posts(repo, include_deleted=True))
    assert posts["posts/b.md"]["title"] == "B amended"
    assert posts["posts/b.md"]["first_commit"] == repo.head()
    assert_same_as_fresh_scan(repo, cli, db_file, tmp_path)


def test_a_rebase_of_the_last_commits_is_undone_and_scanned_again(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, tmp_path: Path
) -> None:
    repo = make_repo()
    two_posts(repo)
    repo.write("posts/c.md", markdown("C words.", title="C", date="2024-01-03"))
    dropped = repo.commit("C", at(2024, 1, 3))
    cli.scan(repo)
    repo.git(
        "rebase", "-q", "--onto", "HEAD~2", "HEAD~1", "main", env=repo.rewrite_env(at(2024, 1, 4))
    )

    run = cli.scan(repo)

    # B and C are undone back to A, which both histories share; C' is read.
    assert dropped != repo.head()
    assert run.stderr_lines == [
        "Scanned 1 commits on main (incremental scan, 2 commits no longer on main undone first): "
        "1 events, 2 post lineages.",
    ], run.detail
    posts = by_path(cli.posts(repo, include_deleted=True))
    assert set(posts) == {"posts/a.md", "posts/c.md"}
    assert_same_as_fresh_scan(repo, cli, db_file, tmp_path)


def test_new_commits_do_not_start_over(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = make_repo()
    two_posts(repo)
    cli.scan(repo)
    stored = dump_tables(db_file)["events"]
    repo.write("posts/c.md", markdown("C words.", title="C", date="2024-01-03"))
    repo.commit("C", at(2024, 1, 3))

    run = cli.scan(repo)

    # Only the new commit is read; a scan from scratch would read all three.
    assert run.stderr_lines == [
        "Scanned 1 commits on main (incremental scan): 1 events, 3 post lineages."
    ], run.detail
    after = dump_tables(db_file)["events"]
    assert (after[: len(stored)], len(after)) == (stored, len(stored) + 1)


def test_scan_prints_a_one_line_summary_on_stderr(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    two_posts(repo)

    run = cli.scan(repo)

    assert run.stdout == "", run.detail
    assert len(run.stderr_lines) == 1, run.detail


def start_scan(repo: GitRepo, db_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(streakline_exe()), "scan", "-C", str(repo.path), "--db", db_url],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_killed_scan_leaves_the_previous_state(
    make_repo: Callable[..., GitRepo],
    cli: Cli,
    db_file: Path,
    tmp_path: Path,
    run_process: Callable[..., Run],
) -> None:
    repo = make_repo(config=None)
    repo.fast_import(300, start=0)
    first = run_process("scan", "-C", str(repo.path), "--db", cli.db_url)
    assert first.exit_code == 0, first.detail
    repo.fast_import(1200, start=300)
    fresh = tmp_path / "fresh.sqlite3"
    started = time.monotonic()
    full = run_process("scan", "-C", str(repo.path), "--db", f"sqlite:///{fresh}")
    took = time.monotonic() - started
    assert full.exit_code == 0, full.detail
    complete = dump_tables(fresh)

    # Kill early, and at points inside the scan whatever this machine's speed.
    for delay in (0.3, took * 0.5, took * 0.8):
        before = dump_tables(db_file)
        proc = start_scan(repo, cli.db_url)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()

        con = sqlite3.connect(db_file)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.close()
        after = dump_tables(db_file)
        assert after in (before, complete), f"a scan killed after {delay}s left a partial state"

    again = run_process("scan", "-C", str(repo.path), "--db", cli.db_url)
    assert again.exit_code == 0, again.detail
    assert dump_tables(db_file) == complete
