"""A throwaway PostgreSQL server for the benchmark.

The server lives in a temporary folder, listens only on a Unix socket there (no TCP, so it
never collides with another server) and runs with fsync off: its data is thrown away.
`running()` starts it and always stops it and removes its folder, also on errors and Ctrl-C.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Debian and Ubuntu keep the server binaries off PATH, one folder per major version.
DEBIAN_BINDIRS = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
START_TIMEOUT = 60

# Speed over durability; the C locale sorts text by bytes, as SQLite does.
SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


class PgUnavailable(Exception):
    """The server cannot run here (something is not installed); the message says why."""


class PgFailed(Exception):
    """A server command failed; the message is its last line of output."""


def find_bindir() -> Path | None:
    """The newest Debian-style install, else the folder of `initdb` on PATH."""
    versions = [d for d in DEBIAN_BINDIRS.glob("*/bin") if (d / "initdb").is_file()]
    if versions:
        return max(versions, key=lambda d: tuple(int(n) for n in re.findall(r"\d+", d.parent.name)))
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def server_user() -> str | None:
    """The system user the server must run as (initdb refuses root), or None for ourselves."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise PgUnavailable(f"running as root needs the `{SUPERUSER}` system user") from None
    if shutil.which("runuser") is None:
        raise PgUnavailable("running as root needs `runuser` to start the server") from None
    return SUPERUSER


class PgServer:
    def __init__(self, bindir: Path, base: Path, as_user: str | None) -> None:
        self.bindir = bindir
        self.base = base
        self.as_user = as_user
        self.data_dir = base / "data"
        self.socket_dir = base / "socket"
        self.log_file = base / "server.log"

    def _run(self, tool: str, *args: str) -> str:
        command = [str(self.bindir / tool), *args]
        if self.as_user is not None:
            command = ["runuser", "-u", self.as_user, "--", *command]
        # A session of its own: Ctrl-C in the terminal reaches us, not the server, so the
        # server is still there for `stop()` to shut down in order.
        proc = subprocess.run(
            command,
            cwd=self.base,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            check=False,
        )
        if proc.returncode != 0:
            lines = (proc.stderr + proc.stdout).strip().splitlines() or ["(no output)"]
            raise PgFailed(f"{tool} failed ({proc.returncode}): {lines[-1][:120]}")
        return proc.stdout

    def version(self) -> str:
        return self._run("postgres", "--version").strip()

    def start(self) -> None:
        self.socket_dir.mkdir()
        self.log_file.touch()
        if self.as_user is not None:
            entry = pwd.getpwnam(self.as_user)
            for path in (self.base, self.socket_dir, self.log_file):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            *("--pgdata", str(self.data_dir), "--username", SUPERUSER, "--auth", "trust"),
            *("--encoding", "UTF8", "--locale", "C", "--no-sync"),
        )
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.socket_dir}'"}
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("".join(f"{key} = {value}\n" for key, value in settings.items()))
        self._run(
            "pg_ctl",
            *("start", "--pgdata", str(self.data_dir), "--log", str(self.log_file)),
            *("--wait", "--timeout", str(START_TIMEOUT)),
        )

    def stop(self) -> None:
        """Stops the server if it runs; safe after a failed start."""
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "--pgdata", str(self.data_dir), "--mode", "immediate")

    def create_database(self, name: str) -> str:
        """A new, empty database; returns its SQLAlchemy URL."""
        self._run("createdb", "--host", str(self.socket_dir), "--username", SUPERUSER, name)
        return f"postgresql+psycopg://{SUPERUSER}@/{name}?host={self.socket_dir}"


@contextmanager
def running() -> Iterator[PgServer]:
    """A started server, stopped and removed on the way out; PgUnavailable if it cannot run."""
    bindir = find_bindir()
    if bindir is None:
        raise PgUnavailable("PostgreSQL is not installed: no initdb (apt-get install postgresql)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise PgUnavailable("the psycopg driver is missing: pip install -e '.[postgres]'") from None
    user = server_user()
    # Under /tmp: the server may run as another user, and a short path keeps the socket
    # path within its length limit.
    base = Path(tempfile.mkdtemp(prefix="streakline-bench-pg-"))
    server = PgServer(bindir, base, user)
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(base, ignore_errors=True)
