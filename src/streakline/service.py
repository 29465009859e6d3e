"""Use cases shared by the CLI and the hook: catch up with Git, then read what is stored."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from streakline import __version__
from streakline.config import Settings, load_settings

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from streakline.db import StoredActivity, StoredPost
    from streakline.gitscan import CommitLog, GitRepo
    from streakline.stats import PostRecord
    from streakline.streaks import StreakRules

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Context:
    """A writing repo with its settings and database, resolved once per command."""

    repo: GitRepo
    settings: Settings
    db_url: str
    branch: str
    tip: str | None
    fingerprint: str


@dataclass(frozen=True)
class ScanResult:
    commits: int
    events: int
    posts: int
    head: str | None
    started_over: str | None
    full: bool


def open_context(path: Path, db_url: str | None) -> Context:
    """Open the repo around `path`, read its settings, pick the database."""
    from streakline.gitscan import GitRepo

    repo = GitRepo(path)
    try:
        repo.check_not_shallow()
        settings = load_settings(repo.root, None)
        branch = settings.branch or repo.current_branch()
        tip = repo.tip(branch)
        if not settings.from_file:
            settings = load_settings(repo.root, repo.tracked_files(tip) if tip else [])
        url = db_url or os.environ.get("STREAKLINE_DB") or _default_url(repo.common_dir)
    except BaseException:
        repo.close()
        raise
    mailmap = repo.root / ".mailmap"
    try:
        mailmap_bytes = mailmap.read_bytes() if mailmap.is_file() else b""
    except OSError:
        mailmap_bytes = b""
    return Context(repo, settings, url, branch, tip, settings.fingerprint(mailmap_bytes))


def _default_url(common_dir: Path) -> str:
    return f"sqlite:///{common_dir / 'streakline.sqlite3'}"


def _sqlite_missing(url: str) -> bool:
    return url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()


def scan(
    ctx: Context,
    *,
    rebuild: bool = False,
    warn: Warn = lambda _m: None,
    progress: Callable[[int, int], None] | None = None,
) -> ScanResult:
    """Bring the database up to the branch tip: incremental, or from scratch when it must."""
    tip = ctx.tip
    # A scan from scratch starts git first: it computes diffs on the other core while Python
    # imports SQLAlchemy and opens the database.
    early = (
        ctx.repo.start_log(tip, None, ctx.settings.post_suffixes)
        if tip and (rebuild or _sqlite_missing(ctx.db_url))
        else None
    )
    try:
        from streakline import db

        engine = db.open_engine(ctx.db_url)
    except BaseException:
        if early:
            early.close()
        raise
    try:
        if not rebuild:
            with engine.connect() as conn:
                meta = db.load_meta(conn)
            if _up_to_date(meta, ctx, tip):
                return ScanResult(0, 0, 0, tip, None, False)
        with db.write_transaction(engine) as conn:
            # Another process (a second hook) may have scanned while we waited for the lock.
            meta = db.load_meta(conn)
            if not rebuild and _up_to_date(meta, ctx, tip):
                return ScanResult(0, 0, 0, tip, None, False)
            reason = "asked to rebuild" if rebuild else _start_over_reason(meta, ctx, tip)
            full = reason is not None or not meta.get("last_commit")
            if reason and not rebuild:
                warn(f"{reason}; starting over")
            if full:
                db.clear(conn)
            since = None if full else meta["last_commit"]
            log = None
            if tip is not None:
                if early is None or since is not None:
                    log = ctx.repo.start_log(tip, since, ctx.settings.post_suffixes)
                else:
                    log, early = early, None
            return _scan_into(conn, ctx, log, tip, since, full, reason, warn, progress)
    finally:
        if early is not None:
            early.close()
        engine.dispose()


def _up_to_date(meta: dict[str, str], ctx: Context, tip: str | None) -> bool:
    return (
        meta.get("version") == __version__
        and meta.get("settings") == ctx.fingerprint
        and meta.get("branch") == ctx.branch
        and meta.get("last_commit", "") == (tip or "")
    )


def _start_over_reason(meta: dict[str, str], ctx: Context, tip: str | None) -> str | None:
    if not meta:
        return None
    if meta.get("version") != __version__:
        return f"the database was written by streakline {meta.get('version')}"
    if meta.get("settings") != ctx.fingerprint or meta.get("branch") != ctx.branch:
        return "settings changed since the last scan"
    last = meta.get("last_commit")
    if last and (tip is None or not ctx.repo.is_ancestor(last, tip)):
        return (
            f"history was rewritten since the last scan ({last[:10]} is no longer on {ctx.branch})"
        )
    return None


def _scan_into(
    conn: object,
    ctx: Context,
    log: CommitLog | None,
    tip: str | None,
    since: str | None,
    full: bool,
    reason: str | None,
    warn: Warn,
    progress: Callable[[int, int], None] | None,
) -> ScanResult:
    from sqlalchemy import Connection

    from streakline import db
    from streakline.lineage import LineageBuilder
    from streakline.scanner import run_scan

    assert isinstance(conn, Connection)
    settings = ctx.settings
    states = {} if full else db.load_lineage_states(conn)
    builder = LineageBuilder(
        settings.may_become_post, lineages=states, next_event_id=db.next_event_id(conn)
    )
    events: list[object] = []
    count = 0
    if log is not None:
        total = (
            ctx.repo.count_commits(tip or "HEAD", since, settings.post_suffixes) if progress else 0
        )
        report = (lambda done: progress(done, total)) if progress else None
        events_, count = run_scan(ctx.repo, settings, builder, log, warn, report)
        events = list(events_)
        touched = [builder.lineages[i] for i in sorted(builder.touched)]
        db.save_lineages(conn, touched, settings.is_post_path)
        db.save_events(conn, events_)
        db.mark_bulk(conn, settings.bulk_threshold, None if full else builder.touched)
    db.save_meta(
        conn,
        {
            "version": __version__,
            "settings": ctx.fingerprint,
            "branch": ctx.branch,
            "last_commit": tip or "",
        },
    )
    posts = sum(1 for lin in builder.lineages.values() if settings.is_post_path(lin.path))
    return ScanResult(count, len(events), posts, tip, reason, full)


# --- reading ---------------------------------------------------------------------------


def bucket_zone(settings: Settings) -> ZoneInfo | None:
    """The bucket timezone: None means each event's own recorded offset (SPEC 6)."""
    if settings.timezone == "event":
        return None
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.timezone)


