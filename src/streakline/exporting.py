"""The files `export` writes for a site: the footer badge, shields JSON, site data, a partial.

Pure: a report, the posts and where the site lives in, bytes out. Everything written is
byte-stable: no commit id and no clock time, so a file changes only when what it says
changes. Where SPEC is silent:

- Each `--ssg` writes under the site root detection finds (`blog/` when the site lives
  there), in the folders the generator reads:
  Hugo   data/streakline.json, static/streakline.svg + -shields.json,
         layouts/partials/streakline-footer.html
  Zola   data/streakline.json, static/streakline.svg + -shields.json,
         templates/partials/streakline-footer.html
  Jekyll _data/streakline.json, _includes/streakline-footer.html,
         assets/streakline.svg + -shields.json
  Eleventy (under its input folder) _data/streakline.json, _includes/streakline-footer.html,
         assets/streakline.svg + -shields.json
  MkDocs (under docs_dir) assets/streakline.json, assets/streakline.svg + -shields.json,
         assets/streakline-footer.html
  Without `--ssg`, the `[outputs]` paths.
- The partial's badge URL is the svg's path as the site serves it, from the site's root:
  `static/` is dropped (Hugo, Zola and the default paths), other folders are kept.
- The per-post `section` is the first folder of the page's key under the generator's content
  root (Hugo `content/blog/x.md` is `/blog`; Jekyll's `_posts` is no section), or without
  `--ssg` the first folder below the fixed start of the post's glob. A post with neither a
  section nor tags has an empty header.
- Posts outside the folder a generator keys pages from are left out of `posts` with
  `--ssg`: the generator has no page for them.
- A blog without published posts says "no posts yet" in the badge, the partial and the
  data file's `footer`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

import orjson

from streakline.changes import PostStatus
from streakline.outputs import OutputFile
from streakline.report import achievement_json, report_json
from streakline.sites import Plan, Reader, Tree

if TYPE_CHECKING:
    from streakline.achievements import Achievement
    from streakline.config import Settings, Ssg
    from streakline.report import Report
    from streakline.rules import PostRecord

NO_POSTS = "no posts yet"
DATA_SCHEMA = 1

_NAMES: dict[Ssg, str] = {
    "hugo": "Hugo", "jekyll": "Jekyll", "eleventy": "Eleventy", "mkdocs": "MkDocs", "zola": "Zola",
}  # fmt: skip
# (data file, svg, shields, partial) under the site root (Hugo, Zola, Jekyll) or the folder
# pages are keyed from (Eleventy's input, MkDocs' docs_dir).
_PATHS: dict[Ssg, tuple[str, str, str, str]] = {
    "hugo": ("data/streakline.json", "static/streakline.svg", "static/streakline-shields.json",
             "layouts/partials/streakline-footer.html"),
    "zola": ("data/streakline.json", "static/streakline.svg", "static/streakline-shields.json",
             "templates/partials/streakline-footer.html"),
    "jekyll": ("_data/streakline.json", "assets/streakline.svg", "assets/streakline-shields.json",
               "_includes/streakline-footer.html"),
    "eleventy": ("_data/streakline.json", "assets/streakline.svg",
                 "assets/streakline-shields.json", "_includes/streakline-footer.html"),
    "mkdocs": ("assets/streakline.json", "assets/streakline.svg",
               "assets/streakline-shields.json", "assets/streakline-footer.html"),
}  # fmt: skip
_DOCS_DIR = re.compile(r"""(?m)^docs_dir\s*:\s*["']?([^"'\s#]+)""")  # in mkdocs.yml
# Characters that reorder text around them (Trojan Source) or end a JavaScript line: kept
# as escapes in what we write, so a file reads in an editor as it parses.
_INVISIBLE = re.compile("[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same characters encoded in UTF-8, for JSON written as bytes.
_INVISIBLE_UTF8 = re.compile(rb"\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


@dataclass(frozen=True)
class Site:
    """A generator's site in the repo: its root, and the folder its page keys start from."""

    ssg: Ssg
    root: str  # "" or "blog/"
    pages: str  # content/ (Hugo, Zola), the root (Jekyll), the input or docs folder

    @property
    def outputs(self) -> str:
        """The folder the generator's data, static and template folders are in."""
        return self.root if self.ssg in ("hugo", "zola", "jekyll") else self.pages


@dataclass(frozen=True)
class Layout:
    """Where the four files go, from the repo root, and how the site serves the badge."""

    svg: str
    shields: str
    json: str
    html: str
    site: Site | None = None

    @property
    def svg_url(self) -> str:
        served = self.svg
        if self.site is not None:
            served = served.removeprefix(self.site.outputs)
        return "/" + served.removeprefix("static/")


def find_site(tracked: Iterable[str], read: Reader, ssg: Ssg) -> Site | None:
    """The generator's site as detection finds it: at the repo root or in one subfolder."""
    from streakline.detect import site_roots
    from streakline.generators import (
        find_eleventy,
        find_hugo,
        find_jekyll,
        find_mkdocs,
        find_zola,
    )

    finder: Callable[[Tree, str], Plan | None] = {
        "hugo": find_hugo,
        "jekyll": find_jekyll,
        "eleventy": find_eleventy,
        "mkdocs": find_mkdocs,
        "zola": find_zola,
    }[ssg]
    tree = Tree(tracked, read)
    for root in site_roots(tree):
        plan = finder(tree, root)
        if plan is not None:
            return Site(ssg, plan.root, plan.scope)
    if ssg == "mkdocs":
        # Named by --ssg, an MkDocs site needs no blog plugin to be one: its posts are what
        # the config says, its pages are keyed from docs_dir all the same.
        for root in site_roots(tree):
            config = tree.first(root, ("mkdocs.yml", "mkdocs.yaml"))
            if config is not None:
                found = _DOCS_DIR.search(tree.text(config) or "")
                docs = found.group(1).strip("./") if found else "docs"
                return Site(ssg, root, f"{root}{docs}/" if docs else root)
    return None


def site_name(ssg: Ssg) -> str:
    return _NAMES[ssg]


def layout_for(settings: Settings, site: Site | None) -> Layout:
    if site is None:
        out = settings.outputs
        return Layout(out.svg, out.shields, out.json, out.html)
    data, svg, shields, html = _PATHS[site.ssg]
    base = site.outputs
    return Layout(base + svg, base + shields, base + data, base + html, site)


def page_key(path: str, site: Site | None) -> str | None:
    """The post's key as the generator names its page; None when it has no page there."""
    if site is None:
        return path
    if not path.startswith(site.pages):
        return None
    if site.ssg == "eleventy":
        # Eleventy's `page.inputPath` runs from the project folder, input folder included.
        return f"./{path.removeprefix(site.root)}"
    return path[len(site.pages) :]


def section_of(path: str, settings: Settings, site: Site | None) -> str:
    """The page's section: the first folder of its page under the generator's content root.

    Folders the generator keeps to itself (Jekyll's `_posts`) are not sections. Without a
    generator, the first folder below the fixed start of the post's glob.
    """
    if site is None:
        folder = settings.category_folder(path)
    else:
        first, sep, _ = path.removeprefix(site.pages).partition("/")
        folder = first if sep and not first.startswith("_") else ""
    return f"/{folder}" if folder else ""


def _json_bytes(data: object) -> bytes:
    """`json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)` as UTF-8, with the
    invisible characters escaped.

    orjson writes those same bytes some twenty times faster: the data file of a blog with
    thousands of posts is written on every commit by the pre-commit hook.
    """
    try:
        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
    except orjson.JSONEncodeError:
        # A path git could not decode holds lone surrogates: not UTF-8, so they become "?".
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        raw = text.encode("utf-8", "replace")
    return _INVISIBLE_UTF8.sub(lambda m: f"\\u{ord(m.group().decode()):04x}".encode(), raw)


def _html_text(text: str) -> str:
    escaped = escape(text, quote=True)
    return _INVISIBLE.sub(lambda m: f"&#x{ord(m.group()):x};", escaped)


def _post_entry(
    post: PostRecord,
    report: Report,
    settings: Settings,
    site: Site | None,
    footer: str,
    achievements: Sequence[Achievement],
) -> dict[str, object]:
    assert post.published is not None
    section = section_of(post.path, settings, site)
    tags = "".join(f"#{tag}" for tag in post.tags)
    # A post with neither a section nor tags has no header: a lone arrow says nothing.
    header = " ".join(part for part in ("←", section, tags) if part) if section or tags else ""
    return {
        "path": post.path,
        "title": post.title,
        "published": post.published.isoformat(),
        "section": section,
        "tags": list(post.tags),
        "header": header,
        "status_line": (
            f"NORMAL {report.branch} ~/{report.site}/{post.path} · {footer} {post.encoding}"
        ),
        "encoding": post.encoding,
        "achievements": [achievement_json(a, path=False) for a in achievements],
    }


def render_partial(footer: str, svg_url: str, size: tuple[int, int], site: str) -> str:
    """The footer as HTML: the badge as an image, then its text for readers without images."""
    width, height = size
    text = _html_text(footer)
    return (
        f'<div class="streakline" data-site="{_html_text(site)}">\n'
        f'  <img src="{_html_text(svg_url)}" width="{width}" height="{height}" alt="{text}">\n'
        f'  <span class="streakline-text">{text}</span>\n'
        "</div>\n"
    )


def build_files(
    report: Report, posts: Sequence[PostRecord], settings: Settings, site: Site | None
) -> list[OutputFile]:
    """The badge, shields JSON, site data file and HTML partial, in that order."""
    from streakline.render.badge import (
        badge_color,
        badge_size,
        render_badge,
        render_shields_json,
    )

    label, message = _footer_texts(report)
    color = badge_color(report.streaks.current.status)
    layout = layout_for(settings, site)
    stats = report_json(report)
    stats["repo"] = {**_dict(stats["repo"]), "head": None}
    crossed: dict[int, list[Achievement]] = {}
    for achievement in report.achievements:
        crossed.setdefault(achievement.lineage_id, []).append(achievement)
    entries = {}
    for post in posts:
        key = page_key(post.path, site)
        if post.status == PostStatus.PUBLISHED and post.published is not None and key is not None:
            mine = crossed.get(post.lineage_id, [])
            entries[key] = _post_entry(post, report, settings, site, message, mine)
    data = {
        "schema": DATA_SCHEMA,
        "stats": stats,
        "footer": message,
        "streak": report.badges.streak,
        "est": report.badges.est,
        "status": report.streaks.current.status,
        "posts": entries,
    }
    partial = render_partial(message, layout.svg_url, badge_size(label, message), report.site)
    return [
        OutputFile(
            layout.svg, render_badge(label, message, color=color).encode("utf-8", "replace")
        ),
        OutputFile(
            layout.shields,
            render_shields_json(label, message, color).encode("utf-8", "replace"),
        ),
        OutputFile(layout.json, _json_bytes(data)),
        OutputFile(layout.html, partial.encode("utf-8", "replace")),
    ]


def _footer_texts(report: Report) -> tuple[str, str]:
    from streakline.render.badge import badge_texts

    if report.totals.posts == 0:
        return "", NO_POSTS
    return badge_texts(report, "footer")


def _dict(value: object) -> dict[str, object]:
    assert isinstance(value, dict)
    return value
