"""Badges drawn by streakline in shields.io's geometry, and shields' endpoint JSON.

Boxes, padding, text positions, colours and the for-the-badge layout follow shields'
badge-maker; text is measured with the DejaVu Sans table in badge_widths.py (DejaVu Sans
is in the font-family list, and is what most Linux machines draw it with; Verdana is a
little wider, which `textLength` absorbs). Where this differs from shields, or SPEC is
silent:

- A text box is rounded up, never down, from the measured width, so every text fits at
  its natural width and `textLength` only ever spreads it a little.
- for-the-badge boxes are whole pixels (shields' may end in .25): an HTML `<img>` takes
  whole-pixel width and height attributes, and `badge_size` gives exactly those.
- for-the-badge draws its texts in capitals, but its `<title>` and `aria-label` keep them
  as written: some screen readers spell out a word in capitals letter by letter.
- The same label, message and options always give the same bytes: nothing random, no
  clock. Ids (`s`, `r`) take a caller's suffix, so badges inlined in one page never clash.

Text safety (escaping, control and bidi characters) is in badge_text.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from streakline.render.badge_text import (
    accessible_text,
    box_width,
    clean_text,
    escape_xml,
    starts_right_to_left,
)

if TYPE_CHECKING:
    from streakline.report import Report

Style = Literal["flat", "flat-square", "for-the-badge"]
STYLES: tuple[Style, ...] = get_args(Style)
KINDS = ("streak", "est", "footer", "posts", "words")

GREEN, YELLOW, GREY = "#4c1", "#dfb317", "#9f9f9f"  # shields' brightgreen, yellow, lightgrey
LABEL_COLOR = "#555"
FONT_FAMILY = "Verdana,Geneva,DejaVu Sans,sans-serif"

# shields' named colours and their aliases.
NAMED_COLORS = {
    "brightgreen": GREEN,
    "green": "#97ca00",
    "yellow": YELLOW,
    "yellowgreen": "#a4a61d",
    "orange": "#fe7d37",
    "red": "#e05d44",
    "blue": "#007ec6",
    "grey": "#555",
    "lightgrey": GREY,
    "gray": "#555",
    "lightgray": GREY,
    "critical": "#e05d44",
    "important": "#fe7d37",
    "success": GREEN,
    "informational": "#007ec6",
    "inactive": GREY,
}
_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_ID_SUFFIX = re.compile(r"[A-Za-z0-9_-]*")

_PAD = 5  # flat and flat-square: padding either side of a text
_HEIGHT = 20
_BIG_HEIGHT, _BIG_MARGIN, _BIG_SIZE, _BIG_SPACING = 28, 12, 10, 1.25  # for-the-badge


def badge_color(status: str) -> str:
    """The colour of a streak's status: green when done, yellow at risk, grey broken."""
    return {"done": GREEN, "at_risk": YELLOW}.get(status, GREY)


def parse_color(text: str) -> str:
    """`#abc`, `#aabbcc` (the `#` optional, as in shields) or a shields colour name, as hex.

    Raises ValueError with a message for the user otherwise.
    """
    name = text.strip().lower()
    if name in NAMED_COLORS:
        return NAMED_COLORS[name]
    match = _HEX.fullmatch(name)
    if match is None:
        names = ", ".join(n for n in NAMED_COLORS if n not in ("gray", "lightgray"))
        raise ValueError(f"{text!r} is not a colour; give #abc, #aabbcc or one of {names}")
    return f"#{match.group(1)}"


def _text_colors(background: str) -> tuple[str, str]:
    """Text and shadow colours on a background, by its W3C brightness, as shields picks them."""
    digits = background.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    brightness = round((red * 299 + green * 587 + blue * 114) / 255000, 2)
    return ("#fff", "#010101") if brightness <= 0.69 else ("#333", "#ccc")


@dataclass(frozen=True)
class _Text:
    content: str  # clean, as drawn (upper case in for-the-badge)
    x10: int  # centre, in tenths of a pixel (texts are drawn at scale .1)
    length: int  # the box the text is drawn into, in pixels: its textLength / 10


