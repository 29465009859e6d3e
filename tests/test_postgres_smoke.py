"""PostgreSQL holds what SQLite holds: the same posts and stats, and the models' schema (SPEC 7)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from gitrepo import Cli, GitRepo, at, markdown
from streakline import store
from streakline.models import Base
from streakline.store import Store

TODAY = "2026-11-25"
HELLO = {"title": "Hello, world", "date": "2026-10-05", "tags": "[python, git]"}
CAFE = {"title": "Café notes", "tags": "[writing]", "categories": "[life]"}


def write(rel: str, body: str, **fields: str) -> Callable[[GitRepo], None]:
    return lambda repo: repo.write(rel, markdown(body, **fields))


# (commit name, landing day, change): a post with a declared date, one with a non-ASCII
# title and path that is then renamed, an edit, a draft, a deleted post and a scheduled one.
STEPS: list[tuple[str, tuple[int, int, int], Callable[[GitRepo], None]]] = [
    ("hello", (2026, 10, 5), write("posts/hello.md", "Hello there, world.", **HELLO)),
    ("cafe", (2026, 10, 12), write("posts/café.md", "Notes from the café on the corner.", **CAFE)),
    ("draft", (2026, 10, 20), write("posts/draft.md", "Not yet.", title="Draft", draft="true")),
    (
        "edit",
        (2026, 11, 2),
        write("posts/hello.md", "Hello there, world. And more words now.", **HELLO),
    ),
    ("rename", (2026, 11, 9), lambda repo: repo.move("posts/café.md", "posts/cafe.md")),
    ("gone", (2026, 11, 16), write("posts/gone.md", "Short-lived.", title="Gone")),
    ("remove", (2026, 11, 18), lambda repo: repo.remove("posts/gone.md")),
    ("later", (2026, 11, 20), write("posts/later.md", "Soon.", title="Later", date="2026-12-20")),
]


def build(repo: GitRepo, steps: list[tuple[str, tuple[int, int, int], Any]]) -> dict[str, str]:
    """Commits the steps in order; the sha of each, by name."""
    shas = {}
    for name, day, change in steps:
        change(repo)
        shas[name] = repo.commit(f"Change: {name}", at(*day))
    return shas


def post(
    path: str,
    title: str,
    status: str,
    published: str | None,
    date_source: str,
    words: int,
    edits: int,
    first: str,
    last: str,
    tags: list[str] | None = None,
    categories: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "path": path,
        "title": title,
        "status": status,
        "published": published,
        "previously_published": None,
        "date_source": date_source,
        "tags": tags or [],
        "categories": categories or [],
        "words": words,
        "edits": edits,
        "first_commit": first,
        "last_commit": last,
    }


def expected_posts(sha: dict[str, str]) -> list[dict[str, Any]]:
    return [
        post(
            "posts/hello.md", "Hello, world", "published", "2026-10-05", "declared", 7, 1,
            sha["hello"], sha["edit"], tags=["python", "git"],
        ),
        post(
            "posts/cafe.md", "Café notes", "published", "2026-10-12", "landed", 7, 0,
            sha["cafe"], sha["rename"], tags=["writing"], categories=["life"],
        ),
        post(
            "posts/gone.md", "Gone", "unpublished", "2026-11-16", "landed", 2, 0,
            sha["gone"], sha["remove"],
        ),
        post(
            "posts/later.md", "Later", "scheduled", "2026-12-20", "declared", 1, 0,
            sha["later"], sha["later"],
        ),
        post("posts/draft.md", "Draft", "draft", None, "landed", 2, 1, sha["draft"], sha["draft"]),
    ]  # fmt: skip


EXPECTED_STATS = {
    "totals": {
        "posts": 2,
        "drafts": 1,
        "scheduled": 1,
        "words": 14,
        "edits": 2,
        "first_post": "2026-10-05",
        "last_post": "2026-10-12",
    },
    "est": 2026,
    "streaks": {
        "current": {
            "length": 0,
            "unit": "week",
            "start": None,
            "end": None,
            "status": "broken",
            "days_left": None,
        },
        "longest": {"length": 2, "unit": "week", "start": "2026-10-05", "end": "2026-10-18"},
    },
    "tags": {"git": 1, "python": 1, "writing": 1},
    "categories": {"life": 1},
    "authors": {"Ada": 2},
    "badges": {"streak": "no streak", "est": "est. 2026", "footer": "est. 2026 ● no streak"},
}


def stats_run(cli: Cli, repo: GitRepo) -> str:
    run = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", TODAY)
    return run.stdout


def test_scan_then_posts_and_stats(any_db_url: str, make_repo: Callable[..., GitRepo]) -> None:
    repo = make_repo()
    sha = build(repo, STEPS)
    cli = Cli(any_db_url)

    scan = cli.scan(repo)

    assert scan.stderr_lines == [
        "Scanned 8 commits on main (full scan): 8 events, 5 post lineages."
    ]
    assert cli.posts(repo, include_deleted=True) == expected_posts(sha)
    stats = cli.ok(
        "stats", "-C", str(repo.path), "--db", any_db_url, "--json", "--today", TODAY
    ).json()
    assert stats["repo"] == {"branch": "main", "head": sha["later"]}
    assert {key: stats[key] for key in EXPECTED_STATS} == EXPECTED_STATS


def test_incremental_scans_store_the_same_posts(
    any_db_url: str, make_repo: Callable[..., GitRepo]
) -> None:
    repo = make_repo()
    cli = Cli(any_db_url)
    sha = build(repo, STEPS[:4])
    cli.scan(repo)
    sha |= build(repo, STEPS[4:])

    scan = cli.scan(repo)

    assert scan.stderr_lines == [
        "Scanned 4 commits on main (incremental scan): 4 events, 5 post lineages."
    ]
    assert cli.posts(repo, include_deleted=True) == expected_posts(sha)


def test_postgresql_prints_the_same_json_as_sqlite(
    pg_url: str, tmp_path: Path, make_repo: Callable[..., GitRepo]
) -> None:
    """Every key and every byte, including the ones the other tests do not pin."""
    repo = make_repo()
    build(repo, STEPS)
    outputs = []
    for url in (f"sqlite:///{tmp_path}/s.sqlite3", pg_url):
        cli = Cli(url)
        cli.scan(repo)
        outputs.append((cli.posts_run(repo, include_deleted=True).stdout, stats_run(cli, repo)))

    sqlite, postgresql = outputs
    assert postgresql == sqlite


def test_migrations_build_the_models_schema_on_postgresql(pg_url: str) -> None:
    opened = Store(pg_url)
    engine = opened.engine
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            revisions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            assert [rev for (rev,) in revisions] == [store.HEAD_REVISION]
    finally:
        opened.close()
