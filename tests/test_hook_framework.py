"""The pre-commit framework runs streakline from this project's `.pre-commit-hooks.yaml`:
`language: python` builds streakline from a local copy of this project, no network of ours."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import GitRepo, at, markdown
from hookrepo import dated_env

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"

DATA = "data/streakline.json"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This project as it is now (uncommitted changes too), committed in a repo of its own."""
    source = tmp_path_factory.mktemp("streakline-src")
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    repo = GitRepo.create(source, config=None)
    repo.git("add", "-A")
    return source, repo.commit("streakline as tested")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One environment for the module's tests: building it is most of their time."""
    return tmp_path_factory.mktemp("pre-commit-home")


def framework_env(home: Path) -> dict[str, str]:
    # pip's own cache, not the tests' empty HOME's: packages come from the index once.
    cache = Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "pip"
    return {
        **dated_env(at(2024, 1, 2)),
        "PRE_COMMIT_HOME": str(home),
        "PIP_CACHE_DIR": str(cache),
    }


def blog_with_config(
    make_repo: Callable[..., GitRepo], source: Path, sha: str, *, outputs: bool
) -> GitRepo:
    """A blog with post A committed (and its outputs, when `outputs`) and post B staged."""
    repo = make_repo()
    repo.write(
        ".pre-commit-config.yaml",
        f"repos:\n- repo: {source}\n  rev: {sha}\n  hooks:\n  - id: streakline\n",
    )
    repo.write("posts/a.md", markdown("Alpha.", title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    if outputs:
        exported = subprocess.run(
            [str(Path(sys.executable).parent / "streakline"), "export", "-C", str(repo.path)],
            capture_output=True,
            check=False,
        )
        assert exported.returncode == 0, exported.stderr
        repo.commit("The outputs, committed once", at(2024, 1, 1))
    repo.write("posts/b.md", markdown("Beta.", title="B", date="2024-01-02"))
    repo.git("add", "-A")
    return repo


def framework(repo: GitRepo, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), *args],
        cwd=repo.path,
        env=framework_env(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def written_posts(repo: GitRepo, rev: str = "") -> list[str]:
    text = repo.git("show", f"{rev}:data/streakline.json") if rev else repo.read(DATA)
    return list(json.loads(text)["posts"])


def test_pre_commit_run_writes_the_outputs_and_stages_nothing(
    make_repo: Callable[..., GitRepo], hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    repo = blog_with_config(make_repo, *hook_repo, outputs=False)

    done = framework(repo, pre_commit_home, "run")

    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("streakline....")
    assert done.stdout.splitlines()[-1].endswith("Passed")
    # The files are new to git: the framework sees no change to what it tracks.
    assert written_posts(repo) == ["posts/a.md", "posts/b.md"]
    assert sorted(repo.git("status", "--porcelain").splitlines()) == [
        "?? data/",
        "?? static/",
        "A  posts/b.md",
    ]


def test_a_commit_through_pre_commit_install_fails_once_then_carries_the_outputs(
    make_repo: Callable[..., GitRepo], hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    repo = blog_with_config(make_repo, *hook_repo, outputs=True)
    installed = framework(repo, pre_commit_home, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "commit", "-q", "-m", "B"],
            cwd=repo.path,
            env=framework_env(pre_commit_home),
            capture_output=True,
            text=True,
            check=False,
        )

    first = commit()

    # The framework's rule: a hook that changes tracked files fails the commit. (Git sends
    # a hook's output to stderr.)
    assert first.returncode == 1, first.stdout + first.stderr
    said = first.stderr.splitlines()
    assert said[0].startswith("streakline....") and said[0].endswith("Failed")
    assert said[1:3] == ["- hook id: streakline", "- files were modified by this hook"]
    assert written_posts(repo) == ["posts/a.md", "posts/b.md"]
    assert written_posts(repo, "HEAD") == ["posts/a.md"]
    repo.git("add", "-A")

    second = commit()

    assert second.returncode == 0, second.stdout + second.stderr
    assert written_posts(repo, "HEAD") == ["posts/a.md", "posts/b.md"]
    assert repo.git("status", "--porcelain") == ""
