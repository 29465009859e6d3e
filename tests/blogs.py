"""Blogs a writer might point streakline at, built as real git repos with fixed dates.

Each builder takes a fresh `GitRepo` (from the `make_repo` fixture) and returns the `--today`
its screens are rendered for. Posts carry no declared date unless said: each is published on
the day its commit lands, as most blogs are.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone

from gitrepo import GitRepo, markdown

PLUS_ONE = timezone(timedelta(hours=1))
TODAY = "2026-11-25"  # a Wednesday
TOPICS = ("python", "git", "writing", "vim", "sqlite", "travel", "books")


def landing(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), PLUS_ONE)


def words(n: int, seed: int) -> str:
    """`n` plain words, different for each seed, so word counts are exact."""
    vocabulary = ("habit", "draft", "notes", "river", "garden", "letter", "morning", "quiet")
    return " ".join(vocabulary[(seed + i * 3) % len(vocabulary)] for i in range(n)) + "."


def publish_each(
    repo: GitRepo, posts: Iterable[tuple[date, str, str]], folder: str = "posts"
) -> None:
    """One commit a post: (day, slug, tags) published on `day`, with 40-240 words."""
    for n, (day, slug, tags) in enumerate(posts):
        body = words(40 + (n * 37) % 200, n)
        repo.write(f"{folder}/{slug}.md", markdown(body, title=slug.replace("-", " "), tags=tags))
        repo.commit(f"Publish {slug}", landing(day))


# A blog established in 2007 and still active ---------------------------------------------

# Posts per year: a busy start, quiet years (2011 and 2016 have none) and a weekly habit
# taken up again in the autumn of 2026.
SINCE_2007_YEARS = {
    2007: 14, 2008: 9, 2009: 6, 2010: 3, 2011: 0, 2012: 2, 2013: 5, 2014: 4, 2015: 1,
    2016: 0, 2017: 2, 2018: 3, 2019: 6, 2020: 8, 2021: 4, 2022: 2, 2023: 3, 2024: 5, 2025: 6,
}  # fmt: skip
SINCE_2007_WEEKLY_FROM = date(2026, 9, 1)  # a Tuesday: every Tuesday from here on


def since_2007_days() -> list[date]:
    days: list[date] = []
    for year, count in SINCE_2007_YEARS.items():
        # Spread over the year, a little earlier each post so no two years look alike.
        days += [
            date(year, 1, 10) + timedelta(days=(350 * n) // max(count, 1)) for n in range(count)
        ]
    day = SINCE_2007_WEEKLY_FROM
    while day <= date(2026, 11, 24):
        days.append(day)
        day += timedelta(weeks=1)
    return days


def since_2007(repo: GitRepo) -> str:
    """A Jekyll blog from March 2007 to now, with a goal of 52 posts a year."""
    repo.write("_config.yml", "title: Notes from the Shed\nmarkdown: kramdown\n")
    repo.write(".streakline.toml", 'posts = ["_posts/*.md"]\n\n[goal]\nposts = 52\n')
    days = since_2007_days()
    posts = [
        (day, f"{day.isoformat()}-post-{n:03d}", f"[{TOPICS[n % 5]}, {TOPICS[(n + 2) % 7]}]")
        for n, day in enumerate(days)
    ]
    publish_each(repo, posts, folder="_posts")
    return TODAY


# A blog dormant since 2016 ----------------------------------------------------------------


def dormant_days() -> list[date]:
    """Monthly in 2012, a 14-week run in early 2016, then nothing."""
    days = [date(2011, 6, 7), date(2011, 6, 21), date(2011, 9, 13)]
    days += [date(2012, month, 3) for month in range(1, 13)]
    days += [date(2013, 5, 14), date(2014, 10, 2)]  # then the longest gap, to 2016
    days += [date(2016, 1, 5) + timedelta(weeks=n) for n in range(14)]
    return days


def dormant(repo: GitRepo) -> str:
    """A Pelican blog that stopped in April 2016."""
    repo.write(
        "pelicanconf.py", "AUTHOR = 'Ada'\nSITENAME = \"Ada's Lab Book\"\nPATH = 'content'\n"
    )
    repo.write(".streakline.toml", 'posts = ["content/*.md"]\n')
    posts = [(day, f"entry-{n:02d}", f"[{TOPICS[n % 3]}]") for n, day in enumerate(dormant_days())]
    publish_each(repo, posts, folder="content")
    return TODAY


# A TIL repo: categories from folders, no tags ----------------------------------------------

TIL_NOTES = (
    ("2025-03-04", "python", "walrus-in-comprehensions", "The walrus in comprehensions"),
    ("2025-03-18", "git", "range-diff", "Comparing two branches with range-diff"),
    ("2025-04-02", "sql", "window-frames", "Window frames in SQLite"),
    ("2025-05-21", "python", "zoneinfo", "zoneinfo instead of pytz"),
    ("2025-06-10", "bash", "set-euo", "What set -euo pipefail really does"),
    ("2025-08-19", "git", "worktrees", "Worktrees for reviews"),
    ("2025-10-07", "python", "functools-cache", "functools.cache and methods"),
    ("2025-12-02", "sql", "upsert", "Upserts with ON CONFLICT"),
    ("2026-01-13", "git", "mailmap", "One writer, many emails: .mailmap"),
    ("2026-03-03", "python", "tomllib", "Reading TOML with tomllib"),
    ("2026-05-26", "bash", "printf-q", "printf %q for quoting"),
    ("2026-08-04", "python", "typing-never", "assert_never for exhaustive matches"),
    ("2026-10-20", "git", "first-parent", "git log --first-parent"),
    ("2026-11-10", "sql", "strict-tables", "SQLite strict tables"),
)


def til(repo: GitRepo) -> str:
    """Notes one folder deep, no front matter: detection makes the folder the category."""
    repo.write("README.md", "# TIL\n\nThings I learned.\n")
    repo.commit("Start", landing(date(2025, 3, 1)))
    for n, (day, folder, slug, title) in enumerate(TIL_NOTES):
        repo.write(f"{folder}/{slug}.md", f"# {title}\n\n{words(30 + 17 * n, n)}\n")
        repo.commit(f"TIL: {title}", landing(date.fromisoformat(day)))
    return TODAY


# A Hugo blog with Japanese titles ---------------------------------------------------------

CJK_POSTS = (
    ("2026-06-02", "kaiwa", "朝の散歩と考えごと", "[日記]"),
    ("2026-06-16", "hon", "読書メモと文章の書き方", "[読書, writing]"),
    ("2026-07-07", "tabi", "京都への小さな旅 🚃", "[旅行, 日記]"),
    ("2026-08-04", "git", "Gitで書く習慣", "[git, 習慣]"),
    ("2026-09-15", "kissa", "喫茶店で書いた短い記事", "[日記]"),
    ("2026-10-06", "english", "A post in English among the others", "[writing]"),
    ("2026-11-03", "aki", "秋の終わりに", "[日記, 季節]"),
)


def cjk(repo: GitRepo) -> str:
    """A Hugo site whose config names it in Japanese."""
    repo.write("hugo.toml", 'baseURL = "https://example.org/"\ntitle = "日本語のブログ"\n')
    repo.write("content/about.md", markdown("About me.", title="About"))
    repo.commit("Start the site", landing(date(2026, 6, 1)))
    for n, (day, slug, title, tags) in enumerate(CJK_POSTS):
        body = "今日は" + "書く" * (20 + 7 * n) + "。" + words(10 + n, n)
        repo.write(f"content/posts/{slug}.md", markdown(body, title=f'"{title}"', tags=tags))
        repo.commit(f"Publish {slug}", landing(date.fromisoformat(day)))
    return TODAY


def empty(repo: GitRepo) -> str:
    """`git init` and nothing else."""
    return TODAY
