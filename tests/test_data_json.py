"""The site data file's JSON: the bytes json.dumps would write, with the characters that
reorder text or end a JavaScript line kept as escapes."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streakline.exporting import _json_bytes

INVISIBLE = re.compile("[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
CHARACTERS = st.characters(blacklist_categories=("Cs",))
ESCAPED = "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TEXT = st.text(alphabet=CHARACTERS | st.sampled_from(ESCAPED))
# The data file's numbers are counts and a consistency rounded to three places.
NUMBERS = st.integers(-(2**63), 2**63 - 1) | st.sampled_from([0.5, 0.123, 1.0, 0.0])
VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=30,
)


def reference(data: object) -> bytes:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    text = INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.encode("utf-8", "replace")


@given(VALUES)
def test_any_value_of_the_data_file_is_written_as_json_dumps_writes_it(data: object) -> None:
    assert _json_bytes(data) == reference(data)


@pytest.mark.parametrize("character", list(ESCAPED), ids=lambda c: f"U+{ord(c):04X}")
def test_each_invisible_character_is_an_escape(character: str) -> None:
    escape = f"\\u{ord(character):04x}"

    written = _json_bytes({f"a{character}": [f"b{character}c"]}).decode()

    assert written == f'{{\n  "a{escape}": [\n    "b{escape}c"\n  ]\n}}\n'


def test_invisible_characters_are_escapes_in_keys_and_values() -> None:
    data = {"posts/\u202eevil.md": {"title": "a\u2028b", "tags": ["\u2066x\u2069"]}}

    assert _json_bytes(data).decode() == (
        "{\n"
        '  "posts/\\u202eevil.md": {\n'
        '    "tags": [\n'
        '      "\\u2066x\\u2069"\n'
        "    ],\n"
        '    "title": "a\\u2028b"\n'
        "  }\n"
        "}\n"
    )


def test_a_path_git_could_not_decode_is_written_with_a_question_mark() -> None:
    # A lone surrogate (from a name that is not UTF-8) is no UTF-8 character.
    data = {"posts/caf\udce9.md": {"title": "Caf\udce9 \u202e"}}

    assert _json_bytes(data) == reference(data)
    assert _json_bytes(data).decode() == (
        '{\n  "posts/caf?.md": {\n    "title": "Caf? \\u202e"\n  }\n}\n'
    )
