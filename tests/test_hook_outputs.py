"""The commit carries its own badge and data: made by a native pre-commit hook, they count
the post being committed, and `streakline export` afterwards rewrites nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from gitrepo import Cli, GitRepo, at, markdown
from hookrepo import git_run

OUTPUTS = [
    "data/streakline.json",
    "static/streakline-footer.html",
    "static/streakline-shields.json",
    "static/streakline.svg",
]
TODAY = "2024-01-10"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hooks and `export` judge streaks on the same day."""
    monkeypatch.setenv("STREAKLINE_TODAY", TODAY)


def hooked(make_repo: Callable[..., GitRepo], cli: Cli, *extra: str) -> GitRepo:
    repo = make_repo()
    cli.ok("hook", "install", "-C", str(repo.path), *extra)
    return repo


def committed(repo: GitRepo, path: str = "data/streakline.json", rev: str = "HEAD") -> Any:
    return json.loads(repo.git("show", f"{rev}:{path}"))


def post(repo: GitRepo, name: str, day: str, body: str = "Some words.") -> None:
    repo.write(f"posts/{name}.md", markdown(body, title=name.title(), date=day))


def commit(repo: GitRepo, *args: str, when: tuple[int, int, int] = (2024, 1, 9)) -> str:
    done = git_run(repo, "commit", "-q", *args, when=at(*when))
    assert done.returncode == 0, done.stderr
    return done.stderr


def assert_export_rewrites_nothing(repo: GitRepo, cli: Cli) -> None:
    run = cli.ok("export", "-C", str(repo.path))
    assert sorted(run.stdout.splitlines()) == [f"unchanged  {path}" for path in OUTPUTS]


def test_the_first_commit_carries_its_badge_and_data(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli)
    post(repo, "hello", "2024-01-08")
    repo.git("add", "-A")

    said = commit(repo, "-m", "Hello", when=(2024, 1, 8))

    assert said == f"streakline: counted this commit; staged {', '.join(OUTPUTS)}\n"
    assert repo.git("show", "--name-only", "--format=", "HEAD").splitlines() == sorted(
        [".streakline.toml", *OUTPUTS, "posts/hello.md"]
    )
    data = committed(repo)
    assert list(data["posts"]) == ["posts/hello.md"]
    assert data["stats"]["totals"]["posts"] == 1
    assert (data["est"], data["streak"], data["status"]) == ("est. 2024", "3d streak", "done")
    shields = committed(repo, "static/streakline-shields.json")
    assert shields["message"] == "est. 2024 ● 3d streak"
    assert repo.git("status", "--porcelain") == ""
    assert_export_rewrites_nothing(repo, cli)


def test_commit_all_paths_and_a_partly_staged_post(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli)
    post(repo, "a", "2024-01-01", "Alpha.")
    repo.git("add", "-A")
    commit(repo, "-m", "A", when=(2024, 1, 1))
    # -a: the edit was never staged by hand.
    post(repo, "a", "2024-01-01", "Alpha, with more words now.")
    commit(repo, "-a", "-m", "Edit A", when=(2024, 1, 2))
    assert committed(repo)["stats"]["totals"]["words"] == 5
    # <paths>: b alone goes in; c stays staged, and the real index agrees with the commit.
    post(repo, "b", "2024-01-03")
    post(repo, "c", "2024-01-04")
    repo.git("add", "-A")
    commit(repo, "-m", "B", "--", "posts/b.md", when=(2024, 1, 3))
    assert list(committed(repo)["posts"]) == ["posts/a.md", "posts/b.md"]
    assert repo.git("status", "--porcelain") == "A  posts/c.md"
    repo.git("reset", "-q", "posts/c.md")
    (repo.path / "posts" / "c.md").unlink()
    # -p: the staged half counts, not the file as it is.
    lines = "".join(f"Line {n} of d.\n\n" for n in range(12))
    repo.write("posts/d.md", markdown(lines, title="D", date="2024-01-05"))
    repo.git("add", "-A")
    commit(repo, "-m", "D", when=(2024, 1, 5))
    repo.write(
        "posts/d.md",
        markdown("Many more words.\n\n" + lines + "Never staged words here.\n", title="D",
                 date="2024-01-05"),
    )  # fmt: skip
    added = git_run(repo, "add", "-p", "posts/d.md", when=at(2024, 1, 6), input="y\nn\n")
    assert added.returncode == 0, added.stderr

    commit(repo, "-m", "More D", when=(2024, 1, 6))

    assert committed(repo)["stats"]["totals"]["words"] == 5 + 2 + 48 + 3
    assert repo.git("status", "--porcelain") == "M posts/d.md"
    repo.git("checkout", "posts/d.md")
    assert_export_rewrites_nothing(repo, cli)


