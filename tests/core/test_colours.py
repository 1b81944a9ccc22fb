"""Map captions and colours."""

from __future__ import annotations

import colorsys

import pytest

from reader.core.colours import (
    AUTO_PALETTE,
    automatic_colours,
    contrast_text_colour,
    find_caption_lines,
    parse_colour,
)


@pytest.mark.parametrize(
    ("word", "hex_"),
    [
        ("Red", "#ff0000"),
        ("orange", "#ffa500"),
        ("Dark Green", "#006400"),
        ("#0A0", "#00aa00"),
        ("#e0a000", "#e0a000"),
        ("grey", "#808080"),
    ],
)
def test_colour_names_and_hex_codes(word: str, hex_: str) -> None:
    assert parse_colour(word) == hex_


def test_unknown_colour_word_is_none() -> None:
    assert parse_colour("Moscow") is None
    assert parse_colour("#12345") is None


def test_caption_lines_in_either_order_with_offsets() -> None:
    text = "Intro line.\nRussia = Red\nOrange = North Korea\nGreen : Ukraine\nSpain = #e0a000\n"
    lines = find_caption_lines(text)
    assert [(c.name, c.colour) for c in lines] == [
        ("Russia", "#ff0000"),
        ("North Korea", "#ffa500"),
        ("Ukraine", "#008000"),
        ("Spain", "#e0a000"),
    ]
    for line in lines:
        assert text[line.start : line.end] == line.name


def test_prose_with_equals_or_colon_is_not_a_caption() -> None:
    text = "Note: the talks resume on Monday.\nx = y\nRed = Blue\n"
    assert find_caption_lines(text) == []


def _hue(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[0]


def test_automatic_colours_avoid_the_caption_hues() -> None:
    taken = ["#ff0000", "#ffa500", "#008000"]
    colours = automatic_colours(6, taken)
    assert len(set(colours)) == 6
    for colour in colours:
        for t in taken:
            d = abs(_hue(colour) - _hue(t)) % 1.0
            assert min(d, 1 - d) >= 0.06, (colour, t)


def test_automatic_colours_repeat_when_many_are_needed() -> None:
    colours = automatic_colours(len(AUTO_PALETTE) + 3, [])
    assert colours[: len(AUTO_PALETTE)] == list(AUTO_PALETTE)
    assert colours[len(AUTO_PALETTE)] == AUTO_PALETTE[0]


def test_contrast_text_colour() -> None:
    assert contrast_text_colour("#000080") == "#ffffff"
    assert contrast_text_colour("#ffff00") == "#111111"
