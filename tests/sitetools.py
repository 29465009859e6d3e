"""Real site generators and a real browser for the tests: README's snippets, Hugo, Chromium.

Programs come from the system (Debian's `hugo` and `chromium`); a test that needs a missing
one is skipped, and fails under CI, where a missing program is a broken setup (.ci/run
installs them).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from pgserver import in_ci

README = Path(__file__).resolve().parents[1] / "README.md"
INSTALL_HINT = "apt-get install hugo chromium"


def need(program: str) -> str:
    """The path of `program`; skips without it, fails under CI."""
    found = shutil.which(program)
    if found is not None:
        return found
    reason = f"`{program}` is not installed"
    if in_ci():
        pytest.fail(f"site build tests cannot run under CI: {reason}", pytrace=False)
    pytest.skip(f"{reason} (install it with `{INSTALL_HINT}`)")


def run(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert proc.returncode == 0, (
        f"{' '.join(args)} -> {proc.returncode}\n--- stdout\n{proc.stdout}--- stderr\n{proc.stderr}"
    )
    return proc


# --- README ------------------------------------------------------------------------------------


@functools.cache
def readme_text() -> str:
    return README.read_text(encoding="utf-8")


def readme_block(heading: str) -> str:
    """The first fenced code block under the README heading `heading` (any level)."""
    text = readme_text()
    found = re.search(rf"(?m)^#+ {re.escape(heading)}\n", text)
    assert found is not None, f"README has no heading {heading!r}"
    block = re.compile(r"(?ms)^```[\w-]*\n(.*?)^```$").search(text, found.end())
    next_heading = re.compile(r"(?m)^#+ ").search(text, found.end())
    assert block is not None, f"README has no code block under {heading!r}"
    assert next_heading is None or block.start() < next_heading.start(), heading
    return block.group(1)


def snippet_parts(snippet: str) -> list[str]:
    """The parts of a template snippet: each starts with a comment saying where it goes."""
    return snippet.rstrip("\n").split("\n\n")


# --- reading built HTML --------------------------------------------------------------------------


@dataclass
class Shown:
    """What streakline put on a built page: texts by class, and the badge's image attributes
    (with `in`, the landmark element it shows in)."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    badges: list[dict[str, str]] = field(default_factory=list)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown = Shown()
        self.open: list[tuple[str, str | None]] = []  # (tag, streakline class) per element
        self.text: dict[int, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs).get("class") or ""
        mine = next((c for c in names.split() if c.startswith("streakline")), None)
        if tag == "img" and any(c == "streakline" for _, c in self.open):
            badge = {k: v or "" for k, v in attrs}
            # Where a reader sees it: the innermost landmark around it.
            landmarks = [t for t, _ in self.open if t in ("body", "main", "article", "footer")]
            badge["in"] = landmarks[-1] if landmarks else ""
            self.shown.badges.append(badge)
        if tag in VOID:
            return
        self.open.append((tag, mine))
        if mine is not None:
            self.text[len(self.open)] = []

    def handle_endtag(self, tag: str) -> None:
        if tag not in (t for t, _ in self.open):
            return  # a stray end tag closes nothing, as in a browser
        while self.open:
            depth = len(self.open)
            opened, mine = self.open.pop()
            if mine is not None:
                text = " ".join("".join(self.text.pop(depth)).split())
                self.shown.texts.setdefault(mine, []).append(text)
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        for parts in self.text.values():
            parts.append(data)


def shown(page: Path) -> Shown:
    reader = _Reader()
    reader.feed(page.read_text(encoding="utf-8"))
    reader.close()
    return reader.shown


# --- serving and Chromium ------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on a free loopback port, for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def chromium(tmp_path: Path, *args: str, timeout: float = 120) -> str:
    """Runs headless Chromium with a profile of its own under tmp_path; returns its stdout."""
    exe = need("chromium")
    command = [
        exe,
        "--headless",
        "--no-sandbox",  # tests run as root in CI, where the sandbox refuses to start
        "--disable-gpu",
        "--disable-dev-shm-usage",  # a container's small /dev/shm crashes renderers
        "--hide-scrollbars",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    return run(command, cwd=tmp_path, timeout=timeout).stdout


# --- the blog ------------------------------------------------------------------------------------

TODAY = "2024-01-20"
SITE = "karthi"
# (slug, title, publication day, tags): one post a week, the first with the most tags.
POSTS = (
    ("how-to-get-ml-job-no-experience", "How to get an ML job", "2024-01-02",
     "[career, machine-learning, hiring, students]"),
    ("second-thoughts", "Second thoughts", "2024-01-09", "[career]"),
    ("third-time", "Third time", "2024-01-16", "[]"),
)  # fmt: skip
# Right in the content folder and without tags: no section, no tags, so no header.
NOTE = ("note", "A note", "2024-01-17")
FOOTER = "est. 2024 ● 2w streak"


def streakline_config(folder: str, pages: tuple[str, ...]) -> str:
    """Posts anywhere under `folder` but its plain pages: `writing/` becomes their section."""
    excluded = ", ".join(f'"{folder}/{page}"' for page in pages)
    return f'posts = ["{folder}/**/*.md"]\nexclude = [{excluded}]\nsite = "{SITE}"\n'


def write_posts(repo: Any, folder: str, heading: bool = False) -> None:
    """The posts under `folder/writing/` and a note in `folder/`, each landing on its day."""
    from gitrepo import at, markdown

    for n, (slug, title, day, tags) in enumerate(POSTS):
        body = f"# {title}\n\nSome words." if heading else "Some words."
        repo.write(f"{folder}/writing/{slug}.md", markdown(body, title=title, date=day, tags=tags))
        repo.commit(f"Post {slug}", at(2024, 1, 2 + 7 * n, 9))
    slug, title, day = NOTE
    body = f"# {title}\n\nA few words." if heading else "A few words."
    repo.write(f"{folder}/{slug}.md", markdown(body, title=title, date=day))
    repo.commit(f"Note {slug}", at(2024, 1, 17, 9))


def status_line(path: str) -> str:
    return f"NORMAL main ~/{SITE}/{path} · {FOOTER} utf-8"


def exported(run_process: Callable[..., Any], db_url: str, repo: Any, ssg: str) -> list[str]:
    """Runs the installed `streakline export --ssg` and returns the lines it printed."""
    result = run_process(
        "export", "-C", str(repo.path), "--db", db_url, "--ssg", ssg, "--today", TODAY
    )
    assert result.exit_code == 0, result.detail
    lines: list[str] = result.stdout.splitlines()
    return lines
