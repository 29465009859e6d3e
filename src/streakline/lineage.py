"""Pure: file changes of first-parent commits -> lineages and events (SPEC 5)."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from streakline.changes import EventKind
from streakline.frontmatter import moved
from streakline.words import counted_diff

if TYPE_CHECKING:
    from streakline.changes import Change, Commit
    from streakline.frontmatter import PostFields

PUBLISHED = EventKind.PUBLISHED
EDITED = EventKind.EDITED
RENAMED = EventKind.RENAMED
UNPUBLISHED = EventKind.UNPUBLISHED
REPUBLISHED = EventKind.REPUBLISHED


@dataclass
class Lineage:
    """One post's identity through time, as the scan leaves it and the database keeps it.

    Mutable while a scan applies commits; the one record of a lineage everywhere: the
    builder, the store and the post rules (`rules.py`) read the same fields.
    """

    id: int
    path: str
    title: str
    first_commit: str
    last_commit: str
    blob: str | None = None
    deleted: bool = False
    draft: bool = False
    published: bool = False
    ever_published: bool = False
    date: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    words: int = 0
    published_at: int | None = None
    published_offset: int | None = None
    published_commit: str | None = None
    published_author: str | None = None
    published_email: str | None = None
    deleted_seq: int = 0
    # The `YYYY-MM-DD` prefix of the latest dated name this lineage had: the declared date of
    # `_posts/2017-07-04-old-one.md` after it became `content/posts/old-one/index.md`.
    name_date: str | None = None
    # How the current version's bytes were read (`PostFields.encoding`).
    encoding: str = "utf-8"

    @property
    def readd_key(self) -> tuple[str, str] | None:
        return (self.date, self.title) if self.date else None


class Event(NamedTuple):
    """One thing that happened to one lineage in one commit (SPEC 5).

    A named tuple, not a frozen dataclass: a large blog's tens of thousands of events are
    made each time a report is, and a tuple is made several times faster.
    """

    id: int
    lineage_id: int
    commit: str
    time: int
    offset: int
    kind: EventKind
    path: str
    old_path: str | None
    author_name: str
    author_email: str
    words_added: int
    words_removed: int


@dataclass(frozen=True, slots=True)
class Version:
    """What a change's new blob says (None: unreadable) and, when fetched, the old body."""

    fields: PostFields | None
    old_lines: tuple[str, ...] | None = None
    # Not a post file at all (NUL bytes, an LFS pointer, a symlink), unlike an object git
    # lacks: a lineage it reaches is deleted.
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """What undoing one scanned commit takes: the lineages it changed, as they were before it.

    A rewritten tip (an amend, a short rebase) is then undone back to the commit both
    histories share and scanned again from there, instead of from the first commit.
    """

    commit: str
    before: str  # the commit scanned just before it ("" when it was the branch's first)
    next_lineage: int  # the first lineage id it made
    next_event: int  # its first event id
    lineages: tuple[dict[str, Any], ...]  # fields of each older lineage it changed, as they were


