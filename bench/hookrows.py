"""The hook rows: `streakline hook run` on a copy of the default repository.

    python bench/hookrows.py [--repo DIR] [--runs 5]

Three rows, side by side in one run, each timed as the hook runs inside `git commit`
(the default database in the repo's .git, the repo's own settings):

1. nothing staged (the hook only catches up) against `python -c "import git, sqlalchemy"`;
2. one new post staged (counted in a scan that is rolled back, the outputs written) against
   the same import;
3. right after `git commit --amend` of the tip (untimed, with --no-verify): the amended
   commit is undone and the new one scanned; against the hook with nothing staged.

A note says whether `python -X importtime` finds plotext, alembic or typer on the path of
the hook with a post staged. The copy is a `git clone` under a temporary folder, so the
default repository is never changed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import Row, Sample, clean_env, compare_runs, log, measure, render, row

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
STREAKLINE = Path(sys.executable).parent / "streakline"
IMPORT_FLOOR = "import git, sqlalchemy"
POST = """---
title: "A post written today"
date: 2026-11-24
tags: [writing]
---

Written today, staged, and counted by the hook before the commit exists.
"""
NOT_ON_PATH = ("plotext", "alembic", "typer", "click")
HOOK_ROWS = (
    ("hook, nothing staged", "<= 1.3"),
    ("hook after --amend", "<= 2.0 x no-op hook"),
    ("hook, one post staged", "<= 1.8"),
)


def git(repo: Path, *args: str) -> str:
    cmd = ["git", "-C", str(repo), *args]
    return subprocess.run(cmd, check=True, capture_output=True, env=clean_env()).stdout.decode()


def hook_rows(source: Path, tmp: Path, runs: int, notes: list[str]) -> list[Row]:
    clone = tmp / "hooked"
    subprocess.run(["git", "clone", "-q", str(source), str(clone)], check=True, env=clean_env())
    git(clone, "config", "user.name", "Bench Writer")
    git(clone, "config", "user.email", "bench@example.org")
    log("hook rows: a first scan of the copy (untimed)")
    measure([str(STREAKLINE), "scan", "-C", str(clone)])
    hook = [str(STREAKLINE), "hook", "run", "-C", str(clone)]
    imports = [sys.executable, "-c", IMPORT_FLOOR]
    rows = []

    log("hook run, nothing staged vs import git, sqlalchemy")
    rows.append(
        row(
            "hook, nothing staged",
            "<= 1.3",
            lambda r: r <= 1.3,
            lambda: compare_runs(lambda: measure(hook), lambda: measure(imports), runs),
        )
    )

    amends = iter(range(1, 1000))

    def after_amend() -> Sample:
        n = next(amends)
        git(clone, "commit", "-q", "--amend", "--no-verify", "-m", f"Amended {n}")
        return measure(hook)

    log("hook run after git commit --amend vs hook run with nothing staged")
    rows.append(
        row(
            "hook after --amend",
            "<= 2.0 x no-op hook",
            lambda r: r <= 2.0,
            lambda: compare_runs(after_amend, lambda: measure(hook), runs),
        )
    )

    post = clone / "content" / "posts" / "written-today.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(POST, encoding="utf-8")
    git(clone, "add", str(post))
    log("hook run, one new post staged vs import git, sqlalchemy")
    rows.append(
        row(
            "hook, one post staged",
            "<= 1.8",
            lambda r: r <= 1.8,
            lambda: compare_runs(lambda: measure(hook), lambda: measure(imports), runs),
        )
    )
    notes.append(importtime_note(clone))
    return rows


def importtime_note(repo: Path) -> str:
    """Which of plotext, alembic, typer and click the hook with a post staged imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "streakline", "hook", "run", "-C", str(repo)],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    top = {
        line.split("|")[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    found = sorted(top.intersection(NOT_ON_PATH))
    verdict = ", ".join(found) if found else f"none of {', '.join(NOT_ON_PATH)}"
    return f"hook with a post staged, python -X importtime: {verdict} imported"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=WORK / "default")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.repo / ".git").exists():
        parser.error(f"{args.repo} is not a git repository (run bench/run.py once to build it)")
    WORK.mkdir(exist_ok=True)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-hook-", dir=WORK) as tmp:
        rows = hook_rows(args.repo.resolve(), Path(tmp), args.runs, notes)
    print(f"streakline hook rows: median of {args.runs} interleaved runs each, after a warm-up")
    print(f"repo   {args.repo.resolve()} (a clone of it)")
    print()
    print(render(rows))
    print()
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
