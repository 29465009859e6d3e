"""A database that is damaged, locked, read-only or out of room: one line, never a traceback."""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, at, dump_tables, markdown, streakline_exe, user_error


def _blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    return repo


def _posts(cli: Cli, repo: GitRepo) -> list[str]:
    return [p["path"] for p in cli.posts(repo)]


@pytest.mark.parametrize("kind", ["not sqlite", "truncated"])
def test_item_11_a_damaged_database_is_one_line_and_rebuild_keeps_a_copy(
    kind: str, make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = _blog(make_repo)
    if kind == "not sqlite":
        db_file.write_bytes(b"these are someone's notes, not a database\n" * 100)
        detail = "file is not a database"
    else:
        cli.scan(repo)
        db_file.write_bytes(db_file.read_bytes()[:40_000])
        detail = "database disk image is malformed"
    broken = db_file.read_bytes()

    run = cli.run("posts", "-C", str(repo.path), "--db", cli.db_url, "--json")

    assert user_error(run) == (
        f"error: the database {db_file} is damaged or not a SQLite database ({detail}); "
        f"`streakline scan --rebuild` keeps it as {db_file}.damaged and starts over"
    )
    assert db_file.read_bytes() == broken

    rebuilt = cli.scan(repo, "--rebuild")

    assert rebuilt.stderr_lines == [
        f"warning: the database {db_file} was damaged; kept it as {db_file}.damaged "
        "and starting over",
        "Scanned 1 commits on main (full scan): 1 events, 1 post lineages.",
    ]
    assert Path(f"{db_file}.damaged").read_bytes() == broken
    assert _posts(cli, repo) == ["posts/a.md"]


def test_item_11_tables_without_a_schema_version_are_one_line_and_rebuild_recovers(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = _blog(make_repo)
    cli.scan(repo)
    con = sqlite3.connect(db_file)
    con.execute("DROP TABLE alembic_version")
    con.commit()
    con.close()
    before = db_file.read_bytes()

    run = cli.run("stats", "-C", str(repo.path), "--db", cli.db_url, "--json")

    assert user_error(run) == (
        f"error: the database {db_file} is damaged or not a SQLite database (it has "
        "streakline's tables but no schema version); `streakline scan --rebuild` keeps it "
        f"as {db_file}.damaged and starts over"
    )
    assert db_file.read_bytes() == before
    cli.scan(repo, "--rebuild")
    assert Path(f"{db_file}.damaged").read_bytes() == before
    assert _posts(cli, repo) == ["posts/a.md"]


def test_item_11_a_database_locked_by_another_writer_waits_then_says_so(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("streakline.store.LOCK_WAIT", 0.5)
    repo = _blog(make_repo)
    cli.scan(repo)
    repo.write("posts/b.md", markdown(title="B", date="2024-01-02"))
    repo.commit("B", at(2024, 1, 2))
    before = dump_tables(db_file)
    holder = sqlite3.connect(db_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        run = cli.run("posts", "-C", str(repo.path), "--db", cli.db_url)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert user_error(run) == (
        f"error: the database {cli.db_url} is locked by another process (a scan or hook "
        "still running?); waited 0.5 s: run the command again once it is done"
    )
    assert dump_tables(db_file) == before
    assert _posts(cli, repo) == ["posts/a.md", "posts/b.md"]


def test_item_11_a_read_only_database_is_one_line(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    # Tests may run as root, for whom file modes do not hold: SQLite's read-only mode does.
    repo = _blog(make_repo)
    cli.scan(repo)
    repo.write("posts/b.md", markdown(title="B", date="2024-01-02"))
    repo.commit("B", at(2024, 1, 2))
    before = db_file.read_bytes()
    url = f"sqlite:///file:{db_file}?mode=ro&uri=true"

    run = cli.run("posts", "-C", str(repo.path), "--db", url)

    assert user_error(run) == (
        f"error: cannot write to the database sqlite:///file%3A{db_file}?mode=ro&uri=true: "
        "the file or its folder is read-only; make it writable, or pass --db to use another "
        "database"
    )
    assert db_file.read_bytes() == before


def test_item_11_a_database_in_a_missing_folder_is_one_line(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = _blog(make_repo)
    url = f"sqlite:///{tmp_path}/missing/s.sqlite3"

    run = cli.run("scan", "-C", str(repo.path), "--db", url)

    assert user_error(run) == (
        f"error: cannot open the database {url}: its folder is missing or not writable; "
        "pass --db to use another database"
    )


def test_item_11_a_full_disk_is_one_line_and_keeps_the_stored_scan(
    make_repo: Callable[..., GitRepo], db_file: Path, db_url: str
) -> None:
    repo = _blog(make_repo)
    Cli(db_url).scan(repo)
    before = dump_tables(db_file)
    repo.fast_import(1500, start=1)
    limit = db_file.stat().st_size + 16_384

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run(
        [str(streakline_exe()), "scan", "-C", str(repo.path), "--db", db_url],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=small_files,
        timeout=300,
        check=False,
    )

    assert (proc.returncode, proc.stdout, proc.stderr) == (
        1,
        "",
        f"error: cannot write to the database {db_url}: the disk is full or a file size "
        "limit was reached; nothing was stored: free some space and run the command again\n",
    )
    assert dump_tables(db_file) == before


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://writer:S3CRET@db.example:notaport/blog",
            "error: 'postgresql+psycopg://writer:***@db.example:notaport/blog' is not a "
            "database URL (for example sqlite:///path/to/file.sqlite3 or "
            "postgresql+psycopg://user@host/db)",
        ),
        (
            "nosuch+driver://writer:S3CRET@db.example/blog",
            "error: cannot use database nosuch+driver://writer:***@db.example/blog: Can't "
            "load plugin: sqlalchemy.dialects:nosuch.driver",
        ),
    ],
)
@pytest.mark.parametrize("command", ["posts", "board"])
def test_item_17_a_password_in_a_bad_url_is_never_printed(
    url: str, shown: str, command: str, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = _blog(make_repo)

    run = cli.run(command, "-C", str(repo.path), env={"STREAKLINE_DB": url})

    assert user_error(run) == shown
    assert "S3CRET" not in run.detail


def test_item_12_thirty_first_runs_at_once_on_a_missing_database_all_succeed(
    make_repo: Callable[..., GitRepo],
) -> None:
    repo = _blog(make_repo)
    repo.write("posts/b.md", markdown(title="B", date="2024-01-02"))
    repo.commit("B", at(2024, 1, 2))
    command = [str(streakline_exe()), "posts", "-C", str(repo.path), "--json"]

    procs = [
        subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(30)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]

    assert {code for code, _, _ in results} == {0}, [err for _, _, err in results if err]
    assert {err for _, _, err in results} == {""}
    outputs = {out for _, out, _ in results}
    assert len(outputs) == 1
    assert [p["path"] for p in json.loads(outputs.pop())] == ["posts/a.md", "posts/b.md"]


def test_item_03_default_database_path_with_question_mark_and_percent(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    # See also test_store.py::test_the_default_database_lives_in_the_repo_whatever_its_name.
    repo = _blog(lambda: make_repo("a?b%20c"))

    run = Cli("unused").ok("posts", "-C", str(repo.path), "--json")

    assert [p["path"] for p in run.json()] == ["posts/a.md"]
    assert (tmp_path / "a?b%20c" / ".git" / "streakline.sqlite3").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a?b%20c"]


def test_item_04_worktrees_on_two_branches_share_the_default_database_without_rescans(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = _blog(make_repo)
    repo.branch("drafts")
    repo.checkout("drafts")
    repo.write("posts/b.md", markdown(title="B", date="2024-01-02"))
    repo.commit("B", at(2024, 1, 2))
    drafts_tip = repo.head()
    repo.checkout("main")
    main_tip = repo.head()
    other = tmp_path / "other"
    repo.git("worktree", "add", "-q", str(other), "drafts")
    cli = Cli("unused")

    def scan(path: Path) -> list[str]:
        return cli.ok("scan", "-C", str(path)).stderr_lines

    assert scan(repo.path) == ["Scanned 1 commits on main (full scan): 1 events, 1 post lineages."]
    assert scan(other) == ["Scanned 2 commits on drafts (full scan): 2 events, 2 post lineages."]
    for _ in range(2):
        assert scan(repo.path) == [f"Up to date at {main_tip[:10]}."]
        assert scan(other) == [f"Up to date at {drafts_tip[:10]}."]
    assert not (other / "streakline.sqlite3").exists()


def test_item_05_an_in_memory_database_works_within_one_command(
    make_repo: Callable[..., GitRepo],
) -> None:
    repo = _blog(make_repo)
    cli = Cli("sqlite://")
    args = ("-C", str(repo.path), "--db", "sqlite://", "--today", "2024-01-02", "--json")

    scan = cli.ok("scan", "-C", str(repo.path), "--db", "sqlite://", "--rebuild")
    stats = cli.ok("stats", *args).json()

    assert scan.stderr_lines == [
        "Scanned 1 commits on main (full scan): 1 events, 1 post lineages."
    ]
    assert [p["path"] for p in cli.posts(repo, db="sqlite://")] == ["posts/a.md"]
    assert (stats["totals"]["posts"], stats["est"]) == (1, 2024)
