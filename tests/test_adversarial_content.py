"""Hostile content and configuration: never silently wrong, never a traceback."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, Run, at, markdown, user_error

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


def _authors_after_a_mailmap_setting(
    repo: GitRepo, cli: Cli, tmp_path: Path, key: str, value: str
) -> tuple[Run, Run]:
    """Scan, change `key` in git config, scan again; and a scan from scratch to compare."""
    repo.write("posts/a.md", markdown("A.", title="A", date="2024-01-02"))
    repo.commit("A", at(2024, 1, 2), author="ada l <ada@example.org>")
    cli.scan(repo)
    repo.git("config", key, value)
    args = ["stats", "-C", str(repo.path), "--json", "--today", "2024-01-10"]
    stepped = cli.ok(*args, "--db", cli.db_url)
    full = cli.ok(*args, "--db", f"sqlite:///{tmp_path}/full.sqlite3")
    return stepped, full


def test_item_07_mailmap_file_setting_change_starts_over(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo()
    (tmp_path / "names.mailmap").write_text("Ada <ada@example.org>\n")

    stepped, full = _authors_after_a_mailmap_setting(
        repo, cli, tmp_path, "mailmap.file", str(tmp_path / "names.mailmap")
    )

    assert stepped.warnings == [
        "warning: settings changed since the last scan of main; starting over"
    ]
    assert stepped.json()["authors"] == full.json()["authors"] == {"Ada": 1}


def test_mailmap_file_in_the_home_folder_is_read_as_git_reads_it(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "names.mailmap").write_text("Ada <ada@example.org>\n")
    monkeypatch.setenv("HOME", str(home))
    repo = make_repo()

    stepped, full = _authors_after_a_mailmap_setting(
        repo, cli, tmp_path, "mailmap.file", "~/names.mailmap"
    )

    assert repo.git("log", "-1", "--format=%aN").strip() == "Ada"
    assert stepped.json()["authors"] == full.json()["authors"] == {"Ada": 1}


def test_item_07_mailmap_blob_setting_change_starts_over(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    repo = make_repo()
    repo.write("names/mailmap", "Ada <ada@example.org>\n")
    repo.commit("Names", at(2024, 1, 1))

    stepped, full = _authors_after_a_mailmap_setting(
        repo, cli, tmp_path, "mailmap.blob", "main:names/mailmap"
    )

    assert stepped.warnings == [
        "warning: settings changed since the last scan of main; starting over"
    ]
    assert stepped.json()["authors"] == full.json()["authors"] == {"Ada": 1}


def test_item_07_mixed_indent_lists_read_as_pyyaml_reads_them(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    # A deeper `- z` continues the item before it: one tag, `x - z`.
    repo.write("posts/deeper.md", "---\ntitle: Deeper\ntags:\n- x\n - z\n---\nBody.\n")
    # A shallower `- x` after `   - w` is an error: the block is read line by line.
    repo.write("posts/shallower.md", "---\ntitle: Shallower\ntags:\n   - w\n- x\n---\nBody.\n")
    # `on:` is the boolean key true to YAML, not a key named "on".
    repo.write("posts/on.md", "---\ntitle: Switch\non: [a]\ntags: [t]\n---\nBody.\n")
    repo.commit("Publish", at(2024, 1, 9))

    scan = cli.scan(repo)
    posts = {p["path"]: p for p in cli.posts(repo)}

    assert {path: (p["title"], p["tags"]) for path, p in posts.items()} == {
        "posts/deeper.md": ("Deeper", ["x - z"]),
        "posts/shallower.md": ("Shallower", ["w", "x"]),
        "posts/on.md": ("Switch", ["t"]),
    }
    assert scan.warnings == [
        f"warning: posts/shallower.md at {repo.head()[:10]}: front matter does not parse: "
        "did not find expected key (line 5); read line by line"
    ]


def test_item_15_settings_file_that_is_a_fifo_is_refused(
    make_repo: Callable[..., GitRepo], run_process: Callable[..., Run], tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    os.mkfifo(repo.path / ".streakline.toml")

    run = run_process(
        "scan", "-C", str(repo.path), "--db", f"sqlite:///{tmp_path}/s.db", timeout=20
    )

    assert user_error(run) == (
        f"error: {repo.path}/.streakline.toml is not a regular file; settings are read from a file"
    )


def test_item_15_settings_file_linked_to_dev_zero_is_refused(
    make_repo: Callable[..., GitRepo], run_process: Callable[..., Run], tmp_path: Path
) -> None:
    repo = make_repo(config=None)
    (repo.path / ".streakline.toml").symlink_to("/dev/zero")

    run = run_process(
        "scan", "-C", str(repo.path), "--db", f"sqlite:///{tmp_path}/s.db", timeout=20
    )

    assert user_error(run) == (
        f"error: {repo.path}/.streakline.toml is not a regular file; settings are read from a file"
    )


def test_item_15_settings_file_over_a_mebibyte_is_refused(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["posts/*.md"]\n' + "#" * (1 << 20) + "\n")

    run = cli.run("scan", "-C", str(repo.path), "--db", cli.db_url)

    assert user_error(run) == (
        f"error: {repo.path}/.streakline.toml is larger than 1 MiB, too big for settings"
    )


def test_item_15_repeated_folder_wildcards_match_fast(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='posts = ["**/**/**/**/**/**/x.md"]\n')
    deep = "/".join(f"d{n}" for n in range(80))
    repo.write(f"{deep}/x.md", markdown("X.", title="Deep", date="2024-01-02"))
    repo.write(f"{deep}/y.md", markdown("Y.", title="Not a post", date="2024-01-03"))
    repo.write("x.md", markdown("X.", title="Top", date="2024-01-04"))
    repo.commit("Posts", at(2024, 1, 5))

    started = time.monotonic()
    posts = cli.posts(repo)
    elapsed = time.monotonic() - started

    assert sorted((p["path"], p["title"]) for p in posts) == [
        (f"{deep}/x.md", "Deep"),
        ("x.md", "Top"),
    ]
    assert elapsed < 5, f"{elapsed:.1f} s"


def test_item_15_many_freezes_and_a_post_from_year_one_take_no_time(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    # 1,999 short freezes long ago, and one over the last two weeks of 2023.
    freezes = [f'{{ start = "{1500 + n // 10}-03-0{1 + n % 5}", end = "{1500 + n // 10}-03-09" }}'
               for n in range(1999)]  # fmt: skip
    freezes.append('{ start = "2023-12-18", end = "2023-12-31" }')
    repo = make_repo(config=f'posts = ["posts/*.md"]\n[streak]\nfreezes = [{", ".join(freezes)}]\n')
    repo.write("posts/old.md", markdown("Old.", title="Old", date="0001-01-01"))
    repo.write("posts/dec.md", markdown("Dec.", title="Dec", date="2023-12-15"))
    repo.write("posts/new.md", markdown("New.", title="New", date="2024-01-02"))
    repo.commit("Posts", at(2024, 1, 5))
    cli.scan(repo)

    started = time.monotonic()
    run = cli.ok(
        "stats", "-C", str(repo.path), "--db", cli.db_url, "--json", "--today", "2024-01-05"
    )
    elapsed = time.monotonic() - started

    stats = run.json()
    streak = {"length": 2, "unit": "week", "start": "2023-12-11", "end": "2024-01-07"}
    assert (stats["est"], stats["streaks"]) == (
        1,
        {"current": {**streak, "status": "done", "days_left": None}, "longest": streak},
    )
    assert elapsed < 5, f"{elapsed:.1f} s"


def test_item_18_settings_file_with_a_bom_is_read(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config='\ufeffposts = ["notes/*.md"]\n')
    repo.write("notes/a.md", markdown("A.", title="A", date="2024-01-02"))
    repo.write("posts/b.md", markdown("B.", title="B", date="2024-01-03"))
    repo.commit("Posts", at(2024, 1, 5))

    assert [(p["path"], p["title"]) for p in cli.posts(repo)] == [("notes/a.md", "A")]


def test_item_18_settings_with_a_huge_integer_give_a_short_error(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(config=f'posts = ["posts/*.md"]\nbulk_threshold = {HUGE_DECIMAL}\n')

    run = cli.run("scan", "-C", str(repo.path), "--db", cli.db_url)

    assert user_error(run) == (
        "error: .streakline.toml does not parse: a number has more than 4300 digits"
    )


def test_item_10_huge_integer_as_a_freeze_reason_is_a_config_error(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo(
        config='posts = ["posts/*.md"]\n[streak]\n'
        f'freezes = [{{ start = "2024-01-01", end = "2024-01-02", reason = {HUGE_HEX} }}]\n'
    )

    run = cli.run("scan", "-C", str(repo.path), "--db", cli.db_url)

    assert user_error(run) == "error: .streakline.toml: a freeze reason must be a string"


@pytest.mark.parametrize("cadence", ["day", "week", "month", "year"])
def test_item_13_a_freeze_to_the_end_of_the_calendar_keeps_the_streak_alive(
    cadence: str,
) -> None:
    """Nothing after 9999-12-31 can break the streak: it is at risk, never an error."""
    from datetime import date

    from streakline.streaks import StreakRules, compute_streaks

    rules = StreakRules(cadence=cadence, freezes=((date(2024, 1, 2), date(9999, 12, 31)),))  # type: ignore[arg-type]

    current, longest = compute_streaks([date(2024, 1, 1)], rules, date(2025, 3, 1))

    assert (current.length, current.status, longest.length) == (1, "at_risk", 1)
    assert current.days_left is not None and current.days_left > 2_900_000


def test_item_13_a_bulk_threshold_beyond_64_bits_is_taken_as_it_is(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    """Nothing stores it: bulk commits are worked out when read, with Python's integers."""
    repo = make_repo(config='posts = ["posts/*.md"]\nbulk_threshold = 100000000000000000000000\n')
    repo.write("posts/a.md", markdown("Words.", title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    repo.write("posts/a.md", markdown("Words, edited.", title="A", date="2024-01-01"))
    repo.commit("Edit A", at(2024, 1, 2))

    (post,) = cli.posts(repo)

    assert (post["path"], post["edits"]) == ("posts/a.md", 1)
