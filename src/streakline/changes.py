"""Plain values git hands over, and the closed sets of words the rest of streakline uses.

Nothing here imports the git layer: reading posts and computing statistics work on these.
The enums are `StrEnum`s, so JSON and SQL hold the same text as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    """One file change of a first-parent diff, as `git log --raw` says it."""

    ADDED = "A"
    MODIFIED = "M"
    DELETED = "D"
    RENAMED = "R"


class EventKind(StrEnum):
    """What happened to one lineage in one commit (SPEC 5)."""

    PUBLISHED = "published"
    EDITED = "edited"
    RENAMED = "renamed"
    UNPUBLISHED = "unpublished"
    REPUBLISHED = "republished"


class PostStatus(StrEnum):
    """A post's status on a given day (SPEC 8, `posts --json`)."""

    PUBLISHED = "published"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    UNPUBLISHED = "unpublished"


class DateSource(StrEnum):
    DECLARED = "declared"
    LANDED = "landed"


@dataclass(frozen=True, slots=True)
class Change:
    """One file change of a first-parent diff."""

    status: ChangeKind
    path: str
    old_path: str
    old_blob: str | None
    new_blob: str | None
    similarity: int


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    time: int
    offset: int
    author_name: str
    author_email: str
    changes: tuple[Change, ...]