@dataclass(frozen=True)
class _Layout:
    left: int  # the label box; 0 without a label
    right: int  # the message box
    height: int
    label: _Text | None
    message: _Text | None

    @property
    def width(self) -> int:
        return self.left + self.right


def _odd(n: int) -> int:
    # shields: an odd text width puts its centre on a half pixel, as the glyphs expect.
    return n if n % 2 else n + 1


def _layout(label: str, message: str, style: Style) -> _Layout:
    if style not in STYLES:
        raise ValueError(f"unknown badge style {style!r}")
    label, message = clean_text(label), clean_text(message)
    if style == "for-the-badge":
        return _big_layout(label.upper(), message.upper())
    label_width = _odd(box_width(label)) if label else 0
    message_width = _odd(box_width(message))
    left = label_width + 2 * _PAD if label else 0
    # shields overlaps the message box by one pixel into the label's, for the shadow.
    message_start = left - 1 if label and message else left
    return _Layout(
        left=left,
        right=message_width + 2 * _PAD,
        height=_HEIGHT,
        label=_Text(label, 10 * (1 + _PAD) + 5 * label_width, label_width) if label else None,
        message=(
            _Text(message, 10 * (message_start + _PAD) + 5 * message_width, message_width)
            if message
            else None
        ),
    )


def _big_layout(label: str, message: str) -> _Layout:
    label_width = box_width(label, _BIG_SIZE, spacing=_BIG_SPACING) if label else 0
    message_width = box_width(message, _BIG_SIZE, bold=True, spacing=_BIG_SPACING)
    left = label_width + 2 * _BIG_MARGIN if label else 0
    start = left + _BIG_MARGIN
    return _Layout(
        left=left,
        right=message_width + 2 * _BIG_MARGIN,
        height=_BIG_HEIGHT,
        label=_Text(label, 10 * _BIG_MARGIN + 5 * label_width, label_width) if label else None,
        message=_Text(message, 10 * start + 5 * message_width, message_width) if message else None,
    )


def badge_size(label: str, message: str, style: Style = "flat") -> tuple[int, int]:
    """The badge's width and height in pixels, for an `<img>`'s attributes."""
    layout = _layout(label, message, style)
    return layout.width, layout.height


def _text(text: _Text, y: int, fill: str, extra: str = "") -> str:
    if starts_right_to_left(text.content):
        extra += ' direction="rtl"'
    return (
        f'<text x="{text.x10}" y="{y}" transform="scale(.1)" fill="{fill}"{extra} '
        f'textLength="{10 * text.length}">{escape_xml(text.content)}</text>'
    )


def _flat_texts(layout: _Layout, color: str, shadow: bool) -> str:
    out = []
    for text, background in ((layout.label, LABEL_COLOR), (layout.message, color)):
        if text is None:
            continue
        fill, shadow_fill = _text_colors(background)
        if shadow:
            out.append(_text(text, 150, shadow_fill, ' fill-opacity=".3" aria-hidden="true"'))
        out.append(_text(text, 140, fill))
    return "".join(out)


def _background(layout: _Layout, label_color: str, color: str, gradient: str = "") -> str:
    h = layout.height
    rects = [
        f'<rect width="{layout.left}" height="{h}" fill="{label_color}"/>',
        f'<rect x="{layout.left}" width="{layout.right}" height="{h}" fill="{color}"/>',
    ]
    if gradient:
        rects.append(f'<rect width="{layout.width}" height="{h}" fill="url(#{gradient})"/>')
    return "".join(rects)


def _font(size: int) -> str:
    return (
        f'<g fill="#fff" text-anchor="middle" font-family="{FONT_FAMILY}" '
        f'text-rendering="geometricPrecision" font-size="{size}">'
    )


