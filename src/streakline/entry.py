"""The console script: as little as possible before the command line is imported.

Importing typer and the commands takes a tenth of a second; a Ctrl-C in that time is still
one line and exit 130, never a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from streakline.cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted; nothing was changed\n")
        sys.exit(130)
    run()
