"""Front matter, titles, declared dates, drafts, tags and words of one post version (SPEC 4).

Pure: bytes in, values and warnings out. Warnings are short sentences without the path or
commit, which the caller knows and prefixes. Formats other than Markdown are read by
`streakline.formats`; front matter that does not parse is read line by line by `recover`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from streakline.dates import parse_date_text
from streakline.formats import reader_for
from streakline.formats.markdown import HEADER_START, first_heading, read_header_lines
from streakline.metadata import NO_METADATA, Metadata, bad_date, read_metadata, says_anything
from streakline.recover import key_lines_end, recover_fields
from streakline.simpleyaml import load_yaml
from streakline.simpleyaml import simple_yaml as _simple_yaml
from streakline.words import count_words, strip_fences_text


@dataclass(frozen=True)
class PostFields:
    """One version of a post as SPEC 4 reads it.

    `date` is the declared date as the author wrote it (already checked by `parse_date_text`),
    None when there is none. `categories` holds front matter categories only: the folder
    category is a setting the caller applies. `words` and `body_lines` cover the body without
    front matter and without fenced code blocks (or the format's markup); `body_lines` are
    exactly the lines whose words count, and no word spans two of them.

    `readable` is False when the version has front matter but nothing at all could be read
    from it: it does not parse, and reading it line by line finds no title, date, draft flag,
    status, tags or categories. The other fields are then the fallbacks (title from a heading
    or the file name, no tags, not a draft) and say nothing about the author's intent: the
    lineage keeps the fields of its previous readable version, and such a version never
    publishes, retracts or redates a post.
    """

    title: str
    date: str | None
    draft: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    body_lines: tuple[str, ...]
    # Front matter `author`/`authors`: who wrote it, when that is not who committed it.
    authors: tuple[str, ...] = ()
    # Whether the date or title came from the file's path: a move changes them.
    date_from_path: bool = False
    title_from_path: bool = False
    readable: bool = True
    # How the bytes were read: UTF8, UTF8_BOM, or UTF8_REPLACED for a file that is not
    # UTF-8, decoded as UTF-8 with replacement characters (no other encoding is guessed).
    encoding: str = "utf-8"

    @functools.cached_property
    def words(self) -> int:
        # Counted on demand: a scan needs the count of a post's first version only, and then
        # follows it through the words each change adds and removes.
        return count_words("\n".join(self.body_lines))


UTF8, UTF8_BOM, UTF8_REPLACED = "utf-8", "utf-8-bom", "utf-8-replaced"

_FRONT_CACHE: dict[tuple[str, str], Metadata] = {}
_FRONT_CACHE_MAX = 4096

_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?!\d)")
_JSON_START = re.compile(r"\{\s*[\"}]")
_JSON_CLOSER = re.compile(r"^\}[ \t]*$", re.MULTILINE)
_JSON_LAST_LINE = re.compile(r"\}[ \t]*$", re.MULTILINE)
_TOML_LINE = re.compile(r"at line (\d+)")
_YAML_CLOSER = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TOML_CLOSER = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)


def parse_post(data: bytes, path: str) -> tuple[PostFields | None, list[str]]:
    """Read one version of a post; `path` is repo-relative with '/' separators.

    The format follows the file's ending (Markdown unless SPEC 4 names another). Returns the
    fields (None when the file holds NUL bytes and is skipped) and warnings.
    """
    if b"\0" in data:
        return None, ["holds NUL bytes; skipped"]
    warnings: list[str] = []
    encoding = UTF8
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warnings.append("not UTF-8; decoded with replacement characters")
        encoding = UTF8_REPLACED
    if text.startswith("\ufeff"):
        text = text[1:]
        if encoding == UTF8:
            encoding = UTF8_BOM
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    front, body = _split_front(text)
    reader = reader_for(path)
    if reader is None:  # Markdown
        if front is None and HEADER_START.match(body):
            headed = read_header_lines(body)
            if headed is not None:
                front, body = headed
        if "```" in body or "~~~" in body:
            body = strip_fences_text(body)
        lines = body.split("\n")
        meta = front or NO_METADATA
        title = meta.title or first_heading(lines)
    else:
        page = reader(body)
        meta = front or page.meta or NO_METADATA
        lines = page.lines
        title = meta.title or page.title
    warnings.extend(meta.warnings)

    date = meta.date
    if date is None:
        date = _date_from_path(path, warnings)
    return (
        PostFields(
            title=title or _name_title(path),
            date=date,
            draft=meta.draft,
            tags=meta.tags,
            categories=meta.categories,
            authors=meta.authors,
            body_lines=tuple(lines),
            date_from_path=meta.date is None and date is not None,
            title_from_path=not title,
            readable=meta.readable,
            encoding=encoding,
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


def _split_front(text: str) -> tuple[Metadata | None, str]:
    """Split the front matter from the body and read it; None when there is none."""
    if text.startswith(("---", "+++")):
        marker = text[:3]
        first_end = text.find("\n")
        first = text[:first_end] if first_end >= 0 else text
        if first.rstrip() != marker:
            return None, text
        kind = "yaml" if marker == "---" else "toml"
        start = first_end + 1
        closer = (_YAML_CLOSER if marker == "---" else _TOML_CLOSER).search(text, start)
        if first_end >= 0 and closer is not None:
            source = text[start : closer.start()]
            body = text[closer.end() + 1 :]
            return _read_front(kind, source), body
        return _unclosed(kind, marker, text, start if first_end >= 0 else len(text))
    if text.startswith("{") and _JSON_START.match(text):
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except (ValueError, RecursionError) as error:
            return _broken_json(text, error)
        body = text[end:]
        return _read_front("json", text[:end]), body[1:] if body.startswith("\n") else body
    return None, text


def _unclosed(kind: str, marker: str, text: str, start: int) -> tuple[Metadata, str]:
    """A block opened but never closed: the key lines right after the marker, if any."""
    lines = text[start:].split("\n")
    count = key_lines_end(lines, kind)
    meta = _recover(kind, "\n".join(lines[:count]), f"no closing '{marker}' line")
    # Nothing read: the marker may have been a thematic break; leave the text to the body.
    return meta, "\n".join(lines[count:]) if meta.readable else text


def _broken_json(text: str, error: BaseException) -> tuple[Metadata, str]:
    # The block ends at a line holding only `}`, else at the first line ending with one.
    closer = _JSON_CLOSER.search(text) or _JSON_LAST_LINE.search(text)
    source = text[: closer.end()] if closer is not None else text
    meta = _recover("json", source, _reason(error))
    return meta, text if closer is None else text[closer.end() + 1 :]


def _read_front(kind: str, source: str) -> Metadata:
    key = (kind, source)
    cached = _FRONT_CACHE.get(key)
    if cached is not None:
        return cached
    if len(_FRONT_CACHE) >= _FRONT_CACHE_MAX:
        _FRONT_CACHE.clear()
    front = _FRONT_CACHE[key] = _parse_front(kind, source)
    return front


def _parse_front(kind: str, source: str) -> Metadata:
    loaded: object
    try:
        if kind == "yaml":
            loaded = _simple_yaml(source)
            if loaded is None:
                loaded = load_yaml(source)
        elif kind == "toml":
            loaded = tomllib.loads(source)
        else:
            loaded = json.loads(source)
    except (_yaml_error(), ValueError, TypeError, ArithmeticError, RecursionError) as error:
        return _recover(kind, source, _reason(error))
    if loaded is None:
        return NO_METADATA
    if not isinstance(loaded, Mapping):
        return _recover(kind, source, "it is not a mapping of keys")
    # Hugo reads keys case-insensitively (`Title`, `publishDate`); so does streakline.
    fields = {key.lower(): value for key, value in loaded.items() if isinstance(key, str)}
    try:
        return read_metadata(fields, [])
    except ValueError as error:
        # `0x` and thousands of digits parses, but Python will not write it out in decimal:
        # then the block reads as one that does not parse, line by line, as the author wrote it.
        if not _too_many_digits(error):
            raise
        return _recover(kind, source, _reason(error))


def _recover(kind: str, source: str, reason: str) -> Metadata:
    """Front matter that does not parse, read line by line, with one warning saying so."""
    fields = recover_fields(kind, source)
    warning = f"front matter does not parse: {reason}"
    if not says_anything(fields):
        return Metadata(warnings=(f"{warning}; nothing could be read from it",), readable=False)
    return read_metadata(fields, [f"{warning}; read line by line"])


def _yaml_error() -> type[Exception]:
    """PyYAML's error class (looked up once an error is raised: PyYAML is imported only
    for front matter the fast reader leaves to it)."""
    import yaml

    return yaml.YAMLError


def _reason(error: BaseException) -> str:
    yaml = sys.modules.get("yaml")  # not imported: the error is none of PyYAML's
    if yaml is not None and isinstance(error, yaml.MarkedYAMLError) and error.problem:
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
    elif _too_many_digits(error):
        # Python's own message gives advice (`sys.set_int_max_str_digits`) meant for coders.
        reason = f"a number has more than {sys.get_int_max_str_digits()} digits"
    else:
        reason = str(error) or type(error).__name__
    return " ".join(reason.split())[:200]


def _too_many_digits(error: BaseException) -> bool:
    """Whether `error` is Python refusing to convert an integer of too many digits."""
    return isinstance(error, ValueError) and "integer string conversion" in str(error)


def _date_from_path(path: str, warnings: list[str]) -> str | None:
    match = _NAME_DATE.match(_name_title(path).lstrip())
    if match is None:
        return None
    if parse_date_text(match[1]) is None:
        warnings.append(bad_date(match[1]))
        return None
    return match[1]


def _name_title(path: str) -> str:
    parts = path.rsplit("/", 2)
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]
    # A page bundle's `index.md` is named by its folder.
    if stem in ("index", "_index") and len(parts) > 1:
        return parts[-2]
    return stem
