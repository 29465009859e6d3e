"""The console script: as little as possible before the command line is imported.

Importing typer and the commands takes a tenth of a second; a Ctrl-C in that time is still
one line and exit 130, never a traceback.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:2] == ["hook", "run"] and not {"-h", "--help"} & set(args):
        # Run on every commit: neither typer nor the other commands are imported. The
        # process lives for a moment and makes no cycles worth collecting: the collector's
        # passes over a large blog's events took an eighth of the run.
        gc.disable()
        try:
            from streakline.hook import main as hook
        except KeyboardInterrupt:
            sys.exit(130)
        code = hook(args[1:])
        # By now every file, database and git process is closed. Python's own teardown
        # (freeing each module SQLAlchemy brought in) would take longer than a hook with
        # nothing to count: it is skipped once the output is out.
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            code = code or 1
        os._exit(code)
    try:
        from streakline.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted; nothing was changed\n")
        sys.exit(130)
    run()
