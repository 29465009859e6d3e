"""Template lines to paste into a site, by generator: what `export --ssg` prints last."""

from __future__ import annotations

SNIPPETS: dict[str, str] = {}
