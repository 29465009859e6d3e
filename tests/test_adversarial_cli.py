"""Hostile input from the repo or the environment: shown safely, one line, never a traceback."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, Run, at, markdown, streakline_exe, user_error

ATTACK = "\x1b[2J\x1b]0;pwned\x07"
SHOWN = "\\x1b[2J\\x1b]0;pwned\\x07"


def _hostile_blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    repo = make_repo()
    repo.write(
        f"posts/a{ATTACK}.md",
        markdown(
            title=f'"Hi{ATTACK}"', date="2024-01-01", tags=f'["x{ATTACK}"]', author=f'"Ann{ATTACK}"'
        ),
    )
    repo.commit("A", at(2024, 1, 1))
    return repo


def test_item_16_escape_sequences_in_titles_tags_and_paths_are_shown_escaped(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = _hostile_blog(make_repo)
    args = ("-C", str(repo.path), "--db", cli.db_url, "--today", "2024-01-02")

    table = cli.ok("posts", *args, env={"COLUMNS": "200"}).stdout
    screen = cli.ok("stats", *args, "--color", "never").stdout
    board = cli.ok("board", *args).stdout
    data = cli.ok("posts", *args, "--json").json()

    assert table.splitlines()[1] == (
        f"2024-01-01               3      0  Hi{SHOWN}  posts/a{SHOWN}.md  x{SHOWN}"
    )
    assert "\x1b" not in screen
    assert [line for line in screen.splitlines() if "x1b" in line] == [
        "  x\\x1b[2J\\x1b]0;pwne…      1  2024-01-01",
        f"  2024-01-01  1st post  posts/a{SHOWN}.md",
    ]
    assert board.splitlines()[1] == (
        f"blog  main    Ann{SHOWN}           1  1 week   1 week   2024-01-01"
    )
    assert (data[0]["title"], data[0]["path"], data[0]["tags"]) == (
        f"Hi{ATTACK}",
        f"posts/a{ATTACK}.md",
        [f"x{ATTACK}"],
    )


def test_item_16_an_error_naming_a_hostile_path_is_shown_escaped(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(f"blog{ATTACK}")
    repo.commit("Empty")

    run = cli.run("init", "-C", str(repo.path))

    assert user_error(run) == (
        f"error: {tmp_path}/blog{SHOWN}/.streakline.toml exists already; pass --force to "
        "overwrite it"
    )


def _one_post(make_repo: Callable[..., GitRepo]) -> GitRepo:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    return repo


def test_item_13_no_git_on_path_is_one_line(
    make_repo: Callable[..., GitRepo],
    run_process: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    repo = _one_post(make_repo)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))

    run = run_process("posts", "-C", str(repo.path))

    assert user_error(run) == (
        "error: git is not installed or not on PATH; streakline reads your history with it"
    )


def test_item_13_output_to_a_full_device_is_one_line(
    make_repo: Callable[..., GitRepo], db_url: str
) -> None:
    repo = _one_post(make_repo)
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [str(streakline_exe()), "posts", "-C", str(repo.path), "--db", db_url, "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )

    assert (proc.returncode, proc.stderr) == (
        1,
        "error: cannot write the output: No space left on device\n",
    )


def test_item_13_demo_into_a_path_under_a_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    target = tmp_path / "notes.txt" / "blog"

    run = cli.run("demo", str(target))

    assert user_error(run) == f"error: {target}: Not a directory"
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_item_13_init_that_cannot_write_its_file_is_one_line(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = _one_post(make_repo)
    (repo.path / ".streakline.toml").unlink()
    (repo.path / ".streakline.toml").mkdir()

    run = cli.run("init", "-C", str(repo.path), "--force")

    assert user_error(run) == f"error: {repo.path}/.streakline.toml: Is a directory"


def test_item_18_a_bad_streakline_today_is_reported_as_the_variable(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = _one_post(make_repo)

    run = cli.run(
        "posts", "-C", str(repo.path), "--db", cli.db_url, env={"STREAKLINE_TODAY": "garbage"}
    )

    assert user_error(run) == "error: STREAKLINE_TODAY is 'garbage', not a YYYY-MM-DD date"


def test_item_13_ctrl_c_while_the_command_line_is_imported_is_one_line() -> None:
    """A real KeyboardInterrupt raised where Ctrl-C lands most often: importing typer."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from streakline.entry import main\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "posts"], capture_output=True, text=True, check=False
    )

    assert (proc.returncode, proc.stdout, proc.stderr) == (
        130,
        "",
        "error: interrupted; nothing was changed\n",
    )
