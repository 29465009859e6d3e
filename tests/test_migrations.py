"""The migrations build exactly the models' schema, once, and ship inside the package."""

from __future__ import annotations

import sqlite3
import tomllib
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import streakline
from gitrepo import Cli, GitRepo, at, markdown
from streakline import __version__, store
from streakline.errors import DatabaseError
from streakline.models import Base
from streakline.store import Store

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def open_and_close(url: str) -> None:
    with Store(url) as opened:
        assert opened.engine is not None


def snapshot(path: Path) -> tuple[list[str], list[str], bytes]:
    """The schema, the recorded revision, and the file's bytes."""
    con = sqlite3.connect(path)
    try:
        schema = [sql for (sql,) in con.execute("SELECT sql FROM sqlite_master ORDER BY name")]
        versions = [v for (v,) in con.execute("SELECT version_num FROM alembic_version")]
    finally:
        con.close()
    return schema, versions, path.read_bytes()


def test_upgraded_database_matches_the_models(db_file: Path, db_url: str) -> None:
    with Store(db_url) as opened, opened.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_opening_twice_changes_nothing(db_file: Path, db_url: str) -> None:
    open_and_close(db_url)
    first = snapshot(db_file)
    assert first[1] == [store.HEAD_REVISION]
    open_and_close(db_url)
    assert snapshot(db_file) == first


def test_upgrading_a_current_database_again_is_a_no_op(db_file: Path, db_url: str) -> None:
    """Alembic itself, not only open_engine's shortcut, finds nothing left to do."""
    from alembic import command
    from alembic.config import Config

    opened = Store(db_url)
    engine = opened.engine
    first = snapshot(db_file)
    cfg = Config()
    cfg.set_main_option("script_location", str(store.MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        opened.close()
    assert snapshot(db_file)[:2] == first[:2]


def test_revision_constants_follow_the_scripts() -> None:
    scripts = ScriptDirectory(str(store.MIGRATIONS))
    assert scripts.get_heads() == [store.HEAD_REVISION]
    oldest_first = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(oldest_first) == store.KNOWN_REVISIONS


def test_migrations_ship_in_the_package() -> None:
    package = Path(streakline.__file__).parent
    assert (store.MIGRATIONS.parent, store.MIGRATIONS.name) == (package, "migrations")
    data = tomllib.loads(PYPROJECT.read_text())
    globs = data["tool"]["setuptools"]["package-data"]["streakline"]
    shipped = {p for glob in globs for p in package.glob(glob)}
    needed = {
        p
        for p in store.MIGRATIONS.rglob("*")
        if p.is_file() and p.suffix in {".py", ".mako"} and "__pycache__" not in p.parts
    }
    assert needed
    assert needed <= shipped, sorted(str(p.relative_to(package)) for p in needed - shipped)
    migrations = files("streakline") / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    versions = [f.name for f in (migrations / "versions").iterdir()]
    assert any(name[0].isdigit() and name.endswith(".py") for name in versions)


@pytest.mark.parametrize(
    ("stored_version", "named"), [("9.9.0", "9.9.0"), (None, "a newer version")]
)
def test_a_database_from_a_newer_streakline_is_refused_untouched(
    db_file: Path, db_url: str, stored_version: str | None, named: str
) -> None:
    open_and_close(db_url)
    con = sqlite3.connect(db_file)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        if stored_version is not None:
            con.execute("INSERT INTO repos (identity, name) VALUES ('x', 'x')")
            con.execute(
                "INSERT INTO scans (repo_id, branch, version, settings, config, last_commit)"
                " VALUES (1, 'main', ?, '', '{}', '')",
                (stored_version,),
            )
    con.close()
    before = db_file.read_bytes()
    neighbours = sorted(db_file.parent.iterdir())

    with pytest.raises(DatabaseError) as refused:
        open_and_close(db_url)

    message = str(refused.value)
    assert "9999" in message and store.HEAD_REVISION in message
    assert named in message and __version__ in message
    assert db_file.read_bytes() == before
    assert sorted(db_file.parent.iterdir()) == neighbours


def test_upgrading_a_0002_database_keeps_every_row_for_its_repo(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, db_url: str
) -> None:
    """A database written before many repos shared one keeps its rows for its own repo."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    repo = make_repo()
    repo.write("posts/a.md", markdown("One two three.", title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    repo.write("posts/a.md", markdown("One two three four.", title="A", date="2024-01-01"))
    repo.commit("Edit A", at(2024, 1, 2))
    tip = repo.head()
    engine = create_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(store.MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.exec_driver_sql(
            "INSERT INTO meta (key, value) VALUES ('version', ?), ('settings', 'f'),"
            " ('branch', 'main'), ('last_commit', ?)",
            (__version__, tip),
        )
        conn.exec_driver_sql(
            "INSERT INTO lineages (id, path, is_post, title, date, draft, deleted, published,"
            " ever_published, tags, categories, words, blob, first_commit, last_commit,"
            " published_at, published_offset, published_commit, published_author,"
            " published_email, deleted_seq, name_date) VALUES (1, 'posts/a.md', 1, 'A',"
            " '2024-01-01', 0, 0, 1, 1, '[\"x\"]', '[]', 4, NULL, 'c1', ?, 1704106800, 60,"
            " 'c1', 'Ada', 'ada@example.org', 0, NULL)",
            (tip,),
        )
        conn.exec_driver_sql(
            "INSERT INTO events (id, lineage_id, commit_sha, time, utc_offset, kind, path,"
            " old_path, author_name, author_email, words_added, words_removed, bulk) VALUES"
            " (1, 1, 'c1', 1704106800, 60, 'published', 'posts/a.md', NULL, 'Ada',"
            " 'ada@example.org', 3, 0, 0), (2, 1, ?, 1704193200, 60, 'edited', 'posts/a.md',"
            " NULL, 'Ada', 'ada@example.org', 1, 0, 0)",
            (tip,),
        )
    engine.dispose()

    open_and_close(db_url)
    con = sqlite3.connect(db_file)
    try:
        scans = con.execute("SELECT repo_id, branch, version, last_commit FROM scans").fetchall()
        repos = con.execute("SELECT id, identity FROM repos").fetchall()
        lineages = con.execute("SELECT scan_id, id, path, tags, words FROM lineages").fetchall()
        events = con.execute("SELECT scan_id, id, kind, words_added FROM events").fetchall()
    finally:
        con.close()
    assert repos == [(1, "")]
    # 0004 forgets the last commit: the next scan reads the history again (encodings).
    assert scans == [(1, "main", __version__, "")]
    assert lineages == [(1, 1, "posts/a.md", '["x"]', 4)]
    assert events == [(1, 1, "published", 3), (1, 2, "edited", 1)]

    # The repo's first scan claims the rows; the settings fingerprint differs ('f'), so it
    # starts over, as a changed configuration always does.
    run = cli.scan(repo)
    con = sqlite3.connect(db_file)
    try:
        claimed = con.execute("SELECT identity FROM repos").fetchall()
    finally:
        con.close()
    assert [identity.endswith(str(repo.common_dir())) for (identity,) in claimed] == [True]
    assert "settings changed since the last scan of main; starting over" in run.stderr
