"""Finders, one per site generator: is there such a site at `root`, and where are its posts?

Each finder returns a Plan or None. They are tried in order (see FINDERS), so a finder may
assume that the generators before it were not found at the same root.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from streakline.sites import (
    ASTRO_ENDINGS,
    HUGO_ENDINGS,
    JEKYLL_ENDINGS,
    MARKDOWN,
    PELICAN_ENDINGS,
    Plan,
    Tree,
    count_pages,
    folder_globs,
    load_data,
    section_plan,
)

Finder = Callable[[Tree, str], Plan | None]
_CONFIG_ENDINGS = (".toml", ".yaml", ".yml", ".json")


# --- Hugo and Zola -------------------------------------------------------------------------

_ZOLA = re.compile(r"(?m)^\s*base_url\s*=")


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [v.strip("/") for v in value if isinstance(v, str) and v.strip("/")]


def _hugo_configs(tree: Tree, root: str) -> list[str]:
    """Hugo's config files at `root`: hugo.*, a config.* with Hugo's keys, config/_default/*."""
    found = tree.first(root, [f"hugo{e}" for e in _CONFIG_ENDINGS])
    # `config.*` is a common name: it is Hugo's when Hugo's content folder is next to it.
    # Keys do not tell (a minimal Hugo config holds only a title; `theme` is everywhere).
    candidates = [] if found else [f"{root}config{e}" for e in _CONFIG_ENDINGS]
    for path in candidates:
        if path in tree.files and tree.has_folder(_content(tree, root, [path])):
            found = path
            break
    folder = f"{root}config/_default/"
    rest = [
        p for p in tree.under(folder) if p.endswith(_CONFIG_ENDINGS) and "/" not in p[len(folder) :]
    ]
    rest.sort(key=lambda p: (not p[len(folder) :].startswith(("hugo.", "config.")), p))
    return ([found] if found else []) + rest


def _content(tree: Tree, root: str, configs: list[str]) -> str:
    """Hugo's content folder: `contentDir` of the first config that sets it, else content/."""
    for path in configs:
        folder = load_data(path, tree.text(path) or "").get("contentdir")
        if isinstance(folder, str) and folder.strip("/"):
            return f"{root}{folder.strip('/')}/"
    return f"{root}content/"


def find_hugo(tree: Tree, root: str) -> Plan | None:
    configs = _hugo_configs(tree, root)
    if not configs:
        return None
    declared: list[str] = []
    for path in configs:
        name = path.rsplit("/", 1)[-1]
        if not name.startswith(("hugo.", "config.", "params.")):
            continue
        data = load_data(path, tree.text(path) or "")
        params = data if name.startswith("params.") else data.get("params")
        if not declared and isinstance(params, dict):
            declared = _names(params.get("mainsections"))
        declared = declared or _names(data.get("mainsections"))
    content = _content(tree, root, configs)
    return section_plan(tree, "Hugo", root, configs[0], content, HUGO_ENDINGS, declared)


def find_zola(tree: Tree, root: str) -> Plan | None:
    config = root + "config.toml"
    text = tree.text(config)
    if not text or not _ZOLA.search(text) or not tree.has_folder(f"{root}content/"):
        return None
    return section_plan(tree, "Zola", root, config, f"{root}content/", (".md",), [])


# --- Jekyll, Eleventy, Astro -----------------------------------------------------------------


def find_jekyll(tree: Tree, root: str) -> Plan | None:
    config = tree.first(root, ("_config.yml", "_config.yaml")) or ""
    if not config and not tree.has_folder(f"{root}_posts/"):
        return None
    drafts = f"{root}_drafts/"
    return Plan(
        "Jekyll",
        "jekyll",
        folder_globs(tree, f"{root}_posts/", JEKYLL_ENDINGS),
        root=root,
        config=config or f"{root}_posts/",
        scope=root,
        drafts=folder_globs(tree, drafts, JEKYLL_ENDINGS) if tree.has_folder(drafts) else (),
    )


_ELEVENTY_CONFIGS = (
    ".eleventy.js",
    ".eleventy.cjs",
    "eleventy.config.js",
    "eleventy.config.cjs",
    "eleventy.config.mjs",
    "eleventy.config.ts",
)
_INPUT_DIR = re.compile(r"""\binput\s*:\s*["'`]([^"'`]*)["'`]""")


def _uses_eleventy(text: str | None) -> bool:
    try:
        data = json.loads(text or "")
    except ValueError:
        return False
    if not isinstance(data, dict):
        return False
    deps = [data.get("dependencies"), data.get("devDependencies")]
    return any(isinstance(d, dict) and "@11ty/eleventy" in d for d in deps)


def find_eleventy(tree: Tree, root: str) -> Plan | None:
    config = tree.first(root, _ELEVENTY_CONFIGS)
    if config is None and _uses_eleventy(tree.text(root + "package.json")):
        config = root + "package.json"
    if config is None:
        return None
    found = _INPUT_DIR.search(tree.text(config) or "")
    source = found.group(1).strip("./") if found else ""
    bases = dict.fromkeys([f"{source}/" if source else "", "", "src/", "content/"])
    folders = [f"{root}{b}{n}/" for b in bases for n in ("posts", "blog", "post", "articles")]
    counts = {f: count_pages(tree.under(f), MARKDOWN) for f in folders}
    best = max(folders, key=lambda f: counts[f])  # the first of the conventions on a tie
    scope = f"{root}{source}/" if source else root
    folder = best if counts[best] else scope
    return Plan(
        "Eleventy",
        "eleventy",
        folder_globs(tree, folder, MARKDOWN),
        root=root,
        config=config,
        scope=scope,
        note=f"posts in {folder}" if folder != root else "",
    )


_ASTRO_CONFIGS = tuple(f"astro.config.{e}" for e in ("mjs", "js", "ts", "mts", "cjs"))
_ASTRO_FOLDERS = ("content/blog", "content/posts", "content/post", "data/blog", "pages/blog",
                  "pages/posts")  # fmt: skip


def find_astro(tree: Tree, root: str) -> Plan | None:
    config = tree.first(root, _ASTRO_CONFIGS)
    if config is None:
        return None
    folders = [f"{root}src/{f}/" for f in _ASTRO_FOLDERS]
    counts = {f: count_pages(tree.under(f), ASTRO_ENDINGS) for f in folders}
    best = max(folders, key=lambda f: counts[f])
    return Plan(
        "Astro",
        "astro",
        folder_globs(tree, best, ASTRO_ENDINGS),
        root=root,
        config=config,
        scope=f"{root}src/",
        note=f"posts in {best}",
    )


# --- Pelican, Nikola, MkDocs: Python and YAML configs read by regex --------------------------


def _py_string(text: str, name: str) -> str | None:
    found = re.search(rf"""(?m)^{name}\s*=\s*[rRuU]?["']([^"']*)["']""", text)
    return found.group(1) if found else None


def _py_strings(text: str, name: str) -> list[str] | None:
    found = re.search(rf"(?m)^{name}\s*=\s*[\[(]([^\])]*)[\])]", text)
    if found is None:
        return None
    return re.findall(r"""[rRuU]?["']([^"']*)["']""", found.group(1))


def _clean(folder: str) -> str:
    folder = folder.strip().removeprefix("./").strip("/")
    return "" if folder == "." else folder


def find_pelican(tree: Tree, root: str) -> Plan | None:
    config = root + "pelicanconf.py"
    if config not in tree.files:
        return None
    text = tree.text(config) or ""
    path = _clean(_py_string(text, "PATH") or "content")
    content = f"{root}{path}/" if path else root
    articles = _py_strings(text, "ARTICLE_PATHS") or [""]
    pages = _py_strings(text, "PAGE_PATHS") or ["pages"]
    skipped = [*pages, *(_py_strings(text, "ARTICLE_EXCLUDES") or [])]
    posts = tuple(
        g
        for a in dict.fromkeys(_clean(a) for a in articles)
        for g in folder_globs(tree, f"{content}{a}/" if a else content, PELICAN_ENDINGS)
    )
    exclude = tuple(f"{content}{_clean(p)}/**" for p in skipped if _clean(p))
    return Plan(
        "Pelican", "pelican", posts, root=root, config=config, scope=content, exclude=exclude
    )


_NIKOLA_POSTS = re.compile(r"(?m)^POSTS\s*=\s*\(")


def find_nikola(tree: Tree, root: str) -> Plan | None:
    config = root + "conf.py"
    text = tree.text(config)
    start = _NIKOLA_POSTS.search(text or "")
    if text is None or start is None:
        return None
    depth, end = 0, len(text)
    for i in range(start.end() - 1, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            end = i
            break
    block = text[start.end() : end]
    posts: list[str] = []
    # Each entry is ("posts/*.md", "posts", "post.tmpl"); Nikola looks in subfolders too.
    for pattern in re.findall(r"""\(\s*[rRuU]?["']([^"']+)["']""", block):
        folder, _, name = _clean(pattern).rpartition("/")
        posts.append(f"{root}{folder}/**/{name}" if folder else f"{root}{name}")
    if not posts:  # POSTS left empty or written in a way a regex cannot read: the default
        posts = list(folder_globs(tree, f"{root}posts/", (".rst", ".md", ".txt", ".html")))
    return Plan(
        "Nikola", "nikola", tuple(dict.fromkeys(posts)), root=root, config=config, scope=root
    )


