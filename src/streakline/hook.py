"""`streakline hook install|uninstall|run`: git hooks that keep the badge and site data current.

Thin, like cli.py: read the arguments, call one use case, print, pick an exit code.
`streakline hook run` runs on every commit, so entry.py starts it here, without typer.
A hook is never in the way: whatever goes wrong is one line on stderr and the commit goes
on, unless `--strict` asks for it to stop.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from streakline.errors import StreaklineError
from streakline.render.text import printable

TYPES = ("pre-commit", "post-commit")
# A commit waits at most this long for another process's scan, then goes on without us.
HOOK_LOCK_WAIT = 5.0
RUN_HELP = (
    "Catch up, then write the [outputs] files counting the commit being made (pre-commit, "
    "staged with it) or just made (post-commit)."
)
INSTALL_HELP = "Install a git hook that runs `streakline hook run`."
UNINSTALL_HELP = "Remove the git hooks `streakline hook install` wrote."


def main(argv: Sequence[str] | None = None) -> int:
    """`streakline hook ...` without typer; argv is what follows `hook`."""
    parser = argparse.ArgumentParser(prog="streakline hook")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help=RUN_HELP, description=RUN_HELP)
    install = commands.add_parser("install", help=INSTALL_HELP, description=INSTALL_HELP)
    uninstall = commands.add_parser("uninstall", help=UNINSTALL_HELP, description=UNINSTALL_HELP)
    for sub in (run, install, uninstall):
        sub.add_argument("-C", "--repo", type=Path, default=Path("."))
    run.add_argument("--db", default=None)
    for sub in (run, install):
        sub.add_argument("--type", choices=TYPES, default="pre-commit", dest="kind")
        sub.add_argument("--strict", action="store_true")
    uninstall.add_argument("--type", choices=TYPES, default=None, dest="kind")
    install.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run_command(args.repo, args.db, args.kind, args.strict)
    if args.command == "install":
        return install_command(args.repo, args.kind, args.force, args.strict)
    return uninstall_command(args.repo, args.kind)


def run_command(repo: Path, db: str | None, kind: str, strict: bool) -> int:
    # The pre-commit framework stashes and checks the files itself: a hook there never stages.
    stage = not os.environ.get("PRE_COMMIT")
    try:
        from streakline.pending import run_hook
        from streakline.service import open_workspace

        with open_workspace(repo, db, lock_wait=HOOK_LOCK_WAIT) as ws:
            result = run_hook(ws, kind, stage=stage, warn=_warn)  # type: ignore[arg-type]
    except (StreaklineError, OSError) as exc:
        return _failed(_message(exc), strict)
    except KeyboardInterrupt:
        _line("error: interrupted")
        return 130
    except Exception as exc:
        if strict:
            raise
        return _failed(f"internal error ({type(exc).__name__}: {exc})", strict)
    if result.staged:
        _line(f"streakline: counted this commit; staged {', '.join(result.staged)}")
    elif result.written:
        # Outputs git ignores, under the pre-commit framework, or after the commit.
        _line(f"streakline: wrote {', '.join(result.written)}")
    return 0


def install_command(repo: Path, kind: str, force: bool, strict: bool) -> int:
    from streakline import hookfiles
    from streakline.gitscan import GitRepo

    try:
        with GitRepo(repo) as git_repo:
            done = hookfiles.install(git_repo, kind, force=force, strict=strict)
    except (StreaklineError, OSError) as exc:
        _line(f"error: {printable(_message(exc))}")
        return 1
    for item in done:
        kept = ""
        if item.kept is not None:
            kept = f"; the hook that was there is kept as {item.kept.name} and runs first"
        _out(f"Installed {item.path}{kept}")
    return 0


def uninstall_command(repo: Path, kind: str | None) -> int:
    from streakline import hookfiles
    from streakline.gitscan import GitRepo

    try:
        with GitRepo(repo) as git_repo:
            folder = hookfiles.hooks_dir(git_repo)
            removed, foreign = hookfiles.uninstall(git_repo, (kind,) if kind else TYPES)
    except (StreaklineError, OSError) as exc:
        _line(f"error: {printable(_message(exc))}")
        return 1
    for item in removed:
        back = "; the hook it had kept is back in its place" if item.restored else ""
        _out(f"Removed {item.path}{back}")
    for path in foreign:
        _out(f"Left {path} alone: streakline did not write it")
    if not removed and not foreign:
        _out(f"No streakline hook in {folder}")
    return 0


def _failed(message: str, strict: bool) -> int:
    if strict:
        _line(f"error: {printable(message)}")
        return 1
    _line(f"streakline: {printable(message)} (the commit goes on; --strict stops it)")
    return 0


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, StreaklineError):
        if exc.filename in ("git", b"git"):
            return "git is not installed or not on PATH"
        return f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc)
    return str(exc)


def _warn(message: str) -> None:
    _line(f"warning: {printable(message)}")


def _line(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _out(text: str) -> None:
    sys.stdout.write(printable(text) + "\n")
