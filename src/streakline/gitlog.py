"""`git log` as the scan reads it: the command, a streaming parser, and going on past blobs
that git cannot read. The process itself is started by `gitscan.GitRepo.start_log`.
"""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO

from streakline.changes import Change, ChangeKind, Commit
from streakline.errors import GitError

COMMIT_MARK = "\x01"
LOG_FORMAT = f"--format=%x00{COMMIT_MARK}%H%x00%P%x00%ct%x00%cI%x00%aN%x00%aE%x00"
GIT_LOG_ARGS = (
    "--root",  # whatever log.showRoot says: the first commit's posts are posts too
    "--no-show-signature",
    "--first-parent",
    # With a pathspec git would otherwise simplify history: every first-parent commit whose
    # diff touches a post is listed, whatever its other parents hold.
    "--full-history",
    "--diff-merges=first-parent",
    "-M",
    "-l0",
    "--raw",
    "--no-abbrev",
    "--no-color",
    # Names and emails in UTF-8, whatever i18n.logOutputEncoding says (UTF-16 would break
    # the parser) and whatever encoding a commit declares.
    "--encoding=UTF-8",
    "-z",
    "--reverse",
    LOG_FORMAT,
)
# `fatal: unable to read <sha>`: a blob git needed for rename detection is not there.
_UNREADABLE = re.compile(r"unable to read ([0-9a-f]{40}(?:[0-9a-f]{24})?)$")
_MISSING_HINTS = ("unable to read", "bad object", "missing", "could not fetch", "promisor")


def post_pathspec(suffixes: Iterable[str] | None) -> tuple[str, ...]:
    """Git pathspecs for the files a scan reads; none when any file name could be a post.

    Rename detection then compares only such files, so git never reads an image or a video.
    They cost git a pattern match per entry of every tree it compares (a full scan's
    `git log` takes two to four times as long), so they are used only where reading a blob
    costs more: in a partial clone, where each one is a download.
    """
    if suffixes is None:
        return ()
    return tuple(f":(icase)*{suffix}" for suffix in sorted(suffixes))


def log_args(rev: str, pathspec: Iterable[str] = ()) -> list[str]:
    """Everything after `git log` in the scan's own command (the benchmark's floor runs it)."""
    return [*GIT_LOG_ARGS, rev, "--", *pathspec]


