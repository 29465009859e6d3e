"""Measure streakline against what Git itself needs, and against PyDriller.

    python bench/run.py [--repo DIR] [--small-repo DIR] [--lean-repo DIR] [--runs 5]

Each row runs two commands side by side, N times interleaved (A B A B ...), after one
untimed warm-up of each, and compares the medians:

1. `streakline scan --rebuild` against the floor: the same `git log` streamed to
   /dev/null plus `git cat-file --batch` of every post blob the scan reads, from `sh`.
   The same on the lean repository (posts only), where git's share is small.
2. peak RSS of that scan (largest process in its tree) against the floor's.
3. a scan with nothing new against `python -c "import git, sqlalchemy"`.
4. `streakline stats --json` against the same import.
5. `streakline scan --rebuild` of the small repository against a PyDriller traversal
   reading what a stats tool needs (files, line counts, contents).
6. the same full scan into a throwaway PostgreSQL server against into SQLite.
7. sixteen small repos scanned into one server all at once against one after another,
   then a check that all sixteen succeed and each repo's posts equal a scan of it alone.
8. `streakline hook run` on a clone of the default repository: with nothing staged and with
   a post staged against the import above, and right after `git commit --amend` against the
   hook with nothing staged (hookrows.py, which also runs alone).

The repositories are generated under bench/work/ when missing. The table goes to stdout,
progress to stderr; the exit code is 0 whether or not targets are met.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from hookrows import HOOK_ROWS, hook_rows
from measure import (
    TODAY,
    Row,
    Sample,
    clean_env,
    compare,
    log,
    measure,
    median,
    render,
    row,
    seconds,
    skipped,
)
from pgrows import MANY, many_options, pg_rows
from pgrows import NAMES as PG_ROWS

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
STREAKLINE = Path(sys.executable).parent / "streakline"
FORMAT = "--format=%x00%x00%H%x00%P%x00%ct%x00%cI%x00%aN%x00%aE%x00"
DEFAULT_LOG_ARGS = (
    "log",
    "--first-parent",
    "--diff-merges=first-parent",
    "-M",
    "-l0",
    "--raw",
    "--numstat",
    "-z",
    FORMAT,
)
PYDRILLER = """\
import sys
from pydriller import Repository
for commit in Repository(sys.argv[1], only_in_branch=sys.argv[2]).traverse_commits():
    for change in commit.modified_files:
        change.added_lines, change.source_code
"""
IMPORT_FLOOR = "import git, sqlalchemy"


def git(repo: Path, *args: str) -> str:
    cmd = ["git", "-C", str(repo), *args]
    return subprocess.run(cmd, check=True, capture_output=True, env=clean_env()).stdout.decode()


def log_args(repo: Path, branch: str) -> list[str]:
    """The scanner's own `git log` command for `repo` when it exposes it, else the documented one.

    In a partial clone the scan limits git to the file endings a post may have, from the
    layout streakline detects in `repo`; the floor runs exactly the same command.
    """
    try:
        from streakline.service import open_workspace
    except (ImportError, SyntaxError):
        pass
    else:
        with open_workspace(repo, "sqlite://") as ws:
            return ["log", *ws.repo.log_args(branch, ws.settings.post_suffixes)]
    try:
        from streakline.service import open_context  # the name before open_workspace
    except (ImportError, SyntaxError):
        return [*DEFAULT_LOG_ARGS, branch]
    ctx = open_context(repo, "sqlite://")
    try:
        if not hasattr(ctx.repo, "log_args"):  # an older streakline: fixed arguments
            from streakline.gitscan import GIT_LOG_ARGS

            return ["log", *GIT_LOG_ARGS, branch]
        return ["log", *ctx.repo.log_args(branch, ctx.settings.post_suffixes)]
    finally:
        ctx.repo.close()


def post_blobs(repo: Path, args: list[str]) -> list[str]:
    """The new blob of every A/M/R/C change to a `.md` path, unique, oldest first.

    The same history walk, diff options and pathspec as the scan, with full object names
    and without numstat or the commit format, so the -z output has one shape to parse.
    """
    cut = args.index("--") if "--" in args else len(args)
    walk = [
        a
        for a in args[:cut]
        if a not in ("--numstat",) and not a.startswith(("--format", "--pretty"))
    ]
    walk += ["--no-abbrev", "--format=%H", *args[cut:]]
    out = subprocess.run(
        ["git", "-C", str(repo), *walk], check=True, capture_output=True, env=clean_env()
    ).stdout
    tokens = out.split(b"\0")
    shas: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if not token.startswith(b":"):
            continue
        fields = token.split()
        status = fields[4][:1].decode()
        paths = 2 if status in "RC" else 1
        path = tokens[i + paths - 1]
        i += paths
        sha = fields[3].decode()
        if status in "AMRC" and path.endswith(b".md") and sha not in seen:
            seen.add(sha)
            shas.append(sha)
    if "--reverse" not in walk:
        shas.reverse()
    return shas


def ensure_repo(path: Path, options: Sequence[str]) -> str:
    """Generate the repository with `generate.py` options if it is missing; says how long."""
    if path.exists():
        return "existing"
    log(f"generating {path} ...")
    # Built next to its final place and renamed, so an interrupted run leaves no half repo.
    partial = path.with_name(path.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [sys.executable, str(BENCH / "generate.py"), str(partial)]
    start = time.perf_counter()
    subprocess.run([*cmd, *options], check=True, env=clean_env())
    elapsed = time.perf_counter() - start
    partial.rename(path)
    return f"generated in {elapsed:.1f} s"


def has_command(name: str) -> bool:
    proc = subprocess.run(
        [str(STREAKLINE), name, "--help"], capture_output=True, env=clean_env(), check=False
    )
    return proc.returncode == 0


def printable(text: str) -> str:
    """Control characters as git's own `%xNN` escapes, so the printed command still works."""
    return "".join(f"%x{ord(c):02x}" if ord(c) < 32 else c for c in text)


