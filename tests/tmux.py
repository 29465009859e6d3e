"""Running the console script in a real terminal (tmux) and reading its screen back.

`capture-pane -e` gives the screen as tmux holds it, with its own spelling of the colour
codes; `cells` turns either that or what streakline printed into rows of (character,
style) cells, so the two can be compared cell by cell, colours included.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from gitrepo import streakline_exe
from streakline.render.cells import cell_width

INSTALL_HINT = "apt-get install tmux"


def require_tmux() -> str:
    """tmux's path; skips without it, but fails under CI, where it is installed."""
    found = shutil.which("tmux")
    if found:
        return found
    if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
        pytest.fail("tmux is not installed; .ci/run installs it", pytrace=False)
    pytest.skip(f"tmux is not installed (install it with `{INSTALL_HINT}`)")


def run_in_tmux(tmux: str, args: list[str], *, columns: int, rows: int, folder: Path) -> str:
    """`streakline ARGS` in a detached tmux window of `columns` x `rows`; its screen, with
    colours (`capture-pane -e`), trailing blank lines left out."""
    server = f"streakline-test-{uuid.uuid4().hex[:12]}"
    config = folder / "tmux.conf"
    config.write_text("set -g status off\nset -g history-limit 0\n")
    base = [tmux, "-L", server, "-f", str(config)]
    # The pane runs the command, signals that it ended, then waits to be read and killed.
    command = (
        f"{shlex.join([str(streakline_exe()), *args])}; "
        f"{shlex.join([tmux, '-L', server])} wait-for -S done; sleep 300"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"TMUX", "COLUMNS", "LINES"}}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    size = ["-x", str(columns), "-y", str(rows)]
    subprocess.run([*base, "new-session", "-d", *size, command], env=env, check=True)
    try:
        subprocess.run([*base, "wait-for", "done"], env=env, timeout=300, check=True)
        shown = subprocess.run(
            [*base, "capture-pane", "-p", "-e"], env=env, capture_output=True, check=True
        ).stdout.decode()
    finally:
        subprocess.run([*base, "kill-server"], env=env, capture_output=True, check=False)
    return "\n".join(shown.rstrip("\n").splitlines()) + "\n"


@dataclass(frozen=True)
class Style:
    bold: bool = False
    dim: bool = False
    fg: int | None = None  # a 256-colour index; 30-37 and 90-97 are 0-7 and 8-15


Cell = tuple[str, Style]


def cells(text: str) -> list[list[Cell]]:
    """Each line as its terminal cells; a wide character fills two, blanks at the end and
    the style of blank cells are left out (a terminal shows no difference). A style holds
    until it changes, also into the next line, as in a terminal."""
    rows = []
    # capture-pane writes a style once, where it changes: it runs on across line ends.
    style = Style()
    for line in text.splitlines():
        row: list[Cell] = []
        i = 0
        while i < len(line):
            if line.startswith("\x1b[", i):
                end = i + 2
                while not line[end].isalpha():
                    end += 1
                if line[end] == "m":
                    style = _apply(style, line[i + 2 : end])
                i = end + 1
                continue
            char = line[i]
            cell = (char, style if char != " " else Style())
            row += [cell] * max(cell_width(char), 1)
            i += 1
        while row and row[-1] == (" ", Style()):
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _apply(style: Style, params: str) -> Style:
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    bold, dim, fg = style.bold, style.dim, style.fg
    i = 0
    while i < len(codes):
        code = codes[i]
        if code == 0:
            bold, dim, fg = False, False, None
        elif code == 1:
            bold = True
        elif code == 2:
            dim = True
        elif code == 22:
            bold = dim = False
        elif 30 <= code <= 37:
            fg = code - 30
        elif 90 <= code <= 97:
            fg = code - 90 + 8
        elif code == 39:
            fg = None
        elif code in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            if code == 38:
                fg = codes[i + 2]
            i += 2
        i += 1
    return Style(bold, dim, fg)


def plain(rows: list[list[Cell]]) -> list[str]:
    """The characters of `cells` rows, a wide character once."""
    out = []
    for row in rows:
        text, skip = "", 0
        for char, _ in row:
            if skip:
                skip -= 1
                continue
            text += char
            skip = max(cell_width(char), 1) - 1
        out.append(text)
    return out
