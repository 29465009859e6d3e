"""SPEC 2: with no `.streakline.toml` the layout is detected; `init` writes what it found."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

import pytest

from gitrepo import Cli, GitRepo, by_path, markdown, user_error


def hugo(repo: GitRepo) -> set[str]:
    repo.write("content/posts/first.md", markdown(title="First", date="2024-01-02"))
    repo.write("content/posts/2024/second.md", markdown(title="Second", date="2024-01-03"))
    repo.write("content/about.md", markdown(title="About", date="2023-05-05"))
    repo.write("content/_index.md", markdown(title="Home"))
    repo.write("content/posts/_index.md", markdown(title="Posts"))
    repo.write("README.md", "# My blog\n")
    repo.write("config.toml", 'title = "blog"\n')
    # The about page lies outside the main section: a page, not a post.
    return {"content/posts/first.md", "content/posts/2024/second.md"}


def jekyll(repo: GitRepo) -> set[str]:
    repo.write("_posts/2024-01-05-hello.md", markdown(title="Hello"))
    repo.write("_posts/2023/2023-07-01-deep.markdown", markdown(title="Deep"))
    repo.write("_drafts/not-yet.md", markdown(title="Not yet"))
    repo.write("about.md", markdown(title="About"))
    repo.write("README.md", "# My blog\n")
    repo.write("_config.yml", "title: blog\n")
    # `_drafts/` holds posts not yet published: listed, as drafts.
    return {
        "_posts/2024-01-05-hello.md",
        "_posts/2023/2023-07-01-deep.markdown",
        "_drafts/not-yet.md",
    }


def til(repo: GitRepo) -> set[str]:
    repo.write("python/walrus.md", "# The walrus operator\n\nAssign inside expressions.\n")
    repo.write("git/worktrees.md", "# Worktrees\n\nSeveral checkouts of one repo.\n")
    repo.write("git/bisect.md", "# Bisect\n\nFind the commit that broke it.\n")
    repo.write("README.md", "# TIL\n\nThings I learned.\n")
    return {"python/walrus.md", "git/worktrees.md", "git/bisect.md"}


def fallback(repo: GitRepo) -> set[str]:
    repo.write("hello.md", markdown(title="Hello", date="2024-01-05"))
    repo.write("writing/2023/old.md", markdown(title="Old", date="2023-01-05"))
    for name in ("README", "CHANGELOG", "CONTRIBUTING", "LICENSE", "CODE_OF_CONDUCT"):
        repo.write(f"{name}.md", f"# {name}\n")
    return {"hello.md", "writing/2023/old.md"}


LAYOUTS = {"hugo": hugo, "jekyll": jekyll, "til": til, "fallback": fallback}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_detected_layout_picks_the_posts(
    layout: str, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=None)
    expected = LAYOUTS[layout](repo)
    repo.commit("Blog")

    posts = by_path(cli.posts(repo, include_deleted=True))

    assert set(posts) == expected


def test_til_layout_takes_the_category_from_the_folder(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=None)
    til(repo)
    repo.commit("TIL")

    posts = by_path(cli.posts(repo))

    assert posts["python/walrus.md"]["categories"] == ["python"]
    assert posts["git/bisect.md"]["categories"] == ["git"]
    assert posts["git/bisect.md"]["title"] == "Bisect"


def test_jekyll_layout_dates_posts_by_their_file_name(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=None)
    jekyll(repo)
    repo.commit("Blog")

    posts = by_path(cli.posts(repo))

    assert posts["_posts/2024-01-05-hello.md"]["published"] == "2024-01-05"
    assert posts["_posts/2024-01-05-hello.md"]["date_source"] == "declared"


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_init_writes_the_detected_layout(
    layout: str,
    make_repo: Callable[..., GitRepo],
    cli: Cli,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    repo = make_repo(config=None)
    expected = LAYOUTS[layout](repo)
    repo.commit("Blog")

    run = cli.ok("init", "-C", str(repo.path))

    config_file = repo.path / ".streakline.toml"
    assert config_file.is_file(), run.detail
    assert run.stdout.strip() or run.stderr.strip(), "init printed nothing"
    config = tomllib.loads(config_file.read_text())
    assert config.get("posts"), config
    assert bool(config.get("category_from_folder", False)) is (layout == "til")
    # A generator's site gets export's and the hook's files in the folders it reads.
    expected_outputs = {"ssg": layout} if layout in ("hugo", "jekyll") else None
    assert config.get("outputs") == expected_outputs
    # The written file selects the same posts as detection did, this time from the file.
    other_db = f"sqlite:///{tmp_path_factory.mktemp('db')}/other.sqlite3"
    assert set(by_path(cli.posts(repo, include_deleted=True, db=other_db))) == expected


def test_init_refuses_to_overwrite_a_config(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo(config='posts = ["notes/*.md"]\n')
    hugo(repo)
    repo.commit("Blog")

    run = cli.run("init", "-C", str(repo.path))

    user_error(run)
    assert (repo.path / ".streakline.toml").read_text() == 'posts = ["notes/*.md"]\n'


def test_init_force_overwrites_a_config(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo(config='posts = ["notes/*.md"]\n')
    hugo(repo)
    repo.commit("Blog")

    cli.ok("init", "-C", str(repo.path), "--force")

    config = tomllib.loads((repo.path / ".streakline.toml").read_text())
    assert config["posts"] != ["notes/*.md"]
