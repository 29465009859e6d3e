"""The small things a new user hits first: --version, a missing folder, TERM=dumb, an empty
repo, `--today` in the past, and the demo's closing hint."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, Run, at, markdown, streakline_exe, user_error
from streakline import __version__
from terminal import run_streakline


def test_version(cli: Cli, run_process: Callable[..., Run]) -> None:
    assert cli.ok("--version").stdout == f"streakline {__version__}\n"
    run = run_process("--version")
    assert (run.exit_code, run.stdout, run.stderr) == (0, f"streakline {__version__}\n", "")


@pytest.mark.parametrize("command", ["stats", "posts", "scan", "init"])
def test_a_missing_folder_is_named_as_missing(cli: Cli, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "no-such-blog"

    line = user_error(cli.run(command, "-C", str(missing)))

    assert line == f"error: {missing} does not exist; pass -C path/to/your/blog"


def test_a_file_is_not_a_folder(cli: Cli, tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("hello\n")

    line = user_error(cli.run("stats", "-C", str(file)))

    assert line == f"error: {file} is not a folder; pass -C path/to/your/blog"


@pytest.fixture
def blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    repo = make_repo()
    repo.write("posts/a.md", markdown("Some words.", title="A", tags="[python]"))
    repo.commit("Add a", at(2026, 11, 2))
    repo.write("posts/later.md", markdown("Soon.", title="Later", date="2026-12-20"))
    repo.commit("Schedule later", at(2026, 11, 21))
    repo.write("posts/december.md", markdown("Cold.", title="December", date="2026-12-01"))
    repo.commit("Add december", at(2026, 12, 1))
    repo.write("posts/tomorrow.md", markdown("Next.", title="Tomorrow", date="2026-11-26"))
    repo.commit("Add tomorrow", at(2026, 12, 2))
    return repo


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(
    ("env", "coloured"),
    [({"TERM": "dumb"}, False), ({"TERM": "xterm-256color"}, True), ({"NO_COLOR": "1"}, False)],
    ids=["dumb", "xterm", "no-color"],
)
def test_a_dumb_terminal_gets_no_colour(
    blog: GitRepo, cli: Cli, env: dict[str, str], coloured: bool
) -> None:
    out = run_streakline(
        "stats", "-C", str(blog.path), "--db", cli.db_url, "--today", "2026-11-25",
        env={"COLUMNS": "80", "TERM": "xterm", **env},
        stdout_tty=True,
    )  # fmt: skip

    assert out.exit_code == 0, out.detail
    assert (b"\x1b[" in out.stdout) is coloured


def test_posts_after_a_past_today_are_not_there_yet(blog: GitRepo, cli: Cli) -> None:
    """Written after the day asked about: not counted, and not called scheduled either."""
    posts = cli.posts(blog, today="2026-11-25")
    totals = cli.ok("stats", "-C", str(blog.path), "--db", cli.db_url, "--json",
                    "--today", "2026-11-25").json()["totals"]  # fmt: skip

    # `later` was committed on 21 November for 20 December: scheduled on the 25th.
    assert [(p["path"], p["status"]) for p in posts] == [
        ("posts/a.md", "published"),
        ("posts/later.md", "scheduled"),
    ]
    assert (totals["posts"], totals["scheduled"]) == (1, 1)
    # On 2 December everything has landed; `tomorrow` (dated 26 November) is published.
    now = cli.posts(blog, today="2026-12-02")
    assert [(p["path"], p["status"]) for p in now] == [
        ("posts/a.md", "published"),
        ("posts/tomorrow.md", "published"),
        ("posts/december.md", "published"),
        ("posts/later.md", "scheduled"),
    ]


def test_an_empty_repo_says_so(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo("empty", config=None)

    first = cli.scan(repo)
    again = cli.scan(repo)

    assert first.stderr_lines == [
        "Scanned 0 commits on main (full scan): 0 events, 0 post lineages."
    ]
    assert again.stderr_lines == ["Up to date: main has no commits yet."]


# The demo's closing hint ----------------------------------------------------------------------


def demo_hint(path: str, home: Path) -> str:
    """The command the demo closes with, run as a real process with `path` as PATH."""
    proc = subprocess.run(
        [str(streakline_exe()), "demo", "--color", "never"],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, "HOME": str(home)},
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()[-1].strip()


def test_the_demo_hint_runs_as_written_off_path(
    blog: GitRepo, tmp_path: Path, clean_env: Path
) -> None:
    """Installed as the README says, in a venv that is not on PATH."""
    git_only = tmp_path / "bin"
    git_only.mkdir()
    git = Path(subprocess.run(["which", "git"], capture_output=True, text=True).stdout.strip())
    (git_only / "git").symlink_to(git)
    path = f"{git_only}:/usr/bin:/bin"

    hint = demo_hint(path, clean_env)

    assert hint == f"{streakline_exe()} stats -C path/to/your/blog"
    command = hint.replace("path/to/your/blog", str(blog.path)) + " --today 2026-11-25"
    proc = subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path, "COLUMNS": "80"},
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("blog · est. 2026 · 1 post · "), proc.stdout


def test_the_demo_hint_is_plain_streakline_on_path(clean_env: Path) -> None:
    path = f"{streakline_exe().parent}:{os.environ['PATH']}"

    assert demo_hint(path, clean_env) == "streakline stats -C path/to/your/blog"


def test_the_demo_hint_shortens_home() -> None:
    """`~/.streakline/bin/streakline`, as the README's install puts it."""
    home = streakline_exe().parent.parent.parent
    hint = demo_hint("/usr/bin:/bin", home)

    relative = streakline_exe().relative_to(home)
    assert hint == f"~/{relative} stats -C path/to/your/blog"
