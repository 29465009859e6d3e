from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from streakline.dates import DeclaredDate, parse_date_text
from streakline.frontmatter import PostFields, parse_post

YAML_POST = "---\ntitle: Hello\ndate: 2024-03-01\ntags: [python, vim]\n---\nBody has four words.\n"
TOML_POST = (
    '+++\ntitle = "Hello"\ndate = 2024-03-01\ntags = ["python", "vim"]\n+++\nBody has four words.\n'
)
JSON_POST = (
    '{\n  "title": "Hello",\n  "date": "2024-03-01",\n  "tags": ["python", "vim"]\n}\n'
    "Body has four words.\n"
)


def parse(text: str, path: str = "posts/note.md") -> tuple[PostFields, list[str]]:
    fields, warnings = parse_post(text.encode("utf-8"), path)
    assert fields is not None
    return fields, warnings


def fields_of(text: str, path: str = "posts/note.md") -> PostFields:
    fields, warnings = parse(text, path)
    assert warnings == []
    return fields


@pytest.mark.parametrize(
    "text",
    [
        YAML_POST,
        TOML_POST,
        JSON_POST,
        YAML_POST.replace("\n---\nBody", "\n...\nBody"),
        '{"title": "Hello", "date": "2024-03-01", "tags": ["python", "vim"]}Body has four words.',
    ],
    ids=["yaml", "toml", "json", "yaml-dots", "json-same-line"],
)
def test_front_matter_formats_give_the_same_fields(text: str) -> None:
    fields = fields_of(text)
    assert (fields.title, fields.date, fields.tags, fields.words) == (
        "Hello",
        "2024-03-01",
        ("python", "vim"),
        4,
    )
    assert fields.body_lines[0] == "Body has four words."


@pytest.mark.parametrize("text", [YAML_POST, TOML_POST, JSON_POST])
@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8-sig"),
    ],
    ids=["bom", "crlf", "bom-crlf"],
)
def test_bom_and_crlf_do_not_change_the_fields(text: str, encode: Callable[[str], bytes]) -> None:
    data = encode(text)
    fields, warnings = parse_post(data, "posts/note.md")
    assert warnings == []
    assert fields is not None
    assert fields.encoding == ("utf-8-bom" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    assert replace(fields, encoding="utf-8") == fields_of(text)


def test_non_utf8_is_decoded_with_replacement_and_a_warning() -> None:
    fields, warnings = parse_post(b"---\ntitle: Caf\xe9\n---\nna\xefve text\n", "posts/a.md")
    assert fields is not None
    assert fields.title == "Caf\ufffd"
    assert fields.words == 3
    assert warnings == ["not UTF-8; decoded with replacement characters"]


@pytest.mark.parametrize("data", [b"a\x00b", b"\xff\xfeh\x00i\x00", b"---\ntitle: x\n---\n\x00"])
def test_nul_bytes_skip_the_file(data: bytes) -> None:
    assert parse_post(data, "posts/a.md") == (None, ["holds NUL bytes; skipped"])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: [oops\n---\n# Heading\n", "(line 3)"),
        ("---\n- a list\n---\n# Heading\n", "it is not a mapping of keys"),
        ("---\njust text\n---\n# Heading\n", "it is not a mapping of keys"),
        ("---\n!!python/object:os.system x: 1\n---\n# Heading\n", "could not determine"),
        ('{"title": }\n# Heading\n', "Expecting value (line 1)"),
    ],
)
def test_broken_front_matter_warns_and_keeps_the_post(text: str, reason: str) -> None:
    fields, warnings = parse(text, "posts/2024-05-06-broken.md")
    assert len(warnings) == 1
    assert warnings[0].startswith("front matter does not parse: ")
    assert reason in warnings[0]
    assert "\n" not in warnings[0]
    assert (fields.title, fields.date, fields.draft, fields.tags) == (
        "Heading",
        "2024-05-06",
        False,
        (),
    )


def test_broken_front_matter_warns_again_from_the_cache() -> None:
    text = "---\ntitle: [cached\n---\nbody\n"
    assert parse(text)[1] == parse(text + "more\n")[1] != []


def test_cached_front_matter_still_reads_each_body() -> None:
    assert fields_of(YAML_POST).words == 4
    assert fields_of(YAML_POST + "two more\n").words == 6


