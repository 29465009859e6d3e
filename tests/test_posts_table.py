"""The `posts` table: whole rows on a pipe, shared widths and CJK cells on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

import pytest

import blogs
from gitrepo import Cli, GitRepo, Run
from goldens import check_golden
from streakline.render.cells import cell_width, cut, cut_left, pad
from streakline.render.posts import render_posts_table
from streakline.rules import PostRecord
from terminal import run_streakline


@pytest.fixture
def cjk_blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    repo = make_repo("nikki", config=None)
    blogs.cjk(repo)
    return repo


def test_rows_are_whole_on_a_pipe(
    cjk_blog: GitRepo,
    cli: Cli,
    run_process: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    # A narrow COLUMNS is what a terminal would say; a pipe is not a terminal.
    monkeypatch.setenv("COLUMNS", "80")
    run = run_process("posts", "-C", str(cjk_blog.path), "--db", cli.db_url, "--today", blogs.TODAY)

    assert run.exit_code == 0, run.detail
    check_golden(request, "posts_cjk_pipe.txt", run.stdout)
    rows = run.stdout.splitlines()[1:-2]
    assert len(rows) == len(blogs.CJK_POSTS)
    for row, (_, slug, title, _) in zip(rows, blogs.CJK_POSTS, strict=True):
        assert f"  {title}  " in row and f"  content/posts/{slug}.md  " in row, row


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a pseudo-terminal")
def test_cjk_titles_stay_in_line_at_80_columns(
    cjk_blog: GitRepo, cli: Cli, request: pytest.FixtureRequest
) -> None:
    out = run_streakline(
        "posts", "-C", str(cjk_blog.path), "--db", cli.db_url, "--today", blogs.TODAY,
        env={"COLUMNS": "80"},
        stdout_tty=True,
    )  # fmt: skip

    assert out.exit_code == 0, out.detail
    text = out.stdout.decode()
    check_golden(request, "posts_cjk_80.txt", text)
    lines = text.splitlines()
    table = lines[:-2]
    assert max(cell_width(line) for line in table) == 80
    # Every row's path and tags start in the cell where their headings do.
    for heading in ("path", "tags"):
        column = table[0].index(heading)
        for line in table[1:]:
            at = next(i for i in range(len(line)) if cell_width(line[:i]) >= column)
            assert cell_width(line[:at]) == column, line
            assert line[at - 2 : at] == "  " and line[at] != " ", line


def record(title: str, path: str, tags: tuple[str, ...]) -> PostRecord:
    return PostRecord(
        path=path,
        title=title,
        status="published",
        published=date(2026, 11, 3),
        date_source="declared",
        tags=tags,
        categories=(),
        words=1234,
        edits=2,
        author="Ada",
        first_commit="a" * 40,
        last_commit="b" * 40,
    )


LONG_TITLE = "What I learned from writing every week for three years, and what I did not"
LONG_PATH = "content/posts/2026/11/what-i-learned-from-writing-every-week/index.md"
TWO_TAGS = "writing, habits"
THREE_TAGS = ("writing", "habits", "a long tag")
SHORT = record("Short title", "posts/a.md", ("git",))


@pytest.mark.parametrize(
    ("posts", "width", "widths", "tags"),
    [
        # All fits: nothing is cut, and no column is wider than its longest cell.
        ([record(LONG_TITLE, LONG_PATH, ("writing", "habits"))], 200, (74, 69, 15), TWO_TAGS),
        # The path and tags need less than their share: the title takes the rest.
        ([record(LONG_TITLE, "posts/a.md", ("git",))], 100, (47, 10, 4), "git"),
        # Everything is long: title 3 parts, path 2, tags 1 of the 61 cells the fixed columns
        # leave, the cell that rounding leaves over to the title.
        ([record(LONG_TITLE, LONG_PATH, THREE_TAGS)], 100, (31, 20, 10), "writing,…"),
        # Too narrow for every column: nothing is cut below what it needs, the row runs on.
        ([SHORT], 40, (11, 10, 4), "git"),
    ],
)
def test_title_path_and_tags_share_the_room(
    posts: list[PostRecord], width: int, widths: tuple[int, int, int], tags: str
) -> None:
    lines = render_posts_table(posts, width).splitlines()
    header = lines[0]

    title_at = header.index("title")
    path_at = header.index("path")
    tags_at = header.index("tags")
    assert (path_at - title_at - 2, tags_at - path_at - 2) == widths[:2]
    assert lines[1][tags_at:] == tags
    # The four fixed columns and six gaps take 39 cells; the tags heading, 4.
    assert cell_width(lines[0]) == 39 + widths[0] + widths[1] + 4
    assert cell_width(lines[1]) <= 39 + sum(widths) <= max(width, 39 + 28)


@pytest.mark.parametrize(
    ("text", "width", "cut_text", "left_text", "padded"),
    [
        ("abcdef", 4, "abc…", "…def", "abcdef"),
        ("日本語の記事", 7, "日本語…", "…の記事", "日本語の記事"),
        ("日本語の記事", 6, "日本…", "…記事", "日本語の記事"),
        ("a日本", 8, "a日本", "a日本", "a日本   "),
        ("👍🏽 ok", 4, "👍🏽…", "… ok", "👍🏽 ok"),
    ],
)
def test_cells(text: str, width: int, cut_text: str, left_text: str, padded: str) -> None:
    assert cut(text, width) == cut_text
    assert cut_left(text, width) == left_text
    assert cell_width(cut(text, width)) <= width
    assert pad(text, width) == padded