def scan_floor(repo: Path, tmp: Path, notes: list[str]) -> list[str]:
    """The floor of a full scan of `repo`: its `git log`, then cat-file of its post blobs."""
    branch = git(repo, "symbolic-ref", "--short", "HEAD").strip()
    args = log_args(repo, branch)
    shas_file = tmp / f"shas-{repo.name}.txt"
    shas = post_blobs(repo, args)
    shas_file.write_text("".join(f"{s}\n" for s in shas))
    sizes = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch-check=%(objectsize)"],
        input=shas_file.read_bytes(),
        capture_output=True,
        check=True,
        env=clean_env(),
    ).stdout.decode()
    megabytes = sum(int(n) for n in sizes.split()) / 1e6
    git_log = shlex.join(["git", "-C", str(repo), *args])
    cat_file = shlex.join(["git", "-C", str(repo), "cat-file", "--batch"])
    floor_sh = f"{git_log} > /dev/null && {cat_file} < {shlex.quote(str(shas_file))} > /dev/null"
    notes.append(f"floor: {printable(git_log)} > /dev/null")
    notes.append(f"       + git cat-file --batch of {len(shas)} post blobs ({megabytes:.1f} MB)")
    return ["sh", "-c", floor_sh]


def run_all(
    repo: Path, small: Path, lean: Path, many: list[Path], runs: int
) -> tuple[list[Row], list[str]]:
    small_branch = git(small, "symbolic-ref", "--short", "HEAD").strip()
    notes: list[str] = []
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-", dir=WORK) as tmp:
        floor = scan_floor(repo, Path(tmp), notes)
        lean_floor = scan_floor(lean, Path(tmp), notes)

        db = f"sqlite:///{tmp}/bench.sqlite3"
        small_db = f"sqlite:///{tmp}/small.sqlite3"
        lean_db = f"sqlite:///{tmp}/lean.sqlite3"
        tool = str(STREAKLINE)
        scan = [tool, "scan", "--rebuild", "-C", str(repo), "--db", db]
        noop = [tool, "scan", "-C", str(repo), "--db", db]
        stats = [tool, "stats", "--json", "--today", TODAY, "-C", str(repo), "--db", db]
        imports = [sys.executable, "-c", IMPORT_FLOOR]
        small_scan = [tool, "scan", "--rebuild", "-C", str(small), "--db", small_db]
        lean_scan = [tool, "scan", "--rebuild", "-C", str(lean), "--db", lean_db]
        pydriller = [sys.executable, "-c", PYDRILLER, str(small), small_branch]

        installed = STREAKLINE.exists()
        missing = f"{STREAKLINE} not found"
        full: dict[str, list[Sample]] = {}

        def full_scan() -> tuple[list[Sample], list[Sample]]:
            full["ours"], full["floor"] = compare(scan, floor, runs)
            return full["ours"], full["floor"]

        log("full scan vs git log + cat-file")
        if installed:
            rows.append(row("full scan", "<= 2.5", lambda r: r <= 2.5, full_scan))
        else:
            rows.append(skipped("full scan", "<= 2.5", missing))
            full["floor"] = [measure(floor) for _ in range(runs)]
            notes.append(f"floor alone: {seconds(median(full['floor']))}")

        log("lean repo: full scan vs git log + cat-file")
        if installed:
            rows.append(
                row(
                    "full scan, lean",
                    "<= 2.5",
                    lambda r: r <= 2.5,
                    lambda: compare(lean_scan, lean_floor, runs),
                )
            )
        else:
            rows.append(skipped("full scan, lean", "<= 2.5", missing))

        floor_rss = max(s.rss_mb for s in full["floor"])
        if "ours" in full:
            peak = max(s.rss_mb for s in full["ours"])
            rows.append(
                Row(
                    "scan peak RSS",
                    f"{peak:.0f} MB",
                    f"{floor_rss:.0f} MB",
                    peak / floor_rss,
                    "< 250 MB",
                    "ok" if peak < 250 else "MISS",
                )
            )
        else:
            rows.append(skipped("scan peak RSS", "< 250 MB", missing if not installed else ""))

        log("no-op scan vs import git, sqlalchemy")
        if installed and "ours" in full:
            rows.append(
                row(
                    "no-op scan", "<= 1.5", lambda r: r <= 1.5, lambda: compare(noop, imports, runs)
                )
            )
        else:
            rows.append(skipped("no-op scan", "<= 1.5", missing if not installed else "no scan"))

        log("stats --json vs import git, sqlalchemy")
        if installed and "ours" in full and has_command("stats"):
            rows.append(
                row(
                    "stats --json",
                    "<= 3.0",
                    lambda r: r <= 3.0,
                    lambda: compare(stats, imports, runs),
                )
            )
        else:
            why = missing if not installed else "no scan" if "ours" not in full else "no stats"
            rows.append(skipped("stats --json", "<= 3.0", why))

        log("small repo: scan --rebuild vs PyDriller")
        if installed:
            result = row(
                "scan vs PyDriller",
                "<= 0.05",
                lambda r: r <= 0.05,
                lambda: compare(small_scan, pydriller, min(runs, 3)),
            )
            if result.ratio:
                result = replace(result, note=f"{1 / result.ratio:.1f}x faster (target 20x)")
            rows.append(result)
        else:
            rows.append(skipped("scan vs PyDriller", "<= 0.05", missing))

        if installed:
            rows += hook_rows(repo, Path(tmp), runs, notes)
        else:
            rows += [skipped(name, target, missing) for name, target in HOOK_ROWS]

        if installed:
            rows += pg_rows(STREAKLINE, repo, many, Path(tmp), runs, notes)
        else:
            rows += [skipped(name, target, missing) for name, target in PG_ROWS]
    return rows, notes


