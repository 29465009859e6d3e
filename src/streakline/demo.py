"""A sample writing repo for `streakline demo`: three years of a Hugo blog, the same every time.

The history is written with one `git fast-import` (a commit per subprocess would take
seconds), then checked out so the folder looks like any blog.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from streakline.errors import GitError, StreaklineError

DEMO_BRANCH = "main"
DEMO_TODAY = date(2026, 11, 25)
AUTHOR_NAME = "Ada Lovelace"
AUTHOR_EMAIL = "ada@example.org"

HOME = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))

FIRST_WEEK = date(2023, 11, 20)  # Mondays
LAST_WEEK = date(2026, 11, 16)
NEW_YORK_STAY = (date(2025, 1, 13), date(2025, 3, 2))
TRIP = (date(2025, 6, 30), date(2025, 7, 27))
CHRISTMAS_OFF = date(2024, 12, 23)
# Walked backwards from the last week, so the newest post lands on Friday 2026-11-20.
WEEKDAYS = (4, 2, 5, 1, 3, 6, 2)

TAG_ROTATION = ("python", "git", "writing", "python", "vim", "sqlite")
COMPANION = {
    "python": "sqlite",
    "git": "python",
    "writing": "vim",
    "vim": "git",
    "sqlite": "python",
    "travel": "writing",
}
SUBJECTS = {
    "python": ("dataclasses", "type hints", "pathlib", "generators", "context managers",
               "pytest fixtures", "packaging", "the walrus operator", "f-strings", "asyncio",
               "functools", "enums"),
    "git": ("interactive rebase", "git bisect", "worktrees", "the reflog", "commit messages",
            "mailmap", "sparse checkouts", "git blame", "hooks", "the stash", "cherry-picks",
            "submodules"),
    "writing": ("first drafts", "editing", "a weekly habit", "titles", "outlines", "short posts",
                "deadlines", "reader mail", "cutting words", "notebooks", "rewriting", "endings"),
    "vim": ("macros", "registers", "text objects", "the quickfix list", "folds", "marks",
            "splits", "abbreviations", "the dot command", "substitutions", "netrw", "buffers"),
    "sqlite": ("WAL mode", "window functions", "JSON columns", "full-text search", "indexes",
               "migrations", "the query planner", "CTEs", "backups", "strict tables",
               "generated columns", "upserts"),
    "travel": ("New York", "night trains", "packing light", "jet lag", "Lisbon",
               "working from cafés"),
}  # fmt: skip
TEMPLATES = ("Notes on {}", "What I got wrong about {}", "A week with {}", "Small wins with {}",
             "Another look at {}")  # fmt: skip
SENTENCES = (
    "I keep coming back to {s}, mostly because it keeps surprising me.",
    "The short version: {s} is simpler than it looks, once you stop fighting it.",
    "Here is what I tried this week, and what I would do differently.",
    "Most of this started as a note in my notebook on a slow Tuesday.",
    "A reader wrote in about {s}, which is the best kind of nudge.",
    "It took three attempts before the idea felt obvious.",
    "I am writing it down so that future me stops relearning it.",
    "None of this is new, but putting it in my own words helped.",
    "The documentation is good; my mental model was the problem.",
    "If you only take one thing away, make it the small example below.",
    "Over coffee it seemed trivial; at the keyboard it was not.",
    "There is a longer post hiding in here, maybe next month.",
)


@dataclass(frozen=True)
class DemoInfo:
    """Where the demo repo is, its branch, and the `today` that makes its stats reproducible."""

    path: Path
    branch: str
    today: date


@dataclass(frozen=True)
class _Commit:
    when: datetime
    message: str
    changes: tuple[bytes, ...]


def build_demo_repo(path: Path) -> DemoInfo:
    """Write the sample blog's history into `path`, a new or empty folder."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise StreaklineError(f"{path} is not an empty folder; the demo needs a new one")
    path.mkdir(parents=True, exist_ok=True)
    commits = sorted(_iter_commits(), key=lambda c: c.when)
    env = _git_env(commits[-1].when)
    _git(path, env, "init", "-q")
    _git(path, env, "fast-import", "--quiet", "--done", stdin=_fast_import_stream(commits))
    _git(path, env, "reset", "-q", "--hard", DEMO_BRANCH)
    return DemoInfo(path=path, branch=DEMO_BRANCH, today=DEMO_TODAY)