def resolve_today(settings: Settings, today: date | None) -> date:
    """`--today`, else STREAKLINE_TODAY, else the date now in the bucket timezone."""
    if today is not None:
        return today
    env = os.environ.get("STREAKLINE_TODAY")
    if env:
        from streakline.errors import ConfigError

        try:
            return date.fromisoformat(env)
        except ValueError:
            raise ConfigError(f"STREAKLINE_TODAY={env!r} is not a YYYY-MM-DD date") from None
    zone = bucket_zone(settings)
    return datetime.now(zone).date() if zone else datetime.now().astimezone().date()


def publication(post: StoredPost, settings: Settings) -> tuple[date | None, str]:
    """A post's publication day in the bucket timezone and where it came from (SPEC 4)."""
    from streakline.dates import parse_date_text
    from streakline.streaks import bucket_epoch

    zone = bucket_zone(settings)
    if settings.date_source == "declared" and post.date:
        declared = parse_date_text(post.date)
        if declared is not None:
            if (
                declared.time is not None
                and declared.utcoffset is not None
                and zone is not None
                and 1 < declared.day.year < 9999  # room to move a day either way
            ):
                instant = (
                    datetime.combine(declared.day, declared.time).replace(tzinfo=None)
                    - declared.utcoffset
                )
                return instant.replace(tzinfo=UTC).astimezone(zone).date(), "declared"
            return declared.day, "declared"
    if post.published_at is None:
        return None, "landed"
    return bucket_epoch(post.published_at, post.published_offset or 0, zone), "landed"


