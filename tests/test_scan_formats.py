"""SPEC 4 end to end: posts in each format, and broken front matter, through `posts --json`."""

from __future__ import annotations

from collections.abc import Callable

from gitrepo import Cli, GitRepo, at, by_path

CONFIG = """\
posts = ["posts/*.md", "posts/*.rst", "posts/*.adoc", "posts/*.org"]
"""

PELICAN = """\
Title: Pelican headers
Date: 2024-03-01 10:20
Tags: python, static sites
Category: Web

Four words of prose.
"""

RST = """\
A reST post
===========

:date: 2024-03-02
:tags: docutils, rst

Five words of prose here.

.. code-block:: python

   print("code is not counted")
"""

ASCIIDOC = """\
= An AsciiDoc post
Ada <ada@example.org>
:revdate: 2024-03-03
:page-tags: [asciidoc]

Three prose words.

----
code is not counted
----
"""

ORG = """\
#+TITLE: An Org post
#+DATE: <2024-03-04 Mon>
#+FILETAGS: :emacs:org:

Two words.
#+BEGIN_SRC elisp
(not counted)
#+END_SRC
"""

BROKEN_YAML = """\
---
title: New Library: clj-reload
published: 2024-05-01
tags: [clojure, tools]
---

Announcing a library.
"""


def test_each_format_becomes_a_post(make_repo: Callable[..., GitRepo], cli: Cli) -> None:
    repo = make_repo(config=CONFIG)
    repo.write("posts/pelican.md", PELICAN)
    repo.write("posts/doc.rst", RST)
    repo.write("posts/doc.adoc", ASCIIDOC)
    repo.write("posts/notes.org", ORG)
    repo.write("posts/clj-reload.md", BROKEN_YAML)
    sha = repo.commit("Posts in five files", at(2024, 6, 1))

    run = cli.scan(repo)
    posts = by_path(cli.posts(repo, today="2024-07-01"))

    summary = {
        path: (p["title"], p["status"], p["published"], p["tags"], p["categories"], p["words"])
        for path, p in posts.items()
    }
    assert summary == {
        "posts/pelican.md": (
            "Pelican headers",
            "published",
            "2024-03-01",
            ["python", "static sites"],
            ["Web"],
            4,
        ),
        "posts/doc.rst": ("A reST post", "published", "2024-03-02", ["docutils", "rst"], [], 8),
        "posts/doc.adoc": ("An AsciiDoc post", "published", "2024-03-03", ["asciidoc"], [], 6),
        "posts/notes.org": ("An Org post", "published", "2024-03-04", ["emacs", "org"], [], 2),
        "posts/clj-reload.md": (
            "New Library: clj-reload",
            "published",
            "2024-05-01",
            ["clojure", "tools"],
            [],
            3,
        ),
    }
    assert {p["date_source"] for p in posts.values()} == {"declared"}
    assert run.warnings == [
        f"warning: posts/clj-reload.md at {sha[:10]}: front matter does not parse: mapping "
        "values are not allowed in this context (line 2); read line by line"
    ]
