"""Word diff and passage edits: exact rebuilds, whole-word edits, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.core.model import ChangeKind
from storydiff.diffing import Edit, diff_passages, word_count, word_diff
from storydiff.diffing.tokens import is_word, tokenize, word_tokens

# Pieces that exercise the tokeniser: words, numbers, contractions, accents
# (precomposed and combining), emoji (astral, with modifiers), CJK, quote
# marks of every style, dashes, ellipses, whitespace runs and newlines.
PIECES = [
    "the", "The", "green", "grey", "house", "said", "mentioned", "war", "warfare",
    "Smith", "NATO", "not", "never", "3", "3.5", "1,000", "three", "don't", "don’t",
    "café", "cafe\u0301", "naïve", "日本語", "漢字", "😀", "👍🏽", "🇫🇷",
    " ", "  ", "\n", "\n\n", "\t", ",", ".", "...", "…", "—", "-", "–",
    '"', "“", "”", "'", "‘", "’", "«", "»", "!", "?", "(", ")", "$", "%",
]

piece_texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map("".join)
texts = st.text() | piece_texts


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a lightly edited copy of it: the realistic case for the diff."""
    pieces = draw(st.lists(st.sampled_from(PIECES), max_size=40))
    edited = []
    for piece in pieces:
        action = draw(st.sampled_from(["keep", "keep", "keep", "drop", "swap", "add"]))
        if action in ("keep", "add"):
            edited.append(piece)
        if action in ("swap", "add"):
            edited.append(draw(st.sampled_from(PIECES)))
    return "".join(pieces), "".join(edited)


pairs = st.tuples(texts, texts) | edited_pairs()


def rebuild(diffs: list[tuple[int, str]]) -> tuple[str, str]:
    """Both sides of a diff: ops <= 0 give the old text, ops >= 0 the new."""
    old = "".join(text for op, text in diffs if op <= 0)
    new = "".join(text for op, text in diffs if op >= 0)
    return old, new


def apply_edits(a: str, edits: list[Edit]) -> str:
    """Replace each edit's ``a[a_start:a_end]`` with its ``after``, last first."""
    for edit in sorted(edits, key=lambda edit: edit.a_start, reverse=True):
        a = a[: edit.a_start] + edit.after + a[edit.a_end :]
    return a


def boundaries(pieces: list[str]) -> set[int]:
    """Offsets where ``pieces`` (concatenated) change from one piece to the next."""
    offsets, position = {0}, 0
    for piece in pieces:
        position += len(piece)
        offsets.add(position)
    return offsets


