"""The database: opening (with migrations), and loading/saving plain values.

ORM rows never leave this module; the rest of streakline sees dataclasses and tuples.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, OperationalError

from streakline import __version__
from streakline.errors import DatabaseError

if TYPE_CHECKING:
    from streakline.lineage import Event, LineageState

# The ORM models (and sqlalchemy.orm, 50 ms to import) are loaded only by the functions that
# write or read lineages and events: a no-op scan in a git hook needs neither.

# The newest migration this streakline knows, and all it knows (oldest first).
HEAD_REVISION = "0002"
KNOWN_REVISIONS = ("0001", "0002")
MIGRATIONS = Path(__file__).parent / "migrations"


def open_engine(url: str) -> Engine:
    """An engine whose schema is current; refuses a database from a newer streakline."""
    try:
        engine = create_engine(url, connect_args=_connect_args(url))
    except Exception as exc:  # a malformed URL or a missing driver
        raise DatabaseError(f"cannot use database {url!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        _sqlite_transactions(engine)
    try:
        with engine.connect() as conn:
            revision = _revision(conn)
            if revision == HEAD_REVISION:
                return engine
            if revision is not None and revision not in KNOWN_REVISIONS:
                version = _stored_version(conn) or "a newer version"
                raise DatabaseError(
                    f"the database {engine.url.render_as_string()} was written by streakline "
                    f"{version} (schema {revision}); this is streakline {__version__} "
                    f"(schema {HEAD_REVISION}): upgrade streakline, or pass --db to use another "
                    "database"
                )
        _upgrade(engine)
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database {url!r}: {exc.orig}") from None
    return engine


def _connect_args(url: str) -> dict[str, Any]:
    # Two hooks at once: the second waits for the first's transaction instead of failing.
    return {"timeout": 60} if url.startswith("sqlite") else {}


def _sqlite_transactions(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT/locking; take it
    # over so a scan holds the write lock from its start (SQLAlchemy's documented recipe).
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")


def _revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        conn.rollback()
        return None


def _stored_version(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT value FROM meta WHERE key = 'version'")).scalar()
    except DBAPIError:
        conn.rollback()
        return None


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction holding the write lock from its start: a killed scan changes nothing."""
    with engine.connect() as conn:
        conn.info["write"] = True
        try:
            with conn.begin():
                yield conn
        finally:
            conn.info.pop("write", None)


def load_meta(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(text("SELECT key, value FROM meta"))}


def save_meta(conn: Connection, values: dict[str, str]) -> None:
    conn.execute(text("DELETE FROM meta"))
    conn.execute(
        text("INSERT INTO meta (key, value) VALUES (:key, :value)"),
        [{"key": k, "value": v} for k, v in sorted(values.items())],
    )


def clear(conn: Connection) -> None:
    for table in ("events", "lineages", "meta"):
        conn.execute(text(f"DELETE FROM {table}"))


_STATE_FIELDS = (
    "id", "path", "title", "first_commit", "last_commit", "blob", "deleted", "draft",
    "published", "ever_published", "date", "words", "published_at", "published_offset",
    "published_commit", "published_author", "published_email", "deleted_seq", "name_date",
)  # fmt: skip


def load_lineage_states(conn: Connection) -> dict[int, LineageState]:
    from sqlalchemy import select

    from streakline.lineage import LineageState
    from streakline.models import Lineage as LineageRow

    cols = [getattr(LineageRow, f) for f in _STATE_FIELDS]
    out: dict[int, LineageState] = {}
    for row in conn.execute(select(*cols, LineageRow.tags, LineageRow.categories)):
        values = dict(zip(_STATE_FIELDS, row, strict=False))
        state = LineageState(**values)
        state.tags = tuple(json.loads(row.tags))
        state.categories = tuple(json.loads(row.categories))
        out[state.id] = state
    return out


def next_event_id(conn: Connection) -> int:
    return int(conn.execute(text("SELECT COALESCE(MAX(id), 0) + 1 FROM events")).scalar_one())


def save_lineages(conn: Connection, states: Iterable[LineageState], is_post: Any) -> None:
    """Write the lineages a scan touched, replacing their stored rows."""
    rows = [
        (
            *(getattr(s, f) for f in _STATE_FIELDS),
            json.dumps(list(s.tags), ensure_ascii=False),
            json.dumps(list(s.categories), ensure_ascii=False),
            bool(is_post(s.path)),
        )
        for s in states
    ]
    _write_rows(conn, "lineages", (*_STATE_FIELDS, "tags", "categories", "is_post"), rows)


_EVENT_COLUMNS = (
    "id", "lineage_id", "commit_sha", "time", "utc_offset", "kind", "path", "old_path",
    "author_name", "author_email", "words_added", "words_removed", "bulk",
)  # fmt: skip


