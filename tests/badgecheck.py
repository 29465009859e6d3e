"""Checks every badge test runs on an SVG: it parses, and each text fits its box."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from streakline.render.badge_text import spaced_characters, text_width

SVG = "{http://www.w3.org/2000/svg}"
# Padding either side of a text: shields' 5 px (flat, flat-square), 12 px (for-the-badge).
PADDING = {20: 5, 28: 12}


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def ids(svg: str) -> set[str]:
    return {el.attrib["id"] for el in parse(svg).iter() if "id" in el.attrib}


def references(svg: str) -> set[str]:
    return set(re.findall(r"url\(#([^)]*)\)", svg))


def texts(svg: str) -> list[str]:
    """The texts drawn, shadows left out, label first."""
    return [
        el.text or ""
        for el in parse(svg).iter(f"{SVG}text")
        if el.attrib.get("aria-hidden") != "true"
    ]


def assert_texts_fit(svg: str) -> None:
    """Each text's textLength holds it at its natural width (by the width table), and lies
    inside its box (the label's or the message's rect) with the style's padding."""
    root = parse(svg)
    height = int(root.attrib["height"])
    pad = PADDING[height]
    rects = [
        rect
        for rect in root.iter(f"{SVG}rect")
        if rect.attrib.get("fill", "").startswith("#") and "rx" not in rect.attrib
    ]
    boxes = []
    for rect in rects:
        start = int(rect.attrib.get("x", "0"))
        boxes.append((start, start + int(rect.attrib["width"])))
    assert boxes[-1][1] == int(root.attrib["width"])
    for text in root.iter(f"{SVG}text"):
        content = text.text or ""
        length = int(text.attrib["textLength"]) / 10
        centre = int(text.attrib["x"]) / 10
        if height == 28:
            bold = text.attrib.get("font-weight") == "bold"
            natural = text_width(content, 10, bold=bold) + 1.25 * spaced_characters(content)
        else:
            natural = text_width(content, 11)
        assert natural <= length, (content, natural, length)
        first, last = next((a, b) for a, b in boxes if a < centre < b)
        assert length <= (last - first) - 2 * pad, (content, length, first, last)
        # shields draws a flat message one pixel into the label's box, for its shadow.
        assert centre - length / 2 >= first + pad - 1, (content, centre, length, first)
        assert centre + length / 2 <= last - pad + 1, (content, centre, length, last)