@pytest.mark.parametrize(
    "text",
    [
        "{{< figure src=x >}}\nbody",
        "{% raw %}\nbody",
        "{not json}\nbody",
        "---- \nbody",
        "+++x\nbody",
    ],
)
def test_text_that_only_looks_like_front_matter_is_body(text: str) -> None:
    fields = fields_of(text)
    assert fields.body_lines == tuple(text.split("\n"))


@pytest.mark.parametrize(
    ("front", "date"),
    [
        ("date: 2024-03-01", "2024-03-01"),
        ("date: 2024-03-01 10:00:00 +0100", "2024-03-01 10:00:00 +0100"),
        ("date: 2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z"),
        ("date: '2024-03-01'", "2024-03-01"),
        ('date: "2024-03-01T10:00:00.123-05:00"', "2024-03-01T10:00:00.123-05:00"),
        ("date: !!timestamp 2024-03-01", "2024-03-01"),
    ],
)
def test_yaml_dates_stay_the_text_the_author_wrote(front: str, date: str) -> None:
    assert fields_of(f"---\n{front}\n---\n").date == date


@pytest.mark.parametrize(
    ("front", "date"),
    [
        ("date = 2024-03-01", "2024-03-01"),
        ("date = 2024-03-01T10:00:00", "2024-03-01T10:00:00"),
        ("date = 2024-03-01T10:00:00+01:00", "2024-03-01T10:00:00+01:00"),
        ("date = 2024-03-01 10:00:00Z", "2024-03-01T10:00:00+00:00"),
        ('date = "2024-03-01"', "2024-03-01"),
    ],
)
def test_toml_datetimes_become_iso_text(front: str, date: str) -> None:
    assert fields_of(f"+++\n{front}\n+++\n").date == date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", DeclaredDate(dt.date(2024, 3, 1), None, None)),
        (" 2024-03-01 ", DeclaredDate(dt.date(2024, 3, 1), None, None)),
        ("2024-3-1", DeclaredDate(dt.date(2024, 3, 1), None, None)),
        ("2024-03-01T10:00:00", DeclaredDate(dt.date(2024, 3, 1), dt.time(10), None)),
        ("2024-03-01 10:00", DeclaredDate(dt.date(2024, 3, 1), dt.time(10), None)),
        (
            "2024-03-01T10:00:00+01:00",
            DeclaredDate(dt.date(2024, 3, 1), dt.time(10), dt.timedelta(hours=1)),
        ),
        ("2024-03-01T10:00:00Z", DeclaredDate(dt.date(2024, 3, 1), dt.time(10), dt.timedelta(0))),
        (
            "2024-03-01 10:00:00 UTC",
            DeclaredDate(dt.date(2024, 3, 1), dt.time(10), dt.timedelta(0)),
        ),
        (
            "2024-03-01 10:00:00 +0100",
            DeclaredDate(dt.date(2024, 3, 1), dt.time(10), dt.timedelta(hours=1)),
        ),
        (
            "2024-03-01T10:00:00.123-05:00",
            DeclaredDate(dt.date(2024, 3, 1), dt.time(10, 0, 0, 123000), dt.timedelta(hours=-5)),
        ),
        (
            "2001-12-14 21:59:43.10 -5",
            DeclaredDate(
                dt.date(2001, 12, 14), dt.time(21, 59, 43, 100000), dt.timedelta(hours=-5)
            ),
        ),
        ("2019/06/26", DeclaredDate(dt.date(2019, 6, 26), None, None)),
        (
            "2019/06/26 08:15",
            DeclaredDate(dt.date(2019, 6, 26), dt.time(8, 15), None),
        ),
        (
            "2024-03-01T23:30:00+05:30",
            DeclaredDate(dt.date(2024, 3, 1), dt.time(23, 30), dt.timedelta(hours=5, minutes=30)),
        ),
    ],
)
def test_declared_date_forms_are_read(text: str, expected: DeclaredDate) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024-00-00",
        "2020-12-XX",
        "2023-02-29",
        "2024-13-01",
        "0000-01-01",
        "2024-03-01T24:00:00",
        "2024-03-01T10:60",
        "2024-03-01T10:00:00+25:00",
        "2024-03-01 +0100",
        "March 1, 2024",
        "2024/13/01",
        "2024-03/01",
        "20240301",
        "",
    ],
)
def test_impossible_or_unreadable_dates_are_none(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize(
    ("front", "warning"),
    [
        ("date: 2024-00-00", "impossible date '2024-00-00' ignored"),
        ("date: 2020-12-XX", "impossible date '2020-12-XX' ignored"),
        ("date: 2023-02-29", "impossible date '2023-02-29' ignored"),
        ("date: next tuesday", "unreadable date 'next tuesday' ignored"),
        ("date: [2024-03-01]", "unreadable date \"['2024-03-01']\" ignored"),
        ("published: 2023-02-29", "impossible date '2023-02-29' ignored"),
    ],
)
def test_impossible_dates_are_absent_with_a_warning(front: str, warning: str) -> None:
    fields, warnings = parse(f"---\n{front}\n---\n")
    assert fields.date is None
    assert warnings == [warning]


@pytest.mark.parametrize("front", ["date:", "date: ''", "date: null", "date: ~", "published: yes"])
def test_empty_dates_are_absent_without_a_warning(front: str) -> None:
    assert fields_of(f"---\n{front}\n---\n").date is None


@pytest.mark.parametrize(
    ("front", "date"),
    [
        ("date: 2024-01-01\npublishDate: 2024-02-02\ncreated: 2024-03-03", "2024-01-01"),
        ("publishDate: 2024-02-02\npublished: 2024-04-04\ncreated: 2024-03-03", "2024-02-02"),
        ("published: 2024-04-04\ncreated: 2024-03-03", "2024-04-04"),
        ("published: true\ncreated: 2024-03-03", "2024-03-03"),
        ("Date: 2024-01-01", "2024-01-01"),
        ("publishdate: 2024-02-02", "2024-02-02"),
        ("date: ''\ncreated: 2024-03-03", "2024-03-03"),
    ],
)
def test_date_keys_in_order_of_precedence(front: str, date: str) -> None:
    assert fields_of(f"---\n{front}\n---\n", "posts/2020-01-01-x.md").date == date


def test_impossible_front_matter_date_falls_back_to_the_next_source() -> None:
    fields, warnings = parse("---\ndate: 2024-00-00\ncreated: 2024-03-03\n---\n")
    assert fields.date == "2024-03-03"
    assert warnings == ["impossible date '2024-00-00' ignored"]
    fields, _ = parse("---\ndate: 2024-00-00\n---\n", "_posts/2019-07-08-x.md")
    assert fields.date == "2019-07-08"


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("_posts/2024-03-01-hello.md", "2024-03-01"),
        ("_posts/2024-03-01_hello.markdown", "2024-03-01"),
        ("content/code/ 2010-06-04-a-stray-space.md", "2010-06-04"),
        ("2024-03-01.md", "2024-03-01"),
        ("content/posts/2024-03-01-hello/index.md", "2024-03-01"),
        ("content/posts/2024-03-01-hello/notes.md", None),
        ("2024-03-01-folder/hello.md", None),
        ("content/posts/hello/index.md", None),
        ("_posts/hello-2024-03-01.md", None),
        ("_posts/2024-03-011-hello.md", None),
        ("index.md", None),
    ],
)
def test_date_prefix_of_file_name_or_bundle_folder(path: str, date: str | None) -> None:
    assert fields_of("Body.\n", path).date == date


