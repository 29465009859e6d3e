"""Hostile input from the repo or the environment: shown safely, one line, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gitrepo import Cli, GitRepo, at, markdown, user_error

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
        "  x\\x1b[2J\\x1b]0;pwne…      1  2024-01-01"
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
