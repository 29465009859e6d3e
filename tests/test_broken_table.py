"""Every command against broken repos and databases: a right answer, or one line and exit 1.

Never a traceback, never a usage error, never an empty answer for a repo that has posts,
and a failing command leaves the stored database byte for byte as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, Run, at, markdown, user_error

COMMANDS = (
    ("scan",),
    ("posts",),
    ("posts", "--json"),
    ("stats", "--color", "never"),
    ("stats", "--json"),
    ("board",),
    ("board", "--json"),
    ("init", "--force"),
)


@dataclass
class Case:
    repo: Path
    db_url: str
    db_file: Path
    holder: sqlite3.Connection | None = None


def _blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01", tags="[x]"))
    repo.commit("A", at(2024, 1, 1))
    return repo


def _scanned(make_repo: Callable[..., GitRepo], tmp_path: Path) -> tuple[GitRepo, Path]:
    repo = _blog(make_repo)
    db = tmp_path / "s.sqlite3"
    Cli(f"sqlite:///{db}").scan(repo)
    # A commit not scanned yet: every command has to write to catch up.
    repo.write("posts/b.md", markdown(title="B", date="2024-01-02"))
    repo.commit("B", at(2024, 1, 2))
    return repo, db


def _sql(db: Path, statement: str) -> None:
    con = sqlite3.connect(db)
    con.execute(statement)
    con.commit()
    con.close()


def _case(name: str, make_repo: Callable[..., GitRepo], tmp_path: Path) -> Case:
    repo, db = _scanned(make_repo, tmp_path)
    url = f"sqlite:///{db}"
    if name == "healthy":
        return Case(repo.path, url, db)
    if name == "not sqlite":
        db.write_bytes(b"not a database at all\n" * 200)
    elif name == "truncated":
        db.write_bytes(db.read_bytes()[:40_000])
    elif name == "no schema version":
        _sql(db, "DROP TABLE alembic_version")
    elif name == "newer schema":
        _sql(db, "UPDATE alembic_version SET version_num = '9999'")
    elif name == "locked":
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        return Case(repo.path, url, db, holder)
    elif name == "read-only":
        return Case(repo.path, f"sqlite:///file:{db}?mode=ro&uri=true", db)
    elif name == "missing branch":
        repo.write(".streakline.toml", 'posts = ["posts/*.md"]\nbranch = "nope"\n')
    elif name == "shallow clone":
        clone = tmp_path / "shallow"
        repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone))
        return Case(clone, url, db)
    elif name == "not a repo":
        folder = tmp_path / "plain"
        folder.mkdir()
        return Case(folder, url, db)
    return Case(repo.path, url, db)


CASES = (
    "healthy", "not sqlite", "truncated", "no schema version", "newer schema", "locked",
    "read-only", "missing branch", "shallow clone", "not a repo",
)  # fmt: skip


@contextmanager
def _released(case: Case) -> Iterator[None]:
    try:
        yield
    finally:
        if case.holder is not None:
            case.holder.execute("ROLLBACK")
            case.holder.close()


def _check_answer(command: tuple[str, ...], run: Run, count: int) -> None:
    """An exit 0 must carry the real answer (`count` posts), never an empty result."""
    if command == ("posts", "--json"):
        assert [p["path"] for p in run.json()] == ["posts/a.md", "posts/b.md"], run.detail
    elif command == ("stats", "--json"):
        assert run.json()["totals"]["posts"] == 2, run.detail
    elif command == ("board", "--json"):
        assert [row["posts"] for row in run.json()] == [count], run.detail
    elif command == ("posts",):
        assert run.stdout.splitlines()[-1].startswith("2 published of 2 listed"), run.detail
    elif command == ("scan",):
        assert run.stderr_lines[-1].endswith("2 post lineages."), run.detail
    elif command[0] in ("stats", "board"):
        assert str(count) in run.stdout.split(), run.detail


@pytest.mark.parametrize("name", CASES)
def test_every_command_against_a_broken_repo_or_database(
    name: str,
    make_repo: Callable[..., GitRepo],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("streakline.store.LOCK_WAIT", 0.3)
    case = _case(name, make_repo, tmp_path)
    cli = Cli(case.db_url)
    outcomes: dict[str, str] = {}
    with _released(case):
        for command in COMMANDS:
            before = case.db_file.read_bytes()
            args = [command[0], "-C", str(case.repo), *command[1:]]
            if command[0] != "init":
                args += ["--db", case.db_url]
            if command[0] in ("posts", "stats", "board"):
                args += ["--today", "2024-01-03"]
            run = cli.run(*args)
            if run.exit_code == 0:
                assert "--- exception" not in run.detail, run.detail
                if command[0] != "init":
                    # Outside the repo, board shows what is stored: the first scan's one post.
                    _check_answer(command, run, 1 if name == "not a repo" else 2)
                outcomes[" ".join(command)] = "ok"
            else:
                outcomes[" ".join(command)] = user_error(run)
                assert case.db_file.read_bytes() == before, run.detail
    failed = {c for c, line in outcomes.items() if line != "ok"}
    if name == "healthy":
        assert failed == set()
    elif name in ("locked", "read-only"):
        # init reads only the repo; board of an unreadable shared database is refused too.
        assert failed == {" ".join(c) for c in COMMANDS if c[0] != "init"}
    elif name == "not a repo":
        # board reads a shared database from anywhere; it has this repo's first scan.
        assert failed == {" ".join(c) for c in COMMANDS if c[0] != "board"}
    else:
        assert failed >= {" ".join(c) for c in COMMANDS if c[0] != "init"}
