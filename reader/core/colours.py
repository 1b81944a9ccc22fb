"""Colour names, map captions (``Russia = Red``) and automatic country colours."""

from __future__ import annotations

import functools
import math
import re
import threading
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


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _gamma(channel: float) -> float:
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


_WHITE = (0.95047, 1.0, 1.08883)  # D65


def _lab_f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def _lab_f_inverse(t: float) -> float:
    return t**3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)


@functools.lru_cache(maxsize=4096)
def to_lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB ``#rrggbb`` colour."""
    r, g, b = (_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / _WHITE[0]
    y = (0.2126 * r + 0.7152 * g + 0.0722 * b) / _WHITE[1]
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / _WHITE[2]
    fx, fy, fz = _lab_f(x), _lab_f(y), _lab_f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def from_lch(lightness: float, chroma: float, hue: float) -> str | None:
    """The sRGB ``#rrggbb`` of a CIE LCh colour (hue in degrees), or None outside sRGB."""
    a, b = chroma * math.cos(math.radians(hue)), chroma * math.sin(math.radians(hue))
    fy = (lightness + 16) / 116
    x = _WHITE[0] * _lab_f_inverse(fy + a / 500)
    y = _WHITE[1] * _lab_f_inverse(fy)
    z = _WHITE[2] * _lab_f_inverse(fy - b / 200)
    rgb = (
        3.2406 * x - 1.5372 * y - 0.4986 * z,
        -0.9689 * x + 1.8758 * y + 0.0415 * z,
        0.0557 * x - 0.2040 * y + 1.0570 * z,
    )
    channels = [_gamma(c) for c in rgb]
    if any(c < -0.001 or c > 1.001 for c in channels):
        return None
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in channels)


def delta_e(first: str, second: str) -> float:
    """CIEDE2000 colour difference of two ``#rrggbb`` colours (about 2.3 is just noticeable)."""
    return delta_e_lab(to_lab(first), to_lab(second))


def delta_e_lab(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """CIEDE2000 difference of two CIE L*a*b* colours (Sharma, Wu and Dalal, 2005)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    dl, dc = l2 - l1, c2 - c1
    dh = 0.0
    if c1 and c2:
        dh = h2 - h1
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    d_big_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    h_mean = h1 + h2
    if c1 and c2:
        h_mean = (h1 + h2) / 2 if abs(h1 - h2) <= 180 else (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * c_mean
    s_h = 1 + 0.015 * c_mean * t
    r_t = (
        -2
        * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (d_big_h / s_h) ** 2 + r_t * (dc / s_c) * (d_big_h / s_h))


#: How far (CIEDE2000) an automatic colour stays from every caption colour.
CAPTION_CLEARANCE = 20.0


#: Saturated colours closer in hue than this (degrees of CIE LCh) read as the same colour's name.
HUE_CLEARANCE = 22.0


def lch_of(colour: str) -> tuple[float, float, float]:
    """CIE LCh (lightness, chroma, hue in degrees) of ``#rrggbb``."""
    lightness, a, b = to_lab(colour)
    return lightness, math.hypot(a, b), math.degrees(math.atan2(b, a)) % 360


def _clashes(colour: str, caption: str) -> bool:
    """Whether ``colour`` could be taken for the caption's ``caption`` colour."""
    if delta_e(colour, caption) < CAPTION_CLEARANCE:
        return True
    _l1, c1, h1 = lch_of(colour)
    _l2, c2, h2 = lch_of(caption)
    apart = abs(h1 - h2) % 360
    return c1 > 25 and c2 > 25 and min(apart, 360 - apart) < HUE_CLEARANCE


def _candidates() -> tuple[str, ...]:
    # Mid-light, clearly coloured fills that read on both themes' land and ocean:
    # no near-greys, nothing near black or white.
    found = []
    for lightness in (48, 58, 68, 78):
        for chroma in (32, 46, 60):
            for step in range(24):
                colour = from_lch(lightness, chroma, step * 15 + 7.5)
                if colour is not None:
                    found.append(colour)
    return tuple(dict.fromkeys(found))


#: The colours automatic choices are drawn from (CIE LCh grid inside sRGB).
AUTO_CANDIDATES: tuple[str, ...] = _candidates()

#: The map's own land and ocean fills (both themes), which no country's colour should resemble.
MAP_FILLS: tuple[str, ...] = ("#e9e6df", "#dbe7f0", "#4a4d52", "#1a2530")


def automatic_colours(count: int, taken: Iterable[str]) -> list[str]:
    """Return ``count`` distinct colours that stay clear of the ``taken`` caption colours.

    Farthest-point choice in CIEDE2000: each colour is the candidate farthest from
    the caption colours, the map's fills and the colours already chosen, so the
    first (most mentioned) countries get the most distinct colours, and adding a
    country never changes the others'. Clashing candidates are never used; colours repeat
    only when every other candidate is used up. A candidate clashes with a caption
    colour when it is within :data:`CAPTION_CLEARANCE` of it, or of a like hue
    (:data:`HUE_CLEARANCE`) with both clearly coloured.
    """
    caption = tuple(c.lower() for c in taken)
    with _SEQUENCES_LOCK:
        sequence = _SEQUENCES.get(caption)
        if sequence is None:
            sequence = _SEQUENCES[caption] = _Sequence(caption)
        chosen = sequence.first(count)
    return [chosen[i % len(chosen)] for i in range(count)] if chosen else []


class _Sequence:
    """The farthest-point order of the candidates for one set of caption colours, made as far as asked.

    Because adding a country never changes the others' colours, each answer is
    the start of one order: a text analysed in steps (a book) extends it, never
    makes it again.
    """

    def __init__(self, caption: tuple[str, ...]) -> None:
        pool = [c for c in AUTO_CANDIDATES if not any(_clashes(c, t) for t in caption)]
        self.pool = pool or list(AUTO_CANDIDATES)
        self.nearest = {c: min([delta_e(c, t) for t in (*caption, *MAP_FILLS)]) for c in self.pool}
        self.chosen: list[str] = []

    def first(self, count: int) -> list[str]:
        while len(self.chosen) < min(count, len(self.pool)):
            best = max(self.pool, key=lambda c: self.nearest[c])
            self.chosen.append(best)
            self.nearest[best] = -1.0
            for c in self.pool:
                if self.nearest[c] >= 0:
                    self.nearest[c] = min(self.nearest[c], delta_e(c, best))
        return self.chosen[:count]


_SEQUENCES: dict[tuple[str, ...], _Sequence] = {}
_SEQUENCES_LOCK = threading.Lock()


def contrast_text_colour(colour: str, light: str = "#ffffff", dark: str = "#111111") -> str:
    """Pick light or dark text for legibility on ``colour`` (WCAG relative luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return dark if luminance > 0.3 else light
