"""SPEC 4: odd files are read or skipped with a warning; nothing crashes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gitrepo import Cli, GitRepo, by_path, markdown

YAML_LF = "---\ntitle: Odd file\ndate: 2024-02-03\ntags: [a, b]\n---\n\nBody text here.\n"
TOML_LF = (
    '+++\ntitle = "Odd file"\ndate = "2024-02-03"\ntags = ["a", "b"]\n+++\n\nBody text here.\n'
)
JSON_LF = (
    '{\n"title": "Odd file",\n"date": "2024-02-03",\n"tags": ["a", "b"]\n}\n\nBody text here.\n'
)


@pytest.mark.parametrize(
    "content",
    [
        YAML_LF.encode(),
        b"\xef\xbb\xbf" + YAML_LF.encode(),
        YAML_LF.replace("\n", "\r\n").encode(),
        b"\xef\xbb\xbf" + YAML_LF.replace("\n", "\r\n").encode(),
        TOML_LF.encode(),
        b"\xef\xbb\xbf" + TOML_LF.replace("\n", "\r\n").encode(),
        JSON_LF.encode(),
        JSON_LF.replace("\n", "\r\n").encode(),
    ],
    ids=[
        "yaml",
        "yaml-bom",
        "yaml-crlf",
        "yaml-bom-crlf",
        "toml",
        "toml-bom-crlf",
        "json",
        "json-crlf",
    ],
)
def test_front_matter_flavours_read_alike(
    content: bytes, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/odd.md", content)
    repo.commit("Add")

    run = cli.scan(repo)
    (post,) = cli.posts(repo)

    assert run.warnings == [], run.detail
    assert post["title"] == "Odd file"
    assert post["published"] == "2024-02-03"
    assert sorted(post["tags"]) == ["a", "b"]
    assert post["words"] == 3


def test_non_utf8_file_is_read_with_a_warning(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo()
    repo.write(
        "posts/latin.md",
        "---\ntitle: Caf\u00e9 notes\n---\n\nD\u00e9j\u00e0 vu.\n".encode("latin-1"),
    )
    repo.commit("Add")

    run = cli.scan(repo)
    (post,) = cli.posts(repo)

    assert any("posts/latin.md" in line for line in run.warnings), run.detail
    assert post["title"] == "Caf\ufffd notes"
    assert post["status"] == "published"


def test_file_with_nul_bytes_is_skipped_with_a_warning(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/binary.md", b"---\ntitle: Binary\n---\n\nBody\x00\x01\x02\n")
    repo.write("posts/fine.md", markdown(title="Fine"))
    repo.commit("Add")

    run = cli.scan(repo)
    posts = by_path(cli.posts(repo, include_deleted=True))

    assert any("posts/binary.md" in line for line in run.warnings), run.detail
    assert set(posts) == {"posts/fine.md"}


@pytest.mark.parametrize(
    ("content", "title", "status"),
    [
        # Nothing can be read: no version ever said the post is ready, so it waits as a draft.
        (
            "---\ntitle: [unclosed\n---\n\n# Heading title\n\nSome words here.\n",
            "Heading title",
            "draft",
        ),
        ("+++\ntitle = \n+++\n\n# Heading title\n\nSome words here.\n", "Heading title", "draft"),
        # Read line by line, the title survives the trailing comma.
        (
            '{\n"title": "trailing comma",\n}\n\n# Heading title\n\nSome words here.\n',
            "trailing comma",
            "published",
        ),
    ],
    ids=["yaml", "toml", "json"],
)
def test_broken_front_matter_is_counted_with_a_warning(
    content: str, title: str, status: str, make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/broken.md", content)
    sha = repo.commit("Add broken")

    run = cli.scan(repo)
    (post,) = cli.posts(repo)

    assert post["status"] == status
    assert post["title"] == title
    assert post["tags"] == []
    naming = [line for line in run.warnings if "posts/broken.md" in line and sha[:7] in line]
    assert naming, run.detail
