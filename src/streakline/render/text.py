"""Text from a repo made safe to print for a person: control characters shown, not obeyed.

Titles, tags, paths and messages come from files anyone can write; an escape sequence in
one (ESC [2J, OSC 0 ... BEL) would clear the screen or retitle the terminal. Each control
character is shown as `\\xNN` instead; JSON output needs none of this (json.dumps escapes).
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls: none prints, several start terminal sequences.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_BLANKS = str.maketrans("\t\n\r", "   ")


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def printable(text: str) -> str:
    """One field on one line: tabs and line breaks become spaces, other controls `\\xNN`."""
    return _CONTROL.sub(_escape, text.translate(_BLANKS))


def printable_lines(text: str) -> str:
    """Several lines: line breaks stay, every other control character becomes `\\xNN`."""
    return _CONTROL_BUT_NEWLINE.sub(_escape, text)