@dataclass
class LineageBuilder:
    """Applies commits in first-parent order. Starts empty, or from the stored lineages."""

    may_become_post: Callable[[str], bool]
    # Where the generator keeps drafts (Jekyll's `_drafts/`): a post there is not published.
    is_draft_path: Callable[[str], bool] = field(default=lambda _path: False)
    lineages: dict[int, Lineage] = field(default_factory=dict)
    next_event_id: int = 1
    # How many of the latest commits keep a `Checkpoint`, and the commit scanned before the
    # first one applied here.
    keep: int = 0
    last_commit: str = ""
    by_path: dict[str, Lineage] = field(init=False, default_factory=dict)
    # Every deleted lineage a re-add may continue, by (declared date, title). All are kept,
    # not only the latest, so a scan that resumes from the database (where every deleted
    # lineage is still there) picks the same one as a scan that never stopped.
    deleted_by_key: dict[tuple[str, str], list[Lineage]] = field(init=False, default_factory=dict)
    touched: set[int] = field(init=False, default_factory=set)
    # Each lineage's last body as a line multiset, to count the words the next version adds.
    _lines: dict[int, Counter[str]] = field(init=False, default_factory=dict)
    # Each lineage's last fields read in this scan, for moves whose content is not read again.
    _fields: dict[int, PostFields] = field(init=False, default_factory=dict)
    checkpoints: deque[Checkpoint] = field(init=False)
    # The fields of each lineage the current commit changed, as they were before it.
    _undo: dict[int, dict[str, Any]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.checkpoints = deque(maxlen=self.keep)
        for lin in self.lineages.values():
            if lin.deleted:
                self._remember_deleted(lin)
            else:
                self.by_path[lin.path] = lin
        self._next_lineage = max(self.lineages, default=0) + 1

    def _remember_deleted(self, lin: Lineage) -> None:
        key = lin.readd_key
        if key is None:
            return
        self.deleted_by_key.setdefault(key, []).append(lin)

    def _take_deleted(self, key: tuple[str, str]) -> Lineage | None:
        """The lineage deleted last under `key`, no longer waiting for a re-add."""
        waiting = self.deleted_by_key.get(key)
        if not waiting:
            return None
        latest = max(waiting, key=lambda lin: (lin.deleted_seq, lin.id))
        waiting.remove(latest)
        if not waiting:
            del self.deleted_by_key[key]
        return latest

    def apply(
        self, commit: Commit, versions: dict[int, Version], is_bot: bool = False
    ) -> list[Event]:
        """The events of one commit; `versions` maps change index -> what its blob says."""
        keep = self.keep
        if keep:
            undo: dict[int, dict[str, Any]] = {}
            self._undo = undo
            start = (self._next_lineage, self.next_event_id)
        step = _Step(self, commit, is_bot)
        changes = list(enumerate(commit.changes))
        for _i, ch in changes:
            if ch.status == "D":
                step.delete(ch)
        for i, ch in changes:
            if ch.status == "R":
                step.rename(ch, versions.get(i))
        for i, ch in changes:
            if ch.status == "M":
                step.modify(ch, versions.get(i))
        for i, ch in changes:
            if ch.status == "A":
                step.add(ch, versions.get(i))
        if keep:
            self._undo = None
            kept = tuple(fields for lid, fields in undo.items() if lid < start[0])
            self.checkpoints.append(Checkpoint(commit.sha, self.last_commit, *start, kept))
        self.last_commit = commit.sha
        return step.events

    def new_lineage(self, path: str, commit: str) -> Lineage:
        lin = Lineage(
            id=self._next_lineage,
            path=path,
            title=_file_title(path),
            first_commit=commit,
            last_commit=commit,
        )
        self._next_lineage += 1
        self.lineages[lin.id] = lin
        return lin


class _Step:
    def __init__(self, builder: LineageBuilder, commit: Commit, is_bot: bool) -> None:
        self.b = builder
        self.c = commit
        self.is_bot = is_bot
        self.events: list[Event] = []

    def _emit(self, lin: Lineage, kind: EventKind, ch: Change, added: int, removed: int) -> None:
        if kind == EDITED and self.is_bot:
            return
        b = self.b
        self.events.append(
            Event(
                id=b.next_event_id,
                lineage_id=lin.id,
                commit=self.c.sha,
                time=self.c.time,
                offset=self.c.offset,
                kind=kind,
                path=lin.path,
                old_path=ch.old_path if ch.old_path != ch.path else None,
                author_name=self.c.author_name,
                author_email=self.c.author_email,
                words_added=added,
                words_removed=removed,
            )
        )
        b.next_event_id += 1

    def _touch(self, lin: Lineage) -> None:
        """Called before a commit first changes `lin`."""
        undo = self.b._undo
        if undo is not None and lin.id not in undo:
            undo[lin.id] = dict(lin.__dict__)
        lin.last_commit = self.c.sha
        self.b.touched.add(lin.id)

    def delete(self, ch: Change) -> None:
        lin = self.b.by_path.pop(ch.old_path, None)
        if lin is None:
            return
        self._touch(lin)
        lin.deleted = True
        lin.deleted_seq = self.b.next_event_id
        if lin.published:
            lin.published = False
            self._emit(lin, UNPUBLISHED, ch, 0, lin.words)
        self.b._lines.pop(lin.id, None)
        self.b._fields.pop(lin.id, None)
        self.b._remember_deleted(lin)

    def rename(self, ch: Change, version: Version | None) -> None:
        b = self.b
        lin = b.by_path.pop(ch.old_path, None)
        if not b.may_become_post(ch.path):
            if lin is not None:
                b.by_path[ch.old_path] = lin
                self.delete(ch)
            return
        if lin is None:
            self.add(ch, version)
            return
        if version is not None and version.skipped:
            b.by_path[ch.old_path] = lin
            self.delete(ch)  # no longer a post file (a symlink, a pointer, a binary)
            return
        self._touch(lin)
        lin.path = ch.path
        b.by_path[ch.path] = lin
        pure_move = ch.similarity == 100 and ch.old_blob == ch.new_blob
        if version is None and pure_move and lin.id in b._fields:
            version = Version(moved(b._fields[lin.id], ch.path))
        self._update(lin, ch, version, moved=True, pure_move=pure_move)

    def modify(self, ch: Change, version: Version | None) -> None:
        lin = self.b.by_path.get(ch.path)
        if lin is None:
            self.add(ch, version)
            return
        if version is not None and version.skipped:
            self.delete(ch)  # no longer a post file (a symlink, a pointer, a binary)
            return
        if ch.old_blob == ch.new_blob and ch.new_blob is not None:
            return  # a mode change: no content changed
        self._touch(lin)
        self._update(lin, ch, version, moved=False, pure_move=False)

    def add(self, ch: Change, version: Version | None) -> None:
        b = self.b
        if not b.may_become_post(ch.path) or (version is not None and version.skipped):
            return
        fields = version.fields if version else None
        lin = None
        if fields is not None and fields.date:
            lin = b._take_deleted((fields.date, fields.title))
        if lin is None:
            lin = b.new_lineage(ch.path, self.c.sha)
            if fields is not None and not fields.readable:
                # Nothing says whether it is ready: it waits as a draft for a readable version,
                # under the title its body or name gives.
                lin.draft = True
                lin.title = fields.title
        else:
            self._touch(lin)
            lin.deleted = False
            lin.words = 0
        self._touch(lin)
        lin.path = ch.path
        b.by_path[ch.path] = lin
        self._update(lin, ch, Version(fields, old_lines=()), moved=False, pure_move=False)

    def _update(
        self,
        lin: Lineage,
        ch: Change,
        version: Version | None,
        *,
        moved: bool,
        pure_move: bool,
    ) -> None:
        fields = version.fields if version else None
        lin.blob = ch.new_blob
        # Unreadable content (a missing object, NUL bytes) leaves the fields as they were.
        added = removed = 0
        if fields is not None:
            lin.encoding = fields.encoding
            if fields.readable:
                if fields.date_from_path:
                    lin.name_date = fields.date
                lin.title = fields.title
                lin.date = fields.date or lin.name_date
                lin.draft = fields.draft
                lin.tags = fields.tags
                lin.categories = fields.categories
                lin.authors = fields.authors
            new = Counter(fields.body_lines)
            if version is not None and version.old_lines is not None:
                old: Counter[str] | None = Counter(version.old_lines)
            else:
                old = self.b._lines.get(lin.id)
            if old is None:
                # No earlier body is known: take this version's count as it is.
                lin.words = fields.words
                added = 0 if pure_move else fields.words
            elif not pure_move:
                added, removed = counted_diff(old, new)
                # Words never span lines, so the count follows the changed lines exactly.
                lin.words += added - removed
            self.b._lines[lin.id] = new
            self.b._fields[lin.id] = fields
        now_published = not (lin.draft or self.b.is_draft_path(lin.path))
        if lin.published and not now_published:
            lin.published = False
            self._emit(lin, UNPUBLISHED, ch, added, removed)
        elif not lin.published and now_published:
            lin.published = True
            if lin.ever_published:
                self._emit(lin, REPUBLISHED, ch, added, removed)
            else:
                lin.ever_published = True
                lin.published_at = self.c.time
                lin.published_offset = self.c.offset
                lin.published_commit = self.c.sha
                lin.published_author = self.c.author_name
                lin.published_email = self.c.author_email
                self._emit(lin, PUBLISHED, ch, added, removed)
        elif pure_move:
            self._emit(lin, RENAMED, ch, 0, 0)
        else:
            self._emit(lin, EDITED, ch, added, removed)


def _file_title(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name
