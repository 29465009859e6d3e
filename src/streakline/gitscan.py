"""Where streakline starts git: the repository, `git log`, `git cat-file`, each with an
environment of its own."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from streakline.errors import GitError, NotARepoError
from streakline.gitlog import GIT_LOG_ARGS as GIT_LOG_ARGS
from streakline.gitlog import CommitLog as CommitLog
from streakline.gitlog import explain_failure, log_args, post_pathspec

# The variables by which git finds a repository, its objects, index and work tree. Inside a
# git hook they point at the hook's repository and index; every git that streakline starts
# gets an environment without them (`git_env`), and reads the repository it was given (-C)
# as committed. os.environ itself is left alone: the hook's own git commands need them.
REPO_VARS = frozenset(
    {
        "GIT_DIR",
        "GIT_INDEX_FILE",
        "GIT_WORK_TREE",
        "GIT_PREFIX",
        "GIT_COMMON_DIR",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_QUARANTINE_PATH",
        "GIT_NAMESPACE",
        "GIT_CEILING_DIRECTORIES",
        "GIT_DISCOVERY_ACROSS_FILESYSTEM",
    }
)


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """A fresh environment for one git process: the caller's, less `REPO_VARS`, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if key not in REPO_VARS}
    if extra:
        env.update(extra)
    return env


