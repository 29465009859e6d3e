"""reStructuredText posts: Pelican field lists and Nikola comment metadata (SPEC 4).

    My title            .. title: My title
    ########            .. date: 2024-03-01 10:00:00 UTC+01:00
                        .. tags: a, b
    :date: 2024-03-01
    :tags: a, b
    :status: draft

The title is the document's first section title; the words leave out directives (except the
prose of admonitions such as `.. note::`), comments, field lists and literal blocks.
"""

from __future__ import annotations

import re

from streakline.formats import Page
from streakline.metadata import comma_list, read_metadata

_FIELD = re.compile(r":([A-Za-z][\w .-]*?):(?:[ \t]+(.*?))?[ \t]*")
_NIKOLA = re.compile(r"\.\.[ \t]+([A-Za-z][\w-]*):(?:[ \t]+(.*?))?[ \t]*")
_DIRECTIVE = re.compile(r"\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:+-]+?)::(.*)")
# A section adornment: one punctuation character repeated.
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1+[ \t]*")
_ROLE = re.compile(r":[\w.+-]+:(?=`)")
_LINK_TARGET = re.compile(r"\s*<[^<>`]*>(?=`_)")
_ADMONITIONS = frozenset(
    {
        "admonition", "attention", "caution", "danger", "error", "hint", "important", "note",
        "tip", "warning", "seealso", "topic", "sidebar", "epigraph", "pull-quote", "highlights",
    }
)  # fmt: skip


def read_rst(text: str) -> Page:
    lines = text.split("\n")
    fields: dict[str, object] = {}
    title, pos = None, 0
    # Metadata sits at the top: Nikola's comments, the title, then Pelican's field list.
    while pos < len(lines):
        line = lines[pos]
        if not line.strip():
            pos += 1
            continue
        match = _NIKOLA.fullmatch(line) or _FIELD.fullmatch(line)
        if match is not None:
            end = _block_end(lines, pos + 1, 0)
            more = " ".join(part.strip() for part in lines[pos + 1 : end] if part.strip())
            fields.setdefault(match[1].lower(), " ".join(filter(None, (match[2], more))))
            pos = end
            continue
        heading = _section_title(lines, pos) if title is None else None
        if heading is None:
            break
        title, pos = heading
    if title is None:
        title = next(
            (found[0] for i in range(pos, len(lines)) if (found := _section_title(lines, i))),
            None,
        )
    for key in ("tags", "categories", "keywords"):
        if isinstance(fields.get(key), str):
            fields[key] = comma_list(str(fields[key]))
    if isinstance(fields.get("category"), str):
        fields["category"] = [fields["category"]]
    meta = read_metadata(fields, []) if fields else None
    return Page(meta, title, _counted_lines(lines))


def _section_title(lines: list[str], pos: int) -> tuple[str, int] | None:
    """The title at `pos` (underlined, or over- and underlined) and the line after it."""
    line = lines[pos]
    after = lines[pos + 1] if pos + 1 < len(lines) else ""
    if _ADORNMENT.fullmatch(line) and pos + 2 < len(lines):
        under = lines[pos + 2]
        if after.strip() and under.rstrip() == line.rstrip() and not _ADORNMENT.fullmatch(after):
            return after.strip(), pos + 3
        return None
    if line[:1] in (" ", "\t") or not line.strip() or _ADORNMENT.fullmatch(line):
        return None
    under = after.rstrip()
    # docutils takes a short underline as a title only when it is at least 4 characters.
    if _ADORNMENT.fullmatch(after) and (len(under) >= len(line.strip()) or len(under) >= 4):
        return line.strip(), pos + 2
    return None


def _block_end(lines: list[str], pos: int, indent: int) -> int:
    """Where the block of lines indented deeper than `indent` starting at `pos` ends."""
    end = pos
    while pos < len(lines):
        line = lines[pos]
        if line.strip():
            if len(line) - len(line.lstrip()) <= indent:
                break
            end = pos + 1
        pos += 1
    return end


def _counted_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    pos = 0
    while pos < len(lines):
        line = lines[pos]
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if stripped.startswith(".."):
            # Explicit markup: a directive, comment, target or substitution, and its block.
            end = _block_end(lines, pos + 1, indent)
            directive = _DIRECTIVE.match(stripped)
            if directive is not None and directive[1].lower() in _ADMONITIONS:
                kept.append(directive[2])
                kept.extend(x for x in lines[pos + 1 : end] if not _FIELD.fullmatch(x.strip()))
            pos = end
            continue
        if _FIELD.fullmatch(stripped):
            pos = _block_end(lines, pos + 1, indent)
            continue
        if _ADORNMENT.fullmatch(line):
            pos += 1
            continue
        if "`" in line:
            line = _LINK_TARGET.sub("", _ROLE.sub("", line))
        kept.append(line)
        pos += 1
        if line.rstrip().endswith("::"):
            # A literal block follows, indented under the paragraph.
            start = pos
            while start < len(lines) and not lines[start].strip():
                start += 1
            if start < len(lines) and len(lines[start]) - len(lines[start].lstrip()) > indent:
                pos = _block_end(lines, start, indent)
    return kept
