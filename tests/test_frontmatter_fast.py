"""The fast reader of simple YAML front matter agrees with PyYAML wherever it answers."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from streakline.frontmatter import _simple_yaml
from streakline.simpleyaml import yaml_loader

CASES = [
    "title: Hello\ndate: 2024-03-01\ntags: [python, vim]\n",
    'title: "Quoted: yes"\ndraft: true\n',
    "title: 'single'\ndraft: no\n",
    "tags:\n  - a\n  - b c\ncategories:\n- x\n",
    "title: Hello # comment\n",
    "empty:\ntitle: x\n",
    "date: 2024-03-01T10:00:00+01:00\n",
    "tags: []\n",
    "title: C# tips\n",
    "title: ~\n",
    "title: Yes\n",
    "tags: [a, 'b', \"c d\"]\n",
    "url: http://x.y/z\n",
    "title: it's\n",
    "title: x\ntitle: y\n",
]


@pytest.mark.parametrize("source", CASES)
def test_simple_front_matter_is_read_without_pyyaml_and_agrees(source: str) -> None:
    fast = _simple_yaml(source)
    assert fast is not None
    assert fast == yaml.load(source, Loader=yaml_loader())


@pytest.mark.parametrize(
    "source",
    ["title: a: b\n", "n: 10\n", "taxonomies:\n  tags: [a]\n", 'title: "a\\"b"\n', "t: 2024\n"],
)
def test_anything_else_is_left_to_pyyaml(source: str) -> None:
    assert _simple_yaml(source) is None


VALUE = st.text(alphabet="ab :#-'\"[],~%&*!|>{}?@`\\yesnotrufl01.", max_size=12)
LINE = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(["title", "tags", "draft"]), VALUE),
    st.builds(lambda v: f"  - {v}", VALUE),
    st.sampled_from(["tags:", "# note", "", "draft: true"]),
)


@settings(max_examples=400)
@given(st.lists(LINE, max_size=6))
def test_fast_reader_never_disagrees_with_pyyaml(lines: list[str]) -> None:
    source = "\n".join(lines) + "\n"
    fast = _simple_yaml(source)
    if fast is None:
        return
    assert fast == yaml.load(source, Loader=yaml_loader())


NUMBER_LIKE = [
    "1_000", "0x1F", "0o17", "0b101", "017", ".5", "1.", "-1.5e+3", "+.inf", ".NaN", "1:20",
    "1:20.5", "<<", "=", "yes", "Off", "NULL", "~", "nul", "truee", "2024", "12a", "-", "+1",
]  # fmt: skip


@pytest.mark.parametrize("text", NUMBER_LIKE)
def test_plain_scalars_are_typed_as_pyyaml_types_them(text: str) -> None:
    source = f"title: {text}\n"
    fast = _simple_yaml(source)
    try:
        slow = yaml.load(source, Loader=yaml_loader())
    except yaml.YAMLError:
        assert fast is None  # not YAML at all: PyYAML's to report
        return
    if isinstance(slow["title"], str | bool) or slow["title"] is None:
        assert fast == slow
    else:
        assert fast is None  # a number or a merge key: PyYAML's to read


def test_plain_front_matter_is_read_without_importing_pyyaml() -> None:
    probe = (
        "import sys\n"
        "from streakline.frontmatter import parse_post\n"
        "parse_post(b'---\\ntitle: Hi\\ntags: [a, b]\\n---\\nBody.\\n', 'posts/a.md')\n"
        "print('yaml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"
