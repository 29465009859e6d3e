"""Use cases shared by the CLI and the hook: catch up with Git, then read what is stored."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from streakline import __version__
from streakline.config import Settings, Ssg, settings_file, settings_to_dict
from streakline.errors import DatabaseError, StreaklineError

if TYPE_CHECKING:
    from streakline.gitscan import CommitLog, GitRepo
    from streakline.lineage import Event, Lineage
    from streakline.outputs import OutputFile
    from streakline.pace import GoalKind
    from streakline.report import BoardRow, Report
    from streakline.rules import DailyActivity, PostRecord
    from streakline.store import RepoIdentity, ScanRows, ScanState, Store
    from streakline.streaks import StreakRules

Warn = Callable[[str], None]


@dataclass(frozen=True)
class Workspace:
    """A writing repo, its settings and its store: opened once per command, closed by it."""

    repo: GitRepo
    store: Store
    settings: Settings
    branch: str
    tip: str | None
    fingerprint: str
    identity: RepoIdentity

    @property
    def site(self) -> str:
        """The site's name: `site` in the settings, else the repo folder's name."""
        return self.settings.site or self.repo.root.name


@dataclass(frozen=True)
class ScanResult:
    commits: int
    events: int
    posts: int
    head: str | None
    started_over: str | None
    full: bool
    rewound: int = 0  # rewritten commits undone before the scan (an amend, a short rebase)


@contextmanager
def open_workspace(
    path: Path, db_url: str | None, *, lock_wait: float | None = None
) -> Iterator[Workspace]:
    """Open the repo around `path` and its store; both are closed however the block ends.

    `lock_wait`: how long a write waits for another process (default: `store.LOCK_WAIT`).
    """
    from streakline.gitscan import GitRepo
    from streakline.store import DEFAULT_NAME, Store

    with GitRepo(path) as repo:
        repo.check_not_shallow()
        written = settings_file(repo.root)
        branch = (written.branch if written else None) or repo.current_branch()
        tip = repo.tip(branch)
        if written is None:
            if tip:
                # Git lists the files on the other core while Python imports SQLAlchemy,
                # which every command here goes on to use (importing it opens nothing).
                repo.start_tracked_files(tip)
                import sqlalchemy  # noqa: F401
            from streakline.detect import detect_settings

            tracked = repo.tracked_files(tip) if tip else []
            settings = detect_settings(tracked, tree_reader(repo.root))
        else:
            settings = written
        url = db_url or os.environ.get("STREAKLINE_DB") or None
        with Store(url, repo.common_dir / DEFAULT_NAME, lock_wait) as store:
            yield Workspace(
                repo,
                store,
                settings,
                branch,
                tip,
                settings.fingerprint(repo.mailmap()),
                _identity(repo, tip, store, branch) if url is not None else _local(repo),
            )


def _local(repo: GitRepo) -> RepoIdentity:
    """The default database lives in the repo's own git dir, where its path says enough."""
    from streakline.store import RepoIdentity

    location, name = repo.location()
    return RepoIdentity(location, name)


def _identity(repo: GitRepo, tip: str | None, store: Store, branch: str) -> RepoIdentity:
    """The root commit plus the remote URL (else the path) names a repo in a database given
    with --db, which many repos may share.

    Finding the root commit walks the whole history. A repo already stored under this
    location, whose last scanned commit is still on the tip's first-parent line, has the
    same root: the walk is then skipped (it took longer than a scan with nothing new).
    """
    from streakline.store import RepoIdentity

    location, name = repo.location()
    if not tip:
        return RepoIdentity(location, name)
    try:
        stored = store.scanned_roots(location, branch)
    except DatabaseError:
        # Damaged, newer or locked: the command meets it again and says so (or, with
        # --rebuild, sets a damaged file aside first). The walk needs no database.
        stored = []
    known = (root for root, last in stored if repo.on_first_parent_line(last, tip))
    root = next(known, None) or repo.root_commit(tip)
    return RepoIdentity(f"{root} {location}" if root else location, name)


# Generator configs are small; anything bigger is not one, and is not worth reading.
MAX_CONFIG_BYTES = 1 << 20


def tree_reader(root: Path) -> Callable[[str], bytes | None]:
    """Reads a small regular file of the work tree for detection; None for anything else."""
    resolved = root.resolve()

    def read(rel: str) -> bytes | None:
        path = root / rel
        try:
            # lstat and the resolved path: a symlink may point out of the repo.
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CONFIG_BYTES:
                return None
            if not path.resolve().is_relative_to(resolved):
                return None
            with path.open("rb") as f:
                data = f.read(MAX_CONFIG_BYTES + 1)
        except OSError:
            return None
        return data if len(data) <= MAX_CONFIG_BYTES else None

    return read


