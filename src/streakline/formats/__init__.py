"""Post formats besides Markdown: each reads its own metadata, title and counted lines (SPEC 4).

Every reader is pure and takes the text after any front matter. Markdown itself, by far the
most common format, is read in `frontmatter.parse_post` without going through this package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from streakline.metadata import Metadata


@dataclass(frozen=True)
class Page:
    """What a reader found: its own metadata (None when the format has none in this file),
    the title the document gives itself, and the lines whose words count."""

    meta: Metadata | None
    title: str | None
    lines: list[str]


Reader = Callable[[str], Page]


def reader_for(path: str) -> Reader | None:
    """The reader for `path`'s ending; None for Markdown and any ending not known here."""
    dot = path.rfind(".")
    if dot < 0:
        return None
    ending = path[dot + 1 :].lower()
    if ending in ("md", "markdown"):
        return None
    # Imported on first use: a Markdown blog never loads the others.
    if ending == "mdx":
        from streakline.formats.markdown import read_mdx

        return read_mdx
    if ending in ("html", "htm"):
        from streakline.formats.html import read_html

        return read_html
    if ending == "rst":
        from streakline.formats.rst import read_rst

        return read_rst
    if ending in ("adoc", "asciidoc"):
        from streakline.formats.asciidoc import read_asciidoc

        return read_asciidoc
    if ending == "org":
        from streakline.formats.org import read_org

        return read_org
    return None
