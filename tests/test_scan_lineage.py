"""SPEC 3 and 5: lineages follow a post through renames, moves and merges."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gitrepo import Cli, GitRepo, at, by_path, markdown

LONG_BODY = "\n\n".join(
    f"Paragraph {n}: the quick brown fox jumps over the lazy dog, again and again."
    for n in range(12)
)


def test_rename_chain_keeps_one_lineage(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(LONG_BODY, title="Chain", date="2024-01-02"))
    first = repo.commit("Add a")
    repo.move("posts/a.md", "posts/b.md")
    repo.commit("a -> b")
    repo.move("posts/b.md", "posts/c.md")
    last = repo.commit("b -> c")

    posts = cli.posts(repo, include_deleted=True)

    assert [post["path"] for post in posts] == ["posts/c.md"]
    (post,) = posts
    assert post["first_commit"] == first
    assert post["last_commit"] == last
    assert post["edits"] == 0
    assert post["published"] == "2024-01-02"


def test_rename_with_an_edit_counts_as_an_edit(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(LONG_BODY, title="Moved", date="2024-01-02"))
    first = repo.commit("Add a")
    repo.move("posts/a.md", "posts/b.md")
    repo.write(
        "posts/b.md", markdown(LONG_BODY + "\n\nOne more line.", title="Moved", date="2024-01-02")
    )
    repo.commit("Move and touch up")

    posts = cli.posts(repo, include_deleted=True)

    assert [post["path"] for post in posts] == ["posts/b.md"]
    assert posts[0]["first_commit"] == first
    assert posts[0]["edits"] == 1


def test_delete_then_add_with_same_date_and_title_continues_the_lineage(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("Original words.", title="Same", date="2023-06-01"))
    first = repo.commit("Add")
    repo.remove("posts/a.md")
    repo.commit("Remove")
    repo.write(
        "posts/elsewhere.md", markdown("Other words entirely.", title="Same", date="2023-06-01")
    )
    repo.commit("Add again")

    posts = cli.posts(repo, include_deleted=True)

    assert [post["path"] for post in posts] == ["posts/elsewhere.md"]
    assert posts[0]["first_commit"] == first
    assert posts[0]["status"] == "published"
    assert posts[0]["published"] == "2023-06-01"


def test_readded_path_with_another_title_is_a_new_lineage(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("Old words.", title="Old", date="2023-06-01"))
    first = repo.commit("Add old")
    repo.remove("posts/a.md")
    repo.commit("Remove old")
    repo.write("posts/a.md", markdown("New words.", title="New", date="2024-02-01"))
    again = repo.commit("Add new")

    everything = cli.posts(repo, include_deleted=True)
    listed = cli.posts(repo)

    by_title = {post["title"]: post for post in everything}
    assert sorted(by_title) == ["New", "Old"]
    assert by_title["Old"]["status"] == "unpublished"
    assert by_title["Old"]["first_commit"] == first
    assert by_title["New"]["status"] == "published"
    assert by_title["New"]["first_commit"] == again
    assert [post["title"] for post in listed] == ["New"]


@pytest.mark.parametrize("scan_between", [False, True], ids=["one-scan", "scan-before-move"])
def test_layout_move_keeps_history_with_only_the_new_layout_configured(
    scan_between: bool, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["content/**/*.md"]\ndate_source = "landed"\n')
    repo.write("_posts/2015-03-01-hello.md", markdown(LONG_BODY, title="Hello"))
    repo.write("_posts/2015-04-01-left-behind.md", markdown("Never moved.", title="Left"))
    first = repo.commit("Jekyll post", at(2015, 3, 2))
    if scan_between:
        cli.scan(repo)
    repo.move("_posts/2015-03-01-hello.md", "content/posts/hello.md")
    repo.commit("Move to Hugo", at(2020, 9, 1))

    posts = cli.posts(repo, include_deleted=True)

    assert [post["path"] for post in posts] == ["content/posts/hello.md"]
    (post,) = posts
    assert post["first_commit"] == first
    assert post["published"] == "2015-03-02"
    assert post["date_source"] == "landed"
    assert post["edits"] == 0


def test_side_branch_work_lands_at_the_merge(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo(config='posts = ["posts/*.md"]\ndate_source = "landed"\n')
    repo.write("posts/first.md", markdown("First words.", title="First"))
    repo.write("posts/old-name.md", markdown(LONG_BODY, title="Renamed later"))
    base = repo.commit("Start", at(2024, 1, 1))
    repo.git("checkout", "-q", "-b", "side")
    repo.remove("posts/old-name.md")
    repo.commit("Drop the old name", at(2024, 1, 2))
    repo.write("posts/new-name.md", markdown(LONG_BODY, title="Renamed later"))
    repo.write("posts/side.md", markdown("Side words.", title="Side"))
    repo.commit("Add under the new name", at(2024, 1, 3))
    repo.checkout("main")
    repo.write("posts/first.md", markdown("First words, revised.", title="First"))
    repo.commit("Revise first", at(2024, 1, 4))
    merge = repo.merge("side", at(2024, 1, 10))

    posts = by_path(cli.posts(repo, include_deleted=True))

    assert set(posts) == {"posts/first.md", "posts/new-name.md", "posts/side.md"}
    assert posts["posts/side.md"]["published"] == "2024-01-10"
    assert posts["posts/side.md"]["first_commit"] == merge
    assert posts["posts/new-name.md"]["first_commit"] == base
    assert posts["posts/new-name.md"]["published"] == "2024-01-01"
    assert posts["posts/new-name.md"]["edits"] == 0
    assert posts["posts/first.md"]["edits"] == 1
