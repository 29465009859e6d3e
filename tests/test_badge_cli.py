"""`streakline badge` end to end: real repos, the real CLI."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from badgecheck import assert_texts_fit, ids, parse, texts
from gitrepo import Cli, GitRepo, Run, at, markdown, user_error

FIRST_MONDAY = date(2025, 1, 6)
WEEKS = 46  # a post every Monday from 6 January through 17 November 2025
DONE = "2025-11-19"  # the Wednesday after the last post: this week counts
AT_RISK = "2025-11-26"  # a week later, no post yet
BROKEN = "2025-12-10"  # the week of 1 December went by without one
BODY = " ".join(["word"] * 40)


def weekly_blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    """One post in 2019, then a post every Monday of 2025 through 17 November."""
    repo = make_repo()
    repo.write("posts/hello.md", markdown(BODY, title="Hello", date="2019-03-14"))
    repo.commit("Hello", at(2019, 3, 14))
    for month in range(1, 12):
        for week in range(WEEKS):
            day = FIRST_MONDAY + timedelta(weeks=week)
            if day.month == month:
                text = markdown(BODY, title=f"Week {week + 1}", date=day.isoformat())
                repo.write(f"posts/{day.isoformat()}.md", text)
        repo.commit(f"Posts of month {month}", at(2025, month, 28))
    return repo


@pytest.fixture
def blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    return weekly_blog(make_repo)


def badge(cli: Cli, repo: GitRepo, *args: str, today: str = DONE) -> Run:
    """A badge run that succeeds; an SVG's texts are checked to fit their boxes."""
    run = cli.ok("badge", "-C", str(repo.path), "--db", cli.db_url, "--today", today, *args)
    if run.stdout.startswith("<svg"):
        assert_texts_fit(run.stdout)
    return run


def test_every_kind_matches_golden(
    cli: Cli, blog: GitRepo, golden: Callable[[str, str], None]
) -> None:
    lines = {}
    for kind in ("streak", "est", "footer", "posts", "words"):
        svg = badge(cli, blog, "--kind", kind).stdout
        golden(f"badge_kind_{kind}.svg", svg)
        assert_texts_fit(svg)
        endpoint = badge(cli, blog, "--kind", kind, "--format", "shields").stdout
        golden(f"badge_kind_{kind}.json", endpoint)
        lines[kind] = badge(cli, blog, "--kind", kind, "--format", "text").stdout

    # 46 weeks from 6 January to 19 November is 10 months; 47 posts of 40 words, 1880.
    assert lines == {
        "streak": "streak: 10mo\n",
        "est": "blog: est. 2019\n",
        "footer": "est. 2019 ● 10mo streak\n",
        "posts": "posts: 47\n",
        "words": "words: 1.8k\n",
    }


@pytest.mark.parametrize(
    ("style", "streak", "footer"),
    [
        ("flat-square", ["streak", "10mo"], ["est. 2019 ● 10mo streak"]),
        ("for-the-badge", ["STREAK", "10MO"], ["EST. 2019 ● 10MO STREAK"]),
    ],
)
def test_every_style_matches_golden(
    cli: Cli,
    blog: GitRepo,
    golden: Callable[[str, str], None],
    style: str,
    streak: list[str],
    footer: list[str],
) -> None:
    for kind, drawn in (("streak", streak), ("footer", footer)):
        svg = badge(cli, blog, "--kind", kind, "--style", style).stdout
        golden(f"badge_cli_{kind}_{style}.svg", svg)
        assert texts(svg) == drawn
        assert_texts_fit(svg)


@pytest.mark.parametrize(
    ("today", "color", "message"),
    [
        pytest.param(DONE, "#4c1", "10mo", id="done"),
        pytest.param(AT_RISK, "#dfb317", "10mo", id="at-risk"),
        pytest.param(BROKEN, "#9f9f9f", "none", id="broken"),
    ],
)
def test_the_colour_follows_the_streak(
    cli: Cli, blog: GitRepo, today: str, color: str, message: str
) -> None:
    endpoint = json.loads(badge(cli, blog, "--format", "shields", today=today).stdout)
    assert endpoint == {
        "schemaVersion": 1,
        "label": "streak",
        "message": message,
        "color": color,
        "style": "flat",
    }
    svg = badge(cli, blog, "--kind", "est", "--style", "flat-square", today=today).stdout
    fills = [el.attrib["fill"] for el in parse(svg).iter("{http://www.w3.org/2000/svg}rect")]
    assert fills == ["#555", color]


