"""Per-pair statistics: words, changed words, trivial changes, substitution pairs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storydiff.core.model import ChangeKind
from storydiff.diffing import Edit, PairStats, diff_passages, pair_stats


def stats(a: str, b: str) -> PairStats:
    return pair_stats(a, b, diff_passages(a, b))


def test_spun_sentence_counts() -> None:
    a = "Officials said the war crimes were documented."
    b = "Officials mentioned the warfare crimes were documented."
    assert stats(a, b) == PairStats(
        words_before=7,
        words_after=7,
        words_changed=2,
        changes=2,
        trivial_changes=0,
        substitutions=(("said", "mentioned"), ("war", "warfare")),
    )


def test_trivial_edits_count_as_changes_but_not_as_changed_words() -> None:
    a = 'He said "it is fine," and LEFT.'
    b = "He said “it is fine”, and left."
    result = stats(a, b)
    assert result.changes == result.trivial_changes > 0
    assert result.words_changed == 0
    assert result.substitutions == ()


def test_insertions_and_deletions_count_their_words_but_are_not_substitutions() -> None:
    result = stats("a big dog barked loudly", "a very big dog barked")
    assert result.words_before == 5 and result.words_after == 5
    assert result.words_changed == 2  # "very" inserted, "loudly" deleted
    assert result.changes == 2 and result.trivial_changes == 0
    assert result.substitutions == ()


def test_changed_words_take_the_larger_side_of_each_edit() -> None:
    edits = [
        Edit(ChangeKind.SUBSTITUTION, "big red", "large", 0, 7, 0, 5),
        Edit(ChangeKind.NUMBER, "3", "three", 8, 9, 6, 11),
        Edit(ChangeKind.PUNCTUATION, ",", "", 9, 10, 11, 11),
    ]
    result = pair_stats("big red 3, dogs", "large three dogs", edits)
    assert result.words_changed == 3
    assert (result.changes, result.trivial_changes) == (3, 1)
    assert result.substitutions == (("big red", "large"), ("3", "three"))


def test_identical_pair_has_no_changes() -> None:
    assert stats("Same words here.", "Same words here.") == PairStats(3, 3, 0, 0, 0, ())


@given(st.text(), st.text())
def test_counts_stay_within_bounds(a: str, b: str) -> None:
    result = stats(a, b)
    assert 0 <= result.trivial_changes <= result.changes
    assert result.words_changed <= result.words_before + result.words_after
    assert len(result.substitutions) <= result.changes - result.trivial_changes
