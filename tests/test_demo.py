"""`streakline demo`'s sample blog: the history it claims, and what streakline makes of it."""

from __future__ import annotations

import json
import re
import subprocess
import time
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from gitrepo import Cli, by_path
from streakline.demo import DemoInfo, build_demo_repo
from streakline.errors import StreaklineError

TAGS = {"python", "git", "writing", "vim", "sqlite", "travel"}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)
    return proc.stdout.decode().strip()


def front_matter(text: str) -> dict[str, Any]:
    """The three fields the demo writes, read the way a person skimming the file would."""
    fields: dict[str, Any] = {}
    for key in ("title", "date", "tags"):
        found = re.search(rf"^{key}: (.+)$", text, re.MULTILINE)
        assert found, text
        fields[key] = found.group(1) if key == "date" else json.loads(found.group(1))
    fields["draft"] = re.search(r"^draft: true$", text, re.MULTILINE) is not None
    return fields


def post_files(repo: Path) -> list[str]:
    files = git(repo, "ls-files", "content").splitlines()
    return [f for f in files if not f.endswith("/_index.md")]


def posts_json(repo: Path, tmp_path: Path, db_name: str = "d.sqlite3") -> list[dict[str, Any]]:
    db = f"sqlite:///{tmp_path}/{db_name}"
    run = Cli(db).ok("posts", "-C", str(repo), "--db", db, "--json", "--today", "2026-11-25")
    assert run.warnings == [], run.detail
    data = run.json()
    assert isinstance(data, list)
    return data


def post_commits(repo: Path) -> list[tuple[str, date, int]]:
    """(sha, local committer day, UTC epoch) of each commit adding a post, oldest first."""
    out = git(repo, "log", "--reverse", "--diff-filter=A", "--format=%H %cs %ct", "--", "content")
    rows = [line.split() for line in out.splitlines()]
    return [(sha, date.fromisoformat(day), int(ct)) for sha, day, ct in rows]


@pytest.fixture
def demo(tmp_path: Path) -> DemoInfo:
    return build_demo_repo(tmp_path / "demo")


def test_demo_history_has_the_promised_shape(demo: DemoInfo) -> None:
    repo = demo.path
    assert (demo.branch, demo.today) == ("main", date(2026, 11, 25))
    assert git(repo, "symbolic-ref", "--short", "HEAD") == "main"
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    commits = git(repo, "log", "--format=%H").splitlines()
    assert 150 <= len(commits) <= 200

    renames = git(repo, "log", "-M", "--diff-filter=R", "--name-status", "--format=").splitlines()
    assert len(renames) == 1
    status, old, new = renames[0].split("\t")
    assert status == "R100"
    assert old.startswith("content/posts/") and new == old.removesuffix(".md") + "/index.md"

    drafts = git(repo, "grep", "-l", "^draft: true", "HEAD", "--", "content").splitlines()
    assert len(drafts) == 1
    draft = drafts[0].removeprefix("HEAD:")
    versions = git(repo, "log", "--format=%H", "--", draft).splitlines()
    assert len(versions) >= 2
    for sha in versions:
        assert front_matter(git(repo, "show", f"{sha}:{draft}"))["draft"], sha

    offsets = set(re.findall(r"[+-]\d\d:\d\d$", git(repo, "log", "--format=%cI"), re.MULTILINE))
    assert offsets == {"+01:00", "-05:00"}

    edits = git(repo, "log", "--diff-filter=M", "--name-only", "--format=", "--", "content")
    assert len(edits.splitlines()) >= 5

    days = [day for _, day, _ in post_commits(repo)]
    assert days[0] < date(2023, 12, 1)
    assert days[-1] == date(2026, 11, 20)
    gaps = sorted(((b - a).days, a) for a, b in pairwise(days))
    trip_days, trip_start = gaps[-1]
    assert trip_days >= 28 and trip_start.year == 2025
    assert gaps[-2][0] <= 14, "one long break, otherwise mostly weekly"


