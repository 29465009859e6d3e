"""What each site generator keeps where: its config files, its posts folder, its pages (SPEC 2).

Pure: a finder sees the tracked paths and a reader for small config files, never the disk.
Config files are read as data (TOML, JSON, YAML) or by regex; Python configs are never run.
"""

from __future__ import annotations

import json
import re
import tomllib
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import KW_ONLY, dataclass
from functools import cached_property
from typing import Any

Reader = Callable[[str], bytes | None]

MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
HUGO_ENDINGS = (*MARKDOWN, ".html", ".htm", ".adoc", ".asciidoc", ".ad", ".rst", ".org", ".pdc")
JEKYLL_ENDINGS = (*MARKDOWN, ".html", ".textile")
PELICAN_ENDINGS = (*MARKDOWN, ".rst", ".html", ".htm")
ASTRO_ENDINGS = (".md", ".mdx", ".markdown", ".mdoc")


@dataclass(frozen=True)
class Plan:
    """Where one site keeps its posts: globs from the repo root, and why they were chosen."""

    generator: str  # "Hugo", "Jekyll", ...: the name a writer knows
    layout: str  # the same, as a lower-case word for Settings.layout
    posts: tuple[str, ...]
    _: KW_ONLY
    root: str = ""  # "" or the subfolder holding the site, such as "v2/"
    config: str = ""  # the file that gave the generator away, "" when a folder did
    scope: str = ""  # the folder whose other pages `init` lists as left out
    exclude: tuple[str, ...] = ()
    drafts: tuple[str, ...] = ()
    note: str = ""  # "main section: post"
    category_from_folder: bool = False


class Tree:
    """The paths tracked at the tip, and the few config files detection may read."""

    def __init__(self, paths: Iterable[str], read: Reader) -> None:
        self.paths = sorted(paths)
        self.files = frozenset(self.paths)
        self._read = read

    def under(self, folder: str) -> list[str]:
        """The paths below `folder` (which ends in `/`), found by bisection: paths are sorted."""
        if not folder:
            return self.paths
        start = bisect_left(self.paths, folder)
        end = bisect_left(self.paths, folder[:-1] + chr(ord(folder[-1]) + 1), start)
        return self.paths[start:end]

    def has_folder(self, folder: str) -> bool:
        start = bisect_left(self.paths, folder)
        return start < len(self.paths) and self.paths[start].startswith(folder)

    @cached_property
    def writing(self) -> list[tuple[str, str]]:
        """(path, lower-case ending) of files a writer may have meant as pages.

        README-like files and anything in a hidden folder (`.github/`) are left out.
        """
        return [
            (p, ending(p).lower()) for p in self.paths if not is_boilerplate(p) and not hidden(p)
        ]

    def first(self, root: str, names: Sequence[str]) -> str | None:
        return next((root + n for n in names if root + n in self.files), None)

    def text(self, path: str) -> str | None:
        """A tracked config file's text, or None when it is not tracked or cannot be read."""
        if path not in self.files:
            return None
        data = self._read(path)
        return None if data is None else data.decode("utf-8", errors="replace")


# Files about the repo, not writing, in any folder and any case.
BOILERPLATE = frozenset(
    {"README", "CHANGELOG", "CONTRIBUTING", "LICENSE", "LICENCE", "CODE_OF_CONDUCT"}
)


def is_boilerplate(path: str) -> bool:
    name = path[path.rfind("/") + 1 :]
    return name.split(".", 1)[0].upper().replace("-", "_") in BOILERPLATE


def hidden(path: str) -> bool:
    """True for a path in a hidden folder, such as `.github/ISSUE_TEMPLATE.md`."""
    return (path.startswith(".") and "/" in path) or "/." in path[: path.rfind("/")]


