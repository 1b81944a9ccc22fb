"""Map captions and colours."""

from __future__ import annotations

from itertools import combinations

import pytest

from reader.core.colours import (
    AUTO_CANDIDATES,
    MAP_FILLS,
    automatic_colours,
    contrast_text_colour,
    delta_e,
    delta_e_lab,
    find_caption_lines,
    lch_of,
    parse_colour,
    to_lab,
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


REFERENCE_CAPTION = ["#ff0000", "#ffa500", "#008000"]  # Russia = Red, Orange = North Korea, Green = Ukraine


def _hue_apart(first: str, second: str) -> float:
    d = abs(lch_of(first)[2] - lch_of(second)[2]) % 360
    return min(d, 360 - d)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [  # from Sharma, Wu and Dalal's CIEDE2000 test data
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
        ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
        ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),
    ],
)
def test_delta_e_matches_the_published_values(first, second, expected) -> None:
    assert delta_e_lab(first, second) == pytest.approx(expected, abs=1e-3)
    assert delta_e_lab(second, first) == pytest.approx(expected, abs=1e-3)


def test_lab_of_srgb_primaries() -> None:
    assert to_lab("#ff0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.05)
    assert to_lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.05)
    assert delta_e("#4e79a7", "#4e79a7") == 0


@pytest.mark.parametrize("taken", [[], REFERENCE_CAPTION, ["#0000ff", "#ffff00"], ["#e0a000"]])
def test_twenty_automatic_colours_are_all_clearly_different(taken) -> None:
    colours = automatic_colours(20, taken)
    assert len(set(colours)) == 20
    nearest = min(delta_e(a, b) for a, b in combinations(colours, 2))
    assert nearest >= 10, nearest  # CIEDE2000: 2.3 is just noticeable; 10 is plainly another colour


@pytest.mark.parametrize("taken", [REFERENCE_CAPTION, ["#0000ff", "#ffff00"], ["#e0a000", "#800080"]])
def test_automatic_colours_never_look_like_a_caption_colour(taken) -> None:
    for colour in automatic_colours(30, taken):
        for t in taken:
            assert delta_e(colour, t) >= 20, (colour, t)
            assert _hue_apart(colour, t) >= 22, (colour, t)


def test_automatic_colours_stand_out_from_land_and_sea() -> None:
    for colour in automatic_colours(20, REFERENCE_CAPTION):
        for fill in MAP_FILLS:
            assert delta_e(colour, fill) >= 15, (colour, fill)


def test_more_countries_keep_the_first_ones_colours() -> None:
    assert automatic_colours(20, REFERENCE_CAPTION)[:7] == automatic_colours(7, REFERENCE_CAPTION)


def test_colours_repeat_only_when_every_candidate_is_used() -> None:
    many = automatic_colours(len(AUTO_CANDIDATES) + 2, [])
    assert len(set(many[: len(AUTO_CANDIDATES)])) == len(AUTO_CANDIDATES)
    assert many[len(AUTO_CANDIDATES)] == many[0]
    assert automatic_colours(0, REFERENCE_CAPTION) == []


def test_contrast_text_colour() -> None:
    assert contrast_text_colour("#000080") == "#ffffff"
    assert contrast_text_colour("#ffff00") == "#111111"
