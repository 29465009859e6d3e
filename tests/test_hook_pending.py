"""The commit being made, counted from inside real git hooks, equals a scan from scratch of
the commit git then makes: whatever way it is made, nothing of it is stored."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from gitrepo import GitRepo, at, dump_tables, markdown
from hookrepo import git_run, install_probe, named, scanned_from_scratch


def probed(repo: GitRepo, tmp_path: Path) -> tuple[str, Path]:
    db = f"sqlite:///{tmp_path}/hook.sqlite3"
    out = tmp_path / "probe.json"
    install_probe(repo, db, out)
    return db, out


def assert_counted_as_committed(repo: GitRepo, out: Path, tmp_path: Path) -> None:
    dump = json.loads(out.read_text())
    assert dump is not None
    expected = scanned_from_scratch(repo.path, f"sqlite:///{tmp_path}/fresh.sqlite3")
    assert named(dump, repo.head()) == expected
    out.unlink()


def post(repo: GitRepo, path: str, title: str, day: str, body: str = "Some words.") -> None:
    repo.write(path, markdown(body, title=title, date=day))


def test_the_first_commit_of_a_repo(make_repo: Callable[..., GitRepo], tmp_path: Path) -> None:
    repo = make_repo()
    _db, out = probed(repo, tmp_path)
    post(repo, "posts/first.md", "First", "2024-01-05")
    repo.git("add", "-A")

    done = git_run(repo, "commit", "-q", "-m", "First", when=at(2024, 1, 5))

    assert done.returncode == 0, done.stderr
    assert_counted_as_committed(repo, out, tmp_path)


def test_a_new_post_an_edit_a_rename_and_a_deletion(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = make_repo()
    post(repo, "posts/a.md", "A", "2024-01-01", "Alpha words here.")
    post(repo, "posts/b.md", "B", "2024-01-02", "Beta words here, quite a few of them.")
    post(repo, "posts/c.md", "C", "2024-01-03", "Gamma.")
    repo.commit("Three posts", at(2024, 1, 3))
    db, out = probed(repo, tmp_path)
    post(repo, "posts/a.md", "A", "2024-01-01", "Alpha words here, and more now.")
    repo.git("mv", "posts/b.md", "posts/bee.md")
    repo.git("rm", "-q", "posts/c.md")
    post(repo, "posts/d.md", "D", "2024-01-10", "Delta.")
    repo.git("add", "-A")

    done = git_run(repo, "commit", "-q", "-m", "Mixed", when=at(2024, 1, 10))

    assert done.returncode == 0, done.stderr
    assert_counted_as_committed(repo, out, tmp_path)
    # The hook stored the history before the commit, and nothing of the commit itself.
    stored = dump_tables(Path(db.removeprefix("sqlite:///")))
    assert {row[3] for row in stored["events"]} == {repo.git("rev-parse", "HEAD~1")}


def test_commit_all_and_commit_paths(make_repo: Callable[..., GitRepo], tmp_path: Path) -> None:
    repo = make_repo()
    post(repo, "posts/a.md", "A", "2024-01-01")
    post(repo, "posts/b.md", "B", "2024-01-02")
    repo.commit("Two", at(2024, 1, 2))
    _db, out = probed(repo, tmp_path)
    post(repo, "posts/a.md", "A", "2024-01-01", "Edited, not staged by hand.")

    done = git_run(repo, "commit", "-q", "-a", "-m", "All", when=at(2024, 1, 3))

    assert done.returncode == 0, done.stderr
    assert_counted_as_committed(repo, out, tmp_path)
    # `git commit <path>`: git's temporary index holds that path alone, not b.md's staged edit.
    post(repo, "posts/b.md", "B", "2024-01-02", "Staged, left out of the next commit.")
    repo.git("add", "posts/b.md")
    post(repo, "posts/c.md", "C", "2024-01-04")
    repo.git("add", "posts/c.md")

    done = git_run(repo, "commit", "-q", "-m", "C only", "--", "posts/c.md", when=at(2024, 1, 4))

    assert done.returncode == 0, done.stderr
    assert_counted_as_committed(repo, out, tmp_path)
    assert repo.git("status", "--porcelain") == "M  posts/b.md"


def test_a_post_staged_in_part_counts_as_staged(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = make_repo()
    lines = [f"Paragraph {n} has words.\n\n" for n in range(12)]
    repo.write("posts/a.md", markdown("".join(lines), title="A", date="2024-01-01"))
    repo.commit("A", at(2024, 1, 1))
    _db, out = probed(repo, tmp_path)
    lines[0] = "Paragraph zero now has many more words than it had.\n\n"
    lines[-1] = "The last paragraph is rewritten too, but stays out of this commit.\n\n"
    repo.write("posts/a.md", markdown("".join(lines), title="A", date="2024-01-01"))
    added = git_run(repo, "add", "-p", "posts/a.md", when=at(2024, 1, 2), input="y\nn\n")
    assert added.returncode == 0, added.stderr

    done = git_run(repo, "commit", "-q", "-m", "First hunk", when=at(2024, 1, 2))

    assert done.returncode == 0, done.stderr
    assert_counted_as_committed(repo, out, tmp_path)
    assert repo.git("status", "--porcelain") == "M posts/a.md"


def test_a_merge_concluded_by_hand(make_repo: Callable[..., GitRepo], tmp_path: Path) -> None:
    repo = make_repo()
    post(repo, "posts/a.md", "A", "2024-01-01")
    repo.commit("A", at(2024, 1, 1))
    repo.branch("side")
    repo.checkout("side")
    post(repo, "posts/side.md", "Side", "2024-01-03")
    post(repo, "posts/a.md", "A", "2024-01-01", "Edited on the side.")
    repo.commit("Side", at(2024, 1, 3))
    repo.checkout("main")
    post(repo, "posts/a.md", "A", "2024-01-01", "Edited on main.")
    post(repo, "posts/main.md", "Main", "2024-01-04")
    repo.commit("Main", at(2024, 1, 4))
    _db, out = probed(repo, tmp_path)
    conflict = git_run(repo, "merge", "-q", "side", when=at(2024, 1, 5))
    assert conflict.returncode == 1
    post(repo, "posts/a.md", "A", "2024-01-01", "Edited on both, resolved by hand.")
    repo.git("add", "posts/a.md")

    # The merge is diffed against its first parent, as the scan does.
    done = git_run(repo, "commit", "-q", "--no-edit", when=at(2024, 1, 5))

    assert done.returncode == 0, done.stderr
    assert_counted_as_committed(repo, out, tmp_path)


def test_an_amend_replaces_the_last_commit(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = make_repo()
    post(repo, "posts/a.md", "A", "2024-01-01")
    repo.commit("A", at(2024, 1, 1))
    _db, out = probed(repo, tmp_path)
    post(repo, "posts/b.md", "B", "2024-01-02", "A first go.")
    repo.git("add", "-A")
    assert git_run(repo, "commit", "-q", "-m", "B", when=at(2024, 1, 2)).returncode == 0
    out.unlink()
    post(repo, "posts/b.md", "B", "2024-01-02", "A second go, with more words in it.")
    repo.git("add", "-A")

    done = git_run(repo, "commit", "-q", "--amend", "--no-edit", when=at(2024, 1, 3))

    assert done.returncode == 0, done.stderr
    # One edit less than B plus an edit on top: B' publishes the post as it is now.
    assert_counted_as_committed(repo, out, tmp_path)


def test_a_commit_during_a_rebase_counts_on_the_rebased_history(
    make_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = make_repo()
    post(repo, "posts/a.md", "A", "2024-01-01")
    base = repo.commit("A", at(2024, 1, 1))
    post(repo, "posts/b.md", "B", "2024-01-02")
    repo.commit("B", at(2024, 1, 2))
    post(repo, "posts/c.md", "C", "2024-01-03")
    repo.commit("C", at(2024, 1, 3))
    _db, out = probed(repo, tmp_path)
    # Stop at B, change it, and amend it there: HEAD is detached, main still the old tip.
    editor = "sed -i -e '1s/^pick/edit/'"
    started = git_run(
        repo, "-c", f"sequence.editor={editor}", "rebase", "-q", "-i", base, when=at(2024, 1, 4)
    )
    assert started.returncode == 0, started.stderr
    post(repo, "posts/b.md", "B", "2024-01-02", "B, rewritten during the rebase.")
    repo.git("add", "-A")

    done = git_run(repo, "commit", "-q", "--amend", "--no-edit", when=at(2024, 1, 4))

    assert done.returncode == 0, done.stderr
    assert_counted_as_committed(repo, out, tmp_path)
    assert git_run(repo, "rebase", "--continue", when=at(2024, 1, 4)).returncode == 0
