"""Declared dates as authors write them (SPEC 4); kept apart from front matter parsing so that
reading stored posts does not import a YAML parser."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_DATE = re.compile(
    # `2019/06/26` too, as Pelican reads it: year first, so it is never ambiguous.
    r"(\d{4})(?P<sep>[-/])(\d{1,2})(?P=sep)(\d{1,2})"
    r"(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(?:([Zz]|UTC|GMT)|(?:(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?)?)?"
)


@dataclass(frozen=True)
class DeclaredDate:
    """A declared date: `time` is None for a bare date, `utcoffset` None for local time."""

    day: dt.date
    time: dt.time | None
    utcoffset: dt.timedelta | None


@functools.lru_cache(maxsize=4096)
def parse_date_text(text: str) -> DeclaredDate | None:
    """Parse an ISO-like date with optional time and offset; None when unreadable or impossible.

    Accepts what Hugo, Jekyll, Zola and YAML timestamps write: `2024-03-01`,
    `2024-03-01T10:00:00.123-05:00`, `2024-03-01 10:00:00 +0100`, `... Z`, `... UTC`, and
    Nikola's `2024-03-01 10:00:00 UTC+01:00`, and `2024/03/01` as Pelican allows.
    """
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, _sep, month, day, hour, minute, second, fraction, utc, sign, off_h, off_m = match.groups()
    try:
        day_value = dt.date(int(year), int(month), int(day))
        if hour is None:
            return DeclaredDate(day_value, None, None)
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        time_value = dt.time(int(hour), int(minute), int(second or 0), micro)
    except ValueError:
        return None
    offset: dt.timedelta | None = None
    if utc is not None:
        offset = dt.timedelta(0)
    elif sign is not None:
        hours, minutes = int(off_h), int(off_m or 0)
        if hours > 23 or minutes > 59:
            return None
        offset = dt.timedelta(hours=hours, minutes=minutes) * (-1 if sign == "-" else 1)
    return DeclaredDate(day_value, time_value, offset)
