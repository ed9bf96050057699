"""Code-point to UTF-16 offsets: emoji count two units, everything in the BMP one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storydiff.diffing import utf16_offset, utf16_spans


def utf16_length(text: str) -> int:
    """The reference answer: the length of ``text`` encoded as UTF-16."""
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("", 0, 0),
        ("plain", 5, 5),
        ("😀", 1, 2),  # astral: a surrogate pair
        ("😀x", 2, 3),
        ("a😀b😀c", 4, 6),
        ("café", 4, 4),  # precomposed é is one unit
        ("cafe\u0301", 5, 5),  # decomposed: e + combining acute, one unit each
        ("日本語テキスト", 3, 3),  # CJK in the BMP
        ("𠮷野家", 1, 2),  # CJK extension B is astral
        ("👍🏽!", 2, 4),  # emoji plus skin-tone modifier: two astral code points
    ],
)
def test_utf16_offset_examples(text: str, index: int, expected: int) -> None:
    assert utf16_offset(text, index) == expected


@given(st.text(), st.data())
def test_utf16_offset_matches_the_encoder(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert utf16_offset(text, index) == utf16_length(text[:index])


@pytest.mark.parametrize("index", [-1, 4])
def test_utf16_offset_rejects_indexes_outside_the_text(index: int) -> None:
    with pytest.raises(ValueError):
        utf16_offset("abc", index)


def test_utf16_spans_keep_order_and_kind() -> None:
    text = "😀 green 😀 grey"
    spans = [(10, 14, "name"), (2, 7, "substitution"), (0, 1, "emoji")]
    assert utf16_spans(text, spans) == [(12, 16, "name"), (3, 8, "substitution"), (0, 2, "emoji")]


def test_utf16_spans_accept_any_iterable_and_empty_input() -> None:
    assert utf16_spans("😀", iter([(0, 1, None)])) == [(0, 2, None)]
    assert utf16_spans("anything", []) == []


def test_utf16_spans_reject_offsets_outside_the_text() -> None:
    with pytest.raises(ValueError):
        utf16_spans("abc", [(0, 4, "x")])


@given(st.text(), st.data())
def test_utf16_spans_agree_with_utf16_offset(text: str, data: st.DataObject) -> None:
    offsets = st.integers(min_value=0, max_value=len(text))
    spans = data.draw(st.lists(st.tuples(offsets, offsets).map(sorted), max_size=8))
    spans = [(start, end, i) for i, (start, end) in enumerate(spans)]
    expected = [(utf16_offset(text, s), utf16_offset(text, e), k) for s, e, k in spans]
    assert utf16_spans(text, spans) == expected
