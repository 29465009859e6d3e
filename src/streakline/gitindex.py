"""The commit a hook runs for, which does not exist yet: what is staged, who makes it and
when, and staging the files the hook writes. Git plumbing with the hook's own index.

Inside `git commit` the index to read is the one GIT_INDEX_FILE names: a temporary one for
`git commit <paths>`, `index.lock` for `git commit -a`. Every other git streakline runs gets
an environment without it (`gitscan.git_env`); here it is passed on by name.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from streakline.changes import Change, Commit
from streakline.errors import GitError
from streakline.gitlog import explain_failure, parse_raw_diff
from streakline.gitscan import GitRepo, git_env

# The commit being made has no name yet; its events are never stored under this one.
PENDING = "0" * 40
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


@dataclass(frozen=True)
class Ident:
    """A person and a moment as git writes them in a commit."""

    name: str
    email: str
    time: int
    offset: int  # minutes east of UTC


def hook_index() -> Path | None:
    """The index git gave this hook (GIT_INDEX_FILE), absolute; None outside a hook."""
    value = os.environ.get("GIT_INDEX_FILE")
    if not value:
        return None
    # Git names the main index relative to the work tree's top, where hooks run.
    return Path(os.path.abspath(value))


def _git(
    repo: GitRepo, *args: str, index: Path | None = None, check: bool = True
) -> subprocess.CompletedProcess[bytes]:
    env = git_env({"GIT_INDEX_FILE": str(index)} if index is not None else None)
    proc = subprocess.run(
        ["git", *args], cwd=repo.root, env=env, capture_output=True, stdin=subprocess.DEVNULL
    )
    if check and proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace")
        raise GitError(explain_failure(args[0], stderr, f"exit {proc.returncode}"))
    return proc


class CommitBeingMade:
    """The commit a pre-commit hook runs for: `git diff-index` of what is staged against
    `base` (None: a first commit) and `git var` for who makes it, both started at once and
    read when needed, so git works while Python imports the database layer.

    `diff-index` names both blobs of each change, so the scan reads the staged version by
    its id, as it reads any other (`git add -p`: the staged version, not the file).
    """

    def __init__(self, repo: GitRepo, base: str | None, index: Path | None) -> None:
        self.repo = repo
        self.base = base
        env = git_env({"GIT_INDEX_FILE": str(index)} if index is not None else None)
        diff = ["diff-index", "--cached", "-M", "-l0", "--raw", "-z", "--no-abbrev"]
        self._diff = _start(repo, [*diff, base or EMPTY_TREE, "--"], env)
        self._var = _start(repo, ["var", "-l"], git_env())

    def changes(self) -> tuple[Change, ...]:
        out, err = self._diff.communicate()
        if self._diff.returncode != 0:
            stderr = err.decode("utf-8", "replace")
            raise GitError(explain_failure("diff-index", stderr, f"exit {self._diff.returncode}"))
        return parse_raw_diff(out)

    def commit(self, changes: tuple[Change, ...], mailmap: bool) -> Commit:
        """Dated and signed as git will make it.

        Git exports the author it will use (GIT_AUTHOR_*, also on --amend and --author)
        and takes the committer from GIT_COMMITTER_* or the settings: `git var` answers
        both. A scan dates events by the committer's time, so this commit is dated by it.
        """
        out, _err = self._var.communicate()
        idents: dict[str, str] = {}
        for line in out.decode("utf-8", "replace").split("\n"):
            name, _, value = line.partition("=")
            if name in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
                idents[name] = value
        author = parse_ident(idents.get("GIT_AUTHOR_IDENT", ""))
        committer = parse_ident(idents.get("GIT_COMMITTER_IDENT", ""))
        name, email = author.name, author.email
        if mailmap and (name or email):
            mapped = _git(self.repo, "check-mailmap", f"{name} <{email}>", check=False)
            if mapped.returncode == 0:
                text = mapped.stdout.decode("utf-8", "replace").strip()
                found = parse_ident(text + " 0 +0000")
                name, email = found.name, found.email
        return Commit(PENDING, committer.time, committer.offset, name, email, changes)

    def close(self) -> None:
        for proc in (self._diff, self._var):
            if proc.returncode is None:
                proc.kill()
                proc.communicate()


def _start(repo: GitRepo, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        ["git", *args],
        cwd=repo.root,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def parse_ident(text: str) -> Ident:
    """`Name <email> 1700000000 +0100` as git prints an ident; now, in local time, if absent."""
    head, _, when = text.rpartition(">")
    name, _, email = head.partition("<")
    parts = when.split()
    if len(parts) == 2 and parts[0].lstrip("@").isdecimal() and len(parts[1]) == 5:
        sign = -1 if parts[1][0] == "-" else 1
        offset = sign * (int(parts[1][1:3]) * 60 + int(parts[1][3:5]))
        return Ident(name.strip(), email.strip(), int(parts[0].lstrip("@")), offset)
    from datetime import datetime

    now = datetime.now().astimezone()
    utc_offset = now.utcoffset()
    minutes = int(utc_offset.total_seconds()) // 60 if utc_offset is not None else 0
    return Ident(name.strip(), email.strip(), int(now.timestamp()), minutes)


def stage(repo: GitRepo, paths: list[str], index: Path | None) -> list[str]:
    """`git add` the files the hook wrote to the commit being made, unless they are ignored;
    returns those staged.

    `git commit <paths>` commits a temporary index (`next-index-<pid>.lock`) and makes the
    real index from `index.lock`, which it holds meanwhile: a file staged in the first
    only would show as changed back after the commit, so it is staged in both.
    """
    if not paths:
        return []
    listed = _git(
        repo, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", *paths,
        index=index,
    ).stdout  # fmt: skip
    ignored = set(listed.decode("utf-8", "surrogateescape").split("\0"))
    wanted = [path for path in paths if path not in ignored]
    if not wanted:
        return []
    _git(repo, "add", "--", *wanted, index=index)
    if index is not None and index.name.startswith("next-index-") and index.suffix == ".lock":
        real = index.with_name("index.lock")
        if real.exists():
            _git(repo, "add", "--", *wanted, index=real)
    return wanted


def rebase_branch(repo: GitRepo) -> str | None:
    """The branch a rebase in progress is rewriting (HEAD is detached meanwhile), or None."""
    for folder in ("rebase-merge", "rebase-apply"):
        try:
            name = (repo.git_dir / folder / "head-name").read_text("utf-8").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if name.startswith("refs/heads/"):
            return name.removeprefix("refs/heads/")
    return None


def parent_of(repo: GitRepo, commit: str) -> str | None:
    """The first parent of `commit`, None for a first commit."""
    proc = _git(repo, "rev-parse", "-q", "--verify", f"{commit}^1^{{commit}}", check=False)
    return proc.stdout.decode().strip() or None if proc.returncode == 0 else None


def amending() -> bool:
    """Whether the `git commit` this hook runs under was given --amend.

    Git tells a pre-commit hook nothing of it, and an amend replaces HEAD instead of
    adding to it. The command line of the nearest `git` process above this one says so on
    Linux (/proc); elsewhere an amend is read as a new commit on top of HEAD, which gives
    the same posts and dates and may count one edit more.
    """
    pid = os.getppid()
    for _ in range(6):  # git -> sh (the hook) -> pre-commit's own script -> streakline
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            stat = Path(f"/proc/{pid}/stat").read_bytes()
        except OSError:
            return False
        if argv and os.path.basename(argv[0]) in (b"git", b"git.exe") and b"commit" in argv:
            options = argv[argv.index(b"commit") + 1 :]
            if b"--" in options:
                options = options[: options.index(b"--")]
            return b"--amend" in options
        # The parent pid is the second field after the command name in parentheses.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) < 2 or not fields[1].isdigit() or int(fields[1]) <= 1:
            return False
        pid = int(fields[1])
    return False
