"""Settings from `.streakline.toml` (SPEC 2); detect.py finds them when there is none."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import tomllib
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from streakline.errors import ConfigError
from streakline.globs import glob_to_regex as glob_to_regex

if TYPE_CHECKING:
    from collections.abc import Sequence

CONFIG_NAME = ".streakline.toml"
# Settings are a few lines; anything bigger is not them, and is not read whole.
MAX_CONFIG_BYTES = 1 << 20
CADENCES = ("day", "week", "month", "year")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_BOTS = ("*[bot]", "dependabot*", "renovate*", "github-actions*")
# Markdown endings, read even when the globs name another: a post may change its ending.
_TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
FALLBACK_EXCLUDE = (
    "**/README.md",
    "**/CHANGELOG.md",
    "**/CONTRIBUTING.md",
    "**/LICENSE.md",
    "**/CODE_OF_CONDUCT.md",
)


@dataclass(frozen=True)
class Freeze:
    start: date
    end: date
    reason: str = ""


@dataclass(frozen=True)
class StreakSettings:
    cadence: str = "week"
    per_period: int = 1
    week_start: str = "monday"
    rest_days: tuple[str, ...] = ()
    freezes: tuple[Freeze, ...] = ()


# The site generators `export` and the hook write into (exporting.py knows their folders).
Ssg = Literal["hugo", "jekyll", "eleventy", "mkdocs", "zola"]
SSGS: tuple[Ssg, ...] = get_args(Ssg)


@dataclass(frozen=True)
class Outputs:
    svg: str = "static/streakline.svg"
    shields: str = "static/streakline-shields.json"
    json: str = "data/streakline.json"
    html: str = "static/streakline-footer.html"
    # A generator whose folders `export` and the hook write into instead of the paths above.
    ssg: Ssg | None = None


@dataclass(frozen=True)
class Goal:
    """`[goal]`: what to write in a calendar year; None where no goal is set."""

    posts: int | None = None
    words: int | None = None


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a scan and its statistics. `layout` names what detection found."""

    branch: str | None = None
    posts: tuple[str, ...] = ("**/*.md",)
    exclude: tuple[str, ...] = FALLBACK_EXCLUDE
    # Posts kept as drafts by where they live (Jekyll's `_drafts/`): listed, never published.
    drafts: tuple[str, ...] = ()
    date_source: str = "declared"
    timezone: str = "event"
    category_from_folder: bool = False
    bots: tuple[str, ...] = DEFAULT_BOTS
    bulk_threshold: int = 20
    streak: StreakSettings = field(default_factory=StreakSettings)
    outputs: Outputs = field(default_factory=Outputs)
    goal: Goal = field(default_factory=Goal)
    layout: str = "generic"
    # The site's name in the per-post status line (`~/<site>/<path>`); None: the repo folder's.
    site: str | None = None

    @cached_property
    def _post_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(glob_to_regex(g) for g in self.posts)

    @cached_property
    def _draft_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(glob_to_regex(g) for g in self.drafts)

    @cached_property
    def _exclude_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(glob_to_regex(g) for g in self.exclude)

    @cached_property
    def _suffixes(self) -> frozenset[str] | None:
        """File endings a post may have had; None when a glob allows any file name."""
        found = set(_TEXT_SUFFIXES)
        for glob in (*self.posts, *self.drafts):
            name = glob.rsplit("/", 1)[-1]
            suffix = name[name.rfind(".") :] if "." in name else ""
            if not suffix or any(c in suffix for c in "*?["):
                return None
            found.add(suffix.lower())
        return frozenset(found)

    @property
    def post_suffixes(self) -> frozenset[str] | None:
        """Lower-case endings of files a scan reads (see `may_become_post`); None: any file."""
        return self._suffixes

    def is_post_path(self, path: str) -> bool:
        """True when `path` matches a `posts` or `drafts` glob and no `exclude` glob."""
        return any(r.fullmatch(path) for r in (*self._post_res, *self._draft_res)) and not any(
            r.fullmatch(path) for r in self._exclude_res
        )

    def is_draft_path(self, path: str) -> bool:
        """True when `path` lies where the generator keeps drafts (a `drafts` glob)."""
        return any(r.fullmatch(path) for r in self._draft_res) and self.is_post_path(path)

    def may_become_post(self, path: str) -> bool:
        """Cheap filter for whose contents a scan reads: a text file a post could come from.

        Post-ness is decided by a lineage's latest path, so any folder and any file name may
        still become a post by a later move (`_posts/2020-01-01-a.md` to
        `content/posts/a/index.md`, `.markdown` to `.md`); only binary files are left out.
        """
        suffixes = self._suffixes
        if suffixes is None:
            return True
        name = path.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        return dot >= 0 and name[dot:].lower() in suffixes

    def category_folder(self, path: str) -> str | None:
        """The top-level folder of a post below the literal start of its glob."""
        globs = (*self.posts, *self.drafts)
        for glob, regex in zip(globs, (*self._post_res, *self._draft_res), strict=True):
            if not regex.fullmatch(path):
                continue
            prefix = glob.split("*", 1)[0].rsplit("/", 1)[0]
            rest = path[len(prefix) + 1 :] if prefix else path
            parts = rest.split("/")
            return parts[0] if len(parts) > 1 else None
        return None

    def fingerprint(self, mailmap: bytes = b"") -> str:
        """What decides which events exist; a change makes the next scan start over.

        `mailmap` is what git reads to map names (`.mailmap`, `mailmap.file`, `mailmap.blob`):
        it decides the author names (and so which commits are bots') of every stored event.
        """
        data = {
            "mailmap": hashlib.sha256(mailmap).hexdigest(),
            "branch": self.branch,
            "posts": self.posts,
            "exclude": self.exclude,
            "drafts": self.drafts,
            "date_source": self.date_source,
            "bots": self.bots,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def settings_file(root: Path) -> Settings | None:
    """Settings from `.streakline.toml` in `root`; None when there is none."""
    path = root / CONFIG_NAME
    if not path.exists():
        return None
    try:
        # A BOM is what some editors on Windows write first; TOML has no use for it.
        data = tomllib.loads(_read_config(path).decode("utf-8-sig"))
    except RecursionError:
        raise ConfigError(f"{CONFIG_NAME} does not parse: nested too deeply") from None
    except ValueError as exc:  # TOMLDecodeError, UnicodeDecodeError, an integer too long
        raise ConfigError(f"{CONFIG_NAME} does not parse: {_parse_reason(exc)}") from None
    settings = settings_from_dict(data)
    for glob in (*settings.posts, *settings.exclude, *settings.drafts):
        try:
            glob_to_regex(glob)
        except ConfigError as exc:
            raise ConfigError(f"{CONFIG_NAME}: {exc}") from None
    return settings


def _read_config(path: Path) -> bytes:
    """The file's bytes: a regular file (or a link to one) of at most `MAX_CONFIG_BYTES`.

    A FIFO would block and a link to /dev/zero never end: neither is read. Opened without
    blocking, then checked on the open file, so what is read is what was checked.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError(f"{path} is not a regular file; settings are read from a file")
        try:
            data = file.read(MAX_CONFIG_BYTES + 1)
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{path} is larger than {MAX_CONFIG_BYTES >> 20} MiB, too big for settings"
        )
    return data


def _parse_reason(exc: ValueError) -> str:
    if "integer string conversion" in str(exc):
        # Python's own message gives advice (`sys.set_int_max_str_digits`) meant for coders.
        return f"a number has more than {sys.get_int_max_str_digits()} digits"
    return str(exc)


def settings_from_dict(data: dict[str, Any]) -> Settings:
    known = {
        "branch", "posts", "exclude", "drafts", "date_source", "timezone", "category_from_folder",
        "bots", "bulk_threshold", "streak", "outputs", "site", "goal",
    }  # fmt: skip
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{CONFIG_NAME}: unknown key {unknown[0]!r}")
    base = Settings(layout="config")
    kw: dict[str, Any] = {}
    if "branch" in data:
        kw["branch"] = _str(data, "branch")
    for key in ("posts", "exclude", "drafts", "bots"):
        if key in data:
            kw[key] = _str_list(data, key)
    if "posts" in data and "exclude" not in data:
        kw["exclude"] = ()
    if "date_source" in data:
        kw["date_source"] = _choice(data, "date_source", ("declared", "landed"))
    if "timezone" in data:
        kw["timezone"] = _timezone(_str(data, "timezone"))
    if "category_from_folder" in data:
        kw["category_from_folder"] = _bool(data, "category_from_folder")
    if "bulk_threshold" in data:
        kw["bulk_threshold"] = _positive(data, "bulk_threshold")
    if "streak" in data:
        kw["streak"] = _streak(_table(data, "streak"))
    if "outputs" in data:
        out = _table(data, "outputs")
        extra = sorted(set(out) - {"svg", "shields", "json", "html", "ssg"})
        if extra:
            raise ConfigError(f"{CONFIG_NAME}: unknown key 'outputs.{extra[0]}'")
        kw["outputs"] = _outputs(out)
    if "site" in data:
        kw["site"] = _str(data, "site")
    if "goal" in data:
        goal = _table(data, "goal")
        extra = sorted(set(goal) - {"posts", "words"})
        if extra:
            raise ConfigError(f"{CONFIG_NAME}: unknown key 'goal.{extra[0]}'")
        kw["goal"] = Goal(**{k: _positive(goal, k, f"goal.{k}") for k in goal})
    return replace(base, **kw)


def _outputs(data: dict[str, Any]) -> Outputs:
    if "ssg" not in data:
        paths: dict[str, Any] = {k: _output_path(data, k) for k in data}
        return Outputs(**paths)
    ssg = _str(data, "ssg")
    if ssg not in SSGS:
        raise ConfigError(
            f"{CONFIG_NAME}: outputs.ssg must be one of {', '.join(SSGS)}, not {ssg!r}"
        )
    given = sorted(set(data) - {"ssg"})
    if given:
        # Both would leave one of them silently unused.
        raise ConfigError(
            f"{CONFIG_NAME}: outputs.ssg writes into {ssg}'s own folders; remove "
            f"outputs.{given[0]}, or outputs.ssg to choose the paths yourself"
        )
    return Outputs(ssg=ssg)


def _output_path(data: dict[str, Any], key: str) -> str:
    """A file `export` writes: a path inside the repo, given from its root."""
    value = _str(data, key)
    parts = value.split("/")
    if value.startswith("/") or "\\" in value or any(p in ("", ".", "..") for p in parts):
        raise ConfigError(
            f"{CONFIG_NAME}: outputs.{key} must be a path inside the repo, from its root "
            f"(like static/streakline.svg), not {value!r}"
        )
    return value


def _streak(data: dict[str, Any]) -> StreakSettings:
    extra = sorted(set(data) - {"cadence", "per_period", "week_start", "rest_days", "freezes"})
    if extra:
        raise ConfigError(f"{CONFIG_NAME}: unknown key 'streak.{extra[0]}'")
    kw: dict[str, Any] = {}
    if "cadence" in data:
        kw["cadence"] = _choice(data, "cadence", CADENCES)
    if "per_period" in data:
        kw["per_period"] = _positive(data, "per_period")
    if "week_start" in data:
        kw["week_start"] = _choice(data, "week_start", ("monday", "sunday"))
    if "rest_days" in data:
        days = tuple(d.lower()[:3] for d in _str_list(data, "rest_days"))
        bad = [d for d in days if d not in WEEKDAYS]
        if bad:
            raise ConfigError(f"{CONFIG_NAME}: streak.rest_days: {bad[0]!r} is not a weekday")
        kw["rest_days"] = days
    if "freezes" in data:
        if not isinstance(data["freezes"], list):
            raise ConfigError(f"{CONFIG_NAME}: streak.freezes must be a list of tables")
        kw["freezes"] = tuple(_freeze(f) for f in data["freezes"])
    if len(set(kw.get("rest_days", ()))) == 7:
        raise ConfigError(f"{CONFIG_NAME}: streak.rest_days cannot be every day of the week")
    return StreakSettings(**kw)


def _freeze(item: Any) -> Freeze:
    if not isinstance(item, dict) or "start" not in item or "end" not in item:
        raise ConfigError(f"{CONFIG_NAME}: each streak.freezes entry needs start and end dates")
    try:
        start = _as_date(item["start"])
        end = _as_date(item["end"])
    except ValueError:
        raise ConfigError(f"{CONFIG_NAME}: freeze dates must be YYYY-MM-DD") from None
    if end < start:
        raise ConfigError(f"{CONFIG_NAME}: a freeze ends ({end}) before it starts ({start})")
    reason = item.get("reason", "")
    if not isinstance(reason, str):
        raise ConfigError(f"{CONFIG_NAME}: a freeze reason must be a string")
    return Freeze(start, end, reason)


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError("a freeze is whole days")
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _timezone(name: str) -> str:
    if name == "event":
        return name
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{CONFIG_NAME}: timezone {name!r} is not an IANA zone name") from None
    return name


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, dict):
        raise ConfigError(f"{CONFIG_NAME}: [{key}] must be a table")
    return value


def _str(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{CONFIG_NAME}: {key} must be a non-empty string")
    return value


def _str_list(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data[key]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{CONFIG_NAME}: {key} must be a list of strings")
    if key == "posts" and not value:
        raise ConfigError(f"{CONFIG_NAME}: posts needs at least one glob")
    return tuple(value)


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = data[key]
    if value not in choices:
        raise ConfigError(f"{CONFIG_NAME}: {key} must be one of {', '.join(choices)}")
    return str(value)


def _bool(data: dict[str, Any], key: str) -> bool:
    value = data[key]
    if not isinstance(value, bool):
        raise ConfigError(f"{CONFIG_NAME}: {key} must be true or false")
    return value


def _positive(data: dict[str, Any], key: str, name: str = "") -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{CONFIG_NAME}: {name or key} must be a whole number of at least 1")
    return value


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The settings as `.streakline.toml` would hold them (`settings_from_dict` reads it)."""
    s = settings.streak
    data: dict[str, Any] = {
        "posts": list(settings.posts),
        "exclude": list(settings.exclude),
        "drafts": list(settings.drafts),
        "date_source": settings.date_source,
        "timezone": settings.timezone,
        "category_from_folder": settings.category_from_folder,
        "bots": list(settings.bots),
        "bulk_threshold": settings.bulk_threshold,
        "streak": {
            "cadence": s.cadence,
            "per_period": s.per_period,
            "week_start": s.week_start,
            "rest_days": list(s.rest_days),
            "freezes": [
                {"start": f.start.isoformat(), "end": f.end.isoformat(), "reason": f.reason}
                for f in s.freezes
            ],
        },
    }
    if settings.branch is not None:
        data["branch"] = settings.branch
    if settings.site is not None:
        data["site"] = settings.site
    goal = {k: v for k, v in asdict(settings.goal).items() if v is not None}
    if goal:
        data["goal"] = goal
    return data


def render_toml(settings: Settings, left_out: Sequence[str] = ()) -> str:
    """The `.streakline.toml` that `init` writes: the detected layout, other keys as comments.

    `left_out` are the report lines on pages detection did not count, kept as comments so
    the writer sees them next to the globs to edit.
    """
    lines = [
        f"# streakline settings ({settings.layout} layout detected). All keys are optional.",
        f"posts = {_toml_list(settings.posts)}",
        f"exclude = {_toml_list(settings.exclude)}",
    ]
    if settings.drafts:
        lines.append(f"drafts = {_toml_list(settings.drafts)}")
    if settings.category_from_folder:
        lines.append("category_from_folder = true")
    if left_out:
        lines += ["", *(f"# {line}" for line in left_out), ""]
    s = asdict(StreakSettings())
    lines += [
        '# date_source = "declared"   # or "landed": the day the post landed on the branch',
        '# timezone = "event"         # or an IANA name such as "Europe/Berlin"',
        f"# bulk_threshold = {Settings().bulk_threshold}",
        "",
        "[streak]",
        f'cadence = "{s["cadence"]}"           # "day" | "week" | "month" | "year"',
        f"per_period = {s['per_period']}",
        f'week_start = "{s["week_start"]}"      # or "sunday"',
        '# freezes = [{ start = "2025-08-04", end = "2025-08-18", reason = "trip" }]',
        "",
        "# [goal]                    # a year's goal, shown with its pace",
        "# posts = 52                # and/or words = 100000",
    ]
    if settings.layout in SSGS:
        # The site reads what `export` and the hook write from its generator's own folders.
        lines += ["", "[outputs]", f'ssg = "{settings.layout}"']
    return "\n".join(lines) + "\n"


def _toml_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"
