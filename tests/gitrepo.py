"""Real git repositories and CLI runs for the tests: no mocks of git or the database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

PLUS_ONE = timezone(timedelta(hours=1))
DEFAULT_AUTHOR = "Ada <ada@example.org>"
POSTS_CONFIG = 'posts = ["posts/*.md"]\n'
POST_KEYS = {
    "path",
    "title",
    "status",
    "published",
    "previously_published",
    "date_source",
    "tags",
    "categories",
    "words",
    "edits",
    "first_commit",
    "last_commit",
}


def at(
    year: int, month: int, day: int, hour: int = 12, minute: int = 0, tz: timezone = PLUS_ONE
) -> datetime:
    """An aware datetime; git gets it as `<epoch> <offset>`, never as a naive local time."""
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def git_date(when: datetime) -> str:
    offset = when.utcoffset()
    if offset is None:
        raise ValueError(f"{when!r} has no timezone")
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{int(when.timestamp())} {sign}{hours:02d}{mins:02d}"


def split_person(person: str) -> tuple[str, str]:
    name, _, email = person.partition(" <")
    return name, email.rstrip(">")


def markdown(body: str = "Some words here.", **fields: str) -> str:
    """A post with YAML front matter holding `fields` verbatim, in the order given."""
    if not fields:
        return body
    lines = [f"{key}: {value}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


@dataclass
class GitRepo:
    path: Path
    clock: datetime = field(default_factory=lambda: at(2024, 1, 1, 9))

    @classmethod
    def create(cls, path: Path, config: str | None = POSTS_CONFIG) -> GitRepo:
        path.mkdir(parents=True, exist_ok=True)
        repo = cls(path)
        repo.git("init", "-q", "-b", "main")
        if config is not None:
            repo.write(".streakline.toml", config)
        return repo

    def git(self, *args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> str:
        full_env = {**os.environ, **(env or {})}
        proc = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=full_env,
            input=input,
            capture_output=True,
            check=False,
        )
        if proc.returncode != 0:
            raise AssertionError(
                f"git {' '.join(args)} failed ({proc.returncode}):\n"
                + proc.stderr.decode(errors="replace")
            )
        return proc.stdout.decode(errors="replace").strip()

    def write(self, rel: str, content: str | bytes) -> None:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        target.write_bytes(data)

    def read(self, rel: str) -> str:
        return (self.path / rel).read_text()

    def remove(self, rel: str) -> None:
        self.git("rm", "-q", rel)

    def move(self, old: str, new: str) -> None:
        (self.path / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", old, new)

    def _next_time(self, when: datetime | None) -> datetime:
        if when is None:
            self.clock = self.clock + timedelta(days=1)
            return self.clock
        self.clock = max(self.clock, when)
        return when

    def commit(
        self,
        msg: str,
        when: datetime | None = None,
        author: str = DEFAULT_AUTHOR,
        *,
        author_when: datetime | None = None,
        amend: bool = False,
    ) -> str:
        """Stage everything and commit; `when` is the committer date (the landing time)."""
        when = self._next_time(when)
        name, email = split_person(author)
        env = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": git_date(author_when or when),
            "GIT_COMMITTER_NAME": "Ada",
            "GIT_COMMITTER_EMAIL": "ada@example.org",
            "GIT_COMMITTER_DATE": git_date(when),
        }
        self.git("add", "-A")
        args = ["commit", "-q", "--allow-empty", "--no-verify", "-m", msg]
        if amend:
            args.append("--amend")
        self.git(*args, env=env)
        return self.head()

    def head(self) -> str:
        return self.git("rev-parse", "HEAD")

    def branch(self, name: str, start: str = "HEAD") -> None:
        self.git("branch", name, start)

    def checkout(self, name: str) -> None:
        self.git("checkout", "-q", name)

    def merge(self, name: str, when: datetime | None = None, *, no_ff: bool = True) -> str:
        when = self._next_time(when)
        env = {
            "GIT_AUTHOR_DATE": git_date(when),
            "GIT_COMMITTER_DATE": git_date(when),
        }
        args = ["merge", "-q", "-m", f"Merge {name}"]
        if no_ff:
            args.append("--no-ff")
        self.git(*args, name, env=env)
        return self.head()

    def rewrite_env(self, when: datetime) -> dict[str, str]:
        """Dates for commands that rewrite commits (rebase, cherry-pick)."""
        return {"GIT_COMMITTER_DATE": git_date(when)}

    def fast_import(self, count: int, start: int = 0) -> None:
        """Appends `count` generated commits to main quickly, then checks main out."""
        parent = "refs/heads/main^0" if start else None
        stream = fast_import_stream(count, start=start, parent=parent)
        self.git("fast-import", "--quiet", input=stream)
        self.git("reset", "-q", "--hard", "main")

    def common_dir(self) -> Path:
        out = self.git("rev-parse", "--git-common-dir")
        return (self.path / out).resolve()


def fast_import_stream(
    count: int, *, start: int = 0, parent: str | None = None, config: str = POSTS_CONFIG
) -> bytes:
    """A `git fast-import` stream of `count` commits: every third one edits, the rest add."""
    out: list[bytes] = []

    def data(payload: bytes) -> None:
        out.append(f"data {len(payload)}\n".encode() + payload + b"\n")

    base = at(2015, 1, 1, 9)
    for n in range(start, start + count):
        when = git_date(base + timedelta(hours=7 * n))
        out.append(b"commit refs/heads/main\n")
        out.append(f"mark :{n + 1}\n".encode())
        out.append(f"author Ada <ada@example.org> {when}\n".encode())
        out.append(f"committer Ada <ada@example.org> {when}\n".encode())
        data(f"Commit {n}".encode())
        if n == start and parent is not None:
            out.append(f"from {parent}\n".encode())
        if n == 0:
            out.append(b"M 100644 inline .streakline.toml\n")
            data(config.encode())
        if n % 3 == 2:
            target = n - 2
            body = f"Post {target} revised in commit {n}, with a few more words each time.\n"
        else:
            target = n
            body = f"Post {n} first draft.\n"
        text = markdown(body, title=f"Post {target}", date=f"2015-01-{1 + target % 28:02d}")
        out.append(f"M 100644 inline posts/p{target:05d}.md\n".encode())
        data(text.encode())
    return b"".join(out)


def dump_tables(db_file: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of `lineages` and `events`, in id order."""
    con = sqlite3.connect(db_file)
    try:
        return {
            table: con.execute(f"SELECT * FROM {table} ORDER BY scan_id, id").fetchall()
            for table in ("lineages", "events")
        }
    finally:
        con.close()


