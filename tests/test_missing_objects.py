"""SPEC 3: objects missing from the store (a damaged copy, a partial clone) never stop a scan."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from gitrepo import Cli, GitRepo, at, by_path, markdown, user_error

PNG = b"\x89PNG\r\n\x1a\n"


def image(seed: int, size: int = 4000) -> bytes:
    """Bytes that compress badly, like a real image; `seed` keeps two images apart."""
    return PNG + bytes((seed * 7919 + i * 104729) % 251 for i in range(size))


def loose_object(repo: GitRepo, sha: str) -> Path:
    return repo.path / ".git" / "objects" / sha[:2] / sha[2:]


def delete_object(repo: GitRepo, sha: str) -> None:
    obj = loose_object(repo, sha)
    assert obj.is_file(), f"{sha} is not a loose object"
    obj.unlink()


def missing_objects(repo: Path) -> list[str]:
    """Objects the history names but the store lacks; `--missing=print` never fetches."""
    out = subprocess.run(
        ["git", "rev-list", "--objects", "--all", "--missing=print"],
        cwd=repo,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return sorted(line[1:] for line in out.splitlines() if line.startswith("?"))


def blog_with_images(repo: GitRepo) -> dict[str, str]:
    """Two posts, and an image replaced by another (a delete and an add git compares)."""
    repo.write("posts/first.md", markdown("First words.", title="First", date="2024-01-01"))
    repo.write("static/old.png", image(1))
    repo.commit("First post", at(2024, 1, 1))
    old = repo.git("rev-parse", "HEAD:static/old.png")
    repo.remove("static/old.png")
    repo.write("static/new.png", image(2))
    repo.write("posts/second.md", markdown("Second words.", title="Second", date="2024-02-01"))
    repo.commit("Second post, new image", at(2024, 2, 1))
    return {"old": old, "new": repo.git("rev-parse", "HEAD:static/new.png")}


def test_a_missing_image_blob_does_not_stop_the_scan_and_is_not_a_writers_concern(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    images = blog_with_images(repo)
    delete_object(repo, images["old"])

    run = cli.scan(repo)
    posts = cli.posts(repo)

    assert run.warnings == [], run.detail
    assert [(p["path"], p["title"], p["published"]) for p in posts] == [
        ("posts/first.md", "First", "2024-01-01"),
        ("posts/second.md", "Second", "2024-02-01"),
    ]


def test_a_missing_post_blob_in_a_rename_is_warned_about_once(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    body = "A long enough body that a small edit keeps the file recognisably the same post.\n" * 3
    repo.write("posts/old-name.md", markdown(body, title="Moved", date="2024-01-01"))
    repo.write("posts/stays.md", markdown("Stays.", title="Stays", date="2024-01-02"))
    repo.commit("Two posts", at(2024, 1, 2))
    lost = repo.git("rev-parse", "HEAD:posts/old-name.md")
    repo.move("posts/old-name.md", "posts/new-name.md")
    repo.write(
        "posts/new-name.md", markdown(body + "One more line.", title="Moved", date="2024-01-01")
    )
    repo.commit("Rename and edit", at(2024, 1, 3))
    repo.write("posts/later.md", markdown("Later.", title="Later", date="2024-01-04"))
    repo.commit("Later post", at(2024, 1, 4))
    delete_object(repo, lost)

    run = cli.scan(repo)
    posts = cli.posts(repo)

    assert run.warnings == [
        f"warning: object {lost} (posts/old-name.md) is missing from the repository (a partial "
        "clone or a damaged copy); the post keeps what could be read"
    ], run.detail
    # The rename cannot be seen without the old version: the post continues as the same
    # lineage all the same, by its unchanged title and date.
    assert [(p["path"], p["title"], p["published"]) for p in posts] == [
        ("posts/new-name.md", "Moved", "2024-01-01"),
        ("posts/stays.md", "Stays", "2024-01-02"),
        ("posts/later.md", "Later", "2024-01-04"),
    ]


def test_a_blob_missing_only_for_rename_detection_is_named_in_an_incremental_scan(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    body = "Plenty of words in this post so that an edit keeps it similar enough to match.\n" * 3
    repo.write("posts/a.md", markdown(body, title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    lost = repo.git("rev-parse", "HEAD:posts/a.md")
    cli.scan(repo)
    repo.move("posts/a.md", "posts/b.md")
    repo.write("posts/b.md", markdown(body + "An extra line.", title="B", date="2024-01-01"))
    repo.commit("Rename a to b", at(2024, 1, 2))
    delete_object(repo, lost)

    run = cli.scan(repo)
    posts = cli.posts(repo)

    assert run.warnings == [
        f"warning: object {lost} (posts/a.md) is missing from the repository (a partial clone "
        "or a damaged copy); renames of it are not detected"
    ], run.detail
    assert run.stderr_lines[-1] == (
        "Scanned 1 commits on main (incremental scan): 2 events, 2 post lineages."
    ), run.detail
    assert [(p["path"], p["title"], p["published"]) for p in posts] == [
        ("posts/b.md", "B", "2024-01-01"),
    ]


def test_a_missing_tree_is_one_line_that_says_what_to_do(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("A.", title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    tree = repo.git("rev-parse", "HEAD:posts")
    repo.write("posts/a.md", markdown("A, edited.", title="A", date="2024-01-01"))
    repo.commit("Edit A", at(2024, 1, 2))
    delete_object(repo, tree)

    run = cli.run("scan", "-C", str(repo.path), "--db", cli.db_url)

    assert user_error(run) == (
        f"error: git log failed: unable to read tree {tree}: objects are missing from the "
        "repository; run `git fsck` to see which (in a partial clone, check that its remote "
        "is reachable)"
    )


def test_a_partial_clone_scans_without_downloading_images(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    origin = make_repo("origin")
    images = blog_with_images(origin)
    origin.write("posts/first.md", markdown("First, edited.", title="First", date="2024-01-01"))
    origin.write("static/new.png", image(3))
    origin.commit("Edit first, new image again", at(2024, 3, 1))
    bare = tmp_path / "origin.git"
    origin.git("clone", "-q", "--bare", str(origin.path), str(bare))
    origin.git("-C", str(bare), "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    origin.git("clone", "-q", "--filter=blob:none", f"file://{bare}", str(clone))
    before = missing_objects(clone)
    assert images["old"] in before and images["new"] in before

    posts = by_path(cli.posts(GitRepo(clone)))

    assert sorted(posts) == ["posts/first.md", "posts/second.md"]
    assert (posts["posts/first.md"]["title"], posts["posts/first.md"]["edits"]) == ("First", 1)
    assert posts["posts/second.md"]["title"] == "Second"
    # The old post version was fetched to be read; the images never were.
    assert missing_objects(clone) == sorted([images["old"], images["new"]])
