"""One scan pass over three threads and a second process, so git and Python work at once.

This thread parses `git log` as it streams and never waits for the others, so git computes
its diffs at its own pace; a writer thread passes blob requests to a worker process
(`blobparse`), which reads them with `git cat-file --batch` and parses front matter; a
reader thread takes the parsed versions in the same order and builds lineages.
"""

from __future__ import annotations

import functools
import queue
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from streakline.blobparse import Answer, BlobParser, Parsed, Request
from streakline.changes import Commit
from streakline.config import Settings
from streakline.errors import GitError
from streakline.gitlog import PendingLog
from streakline.gitscan import CommitLog, GitRepo
from streakline.lineage import Event, LineageBuilder, Version
from streakline.scanwarnings import Flawed, Tip, compute_warnings

Warn = Callable[[str], None]
Progress = Callable[[int], None]

_DONE = None
LINK_PROBLEM = "is a symbolic link, not a file; skipped"


@dataclass(frozen=True)
class _Work:
    commit: Commit
    # (change index, read an old blob first?) for each blob requested, in request order
    reads: tuple[tuple[int, bool], ...]
    is_bot: bool
    # changes that leave a symlink or a submodule at a post's path: nothing to read there
    links: tuple[int, ...] = ()


def bot_matcher(patterns: tuple[str, ...]) -> Callable[[str, str], bool]:
    """`*` is the only wildcard: `*[bot]` names a literal suffix, not a character class."""
    if not patterns:
        return lambda _n, _e: False
    regex = re.compile("|".join(re.escape(p).replace(r"\*", ".*") for p in patterns), re.IGNORECASE)
    return lambda name, email: bool(regex.fullmatch(name) or regex.fullmatch(email))


def run_scan(
    repo: GitRepo,
    settings: Settings,
    builder: LineageBuilder,
    log: CommitLog | PendingLog,
    warn: Warn,
    progress: Progress | None = None,
) -> tuple[list[Event], int]:
    """Applies the commits of `log` to `builder`; returns their events and their count."""
    is_bot = bot_matcher(settings.bots)
    # Most changes edit a path seen before.
    may_become_post = functools.lru_cache(maxsize=1 << 16)(settings.may_become_post)
    # Unbounded: commits are small, and this thread must never wait for the others.
    work: queue.Queue[_Work | None] = queue.Queue()
    events: list[Event] = []
    failure: list[BaseException] = []
    missing: set[str] = set()  # objects warned about, by the reader thread
    flawed: list[Flawed] = []  # versions with problems, by the reader thread
    # Files that are no post at all (a symlink, an LFS pointer, a binary), by the reader
    # thread: path -> (commit, problem) of the latest version, so only the tip is named.
    not_posts: dict[str, tuple[str, str]] = {}

    def warn_post(path: str, message: str) -> None:
        # Files read only because they might become posts (Hugo's archetypes, say) stay quiet.
        if settings.is_post_path(path):
            warn(message)

    blobs = BlobParser(*repo.blob_command())
    requests: queue.Queue[list[Request] | None] = queue.Queue()
    consumer = threading.Thread(
        target=_consume,
        args=(
            work,
            blobs,
            builder,
            events,
            warn_post,
            progress,
            failure,
            missing,
            flawed,
            not_posts,
        ),
        name="streakline-blobs",
        daemon=True,
    )
    writer = threading.Thread(
        target=_write_requests, args=(requests, blobs), name="streakline-requests", daemon=True
    )
    consumer.start()
    writer.start()
    count = 0
    # The blob each path's lineage was last read at in this scan: the other thread holds its
    # body, so the old side of the next change need not be read again.
    last_read: dict[str, str] = {}
    try:
        for commit in log:
            if failure:
                break
            count += 1
            reads: list[tuple[int, bool]] = []
            links: list[int] = []
            shas: list[Request] = []
            for i, ch in enumerate(commit.changes):
                previous = last_read.pop(ch.old_path, None)
                if ch.status == "D" or not may_become_post(ch.path):
                    continue
                if ch.new_blob is None:  # git log names no blob for a symlink or a submodule
                    links.append(i)
                    continue
                if ch.status == "R" and ch.old_blob == ch.new_blob == previous:
                    # A pure move of content read in this scan: the other thread has it.
                    last_read[ch.path] = ch.new_blob
                    continue
                if ch.status in "MR" and ch.old_blob and ch.old_blob != previous:
                    # This lineage's last body is not in memory (an incremental scan).
                    reads.append((i, True))
                    shas.append((ch.old_blob, ch.old_path, True))
                reads.append((i, False))
                shas.append((ch.new_blob, ch.path, False))
                last_read[ch.path] = ch.new_blob
            # The reader learns of a commit before its blobs are asked for, so it is never
            # short of the work item whose answers cat-file is writing.
            bot = is_bot(commit.author_name, commit.author_email)
            work.put(_Work(commit, tuple(reads), bot, tuple(links)))
            if shas:
                requests.put(shas)
    finally:
        work.put(_DONE)
        requests.put(None)
        writer.join()
        consumer.join()
        blobs.close()
        log.close()
    if failure:
        raise failure[0]
    for path, (sha, problem) in sorted(not_posts.items()):
        warn_post(path, f"{path} at {sha[:10]}: {problem}")
    if flawed:
        tips = {
            lin.id: Tip(lin.path, None if lin.deleted else lin.blob)
            for lin in builder.lineages.values()
        }
        for line in compute_warnings(flawed, tips, settings.is_post_path):
            warn(line)
    for sha, problem in log.odd_dates:
        warn(f"commit {sha[:10]} has {problem}; it is dated as the commit before it")
    for sha, path in log.missing.items():
        # Needed by git's rename detection but never read as a post version here.
        if sha not in missing and (not path or settings.is_post_path(path)):
            where = f" ({path})" if path else ""
            warn(
                f"object {sha}{where} is missing from the repository (a partial clone or a "
                "damaged copy); renames of it are not detected"
            )
    return events, count