class GitRepo:
    """A writing repo, read through git processes of its own. Use as a context manager.

    GitPython is not used here: its command layer builds every process's environment from
    os.environ and cannot leave a variable out, and its Repo reads GIT_OBJECT_DIRECTORY and
    GIT_WORK_TREE from os.environ, which inside a hook name the hook's repository.
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise NotARepoError(f"{path} does not exist; pass -C path/to/your/blog")
        if not path.is_dir():
            raise NotARepoError(f"{path} is not a folder; pass -C path/to/your/blog")
        proc = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--is-bare-repository", "--absolute-git-dir",
             "--git-common-dir", "--is-shallow-repository", "--show-object-format",
             "--show-toplevel"],
            capture_output=True,
            env=git_env(),
            check=False,
        )  # fmt: skip
        lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
        bare = bool(lines) and lines[0] == "true"
        if len(lines) < 5 or (proc.returncode != 0 and not bare):
            raise _not_a_repo(path, proc.stderr.decode("utf-8", "replace"))
        self.git_dir = Path(lines[1])
        self.common_dir = (path / lines[2]).resolve()
        self.shallow = lines[3] == "true"
        if lines[4] != "sha1":
            raise GitError(
                f"{path.resolve()} is a {lines[4].upper()} repository; streakline reads "
                "SHA-1 repositories only"
            )
        self.root = self.git_dir if bare else Path(lines[5])
        self.unavailable: frozenset[str] = frozenset()
        self._mailmap: bytes | None = None
        self._current: str | None = None
        self._tracked: dict[str, list[str]] = {}
        self._settings: dict[str, str] | None = None
        self._listing: dict[str, tuple[subprocess.Popen[bytes], IO[bytes]]] = {}

    def __enter__(self) -> GitRepo:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Nothing stays open between calls: each git process is waited for by its caller,
        and a listing started but never collected is ended here."""
        for proc, out in self._listing.values():
            proc.kill()
            proc.communicate()
            out.close()
        self._listing.clear()

    def _call(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, env=git_env(), check=False
        )

    def _run(self, *args: str) -> str:
        proc = self._call(*args)
        if proc.returncode != 0:
            stderr = proc.stderr.decode("utf-8", "replace")
            raise GitError(explain_failure(args[0], stderr, f"exit {proc.returncode}"))
        return proc.stdout.decode("utf-8", "surrogateescape")

    def check_not_shallow(self) -> None:
        if self.shallow:
            raise GitError(
                f"{self.root} is a shallow clone: dates at its boundary would be wrong; "
                "run `git fetch --unshallow` first"
            )

    def current_branch(self) -> str:
        """The branch HEAD is on, or HEAD when it is detached (asked once)."""
        if self._current is None:
            ref = self._head_ref()
            self._current = ref.removeprefix("refs/heads/") if ref else "HEAD"
        return self._current

    def _head_ref(self) -> str:
        """The ref HEAD names, "" when it is detached; read from the file if git cannot.

        `git symbolic-ref` fails when the branch HEAD names holds garbage: the branch is
        still the one to report as damaged, not a detached HEAD.
        """
        proc = self._call("symbolic-ref", "-q", "HEAD")
        if proc.returncode == 0:
            return proc.stdout.decode("utf-8", "surrogateescape").strip()
        try:
            head = (self.git_dir / "HEAD").read_bytes().decode("utf-8", "surrogateescape")
        except OSError:
            return ""
        return head.removeprefix("ref:").strip() if head.startswith("ref:") else ""

    def tip(self, branch: str) -> str | None:
        """The commit at the tip of `branch`, or None for a branch with no commits yet."""
        proc = self._call("rev-parse", "-q", "--verify", "--end-of-options", f"{branch}^{{commit}}")
        if proc.returncode == 0:
            return proc.stdout.decode().strip()
        self._check_unborn(branch)
        return None

    def _check_unborn(self, branch: str) -> None:
        """Returns for an unborn branch; every other reason is an error, never an empty one."""
        named = self._call("rev-parse", "-q", "--verify", "--end-of-options", branch)
        if named.returncode == 0:
            sha = named.stdout.decode().strip()
            kind = self._call("cat-file", "-t", sha)
            if kind.returncode != 0:
                raise GitError(
                    f"{branch!r} points at {sha[:10]}, which is missing from the repository; "
                    "run `git fsck` to see what is damaged"
                )
            raise GitError(
                f"{branch!r} names a {kind.stdout.decode().strip()}, not a commit; set "
                "`branch` in .streakline.toml to a branch"
            )
        current = self._head_ref()
        ref = branch if branch.startswith("refs/") else f"refs/heads/{branch}"
        if branch == "HEAD":
            ref = current
        exists = self._call("show-ref", "--verify", "-q", ref).returncode == 0 if ref else False
        if ref and not exists and any((d / ref).exists() for d in (self.git_dir, self.common_dir)):
            raise GitError(
                f"the branch {branch!r} in {self.root} cannot be read (its ref is damaged); "
                "run `git fsck` to see what is wrong"
            )
        if branch in ("HEAD", current.removeprefix("refs/heads/")) and not exists:
            return  # an unborn branch: a repo with no commits yet
        raise GitError(f"branch {branch!r} does not exist in {self.root}")

    def is_ancestor(self, old: str, new: str) -> bool:
        return self._call("merge-base", "--is-ancestor", old, new).returncode == 0

    def on_first_parent_line(self, old: str, new: str) -> bool:
        """Whether `old` is on `new`'s first-parent line, which is all a scan reads.

        An ancestor that came in through a merge's second parent is not: a branch that was
        fast-forwarded to such a merge diffs it against its first parent, which already
        holds everything `old` brought. The oldest commit after `old` on the line then has
        another first parent (as it has when `old` is not an ancestor of `new` at all).
        """
        if old == new:
            return True
        proc = self._call("rev-list", "--first-parent", "--parents", "--reverse", f"{old}..{new}")
        first = proc.stdout.decode().split("\n", 1)[0].split()
        return proc.returncode == 0 and len(first) > 1 and first[1] == old

    def first_parent_line(self, tip: str, stop: str) -> tuple[set[str], bool]:
        """The commits on `tip`'s first-parent line that `stop` cannot reach, and whether
        `stop` itself is on that line (the oldest of them has it as first parent)."""
        proc = self._call("rev-list", "--first-parent", "--parents", tip, f"^{stop}", "--")
        if proc.returncode != 0:
            return set(), False
        lines = proc.stdout.decode().split("\n")
        listed = [line.split() for line in lines if line]
        if not listed:
            return set(), tip == stop
        oldest = listed[-1]
        return {fields[0] for fields in listed}, len(oldest) > 1 and oldest[1] == stop

    def _setting(self, key: str) -> str | None:
        """The last value of `key`, one of `_SETTINGS`; None when unset. Git is asked once
        for all of them: the pre-commit hook reads three, and each git process counts."""
        if self._settings is None:
            proc = self._call("config", "-z", "--get-regexp", _SETTINGS)
            found: dict[str, str] = {}
            for entry in proc.stdout.decode("utf-8", "surrogateescape").split("\0"):
                if entry:
                    name, _, value = entry.partition("\n")
                    found[name] = value
            self._settings = found
        return self._settings.get(key)

    def _config(self, *args: str) -> list[str]:
        proc = self._call("config", *args)
        return proc.stdout.decode("utf-8", "surrogateescape").splitlines()

    def is_partial_clone(self) -> bool:
        """Cloned with `--filter`: git fetches each missing object it is asked for."""
        if self._config("--get", "extensions.partialclone"):
            return True
        promisors = self._config("--bool", "--get-regexp", r"^remote\..*\.promisor$")
        return any(line.endswith(" true") for line in promisors)

    def prefetch_posts(self, tip: str, since: str | None, suffixes: Iterable[str] | None) -> int:
        """In a partial clone, fetch the post versions a scan will read in one request.

        Left to cat-file, each missing blob would be one fetch of its own. Returns how many
        were asked for; a fetch that fails (the remote is gone) leaves them to cat-file,
        which then reports them as missing. Images and other files are never asked for.
        """
        rev = f"{since}..{tip}" if since else tip
        raw = self._run(
            "log", "--first-parent", "--diff-merges=first-parent", "--no-renames", "--raw",
            "--no-abbrev", "-z", "--format=", rev, "--", *post_pathspec(suffixes),
        )  # fmt: skip
        needed = {
            sha
            for field in raw.split("\0")
            if field.startswith(":")
            for sha in field.split(" ")[2:4]
            if sha.strip("0")
        }
        present = self._run(
            "cat-file", "--batch-all-objects", "--batch-check=%(objectname)", "--unordered"
        ).split()
        missing = sorted(needed.difference(present))
        self.unavailable = frozenset()
        if missing:
            subprocess.run(
                ["git", "-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags",
                 "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none",
                 "--stdin", self._promisor()],
                cwd=self.root, input="\n".join(missing).encode(), capture_output=True,
                env=git_env(), check=False,
            )  # fmt: skip
            # What the fetch could not bring (the remote is gone) is never asked of cat-file,
            # which would try to fetch it again and die: those versions are reported missing.
            present = self._run(
                "cat-file", "--batch-all-objects", "--batch-check=%(objectname)", "--unordered"
            ).split()
            self.unavailable = frozenset(missing).difference(present)
        return len(missing)

    def _promisor(self) -> str:
        found = self._config("--get", "extensions.partialclone")
        return found[0] if found else "origin"

    def log_pathspec(self, suffixes: Iterable[str] | None) -> tuple[str, ...]:
        return post_pathspec(suffixes) if self.is_partial_clone() else ()

    def log_args(self, rev: str, suffixes: Iterable[str] | None) -> list[str]:
        """The arguments `start_log` gives `git log` for `rev` (see `post_pathspec`)."""
        return log_args(rev, self.log_pathspec(suffixes))

    def count_commits(
        self, tip: str, since: str | None, suffixes: Iterable[str] | None = None
    ) -> int:
        """The commits `start_log` lists for the same arguments (for a progress bar)."""
        rev = f"{since}..{tip}" if since else tip
        args = ["rev-list", "--first-parent", "--full-history", "--count", rev, "--"]
        return int(self._run(*args, *self.log_pathspec(suffixes)).strip() or 0)

    def path_of(self, sha: str, rev: str) -> str:
        """A path that blob `sha` had in the first-parent diffs of `rev`, or "" (no blob read)."""
        out = self._run(
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--no-renames",
            "--raw",
            "-z",
            "--no-abbrev",
            "--format=",
            "-n1",
            f"--find-object={sha}",
            rev,
        )
        fields = out.lstrip("\n").split("\0")
        for head, path in zip(fields[::2], fields[1::2], strict=False):
            if sha in head.split(" ")[2:4]:
                return path
        return ""

    def root_commit(self, tip: str) -> str:
        """The first commit of `tip`'s first-parent line (a walk of the whole history)."""
        out = self._run("rev-list", "--first-parent", "--max-parents=0", tip).split()
        return out[-1] if out else ""

    def location(self) -> tuple[str, str]:
        """Where the repo lives for people: its `origin` URL, else its path; and a short name."""
        url = self._setting("remote.origin.url") or ""
        if url:
            name = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")
            return url, name or self.root.name
        return str(self.common_dir.resolve()), self.root.name

    def mailmap(self) -> bytes:
        """Everything git reads to map author names: `.mailmap`, `mailmap.blob`, `mailmap.file`.

        A setting that is unset or names nothing adds nothing: with neither set, these are
        the work tree's `.mailmap` alone. Each source is read up to `_MAILMAP_MAX` bytes.
        Read once.
        """
        if self._mailmap is None:
            self._mailmap = self._read_mailmap()
        return self._mailmap

    def _read_mailmap(self) -> bytes:
        bare = self.root == self.git_dir
        # As git does: a bare repo has no work tree, and reads `HEAD:.mailmap` by default.
        parts = [b"" if bare else _read_bounded(self.root / ".mailmap")]
        blob = self._setting("mailmap.blob")
        if blob is None and bare:
            blob = "HEAD:.mailmap"
        if blob:
            proc = self._call("cat-file", "blob", blob)
            if proc.returncode == 0 and proc.stdout:
                parts.append(b"\0mailmap.blob\0" + proc.stdout[:_MAILMAP_MAX])
        file = self._setting("mailmap.file")
        if file:
            # As `git config --path` reads it: `~/` and `~user/` are home folders.
            data = _read_bounded(self.root / os.path.expanduser(file))
            if data:
                parts.append(b"\0mailmap.file\0" + data)
        return b"".join(parts)

    def tracked_files(self, rev: str) -> list[str]:
        """The files of commit `rev` (asked once per commit: detection and export both do)."""
        if rev not in self._tracked:
            listing = self._listing.pop(rev, None)
            if listing is None:
                text = self._run("ls-tree", "-r", "-z", "--name-only", rev)
            else:
                proc, out = listing
                with out:
                    _, err = proc.communicate()
                    if proc.returncode != 0:
                        stderr = err.decode("utf-8", "replace")
                        code = f"exit {proc.returncode}"
                        raise GitError(explain_failure("ls-tree", stderr, code))
                    out.seek(0)
                    text = out.read().decode("utf-8", "surrogateescape")
            self._tracked[rev] = [p for p in text.split("\0") if p]
        return list(self._tracked[rev])

    def start_tracked_files(self, rev: str) -> None:
        """Start git listing the files of `rev`; `tracked_files(rev)` collects them.

        The list goes to a temporary file, not a pipe: git finishes on the other core while
        Python does something else, instead of waiting for a full pipe to be read.
        """
        if rev in self._tracked or rev in self._listing:
            return
        try:
            out = tempfile.TemporaryFile()  # noqa: SIM115 - closed when collected, or by close()
        except OSError:
            return  # no writable temporary folder: `tracked_files` asks git itself
        proc = subprocess.Popen(
            ["git", "ls-tree", "-r", "-z", "--name-only", rev],
            cwd=self.root,
            env=git_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.PIPE,
        )
        self._listing[rev] = (proc, out)

    def start_log(
        self, tip: str, since: str | None, suffixes: Iterable[str] | None = None
    ) -> CommitLog:
        """Start `git log` for the commits after `since` up to `tip`; read it by iterating.

        `suffixes` limits it to files with those endings (`post_pathspec`).
        """

        pathspec = self.log_pathspec(suffixes)

        def launch(since: str | None, env: dict[str, str] | None) -> subprocess.Popen[bytes]:
            rev = f"{since}..{tip}" if since else tip
            return subprocess.Popen(
                ["git", "log", *log_args(rev, pathspec)],
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=git_env(env),
            )

        def locate(sha: str, since: str | None) -> str:
            return self.path_of(sha, f"{since}..{tip}" if since else tip)

        return CommitLog(launch, since, locate)

    def blob_command(self) -> tuple[list[str], str, dict[str, str], frozenset[str]]:
        """`git cat-file --batch` for this repository: its command, folder and environment,
        and the blobs not to ask it for (`prefetch_posts` could not fetch them)."""
        command = ["git", "cat-file", "--batch", "--buffer"]
        return command, str(self.root), git_env(), self.unavailable


