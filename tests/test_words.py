from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streakline import words
from streakline.words import count_words, strip_code_fences, word_diff


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("hello world", 2),
        ("one, two; three.", 3),
        ("3.14 is pi", 4),
        ("e-mail", 2),
        ("hello_world", 2),
        ("**bold** and _emphasis_", 3),
        ("[a link](https://example.com/path)", 6),
        ("# Heading\n\nBody text.", 3),
    ],
)
def test_word_is_a_run_of_letters_or_digits(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("don't", 1),
        ("don\u2019t stop", 2),
        ("rock 'n' roll", 3),
        ("'quoted'", 1),
        ("dogs' bowls", 2),
        ("' '' '''", 0),
        ("\u2019", 0),
        ("l\u2019été", 1),
        ("it''s", 1),
        ("a'.b", 2),
    ],
)
def test_apostrophes_join_only_inside_a_word(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日本語", 3),
        ("ひらがな", 4),
        ("カタカナ", 4),
        ("コーヒー", 4),
        ("中文 text", 3),
        ("我爱Python", 3),
        ("人々", 2),
        ("한국어 문장", 2),
        ("𠮷野家", 3),
    ],
)
def test_each_cjk_character_is_a_word_but_hangul_words_are_spaced(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cafe\u0301 au lait", 3),
        ("naïve café", 2),
        ("हिन्दी भाषा", 2),
        ("Привет, мир", 2),
        ("“quoted” — dash", 2),
    ],
)
def test_non_latin_words_keep_their_combining_marks(text: str, expected: int) -> None:
    assert count_words(text) == expected


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_matches_unicode_path(text: str) -> None:
    assert count_words(text) == words._count_unicode(text)


@settings(max_examples=500)
@given(
    st.text(alphabet=st.sampled_from(list("ab1 '\u2019_-.é\u0301\u0338=<日ア한\n\t"))) | st.text()
)
def test_mixed_text_path_matches_unicode_path(text: str) -> None:
    assert count_words(text) == words._count_unicode(text)


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("a\n```\ncode\n```\nb", "a\nb"),
        ("a\n~~~python\ncode\n~~~\nb", "a\nb"),
        ("a\n```js\ncode\n```\nb", "a\nb"),
        ("a\n   ```\ncode\n   ```\nb", "a\nb"),
        ("a\n````\n```\ncode\n````\nb", "a\nb"),
        ("a\n```\ncode\n````\nb", "a\nb"),
        ("a\n```\ncode\n~~~\nstill code\n```\nb", "a\nb"),
        ("a\n````\ncode\n```\nstill code", "a"),
        ("a\n```\ncode\n``` not a close\nstill code", "a"),
        ("a\n```\nunclosed\nto the end", "a"),
        ("a\n    ```\nb", "a\n    ```\nb"),
        ("a\n``\nb", "a\n``\nb"),
        ("a ```inline``` b\nc", "a ```inline``` b\nc"),
        ("``` `x` ```\nb", "``` `x` ```\nb"),
        ("  indented text\n~~~ tilde info with ` backtick\ncode\n~~~", "  indented text"),
    ],
)
def test_fenced_code_blocks_are_dropped(body: str, kept: str) -> None:
    assert strip_code_fences(body.split("\n")) == kept.split("\n")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("", "", (0, 0)),
        ("one two\nthree", "one two\nthree", (0, 0)),
        ("one two", "one two\nthree four five", (3, 0)),
        ("one two\nthree four five", "three four five", (0, 2)),
        ("the cat sat", "the dog sat down", (4, 3)),
        ("para one\n\npara two", "para two\n\npara one", (0, 0)),
        ("same line", "same line\nsame line", (2, 0)),
        ("same line\nsame line", "same line", (0, 2)),
        ("", "日本語", (3, 0)),
    ],
)
def test_word_diff_counts_lines_only_in_one_version(
    old: str, new: str, expected: tuple[int, int]
) -> None:
    assert word_diff(old.split("\n"), new.split("\n")) == expected
