"""Front matter, titles, declared dates, drafts, tags and words of one post version (SPEC 4).

Pure: bytes in, values and warnings out. Warnings are short sentences without the path or
commit, which the caller knows and prefixes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from streakline.dates import parse_date_text
from streakline.words import count_words, strip_fences_text

try:
    from yaml import CSafeLoader as _YamlBase
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _YamlBase  # type: ignore[assignment]


class _YamlLoader(_YamlBase):
    """Safe YAML that leaves timestamps as the text the author wrote."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _YamlBase.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class PostFields:
    """One version of a post as SPEC 4 reads it.

    `date` is the declared date as the author wrote it (already checked by `parse_date_text`),
    None when there is none. `categories` holds front matter categories only: the folder
    category is a setting the caller applies. `words` and `body_lines` cover the body without
    front matter and without fenced code blocks.
    """

    title: str
    date: str | None
    draft: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    body_lines: tuple[str, ...]
    # Whether the date or title came from the file's path: a move changes them.
    date_from_path: bool = False
    title_from_path: bool = False
    # False when the version has metadata of which nothing could be read: the lineage keeps
    # what its previous readable version said (a broken version never publishes, retracts
    # or redates a post).
    readable: bool = True

    @functools.cached_property
    def words(self) -> int:
        # Counted on demand: a scan needs the count of a post's first version only, and then
        # follows it through the words each change adds and removes.
        return count_words("\n".join(self.body_lines))


@dataclass(frozen=True)
class _Front:
    """What a front matter block says, independent of the file it sits in."""

    title: str | None = None
    date: str | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


_NO_FRONT = _Front()
_FRONT_CACHE: dict[tuple[str, str], _Front] = {}
_FRONT_CACHE_MAX = 4096

_DATE_SHAPED = re.compile(r"\s*\d{4}-")
_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?!\d)")
_JSON_START = re.compile(r"\{\s*[\"}]")
_TOML_LINE = re.compile(r"at line (\d+)")
_HEADING_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")

_DATE_KEYS = ("date", "publishdate", "published", "created")
_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})
_HIDDEN = frozenset({"draft", "hidden"})


def parse_post(data: bytes, path: str) -> tuple[PostFields | None, list[str]]:
    """Read one version of a post; `path` is repo-relative with '/' separators.

    Returns the fields (None when the file holds NUL bytes and is skipped) and warnings.
    """
    if b"\0" in data:
        return None, ["holds NUL bytes; skipped"]
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warnings.append("not UTF-8; decoded with replacement characters")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    front, body = _split_front(text)
    warnings.extend(front.warnings)
    if "```" in body or "~~~" in body:
        body = strip_fences_text(body)
    lines = body.split("\n")

    date = front.date
    if date is None:
        date = _date_from_path(path, warnings)
    title = front.title or _first_heading(lines)
    return (
        PostFields(
            title=title or _name_title(path),
            date=date,
            draft=front.draft,
            tags=front.tags,
            categories=front.categories,
            body_lines=tuple(lines),
            date_from_path=front.date is None and date is not None,
            title_from_path=not title,
        ),
        warnings,
    )


def moved(fields: PostFields, path: str) -> PostFields:
    """The fields of the same content at another path: what `parse_post` would return."""
    if not (fields.date is None or fields.date_from_path or fields.title_from_path):
        return fields
    date = fields.date
    if date is None or fields.date_from_path:
        date = _date_from_path(path, [])
    return dataclasses.replace(
        fields,
        date=date,
        title=_name_title(path) if fields.title_from_path else fields.title,
        date_from_path=date is not None and (fields.date is None or fields.date_from_path),
    )


