"""Real sites built from what `streakline export` wrote, with README's snippets pasted in.

Hugo and MkDocs build a small blog; headless Chromium opens the Hugo post as a reader would.
The templates are README's text, not a copy kept here, so README cannot drift from what works.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import GitRepo, at, markdown
from sitetools import (
    chromium,
    need,
    readme_block,
    run,
    serve,
    shown,
    snippet_parts,
)
from streakline.snippets import SNIPPETS
from test_architecture import FORBIDDEN, closure

HEADINGS = {
    "hugo": "Hugo",
    "jekyll": "Jekyll",
    "eleventy": "Eleventy",
    "mkdocs": "MkDocs",
    "zola": "Zola",
}
WHERE = ("above the post's content", "below the post's content", "in the footer")


@pytest.mark.parametrize("ssg", sorted(HEADINGS))
def test_readme_shows_each_snippet_as_it_is(ssg: str) -> None:
    assert readme_block(HEADINGS[ssg]) == SNIPPETS[ssg]


def test_there_is_a_snippet_for_each_generator() -> None:
    assert sorted(SNIPPETS) == sorted(HEADINGS)


@pytest.mark.parametrize("ssg", ["hugo", "jekyll", "eleventy", "zola"])
def test_each_template_snippet_says_where_its_parts_go(ssg: str) -> None:
    parts = snippet_parts(SNIPPETS[ssg])

    firsts = [part.splitlines()[0] for part in parts]
    assert [re.sub(r".*streakline: (.*?) \(.*", r"\1", line) for line in firsts] == list(WHERE)


def test_readme_builds_the_site_in_github_actions_from_the_whole_history() -> None:
    steps = [line.strip() for line in readme_block("GitHub Actions").splitlines()]

    wanted = [
        "- uses: actions/checkout@v4",
        "fetch-depth: 0",
        "- run: pip install streakline",
        "- run: streakline export --ssg hugo",
        "- run: hugo --minify",
    ]
    assert [line for line in steps if line in wanted] == wanted


# --- Hugo ----------------------------------------------------------------------------------------

TODAY = "2024-01-20"
HUGO_CONFIG = """\
baseURL = "/"
title = "Ada writes"
disableKinds = ["RSS", "sitemap"]
"""
# Written into the page by the page itself once it has loaded: what a reader's browser did
# with the badge and the status line. `--dump-dom` prints the DOM after the load event.
PROBE = """\
<pre id="probe" hidden></pre>
<script>
window.addEventListener("load", () => {
  const probe = {};
  const img = document.querySelector(".streakline img");
  if (img) {
    probe.badge = {complete: img.complete, naturalWidth: img.naturalWidth,
                   naturalHeight: img.naturalHeight, width: img.getAttribute("width"),
                   height: img.getAttribute("height"), shownWidth: img.width};
  }
  const status = document.querySelector(".streakline-status");
  if (status) {
    const box = status.getBoundingClientRect();
    probe.status = {text: status.innerText,
                    visible: box.width > 0 && box.height > 0
                             && getComputedStyle(status).visibility === "visible"};
  }
  document.getElementById("probe").textContent = JSON.stringify(probe);
});
</script>
"""


def hugo_layout(above: str, below: str, footer: str) -> str:
    return f"""\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{{{ .Title }}}}</title></head>
