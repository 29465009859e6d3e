"""SPEC 4: front matter that does not parse is read line by line, with one warning."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from streakline.frontmatter import parse_post


@dataclass(frozen=True)
class Read:
    title: str
    date: str | None
    draft: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    words: int
    readable: bool
    warnings: list[str]


def read(text: str, path: str = "posts/note.md") -> Read:
    fields, warnings = parse_post(text.encode("utf-8"), path)
    assert fields is not None
    return Read(
        fields.title,
        fields.date,
        fields.draft,
        fields.tags,
        fields.categories,
        fields.words,
        fields.readable,
        warnings,
    )


BROKEN = "front matter does not parse: "
LINE_BY_LINE = "; read line by line"
NOTHING = "; nothing could be read from it"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "---\ntitle: New Library: clj-reload\npublished: 2024-05-01\n"
            "tags: [clojure, tools]\n---\nBody words.\n",
            Read(
                "New Library: clj-reload",
                "2024-05-01",
                False,
                ("clojure", "tools"),
                (),
                2,
                True,
                [BROKEN + "mapping values are not allowed in this context (line 2)" + LINE_BY_LINE],
            ),
            id="yaml-colon-in-title",
        ),
        pytest.param(
            "---\ntitle: 'It''s: quoted'\ndate: 2024-01-02 10:00 +0100\ndraft: yes\n"
            "categories:\n  - code\n  - 'life'\ntags: a, b\nbad: [\n---\n",
            Read(
                "It's: quoted",
                "2024-01-02 10:00 +0100",
                True,
                ("a", "b"),
                ("code", "life"),
                0,
                True,
                [BROKEN + "did not find expected node content (line 10)" + LINE_BY_LINE],
            ),
            id="yaml-lists-and-quotes",
        ),
        pytest.param(
            "---\ntitle: >\n  Folded: title\n  on two lines\nstatus: hidden\n"
            "taxonomies:\n  tags:\n    - zola\n  categories: [web]\nx: [\n---\n",
            Read(
                "Folded: title on two lines",
                None,
                True,
                ("zola",),
                ("web",),
                0,
                True,
                [BROKEN + "did not find expected node content (line 11)" + LINE_BY_LINE],
            ),
            id="yaml-folded-and-taxonomies",
        ),
        pytest.param(
            '+++\ntitle = "Missing quote\ndraft = true\n+++\nBody.\n',
            Read(
                "Missing quote",
                None,
                True,
                (),
                (),
                1,
                True,
                [BROKEN + "Illegal character '\\n' (at line 2, column 23)" + LINE_BY_LINE],
            ),
            id="toml-missing-quote",
        ),
        pytest.param(
            '+++\ntitle = "Arrays"\ndate = 2024-03-01\ntags = [\n  "a",\n  "b",\n]\n'
            'oops = \n[taxonomies]\ncategories = ["c"]\n[params]\ntitle = "not this"\n+++\n',
            Read(
                "Arrays",
                "2024-03-01",
                False,
                ("a", "b"),
                ("c",),
                0,
                True,
                [BROKEN + "Invalid value (at line 8, column 8)" + LINE_BY_LINE],
            ),
            id="toml-arrays-and-tables",
        ),
        pytest.param(
            '{\n  "title": "Trailing comma",\n  "tags": ["a", "b"],\n  "draft": true,\n}\n'
            "Body here.\n",
            Read(
                "Trailing comma",
                None,
                True,
                ("a", "b"),
                (),
                2,
                True,
                [
                    BROKEN
                    + "Expecting property name enclosed in double quotes (line 5)"
                    + LINE_BY_LINE
                ],
            ),
            id="json-trailing-comma",
        ),
        pytest.param(
            '{"title": "One line" "date": "2024-03-01"}\nBody.\n',
            Read(
                "One line",
                "2024-03-01",
                False,
                (),
                (),
                1,
                True,
                [BROKEN + "Expecting ',' delimiter (line 1)" + LINE_BY_LINE],
            ),
            id="json-one-line",
        ),
    ],
)
def test_broken_front_matter_is_read_line_by_line(text: str, expected: Read) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "---\ntitle: Never closed\ndraft: true\ntags:\n- a\n\n# Heading\nText.\n",
            Read(
                "Never closed",
                "2024-05-06",
                True,
                ("a",),
                (),
                2,
                True,
                [BROKEN + "no closing '---' line" + LINE_BY_LINE],
            ),
            id="yaml",
        ),
        pytest.param(
            "+++\ntitle = 'Never closed'\ndate = 2024-03-01\n# Heading\nText.\n",
            Read(
                "Never closed",
                "2024-03-01",
                False,
                (),
                (),
                2,
                True,
                [BROKEN + "no closing '+++' line" + LINE_BY_LINE],
            ),
            id="toml-ends-at-a-heading",
        ),
        pytest.param(
            "---\nA thematic break, then prose.\n",
            Read(
                "2024-05-06-broken",
                "2024-05-06",
                False,
                (),
                (),
                5,
                False,
                [BROKEN + "no closing '---' line" + NOTHING],
            ),
            id="no-key-lines",
        ),
    ],
)
def test_front_matter_never_closed(text: str, expected: Read) -> None:
    assert read(text, "posts/2024-05-06-broken.md") == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [oops\n---\n# Heading\n", "did not find expected ',' or ']' (line 3)"),
        ("---\n- a list\n---\n# Heading\n", "it is not a mapping of keys"),
        ("---\njust text\n---\n# Heading\n", "it is not a mapping of keys"),
        (
            "---\nlayout: post\nx: [\n---\n# Heading\n",
            "did not find expected node content (line 4)",
        ),
        (
            "---\ntitle: ''\ntags:\nx: [\n---\n# Heading\n",
            "did not find expected node content (line 5)",
        ),
        ('+++\nlayout = "x\n+++\n# Heading\n', "Illegal character '\\n' (at line 2, column 12)"),
        ('{"title": }\n# Heading\n', "Expecting value (line 1)"),
    ],
)
def test_front_matter_with_nothing_to_read_is_unreadable(text: str, reason: str) -> None:
    assert read(text, "posts/2024-05-06-broken.md") == Read(
        "Heading", "2024-05-06", False, (), (), 1, False, [BROKEN + reason + NOTHING]
    )


@pytest.mark.parametrize(
    "text",
    [
        "---\n---\n# Heading\n",
        "---\nlayout: post\n---\n# Heading\n",
        "+++\n+++\n# Heading\n",
        "{}\n# Heading\n",
        "# Heading\n",
    ],
)
def test_front_matter_that_parses_is_readable_even_when_it_says_nothing(text: str) -> None:
    assert read(text, "posts/2024-05-06-fine.md") == Read(
        "Heading", "2024-05-06", False, (), (), 1, True, []
    )


def test_recovered_dates_are_still_checked() -> None:
    assert read("---\ntitle: a: b\ndate: 2024-02-30\n---\n") == Read(
        "a: b",
        None,
        False,
        (),
        (),
        0,
        True,
        [
            BROKEN + "mapping values are not allowed in this context (line 2)" + LINE_BY_LINE,
            "impossible date '2024-02-30' ignored",
        ],
    )


def test_recovery_applies_to_front_matter_of_every_format() -> None:
    text = "---\ntitle: Org: recovered\n---\n#+TITLE: Not this\nText.\n"
    assert read(text, "posts/a.org") == Read(
        "Org: recovered",
        None,
        False,
        (),
        (),
        1,
        True,
        [BROKEN + "mapping values are not allowed in this context (line 2)" + LINE_BY_LINE],
    )
