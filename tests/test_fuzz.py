"""Property tests of the readers hostile input reaches first: no exception escapes them.

Front matter, `git log` output and globs come from the writer's repository; whatever they
hold, streakline reads what it can or says in one line why it cannot.
"""

from __future__ import annotations

import contextlib
import functools
import re
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streakline.config import glob_to_regex
from streakline.errors import ConfigError, GitError
from streakline.frontmatter import parse_post
from streakline.gitlog import COMMIT_MARK, _parse_log
from streakline.simpleyaml import simple_yaml, yaml_loader

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = ["title", "date", "tags", "draft", "categories", "author", "status", "on", "x-y", "T"]
VALUES = [
    "", "a", "a b", "'q'", '"d"', '"\\ud800"', "a: b", "a #c", "[a, b]", "[]", "[a,]", "yes",
    "No", "~", "1", "0x" + "f" * 5000, "9" * 5000, "2024-01-05", "2024-02-30", "0001-01-01",
    "- x", "|", ">", "&a", "*a", "!x", "{a: b}", "é", "a'b", "'a''b'", "[a, [b]]", "a]",
]  # fmt: skip


@st.composite
def yaml_lines(draw: st.DrawFn) -> str:
    """Front matter lines of the shapes the fast reader handles, and near misses."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            key = draw(st.sampled_from(KEYS))
            lines.append(
                f"{key}:{draw(st.sampled_from(['', ' ', '  ']))}{draw(st.sampled_from(VALUES))}"
            )
        else:
            indent = " " * draw(st.integers(0, 4))
            lines.append(
                f"{indent}-{draw(st.sampled_from([' ', '  ', '']))}{draw(st.sampled_from(VALUES))}"
            )
    return "\n".join(lines)


@FAST
@given(st.binary(max_size=400))
def test_parse_post_takes_any_bytes(data: bytes) -> None:
    for path in ("posts/a.md", "posts/2024-01-05-a.rst", "a.org", "a.adoc", "a.html"):
        parse_post(data, path)


@FAST
@given(yaml_lines(), st.sampled_from(["---\n{}\n---\n", "+++\n{}\n+++\n", "{}\n"]))
def test_parse_post_takes_any_front_matter(lines: str, frame: str) -> None:
    text = frame.format(lines) + "Body words.\n"
    fields, warnings = parse_post(text.encode("utf-8", "surrogatepass"), "posts/a.md")
    assert fields is not None
    # Everything read can be stored: no lone surrogates, no numbers too long to write out.
    stored = [fields.title, fields.date or "", *fields.tags, *fields.categories, *fields.authors]
    for value in (*stored, *warnings):
        value.encode("utf-8")
        assert "set_int_max_str_digits" not in value


@FAST
@given(yaml_lines())
def test_fast_yaml_reads_as_pyyaml_does(source: str) -> None:
    fast = simple_yaml(source)
    if fast is None:
        return
    assert fast == yaml.load(source, Loader=yaml_loader())


TOKENS = st.one_of(
    st.sampled_from(["", "\n", f"{COMMIT_MARK}abc", "1700000000", "2024-01-05T10:00:00+01:00",
                     "Ada", "ada@example.org", ":100644 100644 aa bb M", ":000000 100644 00 bb A",
                     ":100644 100644 aa bb R087", ":100644 100644 aa bb C", ":1 2 3", "a.md"]),
    st.text(max_size=20),
)  # fmt: skip


@FAST
@given(st.lists(TOKENS, max_size=30))
def test_log_parser_raises_only_git_errors(tokens: list[str]) -> None:
    with contextlib.suppress(GitError):
        list(_parse_log(iter(tokens)))


GLOB_CHARS = st.sampled_from(
    ["*", "**", "**/", "/", "?", "[a-c]", "[!a]", "[", "]", "a", "b", ".", "-", "\\"]
)
PATH_CHARS = st.sampled_from(["a", "b", "c", "/", ".", "-", "\\", "["])


@functools.cache
def _reference(glob: str, path: str) -> bool:
    """A slow, plain reading of the glob: segment by segment, `**` any number of folders."""
    return _segments(tuple(glob.split("/")), tuple(path.split("/")))


def _segments(globs: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    if not globs:
        return not parts
    if globs[0] == "**":
        if len(globs) == 1:
            return bool(parts)  # a trailing `/**`: everything inside
        return any(_segments(globs[1:], parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and _name(globs[0], parts[0]) and _segments(globs[1:], parts[1:])


def _name(glob: str, name: str) -> bool:
    if not glob:
        return not name
    if glob[0] == "*":
        rest = glob.lstrip("*")
        return any(_name(rest, name[i:]) for i in range(len(name) + 1))
    if not name:
        return False
    if glob[0] == "?":
        return _name(glob[1:], name[1:])
    if glob[0] == "[" and (end := glob.find("]", 2)) != -1:
        body, negate = glob[1:end], glob[1] in "!^"
        if negate:
            body = body[1:]
        chars = set()
        i = 0
        while i < len(body):
            if i + 2 < len(body) and body[i + 1] == "-":
                chars |= {chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1)}
                i += 3
            else:
                chars.add(body[i])
                i += 1
        return (name[0] in chars) != negate and _name(glob[end + 1 :], name[1:])
    return glob[0] == name[0] and _name(glob[1:], name[1:])


@FAST
@given(
    st.lists(GLOB_CHARS, max_size=12).map("".join), st.lists(PATH_CHARS, max_size=14).map("".join)
)
def test_globs_compile_and_match_as_read_segment_by_segment(glob: str, path: str) -> None:
    try:
        regex = glob_to_regex(glob)
    except ConfigError:
        return
    assert bool(regex.fullmatch(path)) == _reference(glob, path), regex.pattern


@pytest.mark.parametrize(
    "glob",
    ["**/**/**/**/**/**/x.md", "*a*a*a*a*a*a*a*a*b", "**/a*/**/a*/**/a*/**/a*/**/a*/**/c",
     "**/*a*a*a*/**/*a*a*a*/x", "a**a**a**a**a**b"],
)  # fmt: skip
def test_hostile_globs_match_fast(glob: str) -> None:
    regex = glob_to_regex(glob)
    for path in ("a/" * 200 + "y.md", "a" * 4000, ("a" * 50 + "/") * 40 + "b"):
        started = time.perf_counter()
        regex.fullmatch(path)
        assert time.perf_counter() - started < 0.5, (glob, path[:20])


def test_invalid_globs_are_config_errors() -> None:
    with pytest.raises(ConfigError, match=re.escape("glob 'posts/[z-a].md' is not valid")):
        glob_to_regex("posts/[z-a].md")