<body>
<main>
{above}
<article>{{{{ .Content }}}}</article>
{below}
</main>
<footer>
{footer}
</footer>
{PROBE}</body>
</html>
"""


def hugo_blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    """A Hugo blog: three posts in `content/posts/`, an about page that is not a post."""
    repo = make_repo("blog", config=None)
    repo.write("hugo.toml", HUGO_CONFIG)
    repo.write("content/about.md", markdown("Who writes here.", title="About"))
    repo.commit("Start the site", at(2024, 1, 1, 9))
    posts = [
        ("first", "First steps", "2024-01-02", "[career]"),
        ("second", "Second thoughts", "2024-01-09", "[career, machine-learning]"),
        ("third", "Third time", "2024-01-16", "[career, machine-learning, hiring]"),
    ]
    for n, (slug, title, day, tags) in enumerate(posts):
        repo.write(
            f"content/posts/{slug}.md", markdown("Some words.", title=title, date=day, tags=tags)
        )
        repo.commit(f"Post {slug}", at(2024, 1, 2 + 7 * n, 9))
    return repo


def export_stand_in(repo: GitRepo, ssg: str) -> None:
    """What `streakline export --ssg hugo` writes, by hand, until the command exists."""
    assert ssg == "hugo"
    status = "NORMAL main ~/blog/content/posts/{}.md · est. 2024 ● 3w streak utf-8"
    posts = {
        "posts/first.md": ("← /posts #career", "first", [("posts", "1st post")]),
        "posts/second.md": ("← /posts #career#machine-learning", "second", []),
        "posts/third.md": ("← /posts #career#machine-learning#hiring", "third", []),
    }
    data = {
        "schema": 1,
        "footer": "est. 2024 ● 3w streak",
        "posts": {
            key: {
                "header": header,
                "status_line": status.format(slug),
                "achievements": [{"kind": k, "title": t, "date": "2024-01-02"} for k, t in won],
            }
            for key, (header, slug, won) in posts.items()
        },
    }
    repo.write("data/streakline.json", json.dumps(data, indent=2, sort_keys=True) + "\n")
    repo.write(
        "static/streakline.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="20">'
        '<rect width="150" height="20" fill="#4c1"/></svg>\n',
    )
    repo.write(
        "layouts/partials/streakline-footer.html",
        '<div class="streakline"><img src="/streakline.svg" width="150" height="20"'
        ' alt="est. 2024 ● 3w streak"> est. 2024 ● 3w streak</div>\n',
    )


def build_hugo(repo: GitRepo) -> Path:
    """README's Hugo snippet pasted into the layouts, then a real `hugo` build."""
    exe = need("hugo")
    above, below, footer = snippet_parts(readme_block("Hugo"))
    repo.write("layouts/_default/single.html", hugo_layout(above, below, footer))
    # Home, section and tag pages have no post (the home page has no file): same snippet.
    repo.write("layouts/_default/list.html", hugo_layout(above, below, footer))
    run([exe, "--quiet", "--panicOnWarning", "--destination", "public"], cwd=repo.path)
    return repo.path / "public"


def test_hugo_shows_the_header_achievements_status_line_and_badge_on_a_post(
    make_repo: Callable[..., GitRepo],
) -> None:
    repo = hugo_blog(make_repo)
    export_stand_in(repo, "hugo")

    public = build_hugo(repo)

    first = shown(public / "posts/first/index.html")
    assert first.texts == {
        "streakline-header": ["← /posts #career"],
        "streakline-achievement": ["★ Achievement: 1st post"],
        "streakline-status": [
            "NORMAL main ~/blog/content/posts/first.md · est. 2024 ● 3w streak utf-8"
        ],
        "streakline": ["est. 2024 ● 3w streak"],
    }
    assert first.badges == [
        {
            "src": "/streakline.svg",
            "width": "150",
            "height": "20",
            "alt": "est. 2024 ● 3w streak",
            "in": "footer",
        }
    ]
    third = shown(public / "posts/third/index.html")
    assert third.texts["streakline-header"] == ["← /posts #career#machine-learning#hiring"]
    assert "streakline-achievement" not in third.texts


@pytest.mark.parametrize("page", ["about/index.html", "index.html", "tags/career/index.html"])
def test_hugo_shows_only_the_badge_on_a_page_that_is_not_a_post(
    make_repo: Callable[..., GitRepo], page: str
) -> None:
    repo = hugo_blog(make_repo)
    export_stand_in(repo, "hugo")

    public = build_hugo(repo)

    assert shown(public / page).texts == {"streakline": ["est. 2024 ● 3w streak"]}