def scan(
    ws: Workspace,
    *,
    rebuild: bool = False,
    warn: Warn = lambda _m: None,
    progress: Callable[[int, int], None] | None = None,
) -> ScanResult:
    """Bring the store up to the branch tip: incremental, or from scratch when it must."""
    tip = ws.tip
    # A scan from scratch starts git first: it computes diffs on the other core while Python
    # imports SQLAlchemy and opens the database.
    early = (
        ws.repo.start_log(tip, None, ws.settings.post_suffixes)
        if tip and (rebuild or ws.store.fresh)
        else None
    )
    try:
        if not rebuild:
            with ws.store.scan(ws.identity, ws.branch, write=False) as rows:
                if _up_to_date(rows.state, ws):
                    return ScanResult(0, 0, 0, tip, None, False)
        with ws.store.scan(ws.identity, ws.branch, write=True) as rows:
            # Another process (a second hook) may have scanned while we waited for the lock.
            state = rows.state
            if not rebuild and _up_to_date(state, ws):
                return ScanResult(0, 0, 0, tip, None, False)
            reason = "asked to rebuild" if rebuild else _settings_reason(state, ws)
            since = None
            rewound = 0
            if reason is None and state is not None and state.last_commit:
                since, rewound, reason = catch_up_from(rows, ws, state.last_commit, tip)
            full = since is None
            if reason and not rebuild:
                warn(f"{reason}; starting over")
            if full:
                rows.clear()
            log = None
            if tip is not None:
                if early is None or since is not None:
                    log = ws.repo.start_log(tip, since, ws.settings.post_suffixes)
                else:
                    log, early = early, None
            if tip is not None and ws.repo.is_partial_clone():
                ws.repo.prefetch_posts(tip, since, ws.settings.post_suffixes)
            result = _scan_into(rows, ws, log, since, full, reason, warn, progress)
            return replace(result, rewound=rewound)
    finally:
        if early is not None:
            early.close()


def _up_to_date(state: ScanState | None, ws: Workspace) -> bool:
    return (
        state is not None
        and state.version == __version__
        and state.settings == ws.fingerprint
        and state.last_commit == (ws.tip or "")
    )


def _settings_reason(state: ScanState | None, ws: Workspace) -> str | None:
    """Why the stored rows cannot be built on whatever the history: another version or
    other settings made them."""
    if state is None:
        return None
    if state.version != __version__:
        return f"the database was written by streakline {state.version}"
    if state.settings != ws.fingerprint:
        return f"settings changed since the last scan of {ws.branch}"
    return None


def _history_reason(last: str, tip: str | None, ws: Workspace) -> str | None:
    """Why a scan cannot go on from `last` to `tip`: `last` is not on tip's first-parent line."""
    if tip is None or not ws.repo.is_ancestor(last, tip):
        return (
            f"history was rewritten since the last scan ({last[:10]} is no longer on {ws.branch})"
        )
    if not ws.repo.on_first_parent_line(last, tip):
        # The scan diffs first parents: from here it would add what `last` already brought.
        return (
            f"{last[:10]} is no longer on the first-parent line of {ws.branch} (a merge was "
            "fast-forwarded)"
        )
    return None


def catch_up_from(
    rows: ScanRows, ws: Workspace, last: str, target: str | None
) -> tuple[str | None, int, str | None]:
    """Where a scan of `target` goes on from: (since, commits undone, why it starts over).

    Undoing writes to `rows`: a scan that is rolled back (the pre-commit hook's) undoes
    nothing for good.

    From `last` when it is on target's first-parent line; else from the newest commit
    before a stored checkpoint that is (an amend, a rebase of the last few commits), once
    the stored commits after it are undone; else from scratch (since None, and the reason).
    """
    reason = _history_reason(last, target, ws)
    if reason is None:
        return last, 0, None
    point = _rewind_point(rows, ws.repo, target) if target else None
    if point is None:
        return None, 0, reason
    seq, before = point
    return before, rows.rewind(seq, ws.settings.is_post_path), None


def _rewind_point(rows: ScanRows, repo: GitRepo, target: str) -> tuple[int, str] | None:
    """The newest checkpoint whose commit before it is on target's first-parent line."""
    points = rows.rewind_points()
    befores = [before for _seq, _commit, before in points if before]
    if not befores:
        return None
    line, oldest_on_line = repo.first_parent_line(target, befores[-1])
    for seq, _commit, before in points:
        if before in line or (before == befores[-1] and oldest_on_line):
            return seq, before
    return None