def post_status(post: StoredPost, published: date | None, today: date) -> str:
    if post.deleted or (post.draft and post.ever_published):
        return "unpublished"
    if post.draft:
        return "draft"
    if published is not None and (published - today).days > 1:
        return "scheduled"
    return "published"


def list_posts(ctx: Context, today: date, include_deleted: bool = False) -> list[PostRecord]:
    """Every post lineage with its status on `today`; unpublished ones only when asked."""
    from streakline import db

    engine = db.open_engine(ctx.db_url)
    try:
        with engine.connect() as conn:
            stored = db.load_posts(conn)
    finally:
        engine.dispose()
    return _views(stored, ctx.settings, today, include_deleted)


def _views(
    stored: list[StoredPost], settings: Settings, today: date, include_deleted: bool
) -> list[PostRecord]:
    from streakline.stats import PostRecord

    views = []
    for post in stored:
        if post.deleted and not post.ever_published:
            continue  # a draft deleted unpublished: it was never a post
        published, source = publication(post, settings)
        status = post_status(post, published, today)
        if status == "unpublished" and not include_deleted:
            continue
        if status == "draft":
            published = None
        categories = post.categories
        if settings.category_from_folder:
            folder = settings.category_folder(post.path)
            if folder and folder.lower() not in {c.lower() for c in categories}:
                categories = (*categories, folder)
        views.append(
            PostRecord(
                post.path,
                post.title,
                status,
                published,
                source,
                post.tags,
                categories,
                post.words,
                post.edits,
                post.published_author,
                post.first_commit,
                post.last_commit,
                post.id,
            )
        )
    views.sort(key=lambda v: (v.published or date.max, v.path))
    return views


def _load(ctx: Context) -> tuple[list[StoredPost], list[StoredActivity]]:
    from streakline import db

    engine = db.open_engine(ctx.db_url)
    try:
        with engine.connect() as conn:
            return db.load_posts(conn), db.load_activity(conn)
    finally:
        engine.dispose()


def streak_rules(settings: Settings, cadence: str | None, per_period: int | None) -> StreakRules:
    from streakline.config import WEEKDAYS
    from streakline.streaks import StreakRules

    s = settings.streak
    return StreakRules(
        cadence=cadence or s.cadence,  # type: ignore[arg-type]
        per_period=per_period or s.per_period,
        week_start=s.week_start,  # type: ignore[arg-type]
        rest_days=frozenset(WEEKDAYS.index(d) for d in s.rest_days),
        freezes=tuple((f.start, f.end) for f in s.freezes),
    )


def compute_stats(
    ctx: Context,
    today: date,
    *,
    cadence: str | None = None,
    per_period: int | None = None,
    include_deleted: bool = False,
    year: int | None = None,
) -> dict[str, object]:
    """The `stats` report (SPEC 8, schema 1) for the tracked commit as of `today`."""
    from streakline.stats import ActivityRecord, compute_report
    from streakline.streaks import bucket_epoch

    stored, activity = _load(ctx)
    posts = _views(stored, ctx.settings, today, include_deleted=True)
    shown = {p.lineage_id for p in posts if p.status != "unpublished" or include_deleted}
    zone = bucket_zone(ctx.settings)
    records = [
        ActivityRecord(
            bucket_epoch(a.time, a.offset, zone),
            a.kind,
            a.path,
            a.words_added,
            a.words_removed,
            a.author,
        )
        for a in activity
        if a.lineage_id in shown
    ]
    # Asked about a day in the past (`--today`), writing done after it does not count yet.
    records = [r for r in records if r.day <= today]
    return compute_report(
        posts,
        records,
        streak_rules(ctx.settings, cadence, per_period),
        today,
        timezone_name=ctx.settings.timezone,
        date_source=ctx.settings.date_source,
        branch=ctx.branch,
        head=ctx.tip or "",
        site=ctx.repo.root.name,
        include_deleted=include_deleted,
        calendar_year=year,
    )
