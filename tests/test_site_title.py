"""The site's name from its generator's config (sites.site_title), and [goal] in settings."""

from __future__ import annotations

import pytest

from streakline.config import Goal, settings_from_dict, settings_to_dict
from streakline.detect import site_roots
from streakline.errors import ConfigError
from streakline.sites import Tree, site_title


def title_of(files: dict[str, str]) -> str | None:
    tree = Tree(files, lambda path: files[path].encode())
    return next((t for root in site_roots(tree) if (t := site_title(tree, root))), None)


MKDOCS = """\
site_name: "Ada's field notes"  # shown in the header
theme:
  name: material
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


@pytest.mark.parametrize(
    ("files", "title"),
    [
        ({"hugo.toml": 'title = "Notes from the Shed"\n'}, "Notes from the Shed"),
        ({"hugo.yaml": "Title: Capitalised Key\n"}, "Capitalised Key"),
        ({"config/_default/hugo.toml": 'title = "Split config"\n'}, "Split config"),
        # Zola, and Hugo's older name for its config.
        ({"config.toml": 'base_url = "https://x.org"\ntitle = "Zola site"\n'}, "Zola site"),
        ({"_config.yml": "title: Jekyll Now\ndescription: a blog\n"}, "Jekyll Now"),
        ({"mkdocs.yml": MKDOCS}, "Ada's field notes"),
        ({"pelicanconf.py": "AUTHOR = 'Ada'\nSITENAME = \"Ada's Lab Book\"\n"}, "Ada's Lab Book"),
        ({"pelicanconf.py": "SITENAME = u'Old style'\n"}, "Old style"),
        ({"conf.py": 'BLOG_TITLE = "A Nikola blog"\nPOSTS = ()\n'}, "A Nikola blog"),
        # A site in a subfolder; the repo root is tried first.
        ({"blog/_config.yml": "title: In a folder\n", "README.md": "# x\n"}, "In a folder"),
        ({"_config.yml": "title: Root\n", "v2/hugo.toml": 'title = "New"\n'}, "Root"),
        # Hugo's config before a Jekyll `_config.yml` left for GitHub Pages.
        ({"hugo.toml": 'title = "Hugo"\n', "_config.yml": "title: Pages\n"}, "Hugo"),
        # No title, an empty one, one that is not text, a config that does not parse.
        ({"hugo.toml": 'baseURL = "https://x.org"\n'}, None),
        ({"_config.yml": "title: ''\n"}, None),
        ({"hugo.toml": "title = 5\n"}, None),
        ({"hugo.toml": "title = [broken\n"}, None),
        ({"_config.yml": "title:\n  - a\n  - b\n"}, None),
        # Blanks and line breaks inside a title are one space each.
        ({"_config.yml": "title: >\n  Folded\n  title\n"}, "Folded title"),
        ({"posts/a.md": "# A\n"}, None),
    ],
)
def test_site_title(files: dict[str, str], title: str | None) -> None:
    assert title_of(files) == title


@pytest.mark.parametrize(
    ("data", "goal"),
    [
        ({}, Goal()),
        ({"goal": {"posts": 52}}, Goal(posts=52)),
        ({"goal": {"words": 100_000, "posts": 12}}, Goal(posts=12, words=100_000)),
    ],
)
def test_goal_setting(data: dict[str, object], goal: Goal) -> None:
    settings = settings_from_dict(data)

    assert settings.goal == goal
    assert settings_from_dict(settings_to_dict(settings)).goal == goal


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"goal": 52}, "[goal] must be a table"),
        ({"goal": {"posts": 0}}, "goal.posts must be a whole number of at least 1"),
        ({"goal": {"words": "lots"}}, "goal.words must be a whole number of at least 1"),
        ({"goal": {"pages": 3}}, "unknown key 'goal.pages'"),
    ],
)
def test_bad_goal_setting(data: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        settings_from_dict(data)
    assert str(raised.value) == f".streakline.toml: {message}"
