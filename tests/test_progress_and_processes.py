"""A scan's progress bar (a terminal only, after a second) and the git processes it leaves."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo
from streakline import cli as cli_module
from terminal import run_streakline


def test_progress_shows_only_once_a_scan_runs_over_a_second(
    capsys: pytest.CaptureFixture[str],
) -> None:
    progress = cli_module._Progress()
    progress(256, 1000)
    assert capsys.readouterr().err == ""

    progress.start -= 1.5
    progress(512, 1000)
    progress.finish()

    assert capsys.readouterr().err == (
        "\rscanning [###############...............] 512/1000 commits\r\033[K"
    )


def slow_git(folder: Path) -> dict[str, str]:
    """A PATH on which git's blob reader starts 1.5 s late, as on a slow disk or a busy host.

    It is the real git, started late: a scan that reads any blob then runs over a second
    however fast this machine is, and its first progress report comes after that second.
    """
    real = shutil.which("git")
    assert real is not None
    folder.mkdir()
    wrapper = folder / "git"
    wrapper.write_text(
        "#!/bin/sh\n"
        # `cat-file --batch` is the blob reader; GitPython's own `--batch-check` is not.
        'for arg in "$@"; do [ "$arg" = --batch ] && sleep 1.5 && break; done\n'
        f'exec {real} "$@"\n'
    )
    wrapper.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a pseudo-terminal")
def test_long_scan_shows_a_progress_bar_on_a_terminal_and_none_on_a_pipe(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = make_repo()
    repo.fast_import(600)
    env = slow_git(tmp_path / "bin")
    summary = b"Scanned 600 commits on main (full scan): 600 events, 400 post lineages.\n"

    def scan(db: str, *, terminal: bool) -> bytes:
        args = ["scan", "-C", str(repo.path), "--db", f"sqlite:///{tmp_path}/{db}"]
        out = run_streakline(*args, env=env, stderr_tty=terminal)
        assert (out.exit_code, out.stdout) == (0, b""), out.detail
        return out.stderr

    # The bar is redrawn in place every 256 commits, then wiped before the summary.
    assert scan("t.sqlite3", terminal=True) == (
        b"\rscanning [############..................] 256/600 commits"
        b"\rscanning [#########################.....] 512/600 commits"
        b"\r\x1b[K" + summary
    )
    assert scan("p.sqlite3", terminal=False) == summary


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
