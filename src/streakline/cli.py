"""The command line. The only place that prints, writes files or picks an exit code."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from streakline.errors import StreaklineError
from streakline.render.text import printable, printable_lines

app = typer.Typer(
    name="streakline",
    help="Your blog's Git history as a writing habit: streaks, est. year, tags and words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RepoOpt = Annotated[
    Path,
    typer.Option("-C", "--repo", help="The writing repo (default: the repo around this folder).",
                 show_default=False),
]  # fmt: skip
DbOpt = Annotated[
    str | None,
    typer.Option("--db", envvar="STREAKLINE_DB", show_default=False,
                 help="SQLAlchemy URL of the database (default: streakline.sqlite3 in .git)."),
]  # fmt: skip
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
TodayOpt = Annotated[
    str | None,
    typer.Option("--today", envvar="STREAKLINE_TODAY", metavar="YYYY-MM-DD", show_default=False,
                 help="Treat this day as today (reproducible output)."),
]  # fmt: skip
DeletedOpt = Annotated[
    bool, typer.Option("--include-deleted", help="Also list posts that were unpublished since.")
]

F = TypeVar("F", bound=Callable[..., Any])


def _show_version(value: bool) -> None:
    if value:
        from streakline import __version__

        typer.echo(f"streakline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_show_version, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Your blog's Git history as a writing habit: streaks, est. year, tags and words."""


def _errors(func: F) -> F:
    """The one error boundary: a StreaklineError becomes one line on stderr and exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _stored.clear()
        try:
            return func(*args, **kwargs)
        except StreaklineError as exc:
            typer.echo(f"error: {printable(str(exc))}", err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            raise typer.Exit(_interrupted()) from None
        except OSError as exc:
            typer.echo(f"error: {printable(_os_error(exc))}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


# Set once a command's scan is committed: an interrupt after that must not say otherwise.
_stored: set[str] = set()


def _interrupted() -> int:
    if _stored:
        typer.echo("error: interrupted; the scan was stored, nothing else was done", err=True)
    else:
        typer.echo("error: interrupted; nothing was changed", err=True)
    return 130


def _os_error(exc: OSError) -> str:
    """An OSError as a line: which file, or the output, and what the system said."""
    import errno

    reason = exc.strerror or str(exc)
    if exc.filename == "git" or (exc.errno == errno.ENOENT and exc.filename == b"git"):
        return "git is not installed or not on PATH; streakline reads your history with it"
    if exc.filename is None:
        # Nothing names a file: the write that failed was to stdout (a full disk, a closed
        # pipe). Later flushes of it would fail again at exit, so it goes nowhere now.
        _drop_stdout()
        return f"cannot write the output: {reason}"
    return f"{exc.filename}: {reason}"


def _drop_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _warn(message: str) -> None:
    typer.echo(f"warning: {printable(message)}", err=True)


class _Progress:
    """A progress bar on stderr, only on a terminal and only once a scan runs over a second."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if time.monotonic() - self.start < 1.0:
            return
        self.shown = True
        width = 30
        filled = width * done // total if total else 0
        counts = f"{done}/{total}" if total else str(done)
        sys.stderr.write(f"\rscanning [{'#' * filled}{'.' * (width - filled)}] {counts} commits")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


@contextmanager
def _workspace(repo: Path, db: str | None, rebuild: bool = False) -> Iterator[Any]:
    """Open the repo and its store, and catch up with new commits (every command does)."""
    from streakline import service

    with service.open_workspace(repo, db) as ws:
        if rebuild:
            ws.store.set_aside_if_damaged(_warn)
        progress = _Progress() if sys.stderr.isatty() else None
        try:
            result = service.scan(ws, rebuild=rebuild, warn=_warn, progress=progress)
            _stored.add("scan")
        finally:
            if progress:
                progress.finish()
        yield ws, result


def _parse_today(value: str | None, ctx: typer.Context) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
        if not 1 < day.year < 9999:
            raise ValueError
        return day
    except ValueError:
        from streakline.errors import ConfigError

        source = ctx.get_parameter_source("today")
        if source is not None and source.name == "ENVIRONMENT":
            # Not a mistake on this command line: say where the value came from.
            raise ConfigError(
                f"STREAKLINE_TODAY is {printable(repr(value))}, not a YYYY-MM-DD date"
            ) from None
        raise typer.BadParameter(
            f"{value!r} is not a YYYY-MM-DD date", param_hint="--today"
        ) from None


