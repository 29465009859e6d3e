"""Hostile content and configuration: never silently wrong, never a traceback."""

from __future__ import annotations

from collections.abc import Callable

from gitrepo import Cli, GitRepo, at

HUGE_HEX = "0x" + "f" * 5000
HUGE_DECIMAL = "9" * 5000


def test_item_10_huge_integer_in_front_matter_keeps_what_can_be_read(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    # A hex integer parses, but Python refuses to write it out in decimal.
    repo.write(
        "posts/hex.md",
        f"---\ntitle: {HUGE_HEX}\ndate: 2024-01-05\ntags: [x, {HUGE_HEX}]\n---\nBody.\n",
    )
    # A decimal one is refused while parsing, by YAML, TOML and JSON alike.
    repo.write("posts/dec.md", f"---\ntitle: Dec\ndate: 2024-01-06\nweight: {HUGE_DECIMAL}\n---\n")
    repo.write(
        "posts/toml.md", f'+++\ntitle = "Toml"\ndate = 2024-01-07\nn = {HUGE_DECIMAL}\n+++\n'
    )
    repo.write("posts/json.md", f'{{"title": "Json", "date": "2024-01-08", "n": {HUGE_DECIMAL}}}\n')
    repo.commit("Publish", at(2024, 1, 9))

    scan = cli.scan(repo)
    posts = {p["path"]: p for p in cli.posts(repo)}

    assert {path: (p["title"], p["published"], p["tags"]) for path, p in posts.items()} == {
        "posts/hex.md": (HUGE_HEX, "2024-01-05", ["x", HUGE_HEX]),
        "posts/dec.md": ("Dec", "2024-01-06", []),
        "posts/toml.md": ("Toml", "2024-01-07", []),
        "posts/json.md": ("Json", "2024-01-08", []),
    }
    sha = repo.head()[:10]
    reason = "a number has more than 4300 digits; read line by line"
    assert sorted(scan.warnings) == [
        f"warning: posts/{name}.md at {sha}: front matter does not parse: {reason}"
        for name in ("dec", "hex", "json", "toml")
    ]


def test_item_10_lone_surrogate_in_json_front_matter_is_replaced(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write(
        "posts/a.md",
        '{"title": "Caf\\ud800e", "date": "2024-01-05", "tags": ["\\udc00", "ok"]}\nBody.\n',
    )
    # Broken JSON is read line by line, and its strings are unescaped the same way.
    repo.write("posts/b.md", '{"title": "B\\ud800", "date": "2024-01-06",\nBody.\n')
    repo.commit("Publish", at(2024, 1, 9))

    cli.scan(repo)
    posts = {p["path"]: p for p in cli.posts(repo)}

    assert {path: (p["title"], p["published"], p["tags"]) for path, p in posts.items()} == {
        "posts/a.md": ("Caf\ufffde", "2024-01-05", ["\ufffd", "ok"]),
        "posts/b.md": ("B\ufffd", "2024-01-06", []),
    }
