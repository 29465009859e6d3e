"""The git hooks' use cases: catch up, then count the commit being made as if it had landed.

The commit being made is scanned like any other (the same builder, the same blob reader)
inside a transaction that is rolled back: every rule is applied once, in one place, and an
aborted commit leaves no trace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from streakline import service
from streakline.service import Loaded, Workspace

if TYPE_CHECKING:
    from streakline.changes import Change, Commit
    from streakline.gitindex import CommitBeingMade

Warn = Callable[[str], None]
HookType = Literal["pre-commit", "post-commit"]


@dataclass(frozen=True)
class HookResult:
    """What a hook run did, for the line it may print."""

    written: tuple[str, ...] = ()  # output files that changed
    staged: tuple[str, ...] = ()  # of those, the ones added to the commit


def run_hook(ws: Workspace, kind: HookType, *, stage: bool, warn: Warn) -> HookResult:
    """Catch up with the committed history; then, in a pre-commit hook with a post staged,
    write the `[outputs]` files as they will be with the commit, and stage the changed
    ones when `stage`. A post-commit hook writes them as the branch now is."""
    from streakline import gitindex

    tracked, lands = tracked_workspace(ws)
    if tracked is None:
        return HookResult()
    # The staged diff is started before the catch-up: git works while the store opens.
    made = being_made(tracked) if kind == "pre-commit" and lands else None
    try:
        service.scan(tracked, warn=warn)
        if not lands:
            return HookResult()
        if made is None:
            # Files written in the middle of a rebase would be in the way of its next step.
            if tracked.repo.current_branch() != tracked.branch:
                return HookResult()
            return HookResult(tuple(write_site_files(tracked, None)))
        data = with_commit_being_made(tracked, warn, made)
    finally:
        if made is not None:
            made.close()
    if data is None:
        return HookResult()
    written = write_site_files(tracked, data)
    staged = gitindex.stage(tracked.repo, written, gitindex.hook_index()) if stage else []
    return HookResult(tuple(written), tuple(staged))


def being_made(ws: Workspace) -> CommitBeingMade:
    """The commit a pre-commit hook runs for: on HEAD, or on HEAD's parent when it amends."""
    from streakline import gitindex

    repo = ws.repo
    # The hook runs only when the commit lands on the tracked branch: HEAD is its tip,
    # unless a rebase has HEAD elsewhere.
    head = ws.tip if repo.current_branch() == ws.branch else repo.tip("HEAD")
    base = gitindex.parent_of(repo, head) if head and gitindex.amending() else head
    return gitindex.CommitBeingMade(repo, base, gitindex.hook_index())


def with_commit_being_made(
    ws: Workspace, warn: Warn = lambda _m: None, made: CommitBeingMade | None = None
) -> Loaded | None:
    """The branch's posts and events once the commit being made lands; None when it
    stages no post."""
    made = made or being_made(ws)
    try:
        changes = made.changes()
        if not touches_posts(ws, changes):
            return None
        commit = made.commit(changes, mailmap=bool(ws.repo.mailmap()))
    finally:
        made.close()
    return load_with_pending(ws, made.base, commit, _staged_warnings(warn))


def tracked_workspace(ws: Workspace) -> tuple[Workspace | None, bool]:
    """The branch a hook keeps up to date, and whether the commit being made lands on it.

    That is the configured branch, else the one HEAD is on; during a rebase HEAD is
    detached, and the branch being rewritten is meant. A commit on a detached HEAD that no
    rebase will move onto a branch is nobody's: nothing to do (None).
    """
    from streakline.gitindex import rebase_branch

    head = ws.repo.current_branch()
    rebasing = rebase_branch(ws.repo) if head == "HEAD" else None
    lands_on = rebasing or head
    if ws.branch == "HEAD":
        if rebasing is None:
            return None, False
        ws = replace(ws, branch=rebasing, tip=ws.repo.tip(rebasing))
    return ws, ws.branch.removeprefix("refs/heads/") == lands_on


def touches_posts(ws: Workspace, changes: tuple[Change, ...]) -> bool:
    is_post = ws.settings.is_post_path
    return any(is_post(ch.path) or is_post(ch.old_path) for ch in changes)


def load_with_pending(
    ws: Workspace, base: str | None, commit: Commit, warn: Warn = lambda _m: None
) -> Loaded:
    """The branch's posts and events as they will be once `commit` lands on `base`.

    The stored rows are at the branch tip. When `base` is elsewhere (an amend replaces the
    tip; a rebase builds on another commit), they are first undone or scanned on to it, in
    the same transaction, which is rolled back: nothing of it is ever stored.
    """
    from streakline.gitlog import PendingLog
    from streakline.lineage import LineageBuilder
    from streakline.scanner import run_scan

    target = base or ""
    settings = ws.settings
    is_post = settings.is_post_path
    moving = target != (ws.tip or "")
    with ws.store.scan(ws.identity, ws.branch, write=moving, keep=False) as rows:
        state = rows.state
        last = state.last_commit if state is not None else ""
        since: str | None = last
        if last != target:
            since = service.catch_up_from(rows, ws, last, target)[0] if last and target else None
        if since is None:
            rows.clear()
        lineages = rows.load_lineages() if since is not None else {}
        loaded = set(lineages)
        builder = LineageBuilder(
            settings.may_become_post,
            is_draft_path=settings.is_draft_path,
            lineages=lineages,
            next_event_id=rows.next_event_id(),
        )
        log = None
        if target and since != target:
            log = ws.repo.start_log(target, since, settings.post_suffixes)
        events, _count = run_scan(ws.repo, settings, builder, PendingLog(log, [commit]), warn)
        # A lineage the commit left alone is a post when its stored row says so.
        changed = builder.touched
        posts = {
            i
            for i, lin in builder.lineages.items()
            if (rows.is_post(i) if i in loaded and i not in changed else is_post(lin.path))
        }
        # The stored events of the posts will do, unless a stored lineage that was no post
        # becomes one here (moved into the posts' folders): then every lineage's are read.
        becomes_post = any(i in loaded and not rows.is_post(i) for i in posts)
        stored = rows.load_events(posts_only=not becomes_post)
    return Loaded(
        [builder.lineages[i] for i in sorted(posts)],
        [e for e in (*stored, *events) if e.lineage_id in posts],
    )


def _staged_warnings(warn: Warn) -> Warn:
    """Warnings name a version by its commit; the staged one has none yet."""
    from streakline.gitindex import PENDING

    return lambda message: warn(message.replace(f" at {PENDING[:10]}:", " (staged):"))


def write_site_files(ws: Workspace, data: Loaded | None, today: date | None = None) -> list[str]:
    """Write the `[outputs]` files as `export` does, from `data` (None: as stored); returns
    the paths that changed, sorted."""
    from streakline.outputs import write_outputs

    day = service.resolve_today(ws.settings, today)
    return write_outputs(ws.repo.root, service.build_outputs(ws, day, data=data))
