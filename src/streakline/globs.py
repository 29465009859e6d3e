"""Globs from the repo root, as in .gitignore, compiled to regexes that never backtrack far.

A `**` folder is zero or more folders (a trailing `/**` everything inside); `*` and `?` stay
within a folder, and so does `**` inside a name, which .gitignore reads as `*`. A naive
translation lets Python's regex engine try every way to share a path among the wildcards:
`**/**/**/**/**/**/x.md` took seconds per path. Here a run of `**` folders is one, and each
fixed piece between two wildcards of a kind is matched at its first place only, in an atomic
group: when another wildcard of the same kind follows, the first place is always a right one
(the wildcard after it can take whatever a later place would have skipped). Only the last
wildcard of each kind backtracks, over one folder or one name, so matching stays linear in
the path for any glob.
"""

from __future__ import annotations

import re

from streakline.errors import ConfigError

_FOLDERS = "**"


def glob_to_regex(glob: str) -> re.Pattern[str]:
    """The regex a path must `fullmatch`; ConfigError for a glob that cannot be one."""
    segments: list[str] = []
    for segment in glob.split("/"):
        if not (segment == _FOLDERS and segments and segments[-1] == _FOLDERS):
            segments.append(segment)
    last_folders = max((i for i, s in enumerate(segments) if s == _FOLDERS), default=-1)
    out: list[str] = []
    i = 0
    while i < len(segments):
        if segments[i] != _FOLDERS:
            out.append(_segment(segments[i], glob))
            out.append("/" if i < len(segments) - 1 else "")
            i += 1
            continue
        if i == len(segments) - 1:
            out.append(".*")  # `posts/**`: everything inside
            break
        # The fixed folders and name up to the next `**` (or the end).
        end = i + 1
        while end < len(segments) and segments[end] != _FOLDERS:
            end += 1
        fixed = "/".join(_segment(s, glob) for s in segments[i + 1 : end])
        if end < len(segments):
            fixed += "/"
        if i == last_folders:
            out.append(f"(?:[^/]*/)*{fixed}")
        else:
            out.append(f"(?>(?:[^/]*/)*?{fixed})")
        i = end
    try:
        return re.compile("".join(out))
    except (re.error, OverflowError, RecursionError) as exc:
        raise ConfigError(f"glob {_short(glob)} is not valid: {exc}") from None


def _segment(segment: str, glob: str) -> str:
    """One folder or file name: fixed pieces between `*`s, each found at its first place."""
    pieces: list[str] = [""]
    i = 0
    while i < len(segment):
        c = segment[i]
        if c == "*":
            if pieces[-1] or len(pieces) == 1:
                pieces.append("")
            i += 1
        elif c == "?":
            pieces[-1] += "[^/]"
            i += 1
        elif c == "[" and (end := segment.find("]", i + 2)) != -1:
            pieces[-1] += _char_class(segment[i + 1 : end], glob)
            i = end + 1
        else:
            pieces[-1] += re.escape(c)
            i += 1
    if len(pieces) == 1:
        return pieces[0]
    first, *middle, last = pieces
    return first + "".join(f"(?>[^/]*?{p})" for p in middle if p) + "[^/]*" + last


def _char_class(body: str, glob: str) -> str:
    """`[a-z]`, `[!0-9]` or `[^.]`; never matches `/`."""
    negate = body[:1] in ("!", "^")
    if negate:
        body = body[1:]
    parts: list[str] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            low, high = body[i], body[i + 2]
            if low > high:
                raise ConfigError(f"glob {_short(glob)} is not valid: bad range {low}-{high}")
            parts.append(f"{re.escape(low)}-{re.escape(high)}")
            i += 3
        else:
            parts.append(re.escape(body[i]))
            i += 1
    # A segment holds no `/`, so only a negated class needs to leave it out.
    chars = "".join(parts)
    return f"[^/{chars}]" if negate else f"[{chars}]"


def _short(glob: str) -> str:
    return repr(glob if len(glob) <= 80 else glob[:77] + "...")
