"""Real sites built from what `streakline export` wrote, with README's snippets pasted in.

Hugo builds a small blog (MkDocs: test_mkdocs_plugin.py); headless Chromium opens a post as a
reader would. The templates are README's text, not a copy kept here, so README cannot drift
from what works.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import GitRepo, Run, at, markdown
from sitetools import (
    FOOTER,
    chromium,
    exported,
    need,
    readme_block,
    run,
    serve,
    shown,
    snippet_parts,
    status_line,
    streakline_config,
    write_posts,
)
from streakline.render.badge import badge_size
from streakline.snippets import SNIPPETS

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
    """A Hugo blog: posts in `content/writing/`, an about page that is not a post."""
    repo = make_repo("blog", config=streakline_config("content", ("about.md",)))
    repo.write("hugo.toml", HUGO_CONFIG)
    repo.write("content/about.md", markdown("Who writes here.", title="About"))
    repo.commit("Start the site", at(2024, 1, 1, 9))
    write_posts(repo, "content")
    return repo


@pytest.fixture
def hugo_site(
    make_repo: Callable[..., GitRepo], run_process: Callable[..., Run], db_url: str
) -> Path:
    """The blog after `streakline export --ssg hugo` and a `hugo` build with README's lines."""
    exe = need("hugo")
    repo = hugo_blog(make_repo)
    printed = exported(run_process, db_url, repo, "hugo")
    snippet = readme_block("Hugo")
    assert printed == [
        "written    static/streakline.svg",
        "written    static/streakline-shields.json",
        "written    data/streakline.json",
        "written    layouts/partials/streakline-footer.html",
        "",
        *snippet.splitlines(),
    ]
    above, below, footer = snippet_parts(snippet)
    repo.write("layouts/_default/single.html", hugo_layout(above, below, footer))
    # The home, section and tag pages have no post (the home page has no file either).
    repo.write("layouts/_default/list.html", hugo_layout(above, below, footer))
    run([exe, "--quiet", "--panicOnWarning", "--destination", "public"], cwd=repo.path)
    return repo.path / "public"


def test_hugo_shows_the_header_achievement_status_line_and_badge_on_a_post(
    hugo_site: Path,
) -> None:
    page = shown(hugo_site / "writing/how-to-get-ml-job-no-experience/index.html")

    assert page.texts == {
        "streakline-header": ["← /writing #career#machine-learning#hiring#students"],
        "streakline-achievement": ["★ Achievement: 1st post"],
        "streakline-status": [status_line("content/writing/how-to-get-ml-job-no-experience.md")],
        "streakline": [FOOTER],
        "streakline-text": [FOOTER],
    }
    width, height = badge_size("", FOOTER)
    assert page.badges == [
        {
            "src": "/streakline.svg",
            "width": str(width),
            "height": str(height),
            "alt": FOOTER,
            "in": "footer",
        }
    ]


def test_hugo_shows_a_post_without_tags_or_achievements_by_its_section_alone(
    hugo_site: Path,
) -> None:
    page = shown(hugo_site / "writing/third-time/index.html")

    assert page.texts == {
        "streakline-header": ["← /writing"],
        "streakline-status": [status_line("content/writing/third-time.md")],
        "streakline": [FOOTER],
        "streakline-text": [FOOTER],
    }


def test_hugo_shows_no_header_on_a_post_without_a_section_or_tags(hugo_site: Path) -> None:
    assert shown(hugo_site / "note/index.html").texts == {
        "streakline-status": [status_line("content/note.md")],
        "streakline": [FOOTER],
        "streakline-text": [FOOTER],
    }


@pytest.mark.parametrize(
    "page", ["about/index.html", "index.html", "writing/index.html", "tags/career/index.html"]
)
def test_hugo_shows_only_the_badge_on_a_page_that_is_not_a_post(hugo_site: Path, page: str) -> None:
    assert shown(hugo_site / page).texts == {"streakline": [FOOTER], "streakline-text": [FOOTER]}


def test_hugo_post_in_chromium_shows_the_badge_at_its_size_and_the_status_line(
    hugo_site: Path, tmp_path: Path
) -> None:
    screenshot = tmp_path / "post.png"

    with serve(hugo_site) as base:
        url = f"{base}/writing/how-to-get-ml-job-no-experience/"
        dom = chromium(tmp_path, "--dump-dom", url)
        chromium(tmp_path, "--window-size=1000,700", f"--screenshot={screenshot}", url)

    found = re.search(r'<pre id="probe" hidden="">(.*?)</pre>', dom, re.S)
    assert found is not None, dom
    width, height = badge_size("", FOOTER)
    assert json.loads(html.unescape(found.group(1))) == {
        "badge": {
            "complete": True,
            "naturalWidth": width,
            "naturalHeight": height,
            "width": str(width),
            "height": str(height),
            "shownWidth": width,
        },
        "status": {
            "text": status_line("content/writing/how-to-get-ml-job-no-experience.md"),
            "visible": True,
        },
    }
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20]), int.from_bytes(png[20:24])) == (1000, 700)
    # A blank page of that size is under 4 kB: this one holds the text and the badge.
    assert len(png) > 10_000
