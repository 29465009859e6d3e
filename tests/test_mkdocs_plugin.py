"""The MkDocs plugin in real `mkdocs build`s of what `streakline export --ssg mkdocs` wrote.

mkdocs.yml lists the plugin with README's lines, not a copy kept here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import GitRepo, Run, at
from sitetools import (
    FOOTER,
    exported,
    readme_block,
    run,
    shown,
    status_line,
    streakline_config,
    write_posts,
)
from streakline.render.badge import badge_size
from test_architecture import FORBIDDEN, closure

MKDOCS_CONFIG = "site_name: Ada writes\n"
FIRST = "writing/how-to-get-ml-job-no-experience"
BARE_THEME = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body>{{ page.content }}</body></html>
"""


def mkdocs_blog(make_repo: Callable[..., GitRepo], theme: str = "") -> GitRepo:
    """An MkDocs site with the streakline plugin: posts in `docs/writing/`, two plain pages."""
    repo = make_repo("blog", config=streakline_config("docs", ("index.md", "about.md")))
    repo.write("mkdocs.yml", MKDOCS_CONFIG + theme + readme_block("MkDocs"))
    repo.write("docs/index.md", "# Ada writes\n\nWelcome.\n")
    repo.write("docs/about.md", "# About\n\nWho writes here.\n")
    repo.commit("Start the site", at(2024, 1, 1, 9))
    write_posts(repo, "docs", heading=True)
    return repo


@pytest.fixture
def export(run_process: Callable[..., Run], db_url: str) -> Callable[[GitRepo], None]:
    def run_export(repo: GitRepo) -> None:
        assert exported(run_process, db_url, repo, "mkdocs") == [
            "written    docs/assets/streakline.svg",
            "written    docs/assets/streakline-shields.json",
            "written    docs/assets/streakline.json",
            "written    docs/assets/streakline-footer.html",
            "",
            *readme_block("MkDocs").splitlines(),
        ]

    return run_export


def mkdocs_build(repo: GitRepo, *options: str) -> list[str]:
    """A real `mkdocs build`; returns its warning lines."""
    exe = Path(sys.executable).parent / "mkdocs"
    proc = run([str(exe), "build", *options], cwd=repo.path)
    return [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]


def badge(src: str, shown_in: str = "footer") -> dict[str, str]:
    width, height = badge_size("", FOOTER)
    return {"src": src, "width": str(width), "height": str(height), "alt": FOOTER, "in": shown_in}


def test_a_post_shows_its_header_achievement_status_line_and_the_badge(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None]
) -> None:
    repo = mkdocs_blog(make_repo)
    export(repo)

    assert mkdocs_build(repo, "--strict") == []

    page = shown(repo.path / f"site/{FIRST}/index.html")
    assert page.texts == {
        "streakline-header": ["← /writing #career#machine-learning#hiring#students"],
        "streakline-achievement": ["★ Achievement: 1st post"],
        "streakline-status": [status_line(f"docs/{FIRST}.md")],
        "streakline": [FOOTER],
        "streakline-text": [FOOTER],
    }
    assert page.badges == [badge("../../assets/streakline.svg")]
    published = repo.path / "site/assets/streakline.svg"
    assert published.read_bytes() == (repo.path / "docs/assets/streakline.svg").read_bytes()
    assert shown(repo.path / "site/writing/second-thoughts/index.html").texts == {
        "streakline-header": ["← /writing #career"],
        "streakline-status": [status_line("docs/writing/second-thoughts.md")],
        "streakline": [FOOTER],
        "streakline-text": [FOOTER],
    }


def test_a_post_without_a_section_or_tags_has_no_header(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None]
) -> None:
    repo = mkdocs_blog(make_repo)
    export(repo)

    assert mkdocs_build(repo, "--strict") == []

    assert shown(repo.path / "site/note/index.html").texts == {
        "streakline-status": [status_line("docs/note.md")],
        "streakline": [FOOTER],
        "streakline-text": [FOOTER],
    }


@pytest.mark.parametrize(
    ("page", "src"),
    [("about/index.html", "../assets/streakline.svg"), ("index.html", "assets/streakline.svg")],
)
def test_a_page_that_is_not_a_post_shows_the_badge_alone(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None], page: str, src: str
) -> None:
    repo = mkdocs_blog(make_repo)
    export(repo)

    assert mkdocs_build(repo, "--strict") == []

    found = shown(repo.path / "site" / page)
    assert found.texts == {"streakline": [FOOTER], "streakline-text": [FOOTER]}
    assert found.badges == [badge(src)]


def test_without_directory_urls_the_badge_is_found_from_each_page(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None]
) -> None:
    repo = mkdocs_blog(make_repo, theme="use_directory_urls: false\n")
    export(repo)

    assert mkdocs_build(repo, "--strict") == []

    assert shown(repo.path / f"site/{FIRST}.html").badges == [badge("../assets/streakline.svg")]


