"""The PostgreSQL fixtures themselves, run in a pytest session of their own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pgserver import PgServer

TESTS = Path(__file__).resolve().parent

CONFTEST = f"""\
import sys
from pathlib import Path

sys.path.insert(0, {str(TESTS)!r})

import pgserver
from pgserver import pg_server, pg_url

if {{without_postgresql!r}}:
    pgserver.DEBIAN_BINDIRS = Path("/nonexistent")
"""

# Leaves where the server lived in `report`, then waits to be interrupted.
SESSION_TEST = """\
import time
from pathlib import Path

def test_server(pg_server, pg_url):
    pid = (pg_server.data_dir / "postmaster.pid").read_text().split()[0]
    Path({report!r}).write_text(f"{{pg_server.base}} {{pid}}")
    time.sleep(120)
"""


def inner_session(
    tmp_path: Path, test: str, *, without_postgresql: bool, ci: bool
) -> subprocess.Popen[str]:
    folder = tmp_path / "session"
    folder.mkdir()
    (folder / "conftest.py").write_text(CONFTEST.format(without_postgresql=without_postgresql))
    (folder / "test_inner.py").write_text(test)
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # a second faster: no hypothesis
    if ci:
        env["CI"] = "true"
    if without_postgresql:
        env["PATH"] = "/nonexistent"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-rsE", "-p", "no:cacheprovider", folder],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would reach
    )
    return proc


def summary(output: str) -> list[str]:
    """The short test summary lines; a skip's `file:line` location is left out."""
    lines = []
    for line in output.splitlines():
        if line.startswith("SKIPPED [1] "):
            lines.append("SKIPPED: " + line.split(": ", 1)[1])
        elif line.startswith(("ERROR", "FAILED")):
            lines.append(line)
    return lines


def test_without_postgresql_the_tests_skip_and_say_how_to_install_it(tmp_path: Path) -> None:
    test = "def test_needs_postgresql(pg_url):\n    pass\n"
    proc = inner_session(tmp_path, test, without_postgresql=True, ci=False)
    output, _ = proc.communicate(timeout=120)

    assert proc.returncode == 0, output
    assert summary(output) == [
        "SKIPPED: PostgreSQL is not installed: no initdb "
        "(install it with `apt-get install postgresql`)"
    ]


def test_without_postgresql_under_ci_the_tests_fail(tmp_path: Path) -> None:
    test = "def test_needs_postgresql(pg_url):\n    pass\n"
    proc = inner_session(tmp_path, test, without_postgresql=True, ci=True)
    output, _ = proc.communicate(timeout=120)

    assert proc.returncode == 1, output
    assert summary(output) == [
        "ERROR test_inner.py::test_needs_postgresql - Failed: PostgreSQL tests cannot run "
        "under CI: PostgreSQL is not installed: no initdb"
    ]


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for its parent does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_ctrl_c_stops_the_server_and_removes_its_folder(
    pg_server: PgServer, tmp_path: Path
) -> None:
    """The inner session's test waits to be interrupted; pg_server here only skips (or fails)
    this test like the others when PostgreSQL is missing."""
    report = tmp_path / "server"
    test = SESSION_TEST.format(report=str(report))
    proc = inner_session(tmp_path, test, without_postgresql=False, ci=False)
    deadline = time.monotonic() + 60
    while not report.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    output, _ = proc.communicate(timeout=120)

    base, pid = report.read_text().split()
    assert proc.returncode == pytest.ExitCode.INTERRUPTED, output
    assert not Path(base).exists(), output
    assert not alive(int(pid)), output


def test_pg_url_names_an_empty_database_of_its_own(pg_server: PgServer, pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.connect() as conn:
            name = conn.execute(text("SELECT current_database()")).scalar()
            tables = conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar()
    finally:
        engine.dispose()
    assert pg_url == f"postgresql+psycopg://postgres@/{name}?host={pg_server.socket_dir}"
    assert tables == 0
