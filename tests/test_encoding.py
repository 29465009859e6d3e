"""Each post's encoding as the scan read it, stored per lineage; migration 0004 adds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from gitrepo import Cli, GitRepo, at, markdown
from streakline import store
from streakline.frontmatter import parse_post
from streakline.models import Base
from streakline.store import Store

BOM = b"\xef\xbb\xbf"


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql)).all()]
    finally:
        engine.dispose()


def encodings(url: str) -> list[tuple[str, str]]:
    return [(p, e) for p, e in query(url, "SELECT path, encoding FROM lineages ORDER BY path")]


def alembic(url: str, verb: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(store.MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, verb)(cfg, revision)
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"---\ntitle: Plain\n---\nHello.\n", "utf-8"),
        (BOM + b"---\ntitle: Marked\n---\nHello.\n", "utf-8-bom"),
        (b"---\ntitle: Caf\xe9\n---\nHello.\n", "utf-8-replaced"),
        # Not UTF-8 wins over a BOM: the replacement is what a reader must know about.
        (BOM + b"---\ntitle: Caf\xe9\n---\nHello.\n", "utf-8-replaced"),
        (b"\r\n".join([b"+++", b'title = "CRLF"', b"+++", b"Hello."]), "utf-8"),
    ],
)
def test_parse_post_says_how_it_read_the_bytes(data: bytes, encoding: str) -> None:
    fields, _ = parse_post(data, "posts/a.md")
    assert fields is not None
    assert fields.encoding == encoding


def test_each_lineage_keeps_the_encoding_of_its_current_version(
    make_repo: Callable[..., GitRepo], cli: Cli, db_url: str
) -> None:
    repo = make_repo()
    repo.write("posts/plain.md", markdown(title="Plain", date="2024-01-01"))
    repo.write("posts/bom.md", BOM + markdown(title="Bom", date="2024-01-01").encode())
    repo.write("posts/latin.md", b"---\ntitle: Caf\xe9\ndate: 2024-01-01\n---\nNa\xefve.\n")
    repo.commit("Three posts", at(2024, 1, 1))
    cli.scan(repo)
    assert encodings(db_url) == [
        ("posts/bom.md", "utf-8-bom"),
        ("posts/latin.md", "utf-8-replaced"),
        ("posts/plain.md", "utf-8"),
    ]

    # An editor drops the BOM and fixes the bytes; a move keeps what the content says.
    repo.write("posts/bom.md", markdown(title="Bom", date="2024-01-01"))
    repo.write("posts/latin.md", "---\ntitle: Café\ndate: 2024-01-01\n---\nNaïve.\n")
    repo.move("posts/plain.md", "posts/moved.md")
    repo.commit("Clean up", at(2024, 1, 2))
    cli.scan(repo)
    assert encodings(db_url) == [
        ("posts/bom.md", "utf-8"),
        ("posts/latin.md", "utf-8"),
        ("posts/moved.md", "utf-8"),
    ]


def test_migration_0004_adds_the_column_and_the_next_scan_fills_it(
    make_repo: Callable[..., GitRepo], any_db_url: str
) -> None:
    """A database from before 0004 (its rows scanned without encodings) on both dialects."""
    url = any_db_url
    cli = Cli(url)
    repo = make_repo()
    repo.write("posts/bom.md", BOM + markdown(title="Bom", date="2024-01-01").encode())
    repo.commit("A post with a BOM", at(2024, 1, 1))
    tip = repo.head()
    cli.scan(repo)
    alembic(url, "downgrade", "0003")
    assert query(url, "SELECT version_num FROM alembic_version") == [("0003",)]

    with Store(url) as opened, opened.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert query(url, "SELECT version_num FROM alembic_version") == [("0005",)]
    assert encodings(url) == [("posts/bom.md", "utf-8")]
    assert query(url, "SELECT branch, last_commit FROM scans") == [("main", "")]

    # Alembic itself finds nothing left to do.
    before = (encodings(url), query(url, "SELECT branch, last_commit FROM scans"))
    alembic(url, "upgrade", "head")
    assert (encodings(url), query(url, "SELECT branch, last_commit FROM scans")) == before
    assert query(url, "SELECT version_num FROM alembic_version") == [("0005",)]

    run = cli.scan(repo)
    assert run.stderr_lines == ["Scanned 1 commits on main (full scan): 1 events, 1 post lineages."]
    assert encodings(url) == [("posts/bom.md", "utf-8-bom")]
    assert query(url, "SELECT branch, last_commit FROM scans") == [("main", tip)]
