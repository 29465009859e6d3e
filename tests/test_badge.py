"""The SVG badge and shields endpoint renderers: geometry, safety, determinism."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, get_args

import pytest

from badgecheck import SVG, assert_texts_fit, ids, parse, references, texts
from streakline.render.badge import (
    GREEN,
    GREY,
    NAMED_COLORS,
    STYLES,
    YELLOW,
    Style,
    badge_color,
    badge_size,
    count_text,
    parse_color,
    render_badge,
    render_badge_text,
    render_shields_json,
    shields_endpoint,
)
from streakline.render.badge_text import text_width

HEBREW_BLOG = "שלום"
HEBREW_POSTS = "5 פוסטים"
ENDPOINT_KEYS = {"schemaVersion", "label", "message", "color", "style"}
SAMPLES = [
    pytest.param("streak", "3y+", id="streak"),
    pytest.param("", "est. 2008 ● 3y+ streak", id="label-less"),
    pytest.param("words", "45.6k", id="words"),
    pytest.param("<script>alert('x')</script>", 'a "b" & c', id="markup"),
    pytest.param(HEBREW_BLOG, HEBREW_POSTS, id="hebrew"),
    pytest.param("مدونة", "est. 2008", id="arabic"),
    pytest.param("ブログ", "連続 3 週", id="japanese"),
    pytest.param("cafe\u0301", "naïve \u2013 ok…", id="accents"),
    pytest.param("i", "1", id="narrow"),
    pytest.param("W" * 40, "m" * 60, id="wide"),
    pytest.param("emoji", "\U0001f600 \u2705", id="emoji"),
]


def draw(label: str, message: str, **options: Any) -> str:
    """render_badge, checked as every badge here is: its texts fit their boxes."""
    svg = render_badge(label, message, **options)
    assert_texts_fit(svg)
    return svg


def svg_attr(svg: str, name: str) -> str:
    return parse(svg).attrib[name]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("label", "message", "name"),
    [("streak", "3y+", "labelled"), ("", "est. 2008 ● 3y+ streak", "label-less")],
)
def test_svg_matches_golden(
    golden: Callable[[str, str], None], style: Style, label: str, message: str, name: str
) -> None:
    svg = draw(label, message, color=GREEN, style=style)
    golden(f"badge_{style}_{name}.svg", svg)
    assert_texts_fit(svg)


def test_shields_json_matches_golden(golden: Callable[[str, str], None]) -> None:
    golden("badge_endpoint.json", render_shields_json("streak", "3y+", GREEN, "for-the-badge"))


def test_the_styles_are_shields_own() -> None:
    assert STYLES == get_args(Style) == ("flat", "flat-square", "for-the-badge")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(("label", "message"), SAMPLES)
def test_every_badge_parses_and_its_texts_fit(style: Style, label: str, message: str) -> None:
    svg = draw(label, message, color=YELLOW, style=style, id_suffix="-1")
    root = parse(svg)

    assert svg.endswith("</svg>\n")
    assert (int(root.attrib["width"]), int(root.attrib["height"])) == badge_size(
        label, message, style
    )
    assert root.attrib["role"] == "img"
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == root.attrib["aria-label"]
    assert_texts_fit(svg)
    assert references(svg) <= ids(svg)


@pytest.mark.parametrize(
    ("style", "size"),
    [("flat", (78, 20)), ("flat-square", (78, 20)), ("for-the-badge", (122, 28))],
)
def test_badge_sizes(style: Style, size: tuple[int, int]) -> None:
    # Flat: "streak" is 6413 units, 34.4 px at 11px: 35; "3y+" 4231 units, 22.7 px: 23; plus
    # 5 px either side. for-the-badge: "STREAK" is 8012 units, 39.1 px at 10px, plus 1.25 px a
    # letter: 47; bold "3Y+" 4624 units, 22.6 px + 3.75: 27; plus 12 px either side.
    assert badge_size("streak", "3y+", style) == size


def test_a_label_less_badge_is_the_message_box_alone() -> None:
    svg = draw("", "est. 2008", color=GREEN)
    assert svg_attr(svg, "aria-label") == "est. 2008"
    assert texts(svg) == ["est. 2008"]
    assert '<rect width="0" height="20" fill="#4c1"/>' in svg


def test_for_the_badge_is_upper_case_with_a_bold_message() -> None:
    svg = draw("streak", "3y+ streak", color=GREEN, style="for-the-badge")
    assert texts(svg) == ["STREAK", "3Y+ STREAK"]
    # Screen readers get the texts as written: some spell out words in capitals.
    assert svg_attr(svg, "aria-label") == "streak: 3y+ streak"
    bold = [el.text for el in parse(svg).iter() if el.attrib.get("font-weight") == "bold"]
    assert bold == ["3Y+ STREAK"]


def test_markup_quotes_and_ampersands_are_escaped() -> None:
    label, message = "<script>alert('x')</script>", 'a "b" & c'
    svg = draw(label, message, color=GREEN)

    assert "<script" not in svg
    assert "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;" in svg
    assert "a &quot;b&quot; &amp; c" in svg
    assert [el.tag.split("}")[1] for el in parse(svg).iter() if "script" in el.tag] == []
    assert texts(svg) == [label, message]
    assert svg_attr(svg, "aria-label") == f"{label}: {message}"


def test_right_to_left_parts_are_isolated_in_the_title() -> None:
    svg = draw(HEBREW_BLOG, "5 posts", color=GREEN)
    assert svg_attr(svg, "aria-label") == f"\u2068{HEBREW_BLOG}\u2069: 5 posts"
    assert texts(svg) == [HEBREW_BLOG, "5 posts"]
    latin = draw("streak", HEBREW_POSTS, color=GREEN)
    assert svg_attr(latin, "aria-label") == f"streak: \u2068{HEBREW_POSTS}\u2069"


def test_a_text_that_starts_right_to_left_is_drawn_right_to_left() -> None:
    svg = draw("streak", HEBREW_POSTS, color=GREEN, style="flat-square")
    drawn = [(el.text, el.attrib.get("direction")) for el in parse(svg).iter(f"{SVG}text")]
    assert drawn == [("streak", None), (HEBREW_POSTS, "rtl")]


def test_arabic_is_not_spread_apart_in_for_the_badge() -> None:
    # Letter spacing would pull joined Arabic letters apart: the box is the natural width.
    assert badge_size("", "مدونة", "for-the-badge") == (24 + 34, 28)
    assert text_width("مدونة", 10, bold=True) == 6782 * 10 / 2048  # 33.1 px: 34


def test_bidi_controls_and_control_characters_are_cleaned() -> None:
    # An unclosed RIGHT-TO-LEFT OVERRIDE would flip everything drawn after it.
    svg = draw("evil\u202eabc", "a\x00b\nc\udcff\u2066d", color=GREEN)
    assert texts(svg) == ["evilabc", "a\ufffdb c\ufffdd"]
    assert svg_attr(svg, "aria-label") == "evilabc: a\ufffdb c\ufffdd"
    svg.encode()  # no lone surrogate left


def test_endpoint_json_is_exactly_the_endpoint_keys() -> None:
    label, message = "<script>\u202e", 'a "b" & \\ c'
    data = shields_endpoint(label, message, "blue", "flat-square")
    text = render_shields_json(label, message, "blue", "flat-square")

    assert data == {
        "schemaVersion": 1,
        "label": "<script>",
        "message": 'a "b" & \\ c',
        "color": "#007ec6",
        "style": "flat-square",
    }
    assert set(data) == ENDPOINT_KEYS
    assert isinstance(data["message"], str)
    assert json.loads(text) == data
    assert text.endswith("}\n")


def test_a_label_less_endpoint_keeps_an_empty_label() -> None:
    assert shields_endpoint("", "est. 2008", GREEN) == {
        "schemaVersion": 1,
        "label": "",
        "message": "est. 2008",
        "color": GREEN,
        "style": "flat",
    }


def test_suffixes_keep_two_badges_ids_apart() -> None:
    first = draw("streak", "3y+", color=GREEN, id_suffix="-streak")
    second = draw("blog", "est. 2008", color=GREEN, id_suffix="-est")

    assert ids(first) == {"s-streak", "r-streak"}
    assert ids(second) == {"s-est", "r-est"}
    assert references(first) == ids(first)
    assert references(second) == ids(second)


@pytest.mark.parametrize("suffix", ["a b", '"', "x/y", "é"])
def test_an_id_suffix_must_be_a_plain_name(suffix: str) -> None:
    with pytest.raises(ValueError):
        render_badge("a", "b", color=GREEN, id_suffix=suffix)


@pytest.mark.parametrize("style", STYLES)
def test_the_same_input_gives_the_same_bytes(style: Style) -> None:
    runs = {draw("streak", "3y+", color=GREEN, style=style, id_suffix="x") for _ in "ab"}
    assert len(runs) == 1


@pytest.mark.parametrize(
    ("status", "color"), [("done", GREEN), ("at_risk", YELLOW), ("broken", GREY)]
)
def test_badge_color_follows_the_status(status: str, color: str) -> None:
    assert badge_color(status) == color


@pytest.mark.parametrize(
    ("text", "color"),
    [
        ("#abc", "#abc"),
        ("#AABBCC", "#aabbcc"),
        ("4c1", "#4c1"),
        ("brightgreen", "#4c1"),
        ("Blue", "#007ec6"),
        ("lightgray", "#9f9f9f"),
        ("critical", "#e05d44"),
    ],
)
def test_colours_as_shields_takes_them(text: str, color: str) -> None:
    assert parse_color(text) == color


@pytest.mark.parametrize("text", ["pink", "#abcd", "#ggg", "", "url(#x)", '#abc"'])
def test_other_colours_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a colour"):
        parse_color(text)
    with pytest.raises(ValueError):
        render_badge("a", "b", color=text)


def test_every_named_colour_is_hex() -> None:
    assert all(parse_color(color) == color for color in NAMED_COLORS.values())


def test_text_on_a_light_colour_is_dark() -> None:
    svg = draw("streak", "3y+", color="#eee", style="flat-square")
    fills = [el.attrib["fill"] for el in parse(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert fills == ["#fff", "#333"]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        pytest.param("0", 1303, id="digit"),
        pytest.param("streak", 1067 + 803 + 842 + 1260 + 1255 + 1186, id="word"),
        pytest.param("e\u0301", 1260, id="combining-mark"),
        pytest.param("中", 2 * 1303, id="cjk-counts-double"),
        pytest.param("\U0001f600", 2 * 1303, id="wide-emoji"),
        pytest.param("\U00010348", 1303, id="fallback"),
        pytest.param("\u200d", 0, id="zero-width-joiner"),
    ],
)
def test_widths_come_from_the_table(text: str, units: int) -> None:
    assert text_width(text, 11) == units * 11 / 2048


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1k"),
        (1099, "1k"),
        (1880, "1.8k"),
        (45_678, "45.6k"),
        (999_999, "999.9k"),
        (1_000_000, "1M"),
        (1_250_000, "1.2M"),
    ],
)
def test_counts_are_cut_never_rounded_up(n: int, text: str) -> None:
    assert count_text(n) == text


@pytest.mark.parametrize(
    ("label", "message", "line"),
    [
        ("streak", "3y+", "streak: 3y+\n"),
        ("", "est. 2008", "est. 2008\n"),
        ("a\nb", "c", "a b: c\n"),
    ],
)
def test_text_format(label: str, message: str, line: str) -> None:
    assert render_badge_text(label, message) == line


def test_the_badge_modules_are_pure() -> None:
    """export and the hook draw badges from plain reports: no git, no database."""
    from test_architecture import FORBIDDEN, closure

    for name in ("streakline.render.badge", "streakline.render.badge_text"):
        reached = closure(name)
        assert [m for m in reached if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)] == []
