"""Which files are posts, when there is no `.streakline.toml` (SPEC 2).

Pure: `detect` sees the paths tracked at the branch tip and a reader for small config files.
It finds the site generator at the repo root or in one subfolder, takes its posts folder,
and says what it left out, so `init` can show the writer what to correct.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from streakline.config import FALLBACK_EXCLUDE, Settings, glob_to_regex
from streakline.generators import FINDERS
from streakline.sites import HUGO_ENDINGS, Plan, Reader, Tree, hidden, is_boilerplate

# Subfolders that may hold the site instead of the repo root, after `v2/`-like ones (newest
# first): a redesign often lives next to the old site until it replaces it.
SITE_FOLDERS = ("site/", "blog/", "docs/", "www/")
# What `init` may list as left out: files a writer could mean as posts.
PAGE_ENDINGS = frozenset({*HUGO_ENDINGS, ".mdx", ".mdoc", ".textile"} - {".html", ".htm"})
# A TIL repo may keep a few notes outside the category folders: 3, or 10% of a big one.
TIL_MAX_STRAYS = 3
_VERSIONED = re.compile(r"v(\d+)/")


@dataclass(frozen=True)
class GlobCount:
    glob: str
    count: int


@dataclass(frozen=True)
class LeftOut:
    """Pages not counted as posts: a folder (ending in `/`) or one file."""

    where: str
    count: int
    example: str


@dataclass(frozen=True)
class Detection:
    settings: Settings
    generator: str  # "Hugo", "TIL", "" when no generator was found
    root: str  # "" or the subfolder holding the site, such as "v2/"
    config: str  # the file (or folder) that gave the generator away
    note: str  # "main section: post (the most pages)"
    posts: tuple[GlobCount, ...]
    drafts: tuple[GlobCount, ...]
    left_out: tuple[LeftOut, ...]


def detect(tracked: Iterable[str], read: Reader) -> Detection:
    """The layout of the writing repo whose tip tracks `tracked`."""
    tree = Tree(tracked, read)
    return _finish(tree, _plan(tree))


def detect_settings(tracked: Iterable[str], read: Reader) -> Settings:
    """`detect(...).settings`, without counting what `init` reports (every command of a
    repo with no config file detects its layout, the pre-commit hook included)."""
    tree = Tree(tracked, read)
    return _settings(tree, _plan(tree))[0]


def _plan(tree: Tree) -> Plan:
    for root in site_roots(tree):
        for finder in FINDERS:
            plan = finder(tree, root)
            if plan is not None:
                return plan
    return find_org(tree) or find_til(tree) or generic(tree)


def site_roots(tree: Tree) -> list[str]:
    """The repo root, then the subfolders a site may live in."""
    top = sorted({p.split("/", 1)[0] + "/" for p in tree.paths if "/" in p})
    versioned = [f for f in top if _VERSIONED.fullmatch(f)]
    versioned.sort(key=lambda f: -int(f[1:-1]))
    return ["", *versioned, *(f for f in SITE_FOLDERS if f in top)]


def _writing(tree: Tree, endings: Iterable[str]) -> list[str]:
    wanted = frozenset(endings)
    return [p for p, e in tree.writing if e in wanted]


def find_org(tree: Tree) -> Plan | None:
    """An Org site: more `.org` files than Markdown ones; posts in its biggest folder."""
    org = _writing(tree, (".org",))
    if not org or len(org) <= len(_writing(tree, (".md", ".markdown"))):
        return None
    folders = Counter(p.split("/", 1)[0] for p in org if "/" in p)
    nested = sum(folders.values())
    if not nested:
        return Plan("Org", "org", ("*.org",))
    best = min(folders, key=lambda f: (-folders[f], f))
    # Posts spread over several folders (by year, by topic): any folder, not the root pages.
    if 2 * folders[best] > nested:
        # org-static-blog keeps unfinished posts in `drafts/` next to `posts/`.
        drafts = ("drafts/**/*.org",) if best != "drafts" and folders["drafts"] else ()
        return Plan("Org", "org", (f"{best}/**/*.org",), drafts=drafts, note=f"posts in {best}/")
    return Plan("Org", "org", ("*/**/*.org",))


def find_til(tree: Tree) -> Plan | None:
    """Markdown notes one folder deep, the folder being the topic; a few strays tolerated.

    Front matter does not decide it: TIL notes are as likely to have it as blog posts are.
    """
    notes = _writing(tree, (".md",))
    nested = [p for p in notes if p.count("/") == 1]
    strays = len(notes) - len(nested)
    allowed = max(TIL_MAX_STRAYS, len(nested) // 10)
    if len(nested) < 2 or strays > allowed or 2 * strays >= len(nested):
        return None
    return Plan("TIL", "til", ("*/*.md",), category_from_folder=True)


def generic(tree: Tree) -> Plan:
    globs = ["**/*.md"]
    if any(p.endswith(".markdown") for p in tree.paths):
        globs.append("**/*.markdown")
    return Plan("", "generic", tuple(globs), exclude=FALLBACK_EXCLUDE)


def _settings(tree: Tree, plan: Plan) -> tuple[Settings, dict[str, int]]:
    """The plan's settings, and the paths its globs match (each with its glob's index)."""
    # One regex with a group per glob: the repo may track tens of thousands of files.
    which = _one_regex(glob_to_regex(g).pattern for g in (*plan.posts, *plan.drafts))
    matched: dict[str, int] = {}
    for path in tree.paths:
        found = which.fullmatch(path)
        if found and found.lastindex:
            matched[path] = found.lastindex - 1
    exclude = list(plan.exclude)
    for path in matched:
        glob = f"**/{path[path.rfind('/') + 1 :]}"
        if is_boilerplate(path) and glob not in exclude:
            exclude.append(glob)
    if any(hidden(p) for p in matched):
        exclude.append("**/.*/**")
    settings = Settings(
        posts=plan.posts,
        exclude=tuple(exclude),
        drafts=plan.drafts,
        category_from_folder=plan.category_from_folder,
        layout=plan.layout,
    )
    return settings, matched


def _finish(tree: Tree, plan: Plan) -> Detection:
    settings, matched = _settings(tree, plan)
    excluded = _one_regex(glob_to_regex(g).pattern for g in settings.exclude)
    posts = {p: i for p, i in matched.items() if not excluded.fullmatch(p)}
    counts = Counter(posts.values())
    first_draft = len(plan.posts)
    return Detection(
        settings,
        plan.generator,
        plan.root,
        plan.config,
        plan.note,
        tuple(GlobCount(g, counts[i]) for i, g in enumerate(plan.posts)),
        tuple(GlobCount(g, counts[first_draft + i]) for i, g in enumerate(plan.drafts)),
        _left_out(tree, posts.keys(), plan),
    )


def _one_regex(patterns: Iterable[str]) -> re.Pattern[str]:
    """Matches when one pattern does; group n+1 says which. `(?!)` never matches."""
    return re.compile("|".join(f"({p})" for p in patterns) or "(?!)")


def _left_out(tree: Tree, posts: Collection[str], plan: Plan) -> tuple[LeftOut, ...]:
    """Pages that are not posts, by folder: below the site's content folder, else the root."""
    scopes = sorted({plan.scope, plan.root, ""}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for path in _writing(tree, PAGE_ENDINGS):
        if path in posts or path[path.rfind("/") + 1 :].startswith("_index."):
            continue
        scope = next(s for s in scopes if path.startswith(s))
        head, slash, _ = path[len(scope) :].partition("/")
        groups.setdefault(f"{scope}{head}/" if slash else path, []).append(path)
    return tuple(
        LeftOut(where, len(paths), paths[0])
        for where, paths in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))
    )