def test_impossible_file_name_date_is_absent_with_a_warning() -> None:
    fields, warnings = parse("Body.\n", "_posts/2024-02-30-hello.md")
    assert fields.date is None
    assert warnings == ["impossible date '2024-02-30' ignored"]


@pytest.mark.parametrize(
    ("front", "draft"),
    [
        ("draft: true", True),
        ("draft: yes", True),
        ("draft: 'True'", True),
        ("published: false", True),
        ("published: 'no'", True),
        ("status: draft", True),
        ("status: Hidden", True),
        ("status: DRAFT", True),
        ("draft: false", False),
        ("published: true", False),
        ("published: 2024-03-01", False),
        ("status: published", False),
        ("status: [draft]", False),
        ("title: x", False),
    ],
)
def test_draft_forms(front: str, draft: bool) -> None:
    assert fields_of(f"---\n{front}\n---\n").draft is draft


def test_toml_and_json_drafts() -> None:
    assert fields_of("+++\ndraft = true\n+++\n").draft
    assert fields_of('{"draft": true}\n').draft


@pytest.mark.parametrize(
    ("text", "path", "title"),
    [
        ("---\ntitle: From front matter\n---\n# Heading\n", "a/b.md", "From front matter"),
        ("---\ntitle: 2024\n---\n# Heading\n", "a/b.md", "2024"),
        ("---\ntitle: ''\n---\n# Heading\n", "a/b.md", "Heading"),
        ("---\ntitle: [a, b]\n---\n# Heading\n", "a/b.md", "Heading"),
        ("Intro\n\n# First heading\n# Second\n", "a/b.md", "First heading"),
        ("# Closed heading ##\n", "a/b.md", "Closed heading"),
        ("   # Indented heading\n", "a/b.md", "Indented heading"),
        ("# C#\n", "a/b.md", "C#"),
        ("```sh\n# a shell comment\n```\n# Real\n", "a/b.md", "Real"),
        ("## Second level\n", "notes/my-note.md", "my-note"),
        ("#hashtag\n", "notes/my-note.md", "my-note"),
        ("    # code block\n", "notes/my-note.md", "my-note"),
        ("#\n", "notes/my-note.md", "my-note"),
        ("Body.\n", "_posts/2024-03-01-hello.markdown", "2024-03-01-hello"),
        ("Body.\n", "content/posts/bundle/index.md", "bundle"),
        ("Body.\n", "README", "README"),
    ],
)
def test_title_falls_back_to_heading_then_file_name(text: str, path: str, title: str) -> None:
    assert fields_of(text, path).title == title


