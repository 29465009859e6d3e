"""Git histories an adversarial run found mishandled: each is read right, or refused in one line."""

from __future__ import annotations

from collections.abc import Callable

from gitrepo import Cli, GitRepo, at, markdown


def test_item_01_fast_forward_merge_does_not_duplicate_posts(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/one.md", markdown("One.", title="One", date="2024-01-01"))
    origin = repo.commit("O", at(2024, 1, 1))
    repo.write("posts/two.md", markdown("Two.", title="Two", date="2024-01-02"))
    scanned = repo.commit("X", at(2024, 1, 2))
    cli.scan(repo)
    # A pull request branch made at O merges X with --no-ff; main then fast-forwards to it.
    repo.branch("pr", origin)
    repo.checkout("pr")
    merge = repo.merge("main", at(2024, 1, 3))
    repo.checkout("main")
    repo.git("merge", "-q", "--ff-only", "pr")
    assert repo.head() == merge

    run = cli.scan(repo)

    posts = cli.posts(repo)
    assert sorted(p["path"] for p in posts) == ["posts/one.md", "posts/two.md"]
    assert run.warnings == [
        f"warning: {scanned[:10]} is no longer on the first-parent line of main (a merge was "
        "fast-forwarded); starting over"
    ]
