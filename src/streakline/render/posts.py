"""The `posts` table and its JSON form (SPEC 8)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from streakline.render.text import printable

if TYPE_CHECKING:
    from streakline.rules import PostRecord


def render_posts_json(posts: Sequence[PostRecord]) -> str:
    items = [
        {
            "path": p.path,
            "title": p.title,
            "status": p.status,
            "published": p.published.isoformat() if p.published else None,
            "previously_published": (
                p.previously_published.isoformat() if p.previously_published else None
            ),
            "date_source": p.date_source,
            "tags": list(p.tags),
            "categories": list(p.categories),
            "words": p.words,
            "edits": p.edits,
            "first_commit": p.first_commit,
            "last_commit": p.last_commit,
        }
        for p in posts
    ]
    return json.dumps(items, ensure_ascii=False, indent=2)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def render_posts_table(posts: Sequence[PostRecord], width: int = 100) -> str:
    """One line a post: published date (`~` marks a landing date), status, words, edits, title."""
    if not posts:
        return "No posts found. Check the `posts` globs in .streakline.toml (streakline init).\n"
    rows = []
    for p in posts:
        day = p.published.isoformat() if p.published else "—"
        mark = "~" if p.published and p.date_source == "landed" else " "
        status = "" if p.status == "published" else p.status
        tags = printable(", ".join(p.tags))
        title, path = printable(p.title), printable(p.path)
        rows.append((f"{day}{mark}", status, str(p.words), str(p.edits), title, path, tags))
    header = ("published", "status", "words", "edits", "title", "path", "tags")
    fixed = [max(len(r[i]) for r in [*rows, header]) for i in range(4)]
    rest = max(width - sum(fixed) - 2 * 6, 36)
    longest = [max(len(r[i]) for r in [*rows, header]) for i in (4, 5, 6)]
    tags_w = min(longest[2], max(8, rest // 5))
    path_w = min(longest[1], max(16, rest * 2 // 5))
    title_w = min(longest[0], max(12, rest - tags_w - path_w))
    path_w = min(longest[1], max(path_w, rest - tags_w - title_w))
    widths = [*fixed, title_w, path_w, tags_w]
    aligns = ["<", "<", ">", ">", "<", "<", "<"]

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, (c, w, a) in enumerate(zip(cells, widths, aligns, strict=True)):
            # A path keeps its end, where the file name is.
            cut = "…" + c[len(c) - w + 1 :] if i == 5 and len(c) > w else _cut(c, w)
            out.append(f"{cut:{a}{w}}")
        return "  ".join(out).rstrip()

    lines = [line(header)] + [line(r) for r in rows]
    shown = sum(1 for p in posts if p.status == "published")
    lines.append("")
    lines.append(f"{shown} published of {len(posts)} listed; ~ marks a date taken from the commit.")
    return "\n".join(lines) + "\n"