# --- tokeniser -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("don't stop", ["don't", " ", "stop"]),
        ("rock’n’roll", ["rock’n’roll"]),
        ("$3.5 million, 1,000", ["$", "3.5", " ", "million", ",", " ", "1,000"]),
        ("U.S.", ["U", ".", "S", "."]),
        ("'quoted'", ["'", "quoted", "'"]),
        ("end.\n\nNext", ["end", ".", "\n\n", "Next"]),
        ("cafe\u0301 😀!", ["cafe\u0301", " ", "😀", "!"]),
        ("—…", ["—", "…"]),
    ],
)
def test_tokenize_splits_words_spaces_and_single_marks(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@given(texts)
def test_tokenize_loses_nothing(text: str) -> None:
    assert "".join(tokenize(text)) == text


@pytest.mark.parametrize(
    ("text", "count"),
    [("", 0), ("  \n", 0), ("don't stop, 3.5 km", 4), ("Il a dit « non » 😀.", 4), ("日本語", 1)],
)
def test_word_count_counts_word_tokens(text: str, count: int) -> None:
    assert word_count(text) == count


# --- word_diff -------------------------------------------------------------


@given(pairs)
def test_word_diff_rebuilds_both_texts(pair: tuple[str, str]) -> None:
    a, b = pair
    assert rebuild(word_diff(a, b)) == (a, b)


@given(pairs)
def test_word_diff_ops_are_whole_tokens(pair: tuple[str, str]) -> None:
    a, b = pair
    diffs = word_diff(a, b)
    assert all(text for _, text in diffs)
    a_cuts = boundaries([text for op, text in diffs if op <= 0])
    b_cuts = boundaries([text for op, text in diffs if op >= 0])
    assert a_cuts <= boundaries(tokenize(a))
    assert b_cuts <= boundaries(tokenize(b))


@given(pairs, st.integers(min_value=2, max_value=12))
def test_word_diff_stays_exact_when_tokens_run_out(pair: tuple[str, str], capacity: int) -> None:
    a, b = pair
    assert rebuild(word_diff(a, b, capacity=capacity)) == (a, b)


def test_word_diff_swaps_whole_words_not_letters() -> None:
    assert word_diff("The green house", "The grey house") == [
        (0, "The "), (-1, "green"), (1, "grey"), (0, " house"),
    ]


def test_word_diff_of_equal_and_empty_texts() -> None:
    assert word_diff("", "") == []
    assert word_diff("same text", "same text") == [(0, "same text")]
    assert word_diff("", "new words") == [(1, "new words")]
    assert word_diff("old words", "") == [(-1, "old words")]


# --- diff_passages ---------------------------------------------------------


@given(pairs)
def test_edits_applied_to_a_rebuild_b(pair: tuple[str, str]) -> None:
    a, b = pair
    assert apply_edits(a, diff_passages(a, b)) == b


@given(pairs)
def test_edits_are_ordered_and_match_their_offsets(pair: tuple[str, str]) -> None:
    a, b = pair
    edits = diff_passages(a, b)
    for edit in edits:
        assert a[edit.a_start : edit.a_end] == edit.before
        assert b[edit.b_start : edit.b_end] == edit.after
        assert edit.before != edit.after
        assert isinstance(edit.kind, ChangeKind)
    for first, second in zip(edits, edits[1:]):
        assert first.a_end <= second.a_start and first.b_end <= second.b_start


@given(pairs)
def test_edits_never_share_outer_whitespace(pair: tuple[str, str]) -> None:
    for edit in diff_passages(*pair):
        if edit.before and edit.after:
            assert not (edit.before[0] == edit.after[0] and edit.before[0].isspace())
            assert not (edit.before[-1] == edit.after[-1] and edit.before[-1].isspace())


@given(texts)
def test_identical_passages_have_no_edits(text: str) -> None:
    assert diff_passages(text, text) == []


def test_one_word_swap_is_one_substitution() -> None:
    assert diff_passages("The green house", "The grey house") == [
        Edit(ChangeKind.SUBSTITUTION, "green", "grey", 4, 9, 4, 8)
    ]


def test_synonym_spun_sentence() -> None:
    a = "Officials said the war crimes were documented."
    b = "Officials mentioned the warfare crimes were documented."
    edits = diff_passages(a, b)
    assert [(e.kind, e.before, e.after) for e in edits] == [
        (ChangeKind.REPORTING_VERB, "said", "mentioned"),
        (ChangeKind.SUBSTITUTION, "war", "warfare"),
    ]


def test_insertion_and_deletion_carry_anchor_offsets() -> None:
    inserted = diff_passages("a big dog", "a very big dog")
    assert inserted == [Edit(ChangeKind.INSERTION, "", "very ", 2, 2, 2, 7)]
    deleted = diff_passages("a very big dog", "a big dog")
    assert deleted == [Edit(ChangeKind.DELETION, "very ", "", 2, 7, 2, 2)]


def test_whitespace_only_change_is_a_whitespace_edit() -> None:
    edits = diff_passages("one  two", "one two")
    assert [(e.kind, e.before, e.after) for e in edits] == [(ChangeKind.WHITESPACE, " ", "")]


def test_offsets_are_code_points_around_emoji() -> None:
    edits = diff_passages("😀 green 😀", "😀 grey 😀")
    assert [(e.a_start, e.a_end, e.b_start, e.b_end) for e in edits] == [(2, 7, 2, 6)]


def test_trivial_and_substantive_edits_in_one_passage() -> None:
    a = 'Mr. Smith said "it was fine," and left.'
    b = "Mr. Jones said “it wasn't fine”, and left"
    kinds = [edit.kind for edit in diff_passages(a, b)]
    assert ChangeKind.NAME in kinds
    assert ChangeKind.QUOTE_STYLE in kinds
    assert ChangeKind.NEGATION in kinds
    assert ChangeKind.PUNCTUATION in kinds


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 2.,'\u2019\u0301\u0915\u093f_-\u00e9\n3"))))
def test_word_tokens_are_the_tokeniser_words(text):
    assert word_tokens(text) == [token for token in tokenize(text) if is_word(token)]