def explain_failure(command: str, stderr: str, fallback: str = "") -> str:
    """One line for the user: what git said, and what to do about it."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    said = lines[-1].removeprefix("fatal: ") if lines else fallback
    if any(hint in stderr for hint in _MISSING_HINTS):
        return (
            f"git {command} failed: {said}: objects are missing from the repository; "
            "run `git fsck` to see which (in a partial clone, check that its remote is reachable)"
        )
    return f"git {command} failed: {said}"


class CommitLog:
    """A running `git log`: first-parent commits, oldest first, parsed while it streams.

    A blob that git needs for rename detection but cannot read stops `git log` (a damaged
    copy, or a partial clone whose remote is out of reach). The log then goes on after the
    last commit it handed out, with an empty stand-in for that blob: its renames go
    undetected, everything else is read as usual. `missing` lists such blobs with a path
    they had ("" if none was found).
    """

    def __init__(
        self,
        launch: Callable[[str | None, dict[str, str] | None], subprocess.Popen[bytes]],
        since: str | None,
        locate: Callable[[str, str | None], str] = lambda _sha, _since: "",
    ) -> None:
        self._launch = launch
        self._since = since
        self._locate = locate
        self.missing: dict[str, str] = {}
        # (commit, what was wrong) for each commit dated as the one before it
        self.odd_dates: list[tuple[str, str]] = []
        self._previous: tuple[int, int] = (0, 0)
        self._stand_ins: Path | None = None
        self._start(since)

    def _start(self, since: str | None) -> None:
        env = None
        if self._stand_ins is not None:
            env = {"GIT_ALTERNATE_OBJECT_DIRECTORIES": str(self._stand_ins)}
        self._popen = self._launch(since, env)
        # Read from the start, whether or not anyone iterates yet: a scan starts git before
        # it imports its database layer, and git should not wait on a full pipe meanwhile.
        self._chunks: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._drainer = threading.Thread(
            target=_drain, args=(self._popen.stdout, self._chunks), daemon=True
        )
        self._drainer.start()

    def __iter__(self) -> Iterator[Commit]:
        last = self._since
        while True:
            popen = self._popen
            assert popen.stdout is not None
            # The newest commit is held back until the next one starts (or git exits
            # cleanly): a commit that git died in the middle of is never handed out.
            pending: Commit | None = None
            try:
                for commit in _parse_log(_iter_tokens(iter(self._chunks.get, b""))):
                    commit = self._dated(commit)
                    if pending is not None:
                        yield pending
                        last = pending.sha
                    pending = commit
            except BaseException:
                self.close()
                raise
            err = popen.stderr.read() if popen.stderr else b""
            if popen.wait() == 0:
                if pending is not None:
                    yield pending
                return
            text = err.decode("utf-8", "replace")
            found = _UNREADABLE.search(text.strip())
            if found is None or found[1] in self.missing:
                self.close()
                raise GitError(explain_failure("log", text, f"exit {popen.returncode}"))
            self._close_process()
            self.missing[found[1]] = self._locate(found[1], last)
            self._add_stand_in(found[1])
            self._start(last)

    def _dated(self, commit: Commit) -> Commit:
        """`commit`, or when its date is unusable, a copy dated as the commit before it."""
        problem = date_problem(commit)
        if problem is None:
            self._previous = (commit.time, commit.offset)
            return commit
        if commit.sha not in {sha for sha, _ in self.odd_dates}:
            self.odd_dates.append((commit.sha, problem))
        time, offset = self._previous
        return replace(commit, time=time, offset=offset)

    def _add_stand_in(self, sha: str) -> None:
        """An empty blob filed under `sha` in an extra object folder for this log only.

        Git does not check a loose object's contents against its name when reading it,
        which is what lets the empty stand-in answer for the missing blob.
        """
        if self._stand_ins is None:
            self._stand_ins = Path(tempfile.mkdtemp(prefix="streakline-objects-"))
        target = self._stand_ins / sha[:2] / sha[2:]
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(zlib.compress(b"blob 0\0"))

    def _close_process(self) -> None:
        if self._popen.poll() is None:
            self._popen.kill()
        self._popen.wait()
        self._drainer.join()
        for stream in (self._popen.stdout, self._popen.stderr):
            if stream is not None:
                stream.close()

    def close(self) -> None:
        """Stop git if it is still running (a scan that ended early, or was not needed)."""
        self._close_process()
        if self._stand_ins is not None:
            shutil.rmtree(self._stand_ins, ignore_errors=True)
            self._stand_ins = None


def _drain(stream: IO[bytes] | None, chunks: queue.SimpleQueue[bytes]) -> None:
    """Move what git writes into memory as it comes; an empty chunk marks the end."""
    try:
        if stream is not None:
            read = stream.read1 if hasattr(stream, "read1") else stream.read
            while chunk := read(1 << 20):
                chunks.put(chunk)
    except (OSError, ValueError):
        pass  # closed under us: the scan is being stopped
    finally:
        chunks.put(b"")


def _iter_tokens(chunks: Iterator[bytes]) -> Iterator[str]:
    """NUL-separated fields of `git log -z`, decoded; paths may hold any byte but NUL.

    Bytes that are not UTF-8 (a Latin-1 file name, the author of a commit that declares no
    encoding) become `\\xNN` escapes: the text stays valid UTF-8 for the database and the
    screen, and two paths that differ in such bytes stay two paths.
    """
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        cut = data.rfind(b"\0") + 1
        tail = data[cut:]
        # One decode and one split per chunk, in C, instead of one per field. A field never
        # spans a cut, so the escapes fall where they would in a field decoded alone.
        parts = data[:cut].decode("utf-8", "backslashreplace").split("\0")
        parts.pop()
        yield from parts
    if tail:
        yield tail.decode("utf-8", "backslashreplace")


def _parse_log(tokens: Iterator[str]) -> Iterator[Commit]:
    """The commits of `git log` output; GitError when it is not what streakline asked for."""
    try:
        yield from _parse_fields(tokens)
    except (ValueError, IndexError, RuntimeError) as exc:
        # RuntimeError: a field missing at the end (StopIteration inside a generator).
        raise GitError(f"git log printed output streakline cannot read ({exc})") from None


def _parse_fields(tokens: Iterator[str]) -> Iterator[Commit]:
    head: list[str] | None = None
    changes: list[Change] = []
    nxt = tokens.__next__
    for tok in tokens:
        if not tok:
            continue
        if tok[0] == "\n":
            tok = tok.lstrip("\n")
            if not tok:
                continue
        if tok[0] == COMMIT_MARK:
            if head is not None:
                yield _commit(head, changes)
            head = [tok[1:], nxt(), nxt(), nxt(), nxt(), nxt()]
            changes = []
            continue
        change = _change(tok, nxt)
        if change is not None:
            changes.append(change)
    if head is not None:
        yield _commit(head, changes)


def _change(tok: str, nxt: Callable[[], str]) -> Change | None:
    """A raw diff entry: ":old_mode new_mode old_blob new_blob status", then its path(s)."""
    old_mode, new_mode, old_sha, new_sha, status = tok[1:].split(" ")
    kind = status[0]
    if kind in "RC":
        old_path, path = nxt(), nxt()
        similarity = int(status[1:] or 0)
    else:
        old_path = path = nxt()
        similarity = 100
    old_blob = old_sha if old_mode.startswith("100") and old_sha.strip("0") else None
    new_blob = new_sha if new_mode.startswith("100") and new_sha.strip("0") else None
    if kind == "C":
        kind, old_blob, old_path = "A", None, path
    elif kind == "T":
        kind = "M"
    if kind in "AMDR":
        return Change(ChangeKind(kind), path, old_path, old_blob, new_blob, similarity)
    return None  # "U": an unmerged path, which git commits never hold


def parse_raw_diff(data: bytes) -> tuple[Change, ...]:
    """The changes of `git diff-index --raw -z` output, read as `git log --raw` is."""
    tokens = _iter_tokens(iter((data,)))
    changes = []
    try:
        for tok in tokens:
            change = _change(tok, tokens.__next__) if tok.startswith(":") else None
            if change is not None:
                changes.append(change)
        return tuple(changes)
    except (ValueError, StopIteration) as exc:
        raise GitError(f"git diff-index printed output streakline cannot read ({exc})") from None


class PendingLog:
    """The commits of a running `git log` (if any), then commits not made yet: the commit a
    pre-commit hook runs for is read as the scan reads any other."""

    def __init__(self, log: CommitLog | None, pending: Iterable[Commit]) -> None:
        self._log = log
        self._pending = tuple(pending)

    @property
    def odd_dates(self) -> list[tuple[str, str]]:
        return self._log.odd_dates if self._log is not None else []

    @property
    def missing(self) -> dict[str, str]:
        return self._log.missing if self._log is not None else {}

    def __iter__(self) -> Iterator[Commit]:
        if self._log is not None:
            yield from self._log
        yield from self._pending

    def close(self) -> None:
        if self._log is not None:
            self._log.close()


def _commit(head: list[str], changes: list[Change]) -> Commit:
    sha, _parents, ct, iso, name, email = head
    # An ident git cannot parse comes back as the placeholder itself, or empty.
    if name == "%aN":
        name, email = "", ""
    found = _OFFSET.search(iso)
    offset = 0
    if found is not None:
        offset = int(found[2]) * 60 + int(found[3])
        offset = -offset if found[1] == "-" else offset
    time = int(ct) if ct.isdecimal() and len(ct) <= 20 else -1
    return Commit(sha, time, offset, name, email, tuple(changes))


_OFFSET = re.compile(r"([+-])(\d\d):(\d\d)$")
# Commit times a scan keeps: from 1970 up to this one (3000-01-01 UTC). A commit dated
# outside (a crafted or broken one) is dated as the commit before it, so that no stored
# time ever makes a later command fail on a date Python cannot represent.
MAX_TIME = 32_503_680_000
MAX_OFFSET = 18 * 60  # minutes: the widest time zones are 14 hours from UTC


def date_problem(commit: Commit) -> str | None:
    """What is wrong with a commit's date as `_commit` read it, or None."""
    if commit.time < 0:
        return "an unreadable committer date"
    if commit.time >= MAX_TIME:
        return "a committer date after the year 3000"
    if abs(commit.offset) > MAX_OFFSET:
        return "an impossible time zone offset"
    return None
