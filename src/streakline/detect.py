"""Which files are posts, when there is no `.streakline.toml` (SPEC 2).

Pure: `detect` sees the paths tracked at the branch tip and a reader for small config files.
It finds the site generator at the repo root or in one subfolder, takes its posts folder,
and says what it left out, so `init` can show the writer what to correct.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from streakline.config import FALLBACK_EXCLUDE, Settings, glob_to_regex
from streakline.generators import FINDERS
from streakline.sites import HUGO_ENDINGS, Plan, Reader, Tree, ending

# Subfolders that may hold the site instead of the repo root, after `v2/`-like ones (newest
# first): a redesign often lives next to the old site until it replaces it.
SITE_FOLDERS = ("site/", "blog/", "docs/", "www/")
# Files about the repo, not writing, in any folder and any case.
BOILERPLATE = {"README", "CHANGELOG", "CONTRIBUTING", "LICENSE", "LICENCE", "CODE_OF_CONDUCT"}
# What `init` may list as left out: files a writer could mean as posts.
PAGE_ENDINGS = frozenset({*HUGO_ENDINGS, ".mdx", ".mdoc", ".textile"} - {".html", ".htm"})
# A TIL repo may keep a few notes outside the category folders.
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
    for root in site_roots(tree):
        for finder in FINDERS:
            plan = finder(tree, root)
            if plan is not None:
                return _finish(tree, plan)
    return _finish(tree, find_org(tree) or find_til(tree) or generic(tree))


def site_roots(tree: Tree) -> list[str]:
    """The repo root, then the subfolders a site may live in."""
    top = sorted({p.split("/", 1)[0] + "/" for p in tree.paths if "/" in p})
    versioned = [f for f in top if _VERSIONED.fullmatch(f)]
    versioned.sort(key=lambda f: -int(f[1:-1]))
    return ["", *versioned, *(f for f in SITE_FOLDERS if f in top)]


def is_boilerplate(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.split(".", 1)[0].upper().replace("-", "_") in BOILERPLATE


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.split("/")[:-1])


def _writing(tree: Tree, endings: Iterable[str]) -> list[str]:
    wanted = frozenset(endings)
    return [
        p
        for p in tree.paths
        if ending(p).lower() in wanted and not is_boilerplate(p) and not _hidden(p)
    ]


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
        return Plan("Org", "org", (f"{best}/**/*.org",), note=f"posts in {best}/")
    return Plan("Org", "org", ("*/**/*.org",))


def find_til(tree: Tree) -> Plan | None:
    """Markdown notes one folder deep, the folder being the topic; a few strays tolerated.

    Front matter does not decide it: TIL notes are as likely to have it as blog posts are.
    """
    notes = _writing(tree, (".md",))
    nested = [p for p in notes if p.count("/") == 1]
    strays = len(notes) - len(nested)
    if len(nested) < 2 or strays > TIL_MAX_STRAYS or 2 * strays >= len(nested):
        return None
    return Plan("TIL", "til", ("*/*.md",), category_from_folder=True)


def generic(tree: Tree) -> Plan:
    globs = ["**/*.md"]
    if any(p.endswith(".markdown") for p in tree.paths):
        globs.append("**/*.markdown")
    return Plan("", "generic", tuple(globs), exclude=FALLBACK_EXCLUDE)


def _finish(tree: Tree, plan: Plan) -> Detection:
    matched = _matching(tree.paths, (*plan.posts, *plan.drafts))
    exclude = list(plan.exclude)
    for path in matched:
        glob = f"**/{path.rsplit('/', 1)[-1]}"
        if is_boilerplate(path) and glob not in exclude:
            exclude.append(glob)
    if any(_hidden(p) for p in matched):
        exclude.append("**/.*/**")
    settings = Settings(
        posts=plan.posts,
        exclude=tuple(exclude),
        drafts=plan.drafts,
        category_from_folder=plan.category_from_folder,
        layout=plan.layout,
    )
    posts = [p for p in matched if settings.is_post_path(p)]
    return Detection(
        settings,
        plan.generator,
        plan.root,
        plan.config,
        plan.note,
        tuple(GlobCount(g, len(_matching(posts, (g,)))) for g in plan.posts),
        tuple(GlobCount(g, len(_matching(posts, (g,)))) for g in plan.drafts),
        _left_out(tree, settings, plan),
    )


def _matching(paths: Iterable[str], globs: Iterable[str]) -> list[str]:
    regexes = [glob_to_regex(g) for g in globs]
    return [p for p in paths if any(r.fullmatch(p) for r in regexes)]


def _left_out(tree: Tree, settings: Settings, plan: Plan) -> tuple[LeftOut, ...]:
    """Pages that are not posts, by folder: below the site's content folder, else the root."""
    scopes = sorted({plan.scope, plan.root, ""}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for path in _writing(tree, PAGE_ENDINGS):
        if path.rsplit("/", 1)[-1].startswith("_index.") or settings.is_post_path(path):
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
