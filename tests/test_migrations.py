"""The migrations build exactly the models' schema, once, and ship inside the package."""

from __future__ import annotations

import sqlite3
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import streakline
from streakline import __version__, db
from streakline.errors import DatabaseError
from streakline.models import Base

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def open_and_close(url: str) -> None:
    db.open_engine(url).dispose()


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
    engine = db.open_engine(db_url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()


def test_opening_twice_changes_nothing(db_file: Path, db_url: str) -> None:
    open_and_close(db_url)
    first = snapshot(db_file)
    assert first[1] == [db.HEAD_REVISION]
    open_and_close(db_url)
    assert snapshot(db_file) == first


def test_upgrading_a_current_database_again_is_a_no_op(db_file: Path, db_url: str) -> None:
    """Alembic itself, not only open_engine's shortcut, finds nothing left to do."""
    from alembic import command
    from alembic.config import Config

    engine = db.open_engine(db_url)
    first = snapshot(db_file)
    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()
    assert snapshot(db_file)[:2] == first[:2]


def test_revision_constants_follow_the_scripts() -> None:
    scripts = ScriptDirectory(str(db.MIGRATIONS))
    assert scripts.get_heads() == [db.HEAD_REVISION]
    oldest_first = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(oldest_first) == db.KNOWN_REVISIONS


def test_migrations_ship_in_the_package() -> None:
    package = Path(streakline.__file__).parent
    assert (db.MIGRATIONS.parent, db.MIGRATIONS.name) == (package, "migrations")
    data = tomllib.loads(PYPROJECT.read_text())
    globs = data["tool"]["setuptools"]["package-data"]["streakline"]
    shipped = {p for glob in globs for p in package.glob(glob)}
    needed = {
        p
        for p in db.MIGRATIONS.rglob("*")
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
            con.execute("INSERT INTO meta (key, value) VALUES ('version', ?)", (stored_version,))
    con.close()
    before = db_file.read_bytes()
    neighbours = sorted(db_file.parent.iterdir())

    with pytest.raises(DatabaseError) as refused:
        db.open_engine(db_url)

    message = str(refused.value)
    assert "9999" in message and db.HEAD_REVISION in message
    assert named in message and __version__ in message
    assert db_file.read_bytes() == before
    assert sorted(db_file.parent.iterdir()) == neighbours