def _scan_into(
    rows: ScanRows,
    ws: Workspace,
    log: CommitLog | None,
    since: str | None,
    full: bool,
    reason: str | None,
    warn: Warn,
    progress: Callable[[int, int], None] | None,
) -> ScanResult:
    from streakline.lineage import LineageBuilder
    from streakline.scanner import run_scan
    from streakline.store import CHECKPOINTS, ScanState

    settings = ws.settings
    builder = LineageBuilder(
        settings.may_become_post,
        is_draft_path=settings.is_draft_path,
        lineages={} if full else rows.load_lineages(),
        next_event_id=rows.next_event_id(),
        keep=CHECKPOINTS,
        last_commit=since or "",
    )
    events: list[Event] = []
    count = 0
    if log is not None:
        total = (
            ws.repo.count_commits(ws.tip or "HEAD", since, settings.post_suffixes)
            if progress
            else 0
        )
        report = (lambda done: progress(done, total)) if progress else None
        events, count = run_scan(ws.repo, settings, builder, log, warn, report)
        touched = [builder.lineages[i] for i in sorted(builder.touched)]
        rows.save_lineages(touched, settings.is_post_path)
        rows.save_events(events)
        rows.save_checkpoints(builder.checkpoints)
    rows.save_state(
        ScanState(__version__, ws.fingerprint, ws.tip or ""), settings_to_dict(settings)
    )
    posts = sum(1 for lin in builder.lineages.values() if settings.is_post_path(lin.path))
    return ScanResult(count, len(events), posts, ws.tip, reason, full)


# --- reading ---------------------------------------------------------------------------


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
    from streakline.rules import bucket_zone

    zone = bucket_zone(settings.timezone)
    return datetime.now(zone).date() if zone else datetime.now().astimezone().date()


@dataclass(frozen=True)
class Loaded:
    """A branch's post lineages and their events, as stored."""

    lineages: list[Lineage]
    events: list[Event]


def load(ws: Workspace) -> Loaded:
    with ws.store.scan(ws.identity, ws.branch, write=False) as rows:
        lineages = rows.load_lineages()
        return Loaded(
            [lin for lin in lineages.values() if rows.is_post(lin.id)], rows.load_events()
        )


def list_posts(ws: Workspace, today: date, include_deleted: bool = False) -> list[PostRecord]:
    """Every post lineage with its status on `today`; unpublished ones only when asked."""
    from streakline.rules import author_names, compute_posts, writing_events

    data = load(ws)
    writing = writing_events(data.events, ws.settings.bulk_threshold)
    authors = author_names(data.events)
    return compute_posts(data.lineages, writing, authors, ws.settings, today, include_deleted)


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
    ws: Workspace,
    today: date,
    *,
    cadence: str | None = None,
    per_period: int | None = None,
    include_deleted: bool = False,
    year: int | None = None,
    author: str | None = None,
    data: Loaded | None = None,
) -> Report:
    """The `stats` report (SPEC 8, schema 1) for the tracked commit as of `today`.

    With `author`, the same report for that writer's posts alone. `data` defaults to
    what is stored (`load`).
    """
    data = data if data is not None else load(ws)
    posts, activity = _report_inputs(ws, data, today, include_deleted, author)
    return _report(ws, posts, activity, today, cadence, per_period, include_deleted, year)


def _report_inputs(
    ws: Workspace, data: Loaded, today: date, include_deleted: bool, author: str | None
) -> tuple[list[PostRecord], DailyActivity]:
    """Every post (unpublished ones too) and the writing activity a report counts."""
    from streakline.rules import (
        author_names,
        by_writer,
        compute_activity,
        compute_posts,
        writing_events,
    )

    settings = ws.settings
    writing = writing_events(data.events, settings.bulk_threshold)
    authors = author_names(data.events)
    posts = compute_posts(data.lineages, writing, authors, settings, today, include_deleted=True)
    if author is not None:
        everyone = sorted({w for p in posts for w in p.writers}, key=str.casefold)
        posts = by_writer(posts, author)
        if not posts:
            known = ", ".join(everyone) if everyone else "none yet"
            raise StreaklineError(f"no posts by {author!r} on {ws.branch}; writers: {known}")
    shown = {p.lineage_id for p in posts if p.status != "unpublished" or include_deleted}
    return posts, compute_activity(writing, shown, settings.timezone, today)