def render_report(found: Detection, limit: int = 10) -> list[str]:
    """What `init` prints: the generator, the globs with their posts, what was left out."""
    if found.generator == "TIL":
        head = "Detected a TIL collection: Markdown notes one folder deep, the folder a category"
    elif found.generator:
        article = "an" if found.generator[0] in "AEIOU" else "a"
        head = f"Detected {article} {found.generator} site"
        head += f" in {found.root}" if found.root else ""
        head += f" ({found.config})" if found.config else ""
    else:
        head = "No site generator found: every Markdown file but README-like ones is a post"
    lines = [head + (f"; {found.note}" if found.note else "")]
    rows = [("posts", c) for c in found.posts] + [("drafts", c) for c in found.drafts]
    glob_width = max(len(c.glob) for _, c in rows)
    count_width = max(len(str(c.count)) for _, c in rows)
    for word, c in rows:
        lines.append(f"  {word:<8} {c.glob:<{glob_width}}  {c.count:>{count_width}}")
    return lines + render_left_out(found.left_out, limit)


def render_left_out(groups: tuple[LeftOut, ...], limit: int = 10) -> list[str]:
    if not groups:
        return ["Left out: nothing"]
    shown, rest = groups[:limit], groups[limit:]
    where_width = max(len(g.where) for g in shown)
    counts = [f"{g.count} page{'' if g.count == 1 else 's'}" for g in shown]
    count_width = max(len(c) for c in counts)
    lines = ["Left out:"]
    for group, count in zip(shown, counts, strict=True):
        line = f"  {group.where:<{where_width}}  {count:<{count_width}}"
        if group.example != group.where:
            line += f"  e.g. {group.example}"
        lines.append(line.rstrip())
    if rest:
        pages = sum(g.count for g in rest)
        lines.append(f"  and {len(rest)} more places with {pages} page{'' if pages == 1 else 's'}")
    return lines