@app.command()
@_errors
def init(
    repo: RepoOpt = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Detect your blog's layout; write .streakline.toml."""
    from streakline.config import CONFIG_NAME, render_toml
    from streakline.detect import detect, render_left_out, render_report
    from streakline.gitscan import GitRepo
    from streakline.service import tree_reader

    with GitRepo(repo) as git_repo:
        target = git_repo.root / CONFIG_NAME
        if target.exists() and not force:
            raise StreaklineError(f"{target} exists already; pass --force to overwrite it")
        tip = git_repo.tip(git_repo.current_branch())
        tracked = git_repo.tracked_files(tip) if tip else []
        found = detect(tracked, tree_reader(git_repo.root))
    left_out = render_left_out(found.left_out) if found.left_out else []
    target.write_text(render_toml(found.settings, left_out), "utf-8")
    for line in render_report(found):
        typer.echo(printable_lines(line))
    typer.echo(f"Wrote {CONFIG_NAME}; edit `posts` and `exclude` there to change what counts.")


@app.command()
@_errors
def scan(
    repo: RepoOpt = Path("."),
    db: DbOpt = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget what is stored and scan all history again.")
    ] = False,
) -> None:
    """Read new commits into the database.

    Every other command does this first; `--rebuild` forgets what is stored and reads the
    whole history again.
    """
    with _workspace(repo, db, rebuild) as (ws, result):
        branch = ws.branch
    if result.commits == 0 and not result.full and not result.rewound:
        if result.head is None:
            typer.echo(f"Up to date: {printable(branch)} has no commits yet.", err=True)
        else:
            typer.echo(f"Up to date at {result.head[:10]}.", err=True)
        return
    how = "full scan" if result.full else "incremental scan"
    if result.rewound:
        undone = "commit" if result.rewound == 1 else "commits"
        how += f", {result.rewound} {undone} no longer on {printable(branch)} undone first"
    typer.echo(
        f"Scanned {result.commits} commits on {printable(branch)} ({how}): {result.events} events, "
        f"{result.posts} post lineages.",
        err=True,
    )


@app.command()
@_errors
def posts(
    ctx: typer.Context,
    repo: RepoOpt = Path("."),
    db: DbOpt = None,
    json_out: JsonOpt = False,
    today: TodayOpt = None,
    include_deleted: DeletedOpt = False,
) -> None:
    """List your posts: dates, status, words, tags.

    One line a post: publication date (`~` when it is the day the post landed on the branch),
    status, words, edits, title, path and tags. `--json` gives one object a post on stdout.
    """
    from streakline import service
    from streakline.render.posts import render_posts_json, render_posts_table

    day = _parse_today(today, ctx)
    with _workspace(repo, db) as (ws, _):
        views = service.list_posts(ws, service.resolve_today(ws.settings, day), include_deleted)
    if json_out:
        typer.echo(render_posts_json(views))
    else:
        import shutil

        # On a pipe or in a file every row stays whole: it is read by a program or a pager.
        width = shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else None
        typer.echo(render_posts_table(views, width), nl=False)


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOpt = Annotated[
    Color, typer.Option("--color", help="Colour the screen: auto (a terminal), always, never.")
]


def _use_color(choice: Color) -> bool:
    if choice is Color.auto:
        # NO_COLOR (no-color.org) and a terminal that says it cannot draw any: no colour.
        plain = os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"
        return sys.stdout.isatty() and not plain
    return choice is Color.always


def _echo_screen(text: str) -> None:
    # color=True: the renderer already decided; echo would strip the codes off a pipe, which
    # is exactly where `--color always` (say, into `less -R`) wants them.
    typer.echo(text, nl=not text.endswith("\n"), color=True)


# The stats screen grows with the terminal up to this: beyond it lines get too long to read,
# and 132 columns already hold 21 years of bars.
MAX_SCREEN_WIDTH = 132


def _screen_width() -> int:
    import shutil

    return min(shutil.get_terminal_size((80, 24)).columns, MAX_SCREEN_WIDTH)


