"""Word counts of Markdown bodies (SPEC section 4, "words").

A word is a run of letters or digits, apostrophes allowed inside; each CJK character is a word
on its own, since Chinese and Japanese are written without spaces. Hangul is not in that set:
Korean separates its words with spaces.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

# Han (with the iteration and numeral marks of the Han script), Hiragana and Katakana, with
# their extension blocks; planes 2 and 3 hold only CJK ideographs.
_CJK = (
    "["
    "\u3005-\u3007\u3021-\u3029\u3038-\u303b"
    "\u3041-\u3096\u309d-\u309f"
    "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f"
    "\U0001b000-\U0001b16f"
    "\U00020000-\U0003ffff"
    "]"
)

# Bytes that can be part of a word: ASCII letters and digits, and every byte of a multi-byte
# UTF-8 sequence (those are sorted out by the Unicode pattern). Every other byte becomes a
# space, so `bytes.split` finds the candidate words in C.
_ASCII_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'")
_WORD_BYTES = bytes(b if b in _ASCII_WORD_BYTES or b >= 0x80 else 0x20 for b in range(256))

# Word bytes to "a", every other byte to a space: a word is then one b" a" (or a leading "a"),
# which `bytes.count` finds without making an object for each word.
_SHAPE_BYTES = bytes(0x61 if b in _ASCII_WORD_BYTES else 0x20 for b in range(256))


def count_words(text: str) -> int:
    """Count the words of `text`."""
    if text.isascii():
        # Deleting apostrophes joins the letters around one, as the Unicode pattern does, and
        # makes a token of bare apostrophes vanish.
        shape = text.encode("ascii").translate(_SHAPE_BYTES, b"'")
        return shape.count(b" a") + shape.startswith(b"a")
    # Mostly-Latin prose with a few curly quotes or accents: count the pure-ASCII tokens in C
    # and leave only the tokens holding other characters to the regular expression.
    raw = text.encode("utf-8").translate(_WORD_BYTES)
    wide = [token for token in raw.split() if not token.isascii()]
    narrow = len(raw.replace(b"'", b"").split()) - len(wide)
    return narrow + _count_unicode(b" ".join(wide).decode("utf-8"))


def _count_unicode(text: str) -> int:
    """The reference count: correct for any text, a dozen times slower than `count_words`."""
    # re's cache keeps the compiled class: ASCII-only text never pays for compiling it.
    text, cjk = re.subn(_CJK, " ", text)
    # NFD text (as some macOS editors save it) would otherwise split words at combining marks.
    text = unicodedata.normalize("NFC", text).replace("_", " ")
    return cjk + sum(1 for _ in _word_pattern().finditer(text))


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    # Combining marks (Devanagari vowel signs, Arabic harakat, ...) are not `\w` for `re`, yet
    # they sit inside words. Built on first use: scanning the code points takes a few
    # milliseconds that ASCII-only blogs never pay.
    code_points = itertools.chain(range(0x300, 0x20000), range(0xE0100, 0xE01F0))
    marks = [c for c in code_points if unicodedata.category(chr(c)).startswith("M")]
    ranges: list[str] = []
    for _, group in itertools.groupby(enumerate(marks), lambda pair: pair[1] - pair[0]):
        run = [c for _, c in group]
        ranges.append(f"{chr(run[0])}-{chr(run[-1])}" if len(run) > 1 else chr(run[0]))
    part = rf"\w[\w{''.join(ranges)}]*"
    return re.compile(rf"{part}(?:['\u2019]+{part})*")


def strip_code_fences(lines: Iterable[str]) -> list[str]:
    """Drop fenced code blocks (``` or ~~~), fence lines included.

    As in CommonMark: a fence is at least three backticks or tildes indented by at most three
    spaces; it is closed by a fence of the same character at least as long, with nothing after
    it; an unclosed fence runs to the end.
    """
    return strip_fences_text("\n".join(lines)).split("\n")


def strip_fences_text(text: str) -> str:
    """`strip_code_fences` of a whole body; `str.find` jumps from one fence to the next."""
    kept: list[str] = []
    keep_from = 0  # where the next kept line starts; len(text) + 1 when none is left
    opening = ""
    for start, end, run, rest in _fence_lines(text):
        if opening:
            if run[0] == opening[0] and len(run) >= len(opening) and not rest.strip():
                keep_from = end + 1
                opening = ""
        elif not (run[0] == "`" and "`" in rest):
            if start > keep_from:
                kept.append(text[keep_from : start - 1])
            opening = run
    if not opening and keep_from <= len(text):
        kept.append(text[keep_from:])
    return "\n".join(kept) if kept else ""


def _fence_lines(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(line start, line end, fence run, rest of line) of each line that opens like a fence."""
    size = len(text)
    pos = 0
    # The next "```" and "~~~" at or after `pos`; -1 once there are no more.
    tick, tilde = text.find("```"), text.find("~~~")
    while True:
        if 0 <= tick < pos:
            tick = text.find("```", pos)
        if 0 <= tilde < pos:
            tilde = text.find("~~~", pos)
        found = min(tick, tilde) if tick >= 0 and tilde >= 0 else max(tick, tilde)
        if found < 0:
            return
        start = text.rfind("\n", 0, found) + 1
        end = text.find("\n", found)
        if end < 0:
            end = size
        indent = text[start:found]
        if len(indent) <= 3 and not indent.strip(" "):
            char = text[found]
            after = found
            while after < end and text[after] == char:
                after += 1
            yield start, end, text[found:after], text[after:end]
        pos = end + 1


def word_diff(old_lines: Sequence[str], new_lines: Sequence[str]) -> tuple[int, int]:
    """Words added and removed between two versions of a body, as (added, removed).

    Lines are compared as multisets: moving a paragraph writes no words, and a changed line
    counts its new words as added and its old words as removed.
    """
    return counted_diff(Counter(old_lines), Counter(new_lines))


def counted_diff(old: Counter[str], new: Counter[str]) -> tuple[int, int]:
    """`word_diff` of two line multisets (a scan keeps each post's last one)."""
    if dict.__eq__(old, new):  # Counter's own == runs in Python
        return 0, 0
    # The set operations on item views run in C; only the lines that differ reach Python.
    added = [line for line, n in new.items() - old.items() for _ in range(n - old[line])]
    removed = [line for line, n in old.items() - new.items() for _ in range(n - new[line])]
    return count_words("\n".join(added)), count_words("\n".join(removed))
