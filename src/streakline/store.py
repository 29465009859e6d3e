"""The database: one `Store` per command owns the engine, migrations, locks and transactions.

SQLAlchemy is imported when the store is first used, not when it is made: a scan from
scratch starts `git log` first, and git works on the other core while Python imports.
Rows never leave this module; the rest of streakline sees `Lineage` and `Event` values.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from streakline import __version__
from streakline.errors import DamagedDatabaseError, DatabaseError

if TYPE_CHECKING:
    from sqlalchemy import URL, Connection, Engine

    from streakline.lineage import Checkpoint, Event, Lineage

DEFAULT_NAME = "streakline.sqlite3"
# The newest migration this streakline knows, and all it knows (oldest first).
HEAD_REVISION = "0005"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")
MIGRATIONS = Path(__file__).parent / "migrations"
# The PostgreSQL advisory lock that serialises migrations (repos lock on their own keys).
_MIGRATION_LOCK = 0x5354524B  # "STRK"
# How long a command waits for another process's write lock before it gives up with a line
# that says so: long enough for a hook's scan, short enough not to look hung.
LOCK_WAIT = 30.0
# How many of a branch's latest scanned commits can be undone without a scan from scratch.
CHECKPOINTS = 64


@dataclass(frozen=True)
class RepoIdentity:
    """Which writing repo rows belong to: its root commit and its remote URL (else path)."""

    key: str
    name: str

    @property
    def lock_key(self) -> int:
        """A signed 64-bit number for PostgreSQL's advisory lock of this repo."""
        digest = hashlib.sha256(self.key.encode()).digest()
        return int.from_bytes(digest[:8], "big", signed=True)


@dataclass(frozen=True)
class ScanState:
    """What produced a branch's stored rows."""

    version: str
    settings: str
    last_commit: str


@dataclass(frozen=True)
class BoardEntry:
    """One repo and branch of a shared database, with what `board` needs to judge it."""

    repo: str
    branch: str
    config: dict[str, Any]
    lineages: list[Lineage]
    events: list[Event]


