"""Reading and parsing post versions in a second process, so both cores work on Python's share.

The scan's Python work splits in two: parsing `git log` and building lineages must happen
in history order in one place; reading blobs and `parse_post` are pure and need nothing but
the blob and its path. A forked process runs `git cat-file --batch` and parses each answer;
the scan sends it requests and receives parsed versions, in request order, through two
pipes. The blobs themselves never cross over.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import subprocess
import threading
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TypeAlias

from streakline.errors import GitError
from streakline.frontmatter import PostFields, parse_post
from streakline.gitscan import HUGE_BLOB, HUGE_HEAD, BlobReader

# What the worker answers for one request, in request order: None when git lacks the
# object; for an old version its body lines; for a new one what `parse_post` returns.
Request: TypeAlias = tuple[str, str, bool]  # (blob, path, read as an old version?)
Parsed: TypeAlias = tuple[PostFields | None, tuple[str, ...]]
Answer: TypeAlias = tuple[str, ...] | Parsed | None

# A file Git LFS keeps outside git: the blob is a few lines naming it, not the post.
LFS_POINTER = b"version https://git-lfs.github.com/spec/"
LFS_PROBLEM = "is a Git LFS pointer, not the post; skipped"
HUGE_PROBLEM = f"is larger than {HUGE_BLOB >> 20} MB; only its first {HUGE_HEAD >> 20} MB was read"

_BATCH = 64  # answers per message, when more are ready
_AHEAD = 64  # messages the worker may have ready before the scan takes them


@dataclass(frozen=True)
class _Failed:
    message: str
    user_error: bool  # a GitError (message for the user) rather than a bug (a traceback)


class BlobParser:
    """The parent's end: send requests from one thread, take answers in another."""

    def __init__(
        self, command: list[str], cwd: str, env: dict[str, str], unavailable: frozenset[str]
    ) -> None:
        req_read, req_write = os.pipe()
        res_read, res_write = os.pipe()
        self._pid = 0
        self._thread: threading.Thread | None = None
        if hasattr(os, "fork"):
            # The child runs only this module's code on its own objects: no lock another
            # thread of the scan may hold at this moment (git log's reader) is touched.
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child; its work is checked through the parent
                os.close(req_write)
                os.close(res_read)
                code = 0
                try:
                    _serve(command, cwd, env, unavailable, req_read, res_write)
                except BaseException:
                    code = 1
                finally:
                    os._exit(code)
            self._pid = pid
            os.close(req_read)
            os.close(res_write)
        else:
            self._thread = threading.Thread(
                target=_serve,
                args=(command, cwd, env, unavailable, req_read, res_write),
                daemon=True,
            )
            self._thread.start()
        self._requests: IO[bytes] = open(req_write, "wb", buffering=1 << 16)  # noqa: SIM115
        self._answers: IO[bytes] = open(res_read, "rb", buffering=1 << 20)  # noqa: SIM115

    def request(self, requests: list[Request], flush: bool) -> None:
        try:
            pickle.dump(requests, self._requests, protocol=pickle.HIGHEST_PROTOCOL)
            if flush:
                self._requests.flush()
        except (BrokenPipeError, ValueError):
            raise GitError("git cat-file stopped reading") from None

    def finish_requests(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._requests.close()

    def answers(self) -> Iterator[Answer]:
        while True:
            try:
                batch = pickle.load(self._answers)
            except EOFError:
                raise GitError("git cat-file stopped answering") from None
            if isinstance(batch, _Failed):
                if batch.user_error:
                    raise GitError(batch.message)
                raise RuntimeError(f"reading post versions failed:\n{batch.message}")
            yield from batch

    def kill(self) -> None:
        """Stop the worker at once (the scan failed): the sender's next write fails."""
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        else:
            self.finish_requests()

    def close(self) -> None:
        self.finish_requests()
        if self._pid:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = 0
        elif self._thread is not None:
            self._thread.join()
        self._answers.close()


def _serve(
    command: list[str],
    cwd: str,
    env: dict[str, str],
    unavailable: frozenset[str],
    req_fd: int,
    res_fd: int,
) -> None:
    """The worker: requests in, cat-file answers parsed, answers out, until requests end."""
    requests = open(req_fd, "rb", buffering=1 << 16)  # noqa: SIM115
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    blobs = BlobReader(proc)
    # (path, old?, unavailable?) of each request, in order; None after the last one.
    pending: queue.SimpleQueue[tuple[str, bool, bool] | None] = queue.SimpleQueue()
    feeder = threading.Thread(
        target=_feed, args=(requests, blobs, unavailable, pending), daemon=True
    )
    feeder.start()
    # Pickled messages wait here while the scan is busy building lineages, so parsing goes
    # on meanwhile; the bound keeps memory in check when the scan falls far behind.
    frames: queue.Queue[bytes | None] = queue.Queue(maxsize=_AHEAD)
    sender = threading.Thread(target=_send, args=(frames, res_fd), daemon=True)
    sender.start()
    out: list[Answer] = []
    try:
        while (item := pending.get()) is not None:
            path, is_old, skipped = item
            data = None if skipped else blobs.read()
            if data is None:
                out.append(None)
            elif data.startswith(LFS_POINTER):
                out.append(() if is_old else (None, (LFS_PROBLEM,)))
            elif is_old:
                fields, _ = parse_post(data, path)
                out.append(fields.body_lines if fields is not None else ())
            else:
                fields, problems = parse_post(data, path)
                if len(data) < blobs.size:
                    problems = [HUGE_PROBLEM, *problems]
                out.append((fields, tuple(problems)))
            if len(out) >= _BATCH or pending.empty():
                frames.put(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
                out = []
        frames.put(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    except GitError as exc:
        frames.put(pickle.dumps(_Failed(str(exc), user_error=True)))
    except Exception:
        frames.put(pickle.dumps(_Failed(traceback.format_exc(), user_error=False)))
    finally:
        frames.put(None)
        sender.join()
        blobs.close()
        requests.close()


def _send(frames: queue.Queue[bytes | None], fd: int) -> None:
    """Write each message out; once the scan is gone, take the rest and drop them."""
    alive = True
    while (frame := frames.get()) is not None:
        view = memoryview(frame)
        while alive and view:
            try:
                view = view[os.write(fd, view) :]
            except OSError:
                alive = False
    with contextlib.suppress(OSError):
        os.close(fd)


def _feed(
    requests: IO[bytes],
    blobs: BlobReader,
    unavailable: frozenset[str],
    pending: queue.SimpleQueue[tuple[str, bool, bool] | None],
) -> None:
    """Pass requests on to cat-file; each message is flushed, so every answer comes."""
    try:
        while True:
            try:
                batch: list[Request] = pickle.load(requests)
            except EOFError:
                break
            for sha, path, is_old in batch:
                # Queued before it is asked for: the reader never waits on an unknown answer.
                skipped = sha in unavailable
                pending.put((path, is_old, skipped))
                if not skipped:
                    blobs.request(sha)
            blobs.flush()
    except (OSError, GitError):
        pass  # cat-file is gone: the reader reports why
    finally:
        pending.put(None)
        # End of input makes cat-file (run with --buffer) write out what it holds.
        blobs.finish_requests()
