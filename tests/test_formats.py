"""SPEC 4: post formats by file ending, bytes in, fields out."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from streakline.frontmatter import PostFields, parse_post


@dataclass(frozen=True)
class Expected:
    title: str
    date: str | None = None
    draft: bool = False
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    words: int = 0


def read(text: str, path: str) -> tuple[PostFields, list[str]]:
    fields, warnings = parse_post(text.encode("utf-8"), path)
    assert fields is not None
    return fields, warnings


def check(text: str, path: str, expected: Expected) -> PostFields:
    fields, warnings = read(text, path)
    assert warnings == []
    assert fields.readable
    got = Expected(
        fields.title, fields.date, fields.draft, fields.tags, fields.categories, fields.words
    )
    assert got == expected
    return fields


PELICAN = """\
Title: My super title
Date: 2010-12-03 10:20
Modified: 2010-12-05 19:30
Category: Machine Learning
Tags: thats, awesome stuff
Slug: my-super-post
Authors: Alexis Metaireau, Conan Doyle
Summary: Short version for index and feeds

This is the content of my super blog post.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            PELICAN,
            Expected(
                "My super title",
                "2010-12-03 10:20",
                tags=("thats", "awesome stuff"),
                categories=("Machine Learning",),
                words=9,
            ),
            id="pelican",
        ),
        pytest.param(
            "title: Lower case keys\ndate: 2024-03-01\nstatus: draft\n\nTwo words.\n",
            Expected("Lower case keys", "2024-03-01", draft=True, words=2),
            id="lower-case-draft",
        ),
        pytest.param(
            "Title: MultiMarkdown\nBase Header Level: 2\nDate: 2024-03-01\n\nBody.\n",
            Expected("MultiMarkdown", "2024-03-01", words=1),
            id="multimarkdown-key-with-spaces",
        ),
        pytest.param(
            "Title: Wrapped\nSummary: a summary that\n    goes on\nDate: 2024-03-01",
            Expected("Wrapped", "2024-03-01", words=0),
            id="continuation-and-no-body",
        ),
        pytest.param(
            "Title: Status published\nStatus: published\n\n# Heading\n",
            Expected("Status published", words=1),
            id="published-status",
        ),
        pytest.param(
            "Note: this is prose, not a header.\n\nMore prose.\n",
            Expected("note", words=9),
            id="prose-with-a-colon",
        ),
        pytest.param(
            "Title: almost\nthen a line of prose\n\n# Heading\n",
            Expected("Heading", words=8),
            id="not-every-line-a-header",
        ),
        pytest.param(
            "Date: we met at noon.\n\n# Heading\n",
            Expected("Heading", words=6),
            id="date-prose",
        ),
        pytest.param(
            "Date: 2024-03-01\n\n# Heading\n",
            Expected("Heading", "2024-03-01", words=1),
            id="date-alone",
        ),
        pytest.param(
            "date: 2024-03-05\nheadline: notes\n---\n# Notes #19\n\nTwo words.\n",
            Expected("Notes #19", "2024-03-05", words=4),
            id="meta-data-ended-by-a-rule",
        ),
        pytest.param(
            "Tags: a, b\n\n# Heading\n",
            Expected("Heading", words=4),
            id="no-title-or-date-key",
        ),
    ],
)
def test_pelican_and_multimarkdown_header_lines(text: str, expected: Expected) -> None:
    check(text, "posts/note.md", expected)


def test_header_lines_are_not_read_after_front_matter() -> None:
    fields = check(
        "---\ntitle: Front\n---\nTitle: Body line\n\nText.\n",
        "posts/note.md",
        Expected("Front", words=4),
    )
    assert fields.body_lines == ("Title: Body line", "", "Text.", "")


def test_header_line_dates_are_checked() -> None:
    fields, warnings = read("Title: Bad date\nDate: 2024-02-30\n\nBody.\n", "posts/note.md")
    assert (fields.title, fields.date) == ("Bad date", None)
    assert warnings == ["impossible date '2024-02-30' ignored"]


RST_PELICAN = """\
My super title
##############

:date: 2010-10-03 10:20
:modified: 2010-10-04 18:40
:tags: thats, awesome stuff
:category: yeah
:slug: my-super-post
:status: draft

Hello there, see `the docs <https://example.org/docs>`_ and :ref:`this part`.

.. code-block:: python

   print("not counted")

.. note:: Notes are prose,
   both lines.

.. This whole comment
   is left out.

Example::

    literal code is left out

Sub section
-----------

Last words.
"""

