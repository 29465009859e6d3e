"""SPEC 2, the rules of detection as a table: tracked paths and config files in, globs out.

`detect` is pure (paths and a reader); the work-tree reader is tested on real files.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from streakline.detect import Detection, LeftOut, detect, render_left_out
from streakline.service import MAX_CONFIG_BYTES, tree_reader


def run(files: dict[str, str]) -> Detection:
    """Detection over `files` (path -> text); every file is tracked and readable."""
    data = {path: text.encode() for path, text in files.items()}
    return detect(data, data.get)


def globs(found: Detection) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return found.settings.layout, found.settings.posts, found.settings.drafts


NOTE = "# A note\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {"a/1.md": NOTE, "b/2.md": NOTE, "c/3.md": NOTE, "x.md": NOTE, "README.md": NOTE},
            ("til", ("*/*.md",), ()),
            id="til-one-stray",
        ),
        pytest.param(
            {**{f"t{n}/n.md": NOTE for n in range(9)}, **{f"s{n}.md": NOTE for n in range(4)}},
            ("generic", ("**/*.md",), ()),
            id="til-too-many-strays",
        ),
        pytest.param(
            {
                **{f"t{n % 9}/{n}.md": NOTE for n in range(50)},
                **{f"{n}.md": NOTE for n in range(5)},
            },
            ("til", ("*/*.md",), ()),
            id="til-strays-a-tenth-of-a-big-one",
        ),
        pytest.param(
            {"a/1.md": NOTE, "b/2.md": NOTE, "x.md": NOTE},
            ("generic", ("**/*.md",), ()),
            id="as-many-strays-as-half-the-notes",
        ),
        pytest.param(
            {"README.md": NOTE, "bench/README.md": NOTE, "alembic/README.md": NOTE},
            ("generic", ("**/*.md",), ()),
            id="readmes-only",
        ),
        pytest.param(
            {"hugo.toml": "", "content/post/a.md": "", "content/post/b.html": ""},
            ("hugo", ("content/post/**/*.md", "content/post/**/*.html"), ()),
            id="hugo-html-posts",
        ),
        pytest.param(
            {
                "config.toml": 'baseURL = "https://example.org/"\n',
                **{f"content/talk/t{n}.md": "" for n in range(6)},
                **{f"content/project/p{n}.md": "" for n in range(3)},
                "content/blog/a.md": "",
                "content/blog/b.md": "",
            },
            ("hugo", ("content/blog/**/*.md",), ()),
            id="hugo-a-section-named-for-posts-beats-more-talks",
        ),
        pytest.param(
            {
                "hugo.toml": "",
                **{f"content/notes/n{n}.md": "" for n in range(3)},
                "content/talks/t.md": "",
            },
            ("hugo", ("content/notes/**/*.md",), ()),
            id="hugo-no-section-named-for-posts-takes-the-most-pages",
        ),
        pytest.param(
            {"hugo.toml": 'contentDir = "src"\n', "src/blog/a.md": "", "content/x/a.md": ""},
            ("hugo", ("src/blog/**/*.md",), ()),
            id="hugo-content-dir",
        ),
        pytest.param(
            {"hugo.yaml": "params: [unclosed\n", "content/a/1.md": "", "content/b/1.md": ""},
            ("hugo", ("content/a/**/*.md",), ()),
            id="hugo-broken-yaml-ties-go-by-name",
        ),
        pytest.param(
            {"config.yaml": "theme: dark\n", "a/1.md": NOTE, "b/2.md": NOTE},
            ("til", ("*/*.md",), ()),
            id="config-yaml-without-a-content-folder-is-not-hugo",
        ),
        pytest.param(
            {"config.toml": 'title = "Blog"\n', "content/posts/a.md": "", "content/b.md": ""},
            ("hugo", ("content/posts/**/*.md",), ()),
            id="minimal-hugo-config-next-to-content",
        ),
        pytest.param(
            {"pelicanconf.py": "PATH = 'src'\nARTICLE_PATHS = ['blog']\n", "src/blog/a.rst": ""},
            ("pelican", ("src/blog/**/*.rst",), ()),
            id="pelican-article-paths",
        ),
        pytest.param(
            {"blog/_posts/2020-01-01-a.md": "", "blog/_drafts/b.md": "", "notes.md": ""},
            ("jekyll", ("blog/_posts/**/*.md",), ("blog/_drafts/**/*.md",)),
            id="jekyll-posts-folder-in-a-subfolder",
        ),
        pytest.param(
            {
                "v1/_config.yml": "",
                "v1/_posts/2010-01-01-a.md": "",
                "v2/config.toml": "base_url = 'https://x.org'\n",
                "v2/content/blog/a.md": "",
                "v10/README.md": "",
            },
            ("zola", ("v2/content/blog/**/*.md",), ()),
            id="newest-site-of-several",
        ),
        pytest.param(
            {
                "posts/2009-03-05-great-scott.org": "",
                "posts/2010-01-01-b.org": "",
                "posts/2011-01-01-c.org": "",
                "drafts/unfinished.org": "",
                "drafts/HN1.md": "",
                "index.html": "",
            },
            ("org", ("posts/**/*.org",), ("drafts/**/*.org",)),
            id="org-static-blog-posts-and-drafts",
        ),
        pytest.param(
            {"2019/a.org": "", "2020/b.org": "", "2020/c.org": "", "2021/d.org": "", "i.org": ""},
            ("org", ("*/**/*.org",), ()),
            id="org-posts-by-year",
        ),
        pytest.param(
            {"mkdocs.yml": "site_name: Docs\nnav:\n  - Blog: blog/index.md\n", "docs/a.md": ""},
            ("generic", ("**/*.md",), ()),
            id="mkdocs-without-the-blog-plugin",
        ),
        pytest.param(
            {"mkdocs.yml": "docs_dir: site\nplugins:\n  - blog\n", "site/blog/posts/a.md": ""},
            ("mkdocs", ("site/blog/posts/**/*.md",), ()),
            id="mkdocs-docs-dir",
        ),
        pytest.param(
            {"package.json": '{"dependencies": {"@11ty/eleventy": "2"}}', "posts/a.md": ""},
            ("eleventy", ("posts/**/*.md",), ()),
            id="eleventy-by-package-json",
        ),
        pytest.param(
            {"conf.py": "POSTS = ()\nPAGES = ()\n", "posts/a.md": "", "posts/b.rst": ""},
            ("nikola", ("posts/**/*.rst", "posts/**/*.md"), ()),
            id="nikola-posts-left-empty",
        ),
        pytest.param(
            {"package.json": '{"dependencies": {"react": "18"}}', "posts/a.md": ""},
            ("generic", ("**/*.md",), ()),
            id="package-json-without-eleventy",
        ),
    ],
)
def test_detected_globs(
    files: dict[str, str], expected: tuple[str, tuple[str, ...], tuple[str, ...]]
) -> None:
    assert globs(run(files)) == expected


def test_left_out_shows_ten_places_and_sums_the_rest() -> None:
    groups = tuple(LeftOut(f"s{n:02d}/", 12 - n, f"s{n:02d}/a.md") for n in range(12))

    lines = render_left_out(groups)

    assert lines[0] == "Left out:"
    assert lines[1] == "  s00/  12 pages  e.g. s00/a.md"
    assert lines[10] == "  s09/  3 pages   e.g. s09/a.md"
    assert lines[11:] == ["  and 2 more places with 3 pages"]


def test_reader_reads_small_regular_files_only(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "hugo.toml").write_text('baseURL = "x"\n')
    (root / "big.toml").write_bytes(b"#" * (MAX_CONFIG_BYTES + 1))
    (root / "folder").mkdir()
    (tmp_path / "secret.toml").write_text("token = 1\n")
    os.symlink(tmp_path / "secret.toml", root / "outside.toml")
    os.symlink("hugo.toml", root / "inside.toml")
    read = tree_reader(root)

    assert read("hugo.toml") == b'baseURL = "x"\n'
    assert read("big.toml") is None
    assert read("folder") is None
    assert read("missing.toml") is None
    assert read("outside.toml") is None
    assert read("inside.toml") is None  # a symlink is not a regular file