def ending(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def folder_globs(tree: Tree, folder: str, endings: Sequence[str]) -> tuple[str, ...]:
    """`folder**/*.md` and one glob per other ending present there, so globs stay narrow."""
    counts = Counter(ending(p) for p in tree.under(folder))
    found = sorted(
        (e for e in counts if e.lower() in endings),
        key=lambda e: (endings.index(e.lower()), e),
    )
    return tuple(f"{folder}**/*{e}" for e in found) or (f"{folder}**/*{endings[0]}",)


def count_pages(paths: Iterable[str], endings: Sequence[str]) -> int:
    return sum(1 for p in paths if ending(p).lower() in endings)


def _section_pages(tree: Tree, content: str, endings: Sequence[str]) -> Counter[str]:
    """Pages per first-level section of a Hugo or Zola `content/` (list pages not counted)."""
    counts: Counter[str] = Counter()
    for path in tree.under(content):
        rest = path[len(content) :]
        name = rest.rsplit("/", 1)[-1]
        if "/" in rest and not name.startswith("_index.") and ending(name).lower() in endings:
            counts[rest.split("/", 1)[0]] += 1
    return counts


def _main_sections(
    tree: Tree, content: str, endings: Sequence[str], declared: list[str]
) -> tuple[list[str], str]:
    if declared:
        return declared, "from mainSections"
    counts = _section_pages(tree, content, endings)
    if not counts:
        return [], ""
    # A section named for posts is what a writer means, even when talks or projects have
    # more pages (Hugo itself would list the largest section).
    named = [s for s in counts if s.lower() in POST_SECTION_NAMES]
    if named:
        best = min(named, key=lambda s: (-counts[s], s))
        return [best], "named for posts"
    # Hugo's own default: the section with the most pages (the first by name on a tie).
    best = min(counts, key=lambda s: (-counts[s], s))
    return [best], "the most pages"


POST_SECTION_NAMES = frozenset(
    {"post", "posts", "blog", "blogs", "articles", "article", "writing", "writings", "essays"}
)


def section_plan(
    tree: Tree,
    generator: str,
    root: str,
    config: str,
    content: str,
    endings: Sequence[str],
    declared: list[str],
) -> Plan:
    sections, why = _main_sections(tree, content, endings, declared)
    folders = [f"{content}{s}/" for s in sections] or [content]
    posts = tuple(g for f in folders for g in folder_globs(tree, f, endings))
    word = "section" if len(sections) == 1 else "sections"
    note = f"main {word}: {', '.join(sections)} ({why})" if sections else ""
    return Plan(
        generator,
        generator.lower(),
        posts,
        root=root,
        config=config,
        scope=content,
        exclude=(f"{content}**/_index.*",),
        note=note,
    )


def load_data(path: str, text: str) -> dict[str, Any]:
    """A TOML, YAML or JSON file as a dict with lower-case keys; {} when it does not parse."""
    try:
        if path.endswith(".toml"):
            data: Any = tomllib.loads(text)
        elif path.endswith(".json"):
            data = json.loads(text)
        else:
            import yaml  # only a YAML config pays for the import

            data = yaml.safe_load(text)
    except Exception:  # a broken config of someone else's tool is not ours to report
        return {}
    return _lower_keys(data) if isinstance(data, dict) else {}


def _lower_keys(data: dict[Any, Any]) -> dict[str, Any]:
    # Hugo's keys are case-insensitive: `mainSections`, `mainsections` and `MainSections`.
    return {str(k).lower(): _lower_keys(v) if isinstance(v, dict) else v for k, v in data.items()}


# Where each generator keeps the site's name, tried in this order at a site root: Hugo (and
# its config folder), Hugo or Zola `config.*`, Jekyll, MkDocs, Pelican, Nikola.
TITLE_SOURCES: tuple[tuple[str, str], ...] = (
    *((f"hugo{e}", "title") for e in (".toml", ".yaml", ".yml", ".json")),
    *((f"config/_default/{n}{e}", "title") for n in ("hugo", "config") for e in (".toml", ".yaml")),
    *((f"config{e}", "title") for e in (".toml", ".yaml", ".yml", ".json")),
    ("_config.yml", "title"),
    ("_config.yaml", "title"),
    ("mkdocs.yml", "site_name"),
    ("mkdocs.yaml", "site_name"),
    ("pelicanconf.py", "SITENAME"),
    ("conf.py", "BLOG_TITLE"),
)
# A name longer than this is not a site's title but something else under that key.
MAX_TITLE = 200


def site_title(tree: Tree, root: str) -> str | None:
    """The site's name as its generator's config at `root` gives it, or None.

    Python configs are read by regex, never run; a YAML file that does not load (MkDocs
    configs hold `!!python/name:` tags) is read line by line for its top-level key.
    """
    for name, key in TITLE_SOURCES:
        text = tree.text(root + name)
        if text is None:
            continue
        if name.endswith(".py"):
            title = _py_title(text, key)
        else:
            value = load_data(name, text).get(key.lower())
            title = value if isinstance(value, str) else None
            if title is None and name.endswith((".yml", ".yaml")):
                title = _yaml_title(text, key)
        title = " ".join((title or "").split())
        if title and len(title) <= MAX_TITLE:
            return title
    return None


def _py_title(text: str, key: str) -> str | None:
    found = re.search(rf"""(?m)^{key}\s*=\s*[rRuU]?(["'])(.*?)\1""", text)
    return found.group(2) if found else None


def _yaml_title(text: str, key: str) -> str | None:
    found = re.search(rf"""(?m)^{key}:[ \t]*(["']?)(.*?)\1[ \t]*(?:#.*)?$""", text)
    return found.group(2) if found else None