@pytest.mark.parametrize(
    ("front", "tags"),
    [
        ("tags: [python, vim]", ("python", "vim")),
        ("tags: python, vim tips", ("python", "vim tips")),
        ("tags: python vim", ("python", "vim")),
        ("tags: '#python #vim'", ("python", "vim")),
        ("tags: ['#python', ' vim ']", ("python", "vim")),
        ("tags: 'a,, ,b,'", ("a", "b")),
        ("tags: [2024, python]", ("2024", "python")),
        ("tags: [Python, python, PYTHON]", ("Python",)),
        ("tags: [[nested], {a: b}, true, python]", ("python",)),
        ("tags: 42", ("42",)),
        ("tags: {a: b}", ()),
        ("tags:", ()),
        ("Tags: [x]", ("x",)),
    ],
)
def test_tags_from_lists_and_strings(front: str, tags: tuple[str, ...]) -> None:
    assert fields_of(f"---\n{front}\n---\n").tags == tags


@pytest.mark.parametrize(
    ("text", "tags", "categories"),
    [
        (
            '+++\n[taxonomies]\ntags = ["rust", "zola"]\ncategories = ["code"]\n+++\n',
            ("rust", "zola"),
            ("code",),
        ),
        ('+++\ntags = ["a"]\n[taxonomies]\ntags = ["b", "a"]\n+++\n', ("a", "b"), ()),
        ("---\ntaxonomies:\n  tags: [yaml-zola]\n---\n", ("yaml-zola",), ()),
        ('+++\ntaxonomies = "odd"\n+++\n', (), ()),
    ],
)
def test_zola_taxonomies(text: str, tags: tuple[str, ...], categories: tuple[str, ...]) -> None:
    fields = fields_of(text)
    assert (fields.tags, fields.categories) == (tags, categories)


@pytest.mark.parametrize(
    ("front", "categories"),
    [
        ("categories: [vim, shell]", ("vim", "shell")),
        ("categories: vim, shell", ("vim", "shell")),
        ("category: Vim", ("Vim",)),
        ("categories: [vim]\ncategory: shell", ("vim", "shell")),
    ],
)
def test_categories_from_front_matter(front: str, categories: tuple[str, ...]) -> None:
    assert fields_of(f"---\n{front}\n---\n", "vim/note.md").categories == categories


@pytest.mark.parametrize(
    ("body", "words", "lines"),
    [
        ("one two\n```\nthree four\n```\nfive\n", 3, ("one two", "five", "")),
        ("one\n~~~\nunclosed code\n", 1, ("one",)),
        ("日本語 text\n", 4, ("日本語 text", "")),
        ("", 0, ("",)),
    ],
)
def test_words_and_lines_exclude_front_matter_and_code(
    body: str, words: int, lines: tuple[str, ...]
) -> None:
    fields = fields_of(f"---\ntitle: Many words in this title\n---\n{body}")
    assert (fields.words, fields.body_lines) == (words, lines)