def streakline_exe() -> Path:
    return Path(sys.executable).parent / "streakline"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    detail: str

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.stderr_lines if line.startswith("warning: ")]

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr_lines if line.startswith("error: ")]

    def json(self) -> Any:
        return json.loads(self.stdout)


class Cli:
    """Runs streakline in-process with typer's CliRunner."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    def run(self, *args: str, env: dict[str, str | None] | None = None) -> Run:
        from typer.testing import CliRunner

        from streakline.cli import app

        result = CliRunner().invoke(app, list(args), env=env)
        detail = f"streakline {' '.join(args)} -> {result.exit_code}\n"
        detail += f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            detail += "--- exception\n" + "".join(traceback.format_exception(result.exception))
        return Run(result.exit_code, result.stdout, result.stderr, detail)

    def ok(self, *args: str, env: dict[str, str | None] | None = None) -> Run:
        run = self.run(*args, env=env)
        assert run.exit_code == 0, run.detail
        return run

    def scan(self, repo: GitRepo, *extra: str, db: str | None = None) -> Run:
        return self.ok("scan", "-C", str(repo.path), "--db", db or self.db_url, *extra)

    def posts_run(
        self,
        repo: GitRepo,
        *,
        today: str | None = None,
        include_deleted: bool = False,
        db: str | None = None,
    ) -> Run:
        args = ["posts", "-C", str(repo.path), "--db", db or self.db_url, "--json"]
        if today is not None:
            args += ["--today", today]
        if include_deleted:
            args.append("--include-deleted")
        return self.ok(*args)

    def posts(
        self,
        repo: GitRepo,
        *,
        today: str | None = None,
        include_deleted: bool = False,
        db: str | None = None,
    ) -> list[dict[str, Any]]:
        run = self.posts_run(repo, today=today, include_deleted=include_deleted, db=db)
        try:
            data = run.json()
        except json.JSONDecodeError as exc:
            raise AssertionError(f"stdout is not JSON: {exc}\n{run.detail}") from exc
        assert isinstance(data, list), run.detail
        return data


def by_path(posts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Posts keyed by path; fails if two lineages share one."""
    paths = [post["path"] for post in posts]
    assert len(paths) == len(set(paths)), f"several lineages share a path: {paths}"
    return {post["path"]: post for post in posts}


def user_error(run: Run) -> str:
    """The one `error: ` line of a run that ended with exit 1; fails otherwise."""
    assert run.exit_code == 1, run.detail
    assert "--- exception" not in run.detail, run.detail
    assert len(run.stderr_lines) == 1, run.detail
    line = run.stderr_lines[0]
    assert line.startswith("error: "), run.detail
    return line
