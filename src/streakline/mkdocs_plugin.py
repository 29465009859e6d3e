"""The MkDocs plugin: each post page gets its header, achievements and status line, and every
page gets the footer badge, all from the files `streakline export --ssg mkdocs` wrote in
docs_dir (`assets/streakline.json` and the partial `assets/streakline-footer.html` beside it).

It reads those files only, never git or the database, so a site build stays as fast and as
reproducible as the files it is given. Nothing here fails a build: a page that is not a post
is left as it is, and a missing or unreadable data file is one warning, after which the site
builds as if the plugin were not there.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape, unescape
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

DATA_FILE = "assets/streakline.json"  # in docs_dir: where `export --ssg mkdocs` writes it
PARTIAL_NAME = "streakline-footer.html"  # beside the data file
# The badge's URL in the partial, from the site root (`/assets/streakline.svg`).
_ROOT_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")(/[^/"][^"]*)(")')


@dataclass(frozen=True)
class Site:
    """What one build shows: the posts by their path in docs_dir, and the footer partial."""

    posts: dict[str, dict[str, Any]]
    partial: str | None


class StreaklinePlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]
    # A plain schema: a typed `Config` cannot have an option named `data`, the name of the
    # dict it keeps its values in. `data` is from the folder of mkdocs.yml; by default, the
    # file export writes in docs_dir.
    config_scheme = (("data", config_options.Optional(config_options.Type(str))),)

    def __init__(self) -> None:
        self.site: Site | None = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Read once per build (each rebuild of `mkdocs serve` too), never once per page.
        self.site = load_site(data_path(self.config["data"], config))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        post = self.site.posts.get(page.file.src_uri) if self.site else None
        if post is None:
            return html
        return render_header(post) + html + render_footer_lines(post)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.site is None or self.site.partial is None:
            return output
        return insert_in_footer(output, badge_for_page(self.site.partial, page.url))


def data_path(option: str | None, config: MkDocsConfig) -> Path:
    if option is None:
        return Path(config.docs_dir) / DATA_FILE
    return Path(config.config_file_path).parent / option


def load_site(path: Path) -> Site | None:
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
    partial_path = path.with_name(PARTIAL_NAME)
    try:
        partial: str | None = partial_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        log.warning(f"{partial_path} cannot be read: the footer shows no badge")
        partial = None
    return Site(shown, partial)


def render_header(post: dict[str, Any]) -> str:
    header = str(post.get("header") or "")  # empty for a post with no section and no tags
    return f'<p class="streakline-header">{escape(header)}</p>\n' if header else ""


def render_footer_lines(post: dict[str, Any]) -> str:
    lines = [
        f'<p class="streakline-achievement">★ Achievement: {escape(str(item["title"]))}</p>'
        for item in post.get("achievements") or []
        if isinstance(item, dict) and "title" in item
    ]
    lines.append(f'<p class="streakline-status">{escape(str(post.get("status_line", "")))}</p>')
    return "\n" + "\n".join(lines) + "\n"


def badge_for_page(partial: str, page_url: str) -> str:
    """The partial with its badge URL relative to the page: a site served under a subpath (a
    GitHub Pages project site) or opened from disk finds the image all the same."""

    def relative(found: re.Match[str]) -> str:
        target = unescape(found.group(2)).lstrip("/")
        return found.group(1) + escape(get_relative_url(target, page_url)) + found.group(3)

    return _ROOT_SRC.sub(relative, partial, count=1)


def insert_in_footer(page_html: str, badge_html: str) -> str:
    """The badge goes at the end of the theme's footer, else at the end of the body."""
    for closing in ("</footer>", "</body>"):
        at = page_html.rfind(closing)
        if at != -1:
            return page_html[:at] + badge_html.rstrip("\n") + "\n" + page_html[at:]
    return page_html + badge_html
