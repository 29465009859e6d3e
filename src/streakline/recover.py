"""Front matter that does not parse, read line by line (SPEC 4).

A colon in an unquoted title (`title: New Library: clj-reload`) or a missing quote is enough
to make a YAML or TOML parser give up on the whole block, and with it on the post's date and
draft flag. These readers take each `key: value` (`key = value`, `"key": value`) line on its
own and keep what they can; they never raise.
"""

from __future__ import annotations

import json
import re

Fields = dict[str, object]

_YAML_KEY = re.compile(r"([ \t]*)([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_YAML_ITEM = re.compile(r"[ \t]*-(?:[ \t]+(.*?))?[ \t]*")
_TOML_KEY = re.compile(r"[ \t]*([\w-]+|\"[^\"]*\"|'[^']*')[ \t]*=[ \t]*(.*?)[ \t]*")
_TOML_TABLE = re.compile(r"[ \t]*(\[\[?)[ \t]*([^\]]*?)[ \t]*\]")
# A key and its value: a string (perhaps never closed), an array (perhaps over several lines),
# the `{` of an object, or a bare word up to the next comma, brace or line end.
_JSON_PAIR = re.compile(
    r'"((?:[^"\\\n]|\\.)*)"[ \t]*:[ \t]*'
    r'("(?:[^"\\\n]|\\.)*"?|\[[^\]]*\]?|\{|[^\s,{}\[\]"][^,{}\]\n]*|)'
)
_COMMENT = re.compile(r"[ \t]+#.*")
_BLOCK_SCALAR = re.compile(r"[|>][-+]?[0-9]?")

# Which keys are read below another one: Zola's `taxonomies`, in any of the three syntaxes.
_PARENT = "taxonomies"


def recover_fields(kind: str, source: str) -> Fields:
    """The keys of a broken `yaml`, `toml` or `json` block, lower case, as well as they read."""
    lines = source.split("\n")
    if kind == "yaml":
        return _yaml(lines)
    if kind == "toml":
        return _toml(lines)
    return _json(source)


def key_lines_end(lines: list[str], kind: str) -> int:
    """How many of `lines` (after an opening marker never closed) look like front matter.

    The run ends at a blank line or at the first line that is neither a key, a list item nor
    an indented continuation (a `#` line is more likely a heading than a comment here): the
    author most likely meant the block to end there.
    """
    key = _YAML_KEY if kind == "yaml" else _TOML_KEY
    count = 0
    for line in lines:
        if not line.strip():
            break
        if not (
            key.fullmatch(line)
            or line.startswith((" ", "\t"))
            or (kind == "yaml" and _YAML_ITEM.fullmatch(line))
            or (kind == "toml" and _TOML_TABLE.match(line))
        ):
            break
        count += 1
    return count


def _yaml(lines: list[str]) -> Fields:
    out: Fields = {}
    table = out  # `out`, or the `taxonomies` mapping while its indented keys follow
    key: str | None = None  # the key whose `- item` or continuation lines may follow
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indented = line[0] in " \t"
        match = _YAML_KEY.fullmatch(line)
        if match is not None and (not indented or table is not out):
            name, value = match[2].lower(), match[3]
            if not indented:
                table = out
            key = None
            if not indented and name == _PARENT and value is None:
                table = out[name] = {}
            elif value is None or _BLOCK_SCALAR.fullmatch(value):
                key = name
            else:
                table[name] = _yaml_value(value)
            continue
        if key is None:
            continue
        item = _YAML_ITEM.fullmatch(line)
        if item is not None:
            items = table.setdefault(key, [])
            if isinstance(items, list):
                items.append(_unquote(item[1] or ""))
        elif indented:
            # A folded or literal scalar (`title: >` then indented lines) reads as one line.
            before = table.get(key)
            text = line.strip()
            table[key] = f"{before} {text}" if isinstance(before, str) else text
    return out


def _yaml_value(value: str) -> object:
    if value.startswith("["):
        inner = value[1:]
        inner = inner[: inner.rfind("]")] if "]" in inner else inner
        return [_unquote(part) for part in inner.split(",")]
    if value in ("~", "null", "Null", "NULL"):
        return None
    return _unquote(value)


def _unquote(value: str) -> str:
    value = value.strip()
    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.rfind(quote)
        if end > 0:
            inner = value[1:end]
            return inner.replace("''", "'") if quote == "'" else inner.replace('\\"', '"')
        return value[1:].strip()  # an unbalanced quote: the author's text without it
    return _COMMENT.sub("", value).strip()


def _toml(lines: list[str]) -> Fields:
    out: Fields = {}
    table: Fields | None = out
    pending: tuple[str, list[str]] | None = None  # an array or string over several lines
    for line in lines:
        if pending is not None:
            name, parts = pending
            parts.append(line)
            if _closes(parts):
                if table is not None:
                    table[name] = _toml_value(" ".join(parts))
                pending = None
            continue
        header = _TOML_TABLE.match(line)
        if header is not None and "=" not in line.split("]", 1)[0]:
            if header[1] == "[" and header[2].strip("\"'").lower() == _PARENT:
                table = {}
                out[_PARENT] = table
            else:
                table = None  # `[params]`, `[[menu]]`: not the page's own keys
            continue
        match = _TOML_KEY.fullmatch(line)
        if match is None:
            continue
        name, value = match[1].strip("\"'").lower(), match[2]
        if not _closes([value]):
            pending = (name, [value])
        elif table is not None:
            table[name] = _toml_value(value)
    if pending is not None and table is not None:
        table[pending[0]] = _toml_value(" ".join(pending[1]))
    return out


def _closes(parts: list[str]) -> bool:
    """Whether an array or a triple-quoted string that starts in `parts[0]` has ended."""
    text = " ".join(parts)
    for triple in ('"""', "'''"):
        if text.startswith(triple):
            return text.count(triple) >= 2
    if text.startswith("["):
        return text.count("]") >= text.count("[")
    return True


def _toml_value(value: str) -> object:
    value = value.strip()
    for triple in ('"""', "'''"):
        if value.startswith(triple):
            return " ".join(value[3:].split(triple, 1)[0].split())
    if value.startswith("["):
        inner = value[1:]
        inner = inner[: inner.rfind("]")] if "]" in inner else inner
        return [_toml_string(part) for part in inner.split(",") if part.strip()]
    if value in ("true", "false"):
        return value == "true"
    return _toml_string(value)


def _toml_string(value: str) -> str:
    value = value.strip()
    if value.startswith('"'):
        end = value.rfind('"')
        if end > 0:
            try:
                loaded = json.loads(value[: end + 1])
            except ValueError:
                return value[1:end]
            return loaded if isinstance(loaded, str) else value[1:end]
    return _unquote(value)


def _json(source: str) -> Fields:
    out: Fields = {}
    nested: Fields | None = None  # the `taxonomies` object while its keys follow
    depth = 0
    last = 0
    for match in _JSON_PAIR.finditer(source):
        depth = max(0, depth + _braces(source[last : match.start()]))
        last = match.end()
        name, value = match[1].lower(), match[2].strip()
        if value == "{":
            if depth == 1:
                nested = out[name] = {} if name == _PARENT else None
            depth += 1
        elif depth == 1:
            out[name] = _json_value(value)
        elif depth == 2 and nested is not None:
            nested[name] = _json_value(value)
    return out


def _braces(line: str) -> int:
    """Opened minus closed braces outside strings."""
    count = 0
    quoted = escaped = False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = quoted
        elif char == '"':
            quoted = not quoted
        elif not quoted and char in "{}":
            count += 1 if char == "{" else -1
    return count


def _json_value(value: str) -> object:
    value = value.rstrip(",").strip()
    try:
        return json.loads(value)
    except ValueError:
        pass
    if value.startswith("["):
        inner = value[1:]
        inner = inner[: inner.rfind("]")] if "]" in inner else inner
        return [_unquote(part) for part in inner.split(",") if part.strip()]
    return _unquote(value.rstrip("}").strip())
