"""`streakline stats` in a real terminal: tmux runs it, and its screen, colours included,
is what the golden files say (tests/test_screens.py writes them)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import blogs
from gitrepo import Cli, GitRepo
from goldens import GOLDEN
from tmux import cells, plain, require_tmux, run_in_tmux

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="tmux runs on Linux here"
)


@pytest.mark.parametrize(
    ("blog", "folder", "columns", "golden"),
    [
        ("since_2007", "shed", 80, "screen_since_2007_80"),
        # A window wider than the screen grows: the screen stops at 132 columns.
        ("since_2007", "shed", 200, "screen_since_2007_132"),
        ("cjk", "nikki", 80, "screen_cjk_80"),
    ],
)
def test_the_screen_in_tmux(
    make_repo: Callable[..., GitRepo],
    cli: Cli,
    tmp_path: Path,
    blog: str,
    folder: str,
    columns: int,
    golden: str,
) -> None:
    tmux = require_tmux()
    repo = make_repo(folder, config=None)
    builder: Callable[[GitRepo], str] = getattr(blogs, blog)
    today = builder(repo)
    cli.scan(repo)

    shown = run_in_tmux(
        tmux,
        ["stats", "-C", str(repo.path), "--db", cli.db_url, "--today", today],
        columns=columns,
        rows=150,
        folder=tmp_path,
    )

    text = (GOLDEN / f"{golden}.txt").read_text()
    assert "\x1b[" in shown, shown
    assert plain(cells(shown)) == text.splitlines()
    assert cells(shown) == cells((GOLDEN / f"{golden}.ansi").read_text())