def test_demo_posts_are_what_the_blogger_wrote(demo: DemoInfo, tmp_path: Path) -> None:
    repo = demo.path
    posts = by_path(posts_json(repo, tmp_path))
    files = post_files(repo)
    assert set(posts) == set(files)

    fields = {path: front_matter((repo / path).read_text()) for path in files}
    drafts = [path for path, f in fields.items() if f["draft"]]
    assert len(drafts) == 1
    draft = posts[drafts[0]]
    assert (draft["status"], draft["published"]) == ("draft", None)

    published = [p for p in posts.values() if p["path"] != drafts[0]]
    assert {p["status"] for p in published} == {"published"}
    for post in published:
        wrote = fields[post["path"]]
        assert post["title"] == wrote["title"]
        assert post["published"] == wrote["date"][:10], post
        assert post["date_source"] == "declared"
        assert post["tags"] == wrote["tags"]
        assert post["words"] > 50
    assert {tag for p in published for tag in p["tags"]} == TAGS
    assert max(p["published"] for p in published) == "2026-11-20"
    assert not [p for p in published if "2025-07-01" <= p["published"] <= "2025-07-27"]

    fixed = git(repo, "log", "--diff-filter=M", "--name-only", "--format=", "--", "content")
    edited = {path for path in fixed.splitlines() if path != drafts[0]}
    assert edited
    assert {p["path"] for p in published if p["edits"]} == edited


def test_demo_renamed_post_keeps_its_first_publication(demo: DemoInfo, tmp_path: Path) -> None:
    repo = demo.path
    line = git(repo, "log", "-M", "--diff-filter=R", "--name-status", "--format=%H")
    rename_sha, _, moved = line.split("\n")
    _, old, new = moved.split("\t")
    added = git(repo, "log", "--diff-filter=A", "--format=%H %cs", "--", old)
    add_sha, add_day = added.split()

    post = by_path(posts_json(repo, tmp_path))[new]
    assert old not in by_path(posts_json(repo, tmp_path, "again.sqlite3"))
    assert post["published"] == add_day < "2026-01-01"
    assert (post["first_commit"], post["last_commit"]) == (add_sha, rename_sha)
    assert post["edits"] == 0, "a move is not writing"


def test_demo_lands_each_post_on_its_own_date(demo: DemoInfo, tmp_path: Path) -> None:
    """Commit dates are the post dates, so taking dates from the commits changes nothing."""
    repo = demo.path
    declared = {p["path"]: p["published"] for p in posts_json(repo, tmp_path)}
    (repo / ".streakline.toml").write_text(
        'posts = ["content/**/*.md"]\nexclude = ["**/_index.md"]\ndate_source = "landed"\n'
    )
    landed = {p["path"]: p["published"] for p in posts_json(repo, tmp_path, "landed.sqlite3")}
    assert landed == declared

    # Late evenings in New York land on the next UTC day: the author's own day must win.
    crossing = [
        day
        for _, day, epoch in post_commits(repo)
        if datetime.fromtimestamp(epoch, UTC).date() != day
    ]
    assert crossing
    assert set(crossing) <= {date.fromisoformat(d) for d in declared.values() if d}


def test_demo_is_the_same_every_time(tmp_path: Path) -> None:
    first = build_demo_repo(tmp_path / "one")
    (tmp_path / "two").mkdir()  # the `demo` command hands over a fresh temporary folder
    second = build_demo_repo(tmp_path / "two")
    assert first.today == second.today
    log = ("log", "--format=%H %T %cI")
    assert git(first.path, *log) == git(second.path, *log)


def test_demo_ignores_the_hosts_git_setup(
    tmp_path: Path, clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from inside a git hook, or by someone who signs every commit, it builds the same."""
    reference = build_demo_repo(tmp_path / "reference")
    other = tmp_path / "other"
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    before = sorted(p.relative_to(other) for p in other.rglob("*"))
    with (clean_env / ".gitconfig").open("a") as config:
        config.write("[init]\n\tdefaultBranch = trunk\n[commit]\n\tgpgsign = true\n")
        config.write("[user]\n\tuseConfigOnly = true\n\tname = Somebody Else\n")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    monkeypatch.setenv("GIT_AUTHOR_DATE", "1 +0000")

    info = build_demo_repo(tmp_path / "demo")

    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_INDEX_FILE")
    monkeypatch.delenv("GIT_WORK_TREE")
    assert info.branch == "main"
    assert git(info.path, "rev-parse", "HEAD") == git(reference.path, "rev-parse", "HEAD")
    assert sorted(p.relative_to(other) for p in other.rglob("*")) == before


def test_demo_refuses_a_folder_with_files(tmp_path: Path) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "keep.md").write_text("mine\n")
    with pytest.raises(StreaklineError, match="not an empty folder"):
        build_demo_repo(target)
    assert [p.name for p in target.iterdir()] == ["keep.md"]


def test_demo_finishes_quickly(tmp_path: Path) -> None:
    start = time.perf_counter()
    build_demo_repo(tmp_path / "demo")
    assert time.perf_counter() - start < 10, "generous on a loaded machine: the aim is < 2 s"