@app.command()
@_errors
def stats(
    ctx: typer.Context,
    repo: RepoOpt = Path("."),
    db: DbOpt = None,
    json_out: JsonOpt = False,
    today: TodayOpt = None,
    cadence: Annotated[
        str | None,
        typer.Option(
            "--cadence",
            metavar="day|week|month|year",
            show_default=False,
            help="Streak cadence (default: [streak] cadence, else week).",
        ),
    ] = None,
    per_period: Annotated[
        int | None,
        typer.Option(
            "--per-period",
            min=1,
            show_default=False,
            help="Posts a period needs to count (default: [streak] per_period, else 1).",
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YYYY",
            show_default=False,
            min=2,
            max=9998,
            help="Show that year's calendar instead of the last 52 weeks.",
        ),
    ] = None,
    include_deleted: DeletedOpt = False,
    author: Annotated[
        str | None,
        typer.Option(
            "--author",
            metavar="NAME",
            show_default=False,
            help="Only this writer's posts (commit author, or front matter author).",
        ),
    ] = None,
    color: ColorOpt = Color.auto,
) -> None:
    """Show your writing habit: streaks and more.

    Your goal's pace ([goal] in .streakline.toml), current and best streaks, a calendar of
    the last 52 weeks, posts and words per year since the first, words per month, and your
    top tags and categories, on one screen as wide as the terminal (up to 132 columns).
    A blog that stopped gets its story instead: its last streak, its longest gap, how often
    it published. `--json` gives the same numbers on stdout.
    """
    from streakline import service

    if cadence is not None and cadence not in ("day", "week", "month", "year"):
        raise typer.BadParameter("choose day, week, month or year", param_hint="--cadence")
    day = _parse_today(today, ctx)
    with _workspace(repo, db) as (ws, _):
        report = service.compute_stats(
            ws,
            service.resolve_today(ws.settings, day),
            cadence=cadence,
            per_period=per_period,
            include_deleted=include_deleted,
            year=year,
            author=author,
        )
    if json_out:
        import json

        from streakline.report import report_json

        typer.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        return
    from streakline.render.screen import render_stats_screen

    _echo_screen(render_stats_screen(report, width=_screen_width(), color=_use_color(color)))


class SsgChoice(StrEnum):
    hugo = "hugo"
    jekyll = "jekyll"
    eleventy = "eleventy"
    mkdocs = "mkdocs"
    zola = "zola"


@app.command()
@_errors
def export(
    ctx: typer.Context,
    repo: RepoOpt = Path("."),
    db: DbOpt = None,
    today: TodayOpt = None,
    ssg: Annotated[
        SsgChoice | None,
        typer.Option(
            "--ssg",
            show_default=False,
            help="Write into this site generator's folders, keyed as it names pages.",
        ),
    ] = None,
) -> None:
    """Write the footer badge, shields JSON, site data and an HTML partial.

    The badge (SVG), a shields.io endpoint JSON, a data file with the stats and each post's
    header and status line, and an HTML footer partial go where [outputs] says, or with
    --ssg where that generator reads them, under the site's folder. A file is written only
    when its bytes change; each is listed as written or unchanged. With --ssg, the
    template lines to paste into the site follow.
    """
    from streakline import service

    day = _parse_today(today, ctx)
    with _workspace(repo, db) as (ws, _):
        when = service.resolve_today(ws.settings, day)
        files = service.build_outputs(ws, when, ssg=None if ssg is None else ssg.value)
        root = ws.repo.root
    from streakline.outputs import write_outputs

    changed = set(write_outputs(root, files))
    for file in files:
        typer.echo(
            f"{'written' if file.path in changed else 'unchanged':<9}  {printable(file.path)}"
        )
    if ssg is not None:
        from streakline.snippets import SNIPPETS

        snippet = SNIPPETS.get(ssg.value)
        if snippet:
            typer.echo("")
            typer.echo(snippet, nl=not snippet.endswith("\n"))


@app.command()
@_errors
def board(
    ctx: typer.Context,
    repo: RepoOpt = Path("."),
    db: DbOpt = None,
    json_out: JsonOpt = False,
    today: TodayOpt = None,
) -> None:
    """Show every repo and writer in a shared database.

    One row a repo and writer: posts this year, current and longest streak, last post,
    the longest current streak first. Inside a writing repo it first catches up with that
    repo; with --db (or STREAKLINE_DB) it can run anywhere.
    """
    from streakline import service
    from streakline.errors import NotARepoError
    from streakline.render.board import render_board, render_board_json
    from streakline.store import Store

    day = _parse_today(today, ctx)
    try:
        with _workspace(repo, db) as (ws, _):
            when = service.resolve_today(ws.settings, day)
            rows = service.compute_board(ws.store, when)
    except NotARepoError:
        url = db or os.environ.get("STREAKLINE_DB")
        if not url:
            raise
        # No writing repo here: read the shared database as it is.
        from streakline.config import Settings

        when = service.resolve_today(Settings(), day)
        with Store(url) as store:
            rows = service.compute_board(store, when)
    if json_out:
        typer.echo(render_board_json(rows))
    else:
        typer.echo(render_board(rows, when.year), nl=False)


