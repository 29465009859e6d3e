"""The scan reads and parses post versions in a second process; without fork, in a thread."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, at, dump_tables, markdown


def history(repo: GitRepo) -> None:
    repo.write("posts/a.md", markdown("One two three.", title="A", date="2024-01-01"))
    repo.write("posts/b.md", b"---\ntitle: B\n---\n\nNUL \0 inside.\n")
    repo.commit("A and B", at(2024, 1, 1))
    repo.write("posts/a.md", markdown("One two three four.", title="A", date="2024-01-01"))
    repo.write("posts/c.md", markdown("Caf\xe9.", title="C", date="2024-13-01"))
    repo.commit("Edit A, add C", at(2024, 1, 2))
    repo.move("posts/a.md", "posts/a-moved.md")
    repo.commit("Move A", at(2024, 1, 3))
    repo.fast_import(200, start=3)


def test_a_scan_without_fork_gives_the_same_events_and_warnings(
    make_repo: Callable[..., GitRepo],
    cli: Cli,
    db_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = make_repo()
    history(repo)
    forked = cli.scan(repo)
    threaded_db = tmp_path / "threaded.sqlite3"
    monkeypatch.delattr(os, "fork")

    threaded = cli.scan(repo, db=f"sqlite:///{threaded_db}")

    assert threaded.stderr == forked.stderr
    assert dump_tables(threaded_db) == dump_tables(db_file)
    assert len(dump_tables(db_file)["events"]) == 4 + 200