def _body(layout: _Layout, color: str, style: Style, suffix: str) -> list[str]:
    # Without a label shields draws a zero-wide label box in the message's colour.
    label_color = LABEL_COLOR if layout.label else color
    if style == "flat":
        gradient, clip = f"s{suffix}", f"r{suffix}"
        return [
            f'<linearGradient id="{gradient}" x2="0" y2="100%"><stop offset="0" '
            'stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/>'
            "</linearGradient>",
            f'<clipPath id="{clip}"><rect width="{layout.width}" height="{layout.height}" '
            'rx="3" fill="#fff"/></clipPath>',
            f'<g clip-path="url(#{clip})">{_background(layout, label_color, color, gradient)}</g>',
            f"{_font(110)}{_flat_texts(layout, color, shadow=True)}</g>",
        ]
    if style == "flat-square":
        return [
            f'<g shape-rendering="crispEdges">{_background(layout, label_color, color)}</g>',
            f"{_font(110)}{_flat_texts(layout, color, shadow=False)}</g>",
        ]
    texts = []
    if layout.label:
        texts.append(_text(layout.label, 175, _text_colors(LABEL_COLOR)[0]))
    if layout.message:
        texts.append(_text(layout.message, 175, _text_colors(color)[0], ' font-weight="bold"'))
    background = (
        _background(layout, LABEL_COLOR, color)
        if layout.label
        else f'<rect width="{layout.right}" height="{layout.height}" fill="{color}"/>'
    )
    return [
        f'<g shape-rendering="crispEdges">{background}</g>',
        f"{_font(10 * _BIG_SIZE)}{''.join(texts)}</g>",
    ]


def check_id_suffix(suffix: str) -> str:
    """The suffix when it may end an XML id; ValueError with a message for the user if not."""
    if not _ID_SUFFIX.fullmatch(suffix):
        raise ValueError(f"{suffix!r} may hold only letters, digits, - and _")
    return suffix


def render_badge(
    label: str, message: str, *, color: str, style: Style = "flat", id_suffix: str = ""
) -> str:
    """The badge as SVG text ending with a newline; `label` "" draws the message alone.

    `color` is hex or a shields colour name; `id_suffix` ([A-Za-z0-9_-]) ends the ids.
    """
    check_id_suffix(id_suffix)
    fill = parse_color(color)
    layout = _layout(label, message, style)
    name = escape_xml(accessible_text(label, message))
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.width}" '
        f'height="{layout.height}" role="img" aria-label="{name}">',
        f"<title>{name}</title>",
        *_body(layout, fill, style, id_suffix),
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def shields_endpoint(
    label: str, message: str, color: str, style: Style = "flat"
) -> dict[str, object]:
    """shields.io's endpoint JSON (schemaVersion 1) for the same badge."""
    if style not in STYLES:
        raise ValueError(f"unknown badge style {style!r}")
    return {
        "schemaVersion": 1,
        "label": clean_text(label),
        "message": clean_text(message),
        "color": parse_color(color),
        "style": style,
    }


def render_shields_json(label: str, message: str, color: str, style: Style = "flat") -> str:
    """`shields_endpoint` as a file: UTF-8 JSON, keys sorted, indent 2, final newline."""
    endpoint = shields_endpoint(label, message, color, style)
    return json.dumps(endpoint, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_badge_text(label: str, message: str) -> str:
    """The badge as a line of text: "label: message", or the message alone."""
    label, message = clean_text(label), clean_text(message)
    return (f"{label}: {message}" if label else message) + "\n"


def count_text(n: int) -> str:
    """A count as a badge shows it: 987, 45.6k, 1.2M, cut (never rounded up) to one decimal."""
    for size, unit in ((1_000_000, "M"), (1_000, "k")):
        if n >= size:
            tenths = n * 10 // size
            whole, tenth = divmod(tenths, 10)
            return f"{whole}{unit}" if tenth == 0 else f"{whole}.{tenth}{unit}"
    return str(n)


def badge_texts(report: Report, kind: str) -> tuple[str, str]:
    """The (label, message) of a badge of `kind` (one of KINDS) for a report."""
    badges = report.badges
    if kind == "streak":
        broken = report.streaks.current.status == "broken"
        # SPEC 6 words the streak badge "<length> streak"; the label says "streak" already.
        return "streak", "none" if broken else badges.streak.removesuffix(" streak")
    if kind == "est":
        return "blog", badges.est or "no posts yet"
    if kind == "footer":
        return "", badges.footer
    if kind == "posts":
        return "posts", str(report.totals.posts)
    if kind == "words":
        return "words", count_text(report.totals.words)
    raise ValueError(f"unknown badge kind {kind!r}: choose one of {', '.join(KINDS)}")
