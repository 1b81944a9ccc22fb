"""Colour names, map captions (``Russia = Red``) and automatic country colours."""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable
from dataclasses import dataclass

# The CSS colour keywords a caption is likely to use, with their CSS values,
# plus a few everyday names CSS lacks.
NAMED_COLOURS: dict[str, str] = {
    "red": "#ff0000",
    "darkred": "#8b0000",
    "crimson": "#dc143c",
    "firebrick": "#b22222",
    "maroon": "#800000",
    "pink": "#ffc0cb",
    "hotpink": "#ff69b4",
    "deeppink": "#ff1493",
    "salmon": "#fa8072",
    "coral": "#ff7f50",
    "tomato": "#ff6347",
    "orange": "#ffa500",
    "darkorange": "#ff8c00",
    "orangered": "#ff4500",
    "gold": "#ffd700",
    "yellow": "#ffff00",
    "lightyellow": "#ffffe0",
    "khaki": "#f0e68c",
    "amber": "#ffbf00",
    "beige": "#f5f5dc",
    "tan": "#d2b48c",
    "brown": "#a52a2a",
    "chocolate": "#d2691e",
    "sienna": "#a0522d",
    "green": "#008000",
    "darkgreen": "#006400",
    "lightgreen": "#90ee90",
    "lime": "#00ff00",
    "limegreen": "#32cd32",
    "forestgreen": "#228b22",
    "olive": "#808000",
    "seagreen": "#2e8b57",
    "mint": "#98ff98",
    "teal": "#008080",
    "turquoise": "#40e0d0",
    "cyan": "#00ffff",
    "aqua": "#00ffff",
    "lightblue": "#add8e6",
    "skyblue": "#87ceeb",
    "blue": "#0000ff",
    "darkblue": "#00008b",
    "navy": "#000080",
    "royalblue": "#4169e1",
    "steelblue": "#4682b4",
    "dodgerblue": "#1e90ff",
    "purple": "#800080",
    "violet": "#ee82ee",
    "indigo": "#4b0082",
    "magenta": "#ff00ff",
    "fuchsia": "#ff00ff",
    "lavender": "#e6e6fa",
    "plum": "#dda0dd",
    "black": "#000000",
    "white": "#ffffff",
    "grey": "#808080",
    "gray": "#808080",
    "lightgrey": "#d3d3d3",
    "lightgray": "#d3d3d3",
    "darkgrey": "#a9a9a9",
    "darkgray": "#a9a9a9",
    "silver": "#c0c0c0",
}

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_CAPTION = re.compile(r"^\s*(?P<left>[^=:]{1,60}?)\s*[=:]\s*(?P<right>[^=:]{1,60}?)\s*$")


def parse_colour(word: str) -> str | None:
    """Return ``#rrggbb`` for a colour name (``"Dark Green"``) or hex code, else None."""
    word = word.strip()
    if _HEX.fullmatch(word):
        digits = word[1:].lower()
        if len(digits) == 3:
            digits = "".join(ch * 2 for ch in digits)
        return "#" + digits
    return NAMED_COLOURS.get(re.sub(r"[\s_-]+", "", word.casefold()))


@dataclass(frozen=True, slots=True)
class CaptionLine:
    """One map-caption line: ``name`` at code points ``start:end`` gets ``colour``."""

    name: str
    start: int
    end: int
    colour: str


def find_caption_lines(text: str) -> list[CaptionLine]:
    """Find lines such as ``Russia = Red`` or ``Orange = North Korea``.

    Either side may be the colour (a name or ``#hex``); the other side is the
    place name. Lines whose sides are both or neither colours are ignored.
    """
    found: list[CaptionLine] = []
    offset = 0
    for line in text.split("\n"):
        if "=" in line or ":" in line:
            m = _CAPTION.match(line)
            if m:
                left, right = parse_colour(m["left"]), parse_colour(m["right"])
                if (left is None) != (right is None):
                    group = "left" if left is None else "right"
                    colour = right if left is None else left
                    assert colour is not None
                    found.append(CaptionLine(m[group], offset + m.start(group), offset + m.end(group), colour))
        offset += len(line) + 1
    return found


def _hue_lightness(colour: str) -> tuple[float, float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, l, s = colorsys.rgb_to_hls(r, g, b)
    return h, l, s


def _hue_distance(a: float, b: float) -> float:
    d = abs(a - b) % 1.0
    return min(d, 1.0 - d)


# Muted, distinct hues for countries the caption does not colour; none is a
# pure red, orange or green, so they are not mistaken for a caption's colours.
AUTO_PALETTE: tuple[str, ...] = (
    "#4e79a7", "#b07aa1", "#76b7b2", "#edc948", "#d37295",
    "#9c755f", "#2f4b7c", "#a0cbe8", "#8cd17d", "#79706e",
    "#f1ce63", "#86bcb6", "#ff9da7", "#bab0ac", "#499894",
)  # fmt: skip


def automatic_colours(count: int, taken: Iterable[str]) -> list[str]:
    """Return ``count`` colours that stay clear of the ``taken`` caption colours.

    Palette entries within 0.06 of a taken colour's hue (with both saturated)
    are skipped while others remain; when the palette runs out, it repeats.
    """
    taken_hls = [_hue_lightness(c) for c in taken]

    def clashes(colour: str) -> bool:
        h, l, s = _hue_lightness(colour)
        for th, tl, ts in taken_hls:
            if ts > 0.25 and s > 0.1 and _hue_distance(h, th) < 0.06:
                return True
            if abs(l - tl) < 0.04 and _hue_distance(h, th) < 0.02:
                return True
        return colour.lower() in taken_set

    taken_set = {c.lower() for c in taken}
    choices = [c for c in AUTO_PALETTE if not clashes(c)] or list(AUTO_PALETTE)
    return [choices[i % len(choices)] for i in range(count)]


def contrast_text_colour(colour: str, light: str = "#ffffff", dark: str = "#111111") -> str:
    """Pick light or dark text for legibility on ``colour`` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return dark if luminance > 0.3 else light
