"""Markdown's own parts: Pelican/MultiMarkdown header lines, `# ` headings, MDX (SPEC 4)."""

from __future__ import annotations

import re

from streakline.dates import parse_date_text
from streakline.formats import Page
from streakline.metadata import Metadata, comma_list, read_metadata
from streakline.words import strip_fences_text

# Could the file start with a header block? Cheap enough to try on every Markdown post.
HEADER_START = re.compile(r"[A-Za-z][\w -]{0,40}:[ \t]")
_HEADER = re.compile(r"([A-Za-z][\w-]*(?: [\w-]+)*)[ \t]*:[ \t]*(.*?)[ \t]*")
_HEADING_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_ESM = re.compile(
    r"import[ \t]+[\w{*'\"]|export[ \t]+(?:const|let|var|function|class|default|async|\{|\*)"
)
_JSX_COMMENT = re.compile(r"\{/\*.*?\*/\}", re.DOTALL)
_JSX_TAG = re.compile(
    r"</?[A-Za-z][\w.:-]*(?:\s(?:[^<>{}\"']|\"[^\"]*\"|'[^']*'|\{[^{}]*\})*)?/?>|</?>"
)


def read_header_lines(text: str) -> tuple[Metadata, str] | None:
    """Pelican/MultiMarkdown `Key: value` lines at the very top, and the body after them.

    None unless every line up to the first blank or `---` one is a header (or an indented
    continuation of one) and a title or a readable date is among them: a first paragraph
    such as "Note: this is..." or "Date: we met at noon." is prose.
    """
    fields: dict[str, object] = {}
    key = ""
    end = len(text)
    pos = 0
    while pos < len(text):
        stop = text.find("\n", pos)
        line = text[pos:] if stop < 0 else text[pos:stop]
        # Python-Markdown's meta-data (Pelican's Markdown reader) may also end at `---`/`...`.
        if not line.strip() or (pos and line.rstrip() in ("---", "...")):
            end = pos
            break
        match = _HEADER.fullmatch(line)
        if match is not None:
            key = match[1].lower()
            fields[key] = match[2]
        elif key and line[0] in " \t":
            fields[key] = f"{fields[key]} {line.strip()}"
        else:
            return None
        pos = len(text) if stop < 0 else stop + 1
    date = fields.get("date")
    if "title" not in fields and not (isinstance(date, str) and parse_date_text(date)):
        return None
    for name in ("tags", "categories", "keywords"):
        value = fields.get(name)
        if isinstance(value, str):
            fields[name] = comma_list(value)
    if isinstance(fields.get("category"), str):
        fields["category"] = [fields["category"]]  # one category, spaces and all
    warnings: list[str] = []
    return read_metadata(fields, warnings), text[end + 1 :]


def first_heading(lines: list[str]) -> str | None:
    """The text of the first ATX `# ` heading."""
    for line in lines:
        if "#" not in line[:4]:
            continue
        head = line.lstrip(" ")
        if len(line) - len(head) > 3 or not (head == "#" or head.startswith(("# ", "#\t"))):
            continue
        title = _HEADING_CLOSE.sub("", head[1:]).strip()
        if title:
            return title
    return None


def read_mdx(text: str) -> Page:
    """MDX: Markdown without its `import`/`export` blocks, JSX tags and `{/* */}` comments."""
    if "```" in text or "~~~" in text:
        text = strip_fences_text(text)
    kept: list[str] = []
    in_esm = False
    for line in text.split("\n"):
        # An ESM block starts with `import`/`export` at the start of a line and runs to the
        # next blank line, as MDX parses it.
        if in_esm or _ESM.match(line):
            in_esm = bool(line.strip())
            continue
        kept.append(line)
    body = "\n".join(kept)
    if "{/*" in body:
        body = _JSX_COMMENT.sub(" ", body)
    if "<" in body:
        body = _JSX_TAG.sub(" ", body)
    lines = body.split("\n")
    return Page(None, first_heading(lines), lines)