RST_NIKOLA = """\
.. title: How to make money
.. slug: how-to-make-money
.. date: 2012-09-15 19:52:05 UTC+02:00
.. tags: money, tips
.. description:

=======
 Money
=======

Text of the post.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RST_PELICAN,
            Expected(
                "My super title",
                "2010-10-03 10:20",
                draft=True,
                tags=("thats", "awesome stuff"),
                categories=("yeah",),
                # title 3, hello line 8, note 5, "Example" 1, sub section 2, last words 2
                words=21,
            ),
            id="pelican",
        ),
        pytest.param(
            RST_NIKOLA,
            Expected(
                "How to make money",
                "2012-09-15 19:52:05 UTC+02:00",
                tags=("money", "tips"),
                words=5,
            ),
            id="nikola",
        ),
        pytest.param(
            "Intro before any title.\n\nFirst\n=====\n\nText.\n",
            Expected("First", words=6),
            id="title-after-a-paragraph",
        ),
        pytest.param(
            ":title: Field title\n\nHi\n==\n\nText.\n",
            Expected("Field title", words=2),
            id="title-field-wins",
        ),
        pytest.param(
            "Too short\n==\n\nText.\n",
            Expected("post", words=3),
            id="short-underline-is-no-title",
        ),
        pytest.param(
            "---\ntitle: Front matter\ndate: 2024-03-01\n---\nHeading\n=======\n\nText.\n",
            Expected("Front matter", "2024-03-01", words=2),
            id="yaml-front-matter",
        ),
    ],
)
def test_restructuredtext(text: str, expected: Expected) -> None:
    check(text, "posts/post.rst", expected)


def test_restructuredtext_counted_lines() -> None:
    fields = check(
        "Title\n=====\n\n:tags: a\n\nProse :code:`x` here::\n\n    code\n\nEnd.\n",
        "posts/post.rst",
        Expected("Title", tags=("a",), words=5),
    )
    assert fields.body_lines == ("Title", "", "", "Prose `x` here::", "", "End.", "")


ASCIIDOC = """\
= My AsciiDoc Post
Ada Lovelace <ada@example.org>
v1.0, 2024-03-01: First edition
:page-tags: [asciidoc, notes]
:page-categories: writing
:toc:

Intro paragraph here.

// a comment line
[source,python]
----
print("not counted")
----

image::picture.png[A picture]

////
A comment block.
////

.An example
====
Example words.
====

....
literal block
....
"""
ASCIIDOC_FIELDS = Expected(
    "My AsciiDoc Post",
    "2024-03-01",
    tags=("asciidoc", "notes"),
    categories=("writing",),
    words=10,  # title 3, intro 3, ".An example" 2, example words 2
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(ASCIIDOC, ASCIIDOC_FIELDS, id="header"),
        pytest.param(
            "= Dates\n:revdate: 2024-04-01\n:date: 2024-04-02\n:page-draft:\n\nWords.\n",
            Expected("Dates", "2024-04-02", draft=True, words=2),
            id="date-before-revdate-and-empty-draft",
        ),
        pytest.param(
            "= Revdate\n:revdate: 2024-04-01\n:tags: a, b c\n:draft: false\n\nWords.\n",
            Expected("Revdate", "2024-04-01", tags=("a", "b c"), words=2),
            id="revdate",
        ),
        pytest.param(
            "== Only a section\n\nWords here.\n",
            Expected("post", words=5),
            id="no-document-title",
        ),
        pytest.param(
            "---\ntitle: YAML on top\ntags: [x]\n---\n= Doc title\n\nWords.\n",
            Expected("YAML on top", tags=("x",), words=3),
            id="yaml-front-matter",
        ),
        pytest.param(
            "= Body attributes\n\nText.\n\n:tags: late\n",
            Expected("Body attributes", words=3),
            id="attributes-after-the-header-are-not-metadata",
        ),
    ],
)
def test_asciidoc(text: str, expected: Expected) -> None:
    check(text, "posts/post.adoc", expected)


def test_asciidoc_counted_lines() -> None:
    fields = check(ASCIIDOC, "posts/post.asciidoc", ASCIIDOC_FIELDS)
    assert [line for line in fields.body_lines if line.strip()] == [
        "= My AsciiDoc Post",
        "Intro paragraph here.",
        ".An example",
        "Example words.",
    ]


ORG = """\
#+TITLE: Org Post
#+DATE: <2024-03-01 Fri>
#+FILETAGS: :emacs:org:
#+HUGO_TAGS: hugo "org mode"
#+hugo_categories: code
#+HUGO_DRAFT: true

* TODO First heading :tag:
  :PROPERTIES:
  :ID: 1234
  :END:
  CLOSED: [2024-03-02 Sat 10:00]
