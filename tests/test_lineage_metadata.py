"""SPEC 4-5: what a lineage keeps across broken versions, earlier names and draft folders."""

from __future__ import annotations

from collections.abc import Callable

from gitrepo import Cli, GitRepo, at, by_path, markdown

JEKYLL = 'posts = ["_posts/**/*.md"]\ndrafts = ["_drafts/**/*.md"]\n'


def test_date_of_an_earlier_name_survives_a_move_into_a_page_bundle(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["content/posts/**/*.md"]\n')
    repo.write("_posts/2017-07-04-old-one.md", markdown("Old words.", title="Old one"))
    repo.commit("Old blog", at(2019, 3, 1))
    repo.move("_posts/2017-07-04-old-one.md", "content/posts/old-one/index.md")
    repo.write("content/posts/old-one/index.md", markdown("Old words, moved.", title="Old one"))
    repo.commit("New layout", at(2024, 1, 1))

    (post,) = cli.posts(repo)

    assert (post["path"], post["published"], post["date_source"]) == (
        "content/posts/old-one/index.md",
        "2017-07-04",
        "declared",
    )


def test_date_of_an_earlier_name_survives_an_incremental_scan(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["content/posts/**/*.md"]\n')
    repo.write("_posts/2017-07-04-old-one.md", markdown("Old words.", title="Old one"))
    repo.commit("Old blog", at(2019, 3, 1))
    cli.scan(repo)
    repo.move("_posts/2017-07-04-old-one.md", "content/posts/old-one/index.md")
    repo.commit("New layout", at(2024, 1, 1))

    run = cli.scan(repo)
    (post,) = cli.posts(repo)

    # The move alone is read: the earlier name comes from what the first scan stored.
    assert run.stderr_lines == [
        "Scanned 1 commits on main (incremental scan): 1 events, 1 post lineages."
    ], run.detail
    assert (post["published"], post["date_source"]) == ("2017-07-04", "declared")


def test_jekyll_drafts_folder_holds_drafts_until_moved_into_posts(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=JEKYLL + 'date_source = "landed"\n')
    repo.write("_drafts/idea.md", markdown("Not yet.", title="Idea"))
    repo.write("_posts/2024-01-01-live.md", markdown("Out.", title="Live"))
    repo.commit("Start", at(2024, 1, 1))
    cli.scan(repo)

    before = {p["path"]: p["status"] for p in cli.posts(repo)}
    repo.move("_drafts/idea.md", "_posts/2024-03-01-idea.md")
    repo.commit("Publish the idea", at(2024, 3, 2))
    after = by_path(cli.posts(repo))

    assert before == {"_drafts/idea.md": "draft", "_posts/2024-01-01-live.md": "published"}
    assert (
        after["_posts/2024-03-01-idea.md"]["status"],
        after["_posts/2024-03-01-idea.md"]["published"],
    ) == (
        "published",
        "2024-03-02",
    )


def test_one_author_under_two_names_counts_once_under_the_latest(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1), author="ada l <ada@example.org>")
    repo.write("posts/b.md", markdown(title="B", date="2024-01-08"))
    repo.commit("B", at(2024, 1, 8), author="Ada Lovelace <ada@example.org>")
    repo.write("posts/c.md", markdown(title="C", date="2024-01-09"))
    repo.commit("C", at(2024, 1, 9), author="Bo <bo@example.org>")

    report = cli.ok(
        "stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", "2024-01-10"
    ).json()

    assert report["authors"] == {"Ada Lovelace": 2, "Bo": 1}


def test_a_post_turned_back_into_a_draft_counts_only_with_include_deleted(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="Flop", date="2024-01-01"))
    repo.write("posts/b.md", markdown(title="Stays", date="2024-01-02"))
    repo.commit("Publish", at(2024, 1, 2))
    repo.write("posts/a.md", markdown(title="Flop", date="2024-01-01", draft="true"))
    repo.commit("Back to draft", at(2024, 1, 3))
    args = ("stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", "2024-01-04")

    plain = cli.ok(*args).json()["totals"]
    deleted = cli.ok(*args, "--include-deleted").json()["totals"]

    assert (plain["posts"], plain["drafts"], plain["first_post"]) == (1, 1, "2024-01-02")
    assert (deleted["posts"], deleted["first_post"]) == (2, "2024-01-01")