def describe(repo: Path) -> str:
    branch = git(repo, "symbolic-ref", "--short", "HEAD").strip()
    commits = git(repo, "rev-list", "--count", branch).strip()
    first = git(repo, "rev-list", "--count", "--first-parent", branch).strip()
    return f"{commits} commits ({first} first-parent) on {branch}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="repository to scan (default: generated)")
    parser.add_argument("--small-repo", type=Path, help="repository for the PyDriller row")
    parser.add_argument("--lean-repo", type=Path, help="posts-only repository (cheap git work)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    WORK.mkdir(exist_ok=True)
    repo = args.repo or WORK / "default"
    small = args.small_repo or WORK / "small"
    lean = args.lean_repo or WORK / "lean"
    for path, given in ((repo, args.repo), (small, args.small_repo), (lean, args.lean_repo)):
        if (
            given is not None
            and not (path / ".git").exists()
            and not path.joinpath("HEAD").exists()
        ):
            parser.error(f"{path} is not a git repository")
    made = ensure_repo(repo, []) if args.repo is None else "given"
    made_small = ensure_repo(small, ["--small"]) if args.small_repo is None else "given"
    made_lean = ensure_repo(lean, ["--lean"]) if args.lean_repo is None else "given"
    (WORK / "many").mkdir(exist_ok=True)
    many = [WORK / "many" / f"blog{n:02}" for n in range(1, MANY + 1)]
    made_many = {ensure_repo(path, many_options(n)) for n, path in enumerate(many, 1)}
    repo, small, lean = repo.resolve(), small.resolve(), lean.resolve()
    many = [path.resolve() for path in many]
    # A plain kill ends us through `finally`, so the PostgreSQL server is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))

    try:
        rows, notes = run_all(repo, small, lean, many, args.runs)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130

    git_version = git(repo, "version").strip().removeprefix("git version ")
    print(f"streakline benchmark: median of {args.runs} interleaved runs each, after a warm-up")
    print(f"repo   {repo}: {describe(repo)}, {made}")
    print(f"small  {small}: {describe(small)}, {made_small}")
    print(f"lean   {lean}: {describe(lean)}, {made_lean}")
    sizes = sorted(int(git(path, "rev-list", "--count", "HEAD")) for path in many)
    made_many_text = "existing" if made_many == {"existing"} else "generated"
    print(
        f"many   {many[0].parent}: {len(many)} repos of {sizes[0]}-{sizes[-1]} commits, "
        f"{made_many_text}"
    )
    print(f"python {platform.python_version()}, git {git_version}, {os.cpu_count()} CPUs")
    print()
    print(render(rows))
    print()
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