def _split_front(text: str) -> tuple[_Front, str]:
    """Split the front matter from the body and read it (cached by its exact text)."""
    if text.startswith(("---", "+++")):
        marker = text[:3]
        first_end = text.find("\n")
        first = text[:first_end] if first_end >= 0 else text
        if first.rstrip() != marker:
            return _NO_FRONT, text
        start = first_end + 1
        closer = (_YAML_CLOSER if marker == "---" else _TOML_CLOSER).search(text, start)
        if first_end >= 0 and closer is not None:
            source = text[start : closer.start()]
            body = text[closer.end() + 1 :]
            return _read_front("yaml" if marker == "---" else "toml", source), body
        return _Front(warnings=(f"front matter does not parse: no closing '{marker}' line",)), text
    if text.startswith("{") and _JSON_START.match(text):
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except (ValueError, RecursionError) as error:
            return _Front(warnings=(_broken(error),)), text
        body = text[end:]
        return _read_front("json", text[:end]), body[1:] if body.startswith("\n") else body
    return _NO_FRONT, text


def _read_front(kind: str, source: str) -> _Front:
    key = (kind, source)
    cached = _FRONT_CACHE.get(key)
    if cached is not None:
        return cached
    if len(_FRONT_CACHE) >= _FRONT_CACHE_MAX:
        _FRONT_CACHE.clear()
    front = _FRONT_CACHE[key] = _parse_front(kind, source)
    return front


_YAML_CLOSER = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOML_CLOSER = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)

