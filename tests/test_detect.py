"""SPEC 2: with no `.streakline.toml`, the site generator's own files say which files are posts.

Each repo copies the layout of a real blog; each test asserts the exact posts listed and the
exact report `init` prints, then that the file `init` wrote selects the same posts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, markdown

WROTE = "Wrote .streakline.toml; edit `posts` and `exclude` there to change what counts."
MakeRepo = Callable[..., GitRepo]


def post_paths(cli: Cli, repo: GitRepo, db: str | None = None) -> list[str]:
    return sorted(p["path"] for p in cli.posts(repo, include_deleted=True, db=db))


def check_layout(
    cli: Cli, repo: GitRepo, tmp_path: Path, posts: list[str], report: list[str]
) -> None:
    """Detection lists `posts`; `init` prints `report` and writes a file that agrees."""
    repo.commit("Site")

    assert post_paths(cli, repo) == sorted(posts)
    run = cli.ok("init", "-C", str(repo.path))
    assert run.stdout.splitlines() == [*report, WROTE]
    assert post_paths(cli, repo, db=f"sqlite:///{tmp_path}/from-file.sqlite3") == sorted(posts)


def hugo_site(repo: GitRepo, root: str = "") -> None:
    """A Hugo blog with posts (a page bundle, an AsciiDoc post), talks, projects and pages."""
    w = repo.write
    w(f"{root}content/_index.md", markdown(title="Home"))
    w(f"{root}content/about.md", markdown(title="About me"))
    w(f"{root}content/post/_index.md", markdown(title="Posts"))
    w(f"{root}content/post/2021-03-04-hello.md", markdown(title="Hello", date="2021-03-04"))
    w(f"{root}content/post/trip/index.md", markdown(title="Trip", date="2022-05-06"))
    w(f"{root}content/post/trip/map.png", b"\x89PNG\r\n\x1a\n\0\0")
    w(f"{root}content/post/asciidoc.adoc", "= AsciiDoc\n:date: 2023-01-02\n\nWords.\n")
    w(f"{root}content/post/wip.md", markdown(title="Soon", date="2024-02-03", draft="true"))
    w(f"{root}content/presentation/pycon.md", markdown(title="PyCon talk"))
    w(f"{root}content/presentation/fosdem.md", markdown(title="FOSDEM talk"))
    w(f"{root}content/project/tool/index.md", markdown(title="A tool"))
    w(f"{root}archetypes/default.md", "+++\ntitle = ''\n+++\n")
    w(f"{root}layouts/_default/single.html", "<main>{{ .Content }}</main>\n")
    w("README.md", "# My site\n")


HUGO_POSTS = [
    "content/post/2021-03-04-hello.md",
    "content/post/asciidoc.adoc",
    "content/post/trip/index.md",
    "content/post/wip.md",
]


def test_hugo_takes_the_section_named_for_posts(
    make_repo: MakeRepo, cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    hugo_site(repo)
    repo.write("hugo.toml", 'baseURL = "https://example.org/"\ntheme = "ananke"\n')

    check_layout(
        cli,
        repo,
        tmp_path,
        HUGO_POSTS,
        [
            "Detected a Hugo site (hugo.toml); main section: post (named for posts)",
            "  posts    content/post/**/*.md    3",
            "  posts    content/post/**/*.adoc  1",
            "Left out:",
            "  content/presentation/  2 pages  e.g. content/presentation/fosdem.md",
            "  archetypes/            1 page   e.g. archetypes/default.md",
            "  content/about.md       1 page",
            "  content/project/       1 page   e.g. content/project/tool/index.md",
        ],
    )
    written = (repo.path / ".streakline.toml").read_text().splitlines()
    assert written[1:9] == [
        'posts = ["content/post/**/*.md", "content/post/**/*.adoc"]',
        'exclude = ["content/**/_index.*"]',
        "",
        "# Left out:",
        "#   content/presentation/  2 pages  e.g. content/presentation/fosdem.md",
        "#   archetypes/            1 page   e.g. archetypes/default.md",
        "#   content/about.md       1 page",
        "#   content/project/       1 page   e.g. content/project/tool/index.md",
    ]
    statuses = {p["path"]: p["status"] for p in cli.posts(repo)}
    assert statuses["content/post/wip.md"] == "draft"
    assert statuses["content/post/trip/index.md"] == "published"


@pytest.mark.parametrize(
    ("config_path", "config_text"),
    [
        ("hugo.yaml", "baseURL: https://example.org/\nparams:\n  mainSections:\n    - talks\n"),
        ("config.toml", 'baseurl = "https://example.org/"\n[Params]\nMainSections = "talks"\n'),
        ("config/_default/params.json", '{"mainsections": ["talks"]}\n'),
    ],
)
def test_hugo_takes_main_sections_from_its_config(
    config_path: str, config_text: str, make_repo: MakeRepo, cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    repo.write("content/talks/pycon.md", markdown(title="PyCon", date="2020-01-02"))
    repo.write("content/talks/fosdem.md", markdown(title="FOSDEM", date="2021-01-02"))
    for n in range(3):
        repo.write(f"content/notes/n{n}.md", markdown(title=f"Note {n}"))
    repo.write(config_path, config_text)

    check_layout(
        cli,
        repo,
        tmp_path,
        ["content/talks/fosdem.md", "content/talks/pycon.md"],
        [
            f"Detected a Hugo site ({config_path}); main section: talks (from mainSections)",
            "  posts    content/talks/**/*.md  2",
            "Left out:",
            "  content/notes/  3 pages  e.g. content/notes/n0.md",
        ],
    )


def test_zola_site_in_v2_next_to_an_older_site_in_v1(
    make_repo: MakeRepo, cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    repo.write("README.md", "# Personal site\n\nv1 is the old Jekyll site, v2 the new one.\n")
    repo.write("v1/_config.yml", "title: Old blog\n")
    repo.write("v1/_posts/2014-02-03-old.md", markdown(title="Old"))
    repo.write("v1/about.md", markdown(title="About"))
    repo.write("v2/README.md", "# v2\n\nBuilt with Zola.\n")
    repo.write("v2/config.toml", 'base_url = "https://example.org"\ntitle = "Blog"\n')
    repo.write("v2/content/_index.md", "+++\ntitle = 'Home'\n+++\n")
    repo.write("v2/content/blog/_index.md", "+++\nsort_by = 'date'\n+++\n")
    repo.write("v2/content/blog/first.md", "+++\ntitle = 'First'\ndate = 2024-01-02\n+++\nHi\n")
    repo.write("v2/content/blog/second/index.md", "+++\ntitle = 'Second'\n+++\nHi\n")
    repo.write("v2/content/about.md", "+++\ntitle = 'About'\n+++\nMe\n")
    repo.write("v2/templates/index.html", "<html></html>\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        ["v2/content/blog/first.md", "v2/content/blog/second/index.md"],
        [
            "Detected a Zola site in v2/ (v2/config.toml); main section: blog (named for posts)",
            "  posts    v2/content/blog/**/*.md  2",
            "Left out:",
            "  v1/                  2 pages  e.g. v1/_posts/2014-02-03-old.md",
            "  v2/content/about.md  1 page",
        ],
    )


def test_til_repo_with_a_readme_and_a_stray_note(
    make_repo: MakeRepo, cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    repo.write("README.md", "# TIL\n\n- [Walrus](python/walrus.md)\n")
    repo.write("ideas.md", "# Things to look into\n")
    repo.write("LICENSE", "MIT\n")
    repo.write("python/walrus.md", "# The walrus operator\n\nAssign inside expressions.\n")
    repo.write("python/readme.md", "# Python notes\n")
    repo.write("git/worktrees.md", "# Worktrees\n\nSeveral checkouts of one repo.\n")
    repo.write("git/bisect.md", markdown("Find the commit.", title="Bisect", date="2024-03-01"))
    repo.write(".github/PULL_REQUEST_TEMPLATE.md", "Describe the change.\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        ["git/bisect.md", "git/worktrees.md", "python/walrus.md"],
        [
            "Detected a TIL collection: Markdown notes one folder deep, the folder a category",
            "  posts    */*.md  3",
            "Left out:",
            "  ideas.md  1 page",
        ],
    )
    config = (repo.path / ".streakline.toml").read_text()
    assert 'exclude = ["**/readme.md", "**/.*/**"]' in config.splitlines()
    assert "category_from_folder = true" in config.splitlines()


def test_pelican_site_is_not_taken_for_hugo(make_repo: MakeRepo, cli: Cli, tmp_path: Path) -> None:
    repo = make_repo(config=None)
    repo.write(
        "pelicanconf.py",
        "AUTHOR = 'Ada'\nPATH = 'content'\nPAGE_PATHS = ['pages']\nSTATIC_PATHS = ['images']\n",
    )
    repo.write("content/2019-01-02-first.md", "Title: First\nDate: 2019-01-02\n\nHello.\n")
    repo.write("content/python/decorators.md", "Title: Decorators\nDate: 2020-05-06\n\nWrap.\n")
    repo.write("content/notes.rst", "Notes\n#####\n\n:date: 2021-07-08\n\nWords.\n")
    repo.write("content/pages/about.md", "Title: About\n\nMe.\n")
    repo.write("content/images/logo.png", b"\x89PNG\r\n\x1a\n\0\0")
    repo.write("config.toml", "[tool]\nname = 'unrelated'\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        ["content/2019-01-02-first.md", "content/notes.rst", "content/python/decorators.md"],
        [
            "Detected a Pelican site (pelicanconf.py)",
            "  posts    content/**/*.md   2",
            "  posts    content/**/*.rst  1",
            "Left out:",
            "  content/pages/  1 page  e.g. content/pages/about.md",
        ],
    )


def test_jekyll_posts_and_drafts(make_repo: MakeRepo, cli: Cli, tmp_path: Path) -> None:
    repo = make_repo(config=None)
    repo.write("_config.yml", "title: My blog\ntheme: minima\n")
    repo.write("_posts/2024-01-05-hello.md", markdown(title="Hello"))
    repo.write("_posts/2023/2023-07-01-deep.markdown", markdown(title="Deep"))
    repo.write("_drafts/not-yet.md", markdown(title="Not yet"))
    repo.write("_layouts/post.html", "{{ content }}\n")
    repo.write("about.md", markdown(title="About"))
    repo.write("index.html", "---\nlayout: home\n---\n")
    repo.write("README.md", "# My blog\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        [
            "_drafts/not-yet.md",
            "_posts/2023/2023-07-01-deep.markdown",
            "_posts/2024-01-05-hello.md",
        ],
        [
            "Detected a Jekyll site (_config.yml)",
            "  posts    _posts/**/*.md        1",
            "  posts    _posts/**/*.markdown  1",
            "  drafts   _drafts/**/*.md       1",
            "Left out:",
            "  about.md  1 page",
        ],
    )


def test_eleventy_base_blog(make_repo: MakeRepo, cli: Cli, tmp_path: Path) -> None:
    repo = make_repo(config=None)
    repo.write("package.json", '{"devDependencies": {"@11ty/eleventy": "^3.0.0"}}\n')
    repo.write(
        "eleventy.config.js",
        'export const config = {\n  dir: { input: "content", output: "_site" },\n};\n',
    )
    repo.write("content/blog/firstpost.md", markdown(title="First", date="2018-05-01"))
    repo.write("content/blog/fourthpost/fourthpost.md", markdown(title="Fourth"))
    repo.write("content/blog/blog.11tydata.js", "export default { tags: ['posts'] };\n")
    repo.write("content/about/index.md", markdown(title="About"))
    repo.write("content/404.md", markdown(title="Not found"))
    repo.write("content/index.njk", "{{ content }}\n")
    repo.write("README.md", "# eleventy-base-blog\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        ["content/blog/firstpost.md", "content/blog/fourthpost/fourthpost.md"],
        [
            "Detected an Eleventy site (eleventy.config.js); posts in content/blog/",
            "  posts    content/blog/**/*.md  2",
            "Left out:",
            "  content/404.md  1 page",
            "  content/about/  1 page  e.g. content/about/index.md",
        ],
    )


def test_astro_blog(make_repo: MakeRepo, cli: Cli, tmp_path: Path) -> None:
    repo = make_repo(config=None)
    repo.write("astro.config.mjs", "export default defineConfig({});\n")
    repo.write("package.json", '{"dependencies": {"astro": "^4.0.0"}}\n')
    repo.write("src/content/blog/first-post.md", markdown(title="First", pubDate="2022-07-08"))
    repo.write("src/content/blog/using-mdx.mdx", markdown(title="MDX", pubDate="2022-07-09"))
    repo.write("src/content/config.ts", "export const collections = {};\n")
    repo.write("src/pages/about.md", markdown(title="About"))
    repo.write("README.md", "# Astro Starter Kit: Blog\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        ["src/content/blog/first-post.md", "src/content/blog/using-mdx.mdx"],
        [
            "Detected an Astro site (astro.config.mjs); posts in src/content/blog/",
            "  posts    src/content/blog/**/*.md   1",
            "  posts    src/content/blog/**/*.mdx  1",
            "Left out:",
            "  src/pages/  1 page  e.g. src/pages/about.md",
        ],
    )


def test_mkdocs_blog_plugin_with_its_own_blog_dir(
    make_repo: MakeRepo, cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    repo.write(
        "mkdocs.yml",
        "site_name: Notes\ntheme:\n  name: material\nplugins:\n  - search\n"
        "  - material/blog:\n      blog_dir: writing\n",
    )
    repo.write("docs/index.md", "# Notes\n")
    repo.write("docs/about.md", "# About\n")
    repo.write("docs/writing/index.md", "# Blog\n")
    repo.write("docs/writing/posts/hello.md", markdown(title="Hello", date="2024-01-31"))
    repo.write("docs/writing/posts/2024/deep.md", markdown(title="Deep", date="2024-02-01"))

    check_layout(
        cli,
        repo,
        tmp_path,
        ["docs/writing/posts/2024/deep.md", "docs/writing/posts/hello.md"],
        [
            "Detected a MkDocs site (mkdocs.yml)",
            "  posts    docs/writing/posts/**/*.md  2",
            "Left out:",
            "  docs/about.md  1 page",
            "  docs/index.md  1 page",
            "  docs/writing/  1 page  e.g. docs/writing/index.md",
        ],
    )


def test_org_site(make_repo: MakeRepo, cli: Cli, tmp_path: Path) -> None:
    repo = make_repo(config=None)
    repo.write("README.org", "* My site\n")
    repo.write("index.org", "#+TITLE: Home\n")
    repo.write("about.org", "#+TITLE: About\n")
    repo.write("posts/2020-01-01-hello.org", "#+TITLE: Hello\n#+DATE: <2020-01-01>\n")
    repo.write("posts/2021-02-03-again.org", "#+TITLE: Again\n#+DATE: <2021-02-03>\n")
    repo.write("publish.el", "(require 'ox-publish)\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        ["posts/2020-01-01-hello.org", "posts/2021-02-03-again.org"],
        [
            "Detected an Org site; posts in posts/",
            "  posts    posts/**/*.org  2",
            "Left out:",
            "  about.org  1 page",
            "  index.org  1 page",
        ],
    )


def test_nikola_site(make_repo: MakeRepo, cli: Cli, tmp_path: Path) -> None:
    repo = make_repo(config=None)
    repo.write(
        "conf.py",
        'BLOG_TITLE = "Blog"\nPOSTS = (\n    ("posts/*.rst", "posts", "post.tmpl"),\n'
        '    ("posts/*.md", "posts", "post.tmpl"),\n)\n'
        'PAGES = (\n    ("pages/*.rst", "", "page.tmpl"),\n)\n',
    )
    repo.write("posts/hello.rst", ".. title: Hello\n.. date: 2019-01-02\n\nHi.\n")
    repo.write("posts/2020/markdown.md", "<!--\n.. title: Markdown\n-->\n\nHi.\n")
    repo.write("pages/about.rst", ".. title: About\n\nMe.\n")

    check_layout(
        cli,
        repo,
        tmp_path,
        ["posts/2020/markdown.md", "posts/hello.rst"],
        [
            "Detected a Nikola site (conf.py)",
            "  posts    posts/**/*.rst  1",
            "  posts    posts/**/*.md   1",
            "Left out:",
            "  pages/  1 page  e.g. pages/about.rst",
        ],
    )


def test_a_code_repo_with_readmes_has_no_posts(
    make_repo: MakeRepo, cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    repo.write("README.md", "# A tool\n")
    repo.write("bench/README.md", "# Benchmarks\n")
    repo.write("alembic/README.md", "Generic single-database configuration.\n")
    repo.write("src/tool/__init__.py", "")

    check_layout(
        cli,
        repo,
        tmp_path,
        [],
        [
            "No site generator found: every Markdown file but README-like ones is a post",
            "  posts    **/*.md  0",
            "Left out: nothing",
        ],
    )


def test_stats_with_no_config_counts_what_init_writes(
    make_repo: MakeRepo, cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    hugo_site(repo, root="site/")
    repo.write("site/config.toml", 'baseURL = "https://example.org/"\n')
    repo.commit("Site")
    args = ["stats", "-C", str(repo.path), "--json", "--today", "2024-06-01"]

    detected = cli.ok(*args, "--db", cli.db_url).json()
    cli.ok("init", "-C", str(repo.path))
    from_file = cli.ok(*args, "--db", f"sqlite:///{tmp_path}/from-file.sqlite3").json()

    assert detected["totals"]["posts"] == 3  # the fourth is a draft
    assert detected["totals"]["drafts"] == 1
    assert from_file == detected
    assert post_paths(cli, repo) == [f"site/{p}" for p in HUGO_POSTS]


def test_without_a_writable_temporary_folder_the_layout_is_still_detected(
    make_repo: MakeRepo, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Git lists the files into a temporary file; with nowhere to put one, through a pipe."""
    import tempfile

    repo = make_repo(config=None)
    hugo_site(repo)
    repo.write("hugo.toml", 'baseURL = "https://example.org/"\n')
    repo.commit("Site")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    with pytest.raises(OSError), tempfile.TemporaryFile():
        pass

    statuses = {p["path"]: p["status"] for p in cli.posts(repo)}

    assert statuses == {
        "content/post/2021-03-04-hello.md": "published",
        "content/post/asciidoc.adoc": "published",
        "content/post/trip/index.md": "published",
        "content/post/wip.md": "draft",
    }
