"""Org-mode posts: `#+KEYWORD:` lines as Org and ox-hugo write them (SPEC 4).

    #+TITLE: My title
    #+DATE: <2024-03-01 Fri>
    #+FILETAGS: :emacs:org:
    #+HUGO_TAGS: emacs "org mode"
    #+HUGO_DRAFT: true

`HUGO_` keywords count as the same keys without the prefix. The words leave out keywords,
comments, drawers (`:PROPERTIES:` .. `:END:`), planning lines, fixed-width lines and the
contents of source, example, export and comment blocks.
"""

from __future__ import annotations

import re

from streakline.formats import Page
from streakline.metadata import read_metadata

_KEYWORD = re.compile(r"[ \t]*#\+([\w-]+):[ \t]*(.*?)[ \t]*")
_TIMESTAMP = re.compile(
    r"[<\[]?[ \t]*(\d{4}-\d{1,2}-\d{1,2})(?:[ \t]+[^\d\s>\]]+)?(?:[ \t]+(\d{1,2}:\d{2}))?"
)
_QUOTED_WORDS = re.compile(r"\"([^\"]*)\"|(\S+)")
_HEADLINE = re.compile(r"\*+[ \t]+(?:(?:TODO|DONE)[ \t]+)?(?:\[#.\][ \t]+)?(.*?)")
_HEADLINE_TAGS = re.compile(r"[ \t]+:[\w@#%:]+:[ \t]*$")
_BLOCK = re.compile(r"[ \t]*#\+(begin|end)_(\w+)\b.*", re.IGNORECASE)
_DRAWER = re.compile(r"[ \t]*:[\w-]+:[ \t]*")
_SKIPPED_LINE = re.compile(
    r"[ \t]*(?:#(?:[ \t].*)?|:(?:[ \t].*)?|(?:CLOSED|SCHEDULED|DEADLINE):.*)"
)
# Blocks of code or hidden text; quote, verse and center blocks hold prose.
_VERBATIM = frozenset({"src", "example", "export", "comment"})


def read_org(text: str) -> Page:
    lines = text.split("\n")
    fields: dict[str, object] = {}
    tags: list[str] = []
    categories: list[str] = []
    for line in lines:
        if "#+" not in line[:6]:
            continue
        match = _KEYWORD.fullmatch(line)
        if match is None:
            continue
        raw, value = match[1].lower(), match[2]
        key = raw.removeprefix("hugo_")
        if raw == "hugo_tags":
            tags.extend(a or b for a, b in _QUOTED_WORDS.findall(value))
        elif key == "filetags" or (key == "tags" and value.startswith(":")):
            tags.extend(value.split(":"))
        elif key == "tags":
            # The buffer's tag list: `{` `}` group tags and `(w)` sets a shortcut key.
            tags.extend(re.sub(r"\([^)]*\)|[{}]", " ", value).split())
        elif key in ("categories", "category"):
            categories.extend(a or b for a, b in _QUOTED_WORDS.findall(value))
        elif key not in fields:
            fields[key] = _org_date(value) if key in ("date", "publishdate") else value
    if key_tags := [t for t in tags if t.strip()]:
        fields["tags"] = key_tags
    if categories:
        fields["categories"] = categories
    meta = read_metadata(fields, []) if fields else None
    counted = _counted_lines(lines)
    title = next((m[1] for line in lines if (m := _headline(line))), None)
    return Page(meta, title, counted)


def _org_date(value: str) -> str:
    """`<2024-03-01 Fri 10:30>` or `[2024-03-01 Fri]` as ISO text; others as written."""
    match = _TIMESTAMP.match(value)
    if match is None:
        return value
    return f"{match[1]} {match[2]}" if match[2] else match[1]


def _headline(line: str) -> re.Match[str] | None:
    if not line.startswith("*"):
        return None
    match = _HEADLINE.fullmatch(_HEADLINE_TAGS.sub("", line))
    return match if match is not None and match[1] else None


def _counted_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    skip_to = ""  # the `#+end_` block name or `:END:` that ends what is being skipped
    for line in lines:
        if skip_to:
            if (skip_to == ":end:" and line.strip().lower() == ":end:") or (
                (block := _BLOCK.fullmatch(line))
                and block[1].lower() == "end"
                and block[2].lower() == skip_to
            ):
                skip_to = ""
            continue
        block = _BLOCK.fullmatch(line)
        if block is not None:
            if block[1].lower() == "begin" and block[2].lower() in _VERBATIM:
                skip_to = block[2].lower()
            continue
        if _DRAWER.fullmatch(line) and line.strip().lower() != ":end:":
            skip_to = ":end:"
            continue
        if "#+" in line[:6] and _KEYWORD.fullmatch(line):
            continue
        if _SKIPPED_LINE.fullmatch(line):
            continue
        if line.startswith("*"):
            headline = _headline(line)
            if headline is not None:
                line = headline[1]
        kept.append(line)
    return kept
