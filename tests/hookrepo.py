"""Real `git commit`s with hooks, for the hook tests: fixed identities and dates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from gitrepo import GitRepo, git_date

PENDING = "0" * 40

# Dumps what the pre-commit hook would count, as JSON, from inside a real git hook.
PROBE = """
import json, sys
from dataclasses import asdict
from pathlib import Path
from streakline import pending, service
with service.open_workspace(Path("."), sys.argv[1]) as ws:
    tracked, lands = pending.tracked_workspace(ws)
    service.scan(tracked)
    data = pending.with_commit_being_made(tracked) if lands else None
dump = None if data is None else {
    "lineages": [asdict(lin) for lin in data.lineages],
    "events": [event._asdict() for event in data.events],
}
Path(sys.argv[2]).write_text(json.dumps(dump, sort_keys=True))
"""


def dated_env(
    when: datetime, author: str = "Ada", email: str = "ada@example.org"
) -> dict[str, str]:
    stamp = git_date(when)
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_COMMITTER_DATE": stamp,
        "GIT_EDITOR": "true",
    }


def git_run(
    repo: GitRepo | Path, *args: str, when: datetime, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """A git command (commit, merge, rebase) as a writer runs it, hooks and all."""
    path = repo.path if isinstance(repo, GitRepo) else repo
    return subprocess.run(
        ["git", *args],
        cwd=path,
        env=dated_env(when),
        input=input,
        capture_output=True,
        text=True,
        check=False,
    )


def install_probe(repo: GitRepo, db: str, out: Path) -> None:
    """A pre-commit hook that dumps what the commit would count."""
    script = repo.path / ".git" / "probe.py"
    script.write_text(PROBE, encoding="utf-8")
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{script}" "{db}" "{out}"\n', encoding="utf-8"
    )
    hook.chmod(0o755)


def scanned_from_scratch(path: Path, db: str) -> dict[str, Any]:
    """What a scan from scratch of the checked-out commit stores, as the probe dumps it."""
    from dataclasses import asdict

    from streakline import service

    with service.open_workspace(path, db) as ws:
        service.scan(ws, rebuild=True)
        data = service.load(ws)
    return json.loads(
        json.dumps(
            {
                "lineages": [asdict(lin) for lin in data.lineages],
                "events": [event._asdict() for event in data.events],
            },
            sort_keys=True,
        )
    )


def named(dump: dict[str, Any], sha: str) -> dict[str, Any]:
    """The probe's dump with the pending commit given the name it got."""
    result: dict[str, Any] = json.loads(json.dumps(dump).replace(PENDING, sha))
    return result
