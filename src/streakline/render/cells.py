"""Text measured in terminal cells, not characters: CJK and most emoji take two cells.

`len()` counts a title such as `日本語の記事` as 6 where a terminal draws 12 cells, which pushes
every column after it out of line. wcwidth knows the width of each character from the
Unicode tables, and cuts between graphemes: an emoji keeps its skin tone, a letter its
accents.
Text given here has been through render.text.printable, so it holds no control characters;
should one slip through, it is counted as one cell rather than failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from wcwidth import iter_graphemes, wcswidth

ELLIPSIS = "…"
Align = Literal["<", ">"]


def cell_width(text: str) -> int:
    """The number of terminal cells `text` takes."""
    if text.isascii() and text.isprintable():
        return len(text)
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcswidth(grapheme), 1) for grapheme in iter_graphemes(text))


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in `…` when something was cut."""
    if cell_width(text) <= width:
        return text
    return "".join(_fit(_graphemes(text), width - 1)).rstrip() + ELLIPSIS if width > 0 else ""


def cut_left(text: str, width: int) -> str:
    """`text` in at most `width` cells, keeping its end (where a file name is)."""
    if cell_width(text) <= width:
        return text
    return (
        ELLIPSIS + "".join(reversed(_fit(reversed(_graphemes(text)), width - 1)))
        if width > 0
        else ""
    )


def _graphemes(text: str) -> list[str]:
    return list(iter_graphemes(text))


def _fit(graphemes: Iterable[str], room: int) -> list[str]:
    """The first graphemes that fit in `room` cells: an emoji with its skin tone, a letter
    with its accents, is kept or cut whole."""
    kept: list[str] = []
    used = 0
    for grapheme in graphemes:
        used += cell_width(grapheme)
        if used > room:
            break
        kept.append(grapheme)
    return kept


def pad(text: str, width: int, align: Align = "<") -> str:
    """`text` padded with spaces to `width` cells (never cut)."""
    room = " " * max(width - cell_width(text), 0)
    return text + room if align == "<" else room + text