def _iter_commits() -> Iterator[_Commit]:
    yield _scaffold()
    seen: dict[str, int] = {}
    renamed = False
    for number, (day, moment) in enumerate(_post_times()):
        tag = "travel" if _is_travel(day) else TAG_ROTATION[number % len(TAG_ROTATION)]
        nth = seen.get(tag, 0)
        seen[tag] = nth + 1
        subjects = SUBJECTS[tag]
        subject = subjects[nth % len(subjects)]
        title = TEMPLATES[(nth // len(subjects)) % len(TEMPLATES)].format(subject)
        tags = [tag, COMPANION[tag]] if nth % 3 == 1 else [tag]
        path = f"content/posts/{_slug(title)}.md"
        text = _post(title, moment, tags, _body(subject, number, tag == "python"))
        landed = moment + timedelta(hours=2 + number % 3, minutes=number * 7 % 50)
        yield _Commit(landed, f'Add post "{title}"', (_modify(path, text),))
        if number % 11 == 5:
            fixed = text + "\n**Update:** a reader spotted a mistake; fixed, thank you.\n"
            later = _local(landed + timedelta(days=2, hours=1))
            yield _Commit(later, f'Fix a mistake in "{title}"', (_modify(path, fixed),))
        if tag == "vim" and not renamed:
            # Hugo page bundles: the post moves into its own folder to hold images later.
            renamed = True
            bundle = f"content/posts/{_slug(title)}/index.md"
            when = datetime(2026, 3, 14, 10, 30, tzinfo=HOME)
            yield _Commit(when, f"Move {path} into a page bundle", (_rename(path, bundle),))
    yield from _draft()


def _post_times() -> Iterator[tuple[date, datetime]]:
    """The publication moments, oldest first: mostly one a week, none during the trip."""
    weeks = (LAST_WEEK - FIRST_WEEK).days // 7
    for back in range(weeks, -1, -1):
        monday = LAST_WEEK - timedelta(weeks=back)
        if TRIP[0] <= monday <= TRIP[1] or monday == CHRISTMAS_OFF:
            continue
        offset = WEEKDAYS[back % len(WEEKDAYS)]
        days = [offset, offset + 2] if back % 19 == 7 and offset <= 3 else [offset]
        for day in (monday + timedelta(days=d) for d in days):
            if _in_new_york(day):
                # Evenings in New York land on the next UTC day: the local day must win.
                clock = time(16 + back % 3, back * 13 % 60)
            else:
                clock = time(7 + back * 3 % 12, back * 17 % 60)
            yield day, datetime.combine(day, clock, tzinfo=_zone(day))


def _draft() -> Iterator[_Commit]:
    title = "Why I might try Emacs"
    path = f"content/posts/{_slug(title)}.md"
    started = datetime(2025, 10, 8, 21, 0, tzinfo=HOME)
    body = _body("editors", 3, False)
    text = _post(title, started, ["vim"], body, draft=True)
    yield _Commit(started + timedelta(minutes=40), "Start a draft", (_modify(path, text),))
    more = text + "\nStill not sure. Leaving this here until I am.\n"
    later = datetime(2025, 10, 26, 20, 15, tzinfo=HOME)
    yield _Commit(later, "More on the Emacs draft", (_modify(path, more),))


def _scaffold() -> _Commit:
    files = {
        "README.md": "# Ada's notebook\n\nA Hugo site. `hugo server` to preview.\n",
        "hugo.toml": 'baseURL = "https://ada.example.org/"\nlanguageCode = "en-gb"\n'
        'title = "Ada\'s notebook"\n',
        "content/_index.md": "---\ntitle: Ada's notebook\n---\n\nNotes on code and writing.\n",
        "content/posts/_index.md": "---\ntitle: Posts\n---\n",
    }
    when = datetime(2023, 11, 18, 15, 0, tzinfo=HOME)
    return _Commit(when, "Start a Hugo site", tuple(_modify(p, t) for p, t in files.items()))


def _post(title: str, moment: datetime, tags: list[str], body: str, draft: bool = False) -> str:
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"date: {moment.isoformat()}",
        f"tags: {json.dumps(tags)}",
    ]
    if draft:
        lines.append("draft: true")
    return "\n".join([*lines, "---", "", body])


def _body(subject: str, number: int, code: bool) -> str:
    paragraphs = []
    for p in range(2 + number % 5):
        picks = (number * 5 + p * 7 + k * 3 for k in range(3))
        paragraphs.append(" ".join(SENTENCES[i % len(SENTENCES)].format(s=subject) for i in picks))
    if code:
        paragraphs.insert(1, f"```python\nprint({number} * 2)  # the small example\n```")
    return "\n\n".join(paragraphs) + "\n"


def _is_travel(day: date) -> bool:
    after_trip = TRIP[1] < day <= TRIP[1] + timedelta(weeks=2)
    return after_trip or (_in_new_york(day) and day.day <= 7)


def _in_new_york(day: date) -> bool:
    return NEW_YORK_STAY[0] <= day <= NEW_YORK_STAY[1]


def _zone(day: date) -> timezone:
    return NEW_YORK if _in_new_york(day) else HOME


def _local(moment: datetime) -> datetime:
    return moment.astimezone(_zone(moment.date()))


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def _modify(path: str, text: str) -> bytes:
    return f"M 100644 inline {path}\n".encode() + _data(text.encode())


def _rename(old: str, new: str) -> bytes:
    return f'R "{old}" "{new}"\n'.encode()


def _git_date(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{int(moment.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _fast_import_stream(commits: list[_Commit]) -> bytes:
    out = []
    for commit in commits:
        who = f"{AUTHOR_NAME} <{AUTHOR_EMAIL}> {_git_date(commit.when)}"
        out.append(f"commit refs/heads/{DEMO_BRANCH}\nauthor {who}\ncommitter {who}\n".encode())
        out.append(_data(commit.message.encode()))
        out.extend(commit.changes)
        out.append(b"\n")
    out.append(b"done\n")
    return b"".join(out)


# Variables that point git at another repository or index (set inside git hooks, or by a
# user's shell): the demo must only ever write into its own new folder.
_FOREIGN_VARS = (
    "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX",
    "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE",
    "GIT_TEMPLATE_DIR", "GIT_CEILING_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE", "GIT_REPLACE_REF_BASE",
    "GIT_QUARANTINE_PATH", "GIT_IMPLICIT_WORK_TREE",
)  # fmt: skip


def _git_env(last: datetime) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_VARS}
    # The reflog entries of init/reset carry an identity and a date; fixing them keeps a
    # user.useConfigOnly or a missing user.name from failing the demo.
    for role in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{role}_NAME"] = AUTHOR_NAME
        env[f"GIT_{role}_EMAIL"] = AUTHOR_EMAIL
        env[f"GIT_{role}_DATE"] = _git_date(last)
    return env


# Host settings that would change what the demo writes or make it slow or interactive.
_GIT_OVERRIDES = (
    "-c", f"init.defaultBranch={DEMO_BRANCH}",
    "-c", "init.templateDir=",
    "-c", "commit.gpgsign=false",
    "-c", "core.autocrlf=false",
    "-c", "core.fsmonitor=false",
    "-c", "gc.auto=0",
)  # fmt: skip


def _git(repo: Path, env: dict[str, str], *args: str, stdin: bytes | None = None) -> None:
    command = ["git", *_GIT_OVERRIDES, "-C", str(repo), *args]
    try:
        proc = subprocess.run(command, input=stdin, env=env, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("the demo needs the git command, and none was found on PATH") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode(errors="replace").strip()
        raise GitError(f"building the demo repo failed: git {args[0]}: {detail}")
