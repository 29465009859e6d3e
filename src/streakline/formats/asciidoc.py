"""AsciiDoc posts: the document title and header attributes (SPEC 4).

    = My title
    Ada Lovelace <ada@example.org>
    v1.0, 2024-03-01
    :revdate: 2024-03-01
    :page-tags: [a, b]
    :page-draft: true

`page-` attributes are what Hugo, Antora and jekyll-asciidoc read as page metadata; they count
as the same keys without the prefix. The words leave out attribute entries, comments, block
attribute lines, block macros and the contents of listing, literal, passthrough and comment
blocks.
"""

from __future__ import annotations

import re

from streakline.formats import Page
from streakline.metadata import comma_list, read_metadata

_ATTRIBUTE = re.compile(r":(!?)([\w][\w-]*)(!?):(?:[ \t]+(.*?))?[ \t]*")
_REVISION = re.compile(r"v?[\d.]+[a-z]*,[ \t]*([^:]+?)[ \t]*(?::.*)?|(\d{4}-\d{2}-\d{2}[^:]*)")
_DELIMITER = re.compile(r"(-{4,}|\.{4,}|\+{4,}|/{4,}|={4,}|\*{4,}|_{4,}|`{3,}|--|\|={3,})[ \t]*")
# Blocks whose contents are code or hidden, not prose: listing, literal, passthrough,
# comment, and Markdown-style fences.
_VERBATIM = ("-", ".", "+", "/", "`")
_BLOCK_LINE = re.compile(r"\[[^\]]*\][ \t]*|[a-z][\w-]*::\S*\[.*\][ \t]*")


def read_asciidoc(text: str) -> Page:
    lines = text.split("\n")
    fields: dict[str, object] = {}
    title = None
    pos = 0
    while pos < len(lines) and not lines[pos].strip():
        pos += 1
    after_title = 0  # header lines read since the title: the author line, then the revision
    people: set[int] = set()  # where those two lines are: names and versions are not prose
    while pos < len(lines):
        line = lines[pos]
        pos += 1
        if not line.strip():
            break
        if line.startswith("//"):
            continue
        attribute = _ATTRIBUTE.fullmatch(line)
        if attribute is not None:
            value = attribute[4] or ""
            while value.endswith(" \\") and pos < len(lines):
                value = value[:-2] + " " + lines[pos].strip()
                pos += 1
            if not (attribute[1] or attribute[3]):  # `:name!:` unsets
                fields[attribute[2].lower().removeprefix("page-")] = value
        elif title is None and line.startswith(("= ", "# ")):
            title = line[2:].strip() or None
        elif title is not None and after_title < 2:
            after_title += 1
            people.add(pos - 1)
            revision = _REVISION.fullmatch(line.strip()) if after_title == 2 else None
            if revision is not None:
                fields.setdefault("revdate", (revision[1] or revision[2]).strip())
        else:
            break
    if "date" not in fields and fields.get("revdate"):
        fields["date"] = fields["revdate"]
    for key in ("tags", "categories", "keywords"):
        if isinstance(fields.get(key), str):
            fields[key] = comma_list(str(fields[key]))
    if fields.get("draft") == "":
        fields["draft"] = True  # an attribute set without a value is on
    meta = read_metadata(fields, []) if fields else None
    counted = [line for i, line in enumerate(lines) if i not in people] if people else lines
    return Page(meta, title, _counted_lines(counted))


def _counted_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    closing = ""  # the delimiter that ends the verbatim block being skipped
    for line in lines:
        if closing:
            if line.rstrip() == closing:
                closing = ""
            continue
        delimiter = _DELIMITER.fullmatch(line)
        if delimiter is not None:
            if delimiter[1][0] in _VERBATIM and delimiter[1] != "--":
                closing = delimiter[1]
            continue
        if (
            line.startswith("//")
            or _ATTRIBUTE.fullmatch(line)
            or (
                line.startswith(("[", "image::", "include::", "video::", "audio::", "toc::"))
                and _BLOCK_LINE.fullmatch(line)
            )
        ):
            continue
        kept.append(line)
    return kept
