"""SPEC 3-5 and 8: what `posts --json` says about each lineage after a scan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import jsonschema  # type: ignore[import-untyped]
import pytest

from gitrepo import POST_KEYS, Cli, GitRepo, at, by_path, markdown

LANDED = 'posts = ["posts/*.md"]\ndate_source = "landed"\n'

POST_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": sorted(POST_KEYS),
        "additionalProperties": False,
        "properties": {
            "path": {"type": "string"},
            "title": {"type": "string"},
            "status": {"enum": ["published", "draft", "scheduled", "unpublished"]},
            "published": {
                "oneOf": [{"type": "null"}, {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]
            },
            "previously_published": {
                "oneOf": [{"type": "null"}, {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}]
            },
            "date_source": {"enum": ["declared", "landed"]},
            "tags": {"type": "array", "items": {"type": "string"}},
            "categories": {"type": "array", "items": {"type": "string"}},
            "words": {"type": "integer", "minimum": 0},
            "edits": {"type": "integer", "minimum": 0},
            "first_commit": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
            "last_commit": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
        },
    },
}


def test_posts_json_follows_the_schema(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="A", date="2024-01-01", tags="[x, y]"))
    repo.write("posts/b.md", markdown(title="B", draft="true"))
    repo.write("posts/c.md", markdown(title="C"))
    repo.commit("Posts")
    repo.remove("posts/c.md")
    repo.commit("Drop c")

    posts = cli.posts(repo, include_deleted=True)

    jsonschema.validate(posts, POST_SCHEMA)
    assert len(posts) == 3


def test_posts_json_keeps_warnings_off_stdout(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/bad.md", markdown(title="Bad", date="2024-00-00"))
    repo.commit("Bad date")

    run = cli.posts_run(repo)

    assert run.warnings, run.detail
    assert [post["path"] for post in run.json()] == ["posts/bad.md"]


def test_draft_never_published_has_no_date(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="Soon", date="2024-01-01", draft="true"))
    repo.commit("Draft")

    posts = cli.posts(repo)

    assert [(post["status"], post["published"]) for post in posts] == [("draft", None)]


@pytest.mark.parametrize(
    "marker",
    [{"draft": "true"}, {"published": "false"}, {"status": "draft"}, {"status": "hidden"}],
    ids=["draft-true", "published-false", "status-draft", "status-hidden"],
)
def test_draft_markers(marker: dict[str, str], make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="Soon", **marker))
    repo.write("posts/b.md", markdown(title="Out", status="published"))
    repo.commit("Draft")

    posts = by_path(cli.posts(repo))

    assert posts["posts/a.md"]["status"] == "draft"
    assert posts["posts/b.md"]["status"] == "published"


def test_draft_flipped_to_published_lands_at_the_flip(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=LANDED)
    repo.write("posts/a.md", markdown(title="Flip", draft="true"))
    first = repo.commit("Draft", at(2024, 1, 1))
    repo.write("posts/a.md", markdown(title="Flip", draft="false"))
    repo.commit("Publish", at(2024, 2, 1))

    (post,) = cli.posts(repo)

    assert post["status"] == "published"
    assert post["published"] == "2024-02-01"
    assert post["first_commit"] == first


def test_published_turned_into_a_draft_is_listed_as_a_draft(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="Flop", date="2024-01-01"))
    repo.commit("Publish")
    repo.write("posts/a.md", markdown(title="Flop", date="2024-01-01", draft="true"))
    repo.commit("Back to draft")

    (post,) = cli.posts(repo)

    assert (post["path"], post["status"], post["published"], post["previously_published"]) == (
        "posts/a.md",
        "draft",
        None,
        "2024-01-01",
    )


def test_deleted_post_is_unpublished(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="Gone", date="2024-01-01"))
    repo.write("posts/b.md", markdown(title="Stays", date="2024-01-01"))
    repo.commit("Publish")
    repo.remove("posts/a.md")
    repo.commit("Delete")

    listed = by_path(cli.posts(repo))
    everything = by_path(cli.posts(repo, include_deleted=True))

    assert set(listed) == {"posts/b.md"}
    assert everything["posts/a.md"]["status"] == "unpublished"


def test_republished_post_keeps_its_first_publication(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=LANDED)
    repo.write("posts/a.md", markdown(title="Again"))
    repo.commit("Publish", at(2024, 1, 1))
    repo.write("posts/a.md", markdown(title="Again", draft="true"))
    repo.commit("Hide", at(2024, 1, 15))
    repo.write("posts/a.md", markdown(title="Again"))
    repo.commit("Show", at(2024, 2, 1))

    (post,) = cli.posts(repo)

    assert post["status"] == "published"
    assert post["published"] == "2024-01-01"


def test_bulk_commits_do_not_count_as_edits(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    for n in range(20):
        repo.write(f"posts/p{n:02d}.md", markdown(f"Body {n}.", title=f"P{n}", date="2024-01-01"))
    repo.commit("Import 20 posts")
    for n in range(19):
        repo.write(
            f"posts/p{n:02d}.md", markdown(f"Body {n}, revised.", title=f"P{n}", date="2024-01-01")
        )
    repo.commit("Touch 19 posts: still writing")
    for n in range(20):
        repo.write(
            f"posts/p{n:02d}.md",
            markdown(f"Body {n}, relicensed.", title=f"P{n}", date="2024-01-01"),
        )
    repo.commit("Touch 20 posts: maintenance")

    posts = by_path(cli.posts(repo))

    assert len(posts) == 20
    assert {post["status"] for post in posts.values()} == {"published"}
    assert [posts[f"posts/p{n:02d}.md"]["edits"] for n in range(20)] == [1] * 19 + [0]


def test_bulk_threshold_is_configurable(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo(config='posts = ["posts/*.md"]\nbulk_threshold = 3\n')
    for n in range(3):
        repo.write(f"posts/p{n}.md", markdown(f"Body {n}.", title=f"P{n}"))
    repo.commit("Three posts")
    for n in range(2):
        repo.write(f"posts/p{n}.md", markdown(f"Body {n}, revised.", title=f"P{n}"))
    repo.commit("Two edits")
    for n in range(3):
        repo.write(f"posts/p{n}.md", markdown(f"Body {n}, reformatted.", title=f"P{n}"))
    repo.commit("Three edits: bulk")

    posts = by_path(cli.posts(repo))

    assert [posts[f"posts/p{n}.md"]["edits"] for n in range(3)] == [1, 1, 0]


@pytest.mark.parametrize(
    "bot",
    [
        "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>",
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
        "linkchecker[bot] <links@example.org>",
    ],
)
def test_bots_make_no_edits(bot: str, make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/human.md", markdown("Words.", title="Human"))
    repo.commit("Human post")
    repo.write("posts/human.md", markdown("Words, with a fixed link.", title="Human"))
    repo.commit("Fix link", author=bot)
    repo.write("posts/robot.md", markdown("Generated.", title="Robot"))
    repo.commit("Add generated post", author=bot)
    repo.write("posts/robot.md", markdown("Generated again.", title="Robot"))
    repo.commit("Regenerate", author=bot)

    posts = by_path(cli.posts(repo))

    assert posts["posts/human.md"]["edits"] == 0
    assert posts["posts/robot.md"]["status"] == "published"
    assert posts["posts/robot.md"]["edits"] == 0


def test_bots_are_matched_after_the_mailmap(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write(".mailmap", "renovate[bot] <robot@example.org> Build Robot <robot@example.org>\n")
    repo.write("posts/a.md", markdown("Words.", title="A"))
    repo.commit("Post")
    repo.write("posts/a.md", markdown("Words, updated.", title="A"))
    repo.commit("Update", author="Build Robot <robot@example.org>")
    repo.write("posts/a.md", markdown("Words, updated by hand.", title="A"))
    repo.commit("Update by hand")

    (post,) = cli.posts(repo)

    assert post["edits"] == 1


def test_backdated_import_uses_the_declared_date(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/old.md", markdown(title="From the old blog", date="2009-05-04"))
    repo.commit("Import", at(2024, 6, 1), author_when=at(2009, 5, 4))

    (post,) = cli.posts(repo)

    assert post["published"] == "2009-05-04"
    assert post["date_source"] == "declared"


def test_backdated_import_in_landed_mode_uses_the_commit_date(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=LANDED)
    repo.write("posts/old.md", markdown(title="From the old blog", date="2009-05-04"))
    repo.commit("Import", at(2024, 6, 1), author_when=at(2009, 5, 4))

    (post,) = cli.posts(repo)

    assert post["published"] == "2024-06-01"
    assert post["date_source"] == "landed"


def test_post_without_a_declared_date_lands_at_its_commit(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/undated.md", markdown(title="Undated"))
    repo.commit("Add", at(2024, 3, 3))

    (post,) = cli.posts(repo)

    assert (post["published"], post["date_source"]) == ("2024-03-03", "landed")


@pytest.mark.parametrize("bad", ["2024-00-00", "2020-12-XX", "2023-02-30"])
def test_impossible_date_warns_and_falls_back_to_the_commit(
    bad: str, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/bad.md", markdown(title="Bad", date=bad))
    repo.commit("Add", at(2024, 1, 5))

    run = cli.scan(repo)
    (post,) = cli.posts(repo)

    assert any("posts/bad.md" in line for line in run.warnings), run.detail
    assert (post["published"], post["date_source"]) == ("2024-01-05", "landed")


def test_impossible_date_falls_back_to_the_file_name(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/2023-07-08-trip.md", markdown(title="Trip", date="2020-12-XX"))
    repo.commit("Add", at(2024, 1, 5))

    run = cli.scan(repo)
    (post,) = cli.posts(repo)

    assert run.warnings, run.detail
    assert (post["published"], post["date_source"]) == ("2023-07-08", "declared")


@pytest.mark.parametrize(
    ("declared", "status"),
    [("2024-03-08", "published"), ("2024-03-09", "published"), ("2024-03-10", "scheduled")],
)
def test_post_dated_more_than_a_day_ahead_is_scheduled(
    declared: str, status: str, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="Soon", date=declared))
    repo.commit("Add", at(2024, 3, 1))

    (post,) = cli.posts(repo, today="2024-03-08")

    assert (post["status"], post["published"]) == (status, declared)


@pytest.mark.parametrize(
    ("when", "tz_setting", "day"),
    [
        (at(2024, 3, 1, 0, 30), None, "2024-03-01"),
        (at(2024, 3, 1, 23, 30, tz=timezone(timedelta(hours=-5))), None, "2024-03-01"),
        (at(2024, 3, 1, 0, 30), "UTC", "2024-02-29"),
        (at(2024, 3, 1, 23, 30, tz=timezone(timedelta(hours=-5))), "UTC", "2024-03-02"),
        (at(2024, 3, 1, 5, 0, tz=timezone(timedelta(hours=5, minutes=30))), "UTC", "2024-02-29"),
    ],
    ids=["+0100-event", "-0500-event", "+0100-utc", "-0500-utc", "+0530-utc"],
)
def test_event_keeps_the_committer_offset(
    when: datetime, tz_setting: str | None, day: str, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    config = LANDED + (f'timezone = "{tz_setting}"\n' if tz_setting else "")
    repo = make_repo(config=config)
    repo.write("posts/a.md", markdown(title="Late"))
    repo.commit("Add", when)

    (post,) = cli.posts(repo)

    assert post["published"] == day


def test_event_time_is_the_committer_date(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo(config=LANDED)
    repo.write("posts/a.md", markdown(title="Cherry-picked"))
    repo.commit("Add", at(2024, 5, 20), author_when=at(2024, 4, 2))

    (post,) = cli.posts(repo)

    assert post["published"] == "2024-05-20"


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        ('"python, git tips"', ["git tips", "python"]),
        ('"python git"', ["git", "python"]),
        ('"#python, #git"', ["git", "python"]),
        ("[python, git]", ["git", "python"]),
    ],
    ids=["commas", "spaces", "hashes", "list"],
)
def test_tags(tags: str, expected: list[str], make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown(title="Tagged", tags=tags))
    repo.commit("Add")

    (post,) = cli.posts(repo)

    assert sorted(post["tags"]) == expected


def test_words_count_the_body_without_front_matter_or_code(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    body = "# Heading\n\nIt's 2024 and 每个字.\n\n```python\nprint('not counted at all')\n```\n"
    repo = make_repo()
    repo.write("posts/a.md", markdown(body, title="Counted words here"))
    repo.commit("Add")

    (post,) = cli.posts(repo)

    assert post["words"] == 7


def test_title_falls_back_to_heading_then_file_name(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/headed.md", "# From the heading\n\nBody.\n")
    repo.write("posts/plain-name.md", "Just a body.\n")
    repo.commit("Add")

    posts = by_path(cli.posts(repo))

    assert posts["posts/headed.md"]["title"] == "From the heading"
    assert posts["posts/plain-name.md"]["title"] in {"plain-name", "plain-name.md"}