_BLOG_PLUGIN = re.compile(r"(?m)^\s*(?:-\s*)?(?:material/)?blog\s*:?\s*(?:#.*)?$")


def _yaml_value(text: str, key: str) -> str | None:
    found = re.search(rf"""(?m)^\s*{key}\s*:\s*["']?([^"'\s#]+)""", text)
    return found.group(1) if found else None


def find_mkdocs(tree: Tree, root: str) -> Plan | None:
    config = tree.first(root, ("mkdocs.yml", "mkdocs.yaml"))
    text = tree.text(config) if config else None
    if config is None or text is None or not _BLOG_PLUGIN.search(text):
        return None
    docs = _clean(_yaml_value(text, "docs_dir") or "docs")
    blog = _clean(_yaml_value(text, "blog_dir") or "blog")
    scope = f"{root}{docs}/" if docs else root
    folder = f"{scope}{blog}/posts/" if blog else f"{scope}posts/"
    posts = folder_globs(tree, folder, (".md",))
    return Plan("MkDocs", "mkdocs", posts, root=root, config=config, scope=scope)


# Tried in this order at each site root: a Python config names its generator for certain, a
# Hugo site may carry a `_config.yml` for GitHub Pages, and many sites have a package.json.
FINDERS: tuple[Finder, ...] = (
    find_pelican,
    find_nikola,
    find_mkdocs,
    find_zola,
    find_hugo,
    find_jekyll,
    find_astro,
    find_eleventy,
)
