"""SPEC 7 on a real PostgreSQL server: many scanners at once, and a scanner killed mid-scan."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

from gitrepo import Cli, GitRepo, at, markdown, streakline_exe

TODAY = "2026-11-25"


def blog(make_repo: Callable[..., GitRepo], name: str, commits: int) -> GitRepo:
    """A generated history plus a post of its own, so no two repos hold the same posts."""
    repo = make_repo(name)
    repo.fast_import(commits)
    repo.write(f"posts/{name}.md", markdown(f"Only in {name}.", title=name, date="2024-05-01"))
    repo.commit(f"A post of {name}'s own", at(2024, 5, 1))
    return repo


def start(repo: GitRepo, url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(streakline_exe()), *args, "-C", str(repo.path), "--db", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def listing(cli: Cli, repo: GitRepo) -> tuple[str, object]:
    """What a writer sees of the repo: every post, and the stats."""
    posts = cli.posts_run(repo, include_deleted=True).stdout
    stats = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", TODAY)
    return posts, json.loads(stats.stdout)


def test_eight_scanners_of_four_repos_at_once(
    make_repo: Callable[..., GitRepo], pg_url: str, tmp_path: Path
) -> None:
    repos = [blog(make_repo, f"blog{n}", 150 + 40 * n) for n in range(4)]

    scanners = [start(repo, pg_url, "scan") for repo in repos for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in scanners]

    assert [code for code, _ in results] == [0] * 8, results
    for repo in repos:
        alone = Cli(f"sqlite:///{tmp_path}/{repo.path.name}.sqlite3")
        alone.scan(repo)
        assert listing(Cli(pg_url), repo) == listing(alone, repo)


def advisory_locks(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
                ).scalar_one()
            )
    finally:
        engine.dispose()


def test_a_scanner_killed_mid_scan_leaves_the_server_consistent(
    make_repo: Callable[..., GitRepo], pg_url: str, tmp_path: Path
) -> None:
    repo = blog(make_repo, "big", 3000)
    cli = Cli(pg_url)

    scanner = start(repo, pg_url, "scan")
    deadline = time.monotonic() + 120
    # Inside its write transaction: it holds the repo's advisory lock.
    while advisory_locks(pg_url) == 0 and scanner.poll() is None:
        assert time.monotonic() < deadline, "the scan never took its lock"
        time.sleep(0.02)
    assert scanner.poll() is None, "the scan ended before it could be killed"
    os.kill(scanner.pid, signal.SIGKILL)
    scanner.wait(timeout=30)

    again = cli.scan(repo)
    alone = Cli(f"sqlite:///{tmp_path}/alone.sqlite3")
    alone.scan(repo)

    assert scanner.returncode == -signal.SIGKILL
    # Nothing of the killed scan was kept: the next one starts from scratch and completes.
    assert again.stderr_lines == [
        "Scanned 3001 commits on main (full scan): 3001 events, 2001 post lineages."
    ]
    assert listing(cli, repo) == listing(alone, repo)
