"""A rewritten tip (amend, rebase, reset) is undone back to the shared commit, then scanned:
the rows equal a scan from scratch, and only a rewrite past the checkpoints starts over."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitrepo import Cli, GitRepo, at, markdown
from test_incremental_property import build, commit, dump_rows


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.lists(commit, min_size=1, max_size=6),
    keep=st.integers(0, 5),
    second=st.lists(commit, min_size=0, max_size=3),
    amend=st.booleans(),
)
def test_a_rewritten_tip_is_undone_and_equals_a_scan_from_scratch(
    first: list[tuple[list[tuple[str, int, int, int]], bool, bool]],
    keep: int,
    second: list[tuple[list[tuple[str, int, int, int]], bool, bool]],
    amend: bool,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        repo = GitRepo.create(base / "blog")
        tips = build(repo, first)
        stepped = f"sqlite:///{base}/stepped.sqlite3"
        cli = Cli(stepped)
        cli.scan(repo)
        for branch in repo.git("branch", "--format=%(refname:short)").split():
            if branch != "main":  # the second history makes side branches of the same names
                repo.git("branch", "-D", branch)
        # Back to a commit of the scanned history, then new commits on top of it.
        kept = min(keep, len(tips) - 1)
        repo.git("reset", "-q", "--hard", tips[kept])
        repo.clock = at(2025, 6, 1, 9)
        if second:
            build(repo, second)
        # Amending the first commit would make another repo of it (its root commit names it).
        amend = amend and bool(second or kept)
        if amend:
            repo.write("posts/amended.md", markdown("Amended words.", title="Amended"))
            repo.commit("Amended", amend=True)
        undone = len(tips) - 1 - kept
        if amend and not second:
            undone += 1  # the amend replaced tips[kept] itself

        run = cli.scan(repo)

        full = f"sqlite:///{base}/full.sqlite3"
        cli.scan(repo, db=full)
        assert dump_rows(stepped) == dump_rows(full)
        summary = run.stderr_lines[-1]
        if undone == 0:
            assert " undone " not in summary and "full scan" not in summary, run.detail
        else:
            what = "commit" if undone == 1 else "commits"
            assert f"{undone} {what} no longer on main undone first" in summary, run.detail


def test_a_rewrite_older_than_the_checkpoints_starts_over(
    make_repo: Callable[..., GitRepo], cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("streakline.store.CHECKPOINTS", 2)
    repo = make_repo()
    shas = []
    for n in range(4):
        day = f"2024-01-0{n + 1}"
        repo.write(f"posts/p{n}.md", markdown(f"Post {n}.", title=f"P{n}", date=day))
        shas.append(repo.commit(f"P{n}", at(2024, 1, n + 1)))
    cli.scan(repo)
    # Two commits back can be undone; three cannot.
    repo.git("reset", "-q", "--hard", shas[1])
    run = cli.scan(repo)
    assert run.stderr_lines == [
        "Scanned 0 commits on main (incremental scan, 2 commits no longer on main undone "
        "first): 0 events, 2 post lineages."
    ], run.detail
    for n in (2, 3):
        repo.write(f"posts/q{n}.md", markdown(f"Q {n}.", title=f"Q{n}", date=f"2024-02-0{n}"))
        repo.commit(f"Q{n}", at(2024, 2, n))
    cli.scan(repo)
    repo.git("reset", "-q", "--hard", shas[0])
    repo.write("posts/r.md", markdown("R.", title="R", date="2024-03-01"))
    repo.commit("R", at(2024, 3, 1))

    run = cli.scan(repo)

    last = repo.git("rev-parse", "ORIG_HEAD")
    assert run.stderr_lines == [
        f"warning: history was rewritten since the last scan ({last[:10]} is no longer on "
        "main); starting over",
        "Scanned 2 commits on main (full scan): 2 events, 2 post lineages.",
    ], run.detail
