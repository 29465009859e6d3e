"""The MkDocs plugin: each post page gets its header, achievements and status line, and every
page gets the badge in its footer, all read from the files `streakline export --ssg mkdocs`
wrote under docs_dir.

It reads those files only, never git or the database, so a site build stays as fast and as
reproducible as the files it is given. Nothing here fails a build: a page that is not a post
is left as it is, and a missing or unreadable data file is one warning, after which the site
builds as if the plugin were not there.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import LegacyConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = get_plugin_logger(__name__)

DATA_NAME = "streakline.json"
BADGE_NAME = "streakline.svg"
# The badge's own size, from its root element: `<img>` states it so the page does not jump.
_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="(\d+)"[^>]*?\bheight="(\d+)"')


class Site:
    """What one build shows: the posts by their path in docs_dir, and the footer badge."""

    def __init__(self, posts: dict[str, dict[str, Any]], badge: Badge | None) -> None:
        self.posts = posts
        self.badge = badge


class Badge:
    def __init__(self, uri: str, width: int, height: int, text: str) -> None:
        self.uri = uri  # from the site root, as MkDocs copies it out of docs_dir
        self.width = width
        self.height = height
        self.text = text

    def html(self, page_url: str) -> str:
        src = get_relative_url(self.uri, page_url)
        text = escape(self.text)
        return (
            f'<div class="streakline"><img src="{escape(src)}" width="{self.width}"'
            f' height="{self.height}" alt="{text}"></div>'
        )


class StreaklinePlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]
    # A plain schema: a typed `Config` cannot have an option named `data`, the name of the
    # dict it keeps its values in. `data` is from the folder of mkdocs.yml; by default, the
    # file export writes in docs_dir.
    config_scheme = (("data", config_options.Optional(config_options.Type(str))),)

    def __init__(self) -> None:
        self.site: Site | None = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Read once per build (each rebuild of `mkdocs serve` too), never once per page.
        self.site = load_site(data_path(self.config["data"], config), Path(config.docs_dir))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        post = self.site.posts.get(page.file.src_uri) if self.site else None
        if post is None:
            return html
        return render_header(post) + html + render_footer_lines(post)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.site is None or self.site.badge is None:
            return output
        return insert_in_footer(output, self.site.badge.html(page.url))


def data_path(option: str | None, config: MkDocsConfig) -> Path:
    if option is None:
        return Path(config.docs_dir) / DATA_NAME
    return Path(config.config_file_path).parent / option


def load_site(path: Path, docs_dir: Path) -> Site | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning(f"{path} not found: run `streakline export --ssg mkdocs` to write it")
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning(f"{path} cannot be read ({exc}): run `streakline export --ssg mkdocs` again")
        return None
    posts = data.get("posts") if isinstance(data, dict) else None
    if not isinstance(posts, dict):
        log.warning(f"{path} is not a streakline data file: it has no `posts`")
        return None
    shown = {key: post for key, post in posts.items() if isinstance(post, dict)}
    return Site(shown, load_badge(path.parent / BADGE_NAME, docs_dir, data.get("footer")))


def load_badge(svg: Path, docs_dir: Path, text: object) -> Badge | None:
    try:
        uri = svg.resolve().relative_to(docs_dir.resolve()).as_posix()
        found = _SIZE.search(svg.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # no badge was exported, or it lies outside what MkDocs publishes
    if found is None:
        return None
    width, height = int(found.group(1)), int(found.group(2))
    return Badge(uri, width, height, text if isinstance(text, str) else "")


def render_header(post: dict[str, Any]) -> str:
    return f'<p class="streakline-header">{escape(str(post.get("header", "")))}</p>\n'


def render_footer_lines(post: dict[str, Any]) -> str:
    lines = [
        f'<p class="streakline-achievement">★ Achievement: {escape(str(item["title"]))}</p>'
        for item in post.get("achievements") or []
        if isinstance(item, dict) and "title" in item
    ]
    lines.append(f'<p class="streakline-status">{escape(str(post.get("status_line", "")))}</p>')
    return "\n" + "\n".join(lines) + "\n"


def insert_in_footer(page_html: str, badge_html: str) -> str:
    """The badge goes at the end of the theme's footer, else at the end of the body."""
    for closing in ("</footer>", "</body>"):
        at = page_html.rfind(closing)
        if at != -1:
            return page_html[:at] + badge_html + "\n" + page_html[at:]
    return page_html + badge_html