# The plain `key: value` lines most front matter is made of, read without PyYAML's
# constructor (pure Python, and most of a scan's time on blogs whose front matter changes
# often). Anything else, or any doubt, goes to PyYAML.
_KEY_LINE = re.compile(r"([A-Za-z_][\w-]*):(?:[ ]+(.*?))?[ ]*")
_ITEM_LINE = re.compile(r"[ ]*-[ ]+(.*?)[ ]*")
_PLAIN = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s](?:[^:#]|:(?! |$)|(?<! )#)*")
_FLOW_ITEM = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s][^:#,\[\]{}'\"]*")
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"


class _NotSimple(Exception):
    pass


_RESOLVER = yaml.resolver.Resolver()
_RESOLVER.yaml_implicit_resolvers = _YamlLoader.yaml_implicit_resolvers


def _simple_yaml(source: str) -> dict[str, object] | None:
    """`source` read as PyYAML would, when it is only simple lines; None otherwise."""
    out: dict[str, object] = {}
    block: str | None = None  # the key whose `- item` lines may follow
    try:
        for line in source.split("\n"):
            if not line.strip() or line.startswith("#"):
                continue
            if block is not None:
                item = _ITEM_LINE.fullmatch(line)
                if item is not None:
                    items = out[block]
                    if items is None:
                        items = out[block] = []
                    assert isinstance(items, list)
                    items.append(_scalar(item.group(1)))
                    continue
            match = _KEY_LINE.fullmatch(line)
            if match is None:
                return None
            key, value = match.groups()
            if not value or value.startswith("#"):
                out[key], block = None, key
            else:
                out[key], block = _value(value), None
    except _NotSimple:
        return None
    return out or None


def _value(text: str) -> object:
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        if not inner:
            return []
        return [_scalar(part.strip(), flow=True) for part in inner.split(",")]
    return _scalar(text)


def _scalar(text: str, flow: bool = False) -> object:
    if " #" in text:
        text = text.split(" #", 1)[0].rstrip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        inner = text[1:-1]
        if text[0] in inner or "\\" in inner or "\n" in inner:
            raise _NotSimple
        return inner
    if not (_FLOW_ITEM if flow else _PLAIN).fullmatch(text):
        raise _NotSimple
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR_TAG:
        return text
    if tag == _BOOL_TAG:
        return text.lower() in ("yes", "true", "on")
    if tag == _NULL_TAG:
        return None
    raise _NotSimple


def _parse_front(kind: str, source: str) -> _Front:
    loaded: object
    try:
        if kind == "yaml":
            loaded = _simple_yaml(source)
            if loaded is None:
                loaded = yaml.load(source, Loader=_YamlLoader)
        elif kind == "toml":
            loaded = tomllib.loads(source)
        else:
            loaded = json.loads(source)
    except (yaml.YAMLError, ValueError, TypeError, ArithmeticError, RecursionError) as error:
        return _Front(warnings=(_broken(error),))
    if loaded is None:
        return _NO_FRONT
    if not isinstance(loaded, Mapping):
        return _Front(warnings=("front matter does not parse: it is not a mapping of keys",))
    # Hugo reads keys case-insensitively (`Title`, `publishDate`); so does streakline.
    fields = {key.lower(): value for key, value in loaded.items() if isinstance(key, str)}
    taxonomies = fields.get("taxonomies")
    if not isinstance(taxonomies, Mapping):
        taxonomies = {}
    warnings: list[str] = []
    title = _text(fields.get("title"))
    return _Front(
        title=title or None,
        date=_front_date(fields, warnings),
        draft=_flag(fields.get("draft")) is True
        or _flag(fields.get("published")) is False
        or (_text(fields.get("status")) or "").lower() in _HIDDEN,
        tags=_labels(fields.get("tags"), taxonomies.get("tags")),
        categories=_labels(
            fields.get("categories"), fields.get("category"), taxonomies.get("categories")
        ),
        warnings=tuple(warnings),
    )


def _broken(error: BaseException) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem:
        reason = error.problem
        if error.problem_mark is not None:
            # +2: the mark counts from 0 inside the block, which starts on the file's line 2.
            reason += f" (line {error.problem_mark.line + 2})"
    elif isinstance(error, json.JSONDecodeError):
        reason = f"{error.msg} (line {error.lineno})"
    elif isinstance(error, tomllib.TOMLDecodeError):
        reason = _TOML_LINE.sub(lambda m: f"at line {int(m[1]) + 1}", str(error))
    elif isinstance(error, RecursionError):
        reason = "nested too deeply"
    else:
        reason = str(error) or type(error).__name__
    reason = " ".join(reason.split())
    return f"front matter does not parse: {reason[:200]}"


def _front_date(fields: Mapping[str, object], warnings: list[str]) -> str | None:
    for key in _DATE_KEYS:
        value = fields.get(key)
        if value is None or isinstance(value, bool):
            continue
        text = _date_text(value)
        if not text or (key == "published" and not _DATE_SHAPED.match(text)):
            continue
        if parse_date_text(text) is not None:
            return text
        warnings.append(_bad_date(text))
    return None


def _date_text(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()  # TOML dates and datetimes, YAML `!!timestamp`
    return str(value).strip()


def _bad_date(text: str) -> str:
    if len(text) > 60:
        text = text[:57] + "..."
    adjective = "impossible" if _DATE_SHAPED.match(text) else "unreadable"
    return f"{adjective} date {text!r} ignored"


def _date_from_path(path: str, warnings: list[str]) -> str | None:
    match = _NAME_DATE.match(_name_title(path))
    if match is None:
        return None
    if parse_date_text(match[1]) is None:
        warnings.append(_bad_date(match[1]))
        return None
    return match[1]


def _text(value: object) -> str | None:
    """A scalar as text; None for missing values, booleans, lists and tables."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return None


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return None


def _labels(*values: object) -> tuple[str, ...]:
    """Tags or categories from lists or strings, first spelling kept for each name."""
    labels: dict[str, str] = {}
    for value in values:
        if isinstance(value, str):
            items: list[Any] = value.split(",") if "," in value else value.split()
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            items = [value]
        for item in items:
            label = _text(item)
            if label:
                label = label.lstrip("#").strip()
            if label:
                labels.setdefault(label.casefold(), label)
    return tuple(labels.values())


def _first_heading(lines: list[str]) -> str | None:
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


def _name_title(path: str) -> str:
    parts = path.rsplit("/", 2)
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]
    # A page bundle's `index.md` is named by its folder.
    if stem in ("index", "_index") and len(parts) > 1:
        return parts[-2]
    return stem
