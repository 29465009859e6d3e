"""Native git hook scripts that run `streakline hook run`: written, chained, removed.

As pre-commit installs its own: a marker line tells our script from anyone else's, and a
hook that was there before is kept as `<hook>.legacy` and run first, never overwritten.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from streakline.errors import StreaklineError
from streakline.gitscan import GitRepo, git_env

MARKER = (
    "# streakline-hook: written by `streakline hook install`; "
    "`streakline hook uninstall` removes it"
)
# Not pre-merge-commit: git has made the merge's tree when it runs, so what it stages would
# only be left in the index. A merge that needs no hand carries the outputs git merged; one
# whose outputs conflict is concluded by `git commit`, which runs pre-commit.
HOOK_NAMES = {"pre-commit": ("pre-commit",), "post-commit": ("post-commit",)}
LEGACY = ".legacy"


@dataclass(frozen=True)
class Installed:
    path: Path
    kept: Path | None  # the hook that was there, kept under this name and run first


@dataclass(frozen=True)
class Removed:
    path: Path
    restored: bool  # the hook kept as `.legacy` is back in its place


def hooks_dir(repo: GitRepo) -> Path:
    """Where git looks for this repo's hooks: core.hooksPath, else the common git dir's."""
    proc = _git(repo, "rev-parse", "--git-path", "hooks")
    return (repo.root / proc.strip()).resolve()


def shared_hooks_path(repo: GitRepo) -> str | None:
    """The file that sets core.hooksPath when it is not this repo's own config: hooks
    installed there would run in every repo that reads it."""
    found = _git(repo, "config", "--show-origin", "--get", "core.hooksPath", check=False)
    origin = found.partition("\t")[0]
    if not origin.startswith("file:"):
        return None  # unset, or given on the command line
    where = (repo.root / origin.removeprefix("file:")).resolve()
    own = {(repo.common_dir / "config").resolve(), (repo.git_dir / "config.worktree").resolve()}
    return None if where in own else str(where)


def render_script(name: str, kind: str, strict: bool) -> str:
    """The hook: the kept hook first (its failure stops the commit as before), then us.

    The Python that installed the hook runs it; if that is gone, `streakline` on PATH; if
    neither is there, one line and the commit goes on.
    """
    python = shlex.quote(sys.executable)
    args = f"hook run --type {kind}" + (" --strict" if strict else "")
    gone = (
        f"streakline: {python} is gone and streakline is not on PATH; the {name} hook did "
        "nothing (run \\`streakline hook install\\` again)"
    )
    return f"""#!/bin/sh
{MARKER}
if [ -x "$0{LEGACY}" ]; then
    "$0{LEGACY}" "$@" || exit $?
fi
if [ -x {python} ]; then
    exec {python} -m streakline {args}
fi
if command -v streakline >/dev/null 2>&1; then
    exec streakline {args}
fi
echo "{gone}" >&2
exit 0
"""


def is_ours(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return MARKER.encode() in head


def install(repo: GitRepo, kind: str, *, force: bool, strict: bool) -> list[Installed]:
    """Write the hook scripts of `kind`; a foreign hook is kept as `.legacy` and chained.

    Refuses (unless `force`) when a `.legacy` file is already in the way of keeping one,
    or when core.hooksPath is shared with other repos.
    """
    folder = hooks_dir(repo)
    shared = shared_hooks_path(repo)
    if shared and not force:
        raise StreaklineError(
            f"core.hooksPath ({folder}, set in {shared}) is shared with other repos; a hook "
            "there would run in all of them: pass --force to install it there anyway"
        )
    plans = []
    for name in HOOK_NAMES[kind]:
        path = folder / name
        legacy = folder / f"{name}{LEGACY}"
        if path.is_dir():
            raise StreaklineError(f"{path} is a folder, not a hook; move it away first")
        foreign = _exists(path) and not is_ours(path)
        if foreign and _exists(legacy) and not force:
            raise StreaklineError(
                f"{path} is not streakline's and {legacy} is in the way of keeping it: "
                f"move one of them, or pass --force to replace {legacy} with it"
            )
        plans.append((name, path, legacy, foreign))
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    for name, path, legacy, foreign in plans:
        if foreign:
            os.replace(path, legacy)
        path.write_text(render_script(name, kind, strict), encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        done.append(Installed(path, legacy if foreign else None))
    return done


def uninstall(repo: GitRepo, kinds: tuple[str, ...]) -> tuple[list[Removed], list[Path]]:
    """Remove our scripts of `kinds` and put back what they kept; returns what was removed
    and the hooks left alone because streakline did not write them."""
    folder = hooks_dir(repo)
    removed, foreign = [], []
    for kind in kinds:
        for name in HOOK_NAMES[kind]:
            path = folder / name
            if not _exists(path):
                continue
            if not is_ours(path):
                foreign.append(path)
                continue
            legacy = folder / f"{name}{LEGACY}"
            if _exists(legacy):
                os.replace(legacy, path)
                removed.append(Removed(path, True))
            else:
                path.unlink()
                removed.append(Removed(path, False))
    return removed, foreign


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _git(repo: GitRepo, *args: str, check: bool = True) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=repo.root, env=git_env(), capture_output=True, stdin=subprocess.DEVNULL
    )
    if check and proc.returncode != 0:
        from streakline.gitlog import explain_failure

        raise StreaklineError(explain_failure(args[0], proc.stderr.decode("utf-8", "replace")))
    return proc.stdout.decode("utf-8", "surrogateescape")