Some words here.
# a comment
#+BEGIN_SRC python
print("not counted")
#+END_SRC
#+begin_quote
Quoted words.
#+end_quote
: fixed width
"""
ORG_FIELDS = Expected(
    "Org Post",
    "2024-03-01",
    draft=True,
    tags=("emacs", "org", "hugo", "org mode"),
    categories=("code",),
    words=7,  # heading 2, some words 3, quoted 2
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(ORG, ORG_FIELDS, id="ox-hugo"),
        pytest.param(
            "#+title: Lower\n#+date: [2024-03-01 Fri 10:30]\n#+TAGS: @work(w) { a b }\n\nText.\n",
            Expected("Lower", "2024-03-01 10:30", tags=("@work", "a", "b"), words=1),
            id="inactive-timestamp-and-tags-keyword",
        ),
        pytest.param(
            "#+DATE: 2024-03-01\n#+DRAFT: true\n\n* DONE [#A] Headline title :x:y:\nText.\n",
            Expected("Headline title", "2024-03-01", draft=True, words=3),
            id="title-from-first-headline",
        ),
        pytest.param("Just text.\n", Expected("post", words=2), id="nothing-but-text"),
        pytest.param(
            '+++\ntitle = "TOML on top"\n+++\n#+TITLE: Ignored\nText.\n',
            Expected("TOML on top", words=1),
            id="toml-front-matter",
        ),
    ],
)
def test_org(text: str, expected: Expected) -> None:
    check(text, "posts/post.org", expected)


def test_org_counted_lines() -> None:
    fields = check(ORG, "posts/post.org", ORG_FIELDS)
    assert [line for line in fields.body_lines if line.strip()] == [
        "First heading",
        "Some words here.",
        "Quoted words.",
    ]


def test_org_date_that_is_no_timestamp_warns() -> None:
    fields, warnings = read("#+TITLE: T\n#+DATE: someday\n", "posts/post.org")
    assert fields.date is None
    assert warnings == ["unreadable date 'someday' ignored"]


MDX = """\
---
title: MDX post
tags: [react]
---
import { Chart } from '../components/chart'
export const meta = {
  author: 'Ada',
}

# Heading

Some <Chart data={points} /> words {/* not counted */} here.

<Note kind="tip">
Inside the note.
</Note>

```jsx
<Code />
```
"""


@pytest.mark.parametrize(
    ("text", "path", "expected"),
    [
        pytest.param(MDX, "posts/a.mdx", Expected("MDX post", tags=("react",), words=7), id="mdx"),
        pytest.param(
            "import X from 'x'\n\n# From heading\n\n<X>\nText.\n</X>\n",
            "posts/a.mdx",
            Expected("From heading", words=3),
            id="mdx-heading",
        ),
        pytest.param(
            "Export the data: it is prose.\n",
            "posts/export.mdx",
            Expected("export", words=6),
            id="mdx-prose-starting-with-export",
        ),
        pytest.param(
            "---\ntitle: Jekyll HTML\ndate: 2024-03-01\n---\n<p>Hello &amp; welcome, "
            "{{ site.name }}</p>\n<script>var notCounted = 1;</script>\n<!-- hidden -->\n"
            "<pre><code>not counted</code></pre>\n{% highlight ruby %}\nputs 1\n"
            "{% endhighlight %}\n<p>Caf&eacute;</p>\n",
            "posts/a.html",
            Expected("Jekyll HTML", "2024-03-01", words=3),
            id="html-front-matter",
        ),
        pytest.param(
            "<html><head><title>Page title</title></head>\n<body>\n<h1>Big <em>Head</em></h1>"
            "\n<p>Two words.</p>\n</body></html>\n",
            "posts/a.htm",
            Expected("Big Head", words=4),
            id="html-h1",
        ),
        pytest.param(
            "<html><head><title>Only &lt;title&gt;</title></head><p>Text.</p></html>",
            "posts/a.html",
            Expected("Only <title>", words=1),
            id="html-title",
        ),
    ],
)
def test_mdx_and_html(text: str, path: str, expected: Expected) -> None:
    check(text, path, expected)


def test_mdx_counted_lines() -> None:
    fields = check(MDX, "posts/a.mdx", Expected("MDX post", tags=("react",), words=7))
    assert [" ".join(line.split()) for line in fields.body_lines if line.strip()] == [
        "# Heading",
        "Some words here.",
        "Inside the note.",
    ]


@pytest.mark.parametrize("path", ["posts/a.rst", "posts/a.adoc", "posts/a.org", "posts/a.html"])
def test_other_formats_keep_the_common_rules(path: str) -> None:
    fields, warnings = parse_post(b"\xef\xbb\xbfText\r\nmore caf\xe9\r\n", path)
    assert fields is not None
    assert warnings == ["not UTF-8; decoded with replacement characters"]
    assert (fields.title, fields.words) == ("a", 3)
    assert parse_post(b"a\x00b", path) == (None, ["holds NUL bytes; skipped"])
    dated, _ = read("Text.\n", "posts/2024-03-01-hello" + path[len("posts/a") :])
    assert (dated.date, dated.title, dated.date_from_path) == (
        "2024-03-01",
        "2024-03-01-hello",
        True,
    )


@pytest.mark.parametrize(
    "path", ["posts/a.md", "posts/a.markdown", "posts/a.MD", "posts/a.txt", "README"]
)
def test_markdown_is_the_default(path: str) -> None:
    check("# Heading\n\nTitle: not a header\n", path, Expected("Heading", words=5))
