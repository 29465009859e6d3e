"""Badge text: made safe for SVG, measured from the committed DejaVu Sans widths.

Label and message come from the command line and the repo, so anyone can put markup,
control characters or bidirectional controls in them. Here:

- Line breaks and tabs become spaces; other control characters, lone surrogates (undecodable
  bytes on the command line) and non-characters become U+FFFD: XML 1.0 cannot hold them.
- Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed: an
  unclosed RIGHT-TO-LEFT OVERRIDE would flip everything after it.
- Right-to-left letters stay, inside their own `<text>` at a fixed x, so they cannot move
  the other part of the badge. A text whose first strong letter is right-to-left is drawn
  with `direction="rtl"`, as HTML's `dir="auto"` would, so a Hebrew "5 posts" reads with
  its 5 first. Where label and message share one string (the `<title>` and `aria-label`),
  each part holding right-to-left letters is wrapped in FIRST STRONG ISOLATE ... POP
  DIRECTIONAL ISOLATE, so "label: message" keeps its order.
- `&`, `<`, `>`, `"` and `'` are escaped wherever the text goes into the SVG.
"""

from __future__ import annotations

import functools
import math
import unicodedata

from streakline.render import badge_widths

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ISOLATE, _POP = "\u2068", "\u2069"
_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})


def _clean_char(char: str) -> str:
    if char in _BIDI_CONTROLS:
        return ""
    category = unicodedata.category(char)
    if category == "Cc":
        return " " if char.isspace() else "\ufffd"
    if category == "Cs" or (ord(char) & 0xFFFE) == 0xFFFE:
        return "\ufffd"
    return char


def clean_text(text: str) -> str:
    """The text as a badge shows it: no controls, nothing XML cannot hold."""
    if text.isprintable():
        return text  # the usual case: bidi controls are format characters, not printable
    return "".join(_clean_char(char) for char in text)


def escape_xml(text: str) -> str:
    """Text (cleaned already) escaped for an SVG text node or a double-quoted attribute."""
    return text.translate(_XML)


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def starts_right_to_left(text: str) -> bool:
    """Whether the first strong letter of the text is right-to-left (Unicode's rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def accessible_text(label: str, message: str) -> str:
    """ "label: message" (the message alone without a label), as shields writes its title."""
    parts = [clean_text(part) for part in (label, message)]
    label, message = (f"{_ISOLATE}{p}{_POP}" if _right_to_left(p) else p for p in parts)
    return f"{label}: {message}" if label else message


@functools.cache
def _advances(bold: bool) -> dict[int, int]:
    runs = badge_widths.BOLD if bold else badge_widths.REGULAR
    return {first + i: width for first, widths in runs for i, width in enumerate(widths)}


def _units(char: str, bold: bool) -> int:
    found = _advances(bold).get(ord(char))
    if found is not None:
        return found
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0  # combining marks and invisible format characters take no room
    fallback = badge_widths.FALLBACK_BOLD if bold else badge_widths.FALLBACK
    # A Chinese, Japanese or Korean character is about as wide as two Latin ones.
    return 2 * fallback if unicodedata.east_asian_width(char) in ("W", "F") else fallback


def text_width(text: str, size: float = 11, *, bold: bool = False) -> float:
    """The width in pixels of clean text drawn in DejaVu Sans at `size` pixels."""
    units = sum(_units(char, bold) for char in text)
    return units * size / badge_widths.UNITS_PER_EM


def spaced_characters(text: str) -> int:
    """Characters that take room, each of which gets letter spacing after it.

    None in a text with Arabic letters (Arabic, Syriac, Thaana): spread apart, joined
    letters come apart.
    """
    if any(unicodedata.bidirectional(char) == "AL" for char in text):
        return 0
    return sum(1 for char in text if _units(char, False) > 0)


def box_width(text: str, size: float = 11, *, bold: bool = False, spacing: float = 0) -> int:
    """Whole pixels that hold the text at its natural width, letter spacing included."""
    return math.ceil(text_width(text, size, bold=bold) + spacing * spaced_characters(text))
