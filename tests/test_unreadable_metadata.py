"""SPEC 4: a version whose metadata cannot be read at all never publishes, retracts or redates."""

from __future__ import annotations

from collections.abc import Callable

from gitrepo import Cli, GitRepo, at, markdown


def test_a_version_with_unreadable_metadata_changes_nothing(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    """Front matter of which nothing can be read keeps the previous version's fields."""
    repo = make_repo()
    repo.write("posts/a.md", markdown("Body.", title="Kept", date="2024-01-05", tags="[x]"))
    repo.commit("Publish", at(2024, 1, 5))
    repo.write("posts/a.md", "---\n: : :\n---\nBody, edited.\n")
    repo.commit("Break it", at(2024, 2, 1))

    (post,) = cli.posts(repo)

    assert (post["title"], post["status"], post["published"], post["tags"]) == (
        "Kept",
        "published",
        "2024-01-05",
        ["x"],
    )


def test_a_first_version_with_unreadable_metadata_waits_as_a_draft(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["posts/*.md"]\ndate_source = "landed"\n')
    repo.write("posts/a.md", "---\n: : :\n---\nBody.\n")
    repo.commit("Start", at(2024, 1, 5))
    cli.scan(repo)
    repo.write("posts/a.md", markdown("Body.", title="Ready"))
    repo.commit("Fix front matter", at(2024, 2, 1))

    (post,) = cli.posts(repo)

    # Published by the first readable version, not by the broken one a month before.
    assert (post["title"], post["status"], post["published"]) == (
        "Ready",
        "published",
        "2024-02-01",
    )