def test_hugo_post_in_chromium_shows_the_badge_at_its_size_and_the_status_line(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = hugo_blog(make_repo)
    export_stand_in(repo, "hugo")
    public = build_hugo(repo)
    screenshot = tmp_path / "first.png"

    with serve(public) as base:
        url = f"{base}/posts/first/"
        dom = chromium(tmp_path, "--dump-dom", url)
        chromium(tmp_path, "--window-size=1000,700", f"--screenshot={screenshot}", url)

    found = re.search(r'<pre id="probe" hidden="">(.*?)</pre>', dom, re.S)
    assert found is not None, dom
    probe = json.loads(html.unescape(found.group(1)))
    assert probe == {
        "badge": {
            "complete": True,
            "naturalWidth": 150,
            "naturalHeight": 20,
            "width": "150",
            "height": "20",
            "shownWidth": 150,
        },
        "status": {
            "text": "NORMAL main ~/blog/content/posts/first.md · est. 2024 ● 3w streak utf-8",
            "visible": True,
        },
    }
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20]), int.from_bytes(png[20:24])) == (1000, 700)
    # A blank page of that size is under 4 kB: this one holds the text and the badge.
    assert len(png) > 10_000


# --- MkDocs --------------------------------------------------------------------------------------

MKDOCS_CONFIG = """\
site_name: Ada writes
nav:
  - index.md
  - about.md
  - blog/posts/first.md
  - blog/posts/second.md
"""


def mkdocs_blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    """An MkDocs site with the streakline plugin (README's lines) and two posts."""
    repo = make_repo("blog", config='posts = ["docs/blog/posts/*.md"]\n')
    repo.write("mkdocs.yml", MKDOCS_CONFIG + readme_block("MkDocs"))
    repo.write("docs/index.md", "# Ada writes\n\nWelcome.\n")
    repo.write("docs/about.md", "# About\n\nWho writes here.\n")
    repo.commit("Start the site", at(2024, 1, 1, 9))
    posts = [
        ("first", "First steps", "2024-01-02", "[career]"),
        ("second", "Second thoughts", "2024-01-09", "[career, machine-learning]"),
    ]
    for n, (slug, title, day, tags) in enumerate(posts):
        body = f"# {title}\n\nSome words."
        repo.write(f"docs/blog/posts/{slug}.md", markdown(body, title=title, date=day, tags=tags))
        repo.commit(f"Post {slug}", at(2024, 1, 2 + 7 * n, 9))
    return repo


def mkdocs_export_stand_in(repo: GitRepo) -> None:
    status = "NORMAL main ~/blog/docs/blog/posts/{}.md · est. 2024 ● 2w streak utf-8"
    data = {
        "schema": 1,
        "footer": "est. 2024 ● 2w streak",
        "posts": {
            "blog/posts/first.md": {
                "header": "← /blog #career",
                "status_line": status.format("first"),
                "achievements": [{"kind": "posts", "title": "1st post", "date": "2024-01-02"}],
            },
            "blog/posts/second.md": {
                "header": "← /blog #career#machine-learning",
                "status_line": status.format("second"),
                "achievements": [],
            },
        },
    }
    repo.write("docs/streakline.json", json.dumps(data, indent=2, sort_keys=True) + "\n")
    repo.write(
        "docs/streakline.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="20">'
        '<rect width="150" height="20" fill="#4c1"/></svg>\n',
    )


def mkdocs_build(repo: GitRepo, *options: str) -> list[str]:
    """A real `mkdocs build`; returns its warning lines."""
    exe = Path(sys.executable).parent / "mkdocs"
    proc = run([str(exe), "build", *options], cwd=repo.path)
    return [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]


def test_mkdocs_plugin_shows_the_header_achievements_status_line_and_badge_on_a_post(
    make_repo: Callable[..., GitRepo],
) -> None:
    repo = mkdocs_blog(make_repo)
    mkdocs_export_stand_in(repo)

    assert mkdocs_build(repo, "--strict") == []

    first = shown(repo.path / "site/blog/posts/first/index.html")
    assert first.texts == {
        "streakline-header": ["← /blog #career"],
        "streakline-achievement": ["★ Achievement: 1st post"],
        "streakline-status": [
            "NORMAL main ~/blog/docs/blog/posts/first.md · est. 2024 ● 2w streak utf-8"
        ],
        "streakline": [""],
    }
    assert first.badges == [
        {
            "src": "../../../streakline.svg",
            "width": "150",
            "height": "20",
            "alt": "est. 2024 ● 2w streak",
            "in": "footer",
        }
    ]
    second = shown(repo.path / "site/blog/posts/second/index.html")
    assert second.texts["streakline-header"] == ["← /blog #career#machine-learning"]
    assert "streakline-achievement" not in second.texts
    assert (repo.path / "site/streakline.svg").read_bytes() == (
        repo.path / "docs/streakline.svg"
    ).read_bytes()


