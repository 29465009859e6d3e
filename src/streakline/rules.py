"""Pure: the post rules of SPEC 4-6, applied to lineages and events as the store keeps them.

Publication dates, statuses, categories, what counts as an edit and as bulk, and the one
function that buckets every instant into a calendar day. The database only selects and
stores; everything a writer sees is decided here, so a pending commit (the pre-commit hook)
is judged by the same rules as a stored one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, NamedTuple

from streakline.changes import DateSource, EventKind, PostStatus
from streakline.dates import parse_date_text

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from streakline.config import Settings
    from streakline.lineage import Event, Lineage


class PostRecord(NamedTuple):
    """A lineage as a writer sees it on a given day: `posts --json` and the statistics.

    A named tuple, like `Event`: the pre-commit hook makes one for each post of the blog on
    every commit, and a tuple is made several times faster than a frozen dataclass.
    """

    path: str
    title: str
    status: PostStatus
    published: date | None
    date_source: DateSource
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    words: int
    edits: int
    author: str | None
    first_commit: str
    last_commit: str
    lineage_id: int = 0
    # A draft that was published before (turned back into a draft): the day it was out.
    previously_published: date | None = None
    # Front matter `author`/`authors`, which name the writers when present.
    front_authors: tuple[str, ...] = ()
    # When the commit that first made it a published post landed: Unix time, and that day
    # in the bucket timezone. Posts are counted in this order, whatever dates they declare.
    landed_at: int | None = None
    landed: date | None = None
    # How its current version was read: "utf-8", "utf-8-bom" or "utf-8-replaced".
    encoding: str = "utf-8"

    @property
    def writers(self) -> tuple[str, ...]:
        """Who wrote it: front matter authors, else the author of the publishing commit."""
        if self.front_authors:
            return self.front_authors
        return (self.author,) if self.author else ()


class DailyActivity(NamedTuple):
    """The writing activity a report counts, summed by day in the bucket timezone."""

    edits: dict[date, int]  # `edited` events per day
    words: dict[date, int]  # words added per day; a key for every day with any activity


def daily_activity(events: Iterable[tuple[date, str, int]]) -> DailyActivity:
    """(day, kind, words added) of each writing event, summed by day."""
    edits: dict[date, int] = {}
    words: dict[date, int] = {}
    for day, kind, added in events:
        words[day] = words.get(day, 0) + added
        if kind == EventKind.EDITED:
            edits[day] = edits.get(day, 0) + 1
    return DailyActivity(edits, words)


# --- the one bucketing of instants into days (SPEC 6) -------------------------------------


def bucket_zone(name: str) -> ZoneInfo | None:
    """The bucket timezone of a `timezone` setting: None is each event's own offset."""
    if name == "event":
        return None
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def bucket_day(instant_utc: datetime, offset_minutes: int, zone: ZoneInfo | None) -> date:
    """The calendar day an instant belongs to; every date in streakline is bucketed here.

    `zone` None is the "event" timezone: the day on the wall clock of the offset the event
    recorded. A naive instant is read as UTC, never as the machine's local time.
    """
    if instant_utc.tzinfo is None:
        instant_utc = instant_utc.replace(tzinfo=UTC)
    tz = zone if zone is not None else timezone(timedelta(minutes=offset_minutes))
    return instant_utc.astimezone(tz).date()


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def bucket_epoch(seconds: int, offset_minutes: int, zone: ZoneInfo | None) -> date:
    """`bucket_day` of a Unix time, as stored; integer arithmetic for the "event" zone."""
    if zone is None:
        return date.fromordinal(_EPOCH_ORDINAL + (seconds + offset_minutes * 60) // 86400)
    return bucket_day(datetime.fromtimestamp(seconds, UTC), offset_minutes, zone)


# --- one post ------------------------------------------------------------------------------


def compute_publication(
    lineage: Lineage, date_source: str, zone: ZoneInfo | None
) -> tuple[date | None, DateSource]:
    """A post's publication day in the bucket timezone and where it came from (SPEC 4)."""
    if date_source == "declared" and lineage.date:
        declared = parse_date_text(lineage.date)
        if declared is not None:
            if (
                declared.time is not None
                and declared.utcoffset is not None
                and zone is not None
                and 1 < declared.day.year < 9999  # room to move a day either way
            ):
                instant = datetime.combine(declared.day, declared.time).replace(tzinfo=None)
                return bucket_day(instant - declared.utcoffset, 0, zone), DateSource.DECLARED
            return declared.day, DateSource.DECLARED
    if lineage.published_at is None:
        return None, DateSource.LANDED
    day = bucket_epoch(lineage.published_at, lineage.published_offset or 0, zone)
    return day, DateSource.LANDED


def compute_status(
    lineage: Lineage, published: date | None, today: date, draft: bool
) -> PostStatus:
    """`draft`: the post is a draft now, by its front matter or by where it lives."""
    if lineage.deleted:
        return PostStatus.UNPUBLISHED
    if draft:
        return PostStatus.DRAFT
    if published is not None and (published - today).days > 1:
        return PostStatus.SCHEDULED
    return PostStatus.PUBLISHED


def compute_categories(lineage: Lineage, settings: Settings) -> tuple[str, ...]:
    """Front matter categories, then the folder when `category_from_folder` is on."""
    categories = lineage.categories
    if settings.category_from_folder:
        folder = settings.category_folder(lineage.path)
        if folder and folder.lower() not in {c.lower() for c in categories}:
            categories = (*categories, folder)
    return categories


# --- many posts and their events -----------------------------------------------------------


def compute_bulk_commits(events: Iterable[Event], threshold: int) -> frozenset[str]:
    """Commits touching at least `threshold` posts: maintenance, not writing (SPEC 5).

    `events` are those of post lineages: post-ness is decided by a lineage's latest path.
    """
    events = list(events)
    # Most commits touch a post or two: count events first (cheap, and the scan's hook runs
    # this on every commit), and gather lineages only for commits with enough events.
    many = {sha for sha, n in Counter(e.commit for e in events).items() if n >= threshold}
    if not many:
        return frozenset()
    touched: defaultdict[str, set[int]] = defaultdict(set)
    for event in events:
        if event.commit in many:
            touched[event.commit].add(event.lineage_id)
    return frozenset(sha for sha, lineages in touched.items() if len(lineages) >= threshold)


def writing_events(events: Sequence[Event], threshold: int) -> list[Event]:
    """The events that count as writing activity: all but those of bulk commits."""
    bulk = compute_bulk_commits(events, threshold)
    return [e for e in events if e.commit not in bulk] if bulk else list(events)


def author_names(events: Iterable[Event]) -> dict[str, str]:
    """Each author email with the name of its latest event: one writer under one name.

    `events` oldest first; names are as `.mailmap` left them.
    """
    return {e.author_email: e.author_name for e in events if e.author_email}


def compute_posts(
    lineages: Iterable[Lineage],
    writing: Sequence[Event],
    authors: dict[str, str],
    settings: Settings,
    today: date,
    include_deleted: bool,
) -> list[PostRecord]:
    """Every post lineage with its status on `today`; unpublished ones only when asked.

    `writing` are the events that count as writing (`writing_events`), for edit counts.
    """
    edits = Counter(e.lineage_id for e in writing if e.kind == EventKind.EDITED)
    zone = bucket_zone(settings.timezone)
    views = []
    for lin in lineages:
        if lin.deleted and not lin.ever_published:
            continue  # a draft deleted unpublished: it was never a post
        published, source = compute_publication(lin, settings.date_source, zone)
        draft = lin.draft or settings.is_draft_path(lin.path)
        status = compute_status(lin, published, today, draft)
        if published is not None and published > today and _landed_after(lin, today, zone):
            # Dated and written after the day asked about (`--today` in the past): on that
            # day the post did not exist yet, so it is neither counted nor scheduled.
            continue
        if status == PostStatus.UNPUBLISHED and not include_deleted:
            continue
        previously: date | None = None
        if status == PostStatus.DRAFT:
            # A post turned back into a draft is listed as one, with the day it was out.
            previously = published if lin.ever_published else None
            published = None
        views.append(
            PostRecord(
                path=lin.path,
                title=lin.title,
                status=status,
                published=published,
                date_source=source,
                tags=lin.tags,
                categories=compute_categories(lin, settings),
                words=lin.words,
                edits=edits[lin.id],
                author=authors.get(lin.published_email or "", lin.published_author),
                first_commit=lin.first_commit,
                last_commit=lin.last_commit,
                lineage_id=lin.id,
                previously_published=previously,
                front_authors=lin.authors,
                landed_at=lin.published_at,
                landed=(
                    None
                    if lin.published_at is None
                    else bucket_epoch(lin.published_at, lin.published_offset or 0, zone)
                ),
                encoding=lin.encoding,
            )
        )
    views.sort(key=lambda v: (v.published or date.max, v.path))
    return views


def _landed_after(lineage: Lineage, today: date, zone: ZoneInfo | None) -> bool:
    if lineage.published_at is None:
        return False
    return bucket_epoch(lineage.published_at, lineage.published_offset or 0, zone) > today


def by_writer(posts: Sequence[PostRecord], name: str) -> list[PostRecord]:
    """The posts one writer wrote, their name matched case-insensitively."""
    key = name.casefold()
    return [p for p in posts if any(w.casefold() == key for w in p.writers)]


def compute_activity(
    writing: Iterable[Event], shown: set[int], timezone_name: str, today: date
) -> DailyActivity:
    """The writing events of the lineages in `shown`, summed on their days, up to `today`.

    Asked about a day in the past (`--today`), writing done after it does not count yet.
    """
    zone = bucket_zone(timezone_name)
    return daily_activity(
        [
            (day, e.kind, e.words_added)
            for e in writing
            if e.lineage_id in shown and (day := bucket_epoch(e.time, e.offset, zone)) <= today
        ]
    )