def test_a_merge_carries_the_posts_it_brings(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = hooked(make_repo, cli)
    post(repo, "a", "2024-01-01")
    repo.git("add", "-A")
    commit(repo, "-m", "A", when=(2024, 1, 1))
    repo.branch("side")
    repo.checkout("side")
    post(repo, "side", "2024-01-02")
    repo.git("add", "-A")
    commit(repo, "-m", "Side", when=(2024, 1, 2))
    repo.checkout("main")
    repo.write("README.md", "About.\n")
    repo.git("add", "-A")
    commit(repo, "-m", "Readme", when=(2024, 1, 3))

    # Only one side changed the outputs: git merges them without a hand, and without a
    # pre-commit hook. The merge carries side's outputs as they were made on side.
    merged = git_run(repo, "merge", "-q", "--no-ff", "-m", "Merge", "side", when=at(2024, 1, 4))

    assert merged.returncode == 0, merged.stderr
    data = committed(repo)
    assert list(data["posts"]) == ["posts/a.md", "posts/side.md"]
    assert data["posts"]["posts/side.md"]["status_line"].startswith("NORMAL side ")
    assert repo.git("status", "--porcelain") == ""
    # Both sides wrote the outputs: either side will do, the hook writes them again.
    repo.checkout("side")
    post(repo, "side2", "2024-01-05")
    repo.git("add", "-A")
    commit(repo, "-m", "Side 2", when=(2024, 1, 5))
    repo.checkout("main")
    post(repo, "main", "2024-01-06")
    repo.git("add", "-A")
    commit(repo, "-m", "Main", when=(2024, 1, 6))
    conflict = git_run(repo, "merge", "-q", "side", when=at(2024, 1, 7))
    assert conflict.returncode == 1
    repo.git("checkout", "--ours", "--", *OUTPUTS)
    repo.git("add", "--", *OUTPUTS)

    commit(repo, "--no-edit", when=(2024, 1, 7))

    assert list(committed(repo)["posts"]) == [
        "posts/a.md",
        "posts/main.md",
        "posts/side.md",
        "posts/side2.md",
    ]
    assert repo.git("status", "--porcelain") == ""
    assert_export_rewrites_nothing(repo, cli)


def test_post_commit_writes_the_outputs_for_the_writer_to_commit(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli, "--type", "post-commit")
    post(repo, "a", "2024-01-01")
    repo.git("add", "-A")

    said = commit(repo, "-m", "A", when=(2024, 1, 1))

    assert said == f"streakline: wrote {', '.join(OUTPUTS)}\n"
    assert repo.git("show", "--name-only", "--format=", "HEAD").splitlines() == [
        ".streakline.toml",
        "posts/a.md",
    ]
    assert sorted(repo.git("status", "--porcelain").splitlines()) == ["?? data/", "?? static/"]
    assert_export_rewrites_nothing(repo, cli)


def test_nothing_staged_that_is_a_post_only_catches_up(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli)
    post(repo, "a", "2024-01-01")
    repo.git("add", "-A")
    commit(repo, "-m", "A", when=(2024, 1, 1))
    repo.write("README.md", "About this blog.\n")
    repo.git("add", "-A")

    said = commit(repo, "-m", "Readme", when=(2024, 1, 9))

    assert said == ""
    assert repo.git("show", "--name-only", "--format=", "HEAD") == "README.md"


def test_outputs_ssg_puts_the_commits_data_where_the_generator_reads_it(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["_posts/**/*.md"]\n[outputs]\nssg = "jekyll"\n')
    repo.write("_config.yml", "title: Mine\n")
    repo.commit("Site", at(2024, 1, 1))
    cli.ok("hook", "install", "-C", str(repo.path))
    repo.write("_posts/2024-01-08-hello.md", markdown("Some words.", title="Hello"))
    repo.git("add", "-A")

    commit(repo, "-m", "Hello")

    assert repo.git("show", "--name-only", "--format=", "HEAD").split() == [
        "_data/streakline.json",
        "_includes/streakline-footer.html",
        "_posts/2024-01-08-hello.md",
        "assets/streakline-shields.json",
        "assets/streakline.svg",
    ]
    data = committed(repo, "_data/streakline.json")
    assert (list(data["posts"]), data["stats"]["totals"]["posts"]) == (
        ["_posts/2024-01-08-hello.md"],
        1,
    )


def test_a_file_moved_into_the_posts_brings_its_history(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = hooked(make_repo, cli)
    post(repo, "a", "2024-01-01", "Alpha.")
    repo.write("notes/idea.md", markdown("A first idea.", title="Idea", date="2024-01-02"))
    repo.git("add", "-A")
    commit(repo, "-m", "A and an idea", when=(2024, 1, 2))
    repo.write("notes/idea.md", markdown("A first idea, grown.", title="Idea", date="2024-01-02"))
    commit(repo, "-a", "-m", "Grow the idea", when=(2024, 1, 3))
    repo.git("mv", "notes/idea.md", "posts/idea.md")

    commit(repo, "-m", "The idea is a post", when=(2024, 1, 4))

    data = committed(repo)
    assert sorted(data["posts"]) == ["posts/a.md", "posts/idea.md"]
    assert (data["stats"]["totals"]["posts"], data["stats"]["totals"]["edits"]) == (2, 1)
    assert_export_rewrites_nothing(repo, cli)
