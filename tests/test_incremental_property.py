"""SPEC 7: any number of incremental scans equals one full scan, and --rebuild reproduces it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gitrepo import Cli, GitRepo, at, markdown

TITLES = ["Alpha", "Beta", "Gamma"]
DATES = [None, "2023-05-01", "2024-02-29"]
OFFSETS = [timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)), UTC]
WORDS = ["river", "stone", "lamp", "quiet", "morning", "letter", "window", "garden"]
BOT = "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"

# One change: (kind, three small numbers that pick its target and details).
change = st.tuples(
    st.sampled_from(["add", "edit", "rename", "delete", "flip", "readd"]),
    st.integers(0, 50),
    st.integers(0, 50),
    st.integers(0, 50),
)
# One first-parent commit: its changes, whether a bot made it, and whether the changes
# were made on a side branch (one commit per change) and merged.
commit = st.tuples(st.lists(change, min_size=1, max_size=3), st.booleans(), st.booleans())


class Model:
    """Keeps the generated changes valid: edits touch live posts, re-adds reuse deleted ones."""

    def __init__(self, repo: GitRepo) -> None:
        self.repo = repo
        self.live: dict[str, tuple[str, str | None, bool, str]] = {}
        self.deleted: list[tuple[str, str | None]] = []
        self.counter = 0

    def write(self, path: str, title: str, date: str | None, draft: bool, body: str) -> None:
        fields = {"title": title}
        if date is not None:
            fields["date"] = date
        if draft:
            fields["draft"] = "true"
        self.repo.write(path, markdown(body, **fields))
        self.live[path] = (title, date, draft, body)

    def new_path(self) -> str:
        self.counter += 1
        return f"posts/p{self.counter:03d}.md"

    def body(self, a: int, b: int) -> str:
        words = [WORDS[(a + i * b) % len(WORDS)] for i in range(3 + a % 5)]
        return " ".join(words) + ".\n\n" + "A steady paragraph that keeps renames similar.\n" * 4

    def apply(self, kind: str, a: int, b: int, c: int) -> None:
        paths = sorted(self.live)
        if kind == "readd" and not self.deleted:
            kind = "add"
        if kind not in ("add", "readd") and not paths:
            kind = "add"
        if kind == "add":
            self.write(self.new_path(), TITLES[a % 3], DATES[b % 3], c % 4 == 0, self.body(a, b))
            return
        if kind == "readd":
            title, date = self.deleted.pop(a % len(self.deleted))
            self.write(self.new_path(), title, date, False, self.body(b, c))
            return
        path = paths[a % len(paths)]
        title, date, draft, body = self.live[path]
        if kind == "edit":
            self.write(path, title, date, draft, self.body(b, c))
        elif kind == "rename":
            new = self.new_path()
            # Plain file operations: the path may have been added in this very commit.
            (self.repo.path / path).rename(self.repo.path / new)
            del self.live[path]
            if b % 2:
                self.write(new, title, date, draft, body + "One more line.\n")
            else:
                self.live[new] = (title, date, draft, body)
        elif kind == "delete":
            (self.repo.path / path).unlink()
            del self.live[path]
            self.deleted.append((title, date))
        else:
            self.write(path, title, date, not draft, body)


def build(
    repo: GitRepo, commits: list[tuple[list[tuple[str, int, int, int]], bool, bool]]
) -> list[str]:
    """Commits the history; returns the first-parent shas, oldest first."""
    model = Model(repo)
    tips: list[str] = []
    when = at(2024, 1, 1, 9)
    for n, (changes, by_bot, on_side) in enumerate(commits):
        tz = OFFSETS[n % len(OFFSETS)]
        author = BOT if by_bot else "Ada <ada@example.org>"
        if on_side and tips:
            repo.git("checkout", "-q", "-b", f"side{n}")
            for change_ in changes:
                model.apply(*change_)
                when += timedelta(hours=5)
                repo.commit(f"Side change {n}", when.astimezone(tz), author=author)
            repo.checkout("main")
            when += timedelta(hours=5)
            tips.append(repo.merge(f"side{n}", when.astimezone(tz)))
        else:
            for change_ in changes:
                model.apply(*change_)
            when += timedelta(hours=17)
            tips.append(repo.commit(f"Commit {n}", when.astimezone(tz), author=author))
    return tips


def dump_rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every stored lineage and event row, on either dialect, in id order."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table: [
                    tuple(row)
                    for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY scan_id, id"))
                ]
                for table in ("lineages", "events")
            }
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest) -> Iterator[Callable[[Path], str]]:
    """Makes a new, empty database for each hypothesis example, on each dialect."""
    made: list[str] = []
    server = request.getfixturevalue("pg_server") if request.param == "postgresql" else None

    def make(folder: Path) -> str:
        if server is None:
            return f"sqlite:///{folder}/stepped.sqlite3"
        made.append(server.create_database())
        return str(server.url(made[-1]))

    yield make
    for name in made:
        server.drop_database(name)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    commits=st.lists(commit, min_size=1, max_size=7),
    cuts=st.sets(st.integers(0, 6), max_size=4),
)
# Two deleted posts of one date and title, then re-adds: a resumed scan must pick the same
# deleted lineage to continue as a scan that never stopped.
@example(
    commits=[
        ([("add", 0, 0, 0)], False, False),
        ([("delete", 0, 0, 0), ("add", 2, 20, 0)], False, False),
        ([("rename", 0, 0, 0)], False, False),
        ([("readd", 0, 0, 0), ("add", 20, 17, 0)], False, False),
        ([("delete", 2, 0, 0), ("delete", 0, 0, 0)], False, False),
        ([("readd", 0, 0, 0)], False, False),
        ([("readd", 0, 0, 0)], False, False),
    ],
    cuts={0, 5},
)
def test_incremental_scans_equal_a_full_scan(
    commits: list[tuple[list[tuple[str, int, int, int]], bool, bool]],
    cuts: set[int],
    fresh_url: Callable[[Path], str],
) -> None:
    """Stepped into either dialect, the rows equal one full scan into SQLite."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        repo = GitRepo.create(base / "blog")
        tips = build(repo, commits)
        stepped = fresh_url(base)
        full = f"sqlite:///{base}/full.sqlite3"
        cli = Cli(stepped)

        scanned = -1  # the index in `tips` of the last commit scanned
        for index in [*sorted(cut for cut in cuts if cut < len(tips) - 1), len(tips) - 1]:
            repo.git("reset", "-q", "--hard", tips[index])
            run = cli.scan(repo)
            # Each step reads only the first-parent commits since the previous one.
            how = "full scan" if scanned < 0 else "incremental scan"
            summary = f"Scanned {index - scanned} commits on main ({how}): "
            assert run.stderr_lines[-1].startswith(summary), run.detail
            scanned = index
        cli.scan(repo, db=full)

        assert dump_rows(stepped) == dump_rows(full)
        cli.scan(repo, "--rebuild")
        assert dump_rows(stepped) == dump_rows(full)
        assert cli.posts(repo, include_deleted=True) == cli.posts(
            repo, include_deleted=True, db=full
        )
