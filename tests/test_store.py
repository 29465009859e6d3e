"""SPEC 7: the Store, directly: transactions that leave no trace, URLs, messages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, at, markdown, user_error
from streakline.changes import EventKind
from streakline.errors import DatabaseError
from streakline.lineage import Event, Lineage
from streakline.store import RepoIdentity, ScanState, Store

REPO = RepoIdentity("abc123 /srv/blog.git", "blog")


def test_a_rolled_back_scan_leaves_no_trace(any_db_url: str) -> None:
    """The pre-commit hook scans a commit that does not exist yet inside such a transaction."""
    with Store(any_db_url) as store:
        with store.scan(REPO, "main", write=True) as rows:
            rows.save_state(ScanState("1", "f", "c1"), {})
        with store.scan(REPO, "main", write=True, keep=False) as rows:
            rows.save_state(ScanState("1", "f", "c2"), {})
            rows.save_lineages([Lineage(1, "posts/a.md", "A", "c2", "c2")], lambda _p: True)
            assert rows.state == ScanState("1", "f", "c2")
            assert list(rows.load_lineages()) == [1]

        with store.scan(REPO, "main", write=False) as rows:
            assert rows.state == ScanState("1", "f", "c1")
            assert rows.load_lineages() == {}


def test_every_field_of_a_lineage_and_an_event_reads_back_as_written(any_db_url: str) -> None:
    """Rows are read by position: a column out of order would put a value in another field."""
    lineage = Lineage(
        id=7, path="posts/b.md", title="B", first_commit="c1", last_commit="c3", blob="b1",
        deleted=True, draft=True, published=True, ever_published=True, date="2024-03-01",
        tags=("rust", "vim"), categories=("notes",), authors=("Ada",), words=42,
        published_at=1709280000, published_offset=60, published_commit="c2",
        published_author="Ada L", published_email="ada@example.org", deleted_seq=3,
        name_date="2024-02-29", encoding="utf-8-bom",
    )  # fmt: skip
    event = Event(
        id=9, lineage_id=7, commit="c3", time=1709366400, offset=-300, kind=EventKind.RENAMED,
        path="posts/b.md", old_path="posts/a.md", author_name="Ada L",
        author_email="ada@example.org", words_added=5, words_removed=2,
    )  # fmt: skip
    with Store(any_db_url) as store:
        with store.scan(REPO, "main", write=True) as rows:
            rows.save_state(ScanState("1", "f", "c3"), {})
            rows.save_lineages([lineage], lambda _p: True)
            rows.save_events([event])
        with store.scan(REPO, "main", write=False) as rows:
            assert rows.load_lineages() == {7: lineage}
            assert rows.load_events() == [event]
            assert rows.load_events()[0].kind is EventKind.RENAMED


def test_a_repo_or_branch_not_scanned_yet_reads_as_empty(any_db_url: str) -> None:
    with Store(any_db_url) as store:
        with store.scan(REPO, "main", write=True) as rows:
            rows.save_state(ScanState("1", "f", "c1"), {})
        with store.scan(REPO, "other", write=False) as rows:
            assert (rows.state, rows.load_lineages(), rows.load_events()) == (None, {}, [])
        with store.scan(RepoIdentity("def /x", "x"), "main", write=False) as rows:
            assert (rows.state, rows.load_lineages(), rows.load_events()) == (None, {}, [])


def test_a_password_in_the_url_is_never_shown() -> None:
    # Nothing listens on port 1: the connection is refused at once.
    store = Store("postgresql+psycopg://writer:SECRETPW@127.0.0.1:1/blog?connect_timeout=5")

    with pytest.raises(DatabaseError) as refused:
        store.engine  # noqa: B018 - opening is what is tested

    message = str(refused.value)
    assert "SECRETPW" not in message
    assert message.startswith("cannot open database postgresql+psycopg://writer:***@127.0.0.1:1/")


@pytest.mark.parametrize("name", ["my?blog", "50%blog", "a#b c"])
def test_the_default_database_lives_in_the_repo_whatever_its_name(
    name: str, make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = make_repo(name)
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    cli = Cli("unused")

    run = cli.ok("posts", "-C", str(repo.path), "--json")

    assert [p["path"] for p in run.json()] == ["posts/a.md"]
    assert (repo.path / ".git" / "streakline.sqlite3").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_an_in_memory_database_serves_one_command(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))

    posts = cli.posts(repo, db="sqlite://")

    assert [p["path"] for p in posts] == ["posts/a.md"]


def test_a_url_that_is_not_one_is_one_line(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.commit("Empty")

    run = cli.run("posts", "-C", str(repo.path), "--db", "not a url")

    assert user_error(run) == (
        "error: 'not a url' is not a database URL (for example sqlite:///path/to/file.sqlite3 "
        "or postgresql+psycopg://user@host/db)"
    )