class Store:
    """A database at a SQLAlchemy URL, or the default SQLite file in a repo's git dir.

    `lock_wait` is how many seconds a write waits for another process's lock.
    """

    def __init__(
        self, url: str | None, default_path: Path | None = None, lock_wait: float | None = None
    ) -> None:
        if url is None and default_path is None:
            raise ValueError("a store needs a URL or a default path")
        self._url_text = url
        self._default_path = default_path
        self._engine: Engine | None = None
        self.lock_wait = LOCK_WAIT if lock_wait is None else lock_wait

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @property
    def fresh(self) -> bool:
        """The default database file does not exist yet: the next scan starts from scratch."""
        return self._url_text is None and not (
            self._default_path is not None and self._default_path.exists()
        )

    # --- opening ---------------------------------------------------------------------------

    def _url(self) -> URL:
        from sqlalchemy import URL
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        if self._url_text is None:
            # Built, not concatenated: `?` and `%` in a repo's path are part of the path.
            return URL.create("sqlite", database=str(self._default_path))
        try:
            return make_url(self._url_text)
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise DatabaseError(
                f"{_masked(self._url_text)!r} is not a database URL (for example "
                "sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/db)"
            ) from None

    @property
    def shown_url(self) -> str:
        """The URL for messages: never with its password."""
        if self._url_text is None:
            return str(self._default_path)
        try:
            return self._url().render_as_string(hide_password=True)
        except DatabaseError:
            return "the given --db"

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._open()
        return self._engine

    @property
    def file(self) -> Path | None:
        """The SQLite file behind this store; None for a server or an in-memory database."""
        if self._url_text is None:
            return self._default_path
        try:
            url = self._url()
        except DatabaseError:
            return None
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        name = url.database
        if name.startswith("file:"):  # a URI filename: file:path?mode=ro
            name = name[5:].partition("?")[0]
        return Path(name)

    def _open(self) -> Engine:
        from sqlalchemy import create_engine

        url = self._url()
        try:
            engine = create_engine(
                url, connect_args=_connect_args(url.get_backend_name(), self.lock_wait)
            )
        except Exception as exc:  # a missing driver or a bad option in the URL
            raise DatabaseError(f"cannot use database {self.shown_url}: {exc}") from None
        if engine.dialect.name == "sqlite":
            _sqlite_transactions(engine)
        try:
            with self._errors():
                self._migrate(engine)
        except BaseException:
            engine.dispose()
            raise
        return engine

    def set_aside_if_damaged(self, warn: Callable[[str], None]) -> None:
        """Before a rebuild: move a damaged SQLite file aside (kept, named) and start afresh.

        A file that is not a database cannot be opened, so a rebuild could never start
        over from it; the user's bytes are kept next to it, never deleted.
        """
        try:
            self.engine  # noqa: B018 - opening is what may fail
            return
        except DamagedDatabaseError:
            path = self.file
            if path is None or not path.exists():
                raise
        self.close()
        kept = _free_name(path)
        path.rename(kept)
        for suffix in ("-journal", "-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(kept.with_name(kept.name + suffix))
        warn(f"the database {path} was damaged; kept it as {kept} and starting over")

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """The store's boundary: a database error leaves it as one line for the user."""
        from sqlalchemy.exc import SQLAlchemyError

        try:
            yield
        except SQLAlchemyError as exc:
            raise self._explain(exc) from None

    def _explain(self, exc: Exception) -> DatabaseError:
        orig = getattr(exc, "orig", None) or exc
        lines = str(orig).strip().splitlines()
        detail = lines[0] if lines else type(orig).__name__
        password = self._password()
        if password:
            detail = detail.replace(password, "***")
        shown = self.shown_url
        low = detail.lower()
        if "locked" in low or "lock timeout" in low:
            return DatabaseError(
                f"the database {shown} is locked by another process (a scan or hook still "
                f"running?); waited {self.lock_wait:g} s: run the command again once it is done"
            )
        if "not a database" in low or "malformed" in low:
            return self._damaged(detail)
        if "readonly" in low or "read-only" in low:
            return DatabaseError(
                f"cannot write to the database {shown}: the file or its folder is read-only; "
                "make it writable, or pass --db to use another database"
            )
        if "unable to open database file" in low:
            return DatabaseError(
                f"cannot open the database {shown}: its folder is missing or not writable; "
                "pass --db to use another database"
            )
        if "disk is full" in low or "disk i/o error" in low:
            return DatabaseError(
                f"cannot write to the database {shown}: the disk is full or a file size limit "
                "was reached; nothing was stored: free some space and run the command again"
            )
        doing = "open" if self._engine is None else "use"
        return DatabaseError(f"cannot {doing} database {shown}: {detail}")

    def _damaged(self, detail: str) -> DamagedDatabaseError:
        path = self.file
        if path is None:
            return DamagedDatabaseError(f"the database {self.shown_url} is damaged: {detail}")
        return DamagedDatabaseError(
            f"the database {path} is damaged or not a SQLite database ({detail}); "
            f"`streakline scan --rebuild` keeps it as {_free_name(path)} and starts over"
        )

    def _password(self) -> str | None:
        if self._url_text is None:
            return None
        try:
            return self._url().password
        except DatabaseError:
            return None

    def _migrate(self, engine: Engine) -> None:
        """Bring the schema to HEAD_REVISION, holding the write lock while it is done."""
        with engine.connect() as conn:
            if _revision(conn) == HEAD_REVISION:
                return
        with engine.connect() as conn:
            conn.info["write"] = True
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    _advisory_lock(conn, _MIGRATION_LOCK, self.lock_wait)
                # Another process may have migrated while this one waited for the lock.
                revision = _revision(conn)
                if revision == HEAD_REVISION:
                    return
                if revision is None and _has_tables(conn):
                    raise self._damaged("it has streakline's tables but no schema version")
                if revision is not None and revision not in KNOWN_REVISIONS:
                    writer = _stored_version(conn) or "a newer version"
                    raise DatabaseError(
                        f"the database {self.shown_url} was written by streakline {writer} "
                        f"(schema {revision}); this is streakline {__version__} (schema "
                        f"{HEAD_REVISION}): upgrade streakline, or pass --db to use another "
                        "database"
                    )
                _upgrade(conn)

    # --- transactions ----------------------------------------------------------------------

    @contextmanager
    def scan(
        self, repo: RepoIdentity, branch: str, *, write: bool, keep: bool = True
    ) -> Iterator[ScanRows]:
        """One transaction over one repo's branch: `write` holds the repo's write lock.

        With `keep` False everything written is rolled back at the end: the pre-commit hook
        scans a commit that does not exist yet, and leaves no trace of it.
        """
        engine = self.engine
        with self._errors(), engine.connect() as conn:
            conn.info["write"] = write
            with conn.begin() as transaction:
                if write and conn.dialect.name == "postgresql":
                    _advisory_lock(conn, repo.lock_key, self.lock_wait)
                rows = ScanRows(conn, _find_scan(conn, repo, branch, create=write))
                yield rows
                if not keep:
                    transaction.rollback()

    def scanned_roots(self, location: str, branch: str) -> list[tuple[str, str]]:
        """(root commit, last scanned commit) of each repo stored under `location` with a
        scanned `branch`: a repo whose tip still descends from its last scanned commit has
        that root, which saves walking its whole history to find it again."""
        from sqlalchemy import text

        engine = self.engine
        suffix = f" {location}"
        with self._errors(), engine.connect() as conn:
            conn.info["write"] = False
            with conn.begin():
                found = conn.execute(
                    text(
                        "SELECT r.identity, s.last_commit FROM repos r"
                        " JOIN scans s ON s.repo_id = r.id"
                        " WHERE s.branch = :branch AND s.last_commit != '' ORDER BY r.id"
                    ),
                    {"branch": branch},
                ).all()
        roots = [
            (str(identity).removesuffix(suffix), str(last))
            for identity, last in found
            if str(identity).endswith(suffix)
        ]
        # An identity is "<root> <location>": a root is one commit id, never two words.
        return [(root, last) for root, last in roots if root and " " not in root]

    def load_board(self) -> list[BoardEntry]:
        """Every repo and branch in the database, with its post lineages and their events."""
        engine = self.engine
        with self._errors(), engine.connect() as conn, conn.begin():
            scans = conn.exec_driver_sql(
                "SELECT s.id, r.name, s.branch, s.config FROM scans s"
                " JOIN repos r ON r.id = s.repo_id ORDER BY r.name, s.branch, s.id"
            ).all()
            entries = []
            for scan_id, name, branch, config in scans:
                rows = ScanRows(conn, scan_id)
                lineages = [lin for lin in rows.load_lineages().values() if rows.is_post(lin.id)]
                entries.append(
                    BoardEntry(
                        name, branch, json.loads(config or "{}"), lineages, rows.load_events()
                    )
                )
            return entries


class ScanRows:
    """The rows of one repo's branch inside an open transaction (`Store.scan`)."""

    def __init__(self, conn: Connection, scan_id: int | None) -> None:
        self._conn = conn
        self.scan_id = scan_id
        self._posts: set[int] | None = None

    @property
    def state(self) -> ScanState | None:
        if self.scan_id is None:
            return None
        row = self._sql(
            "SELECT version, settings, last_commit FROM scans WHERE id = :scan"
        ).one_or_none()
        if row is None or not row[0]:
            return None
        return ScanState(row[0], row[1], row[2])

    def _sql(self, sql: str, **params: Any) -> Any:
        from sqlalchemy import text

        return self._conn.execute(text(sql), {"scan": self.scan_id, **params})

    def _all(self, sql: str) -> list[Any]:
        """Every row of a query with `:scan` as its one parameter, as plain tuples.

        Straight from the driver: a large blog's tens of thousands of events are read on
        every commit by the pre-commit hook, and wrapping each row took a tenth of that.
        """
        conn = self._conn
        if conn.dialect.name == "sqlite":
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            try:
                rows: list[Any] = cursor.execute(sql, {"scan": self.scan_id}).fetchall()
                return rows
            finally:
                cursor.close()
        return list(self._sql(sql).all())

    def clear(self) -> None:
        """Forget this branch's rows (a scan that starts over)."""
        for table in ("events", "lineages", "checkpoints"):
            self._sql(f"DELETE FROM {table} WHERE scan_id = :scan")

    def save_checkpoints(self, checkpoints: Iterable[Checkpoint]) -> None:
        """Keep the newest `CHECKPOINTS` of what the scan of each commit changed."""
        assert self.scan_id is not None
        newest = int(
            self._sql(
                "SELECT COALESCE(MAX(seq), 0) FROM checkpoints WHERE scan_id = :scan"
            ).scalar()
        )
        rows = [
            (
                self.scan_id,
                newest + n,
                cp.commit,
                cp.before,
                cp.next_lineage,
                cp.next_event,
                json.dumps(list(cp.lineages), ensure_ascii=False),
            )
            for n, cp in enumerate(checkpoints, 1)
        ]
        self._write("checkpoints", _CHECKPOINT_COLUMNS, rows, key="seq")
        self._sql(
            "DELETE FROM checkpoints WHERE scan_id = :scan AND seq <= :oldest",
            oldest=newest + len(rows) - CHECKPOINTS,
        )

    def rewind_points(self) -> list[tuple[int, str, str]]:
        """(seq, commit, commit before it) of the commits that can be undone, newest first.

        Only an unbroken run back from the stored last commit: each undoes the one after it.
        """
        state = self.state
        rows = self._sql(
            "SELECT seq, commit_sha, before_commit FROM checkpoints WHERE scan_id = :scan"
            " ORDER BY seq DESC"
        ).all()
        points: list[tuple[int, str, str]] = []
        expected = state.last_commit if state else ""
        for seq, commit, before in rows:
            if commit != expected:
                break
            points.append((int(seq), commit, before))
            expected = before
        return points

    def rewind(self, seq: int, is_post: Callable[[str], bool]) -> int:
        """Undo the stored commits from checkpoint `seq` on; returns how many were undone.

        The rows are then those of a scan that ended at that commit's `before`: lineages
        and events it and later commits made are deleted, the ones they changed restored.
        """
        from streakline.lineage import Lineage

        rows = self._sql(
            "SELECT next_lineage, next_event, lineages FROM checkpoints"
            " WHERE scan_id = :scan AND seq >= :seq ORDER BY seq DESC",
            seq=seq,
        ).all()
        if not rows:
            return 0
        restored: dict[int, dict[str, Any]] = {}
        for _next_lineage, _next_event, images in rows:
            # Newest first: the oldest image of a lineage is how it was before them all.
            for image in json.loads(images):
                restored[image["id"]] = image
        next_lineage, next_event = rows[-1][0], rows[-1][1]
        self._sql("DELETE FROM events WHERE scan_id = :scan AND id >= :id", id=next_event)
        self._sql("DELETE FROM lineages WHERE scan_id = :scan AND id >= :id", id=next_lineage)
        self._sql("DELETE FROM checkpoints WHERE scan_id = :scan AND seq >= :seq", seq=seq)
        lineages = []
        for image in restored.values():
            if image["id"] >= next_lineage:
                continue  # made by an undone commit, then changed by a later one
            for key in ("tags", "categories", "authors"):
                image[key] = tuple(image[key])
            lineages.append(Lineage(**image))
        self.save_lineages(lineages, is_post)
        return len(rows)

    def save_state(self, state: ScanState, config: dict[str, Any]) -> None:
        self._sql(
            "UPDATE scans SET version = :version, settings = :settings, config = :config,"
            " last_commit = :last WHERE id = :scan",
            version=state.version,
            settings=state.settings,
            config=json.dumps(config, sort_keys=True),
            last=state.last_commit,
        )

    def next_event_id(self) -> int:
        return int(
            self._sql("SELECT COALESCE(MAX(id), 0) + 1 FROM events WHERE scan_id = :scan").scalar()
        )

    def load_lineages(self) -> dict[int, Lineage]:
        from streakline.lineage import Lineage

        if self.scan_id is None:
            return {}
        # The columns in the order of Lineage's fields, so each row is made positionally.
        rows = self._all(
            "SELECT id, path, title, first_commit, last_commit, blob, deleted, draft,"
            " published, ever_published, date, tags, categories, authors, words, published_at,"
            " published_offset, published_commit, published_author, published_email,"
            " deleted_seq, name_date, encoding, is_post FROM lineages"
            " WHERE scan_id = :scan ORDER BY id"
        )
        out: dict[int, Lineage] = {}
        posts: set[int] = set()
        for row in rows:
            (ident, path, title, first, last, blob, deleted, draft, published, ever, day,
             tags, categories, authors, *rest, is_post) = row  # fmt: skip
            out[ident] = Lineage(
                ident, path, title, first, last, blob, bool(deleted), bool(draft),
                bool(published), bool(ever), day, _json_tuple(tags),
                _json_tuple(categories), _json_tuple(authors), *rest,
            )  # fmt: skip
            if is_post:
                posts.add(ident)
        self._posts = posts
        return out

    def is_post(self, lineage_id: int) -> bool:
        """Whether a lineage loaded by `load_lineages` is a post (by its latest path)."""
        assert self._posts is not None, "load_lineages first"
        return lineage_id in self._posts

    def save_lineages(self, lineages: Iterable[Lineage], is_post: Any) -> None:
        """Write the lineages a scan touched, replacing their stored rows."""
        assert self.scan_id is not None
        rows = [
            (
                self.scan_id,
                *(getattr(lin, f) for f in _LINEAGE_FIELDS),
                json.dumps(list(lin.tags), ensure_ascii=False),
                json.dumps(list(lin.categories), ensure_ascii=False),
                json.dumps(list(lin.authors), ensure_ascii=False),
                bool(is_post(lin.path)),
            )
            for lin in lineages
        ]
        columns = ("scan_id", *_LINEAGE_FIELDS, "tags", "categories", "authors", "is_post")
        self._write("lineages", columns, rows)

    def save_events(self, events: Iterable[Event]) -> None:
        assert self.scan_id is not None
        rows = [
            (
                self.scan_id,
                e.id,
                e.lineage_id,
                e.commit,
                e.time,
                e.offset,
                str(e.kind),
                e.path,
                e.old_path,
                e.author_name,
                e.author_email,
                e.words_added,
                e.words_removed,
            )
            for e in events
        ]
        self._write("events", _EVENT_COLUMNS, rows)

    def load_events(self, posts_only: bool = True) -> list[Event]:
        """Events oldest first; by default only those of lineages that are posts."""
        from streakline.changes import EventKind
        from streakline.lineage import Event

        if self.scan_id is None:
            return []
        join = " JOIN lineages l ON l.scan_id = e.scan_id AND l.id = e.lineage_id"
        rows = self._all(
            "SELECT e.id, e.lineage_id, e.commit_sha, e.time, e.utc_offset, e.kind, e.path,"
            " e.old_path, e.author_name, e.author_email, e.words_added, e.words_removed"
            f" FROM events e{join if posts_only else ''} WHERE e.scan_id = :scan"
            f"{' AND l.is_post' if posts_only else ''} ORDER BY e.id"
        )
        kinds = {k.value: k for k in EventKind}
        return [
            Event(i, lin, sha, at, off, kinds[kind], path, old, name, email, added, removed)
            for i, lin, sha, at, off, kind, path, old, name, email, added, removed in rows
        ]

    def _write(
        self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]], key: str = "id"
    ) -> None:
        """Insert rows, replacing those with the same (scan, key)."""
        if not rows:
            return
        conn = self._conn
        if conn.dialect.name == "sqlite":
            # Plain DB-API rows: SQLAlchemy's per-row parameter processing is most of the time
            # of writing the 25,000 events of a large blog.
            marks = ", ".join("?" * len(columns))
            conn.exec_driver_sql(
                f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
            )
            return
        if conn.dialect.name == "postgresql":
            # An upsert (deleting a lineage row that events point at breaks their foreign
            # key), as plain driver SQL: SQLAlchemy compiling a statement per batch of rows
            # took most of a scan's time.
            names = ", ".join(columns)
            marks = ", ".join(["%s"] * len(columns))
            updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in ("scan_id", key))
            conn.exec_driver_sql(
                f"INSERT INTO {table} ({names}) VALUES ({marks})"
                f" ON CONFLICT (scan_id, {key}) DO UPDATE SET {updates}",
                rows,
            )
            return
        raise DatabaseError(f"streakline does not support {conn.dialect.name} databases")


