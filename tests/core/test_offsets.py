"""Code points against view positions: characters beyond U+FFFF, line breaks the view adds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.offsets import ViewOffsets, paragraph_gaps, with_gaps


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.text(alphabet=st.sampled_from(["a", "é", "中", "😀", "𝄞", "\n", " "]), max_size=60))
def test_conversion_matches_utf16_encoding_both_ways(text: str) -> None:
    offsets = ViewOffsets(text)
    for cp in range(len(text) + 1):
        unit = utf16_len(text[:cp])
        assert offsets.to_utf16(cp) == unit
        assert offsets.to_code_point(unit) == cp


def test_unit_inside_a_surrogate_pair_maps_to_its_character() -> None:
    offsets = ViewOffsets("x😀y")
    assert offsets.to_code_point(2) == 1
    assert not offsets.identity
    assert ViewOffsets("plain text é").identity


PARAGRAPH = "The minister said the talks would go on. " * 4  # a long line


@given(
    st.text(alphabet=st.sampled_from(["a", "é", "😀", "𝄞", "\n", " "]), max_size=60),
    st.sets(st.integers(min_value=0, max_value=60)),
)
def test_added_line_breaks_and_astral_characters_together(text: str, gap_set: set[int]) -> None:
    gaps = sorted(g for g in gap_set if g <= len(text))
    shown = with_gaps(text, gaps)
    assert shown.replace("\n", "") == text.replace("\n", "") and len(shown) == len(text) + len(gaps)
    offsets = ViewOffsets(text, gaps)
    assert offsets.identity == (not gaps and utf16_len(text) == len(text))
    for cp in range(len(text) + 1):
        # The view before this character: the text before it and the breaks added up to here.
        unit = utf16_len(with_gaps(text[:cp], [g for g in gaps if g < cp]) + "\n" * (cp in gaps))
        assert offsets.to_utf16(cp) == unit
        assert offsets.to_code_point(unit) == cp
        if cp in gaps:  # the added break itself belongs to the character after it
            assert offsets.to_code_point(unit - 1) == cp
        # A range ending here stops before a break added here.
        assert offsets.to_utf16(cp, end=True) == unit - (cp in gaps)


def test_one_paragraph_per_line_gets_an_empty_line_after_each() -> None:
    text = f"Headline of the day\n{PARAGRAPH}\n{PARAGRAPH}\n\n{PARAGRAPH}\n"
    gaps = paragraph_gaps(text)
    first = text.index("\n") + 1
    second = text.index("\n", first) + 1
    assert gaps == [first, second]  # not at the empty line, nor at the end
    assert with_gaps(text, gaps) == f"Headline of the day\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n"


def test_wrapped_or_spaced_texts_are_shown_as_they_are() -> None:
    wrapped = "\n".join(["It was a bright cold day in April, and the clocks were striking"] * 30)
    spaced = "\n\n".join([PARAGRAPH] * 10)
    assert paragraph_gaps(wrapped) == []
    assert paragraph_gaps(spaced) == []
    assert paragraph_gaps(PARAGRAPH) == []
    assert paragraph_gaps("") == []


def test_a_table_of_contents_does_not_hide_a_book_of_one_line_paragraphs() -> None:
    contents = "\n".join(f"CHAPTER {n}" for n in range(1, 200)) + "\n\n"
    book = contents + "\n".join([PARAGRAPH * 2] * 40)
    gaps = paragraph_gaps(book)
    assert len(gaps) == 198 + 39  # between chapter titles too, but not at the empty line
    assert gaps[-1] == book.rindex("\n") + 1


def test_a_long_line_is_shown_in_pieces_broken_after_spaces_and_offsets_hold() -> None:
    from reader.core.offsets import LONG_LINE_CHARS, long_line_breaks, view_breaks

    words = "Pierre walked 😀 with Natasha through Moscow and "
    text = "Short line.\n" + words * (3 * LONG_LINE_CHARS // len(words)) + "end\n" + "x" * (LONG_LINE_CHARS + 10) + "\n"
    breaks = long_line_breaks(text)
    assert len(breaks) == 4  # three pieces of the prose line's 12,000 characters, two of the word
    assert all(text[b - 1] == " " for b in breaks[:3])  # a word is never cut...
    assert breaks[3] == text.index("x") + LONG_LINE_CHARS  # ...unless it is longer than the limit
    shown = with_gaps(text, breaks)
    assert max(len(line) for line in shown.split("\n")) <= LONG_LINE_CHARS
    offsets = ViewOffsets(text, breaks)
    for cp in (0, breaks[0] - 1, breaks[0], breaks[1] + 5, len(text)):
        assert offsets.to_code_point(offsets.to_utf16(cp)) == cp
    assert view_breaks("Short.\n") == [] and view_breaks(text, paragraph_spacing=False) == breaks
