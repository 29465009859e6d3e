from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gitrepo import POSTS_CONFIG, Cli, GitRepo, Run, streakline_exe

# Fixtures for a real PostgreSQL server: pg_server (session), pg_url and any_db_url.
from pgserver import any_db_url, pg_server, pg_url  # noqa: F401

GOLDEN = Path(__file__).parent / "golden"

GITCONFIG = """\
[user]
\tname = Ada
\temail = ada@example.org
[init]
\tdefaultBranch = main
[commit]
\tgpgsign = false
[tag]
\tgpgsign = false
[gc]
\tauto = 0
[core]
\tautocrlf = false
[advice]
\tdetachedHead = false
"""

CLEARED_PREFIXES = ("GIT_", "STREAKLINE_")
CLEARED_NAMES = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TZ")


@pytest.fixture(autouse=True)
def clean_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same environment everywhere: no host git config, no colour or width settings."""
    for name in list(os.environ):
        if name.startswith(CLEARED_PREFIXES) or name in CLEARED_NAMES:
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text(GITCONFIG)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return home


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compares text with a file in tests/golden/ byte for byte, or rewrites the file."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(text.encode())
            return
        assert path.exists(), f"{path} is missing: run pytest --update-golden"
        assert text.encode() == path.read_bytes(), f"{name} changed: see `pytest --update-golden`"

    return check


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., GitRepo]:
    """Builds real git repos under tmp_path; `config=None` leaves out `.streakline.toml`."""

    def make(name: str = "blog", config: str | None = POSTS_CONFIG) -> GitRepo:
        return GitRepo.create(tmp_path / name, config=config)

    return make


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/s.sqlite3"


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "s.sqlite3"


@pytest.fixture
def cli(db_url: str) -> Cli:
    return Cli(db_url)


@pytest.fixture
def run_process() -> Iterator[Callable[..., Run]]:
    """Runs the installed console script as a real process."""

    def run(*args: str, timeout: float = 300) -> Run:
        proc = subprocess.run(
            [str(streakline_exe()), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        detail = f"streakline {' '.join(args)} -> {proc.returncode}\n"
        detail += f"--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"
        return Run(proc.returncode, proc.stdout, proc.stderr, detail)

    yield run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the files in tests/golden/ from what the renderers produce now",
    )