@pytest.mark.parametrize(
    ("theme", "shown_in"),
    [
        ("theme: mkdocs\n", "footer"),
        ("theme: readthedocs\n", "footer"),
        ("theme:\n  name: null\n  custom_dir: bare\n", "body"),
    ],
)
def test_the_badge_ends_the_themes_footer_or_else_the_page(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None], theme: str, shown_in: str
) -> None:
    repo = mkdocs_blog(make_repo, theme=theme)
    repo.write("bare/main.html", BARE_THEME)
    export(repo)

    assert mkdocs_build(repo, "--strict") == []

    built = repo.path / f"site/{FIRST}/index.html"
    assert shown(built).badges == [badge("../../assets/streakline.svg", shown_in)]
    text = built.read_text()
    after = text[text.index('<div class="streakline"') :].splitlines()[4]
    assert after.startswith("</footer>" if shown_in == "footer" else "</body>")


def test_a_data_file_named_in_mkdocs_yml_is_read(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None]
) -> None:
    repo = mkdocs_blog(make_repo)
    export(repo)
    (repo.path / "sitedata").mkdir()
    for name in ("streakline.json", "streakline-footer.html"):
        (repo.path / "docs/assets" / name).rename(repo.path / "sitedata" / name)
    listed = readme_block("MkDocs").replace(
        "- streakline\n", "- streakline:\n      data: sitedata/streakline.json\n"
    )
    repo.write("mkdocs.yml", MKDOCS_CONFIG + listed)

    assert mkdocs_build(repo, "--strict") == []

    page = shown(repo.path / f"site/{FIRST}/index.html")
    assert page.texts["streakline-status"] == [status_line(f"docs/{FIRST}.md")]
    assert page.badges == [badge("../../assets/streakline.svg")]


def test_without_a_data_file_the_site_builds_after_one_warning(
    make_repo: Callable[..., GitRepo],
) -> None:
    repo = mkdocs_blog(make_repo)

    warnings = mkdocs_build(repo)

    data = repo.path / "docs/assets/streakline.json"
    assert warnings == [
        f"WARNING -  streakline: {data} not found: run `streakline export --ssg mkdocs` to write it"
    ]
    assert shown(repo.path / f"site/{FIRST}/index.html") == shown(repo.path / "site/index.html")
    assert shown(repo.path / "site/index.html").texts == {}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '{"posts": {"writing/a.md": ',
            "cannot be read (Expecting value: line 1 column 28 (char 27)):"
            " run `streakline export --ssg mkdocs` again",
        ),
        ('["posts"]\n', "is not a streakline data file: it has no `posts`"),
    ],
)
def test_a_damaged_data_file_is_one_warning_and_the_site_builds(
    make_repo: Callable[..., GitRepo], text: str, problem: str
) -> None:
    repo = mkdocs_blog(make_repo)
    repo.write("docs/assets/streakline.json", text)

    warnings = mkdocs_build(repo)

    data = repo.path / "docs/assets/streakline.json"
    assert warnings == [f"WARNING -  streakline: {data} {problem}"]
    assert shown(repo.path / f"site/{FIRST}/index.html").texts == {}


def test_without_the_partial_posts_show_their_lines_and_no_badge(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None]
) -> None:
    repo = mkdocs_blog(make_repo)
    export(repo)
    partial = repo.path / "docs/assets/streakline-footer.html"
    partial.unlink()

    warnings = mkdocs_build(repo)

    assert warnings == [
        f"WARNING -  streakline: {partial} cannot be read: the footer shows no badge"
    ]
    page = shown(repo.path / f"site/{FIRST}/index.html")
    assert page.texts["streakline-status"] == [status_line(f"docs/{FIRST}.md")]
    assert page.badges == []


def test_tags_and_titles_are_shown_as_text(
    make_repo: Callable[..., GitRepo], export: Callable[[GitRepo], None]
) -> None:
    repo = mkdocs_blog(make_repo)
    export(repo)
    data_file = repo.path / "docs/assets/streakline.json"
    data = json.loads(data_file.read_text())
    post = data["posts"][f"{FIRST}.md"]
    post["header"] = "← /writing #c++ & <b>rust</b>"
    post["achievements"] = [{"kind": "posts", "title": '<img src="x">', "date": "2024-01-02"}]
    data_file.write_text(json.dumps(data))

    assert mkdocs_build(repo, "--strict") == []

    page = shown(repo.path / f"site/{FIRST}/index.html")
    assert page.texts["streakline-header"] == ["← /writing #c++ & <b>rust</b>"]
    assert page.texts["streakline-achievement"] == ['★ Achievement: <img src="x">']


def test_the_plugin_reaches_neither_git_nor_the_database() -> None:
    reached = closure("streakline.mkdocs_plugin")

    bad = [m for m in reached if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []
