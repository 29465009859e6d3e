"""Write src/streakline/render/badge_widths.py: DejaVu Sans advance widths for badge text.

Badges are drawn in "Verdana,Geneva,DejaVu Sans,sans-serif" and every text carries a
`textLength`, so the widths only have to be close to what a browser draws; they must never
depend on the fonts of the machine that renders the badge. Hence a table, made once from
the font files and committed, instead of a font library at run time.

    pip install fonttools
    apt-get install fonts-dejavu-core   # Debian, Ubuntu
    python tools/make_badge_widths.py

Run it again only to cover more characters or another font release; the output is the
same bytes for the same fonts.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from pathlib import Path

from fontTools.ttLib import TTFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "streakline" / "render" / "badge_widths.py"

# The blocks a blog's badge text plausibly uses: Latin with its accents, IPA and
# combining marks, Greek, Cyrillic, Hebrew, Arabic, Vietnamese and polytonic Greek,
# then punctuation, currency, letterlike symbols, arrows, maths, shapes, dingbats.
BLOCKS = ((0x0020, 0x06FF), (0x1E00, 0x1FFF), (0x2000, 0x27BF))
# Characters outside the table are as wide as "0", the width CSS calls `ch`.
FALLBACK_CHAR = "0"


def advances(path: Path) -> tuple[int, dict[int, int], str]:
    """Units per em, the advance of every covered code point, and the font's version."""
    font = TTFont(path)
    cmap = font.getBestCmap()
    metrics = font["hmtx"]
    version = font["name"].getDebugName(5) or "unknown version"
    covered = {
        code: metrics[cmap[code]][0]
        for first, last in BLOCKS
        for code in range(first, last + 1)
        if code in cmap
    }
    return font["head"].unitsPerEm, covered, version


def runs(widths: dict[int, int]) -> Iterator[tuple[int, list[int]]]:
    """Consecutive covered code points as (first, widths) runs."""
    start: int | None = None
    current: list[int] = []
    for code in sorted(widths):
        if start is not None and code == start + len(current):
            current.append(widths[code])
            continue
        if start is not None:
            yield start, current
        start, current = code, [widths[code]]
    if start is not None:
        yield start, current


def wrapped(numbers: Iterable[int], indent: str, width: int = 99) -> list[str]:
    lines: list[str] = []
    line = indent
    for number in numbers:
        item = f"{number}, "
        if len(line) + len(item.rstrip()) > width:
            lines.append(line.rstrip())
            line = indent
        line += item
    lines.append(line.rstrip())
    return lines


def table(name: str, widths: dict[int, int]) -> list[str]:
    out = [f"{name}: tuple[tuple[int, tuple[int, ...]], ...] = ("]
    for first, run in runs(widths):
        out.append(f"    (0x{first:04X}, (")
        out += wrapped(run, " " * 8)
        out.append("    )),")
    out.append(")")
    return out


def render(regular: Path, bold: Path) -> str:
    em, plain, version = advances(regular)
    bold_em, heavy, bold_version = advances(bold)
    if em != bold_em:
        raise SystemExit(f"{regular} and {bold} differ in units per em ({em}, {bold_em})")
    lines = [
        '"""Advance widths of DejaVu Sans and DejaVu Sans Bold for badge text. Generated: do not',
        "edit; run tools/make_badge_widths.py again.",
        "",
        f"From {regular.name} ({version}) and {bold.name} ({bold_version}). Widths are in",
        f"font units, {em} to the em: at 11px a character is `units * 11 / {em}` pixels wide.",
        f'A code point missing here is as wide as FALLBACK (the width of "{FALLBACK_CHAR}").',
        '"""',
        "",
        f"UNITS_PER_EM = {em}",
        f"FALLBACK = {plain[ord(FALLBACK_CHAR)]}",
        f"FALLBACK_BOLD = {heavy[ord(FALLBACK_CHAR)]}",
        "",
        "# (first code point, advances of it and of the code points right after it)",
        "# fmt: off",
        *table("REGULAR", plain),
        "",
        *table("BOLD", heavy),
        "# fmt: on",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regular", type=Path, default=FONTS / "DejaVuSans.ttf")
    parser.add_argument("--bold", type=Path, default=FONTS / "DejaVuSans-Bold.ttf")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    text = render(args.regular, args.bold)
    if args.output.exists() and args.output.read_text("utf-8") == text:
        print(f"{args.output} is up to date")
        return
    args.output.write_text(text, "utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
