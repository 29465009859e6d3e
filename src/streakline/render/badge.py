"""Badges as SVG and as shields.io endpoint JSON: a plain stand-in with the final signatures.

Text widths are estimated at 7 px a character (11 px Verdana averages about that), which is
enough for a badge that holds its own text; the full renderer measures glyphs.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from streakline.report import Report

Style = Literal["flat", "flat-square", "for-the-badge"]
GREEN, YELLOW, GREY = "#4c1", "#dfb317", "#9f9f9f"
_LABEL_COLOR = "#555"
_CHAR = 7
_PAD = 10


def badge_color(status: str) -> str:
    """The colour of a badge for the current streak's status."""
    return {"done": GREEN, "at_risk": YELLOW}.get(status, GREY)


def _text_width(text: str) -> int:
    return _CHAR * len(text) + _PAD if text else 0


def badge_size(label: str, message: str, style: Style = "flat") -> tuple[int, int]:
    """The badge's width and height in pixels."""
    height = 28 if style == "for-the-badge" else 20
    return _text_width(label) + _text_width(message), height


def render_badge(
    label: str, message: str, *, color: str, style: Style = "flat", id_suffix: str = ""
) -> str:
    """The badge as SVG text; deterministic, ends with a newline."""
    width, height = badge_size(label, message, style)
    left = _text_width(label)
    shown_label, shown_message = (
        (label.upper(), message.upper()) if style == "for-the-badge" else (label, message)
    )
    title = escape(f"{label}: {message}" if label else message)
    y = height // 2 + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{title}">',
        f"<title>{title}</title>",
        f'<g id="streakline{escape(id_suffix)}">',
    ]
    if label:
        parts.append(f'<rect width="{left}" height="{height}" fill="{_LABEL_COLOR}"/>')
    parts.append(
        f'<rect x="{left}" width="{width - left}" height="{height}" fill="{escape(color)}"/>'
    )
    parts.append('<g fill="#fff" font-family="Verdana,Geneva,sans-serif" font-size="11">')
    if label:
        parts.append(f'<text x="{_PAD // 2}" y="{y}">{escape(shown_label)}</text>')
    parts.append(f'<text x="{left + _PAD // 2}" y="{y}">{escape(shown_message)}</text>')
    parts += ["</g>", "</g>", "</svg>"]
    return "\n".join(parts) + "\n"


def shields_endpoint(
    label: str, message: str, color: str, style: Style = "flat"
) -> dict[str, object]:
    """A shields.io endpoint document (https://shields.io/badges/endpoint-badge)."""
    return {
        "schemaVersion": 1,
        "label": label,
        "message": message,
        "color": color,
        "style": style,
    }


def badge_texts(report: Report, kind: str) -> tuple[str, str]:
    """(label, message) of a badge kind, from the report."""
    badges, totals = report.badges, report.totals
    if kind == "streak":
        return "streak", badges.streak
    if kind == "est":
        return "blog", badges.est or "no posts yet"
    if kind == "footer":
        return "", badges.footer
    if kind == "posts":
        return "posts", str(totals.posts)
    if kind == "words":
        return "words", str(totals.words)
    raise ValueError(f"unknown badge kind {kind!r}")
