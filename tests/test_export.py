"""`streakline export`: the files a site shows, on real repos through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from gitrepo import Cli, GitRepo, at, markdown, user_error
from streakline.outputs import OutputFile, write_outputs

GOLDEN = Path(__file__).parent / "golden"
TODAY = "2024-02-28"  # a Wednesday: the week is still open
DEFAULT_FILES = (
    "static/streakline.svg",
    "static/streakline-shields.json",
    "data/streakline.json",
    "static/streakline-footer.html",
)
BOM = b"\xef\xbb\xbf"


def export(cli: Cli, repo: GitRepo, *extra: str, today: str = TODAY) -> list[str]:
    run = cli.ok("export", "-C", str(repo.path), "--db", cli.db_url, "--today", today, *extra)
    assert run.stderr_lines == [line for line in run.stderr_lines if line.startswith("Scanned")]
    return run.stdout.splitlines()


def listing(state: str, paths: tuple[str, ...] | list[str]) -> list[str]:
    return [f"{state:<9}  {path}" for path in paths]


def load(repo: GitRepo, path: str) -> Any:
    return json.loads((repo.path / path).read_bytes().decode("utf-8"))


def blog(make_repo: Callable[..., GitRepo]) -> GitRepo:
    """Weekly posts in January and February 2024, a rename, a BOM and a draft."""
    repo = make_repo(config='posts = ["content/**/*.md"]\nsite = "mysite"\n')
    for n in range(8):
        day = date(2024, 1, 3) + timedelta(weeks=n)
        folder = "posts" if n % 2 else "notes"
        text = markdown(
            f"Post number {n} says a few words.",
            title=f"Post {n}",
            date=day.isoformat(),
            tags="[career, machine-learning]" if n % 3 == 0 else "[vim]",
        )
        data = BOM + text.encode() if n == 5 else text.encode()
        repo.write(f"content/{folder}/p{n}.md", data)
        repo.commit(f"Post {n}", at(day.year, day.month, day.day))
    repo.move("content/notes/p0.md", "content/notes/first.md")
    repo.commit("Rename the first post", at(2024, 2, 25))
    repo.write("content/posts/draft.md", markdown("Not yet.", title="Draft", draft="true"))
    repo.commit("A draft", at(2024, 2, 26))
    return repo


def test_the_data_file_matches_golden_byte_for_byte(
    make_repo: Callable[..., GitRepo], cli: Cli, request: pytest.FixtureRequest
) -> None:
    repo = blog(make_repo)

    assert export(cli, repo) == listing("written", DEFAULT_FILES)

    data = (repo.path / "data/streakline.json").read_bytes()
    golden = GOLDEN / "export_data.json"
    if request.config.getoption("--update-golden"):
        golden.write_bytes(data)
    assert data == golden.read_bytes(), "data file changed: see `pytest --update-golden`"
    assert repo.head() not in data.decode()


def test_each_post_says_its_section_header_status_line_and_achievements(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = blog(make_repo)
    export(cli, repo)

    data = load(repo, "data/streakline.json")
    posts = data["posts"]
    assert list(posts) == [
        "content/notes/first.md", "content/notes/p2.md", "content/notes/p4.md",
        "content/notes/p6.md", "content/posts/p1.md", "content/posts/p3.md",
        "content/posts/p5.md", "content/posts/p7.md",
    ]  # fmt: skip
    assert posts["content/posts/p5.md"] == {
        "achievements": [],
        "encoding": "utf-8-bom",
        "header": "← /posts #vim",
        "path": "content/posts/p5.md",
        "published": "2024-02-07",
        "section": "/posts",
        "status_line": "NORMAL main ~/mysite/content/posts/p5.md · est. 2024 ● 8w streak utf-8-bom",
        "tags": ["vim"],
        "title": "Post 5",
    }
    first = posts["content/notes/first.md"]
    assert (first["header"], first["achievements"]) == (
        "← /notes #career#machine-learning",
        [{"date": "2024-01-03", "kind": "posts", "title": "1st post"}],
    )
    assert posts["content/notes/p4.md"]["achievements"] == [
        {"date": "2024-01-31", "kind": "streak", "title": "1-month streak"},
    ]
    assert (data["footer"], data["streak"], data["est"], data["status"]) == (
        "est. 2024 ● 8w streak",
        "8w streak",
        "est. 2024",
        "at_risk",
    )
    assert data["stats"]["repo"] == {"branch": "main", "head": None}
    assert data["stats"]["achievements"] == [
        {"date": "2024-01-03", "kind": "posts", "path": "content/notes/first.md",
         "title": "1st post"},
        {"date": "2024-01-31", "kind": "streak", "path": "content/notes/p4.md",
         "title": "1-month streak"},
    ]  # fmt: skip


def test_a_second_export_writes_nothing(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = blog(make_repo)
    assert export(cli, repo) == listing("written", DEFAULT_FILES)
    before = {
        p: ((repo.path / p).stat().st_mtime_ns, (repo.path / p).read_bytes()) for p in DEFAULT_FILES
    }

    assert export(cli, repo) == listing("unchanged", DEFAULT_FILES)

    after = {
        p: ((repo.path / p).stat().st_mtime_ns, (repo.path / p).read_bytes()) for p in DEFAULT_FILES
    }
    assert after == before
    assert sorted(p.name for p in (repo.path / "static").iterdir()) == [
        "streakline-footer.html", "streakline-shields.json", "streakline.svg",
    ]  # fmt: skip


def test_a_new_day_rewrites_only_what_it_changes(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = blog(make_repo)
    export(cli, repo)

    # The next day of the same week: the streak and badge stay, the data's `today` moves.
    assert export(cli, repo, today="2024-02-29") == [
        *listing("unchanged", DEFAULT_FILES[:2]),
        *listing("written", DEFAULT_FILES[2:3]),
        *listing("unchanged", DEFAULT_FILES[3:]),
    ]


def test_a_repo_without_posts_gets_files_that_say_so(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("README.md", "# Soon a blog\n")
    repo.commit("Start", at(2024, 1, 1))

    assert export(cli, repo) == listing("written", DEFAULT_FILES)

    data = load(repo, "data/streakline.json")
    assert (data["footer"], data["est"], data["status"], data["posts"]) == (
        "no posts yet",
        None,
        "broken",
        {},
    )
    assert data["stats"]["totals"]["posts"] == 0
    shields = load(repo, "static/streakline-shields.json")
    assert (shields["label"], shields["message"]) == ("", "no posts yet")
    partial = (repo.path / "static/streakline-footer.html").read_text()
    assert partial.splitlines()[0] == '<div class="streakline" data-site="blog">'
    assert partial.splitlines()[2:] == [
        '  <span class="streakline-text">no posts yet</span>',
        "</div>",
    ]
    svg = (repo.path / "static/streakline.svg").read_text()
    assert svg.startswith("<svg ") and "no posts yet" in svg


def test_a_repo_without_commits_exports_too(tmp_path: Path, cli: Cli) -> None:
    repo = GitRepo.create(tmp_path / "new")

    assert export(cli, repo) == listing("written", DEFAULT_FILES)
    assert load(repo, "data/streakline.json")["footer"] == "no posts yet"


# --ssg ---------------------------------------------------------------------------------------

SITES: dict[str, dict[str, Any]] = {
    "hugo": {
        "files": {"blog/hugo.toml": 'baseURL = "https://example.org/"\n'},
        "post": "blog/content/posts/hello.md",
        "globs": '["blog/content/**/*.md"]',
        "outputs": ["blog/static/streakline.svg", "blog/static/streakline-shields.json",
                    "blog/data/streakline.json", "blog/layouts/partials/streakline-footer.html"],
        "key": "posts/hello.md",
        "section": "/posts",
        "url": "/streakline.svg",
    },
    "zola": {
        "files": {"config.toml": 'base_url = "https://example.org"\n'},
        "post": "content/blog/hello.md",
        "globs": '["content/**/*.md"]',
        "outputs": ["static/streakline.svg", "static/streakline-shields.json",
                    "data/streakline.json", "templates/partials/streakline-footer.html"],
        "key": "blog/hello.md",
        "section": "/blog",
        "url": "/streakline.svg",
    },
    "jekyll": {
        "files": {"_config.yml": "title: Mine\n"},
        "post": "_posts/2024-01-02-hello.md",
        "globs": '["_posts/**/*.md"]',
        "outputs": ["assets/streakline.svg", "assets/streakline-shields.json",
                    "_data/streakline.json", "_includes/streakline-footer.html"],
        "key": "_posts/2024-01-02-hello.md",
        "section": "",
        "url": "/assets/streakline.svg",
    },
    "eleventy": {
        "files": {"eleventy.config.js": 'export default { dir: { input: "src" } };\n'},
        "post": "src/posts/hello.md",
        "globs": '["src/posts/**/*.md"]',
        "outputs": ["src/assets/streakline.svg", "src/assets/streakline-shields.json",
                    "src/_data/streakline.json", "src/_includes/streakline-footer.html"],
        "key": "./src/posts/hello.md",
        "section": "/posts",
        "url": "/assets/streakline.svg",
    },
    "mkdocs": {
        "files": {"mkdocs.yml": "site_name: Mine\nplugins:\n  - blog\n"},
        "post": "docs/blog/posts/hello.md",
        "globs": '["docs/blog/posts/**/*.md"]',
        "outputs": ["docs/assets/streakline.svg", "docs/assets/streakline-shields.json",
                    "docs/assets/streakline.json", "docs/assets/streakline-footer.html"],
        "key": "blog/posts/hello.md",
        "section": "/blog",
        "url": "/assets/streakline.svg",
    },
}  # fmt: skip


@pytest.mark.parametrize("ssg", list(SITES))
def test_each_generator_gets_its_paths_and_page_keys(
    make_repo: Callable[..., GitRepo], cli: Cli, ssg: str
) -> None:
    site = SITES[ssg]
    repo = make_repo(config=f"posts = {site['globs']}\n")
    for path, text in site["files"].items():
        repo.write(path, text)
    repo.write(site["post"], markdown("Hello there.", title="Hello", date="2024-01-02", tags="[a]"))
    repo.commit("Hello", at(2024, 1, 2))

    from streakline.snippets import SNIPPETS

    snippet = SNIPPETS.get(ssg, "")
    assert export(cli, repo, "--ssg", ssg) == [
        *listing("written", site["outputs"]),
        *(["", *snippet.splitlines()] if snippet else []),
    ]

    data = load(repo, site["outputs"][2])
    assert list(data["posts"]) == [site["key"]]
    post = data["posts"][site["key"]]
    assert (post["path"], post["section"]) == (site["post"], site["section"])
    assert post["header"] == " ".join(p for p in ("←", site["section"], "#a") if p)
    partial = (repo.path / site["outputs"][3]).read_text().splitlines()
    assert partial[1].startswith(f'  <img src="{site["url"]}" width=')
    # Nothing was written anywhere else.
    on_disk = sorted(
        p.relative_to(repo.path).as_posix()
        for p in repo.path.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(repo.path).parts
    )
    assert on_disk == sorted([".streakline.toml", *site["files"], site["post"], *site["outputs"]])


def test_an_ssg_that_is_not_there_is_a_clear_error(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = blog(make_repo)

    run = cli.run("export", "-C", str(repo.path), "--db", cli.db_url, "--ssg", "jekyll")

    assert user_error(run) == (
        "error: --ssg jekyll: no Jekyll site found at the repo root or in a site folder "
        "(v2/, site/, blog/, docs/, www/); leave out --ssg to write the [outputs] paths"
    )
    assert not (repo.path / "_data").exists()


def test_an_unknown_ssg_is_a_usage_error(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = blog(make_repo)
    run = cli.run("export", "-C", str(repo.path), "--db", cli.db_url, "--ssg", "gatsby")
    assert run.exit_code == 2, run.detail


# Text from the repo ---------------------------------------------------------------------------

SHALOM = "\u05e9\u05dc\u05d5\u05dd"  # Hebrew, written right to left
NASTY = f"<script>alert(\"x\")</script> & 'q' \u202e{SHALOM}"


def test_markup_quotes_and_right_to_left_text_are_escaped_and_valid_json(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    toml_site = NASTY.replace("\\", "\\\\").replace('"', '\\"')
    repo = make_repo(config=f'posts = ["posts/*.md"]\nsite = "{toml_site}"\n')
    yaml_title = "'" + NASTY.replace("'", "''") + "'"
    repo.write(
        "posts/a.md",
        markdown("Words.", title=yaml_title, date="2024-01-02", tags=f"[{yaml_title}, plain]"),
    )
    repo.commit("A", at(2024, 1, 2))

    export(cli, repo, today="2024-01-03")

    raw = (repo.path / "data/streakline.json").read_bytes().decode("utf-8")
    assert "\u202e" not in raw and "\\u202e" in raw
    data = json.loads(raw)
    post = data["posts"]["posts/a.md"]
    assert post["title"] == NASTY
    assert post["tags"] == [NASTY, "plain"]
    assert post["header"] == f"← #{NASTY}#plain"
    assert post["status_line"] == f"NORMAL main ~/{NASTY}/posts/a.md · est. 2024 ● 3d streak utf-8"
    assert data["stats"]["site"] == NASTY
    partial = (repo.path / "static/streakline-footer.html").read_text()
    assert partial.splitlines()[0] == (
        '<div class="streakline" data-site="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; '
        f'&amp; &#x27;q&#x27; &#x202e;{SHALOM}">'
    )
    assert "<script>" not in partial


# write_outputs and the output paths ------------------------------------------------------------


def test_write_outputs_writes_only_changed_files_and_makes_folders(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"same")
    files = [OutputFile("deep/er/a.txt", b"new"), OutputFile("b.txt", b"same")]

    assert write_outputs(tmp_path, files) == ["deep/er/a.txt"]
    assert (tmp_path / "deep/er/a.txt").read_bytes() == b"new"
    assert write_outputs(tmp_path, files) == []
    assert sorted(p.name for p in (tmp_path / "deep/er").iterdir()) == ["a.txt"]


@pytest.mark.parametrize("path", ["../out.svg", "/etc/out.svg", "a/../../out.svg", "a//b.svg"])
def test_write_outputs_refuses_paths_outside_the_repo(tmp_path: Path, path: str) -> None:
    from streakline.errors import StreaklineError

    root = tmp_path / "repo"
    root.mkdir()
    with pytest.raises(StreaklineError, match="is not a path inside the repo"):
        write_outputs(root, [OutputFile("ok.svg", b"x"), OutputFile(path, b"x")])
    assert list(root.iterdir()) == []


def test_write_outputs_refuses_a_folder_linked_out_of_the_repo(tmp_path: Path) -> None:
    from streakline.errors import StreaklineError

    root, outside = tmp_path / "repo", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "static").symlink_to(outside)
    with pytest.raises(StreaklineError, match="would be written outside the repo"):
        write_outputs(root, [OutputFile("static/new/streakline.svg", b"x")])
    assert list(outside.iterdir()) == []


def test_configured_outputs_are_used_and_checked(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    config = 'posts = ["posts/*.md"]\n[outputs]\nsvg = "img/s.svg"\nhtml = "parts/footer.html"\n'
    repo = make_repo(config=config)
    repo.write("posts/a.md", markdown("Words.", title="A", date="2024-01-02"))
    repo.commit("A", at(2024, 1, 2))

    assert export(cli, repo) == listing(
        "written",
        [
            "img/s.svg",
            "static/streakline-shields.json",
            "data/streakline.json",
            "parts/footer.html",
        ],
    )
    partial = (repo.path / "parts/footer.html").read_text().splitlines()
    assert partial[1].startswith('  <img src="/img/s.svg" width=')

    repo.write(".streakline.toml", 'posts = ["posts/*.md"]\n[outputs]\njson = "../x.json"\n')
    run = cli.run("export", "-C", str(repo.path), "--db", cli.db_url)
    assert user_error(run) == (
        "error: .streakline.toml: outputs.json must be a path inside the repo, from its root "
        "(like static/streakline.svg), not '../x.json'"
    )


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('site = ""', "error: .streakline.toml: site must be a non-empty string"),
        ("site = 3", "error: .streakline.toml: site must be a non-empty string"),
    ],
)
def test_a_bad_site_name_is_a_clear_error(
    make_repo: Callable[..., GitRepo], cli: Cli, line: str, error: str
) -> None:
    repo = make_repo(config=f'posts = ["posts/*.md"]\n{line}\n')
    run = cli.run("export", "-C", str(repo.path), "--db", cli.db_url)
    assert user_error(run) == error


def test_the_site_name_defaults_to_the_repo_folder(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo("my-blog")
    repo.write("posts/a.md", markdown("Words.", title="A", date="2024-01-02"))
    repo.commit("A", at(2024, 1, 2))

    export(cli, repo, today="2024-01-03")

    data = load(repo, "data/streakline.json")
    assert data["stats"]["site"] == "my-blog"
    assert data["posts"]["posts/a.md"]["status_line"] == (
        "NORMAL main ~/my-blog/posts/a.md · est. 2024 ● 3d streak utf-8"
    )


def test_a_post_with_no_section_and_no_tags_has_no_header(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["_posts/**/*.md"]\n')
    repo.write("_config.yml", "title: Mine\n")
    repo.write("_posts/2024-01-02-hello.md", markdown("Hello there.", title="Hello"))
    repo.write("_posts/2024-01-09-tagged.md", markdown("Tagged.", title="Tagged", tags="[vim]"))
    repo.commit("Two posts", at(2024, 1, 9))

    export(cli, repo, "--ssg", "jekyll")

    posts = load(repo, "_data/streakline.json")["posts"]
    assert [(key, post["section"], post["header"]) for key, post in posts.items()] == [
        ("_posts/2024-01-02-hello.md", "", ""),
        ("_posts/2024-01-09-tagged.md", "", "← #vim"),
    ]


def test_outputs_ssg_in_the_config_writes_into_the_generators_folders(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["_posts/**/*.md"]\n[outputs]\nssg = "jekyll"\n')
    repo.write("_config.yml", "title: Mine\n")
    repo.write("_posts/2024-01-02-hello.md", markdown("Hello there.", title="Hello"))
    repo.commit("Hello", at(2024, 1, 2))

    assert export(cli, repo) == listing("written", SITES["jekyll"]["outputs"])
    assert list(load(repo, "_data/streakline.json")["posts"]) == ["_posts/2024-01-02-hello.md"]
    assert not (repo.path / "static").exists()


@pytest.mark.parametrize(
    ("outputs", "error"),
    [
        (
            'ssg = "gatsby"',
            "error: .streakline.toml: outputs.ssg must be one of hugo, jekyll, eleventy, "
            "mkdocs, zola, not 'gatsby'",
        ),
        (
            'ssg = "hugo"\njson = "x.json"',
            "error: .streakline.toml: outputs.ssg writes into hugo's own folders; remove "
            "outputs.json, or outputs.ssg to choose the paths yourself",
        ),
    ],
)
def test_a_bad_outputs_ssg_is_a_clear_error(
    make_repo: Callable[..., GitRepo], cli: Cli, outputs: str, error: str
) -> None:
    repo = make_repo(config=f'posts = ["posts/*.md"]\n[outputs]\n{outputs}\n')
    run = cli.run("export", "-C", str(repo.path), "--db", cli.db_url)
    assert user_error(run) == error


def test_outputs_ssg_without_its_site_names_the_config_key(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["posts/*.md"]\n[outputs]\nssg = "zola"\n')
    repo.write("posts/a.md", markdown("Words.", title="A", date="2024-01-02"))
    repo.commit("A", at(2024, 1, 2))

    run = cli.run("export", "-C", str(repo.path), "--db", cli.db_url)

    assert user_error(run) == (
        "error: outputs.ssg zola: no Zola site found at the repo root or in a site folder "
        "(v2/, site/, blog/, docs/, www/); leave out outputs.ssg to write the [outputs] paths"
    )
