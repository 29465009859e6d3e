"""The `posts` table and its JSON form (SPEC 8)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from streakline.render.cells import Align, cell_width, cut, cut_left, pad
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


HEADER = ("published", "status", "words", "edits", "title", "path", "tags")
_ALIGN: tuple[Align, ...] = ("<", "<", ">", ">", "<", "<", "<")
# Title, path and tags share what the fixed columns leave: the least each keeps when cut,
# and how the rest is shared between those that still want more (the title first).
_MIN_WIDTH = (10, 12, 6)
_SHARE = (3, 2, 1)
GAP = "  "


def render_posts_table(posts: Sequence[PostRecord], width: int | None = 100) -> str:
    """One line a post: published date (`~` marks a landing date), status, words, edits,
    title, path and tags. Widths are terminal cells (CJK and emoji take two).

    `width` None (stdout is not a terminal) keeps every row whole, as a pipe or a file wants
    it; otherwise the title, path and tags share the room, each cut only where it must be.
    """
    if not posts:
        return "No posts found. Check the `posts` globs in .streakline.toml (streakline init).\n"
    rows = [_cells(p) for p in posts]
    natural = [max(cell_width(row[i]) for row in [*rows, HEADER]) for i in range(len(HEADER))]
    widths = natural if width is None else _fit_widths(natural, width)

    def line(cells: Sequence[str]) -> str:
        out = []
        for i, (cell, w, align) in enumerate(zip(cells, widths, _ALIGN, strict=True)):
            # A path keeps its end, where the file name is.
            shown = cut_left(cell, w) if i == 5 else cut(cell, w)
            out.append(pad(shown, w, align))
        return GAP.join(out).rstrip()

    lines = [line(HEADER)] + [line(row) for row in rows]
    shown = sum(1 for p in posts if p.status == "published")
    lines.append("")
    lines.append(f"{shown} published of {len(posts)} listed; ~ marks a date taken from the commit.")
    return "\n".join(lines) + "\n"


def _cells(p: PostRecord) -> tuple[str, ...]:
    day = p.published.isoformat() if p.published else "—"
    mark = "~" if p.published and p.date_source == "landed" else " "
    status = "" if p.status == "published" else str(p.status)
    tags = printable(", ".join(p.tags))
    title = " ".join(printable(p.title).split())
    return (f"{day}{mark}", status, str(p.words), str(p.edits), title, printable(p.path), tags)


def _fit_widths(natural: list[int], width: int) -> list[int]:
    """Column widths in `width` cells: the first four whole, the last three shared.

    The room is shared by weight (title 3, path 2, tags 1); a column that needs less than
    its share keeps what it needs and leaves the rest to the others, so the title is never
    cut while the path or the tags have room to spare.
    """
    fixed = natural[:4]
    room = max(width - sum(fixed) - len(GAP) * (len(natural) - 1), sum(_MIN_WIDTH))
    wanted = natural[4:]
    if sum(wanted) <= room:
        return natural
    given = list(wanted)
    left = room
    hungry = [0, 1, 2]
    while True:
        weight = sum(_SHARE[i] for i in hungry)
        content = [i for i in hungry if wanted[i] * weight <= left * _SHARE[i]]
        if not content:
            break
        left -= sum(wanted[i] for i in content)
        hungry = [i for i in hungry if i not in content]
    weight = sum(_SHARE[i] for i in hungry)
    for i in hungry:
        given[i] = max(left * _SHARE[i] // weight, min(_MIN_WIDTH[i], wanted[i]))
    # Rounding leaves a few cells over (they go to the title first); minimums may take a few
    # too many (they come from the widest column that can spare them).
    for i in hungry * room:
        if sum(given) >= room:
            break
        given[i] += given[i] < wanted[i]
    while sum(given) > room:
        spare = max(range(3), key=lambda i: given[i] - _MIN_WIDTH[i])
        given[spare] -= 1
    return [*fixed, *given]