def test_colour_label_and_message_overrides(cli: Cli, blog: GitRepo) -> None:
    run = badge(cli, blog, "--color", "blue", "--label", "writing", "--format", "shields")
    assert json.loads(run.stdout) == {
        "schemaVersion": 1,
        "label": "writing",
        "message": "10mo",
        "color": "#007ec6",
        "style": "flat",
    }
    run = badge(
        cli, blog, "--color=#ABC", "--kind", "custom", "--message", "daily", "--format", "shields"
    )
    assert json.loads(run.stdout) == {
        "schemaVersion": 1,
        "label": "",
        "message": "daily",
        "color": "#abc",
        "style": "flat",
    }


def test_unsafe_texts_come_out_escaped(cli: Cli, blog: GitRepo) -> None:
    label, message = "<script>alert('hi')</script>", 'a "quoted" & \u202eevil שלום'
    args = ("--kind", "custom", "--label", label, "--message", message)
    svg = badge(cli, blog, *args, "--id-suffix", "x").stdout
    endpoint = json.loads(badge(cli, blog, *args, "--format", "shields").stdout)

    assert "<script" not in svg
    assert texts(svg) == [label, 'a "quoted" & evil שלום']
    assert_texts_fit(svg)
    assert endpoint["label"] == label
    assert endpoint["message"] == 'a "quoted" & evil שלום'


def test_two_suffixes_share_no_id(cli: Cli, blog: GitRepo) -> None:
    first = badge(cli, blog, "--id-suffix", "streak").stdout
    second = badge(cli, blog, "--kind", "est", "--id-suffix", "est").stdout
    plain = badge(cli, blog, "--kind", "est").stdout

    assert ids(first) == {"sstreak", "rstreak"}
    assert ids(second) == {"sest", "rest"}
    assert ids(plain) == {"s", "r"}


def test_the_same_history_gives_the_same_bytes(cli: Cli, make_repo: Callable[..., GitRepo]) -> None:
    first = weekly_blog(lambda: make_repo("one"))
    second = weekly_blog(lambda: make_repo("two"))
    outputs = set()
    for repo in (first, first, second):
        for args in ((), ("--style", "for-the-badge"), ("--format", "shields")):
            outputs.add((args, badge(cli, repo, *args).stdout))
    assert len(outputs) == 3


def test_output_is_written_only_when_it_changes(cli: Cli, blog: GitRepo, tmp_path: Path) -> None:
    target = tmp_path / "site" / "static" / "streakline.svg"

    run = badge(cli, blog, "-o", str(target))
    assert run.stdout == ""
    assert run.stderr_lines == [f"Wrote {target}."]
    assert target.read_text() == badge(cli, blog).stdout

    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    run = badge(cli, blog, "--output", str(target))
    assert run.stderr_lines == [f"{target} is up to date."]
    assert target.stat().st_mtime_ns == 1_000_000_000

    run = badge(cli, blog, "-o", str(target), today=BROKEN)
    assert run.stderr_lines == [f"Wrote {target}."]
    assert texts(target.read_text()) == ["streak", "none"]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        pytest.param(
            ("--color", "pink"),
            "error: --color 'pink' is not a colour; give #abc, #aabbcc or one of brightgreen, "
            "green, yellow, yellowgreen, orange, red, blue, grey, lightgrey, critical, "
            "important, success, informational, inactive",
            id="bad-colour",
        ),
        pytest.param(
            ("--kind", "custom"), "error: --kind custom needs --message TEXT", id="custom-alone"
        ),
        pytest.param(
            ("--kind", "custom", "--label", "x"),
            "error: --kind custom needs --message TEXT",
            id="custom-label-only",
        ),
        pytest.param(
            ("--message", " "),
            "error: --message is empty; a badge needs something to say",
            id="empty-message",
        ),
        pytest.param(
            ("--id-suffix", "a b"),
            "error: --id-suffix 'a b' may hold only letters, digits, - and _",
            id="bad-suffix",
        ),
    ],
)
def test_bad_options_are_one_line(
    cli: Cli, blog: GitRepo, args: tuple[str, ...], error: str
) -> None:
    run = cli.run("badge", "-C", str(blog.path), "--db", cli.db_url, "--today", DONE, *args)
    assert user_error(run) == error
    assert run.stdout == ""


def test_a_bad_style_is_a_usage_error(cli: Cli, blog: GitRepo) -> None:
    run = cli.run("badge", "-C", str(blog.path), "--style", "plastic")
    assert run.exit_code == 2, run.detail


def test_a_blog_without_posts(cli: Cli, make_repo: Callable[..., GitRepo]) -> None:
    repo = make_repo()
    repo.commit("Empty", at(2025, 1, 1))
    lines = [
        badge(cli, repo, "--kind", kind, "--format", "text").stdout
        for kind in ("streak", "est", "footer", "posts", "words")
    ]
    assert lines == [
        "streak: none\n",
        "blog: no posts yet\n",
        "no streak\n",
        "posts: 0\n",
        "words: 0\n",
    ]
    endpoint = json.loads(badge(cli, repo, "--format", "shields").stdout)
    assert endpoint["color"] == "#9f9f9f"