class BadgeKind(StrEnum):
    streak = "streak"
    est = "est"
    footer = "footer"
    posts = "posts"
    words = "words"
    custom = "custom"


class BadgeStyle(StrEnum):
    flat = "flat"
    flat_square = "flat-square"
    for_the_badge = "for-the-badge"


class BadgeFormat(StrEnum):
    svg = "svg"
    shields = "shields"
    text = "text"


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write the file only when its bytes change, so a site build sees no new file."""
    try:
        if path.read_bytes() == data:
            typer.echo(f"{printable(str(path))} is up to date.", err=True)
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    typer.echo(f"Wrote {printable(str(path))}.", err=True)


@app.command()
@_errors
def badge(
    ctx: typer.Context,
    repo: RepoOpt = Path("."),
    db: DbOpt = None,
    today: TodayOpt = None,
    kind: Annotated[
        BadgeKind, typer.Option("--kind", help="What the badge says.")
    ] = BadgeKind.streak,
    style: Annotated[BadgeStyle, typer.Option("--style", help="shields.io style.")] = (
        BadgeStyle.flat
    ),
    color: Annotated[
        str | None,
        typer.Option(
            "--color",
            metavar="COLOR",
            show_default=False,
            help="#abc, #aabbcc or a shields colour name such as brightgreen "
            "(default: the streak's: green done, yellow at risk, grey broken).",
        ),
    ] = None,
    label: Annotated[
        str | None,
        typer.Option("--label", show_default=False, help="Left text instead of the kind's."),
    ] = None,
    message: Annotated[
        str | None,
        typer.Option(
            "--message",
            show_default=False,
            help="Right text instead of the kind's (needed with --kind custom).",
        ),
    ] = None,
    id_suffix: Annotated[
        str,
        typer.Option(
            "--id-suffix",
            metavar="SUFFIX",
            help="Ends the SVG's ids, for several badges inlined in one page.",
        ),
    ] = "",
    fmt: Annotated[
        BadgeFormat,
        typer.Option("--format", help="svg, shields (endpoint JSON) or text."),
    ] = BadgeFormat.svg,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            show_default=False,
            help="Write here (only when it changes) instead of stdout.",
        ),
    ] = None,
) -> None:
    """Draw a badge of your streak, your first year, your posts or your words.

    An SVG in shields.io's look (--style flat, flat-square or for-the-badge), shields.io's
    endpoint JSON, or the plain text. Kinds: streak ("streak | 3y+"), est ("blog | est.
    2008"), footer ("est. 2008 ● 3y+ streak"), posts, words, and custom (--message, and
    --label if you want one). The colour follows the current streak: green when this
    period is done, yellow while it is at risk, grey when broken.
    """
    from streakline import service
    from streakline.render.badge import (
        badge_color,
        badge_texts,
        check_id_suffix,
        parse_color,
        render_badge,
        render_badge_text,
        render_shields_json,
    )

    day = _parse_today(today, ctx)
    try:
        fill = None if color is None else parse_color(color)
    except ValueError as exc:
        raise StreaklineError(f"--color {exc}") from None
    try:
        check_id_suffix(id_suffix)
    except ValueError as exc:
        raise StreaklineError(f"--id-suffix {exc}") from None
    if kind is BadgeKind.custom and message is None:
        raise StreaklineError("--kind custom needs --message TEXT")
    if message is not None and not message.strip():
        raise StreaklineError("--message is empty; a badge needs something to say")
    with _workspace(repo, db) as (ws, _):
        report = service.compute_stats(ws, service.resolve_today(ws.settings, day))
    texts = ("", "") if kind is BadgeKind.custom else badge_texts(report, kind.value)
    left = texts[0] if label is None else label
    right = texts[1] if message is None else message
    fill = fill or badge_color(report.streaks.current.status)
    if fmt is BadgeFormat.svg:
        out = render_badge(left, right, color=fill, style=style.value, id_suffix=id_suffix)
    elif fmt is BadgeFormat.shields:
        out = render_shields_json(left, right, fill, style.value)
    else:
        out = render_badge_text(left, right)
    if output is not None:
        _write_if_changed(output, out.encode())
    else:
        typer.echo(out, nl=False)  # every renderer has cleaned the texts of control characters


@app.command()
@_errors
def demo(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Build the sample blog here and keep it (default: a temporary "
            "folder, removed afterwards).",
            show_default=False,
        ),
    ] = None,
    color: ColorOpt = Color.auto,
) -> None:
    """Show the stats of a sample blog.

    Builds a small blog with three years of posts (in PATH, or a temporary folder removed
    afterwards) and shows what `streakline stats` makes of it.
    """
    import shutil
    import tempfile

    from streakline import service
    from streakline.demo import build_demo_repo
    from streakline.render.screen import render_stats_screen

    temporary = path is None
    target = Path(tempfile.mkdtemp(prefix="streakline-demo-")) / "blog" if path is None else path
    try:
        info = build_demo_repo(target)
        with _workspace(info.path, None) as (ws, _):
            report = service.compute_stats(ws, info.today)
        _echo_screen(render_stats_screen(report, width=_screen_width(), color=_use_color(color)))
    finally:
        if temporary:
            shutil.rmtree(target.parent, ignore_errors=True)
    if temporary:
        typer.echo(f"That was a sample blog, as of {info.today}. Now try yours:")
    else:
        typer.echo(f"The sample blog is in {info.path}. Now try yours:")
    typer.echo(f"  {_own_command()} stats -C path/to/your/blog")


def _own_command() -> str:
    """How to run this streakline again from a shell: `streakline` when that is what PATH
    finds, else the path of this one (a venv that is not on PATH, as the README installs).
    """
    import shlex
    import shutil

    script = Path(sys.argv[0])
    if script.name != "streakline":
        # Not run as the console script (python -m, tests): the one next to this Python.
        script = Path(sys.executable).parent / "streakline"
    found = shutil.which("streakline")
    if not script.is_file() or (found and Path(found).resolve() == script.resolve()):
        return "streakline"
    script = script.absolute()
    home = Path.home()
    if script.is_relative_to(home):
        return "~/" + shlex.quote(script.relative_to(home).as_posix())
    return shlex.quote(str(script))


hook_app = typer.Typer(
    help="Keep the badge and site data current from git hooks.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.add_typer(hook_app, name="hook")
HookTypeOpt = Annotated[
    str,
    typer.Option("--type", metavar="pre-commit|post-commit",
                 help="pre-commit: the commit carries its own badge and data; post-commit: "
                      "they are written after it, for you to commit."),
]  # fmt: skip
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop the commit when streakline fails (default: go on).")
]


def _hook_type(value: str | None) -> None:
    if value is not None and value not in ("pre-commit", "post-commit"):
        raise typer.BadParameter("choose pre-commit or post-commit", param_hint="--type")


@hook_app.command("install")
def hook_install(
    repo: RepoOpt = Path("."),
    hook_type: HookTypeOpt = "pre-commit",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace a <hook>.legacy in the way, or install into a "
            "core.hooksPath shared with other repos.",
        ),
    ] = False,
    strict: StrictOpt = False,
) -> None:
    """Install a git hook that runs `streakline hook run`.

    It goes where git looks (core.hooksPath, else .git/hooks, shared by worktrees). A hook
    that is already there is kept as <hook>.legacy and runs first.
    """
    from streakline import hook

    _hook_type(hook_type)
    raise typer.Exit(hook.install_command(repo, hook_type, force, strict))


@hook_app.command("uninstall")
def hook_uninstall(
    repo: RepoOpt = Path("."),
    hook_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="pre-commit|post-commit",
            show_default=False,
            help="Only this kind (default: both).",
        ),
    ] = None,
) -> None:
    """Remove the git hooks `streakline hook install` wrote.

    Hooks streakline did not write are left alone; one it had kept as <hook>.legacy is put
    back in its place.
    """
    from streakline import hook

    _hook_type(hook_type)
    raise typer.Exit(hook.uninstall_command(repo, hook_type))


@hook_app.command("run")
def hook_run(
    repo: RepoOpt = Path("."),
    db: DbOpt = None,
    hook_type: HookTypeOpt = "pre-commit",
    strict: StrictOpt = False,
) -> None:
    """Catch up, then write the [outputs] files counting the commit being made.

    As a pre-commit hook it counts what is staged as if committed (nothing is stored) and
    stages the files that changed; as a post-commit hook it writes them as the branch now
    is. With no post staged it only catches up. Problems are one line on stderr and the
    commit goes on, unless --strict.
    """
    from streakline import hook

    _hook_type(hook_type)
    raise typer.Exit(hook.run_command(repo, db, hook_type, strict))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        # Before a command runs (imports, option parsing) nothing was changed yet.
        sys.exit(_interrupted())
