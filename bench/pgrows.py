"""The PostgreSQL rows: one scan into a server against SQLite, and sixteen repos at once.

Both run against a throwaway server of our own (pgserver.py), started after the SQLite
rows so that it idles through none of them, and stopped before the table is printed.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from pathlib import Path

from measure import (
    TODAY,
    BenchError,
    Row,
    clean_env,
    compare,
    compare_runs,
    log,
    measure_in_turn,
    measure_together,
    row,
    skipped,
)
from pgserver import PgFailed, PgServer, PgUnavailable, running

MANY = 16
FULL = ("full scan, PostgreSQL", "<= 1.5")
TOGETHER = (f"{MANY} repos at once", "<= 1.0")
SAME = (f"{MANY} repos, same posts", "equal")
NAMES = (FULL, TOGETHER, SAME)


def many_options(n: int) -> list[str]:
    """`generate.py` options of the n-th (1-based) of the many small repos.

    Sizes from 1,000 to 1,960 commits, like a set of real blogs of different ages; a seed
    of its own each, so no two repos hold the same posts.
    """
    commits = 1000 + 64 * (n - 1)
    posts = commits // 7  # the default repo's share of posts
    return ["--commits", str(commits), "--posts", str(posts), "--years", "6", "--seed", str(n)]


def pg_rows(
    tool: Path, repo: Path, many: Sequence[Path], tmp: Path, runs: int, notes: list[str]
) -> list[Row]:
    """The three PostgreSQL rows; SKIP when the server cannot run here, ERROR when it fails."""
    rows: list[Row] = []
    try:
        with running() as server:
            notes.append(f"server: {server.version()}, Unix socket only, fsync off")
            log("full scan into PostgreSQL vs into SQLite")
            rows.append(full_scan_row(server, tool, repo, tmp, runs))
            log(f"{MANY} repos into one server: at once vs one after another")
            rows.append(together_row(server, tool, many, runs))
            log(f"{MANY} repos at once into a new database, then posts --json of each")
            rows.append(same_posts_row(server, tool, many, tmp))
    except PgUnavailable as exc:
        return [skipped(name, target, str(exc)) for name, target in NAMES]
    except PgFailed as exc:
        if len(rows) == len(NAMES):  # every row is in; only stopping the server failed
            notes.append(f"server did not stop: {exc}")
        rows += [Row(name, "-", "-", None, t, "ERROR", str(exc)) for name, t in NAMES[len(rows) :]]
    return rows


def full_scan_row(server: PgServer, tool: Path, repo: Path, tmp: Path, runs: int) -> Row:
    url = server.create_database("full")
    sqlite = f"sqlite:///{tmp}/pg-floor.sqlite3"
    pg_scan = [str(tool), "scan", "--rebuild", "-C", str(repo), "--db", url]
    sqlite_scan = [str(tool), "scan", "--rebuild", "-C", str(repo), "--db", sqlite]
    name, target = FULL
    return row(name, target, lambda r: r <= 1.5, lambda: compare(pg_scan, sqlite_scan, runs))


def together_row(server: PgServer, tool: Path, many: Sequence[Path], runs: int) -> Row:
    """All scans started at once against the same scans one after another, one database.

    `--rebuild`, so every run reads each whole history again; the warm-up of the first
    side creates the schema with all sixteen writers racing for it.
    """
    url = server.create_database("many")
    scans = [[str(tool), "scan", "--rebuild", "-C", str(r), "--db", url] for r in many]
    name, target = TOGETHER
    return row(
        name,
        target,
        lambda r: r <= 1.0,
        # At most 3 runs: a pair takes about a minute on 2 cores.
        lambda: compare_runs(
            lambda: measure_together(scans), lambda: measure_in_turn(scans), min(runs, 3)
        ),
    )


def same_posts_row(server: PgServer, tool: Path, many: Sequence[Path], tmp: Path) -> Row:
    """Scan every repo at once into a new database; each repo's posts must equal its own scan.

    The reference is a scan of that repo alone into a SQLite file of its own.
    """
    name, target = SAME
    url = server.create_database("check")
    scans = [[str(tool), "scan", "-C", str(r), "--db", url] for r in many]
    try:
        measure_together(scans)
        differ: list[str] = []
        total = 0
        for r in many:
            shared = posts(tool, r, url)
            alone = posts(tool, r, f"sqlite:///{tmp}/alone-{r.name}.sqlite3")
            if not alone:
                raise BenchError(f"{r.name}: no posts to compare")
            if shared != alone:
                differ.append(r.name)
            total += len(alone)
    except BenchError as exc:
        return Row(name, "-", "-", None, target, "ERROR", str(exc))
    ours = f"{len(many)}/{len(many)} exit 0"
    if differ:
        why = f"posts --json differs from a scan alone into SQLite: {', '.join(differ)}"
        return Row(name, ours, "SQLite alone", None, target, "ERROR", why)
    why = f"posts --json of each equals a scan alone into SQLite ({total} posts)"
    return Row(name, ours, "SQLite alone", None, target, "ok", why)


def posts(tool: Path, repo: Path, url: str) -> list[object]:
    cmd = [str(tool), "posts", "--json", "--today", TODAY, "-C", str(repo), "--db", url]
    proc = subprocess.run(cmd, capture_output=True, env=clean_env(), check=False)
    if proc.returncode != 0:
        lines = proc.stderr.decode(errors="replace").strip().splitlines() or ["(no output)"]
        raise BenchError(f"{repo.name}: posts exit {proc.returncode}: {lines[-1][:120]}")
    listing = json.loads(proc.stdout)
    if not isinstance(listing, list):
        raise BenchError(f"{repo.name}: posts --json gave no list")
    return listing
