"""Achievements: milestones a post crossed when it was published, on real repos and in tables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from gitrepo import Cli, GitRepo, at, by_path, markdown
from streakline.achievements import Achievement, compute_achievements
from streakline.changes import DateSource, PostStatus
from streakline.rules import PostRecord
from streakline.streaks import StreakRules


def achievements(cli: Cli, repo: GitRepo, today: str) -> list[dict[str, Any]]:
    run = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", today)
    found: list[dict[str, Any]] = run.json()["achievements"]
    return found


def entry(kind: str, title: str, day: str, path: str) -> dict[str, str]:
    return {"kind": kind, "title": title, "date": day, "path": path}


def add_post(repo: GitRepo, name: str, day: date, body: str = "Some words here.") -> None:
    """A post dated `day` that lands on that day at noon (+01:00)."""
    repo.write(f"posts/{name}.md", markdown(body, title=name, date=day.isoformat()))
    repo.commit(f"Add {name}", at(day.year, day.month, day.day))


# Real repos: one test a kind ----------------------------------------------------------------


def test_first_and_tenth_post_are_dated_when_they_landed(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    for n in range(1, 11):
        add_post(repo, f"p{n:02d}", date(2024, 1, n))

    assert achievements(cli, repo, "2024-01-20") == [
        entry("posts", "1st post", "2024-01-01", "posts/p01.md"),
        entry("posts", "10th post", "2024-01-10", "posts/p10.md"),
    ]


def test_an_import_with_an_old_declared_date_is_not_the_first_post(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    add_post(repo, "new", date(2024, 3, 1))
    # Brought over from an old blog: it declares 2010, but landed after `new`.
    repo.write("posts/old.md", markdown("From the old blog.", title="Old", date="2010-05-05"))
    repo.commit("Import old", at(2024, 3, 5))

    assert by_path(cli.posts(repo, today="2024-03-10"))["posts/old.md"]["published"] == (
        "2010-05-05"
    )
    assert achievements(cli, repo, "2024-03-10") == [
        entry("posts", "1st post", "2024-03-01", "posts/new.md"),
    ]


def test_a_renamed_post_is_not_a_new_post(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    add_post(repo, "a", date(2023, 12, 20))
    repo.move("posts/a.md", "posts/c.md")
    repo.commit("Rename a", at(2024, 1, 2))
    add_post(repo, "b", date(2024, 1, 10))

    # Had the move been a new post, 2024's first post would be c.md on 2 January.
    assert achievements(cli, repo, "2024-01-20") == [
        entry("posts", "1st post", "2023-12-20", "posts/c.md"),
        entry("first_of_year", "First post of 2024", "2024-01-10", "posts/b.md"),
    ]


def test_a_draft_flipped_to_published_under_landed_dates_from_the_flip(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["posts/*.md"]\ndate_source = "landed"\n')
    repo.write("posts/a.md", markdown("Not ready.", title="A", draft="true"))
    repo.commit("Draft a", at(2023, 12, 15))
    repo.write("posts/b.md", markdown("Ready.", title="B"))
    repo.commit("Add b", at(2023, 12, 20))
    repo.write("posts/a.md", markdown("Ready now.", title="A", draft="false"))
    repo.commit("Publish a", at(2024, 1, 3))

    assert achievements(cli, repo, "2024-01-20") == [
        entry("posts", "1st post", "2023-12-20", "posts/b.md"),
        entry("first_of_year", "First post of 2024", "2024-01-03", "posts/a.md"),
    ]


def test_ten_thousand_words(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    for n in range(1, 4):
        add_post(repo, f"long{n}", date(2024, 5, n), body="word " * 4000)

    assert achievements(cli, repo, "2024-05-10") == [
        entry("posts", "1st post", "2024-05-01", "posts/long1.md"),
        entry("words", "10k words", "2024-05-03", "posts/long3.md"),
    ]


def test_first_post_of_a_year_goes_to_the_first_to_arrive(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    add_post(repo, "last-of-2023", date(2023, 12, 28))
    add_post(repo, "jan-09", date(2024, 1, 9))
    add_post(repo, "jan-30", date(2024, 1, 30))
    # Landed in 2025 though it declares 2024: 2025's first post, not 2024's.
    repo.write("posts/late.md", markdown("Late.", title="Late", date="2024-01-02"))
    repo.commit("Add late", at(2025, 2, 2))

    assert achievements(cli, repo, "2025-03-01") == [
        entry("posts", "1st post", "2023-12-28", "posts/last-of-2023.md"),
        entry("first_of_year", "First post of 2024", "2024-01-09", "posts/jan-09.md"),
        entry("first_of_year", "First post of 2025", "2025-02-02", "posts/late.md"),
    ]


def test_a_weekly_streak_reaches_one_month(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    # Wednesdays from 3 January 2024: the fifth week ends on 4 February, a month after
    # the streak's first day (Monday 1 January).
    for n in range(5):
        add_post(repo, f"w{n + 1}", date(2024, 1, 3) + timedelta(weeks=n))

    assert achievements(cli, repo, "2024-02-10") == [
        entry("posts", "1st post", "2024-01-03", "posts/w1.md"),
        entry("streak", "1-month streak", "2024-01-31", "posts/w5.md"),
    ]
    # Four weeks are not a month yet.
    assert achievements(cli, repo, "2024-01-28") == [
        entry("posts", "1st post", "2024-01-03", "posts/w1.md"),
    ]


def test_the_longest_streak_ever_is_beaten_once(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    # Two weeks, a week off, then four weeks: the third beats the first streak.
    for day in (date(2024, 1, 3), date(2024, 1, 10)):
        add_post(repo, f"a{day.day:02d}", day)
    for n in range(4):
        day = date(2024, 1, 24) + timedelta(weeks=n)
        add_post(repo, f"b{n + 1}", day)

    assert achievements(cli, repo, "2024-02-20") == [
        entry("posts", "1st post", "2024-01-03", "posts/a03.md"),
        entry("longest", "New longest streak (beat 2 weeks)", "2024-02-07", "posts/b3.md"),
    ]


def test_achievements_follow_the_cadence_on_the_screen(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    for n in range(5):
        add_post(repo, f"w{n + 1}", date(2024, 1, 3) + timedelta(weeks=n))

    run = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--today", "2024-02-10")

    lines = run.stdout.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Achievements ")))
    assert lines[start + 1 : start + 4] == [
        "  2024-01-31  1-month streak  posts/w5.md",
        "  2024-01-03  1st post        posts/w1.md",
        "",
    ]


# Tables: the thresholds a small repo does not reach -----------------------------------------


def record(n: int, published: date, *, words: int = 100, landed: date | None = None) -> PostRecord:
    return PostRecord(
        path=f"posts/p{n:04d}.md",
        title=f"P{n}",
        status=PostStatus.PUBLISHED,
        published=published,
        date_source=DateSource.DECLARED,
        tags=(),
        categories=(),
        words=words,
        edits=0,
        author="Ada",
        first_commit="a" * 40,
        last_commit="a" * 40,
        lineage_id=n,
        landed=landed,
    )


def titles(found: list[Achievement], kind: str) -> list[tuple[str, date, int]]:
    return [(a.title, a.day, a.lineage_id) for a in found if a.kind == kind]


def test_every_post_count_up_to_the_thousandth() -> None:
    start = date(2020, 1, 1)
    posts = [record(n, start + timedelta(days=n - 1)) for n in range(1, 1001)]

    found = compute_achievements(posts, StreakRules(cadence="day"), date(2023, 1, 1))

    expected = [(1, "1st"), (10, "10th"), (50, "50th"), (100, "100th"), (250, "250th"),
                (500, "500th"), (1000, "1000th")]  # fmt: skip
    assert titles(found, "posts") == [
        (f"{name} post", start + timedelta(days=n - 1), n) for n, name in expected
    ]


def test_word_totals_keep_the_largest_crossed_at_once() -> None:
    posts = [
        record(1, date(2024, 1, 1), words=9_999),
        record(2, date(2024, 1, 2), words=1),  # 10,000
        record(3, date(2024, 1, 3), words=500_000),  # past 100k in one post
        record(4, date(2024, 1, 4), words=499_999),  # 999,999+1 = 1,000,000
    ]

    found = compute_achievements(posts, StreakRules(), date(2024, 2, 1))

    assert titles(found, "words") == [
        ("10k words", date(2024, 1, 2), 2),
        ("100k words", date(2024, 1, 3), 3),
        ("1M words", date(2024, 1, 4), 4),
    ]


def test_a_yearly_streak_reaches_ten_years() -> None:
    posts = [record(n, date(2010 + n, 6, 1)) for n in range(12)]

    found = compute_achievements(posts, StreakRules(cadence="year"), date(2022, 7, 1))

    assert titles(found, "streak") == [
        ("1-year streak", date(2010, 6, 1), 0),
        ("2-year streak", date(2011, 6, 1), 1),
        ("3-year streak", date(2012, 6, 1), 2),
        ("5-year streak", date(2014, 6, 1), 4),
        ("10-year streak", date(2019, 6, 1), 9),
    ]


def test_a_monthly_streak_reaches_six_months_with_its_sixth_month() -> None:
    posts = [record(n, date(2024, n, 10)) for n in range(1, 8)]

    found = compute_achievements(posts, StreakRules(cadence="month"), date(2024, 12, 1))

    assert titles(found, "streak") == [
        ("1-month streak", date(2024, 1, 10), 1),
        ("6-month streak", date(2024, 6, 10), 6),
    ]


def test_rest_days_pause_a_daily_streak_on_its_way_to_a_month() -> None:
    """Weekends off: 1 April 2024 is a Monday, and weekends neither count nor break."""
    days = [date(2024, 4, 1) + timedelta(days=i) for i in range(60)]
    weekdays = [d for d in days if d.weekday() < 5]
    posts = [record(n, d) for n, d in enumerate(weekdays, start=1)]
    rules = StreakRules(cadence="day", rest_days=frozenset({5, 6}))

    found = compute_achievements(posts, rules, date(2024, 6, 30))

    # From 1 April through 30 April is a month: thirty days of writing, the 30th weekday.
    assert titles(found, "streak") == [("1-month streak", date(2024, 5, 10), 30)]


def test_per_period_credits_the_post_that_made_the_period_count() -> None:
    posts = [
        record(1, date(2024, 1, 1)),
        record(2, date(2024, 1, 3)),  # week 1 counts here
        record(3, date(2024, 1, 8)),
        record(4, date(2024, 1, 9)),  # week 2
        record(5, date(2024, 1, 22)),
        record(6, date(2024, 1, 23)),  # week 4 starts a new streak
        record(7, date(2024, 1, 29)),
        record(8, date(2024, 1, 30)),  # week 5: 2 weeks again, not more than before
        record(9, date(2024, 2, 5)),
        record(10, date(2024, 2, 7)),  # week 6: 3 weeks, the longest ever
    ]

    found = compute_achievements(posts, StreakRules(per_period=2), date(2024, 3, 1))

    assert titles(found, "longest") == [("New longest streak (beat 2 weeks)", date(2024, 2, 7), 10)]


def test_drafts_scheduled_and_future_posts_cross_nothing() -> None:
    draft = record(1, date(2024, 1, 1))._replace(status=PostStatus.DRAFT)
    scheduled = record(2, date(2024, 3, 1))._replace(status=PostStatus.SCHEDULED)
    # Landed before `today` but dated after it: it has not arrived yet.
    ahead = record(3, date(2024, 2, 2), landed=date(2024, 1, 20))

    assert compute_achievements([draft, scheduled, ahead], StreakRules(), date(2024, 2, 1)) == []
    assert compute_achievements([ahead], StreakRules(), date(2024, 2, 2)) == [
        Achievement("posts", "1st post", date(2024, 2, 2), 3, "posts/p0003.md"),
    ]


@pytest.mark.parametrize(
    ("n", "title"),
    [(1, "1st post"), (10, "10th post"), (100, "100th post"), (1000, "1000th post")],
)
def test_post_count_titles(n: int, title: str) -> None:
    posts = [record(i, date(2000, 1, 1) + timedelta(days=i)) for i in range(1, n + 1)]
    found = compute_achievements(posts, StreakRules(cadence="year"), date(2010, 1, 1))
    assert titles(found, "posts")[-1] == (title, date(2000, 1, 1) + timedelta(days=n), n)
