"""Git histories an adversarial run found mishandled: each is read right, or refused in one line."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepo import Cli, GitRepo, at, by_path, dump_tables, markdown, user_error


def test_item_01_fast_forward_merge_does_not_duplicate_posts(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/one.md", markdown("One.", title="One", date="2024-01-01"))
    origin = repo.commit("O", at(2024, 1, 1))
    repo.write("posts/two.md", markdown("Two.", title="Two", date="2024-01-02"))
    scanned = repo.commit("X", at(2024, 1, 2))
    cli.scan(repo)
    # A pull request branch made at O merges X with --no-ff; main then fast-forwards to it.
    repo.branch("pr", origin)
    repo.checkout("pr")
    merge = repo.merge("main", at(2024, 1, 3))
    repo.checkout("main")
    repo.git("merge", "-q", "--ff-only", "pr")
    assert repo.head() == merge

    run = cli.scan(repo)

    posts = cli.posts(repo)
    assert sorted(p["path"] for p in posts) == ["posts/one.md", "posts/two.md"]
    # X left the first-parent line: it is undone, and the merge diffed against O instead.
    assert run.stderr_lines == [
        "Scanned 1 commits on main (incremental scan, 1 commit no longer on main undone "
        "first): 1 events, 2 post lineages.",
    ], scanned


def one_post(repo: GitRepo) -> str:
    repo.write("posts/one.md", markdown("One.", title="One", date="2024-01-01"))
    return repo.commit("One", at(2024, 1, 1))


def test_item_02_sha256_repository_is_refused_in_one_line(tmp_path: Path, cli: Cli) -> None:
    repo = GitRepo(tmp_path / "blog")
    repo.path.mkdir()
    repo.git("init", "-q", "-b", "main", "--object-format=sha256")
    one_post(repo)

    for command in ("scan", "posts", "stats"):
        run = cli.run(command, "-C", str(repo.path), "--db", cli.db_url)

        assert user_error(run) == (
            f"error: {repo.path.resolve()} is a SHA256 repository; streakline reads SHA-1 "
            "repositories only"
        )


def test_item_02_repository_of_another_user_is_refused_in_one_line(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    one_post(repo)

    run = cli.run(
        "scan", "-C", str(repo.path), "--db", cli.db_url,
        env={"GIT_TEST_ASSUME_DIFFERENT_OWNER": "1"},
    )  # fmt: skip

    where = repo.path.resolve()
    assert user_error(run) == (
        f"error: git refuses to read {where}: it belongs to another user; if you trust it, "
        f"run `git config --global --add safe.directory {where}`"
    )


def damage_ref(repo: GitRepo, content: str) -> None:
    """Writes `content` as the loose ref of main (after packing, so no other copy exists)."""
    repo.git("pack-refs", "--all")
    packed = repo.path / ".git" / "packed-refs"
    lines = [ln for ln in packed.read_text().splitlines() if not ln.endswith(" refs/heads/main")]
    packed.write_text("\n".join(lines) + "\n")
    (repo.path / ".git" / "refs" / "heads" / "main").write_text(content)


MISSING_SHA = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            MISSING_SHA + "\n",
            "error: 'main' points at 0123456789, which is missing from the repository; "
            "run `git fsck` to see what is damaged",
        ),
        (
            "this is not a ref\n",
            "error: the branch 'main' in {root} cannot be read (its ref is damaged); "
            "run `git fsck` to see what is wrong",
        ),
    ],
    ids=["missing-object", "garbage"],
)
def test_item_02_damaged_branch_ref_is_an_error_and_deletes_nothing(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path, content: str, message: str
) -> None:
    repo = make_repo()
    one_post(repo)
    repo.write("posts/two.md", markdown("Two.", title="Two", date="2024-01-02"))
    repo.commit("Two", at(2024, 1, 2))
    cli.scan(repo)
    stored = dump_tables(db_file)
    assert len(stored["lineages"]) == 2
    damage_ref(repo, content)

    for command in ("scan", "posts", "stats"):
        run = cli.run(command, "-C", str(repo.path), "--db", cli.db_url)

        assert user_error(run) == message.format(root=repo.path)
        assert dump_tables(db_file) == stored


def test_item_02_branch_that_names_a_tree_is_refused(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = make_repo()
    one_post(repo)
    cli.scan(repo)
    stored = dump_tables(db_file)
    repo.git("tag", "snapshot", "HEAD^{tree}")
    repo.write(".streakline.toml", 'posts = ["posts/*.md"]\nbranch = "snapshot"\n')

    run = cli.run("scan", "-C", str(repo.path), "--db", cli.db_url)

    assert user_error(run) == (
        "error: 'snapshot' names a tree, not a commit; set `branch` in .streakline.toml to a branch"
    )
    assert dump_tables(db_file) == stored


LFS_POINTER = (
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 12345\n"
)


def test_item_06_symlinks_lfs_pointers_and_binaries_are_not_posts(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/real.md", markdown("Real words.", title="Real", date="2024-01-01"))
    repo.commit("Real", at(2024, 1, 1))
    (repo.path / "posts" / "link.md").symlink_to("real.md")
    repo.write("posts/big.md", LFS_POINTER)
    repo.write("posts/image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    repo.commit("Odd files", at(2024, 1, 2))
    # Each is changed again: only the version at the tip is warned about.
    (repo.path / "posts" / "link.md").unlink()
    (repo.path / "posts" / "link.md").symlink_to("../README.md")
    repo.write("posts/big.md", LFS_POINTER.replace("12345", "54321"))
    repo.write("posts/image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR more")
    tip = repo.commit("Odd files again", at(2024, 1, 3))

    run = cli.scan(repo)

    assert run.warnings == [
        f"warning: posts/big.md at {tip[:10]}: is a Git LFS pointer, not the post; skipped",
        f"warning: posts/image.md at {tip[:10]}: holds NUL bytes; skipped",
        f"warning: posts/link.md at {tip[:10]}: is a symbolic link, not a file; skipped",
    ]
    assert [p["path"] for p in cli.posts(repo, include_deleted=True)] == ["posts/real.md"]


def test_item_06_a_post_that_becomes_an_lfs_pointer_is_no_longer_counted(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    repo.write("posts/real.md", markdown("Real words.", title="Real", date="2024-01-01"))
    repo.write("posts/big.md", markdown("Big words.", title="Big", date="2024-01-01"))
    repo.commit("Two posts", at(2024, 1, 1))
    cli.scan(repo)
    repo.write("posts/big.md", LFS_POINTER)
    tip = repo.commit("Track big posts with LFS", at(2024, 1, 2))

    run = cli.scan(repo)

    assert run.warnings == [
        f"warning: posts/big.md at {tip[:10]}: is a Git LFS pointer, not the post; skipped"
    ]
    assert [p["path"] for p in cli.posts(repo)] == ["posts/real.md"]


def crafted_commit(repo: GitRepo, author: str, committer: str, headers: str = "") -> str:
    """A commit of the index's tree on top of HEAD with ident lines as given, then checked out.

    Text is written as UTF-8; a surrogate escape (`\\udce9`) writes that raw byte.
    """
    tree = repo.git("write-tree")
    parent = repo.head()
    text = f"tree {tree}\nparent {parent}\nauthor {author}\ncommitter {committer}\n{headers}\nOdd\n"
    sha = repo.git(
        "hash-object", "-t", "commit", "-w", "--literally", "--stdin",
        input=text.encode("utf-8", "surrogateescape"),
    )  # fmt: skip
    repo.git("update-ref", "refs/heads/main", sha)
    return sha


@pytest.mark.parametrize(
    ("ident", "problem"),
    [
        ("Bea <bea@example.org> -100 +0000", "an unreadable committer date"),
        ("Bea <bea@example.org>", "an unreadable committer date"),
        ("Bea <bea@example.org> soon +0000", "an unreadable committer date"),
        ("Bea <bea@example.org> 1704193200 +zz00", "an unreadable committer date"),
        ("Bea bea@example.org 1704193200 +0000", "an unreadable committer date"),
        ("Bea <bea@example.org> 100000000000000 +0000", "a committer date after the year 3000"),
        ("Bea <bea@example.org> 99999999999999999999999 +0000", "an unreadable committer date"),
        ("Bea <bea@example.org> 253402300799 +1400", "a committer date after the year 3000"),
        ("Bea <bea@example.org> 1704193200 -9999", "an impossible time zone offset"),
    ],
    ids=[
        "negative",
        "missing",
        "not-a-number",
        "bad-offset",
        "no-brackets",
        "year-3170843",
        "past-2-64",
        "9999-12-31",
        "offset-out-of-range",
    ],
)
def test_item_09_odd_commit_dates_are_dated_as_the_commit_before_them(
    make_repo: Callable[..., GitRepo], cli: Cli, ident: str, problem: str
) -> None:
    repo = make_repo()
    repo.write(".streakline.toml", 'posts = ["posts/*.md"]\ntimezone = "Pacific/Kiritimati"\n')
    one_post(repo)
    repo.write("posts/odd.md", markdown("Odd words.", title="Odd"))
    repo.git("add", "-A")
    odd = crafted_commit(repo, ident, ident)

    scan = cli.scan(repo)
    posts = by_path(cli.posts(repo, today="2024-01-10"))
    stats = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--today", "2024-01-10")
    again = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--json")

    assert scan.warnings == [
        f"warning: commit {odd[:10]} has {problem}; it is dated as the commit before it"
    ]
    assert sorted(posts) == ["posts/odd.md", "posts/one.md"]
    # The commit before it landed on 2024-01-01 at 12:00 +01:00, 2024-01-02 in Kiritimati.
    assert posts["posts/odd.md"]["published"] == "2024-01-02"
    assert stats.stderr_lines == [] and again.stderr_lines == []


def test_item_08_non_utf8_names_and_paths_are_stored_as_valid_utf8(
    make_repo: Callable[..., GitRepo], cli: Cli, db_file: Path
) -> None:
    repo = make_repo()
    repo.git("config", "i18n.logOutputEncoding", "UTF-16")
    one_post(repo)
    # A commit that declares its encoding: git hands its author over in UTF-8.
    repo.write("posts/two.md", markdown("Two.", title="Two", date="2024-01-02"))
    repo.git("add", "-A")
    jose = "Jos\udce9 <jose@example.org> 1704189600 +0100"
    crafted_commit(repo, jose, jose, "encoding ISO-8859-1\n")
    # A Latin-1 file name and an author in a commit that declares nothing: raw bytes.
    repo.write("posts/caf\udce9.md", markdown("Cafe.", title="Cafe", date="2024-01-03"))
    repo.git("add", "-A")
    bjorn = "Bj\udcf6rn <bjorn@example.org> 1704276000 +0100"
    crafted_commit(repo, bjorn, bjorn)

    scan = cli.scan(repo)
    posts = cli.posts(repo, today="2024-01-10")
    stats = cli.ok("stats", "-C", str(repo.path), "--db", cli.db_url, "--json")

    assert scan.warnings == []
    assert sorted((p["path"], p["title"]) for p in posts) == [
        ("posts/caf\\xe9.md", "Cafe"),
        ("posts/one.md", "One"),
        ("posts/two.md", "Two"),
    ]
    assert stats.json()["authors"] == {"Ada": 1, "Bj\\xf6rn": 1, "José": 1}
    con = sqlite3.connect(db_file)
    try:
        names = con.execute("SELECT DISTINCT author_name FROM events ORDER BY 1").fetchall()
    finally:
        con.close()
    assert names == [("Ada",), ("Bj\\xf6rn",), ("José",)]


def test_item_15_a_huge_post_is_counted_from_its_first_megabyte(
    make_repo: Callable[..., GitRepo], cli: Cli
) -> None:
    repo = make_repo()
    line = "word " * 19 + "word\n"  # 20 words, 100 bytes
    body = line * 120_000  # 12 MB
    repo.write("posts/huge.md", markdown(body, title="Huge", date="2024-01-01"))
    tip = repo.commit("Huge", at(2024, 1, 1))

    run = cli.scan(repo)
    posts = cli.posts(repo, today="2024-01-10")

    assert run.warnings == [
        f"warning: posts/huge.md at {tip[:10]}: is larger than 10 MB; only its first 1 MB was read"
    ]
    header = len(markdown("", title="Huge", date="2024-01-01")) - 1  # less the body's newline
    whole_lines = (1 << 20) - header
    assert [(p["path"], p["title"], p["words"]) for p in posts] == [
        ("posts/huge.md", "Huge", whole_lines // 100 * 20)
    ]


def test_item_14_a_partial_clone_fetches_the_post_versions_it_needs_in_one_request(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    origin = make_repo("origin")
    for name in ("a", "b", "c"):
        origin.write(f"posts/{name}.md", markdown("First words.", title=name, date="2024-01-01"))
    origin.write("static/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    origin.commit("Three posts and a photo", at(2024, 1, 1))
    for name in ("a", "b", "c"):
        origin.write(f"posts/{name}.md", markdown("Edited words.", title=name, date="2024-01-01"))
    origin.write("static/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(255, -1, -1)) * 40)
    origin.commit("Edit all three, new photo", at(2024, 1, 2))
    bare = tmp_path / "origin.git"
    origin.git("clone", "-q", "--bare", str(origin.path), str(bare))
    origin.git("-C", str(bare), "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    origin.git("clone", "-q", "--filter=blob:none", f"file://{bare}", str(clone))
    old_photo = origin.git("rev-parse", "HEAD~1:static/photo.png")
    trace = tmp_path / "trace.json"

    run = cli.run(
        "posts", "-C", str(clone), "--db", cli.db_url, "--json",
        env={"GIT_TRACE2_EVENT": str(trace)},
    )  # fmt: skip

    assert run.exit_code == 0, run.detail
    posts = run.json()
    assert [(p["path"], p["edits"]) for p in posts] == [
        ("posts/a.md", 1),
        ("posts/b.md", 1),
        ("posts/c.md", 1),
    ]
    fetches = [
        line
        for line in trace.read_text().splitlines()
        if '"event":"start"' in line and '"fetch"' in line
    ]
    assert len(fetches) == 1, fetches
    missing = GitRepo(clone).git("rev-list", "--objects", "--all", "--missing=print")
    assert f"?{old_photo}" in missing.splitlines()


def test_item_14_a_partial_clone_whose_remote_is_gone_scans_what_is_there(
    make_repo: Callable[..., GitRepo], cli: Cli, tmp_path: Path
) -> None:
    origin = make_repo("origin")
    origin.write("posts/a.md", markdown("First words.", title="A", date="2024-01-01"))
    origin.write("posts/b.md", markdown("Other words.", title="B", date="2024-01-02"))
    origin.commit("Two posts", at(2024, 1, 2))
    old = origin.git("rev-parse", "HEAD:posts/a.md")
    origin.write("posts/a.md", markdown("First words, edited.", title="A", date="2024-01-01"))
    origin.commit("Edit A", at(2024, 1, 3))
    bare = tmp_path / "origin.git"
    origin.git("clone", "-q", "--bare", str(origin.path), str(bare))
    origin.git("-C", str(bare), "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    # Only the blobs of the checkout arrive; the first version of A stays on the remote.
    origin.git("clone", "-q", "--filter=blob:none", f"file://{bare}", str(clone))
    bare.rename(tmp_path / "gone.git")

    run = cli.posts_run(GitRepo(clone))

    posts = by_path(run.json())
    assert sorted(posts) == ["posts/a.md", "posts/b.md"]
    assert (posts["posts/a.md"]["words"], posts["posts/a.md"]["published"]) == (3, "2024-01-01")
    assert run.stderr_lines == [
        f"warning: object {old} (posts/a.md) is missing from the repository (a partial clone "
        "or a damaged copy); the post keeps what could be read"
    ]
