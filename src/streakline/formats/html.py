"""HTML posts, as Jekyll and Hugo take them with or without front matter (SPEC 4)."""

from __future__ import annotations

import html
import re

from streakline.formats import Page

# Parts that hold no prose: comments, scripts, styles, the head, preformatted code, and
# Liquid/Go template code blocks.
_DROPPED = re.compile(
    r"<!--.*?-->|<(script|style|head|pre)\b.*?</\1\s*>"
    r"|\{%-?\s*highlight\b.*?\{%-?\s*endhighlight\s*-?%\}",
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<[A-Za-z/!?][^>]*>|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_TITLE = re.compile(r"<(h1|title)\b[^>]*>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)


def read_html(text: str) -> Page:
    """Words outside tags, entities decoded; the title is the first `<h1>`, else `<title>`."""
    title = None
    found = {m[1].lower(): m[2] for m in reversed(list(_TITLE.finditer(text)))}
    for name in ("h1", "title"):
        if name in found:
            title = " ".join(html.unescape(_TAG.sub(" ", found[name])).split()) or None
            if title:
                break
    body = _DROPPED.sub(" ", text)
    body = html.unescape(_TAG.sub(" ", body))
    return Page(None, title, body.split("\n"))
