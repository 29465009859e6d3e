"""The template lines a writer pastes into their site, one text per static site generator.

`export --ssg X` prints `SNIPPETS[X]` and README's section for X shows the same text (a test
holds them equal). Each text is three parts split by a blank line, each opened by a comment
saying where it goes: above the post's content (the section and #tags), below it
(achievements and the status line), and in the footer (the badge). Every part looks the page
up in the data file's `posts` map by the key its generator names a page with, so a page that
is not a post (the home page, a tag list, an about page) renders nothing and never fails.
MkDocs needs no template: its plugin (`streakline.mkdocs_plugin`) adds the same HTML.
"""

from __future__ import annotations

# Hugo: `.File` is nil on pages without a file (home, taxonomies), and `index` returns nil
# for a missing data file or key, so `with` skips them. `path.Clean` turns a Windows
# `.File.Path` (backslashes) into the slash form the data file's keys use. Hugo 0.156 moved
# the data files from `site.Data` to `hugo.Data` and warns about the old name; the branch
# not taken is never run, so one snippet serves Hugo before and after.
HUGO = """\
{{/* streakline: above the post's content (the section and #tags) */}}
{{ $data := dict }}{{ if ge hugo.Version "0.156.0" }}{{ $data = hugo.Data }}{{ else }}{{ $data = site.Data }}{{ end }}
{{ with .File }}{{ with index $data "streakline" "posts" (path.Clean .Path) }}{{ with .header }}
<p class="streakline-header">{{ . }}</p>
{{ end }}{{ end }}{{ end }}

{{/* streakline: below the post's content (achievements and the status line) */}}
{{ $data := dict }}{{ if ge hugo.Version "0.156.0" }}{{ $data = hugo.Data }}{{ else }}{{ $data = site.Data }}{{ end }}
{{ with .File }}{{ with index $data "streakline" "posts" (path.Clean .Path) }}
{{ range .achievements }}<p class="streakline-achievement">★ Achievement: {{ .title }}</p>
{{ end }}<p class="streakline-status">{{ .status_line }}</p>
{{ end }}{{ end }}

{{/* streakline: in the footer (the badge) */}}
{{ partial "streakline-footer.html" . }}
"""  # noqa: E501

# Jekyll's Liquid does not escape output by itself: titles and tags are the writer's text.
JEKYLL = """\
{% comment %} streakline: above the post's content (the section and #tags) {% endcomment %}
{% assign sl = site.data.streakline.posts[page.path] %}
{% if sl and sl.header != "" %}<p class="streakline-header">{{ sl.header | escape }}</p>{% endif %}

{% comment %} streakline: below the post's content (achievements and the status line) {% endcomment %}
{% assign sl = site.data.streakline.posts[page.path] %}
{% if sl %}{% for a in sl.achievements %}<p class="streakline-achievement">★ Achievement: {{ a.title | escape }}</p>
{% endfor %}<p class="streakline-status">{{ sl.status_line | escape }}</p>{% endif %}

{% comment %} streakline: in the footer (the badge) {% endcomment %}
{% include streakline-footer.html %}
"""  # noqa: E501

# Eleventy, in a Nunjucks layout (`.njk`): Eleventy's Nunjucks escapes output by itself. It
# copies only templates to the site, so the badge's image needs a passthrough copy.
ELEVENTY = """\
{# streakline: above the post's content (the section and #tags) #}
{% set sl = streakline.posts[page.inputPath] %}
{% if sl.header %}<p class="streakline-header">{{ sl.header }}</p>{% endif %}

{# streakline: below the post's content (achievements and the status line) #}
{% set sl = streakline.posts[page.inputPath] %}
{% if sl %}{% for a in sl.achievements %}<p class="streakline-achievement">★ Achievement: {{ a.title }}</p>
{% endfor %}<p class="streakline-status">{{ sl.status_line }}</p>{% endif %}

{# streakline: in the footer (the badge; copy its image with eleventyConfig.addPassthroughCopy("src/assets/streakline.svg"), your input folder for src) #}
{% include "streakline-footer.html" %}
"""  # noqa: E501

# Zola (Tera): `page` is undefined on section pages and an undefined value is false in an
# `if`; `required=false` makes a missing data file null instead of a build error.
ZOLA = """\
{# streakline: above the post's content (the section and #tags) #}
{% set sl = load_data(path="data/streakline.json", required=false) %}
{% if page and sl and sl.posts[page.relative_path] and sl.posts[page.relative_path].header %}<p class="streakline-header">{{ sl.posts[page.relative_path].header }}</p>{% endif %}

{# streakline: below the post's content (achievements and the status line) #}
{% set sl = load_data(path="data/streakline.json", required=false) %}
{% if page and sl and sl.posts[page.relative_path] %}{% set post = sl.posts[page.relative_path] %}{% for a in post.achievements %}<p class="streakline-achievement">★ Achievement: {{ a.title }}</p>
{% endfor %}<p class="streakline-status">{{ post.status_line }}</p>{% endif %}

{# streakline: in the footer (the badge) #}
{% include "partials/streakline-footer.html" %}
"""  # noqa: E501

# MkDocs: a `plugins:` list replaces the default one, so `search` is listed to keep it.
MKDOCS = """\
plugins:
  - search
  - streakline
"""

SNIPPETS: dict[str, str] = {
    "hugo": HUGO,
    "jekyll": JEKYLL,
    "eleventy": ELEVENTY,
    "mkdocs": MKDOCS,
    "zola": ZOLA,
}