# A post this large is no post a writer typed: it is read by its first megabyte, so memory
# stays bounded whatever a repository holds (front matter and a word count from that part).
HUGE_BLOB = 10 << 20
HUGE_HEAD = 1 << 20


class BlobReader:
    """One `git cat-file --batch`: requests are written ahead, answers read in the same order."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdin is not None and proc.stdout is not None
        self._proc = proc
        self.size = 0  # of the last blob read, whole
        self._in: IO[bytes] = proc.stdin
        # A large read buffer: each refill is a system call and a wake-up of this thread.
        self._out: IO[bytes] = open(  # noqa: SIM115 - closed with the process
            proc.stdout.fileno(), "rb", buffering=1 << 20, closefd=False
        )

    def request(self, sha: str) -> None:
        self._in.write(sha.encode() + b"\n")

    def flush(self) -> None:
        try:
            self._in.flush()
        except BrokenPipeError:
            raise GitError("git cat-file stopped reading") from None

    def read(self) -> bytes | None:
        """The next answer: the blob's bytes, or None when git does not have the object.

        A blob above `HUGE_BLOB` bytes is read up to the last line break in its first
        `HUGE_HEAD` bytes, the rest is skipped as it streams: `size` then says how long the
        whole blob is.
        """
        header = self._out.readline()
        if not header:
            raise GitError("git cat-file stopped answering")
        parts = header.split()
        if len(parts) < 3 or parts[1] == b"missing":
            return None
        size = self.size = int(parts[2])
        if size <= HUGE_BLOB:
            data = self._out.read(size + 1)
            return data[:size]
        head = self._out.read(HUGE_HEAD)
        left = size + 1 - len(head)
        while left > 0:
            skipped = len(self._out.read(min(left, 1 << 20)))
            if not skipped:
                raise GitError("git cat-file stopped answering")
            left -= skipped
        cut = head.rfind(b"\n") + 1
        return head[:cut] if cut else head

    def finish_requests(self) -> None:
        with contextlib.suppress(OSError):
            self._in.close()

    def close(self) -> None:
        """Never raises: the reader's own failure, if any, is the error worth showing."""
        self.finish_requests()
        self._out.close()
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()


_MAILMAP_MAX = 16 << 20
# The settings streakline reads from git config (`GitRepo._setting`), as one pattern.
_SETTINGS = r"^(remote\.origin\.url|mailmap\.blob|mailmap\.file)$"


def _read_bounded(path: Path) -> bytes:
    """A regular file's first `_MAILMAP_MAX` bytes; nothing for a missing or special file."""
    try:
        if not path.is_file():
            return b""
        with path.open("rb") as f:
            return f.read(_MAILMAP_MAX)
    except OSError:
        return b""


def _not_a_repo(path: Path, stderr: str) -> GitError:
    """What `git rev-parse` refusing a folder means, for the writer."""
    if "dubious ownership" in stderr:
        return GitError(
            f"git refuses to read {path.resolve()}: it belongs to another user; if you trust it, "
            f"run `git config --global --add safe.directory {path.resolve()}`"
        )
    if "not a git repository" in stderr or not stderr.strip():
        return NotARepoError(
            f"{path.resolve()} is not inside a git repository; pass -C path/to/your/blog"
        )
    return GitError(explain_failure("rev-parse", stderr))
