"""A real PostgreSQL server for the tests: one per session, a fresh database per test.

The server lives in a temporary folder, listens only on a Unix socket there (no TCP, so
parallel sessions never collide) and runs with fsync off: its data is thrown away anyway.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

if TYPE_CHECKING:
    import psycopg

# Debian and Ubuntu keep the server binaries off PATH, one folder per major version.
DEBIAN_BINDIRS = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
INSTALL_HINT = "apt-get install postgresql"
START_TIMEOUT = 60

# Speed over durability; the C locale sorts text by bytes, as SQLite does.
SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> NoReturn:
    """Fails under CI, where a missing server is a broken setup; skips elsewhere."""
    if in_ci():
        pytest.fail(f"PostgreSQL tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"{reason} (install it with `{INSTALL_HINT}`)")


def find_bindir() -> Path | None:
    """The newest Debian-style install, else the folder of `initdb` on PATH."""
    versions = [d for d in DEBIAN_BINDIRS.glob("*/bin") if (d / "initdb").is_file()]
    if versions:
        return max(versions, key=lambda d: _version_key(d.parent.name))
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


@dataclass
class PgServer:
    bindir: Path
    base: Path
    as_user: str | None  # set when running as root: initdb refuses root
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _admin: psycopg.Connection[Any] | None = None

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    @property
    def log_file(self) -> Path:
        return self.base / "server.log"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self.as_user is not None:
            command = ["runuser", "-u", self.as_user, "--", *command]
        proc = subprocess.run(
            command,
            cwd=self.base,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}"
                + self._log_tail()
            )

    def _log_tail(self) -> str:
        try:
            lines = self.log_file.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n--- server log\n" + "\n".join(lines[-20:])

    def start(self) -> None:
        self.socket_dir.mkdir()
        self.log_file.touch()
        if self.as_user is not None:
            entry = pwd.getpwnam(self.as_user)
            for path in (self.base, self.socket_dir, self.log_file):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            "--pgdata",
            str(self.data_dir),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        )
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.socket_dir}'"}
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("".join(f"{key} = {value}\n" for key, value in settings.items()))
        self._run(
            "pg_ctl",
            "start",
            "--pgdata",
            str(self.data_dir),
            "--log",
            str(self.log_file),
            "--wait",
            "--timeout",
            str(START_TIMEOUT),
        )

    def stop(self) -> None:
        """Stops the server if it runs; safe to call twice and after a failed start."""
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "--pgdata", str(self.data_dir), "--mode", "immediate")

    def admin(self) -> psycopg.Connection[Any]:
        import psycopg

        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(
                host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
            )
        return self._admin

    def create_database(self) -> str:
        name = f"test_{next(self._names)}"
        self.admin().execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        # FORCE: an engine a test left open must not keep its database alive.
        self.admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{dbname}?host={self.socket_dir}"


def server_user() -> str | None:
    """The system user the server must run as, or None to run it as ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        unavailable(f"running as root needs the `{SUPERUSER}` system user to run the server")
    if shutil.which("runuser") is None:
        unavailable("running as root needs `runuser` to start the server as another user")
    return SUPERUSER


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of our own for the whole session."""
    bindir = find_bindir()
    if bindir is None:
        unavailable("PostgreSQL is not installed: no initdb")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("the psycopg driver is missing (pip install -e '.[test]')")
    user = server_user()
    # Under /tmp, not pytest's tmp folder: that one is private to us, and the server may run
    # as another user; a short path also keeps the socket path within its length limit.
    base = Path(tempfile.mkdtemp(prefix="streakline-pg-"))
    server = PgServer(bindir=bindir, base=base, as_user=user)
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The SQLAlchemy URL of a new, empty database, dropped after the test."""
    name = pg_server.create_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each dialect, for behaviour that must hold on both."""
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_url")
        return url
    return f"sqlite:///{tmp_path}/any.sqlite3"