_LINEAGE_FIELDS = (
    "id", "path", "title", "first_commit", "last_commit", "blob", "deleted", "draft",
    "published", "ever_published", "date", "words", "published_at", "published_offset",
    "published_commit", "published_author", "published_email", "deleted_seq", "name_date",
    "encoding",
)  # fmt: skip
_CHECKPOINT_COLUMNS = (
    "scan_id", "seq", "commit_sha", "before_commit", "next_lineage", "next_event", "lineages",
)  # fmt: skip
_EVENT_COLUMNS = (
    "scan_id", "id", "lineage_id", "commit_sha", "time", "utc_offset", "kind", "path",
    "old_path", "author_name", "author_email", "words_added", "words_removed",
)  # fmt: skip


def _find_scan(conn: Connection, repo: RepoIdentity, branch: str, *, create: bool) -> int | None:
    """The id of the repo's scan state for `branch`; made (with its repo) when `create`."""
    from sqlalchemy import text

    repo_id = conn.execute(
        text("SELECT id FROM repos WHERE identity = :key"), {"key": repo.key}
    ).scalar()
    if repo_id is None:
        if not create:
            return None
        # A database upgraded from one repo per database keeps its rows for the first repo
        # that scans into it (the one whose .git it lives in).
        repo_id = conn.execute(text("SELECT id FROM repos WHERE identity = ''")).scalar()
        if repo_id is not None:
            conn.execute(
                text("UPDATE repos SET identity = :key, name = :name WHERE id = :id"),
                {"key": repo.key, "name": repo.name, "id": repo_id},
            )
        else:
            conn.execute(
                text("INSERT INTO repos (identity, name) VALUES (:key, :name)"),
                {"key": repo.key, "name": repo.name},
            )
            repo_id = conn.execute(
                text("SELECT id FROM repos WHERE identity = :key"), {"key": repo.key}
            ).scalar_one()
    scan_id = conn.execute(
        text("SELECT id FROM scans WHERE repo_id = :repo AND branch = :branch"),
        {"repo": repo_id, "branch": branch},
    ).scalar()
    if scan_id is None and create:
        conn.execute(
            text(
                "INSERT INTO scans (repo_id, branch, version, settings, config, last_commit)"
                " VALUES (:repo, :branch, '', '', '{}', '')"
            ),
            {"repo": repo_id, "branch": branch},
        )
        scan_id = conn.execute(
            text("SELECT id FROM scans WHERE repo_id = :repo AND branch = :branch"),
            {"repo": repo_id, "branch": branch},
        ).scalar_one()
    return None if scan_id is None else int(scan_id)


