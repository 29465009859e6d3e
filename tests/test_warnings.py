"""SPEC 4: problems at the tip are named one by one; problems fixed since are one line."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gitrepo import Cli, GitRepo, at, markdown
from streakline.frontmatter import parse_post
from streakline.scanwarnings import Flawed, Tip, compute_warnings, problem_kind

BROKEN = "---\ntitle: [unclosed\ndate: 2024-01-01\n---\n\nBody words.\n"


def test_problems_at_the_tip_are_named_and_fixed_ones_summed(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/fixed.md", BROKEN)
    repo.write("posts/dated.md", markdown("Dated.", title="Dated", date="2024-00-00"))
    repo.commit("Two posts with problems", at(2024, 1, 1))
    repo.write("posts/fixed.md", BROKEN.replace("Body", "More body"))
    repo.commit("Edit, still broken", at(2024, 1, 2))
    repo.write("posts/fixed.md", markdown("Fixed.", title="Fixed", date="2024-01-01"))
    repo.write("posts/dated.md", markdown("Dated.", title="Dated", date="2024-01-05"))
    repo.commit("Fix both", at(2024, 1, 3))
    repo.write("posts/broken.md", markdown("Fine at first.", title="Broken", date="2024-01-04"))
    repo.commit("A good post", at(2024, 1, 4))
    repo.write("posts/broken.md", BROKEN.replace("2024-01-01", "2024-01-04"))
    broken_at = repo.commit("Break it", at(2024, 1, 5))
    repo.move("posts/broken.md", "posts/still-broken.md")
    repo.commit("Rename it", at(2024, 1, 6))

    # The wording of each problem is the reader's (tests/test_frontmatter.py checks it).
    _, problems = parse_post(repo.read("posts/still-broken.md").encode(), "posts/still-broken.md")

    run = cli.scan(repo)

    assert len(problems) == 1
    assert problems[0].startswith("front matter does not parse: ")
    assert run.warnings == [
        f"warning: posts/still-broken.md at {broken_at[:10]}: {problems[0]}",
        "warning: 3 old versions of 2 posts had problems that are gone at the tip "
        "(front matter does not parse: 2, impossible date: 1)",
    ], run.detail


def test_a_fixed_problem_in_an_incremental_scan_is_not_repeated(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/a.md", markdown("A.", title="A", date="2024-13-01"))
    first = repo.commit("A", at(2024, 1, 1))
    before = cli.scan(repo)
    repo.write("posts/a.md", markdown("A.", title="A", date="2024-01-01"))
    repo.commit("Fix the date", at(2024, 1, 2))

    after = cli.scan(repo)

    assert before.warnings == [
        f"warning: posts/a.md at {first[:10]}: impossible date '2024-13-01' ignored"
    ], before.detail
    assert after.warnings == [], after.detail


@pytest.mark.parametrize(
    ("problem", "kind"),
    [
        ("front matter does not parse: no closing '---' line", "front matter does not parse"),
        ("impossible date '2024-00-00' ignored", "impossible date"),
        ("unreadable date 'soon' ignored", "unreadable date"),
        ("not UTF-8; decoded with replacement characters", "not UTF-8"),
        ("holds NUL bytes; skipped", "holds NUL bytes"),
    ],
)
def test_problem_kind(problem: str, kind: str) -> None:
    assert problem_kind(problem) == kind


def test_deleted_posts_count_as_old_and_pages_stay_quiet() -> None:
    flawed = [
        Flawed(1, "c1" * 20, "b1" * 20, ("impossible date '2024-00-00' ignored",)),
        Flawed(2, "c2" * 20, "b2" * 20, ("not UTF-8; decoded with replacement characters",)),
        Flawed(3, "c3" * 20, "b3" * 20, ("impossible date '2024-00-00' ignored",)),
        # The same problem in an older version of a post that still has it: named at the tip.
        Flawed(3, "c4" * 20, "b4" * 20, ("impossible date '2024-99-00' ignored",)),
    ]
    tips = {
        1: Tip("posts/gone.md", None),
        2: Tip("about.md", "b2" * 20),
        3: Tip("posts/c.md", "b4" * 20),
    }

    lines = compute_warnings(flawed, tips, lambda path: path.startswith("posts/"))

    assert lines == [
        f"posts/c.md at {'c4' * 5}: impossible date '2024-99-00' ignored",
        "1 old version of 1 post had problems that are gone at the tip (impossible date: 1)",
    ]
