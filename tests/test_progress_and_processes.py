"""A scan's progress bar (a terminal only, after a second) and the git processes it leaves."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, streakline_exe
from streakline import cli as cli_module


def test_progress_shows_only_once_a_scan_runs_over_a_second(
    capsys: pytest.CaptureFixture[str],
) -> None:
    progress = cli_module._Progress()
    progress(256, 1000)
    assert capsys.readouterr().err == ""

    progress.start -= 1.5
    progress(512, 1000)
    progress.finish()

    err = capsys.readouterr().err
    assert "\rscanning [###############...............] 512/1000 commits" in err
    assert err.endswith("\r\033[K")


def scan_output(repo: GitRepo, db: str, *, terminal: bool) -> bytes:
    args = [str(streakline_exe()), "scan", "--rebuild", "-C", str(repo.path), "--db", db]
    if not terminal:
        done = subprocess.run(args, capture_output=True, check=True)
        return done.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks)


@pytest.mark.slow
def test_long_scan_shows_a_progress_bar_on_a_terminal_and_none_on_a_pipe(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = make_repo()
    repo.fast_import(12000)
    db = f"sqlite:///{tmp_path}/p.sqlite3"

    on_pipe = scan_output(repo, db, terminal=False)
    on_terminal = scan_output(repo, db, terminal=True)

    assert b"scanning [" not in on_pipe
    assert b"\r" not in on_pipe
    assert b"Scanned 12000 commits" in on_pipe
    if b"scanning [" not in on_terminal:
        pytest.skip("this machine scanned 12,000 commits in under a second")
    assert b"/12000 commits" in on_terminal


def child_processes() -> list[str]:
    """Command lines of this process's children that are still around."""
    me = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[1] == me:
            found.append(cmdline)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_commands_leave_no_git_process_behind(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.fast_import(30)
    before = child_processes()

    cli.scan(repo)
    cli.posts(repo)
    cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", "2024-01-01")

    assert [c for c in child_processes() if "git" in c and c not in before] == []