def _write_requests(requests: queue.Queue[list[Request] | None], blobs: BlobParser) -> None:
    try:
        done = False
        while not done and (first := requests.get()) is not None:
            # Whatever queued up meanwhile goes in the same message.
            batch = list(first)
            while True:
                try:
                    more = requests.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    done = True
                    break
                batch.extend(more)
            blobs.request(batch, flush=True)
    except (OSError, GitError):
        pass  # the worker is gone: the reader reports why
    finally:
        blobs.finish_requests()


def _consume(
    work: queue.Queue[_Work | None],
    blobs: BlobParser,
    builder: LineageBuilder,
    events: list[Event],
    warn: Callable[[str, str], None],
    progress: Progress | None,
    failure: list[BaseException],
    missing: set[str],
    flawed: list[Flawed],
    not_posts: dict[str, tuple[str, str]],
) -> None:
    found: dict[int, tuple[str, ...]] = {}
    done = 0
    answers = blobs.answers()
    try:
        while (item := work.get()) is not _DONE:
            commit = item.commit
            versions: dict[int, Version] = {}
            old_lines: dict[int, tuple[str, ...]] = {}
            for ch in commit.changes:
                not_posts.pop(ch.old_path, None)
                not_posts.pop(ch.path, None)
            for index in item.links:
                versions[index] = Version(None, skipped=True)
                found[index] = (LINK_PROBLEM,)
            for index, is_old in item.reads:
                ch = commit.changes[index]
                sha = ch.old_blob if is_old else ch.new_blob
                answer: Answer = next(answers)
                if answer is None:
                    if sha and sha not in missing:
                        missing.add(sha)
                        warn(
                            ch.path,
                            f"object {sha} ({ch.path}) is missing from the repository (a "
                            "partial clone or a damaged copy); the post keeps what could be read",
                        )
                    continue
                if is_old:
                    old_lines[index] = cast(tuple[str, ...], answer)
                    continue
                fields, problems = cast(Parsed, answer)
                if problems:
                    found[index] = tuple(problems)
                versions[index] = Version(fields, old_lines.get(index), skipped=fields is None)
            for index, lines in old_lines.items():
                if index not in versions:
                    versions[index] = Version(None, lines)
            events.extend(builder.apply(commit, versions, item.is_bot))
            for index, flaws in found.items():
                ch = commit.changes[index]
                lin = builder.by_path.get(ch.path)
                if lin is not None and ch.new_blob is not None:
                    flawed.append(Flawed(lin.id, commit.sha, ch.new_blob, flaws))
                else:  # not read as a post at all: named if it is still there at the tip
                    not_posts[ch.path] = (commit.sha, flaws[0])
            found.clear()
            done += 1
            if progress is not None and done % 256 == 0:
                progress(done)
    except BaseException as exc:
        failure.append(exc)
        # Unblock the producer: its writes to cat-file fail, and its queue never fills.
        blobs.kill()
        while work.get() is not _DONE:
            pass
