"""What a post's metadata says, whatever wrote it (SPEC 4).

Front matter, header lines, reST fields, AsciiDoc attributes and Org keywords all end up as a
mapping of lower-case keys to values; `read_metadata` turns such a mapping into `Metadata`
with one set of rules for titles, dates, drafts, tags and categories.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from streakline.dates import parse_date_text


@dataclass(frozen=True)
class Metadata:
    """What a metadata block says, independent of the file it sits in.

    `readable` is False when there is a block but nothing at all could be read from it.
    """

    title: str | None = None
    date: str | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    readable: bool = True


NO_METADATA = Metadata()

DATE_KEYS = ("date", "publishdate", "published", "created")

_DATE_SHAPED = re.compile(r"\s*\d{4}-")
_TRUE = frozenset({"true", "yes", "on"})
_FALSE = frozenset({"false", "no", "off"})
_HIDDEN = frozenset({"draft", "hidden"})
# A lone surrogate (JSON's `"\ud800"`) is a str Python holds but UTF-8 cannot encode.
_SURROGATE = re.compile("[\ud800-\udfff]")


def read_metadata(fields: Mapping[str, object], warnings: list[str]) -> Metadata:
    """The metadata of a mapping whose keys are already lower case."""
    taxonomies = fields.get("taxonomies")
    if not isinstance(taxonomies, Mapping):
        taxonomies = {}
    title = text_of(fields.get("title"))
    return Metadata(
        title=title or None,
        date=_declared_date(fields, warnings),
        draft=flag(fields.get("draft")) is True
        or flag(fields.get("published")) is False
        or (text_of(fields.get("status")) or "").lower() in _HIDDEN,
        tags=labels(fields.get("tags"), taxonomies.get("tags")),
        categories=labels(
            fields.get("categories"), fields.get("category"), taxonomies.get("categories")
        ),
        authors=names(fields.get("author"), fields.get("authors"), taxonomies.get("authors")),
        warnings=tuple(warnings),
    )


def names(*values: object) -> tuple[str, ...]:
    """Author names: a string is one name (spaces and all), a list holds several."""
    found: dict[str, str] = {}
    for value in values:
        items = list(value) if isinstance(value, list | tuple) else [value]
        for item in items:
            name = text_of(item)
            if name:
                found.setdefault(name.casefold(), name)
    return tuple(found.values())


def says_anything(fields: Mapping[str, object]) -> bool:
    """Whether a mapping holds a title, a date key, a draft flag or status, tags or categories.

    A date key counts even when its date is then rejected: the author did write one.
    """
    taxonomies = fields.get("taxonomies")
    if not isinstance(taxonomies, Mapping):
        taxonomies = {}
    return bool(
        text_of(fields.get("title"))
        or any(text_of(fields.get(key)) for key in DATE_KEYS)
        or flag(fields.get("draft")) is not None
        or flag(fields.get("published")) is not None
        or text_of(fields.get("status"))
        or labels(fields.get("tags"), taxonomies.get("tags"))
        or labels(fields.get("categories"), fields.get("category"), taxonomies.get("categories"))
    )


def _declared_date(fields: Mapping[str, object], warnings: list[str]) -> str | None:
    for key in DATE_KEYS:
        value = fields.get(key)
        if value is None or isinstance(value, bool):
            continue
        text = _date_text(value)
        if not text or (key == "published" and not _DATE_SHAPED.match(text)):
            continue
        if parse_date_text(text) is not None:
            return text
        warnings.append(bad_date(text))
    return None


def _date_text(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()  # TOML dates and datetimes, YAML `!!timestamp`
    return str(value).strip()


def bad_date(text: str) -> str:
    """The warning for a declared date that is impossible or unreadable."""
    if len(text) > 60:
        text = text[:57] + "..."
    adjective = "impossible" if _DATE_SHAPED.match(text) else "unreadable"
    return f"{adjective} date {text!r} ignored"


def text_of(value: object) -> str | None:
    """A scalar as text; None for missing values, booleans, lists and tables."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value.strip())
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return None


def flag(value: object) -> bool | None:
    """A boolean, or a string spelling one; None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    return None


def labels(*values: object) -> tuple[str, ...]:
    """Tags or categories from lists or strings, first spelling kept for each name."""
    found: dict[str, str] = {}
    for value in values:
        if isinstance(value, str):
            items: list[Any] = value.split(",") if "," in value else value.split()
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            items = [value]
        for item in items:
            label = text_of(item)
            if label:
                label = label.lstrip("#").strip()
            if label:
                found.setdefault(label.casefold(), label)
    return tuple(found.values())


def comma_list(value: str) -> list[str]:
    """`a, b c` or `[a, b c]` as ["a", "b c"]: header formats separate tags by commas only."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return [part.strip().strip("\"'") for part in value.split(",")]
