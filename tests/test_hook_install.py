"""`streakline hook install|uninstall`: where git looks, chained to what was there, and only
ever removing what it wrote."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from gitrepo import Cli, GitRepo, at, markdown
from hookrepo import git_run

MARKER = "# streakline-hook: written by `streakline hook install`; `streakline hook uninstall` "


def foreign_hook(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def test_install_writes_the_hook_where_git_looks(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    hooks = repo.path / ".git" / "hooks"
    (repo.path / "posts").mkdir()

    # From a subfolder: the repo around it.
    run = cli.ok("hook", "install", "-C", str(repo.path / "posts"))

    assert run.stdout.splitlines() == [f"Installed {hooks / 'pre-commit'}"]
    text = (hooks / "pre-commit").read_text()
    assert text.splitlines()[1].startswith(MARKER)
    assert "-m streakline hook run --type pre-commit\n" in text
    assert (hooks / "pre-commit").stat().st_mode & stat.S_IXUSR


def test_install_in_a_worktree_uses_the_shared_hooks_and_core_hooks_path(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    repo.git("worktree", "add", "-q", str(tmp_path / "wt"), "-b", "draft")

    run = cli.ok("hook", "install", "--type", "post-commit", "-C", str(tmp_path / "wt"))

    assert run.stdout == f"Installed {repo.path / '.git' / 'hooks' / 'post-commit'}\n"
    repo.git("config", "core.hooksPath", ".githooks")
    run = cli.ok("hook", "install", "-C", str(tmp_path / "wt"))
    # Relative to the work tree git runs the hook in.
    assert run.stdout.splitlines()[0] == f"Installed {tmp_path / 'wt' / '.githooks' / 'pre-commit'}"


def test_a_hooks_path_shared_with_other_repos_needs_force(
    make_repo: Callable[..., GitRepo], cli: Cli, clean_env: Path, tmp_path: Path
) -> None:
    repo = make_repo()
    shared = tmp_path / "all-hooks"
    with (clean_env / ".gitconfig").open("a") as config:
        config.write(f"[core]\n\thooksPath = {shared}\n")

    refused = cli.run("hook", "install", "-C", str(repo.path))

    assert refused.exit_code == 1, refused.detail
    assert refused.stderr_lines == [
        f"error: core.hooksPath ({shared}, set in {clean_env / '.gitconfig'}) is shared with "
        "other repos; a hook there would run in all of them: pass --force to install it there "
        "anyway"
    ]
    assert not shared.exists()
    run = cli.ok("hook", "install", "--force", "-C", str(repo.path))
    assert run.stdout.splitlines()[0] == f"Installed {shared / 'pre-commit'}"


def test_a_foreign_hook_is_kept_chained_and_put_back(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    hooks = repo.path / ".git" / "hooks"
    foreign_hook(hooks / "pre-commit", 'echo "lint ran" > .git/lint.txt')
    original = (hooks / "pre-commit").read_text()

    run = cli.ok("hook", "install", "-C", str(repo.path))

    assert run.stdout.splitlines()[0] == (
        f"Installed {hooks / 'pre-commit'}; the hook that was there is kept as "
        "pre-commit.legacy and runs first"
    )
    assert (hooks / "pre-commit.legacy").read_text() == original
    # Installing again rewrites ours and keeps the same chain.
    cli.ok("hook", "install", "-C", str(repo.path))
    assert (hooks / "pre-commit.legacy").read_text() == original
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.git("add", "-A")

    done = git_run(repo, "commit", "-q", "-m", "A", when=at(2024, 1, 1))

    assert done.returncode == 0, done.stderr
    assert (repo.path / ".git" / "lint.txt").read_text() == "lint ran\n"
    assert (repo.common_dir() / "streakline.sqlite3").exists()  # ours ran after it
    # The kept hook still stops a commit when it fails.
    foreign_hook(hooks / "pre-commit.legacy", 'echo "lint failed" >&2; exit 3')
    repo.write("posts/b.md", markdown(title="B", date="2024-01-02"))
    repo.git("add", "-A")
    stopped = git_run(repo, "commit", "-q", "-m", "B", when=at(2024, 1, 2))
    assert (stopped.returncode, stopped.stderr) == (1, "lint failed\n")

    run = cli.ok("hook", "uninstall", "-C", str(repo.path))

    assert run.stdout.splitlines() == [
        f"Removed {hooks / 'pre-commit'}; the hook it had kept is back in its place",
    ]
    assert (hooks / "pre-commit").read_text() == '#!/bin/sh\necho "lint failed" >&2; exit 3\n'
    assert [p.name for p in hooks.iterdir() if not p.name.endswith(".sample")] == ["pre-commit"]
    assert not (hooks / "pre-commit.legacy").exists()


def test_a_legacy_file_in_the_way_is_named_and_needs_force(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    hooks = repo.path / ".git" / "hooks"
    foreign_hook(hooks / "pre-commit", "exit 0")
    foreign_hook(hooks / "pre-commit.legacy", "echo older")

    refused = cli.run("hook", "install", "-C", str(repo.path))

    assert refused.exit_code == 1, refused.detail
    assert refused.stderr_lines == [
        f"error: {hooks / 'pre-commit'} is not streakline's and {hooks / 'pre-commit.legacy'} "
        "is in the way of keeping it: move one of them, or pass --force to replace "
        f"{hooks / 'pre-commit.legacy'} with it"
    ]
    assert (hooks / "pre-commit").read_text() == "#!/bin/sh\nexit 0\n"
    assert (hooks / "pre-commit.legacy").read_text() == "#!/bin/sh\necho older\n"

    cli.ok("hook", "install", "--force", "-C", str(repo.path))

    assert (hooks / "pre-commit.legacy").read_text() == "#!/bin/sh\nexit 0\n"


def test_uninstall_leaves_hooks_it_did_not_write(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    hooks = repo.path / ".git" / "hooks"
    cli.ok("hook", "install", "--type", "post-commit", "-C", str(repo.path))
    foreign_hook(hooks / "pre-commit", "exit 0")

    run = cli.ok("hook", "uninstall", "-C", str(repo.path))

    assert run.stdout.splitlines() == [
        f"Removed {hooks / 'post-commit'}",
        f"Left {hooks / 'pre-commit'} alone: streakline did not write it",
    ]
    assert (hooks / "pre-commit").exists()
    os.remove(hooks / "pre-commit")
    again = cli.ok("hook", "uninstall", "-C", str(repo.path))
    assert again.stdout == f"No streakline hook in {hooks}\n"
