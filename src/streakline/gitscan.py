"""Where streakline starts git: the repository through GitPython, `git log`, `git cat-file`."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from streakline.errors import GitError, NotARepoError
from streakline.gitlog import GIT_LOG_ARGS as GIT_LOG_ARGS
from streakline.gitlog import CommitLog as CommitLog
from streakline.gitlog import explain_failure, log_args, post_pathspec

_HOOK_VARS = (
    "GIT_DIR",
    "GIT_INDEX_FILE",
    "GIT_WORK_TREE",
    "GIT_PREFIX",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_QUARANTINE_PATH",
)


class GitRepo:
    """A writing repo opened through GitPython's command layer. Use as a context manager."""

    def __init__(self, path: Path) -> None:
        import git

        self._git_mod = git
        # Inside a git hook these point every git command at the hook's repository, index
        # and work tree; streakline reads the repository it was given (-C) as committed.
        for key in _HOOK_VARS:
            os.environ.pop(key, None)
        try:
            self.repo = git.Repo(path, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise NotARepoError(
                f"{path.resolve()} is not inside a git repository; pass -C path/to/your/blog"
            ) from None
        self.root = Path(self.repo.working_tree_dir or self.repo.git_dir)
        self.common_dir = Path(self.repo.common_dir)

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
        self.repo.close()

    def _run(self, *args: str) -> str:
        try:
            out: str = self.repo.git.execute(["git", *args])
        except self._git_mod.GitCommandError as exc:
            raise GitError(explain_failure(args[0], exc.stderr or "", str(exc))) from None
        return out

    def check_not_shallow(self) -> None:
        if (Path(self.repo.git_dir) / "shallow").exists() or (self.common_dir / "shallow").exists():
            raise GitError(
                f"{self.root} is a shallow clone: dates at its boundary would be wrong; "
                "run `git fetch --unshallow` first"
            )

    def current_branch(self) -> str:
        """The branch HEAD is on, or HEAD when it is detached (read from files, no process)."""
        try:
            ref = self.repo.head.reference
        except TypeError:  # GitPython's signal for a detached HEAD
            return "HEAD"
        name: str = ref.path
        return name.removeprefix("refs/heads/")

    def tip(self, branch: str) -> str | None:
        """The commit at the tip of `branch`, or None for a branch with no commits yet."""
        try:
            sha: str = self.repo.rev_parse(branch).hexsha
            return sha
        except (ValueError, self._git_mod.BadName, self._git_mod.BadObject):
            pass
        if branch == "HEAD" or branch == self.current_branch():
            return None  # an unborn branch: a repo with no commits yet
        raise GitError(f"branch {branch!r} does not exist in {self.root}")

    def is_ancestor(self, old: str, new: str) -> bool:
        try:
            self.repo.git.execute(["git", "merge-base", "--is-ancestor", old, new])
        except self._git_mod.GitCommandError:
            return False
        return True

    def is_partial_clone(self) -> bool:
        """Cloned with `--filter`: git fetches each missing object it is asked for."""
        reader = self.repo.config_reader("repository")
        if reader.has_option("extensions", "partialclone"):
            return True
        return any(
            reader.get_value(section, "promisor", False) is True
            for section in reader.sections()
            if section.startswith("remote ")
        )

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
        reader = self.repo.config_reader("repository")
        url = str(reader.get_value('remote "origin"', "url", "") or "")
        if url:
            name = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1].removesuffix(".git")
            return url, name or self.root.name
        return str(self.common_dir.resolve()), self.root.name

    def tracked_files(self, rev: str) -> list[str]:
        out = self._run("ls-tree", "-r", "-z", "--name-only", rev)
        return [p for p in out.split("\0") if p]

    def start_log(
        self, tip: str, since: str | None, suffixes: Iterable[str] | None = None
    ) -> CommitLog:
        """Start `git log` for the commits after `since` up to `tip`; read it by iterating.

        `suffixes` limits it to files with those endings (`post_pathspec`).
        """

        pathspec = self.log_pathspec(suffixes)

        def launch(since: str | None, env: dict[str, str] | None) -> Any:
            rev = f"{since}..{tip}" if since else tip
            return self.repo.git.log(*log_args(rev, pathspec), as_process=True, env=env)

        def locate(sha: str, since: str | None) -> str:
            return self.path_of(sha, f"{since}..{tip}" if since else tip)

        return CommitLog(launch, since, locate)

    def blob_command(self) -> tuple[list[str], str]:
        """`git cat-file --batch` for this repository, and the folder to run it in."""
        git_exe = str(self._git_mod.Git.GIT_PYTHON_GIT_EXECUTABLE or "git")
        return [git_exe, "cat-file", "--batch", "--buffer"], str(self.root)


class BlobReader:
    """One `git cat-file --batch`: requests are written ahead, answers read in the same order."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdin is not None and proc.stdout is not None
        self._proc = proc
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
        """The next answer: the blob's bytes, or None when git does not have the object."""
        header = self._out.readline()
        if not header:
            raise GitError("git cat-file stopped answering")
        parts = header.split()
        if len(parts) < 3 or parts[1] == b"missing":
            return None
        size = int(parts[2])
        data = self._out.read(size + 1)
        return data[:size]

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