def _report(
    ws: Workspace,
    posts: list[PostRecord],
    activity: DailyActivity,
    today: date,
    cadence: str | None = None,
    per_period: int | None = None,
    include_deleted: bool = False,
    year: int | None = None,
) -> Report:
    from streakline.stats import compute_report

    settings = ws.settings
    return compute_report(
        posts,
        activity,
        streak_rules(settings, cadence, per_period),
        today,
        timezone_name=settings.timezone,
        date_source=settings.date_source,
        branch=ws.branch,
        head=ws.tip or "",
        site=ws.site,
        title=site_name(ws),
        include_deleted=include_deleted,
        calendar_year=year,
        goals=_goals(settings),
    )


def _goals(settings: Settings) -> list[tuple[GoalKind, int]]:
    goal = settings.goal
    targets: list[tuple[GoalKind, int | None]] = [("posts", goal.posts), ("words", goal.words)]
    return [(kind, target) for kind, target in targets if target is not None]


def site_name(ws: Workspace) -> str:
    """The site's name for the stats screen: `site` in the settings, else the title in its
    generator's config (at SPEC 2's site roots), else the name of the repo's folder."""
    from streakline.detect import site_roots
    from streakline.sites import Tree, site_title

    if ws.settings.site:
        return ws.settings.site
    tree = Tree(ws.repo.tracked_files(ws.tip) if ws.tip else [], tree_reader(ws.repo.root))
    for root in site_roots(tree):
        title = site_title(tree, root)
        if title:
            return title
    return ws.site


def build_outputs(
    ws: Workspace, today: date, *, ssg: Ssg | None = None, data: Loaded | None = None
) -> list[OutputFile]:
    """The files `export` writes (exporting.py), as of `today`; nothing is written here.

    Without `ssg` (the argument, else `[outputs] ssg`) they go where `[outputs]` says; with
    one, into that generator's folders of the site detection finds. `data` defaults to
    `load(ws)`: the hook passes what it loaded inside its rolled-back scan.
    """
    from streakline.changes import PostStatus
    from streakline.exporting import build_files, find_site, site_name

    data = data if data is not None else load(ws)
    given = "--ssg" if ssg is not None else "outputs.ssg"
    ssg = ssg or ws.settings.outputs.ssg
    site = None
    if ssg is not None:
        tracked = ws.repo.tracked_files(ws.tip) if ws.tip else []
        site = find_site(tracked, tree_reader(ws.repo.root), ssg)
        if site is None:
            raise StreaklineError(
                f"{given} {ssg}: no {site_name(ssg)} site found at the repo root or in a site "
                f"folder (v2/, site/, blog/, docs/, www/); leave out {given} to write the "
                "[outputs] paths"
            )
    # The posts are worked out once, for the report and for each post's entry.
    every, activity = _report_inputs(ws, data, today, False, None)
    report = _report(ws, every, activity, today)
    posts = [post for post in every if post.status != PostStatus.UNPUBLISHED]
    return build_files(report, posts, ws.settings, site)


def compute_board(store: Store, today: date) -> list[BoardRow]:
    """Every repo and writer in the store, the longest current streak first.

    Each branch is judged by the settings it was scanned with.
    """
    from streakline.config import settings_from_dict
    from streakline.report import BoardRow
    from streakline.rules import author_names, compute_posts, writing_events
    from streakline.streaks import compute_streaks

    rows = []
    for entry in store.load_board():
        settings = settings_from_dict(entry.config) if entry.config else Settings()
        writing = writing_events(entry.events, settings.bulk_threshold)
        authors = author_names(entry.events)
        posts = compute_posts(entry.lineages, writing, authors, settings, today, False)
        published = [p for p in posts if p.status == "published"]
        rules = streak_rules(settings, None, None)
        writers = sorted({w for p in published for w in p.writers}, key=str.casefold)
        for writer in writers or [""]:
            mine = [p for p in published if not writer or writer in p.writers]
            days = sorted(p.published for p in mine if p.published is not None)
            current, longest = compute_streaks(days, rules, today)
            rows.append(
                BoardRow(
                    entry.repo,
                    entry.branch,
                    writer,
                    len(mine),
                    sum(day.year == today.year for day in days),
                    current,
                    longest,
                    days[-1] if days else None,
                )
            )
    rows.sort(
        key=lambda r: (
            -r.current.length,
            -r.longest.length,
            -(r.last_post or date.min).toordinal(),
            r.repo.casefold(),
            r.writer.casefold(),
        )
    )
    return rows