def _json_tuple(text: str) -> tuple[str, ...]:
    # Most lists are empty; json.loads costs more than the rest of a lineage's row.
    return () if text == "[]" else tuple(json.loads(text))


def _masked(url: str) -> str:
    """A URL that could not be parsed, with anything in a password's place starred out."""
    import re

    return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", url)


def _connect_args(backend: str, wait: float) -> dict[str, Any]:
    # Two hooks at once: the second waits for the first's transaction instead of failing.
    return {"timeout": wait} if backend == "sqlite" else {}


def _advisory_lock(conn: Connection, key: int, wait: float) -> None:
    # Bounded like SQLite's busy timeout: a lock held for ever ends in a line, not a hang.
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(wait * 1000)}ms'")
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({key})")


def _has_tables(conn: Connection) -> bool:
    from sqlalchemy import inspect

    tables = inspect(conn)
    return any(tables.has_table(name) for name in ("lineages", "events", "scans", "repos"))


def _free_name(path: Path) -> Path:
    """Where a damaged database file is kept: next to it, never over another file."""
    candidate = path.with_name(path.name + ".damaged")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.damaged-{n}")
    return candidate


def _sqlite_transactions(engine: Engine) -> None:
    from sqlalchemy import event

    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT/locking; take it
    # over so a scan holds the write lock from its start (SQLAlchemy's documented recipe).
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")


def _revision(conn: Connection) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("alembic_version"):
        return None
    value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if value is None else str(value)


def _stored_version(conn: Connection) -> str | None:
    """The streakline version a database says wrote it, if it says so where we look."""
    from sqlalchemy import inspect, text

    tables = inspect(conn)
    if tables.has_table("scans"):
        value = conn.execute(text("SELECT MAX(version) FROM scans")).scalar()
    elif tables.has_table("meta"):
        value = conn.execute(text("SELECT value FROM meta WHERE key = 'version'")).scalar()
    else:
        value = None
    return str(value) if value else None


def _upgrade(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")
