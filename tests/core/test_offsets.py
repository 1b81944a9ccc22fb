"""Code points against UTF-16 units, with characters beyond U+FFFF."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.offsets import Utf16Offsets


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.sampled_from(["a", "é", "中", "😀", "𝄞", "\n", " "]), max_size=60))
def test_conversion_matches_utf16_encoding_both_ways(text: str) -> None:
    offsets = Utf16Offsets(text)
    for cp in range(len(text) + 1):
        unit = utf16_len(text[:cp])
        assert offsets.to_utf16(cp) == unit
        assert offsets.to_code_point(unit) == cp


def test_unit_inside_a_surrogate_pair_maps_to_its_character() -> None:
    offsets = Utf16Offsets("x😀y")
    assert offsets.to_code_point(2) == 1
    assert not offsets.identity
    assert Utf16Offsets("plain text é").identity