def save_events(conn: Connection, events: list[Event]) -> None:
    rows = [
        (
            e.id,
            e.lineage_id,
            e.commit,
            e.time,
            e.offset,
            e.kind,
            e.path,
            e.old_path,
            e.author_name,
            e.author_email,
            e.words_added,
            e.words_removed,
            False,
        )
        for e in events
    ]
    _write_rows(conn, "events", _EVENT_COLUMNS, rows)


def _write_rows(
    conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows, replacing those with the same id."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        # Plain DB-API rows: SQLAlchemy's per-row parameter processing is most of the time
        # of writing the 25,000 events of a large blog.
        marks = ", ".join("?" * len(columns))
        conn.exec_driver_sql(
            f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
        )
        return
    from sqlalchemy import delete, insert

    from streakline.models import Base

    model = Base.metadata.tables[table]
    for chunk in _chunks([r[0] for r in rows], 500):
        conn.execute(delete(model).where(model.c.id.in_(chunk)))
    conn.execute(insert(model), [dict(zip(columns, r, strict=True)) for r in rows])


def mark_bulk(conn: Connection, threshold: int, lineage_ids: set[int] | None) -> None:
    """Mark the events of commits touching at least `threshold` posts as bulk.

    Post-ness can change after a commit (a later move into the posts folder), so the commits
    of every lineage touched by this scan are looked at again; None means all commits.
    """
    bulk_commits = (
        "SELECT e.commit_sha FROM events e JOIN lineages l ON l.id = e.lineage_id "
        "WHERE l.is_post GROUP BY e.commit_sha HAVING COUNT(DISTINCT e.lineage_id) >= :t"
    )
    if lineage_ids is None:
        conn.execute(
            text(f"UPDATE events SET bulk = commit_sha IN ({bulk_commits})"), {"t": threshold}
        )
        return
    for chunk in _chunks(sorted(lineage_ids), 500):
        marks = ",".join(str(int(i)) for i in chunk)
        conn.execute(
            text(
                f"UPDATE events SET bulk = commit_sha IN ({bulk_commits}) WHERE commit_sha IN "
                f"(SELECT commit_sha FROM events WHERE lineage_id IN ({marks}))"
            ),
            {"t": threshold},
        )


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass(frozen=True)
class StoredPost:
    """A post lineage as stored; status and dates are decided by the caller with `today`."""

    id: int
    path: str
    title: str
    date: str | None
    draft: bool
    deleted: bool
    ever_published: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    words: int
    edits: int
    first_commit: str
    last_commit: str
    published_at: int | None
    published_offset: int | None
    published_author: str | None
    published_email: str | None


def load_posts(conn: Connection) -> list[StoredPost]:
    # Plain SQL over the DB-API: `stats` reads every post on every run, and the ORM's import
    # and row processing would be most of its time.
    edits: dict[int, int] = dict(
        conn.exec_driver_sql(
            "SELECT lineage_id, COUNT(*) FROM events WHERE kind = 'edited' AND NOT bulk "
            "GROUP BY lineage_id"
        ).all()
    )
    rows = conn.exec_driver_sql(
        "SELECT id, path, title, date, draft, deleted, ever_published, tags, categories, words,"
        " first_commit, last_commit, published_at, published_offset, published_author,"
        " published_email"
        " FROM lineages WHERE is_post ORDER BY id"
    ).all()
    loads = json.loads
    return [
        StoredPost(
            r[0],
            r[1],
            r[2],
            r[3],
            bool(r[4]),
            bool(r[5]),
            bool(r[6]),
            tuple(loads(r[7])),
            tuple(loads(r[8])),
            r[9],
            edits.get(r[0], 0),
            r[10],
            r[11],
            r[12],
            r[13],
            r[14],
            r[15],
        )
        for r in rows
    ]


def load_author_names(conn: Connection) -> dict[str, str]:
    """Each author email with the name of its latest event: one writer under one name."""
    rows = conn.exec_driver_sql(
        "SELECT e.author_email, e.author_name FROM events e JOIN"
        " (SELECT author_email, MAX(id) AS id FROM events GROUP BY author_email) m"
        " ON e.id = m.id"
    ).all()
    return {email: name for email, name in rows if email}


@dataclass(frozen=True)
class StoredActivity:
    lineage_id: int
    time: int
    offset: int
    kind: str
    path: str
    words_added: int
    words_removed: int
    author: str
    author_email: str


def load_activity(conn: Connection) -> list[StoredActivity]:
    """Events of post lineages that count as writing activity (not bulk), oldest first."""
    rows = conn.exec_driver_sql(
        "SELECT e.lineage_id, e.time, e.utc_offset, e.kind, e.path, e.words_added,"
        " e.words_removed, e.author_name, e.author_email"
        " FROM events e JOIN lineages l ON l.id = e.lineage_id"
        " WHERE l.is_post AND NOT e.bulk ORDER BY e.id"
    ).all()
    return [StoredActivity(*r) for r in rows]
