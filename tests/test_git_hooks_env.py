"""streakline run from inside real git hooks, where git sets GIT_DIR and GIT_INDEX_FILE."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import GitRepo, at, git_date, markdown, streakline_exe


def install_hook(repo: GitRepo, name: str, body: str) -> None:
    hook = repo.path / ".git" / "hooks" / name
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\nset -e\n" + body + "\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def commit_with_hooks(repo: GitRepo, message: str, *paths: str) -> subprocess.CompletedProcess[str]:
    """A real `git commit` that runs the hooks; with paths, git uses a temporary index."""
    when = git_date(at(2024, 3, 1, 9))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_COMMITTER_DATE": when,
    }
    args = ["git", "commit", "-q", "-m", message, *(["--", *paths] if paths else [])]
    return subprocess.run(args, cwd=repo.path, env=env, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("hook", "paths", "listed"),
    [
        # Committing named paths makes git run the hook with GIT_INDEX_FILE on a temporary
        # index; pre-commit sees the history before the new commit.
        ("pre-commit", ("posts/second.md",), ["posts/first.md"]),
        ("post-commit", (), ["posts/first.md", "posts/second.md"]),
    ],
)
def test_posts_in_a_git_hook_reads_the_committed_history(
    make_repo: Callable[..., GitRepo],
    tmp_path: Path,
    hook: str,
    paths: tuple[str, ...],
    listed: list[str],
) -> None:
    repo = make_repo()
    repo.write("posts/first.md", markdown("One.", title="First", date="2024-01-05"))
    repo.commit("First post")
    out = tmp_path / "hook.json"
    db = f"sqlite:///{tmp_path}/hook.sqlite3"
    install_hook(repo, hook, f'"{streakline_exe()}" posts --json --db "{db}" > "{out}"')
    repo.write("posts/second.md", markdown("Two.", title="Second", date="2024-02-01"))
    repo.git("add", "posts/second.md")

    done = commit_with_hooks(repo, "Second post", *paths)

    assert done.returncode == 0, done.stderr
    posts = json.loads(out.read_text(encoding="utf-8"))
    assert [p["path"] for p in posts] == listed
    # The newest post listed was last touched by the commit the hook could see.
    seen = repo.git("rev-parse", "HEAD~1" if hook == "pre-commit" else "HEAD").strip()
    assert posts[-1]["last_commit"] == seen
    assert repo.git("status", "--porcelain").strip() == ""


def test_hook_variables_pointing_elsewhere_do_not_leak_into_the_scan(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    blog = make_repo("blog")
    blog.write("posts/a.md", markdown("A.", title="A", date="2024-01-05"))
    blog.commit("A")
    other = make_repo("other")
    other.write("posts/b.md", markdown("B.", title="B", date="2024-01-06"))
    other.commit("B")
    env = {
        **os.environ,
        "GIT_DIR": str(other.path / ".git"),
        "GIT_INDEX_FILE": str(other.path / ".git" / "index"),
        "GIT_WORK_TREE": str(other.path),
        # As in a pre-receive hook, whose new objects wait in a quarantine folder.
        "GIT_OBJECT_DIRECTORY": str(other.path / ".git" / "objects"),
    }

    done = subprocess.run(
        [str(streakline_exe()), "posts", "-C", str(blog.path), "--json", "--db",
         f"sqlite:///{tmp_path}/env.sqlite3"],
        env=env, capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert [p["path"] for p in json.loads(done.stdout)] == ["posts/a.md"]
