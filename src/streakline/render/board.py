"""The `board` of a shared database: one row a repo and writer, as text or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from streakline.render.text import printable

if TYPE_CHECKING:
    from streakline.report import BoardRow
    from streakline.streaks import Streak

DASH = "\N{EM DASH}"


def _length(streak: Streak) -> str:
    if streak.length == 0:
        return DASH
    return f"{streak.length} {streak.unit}{'' if streak.length == 1 else 's'}"


def render_board(rows: Sequence[BoardRow], year: int) -> str:
    if not rows:
        return "No repos in this database yet: run `streakline scan --db URL` in each one.\n"
    header = ("repo", "branch", "writer", f"posts {year}", "current", "longest", "last post")
    cells = [
        (
            printable(r.repo),
            printable(r.branch),
            printable(r.writer) or DASH,
            f"{r.posts_this_year:,}",
            _length(r.current),
            _length(r.longest),
            r.last_post.isoformat() if r.last_post else DASH,
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(len(header))]
    right = {3}

    def line(values: Sequence[str]) -> str:
        parts = (
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        )
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), *(line(c) for c in cells)]) + "\n"


def render_board_json(rows: Sequence[BoardRow]) -> str:
    def streak(s: Streak) -> dict[str, object]:
        return {
            "length": s.length,
            "unit": s.unit,
            "start": s.start.isoformat() if s.start else None,
            "end": s.end.isoformat() if s.end else None,
        }

    items = [
        {
            "repo": r.repo,
            "branch": r.branch,
            "writer": r.writer or None,
            "posts": r.posts,
            "posts_this_year": r.posts_this_year,
            "current": {**streak(r.current), "status": r.current.status},
            "longest": streak(r.longest),
            "last_post": r.last_post.isoformat() if r.last_post else None,
        }
        for r in rows
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)