@pytest.mark.parametrize(
    ("page", "src"),
    [("site/about/index.html", "../streakline.svg"), ("site/index.html", "streakline.svg")],
)
def test_mkdocs_plugin_shows_only_the_badge_on_a_page_that_is_not_a_post(
    make_repo: Callable[..., GitRepo], page: str, src: str
) -> None:
    repo = mkdocs_blog(make_repo)
    mkdocs_export_stand_in(repo)

    mkdocs_build(repo, "--strict")

    assert shown(repo.path / page).texts == {"streakline": [""]}
    assert [badge["src"] for badge in shown(repo.path / page).badges] == [src]


def test_mkdocs_plugin_without_a_data_file_warns_once_and_builds_the_site(
    make_repo: Callable[..., GitRepo],
) -> None:
    repo = mkdocs_blog(make_repo)

    warnings = mkdocs_build(repo)

    data = repo.path / "docs/streakline.json"
    assert warnings == [
        f"WARNING -  streakline: {data} not found: run `streakline export --ssg mkdocs` to write it"
    ]
    assert shown(repo.path / "site/blog/posts/first/index.html").texts == {}


def test_mkdocs_plugin_with_a_damaged_data_file_warns_once_and_builds_the_site(
    make_repo: Callable[..., GitRepo],
) -> None:
    repo = mkdocs_blog(make_repo)
    repo.write("docs/streakline.json", '{"posts": {"blog/posts/first.md": ')

    warnings = mkdocs_build(repo)

    data = repo.path / "docs/streakline.json"
    assert warnings == [
        f"WARNING -  streakline: {data} cannot be read (Expecting value: line 1 column 35"
        " (char 34)): run `streakline export --ssg mkdocs` again"
    ]
    assert shown(repo.path / "site/blog/posts/first/index.html").texts == {}


def test_mkdocs_plugin_reads_neither_git_nor_the_database() -> None:
    reached = closure("streakline.mkdocs_plugin")

    assert (
        sorted(m for m in reached if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)) == []
    )


BARE_THEME = """\
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body>{{ page.content }}</body></html>
"""


@pytest.mark.parametrize(
    ("theme", "shown_in"),
    [
        ("theme: mkdocs\n", "footer"),
        ("theme: readthedocs\n", "footer"),
        ("theme:\n  name: null\n  custom_dir: bare\n", "body"),
    ],
)
def test_mkdocs_plugin_puts_the_badge_at_the_end_of_the_themes_footer_else_of_the_page(
    make_repo: Callable[..., GitRepo], theme: str, shown_in: str
) -> None:
    repo = mkdocs_blog(make_repo)
    repo.write("mkdocs.yml", MKDOCS_CONFIG + theme + readme_block("MkDocs"))
    repo.write("bare/main.html", BARE_THEME)
    mkdocs_export_stand_in(repo)

    assert mkdocs_build(repo, "--strict") == []

    built = repo.path / "site/blog/posts/second/index.html"
    assert [badge["in"] for badge in shown(built).badges] == [shown_in]
    closing = "</footer>" if shown_in == "footer" else "</body>"
    html_text = built.read_text()
    after_badge = html_text[html_text.index('<div class="streakline">') :].splitlines()[1]
    assert after_badge.startswith(closing)


def test_mkdocs_plugin_shows_the_writers_text_as_text(make_repo: Callable[..., GitRepo]) -> None:
    repo = mkdocs_blog(make_repo)
    mkdocs_export_stand_in(repo)
    data_file = repo.path / "docs/streakline.json"
    data = json.loads(data_file.read_text())
    post = data["posts"]["blog/posts/first.md"]
    post["header"] = "← /blog #c++ & <b>rust</b>"
    post["achievements"] = [{"kind": "posts", "title": '<img src="x">', "date": "2024-01-02"}]
    data_file.write_text(json.dumps(data))

    assert mkdocs_build(repo, "--strict") == []

    first = shown(repo.path / "site/blog/posts/first/index.html")
    assert first.texts["streakline-header"] == ["← /blog #c++ & <b>rust</b>"]
    assert first.texts["streakline-achievement"] == ['★ Achievement: <img src="x">']
