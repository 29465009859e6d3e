"""The site data file's JSON text is json.dumps's, byte for byte, only written faster."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streakline.render.jsontext import dumps_pretty

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


def standard(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@given(VALUES)
def test_any_json_value_is_written_as_json_dumps_writes_it(value: object) -> None:
    assert dumps_pretty(value) == standard(value)


def test_a_post_entry_reads_as_the_standard_library_writes_it() -> None:
    entry = {
        "posts": {
            "content/posts/été.md": {
                "tags": ["Rust", "\u2028line"],
                "achievements": [],
                "words": 1200,
                "ratio": 0.5,
                "draft": False,
                "previously": None,
            }
        },
        "footer": "est. 2008 ● 3y+ streak",
        "empty": {},
    }
    assert dumps_pretty(entry) == standard(entry)
    assert dumps_pretty(entry).splitlines()[:4] == [
        "{",
        '  "empty": {},',
        '  "footer": "est. 2008 ● 3y+ streak",',
        '  "posts": {',
    ]


def test_keys_that_are_not_strings_are_written_as_json_dumps_writes_them() -> None:
    value = {2: "b", 1: "a"}
    assert dumps_pretty(value) == standard(value) == '{\n  "1": "a",\n  "2": "b"\n}'
    assert dumps_pretty({True: 1}) == standard({True: 1})


def test_a_value_json_cannot_write_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="set is not JSON serializable"):
        dumps_pretty({"tags": {"a"}})
