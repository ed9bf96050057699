"""Find's Qt-free search: folding with offset maps, options, matches, steps, row filters, counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder

from storydiff.diffing import utf16_spans
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.presentation.find import (
    ALL_ROWS,
    ANY_VERSION,
    CHOSEN_VERSIONS,
    EVERY_VERSION,
    FindError,
    FindOptions,
    Match,
    SearchIndex,
    cell_matches,
    compile_query,
    count_text,
    fold,
    matching_rows,
    ordered,
    quotes_count_text,
    search_quotes,
    search_text,
    step,
)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"


def found(text: str, query: str, **options) -> list[str]:
    """The original substrings of ``text`` that ``query`` matches."""
    find = FindOptions(query, **options)
    spans = search_text(text, compile_query(find), match_case=find.match_case)
    return [text[start:end] for start, end in spans]


# Folding and its offset map


def test_fold_ascii_is_lower_case_with_identity_map():
    folded = fold("Port Calder")
    assert folded.text == "port calder"
    assert folded.original(5, 11) == (5, 11)


def test_fold_maps_precomposed_accents_back():
    text = "Zürich café"
    folded = fold(text)
    assert folded.text == "zurich cafe"
    assert text[slice(*folded.original(0, 6))] == "Zürich"
    assert text[slice(*folded.original(7, 11))] == "café"


def test_a_match_ending_before_a_combining_mark_covers_the_mark():
    text = "cafe\u0301 noir"  # e + combining acute
    assert found(text, "café") == ["cafe\u0301"]
    assert found(text, "CAFE") == ["cafe\u0301"]


def test_expanding_casefold_maps_every_piece_to_its_character():
    text = "Die Straße ist zu"
    assert found(text, "strasse") == ["Straße"]
    assert found(text, "STRASS") == ["Straß"]  # half of "ß" is the whole character


def test_emoji_offsets_convert_to_utf16_after_the_surrogate_pair():
    text = "😀 Müller said 😀 müller"
    spans = search_text(text, compile_query(FindOptions("muller")), match_case=False)
    assert [text[s:e] for s, e in spans] == ["Müller", "müller"]
    utf16 = utf16_spans(text, ((s, e, None) for s, e in spans))
    encoded = text.encode("utf-16-le")
    assert [encoded[2 * s:2 * e].decode("utf-16-le") for s, e, _ in utf16] == ["Müller", "müller"]


def test_query_accents_and_case_are_ignored_by_default():
    assert found("Helena Varga said", "VÁRGA") == ["Varga"]


# Options


def test_match_case_counts_case_and_accents():
    text = "Varga, varga and Várga"
    assert found(text, "Varga", match_case=True) == ["Varga"]
    assert found(text, "Várga", match_case=True) == ["Várga"]
    assert found(text, "varga") == ["Varga", "varga", "Várga"]


def test_whole_words_stop_at_punctuation_not_inside_words():
    text = "He said, (said) unsaid saids said."
    assert found(text, "said", whole_words=True) == ["said", "said", "said"]
    assert len(found(text, "said")) == 5


def test_whole_words_with_punctuation_at_the_query_edge():
    assert found("a U.S.-led plan, not the U.S.A", "U.S.", whole_words=True) == ["U.S.", "U.S."]
    assert found("costs $4.2 million", "$4.2", whole_words=True) == ["$4.2"]
    assert found("costs $4.25 million", "$4.2", whole_words=True) == []


def test_regex_option_is_case_and_accent_insensitive_by_default():
    assert found("48,000 vehicles and 4.2 million", r"\d+[.,]\d+", regex=True) == ["48,000", "4.2"]
    assert found("Minister Brennan, ministers", r"ministers?\b", regex=True) == ["Minister", "ministers"]
    assert found("the Café", r"caf\w", regex=True) == ["Café"]
    assert found("the Café", r"caf\w", regex=True, match_case=True) == []


def test_regex_whole_words():
    assert found("span spanner span.", r"spa\w", regex=True, whole_words=True) == ["span", "span"]


def test_plain_text_is_not_a_regex():
    assert found("a (b) a.b axb", "a.b") == ["a.b"]
    assert found("a (b)", "(b)") == ["(b)"]


def test_invalid_regex_raises_find_error_with_a_message():
    with pytest.raises(FindError, match="invalid regular expression"):
        compile_query(FindOptions("(unclosed", regex=True))


def test_empty_query_and_empty_matches():
    assert compile_query(FindOptions("")) is None
    assert found("abc", "x*", regex=True) == []


# The comparison


@pytest.fixture(scope="module")
def sample():
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    return compare(versions, reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())


def test_index_matches_every_version_in_reading_order(sample):
    matches = SearchIndex(sample).search(FindOptions("varga"))
    assert {m.version for m in matches} == {"v1", "v2", "v3", "v4", "v5"}
    assert list(matches) == sorted(matches, key=lambda m: (m.row, m.version, m.start))
    for match in matches:
        assert _cell(sample, match)[match.start:match.end].lower() == "varga"


def _cell(comparison, match: Match) -> str:
    from storydiff.presentation import cell_view

    return cell_view(comparison, match.row, match.version, show_trivial=True).text


def test_index_counts_each_occurrence_of_every_cell(sample):
    matches = SearchIndex(sample).search(FindOptions("bridge"))
    expected = sum(_cell(sample, Match(row, vid, 0, 0)).lower().count("bridge")
                   for row in range(len(sample.rows)) for vid in (v.id for v in sample.versions))
    assert len(matches) == expected > 5


# Steps, filters and counts


def test_step_wraps_and_says_so():
    keys = [(0, 0, 0), (0, 1, 5), (3, 0, 2)]
    assert step(keys, None, True) == (0, False)
    assert step(keys, 0, True) == (1, False)
    assert step(keys, 2, True) == (0, True)
    assert step(keys, 0, False) == (2, True)
    assert step([], None, True) == (None, False)


def test_step_from_the_selected_cell():
    keys = [(0, 0, 0), (2, 1, 5), (3, 0, 2)]
    assert step(keys, None, True, origin=(2, 0)) == (1, False)
    assert step(keys, None, True, origin=(2, 1)) == (1, False)
    assert step(keys, None, False, origin=(2, 0)) == (0, False)
    assert step(keys, None, True, origin=(4, 0)) == (0, True)
    assert step(keys, None, False, origin=(0, 0)) == (0, False)


def test_ordered_keeps_shown_columns_in_their_order():
    matches = [Match(0, "v1", 3, 5), Match(0, "v2", 0, 2), Match(1, "v3", 0, 2), Match(0, "v2", 9, 9)]
    assert ordered(matches, ["v2", "v1"]) == [Match(0, "v2", 0, 2), Match(0, "v2", 9, 9), Match(0, "v1", 3, 5)]


def test_matching_rows_for_each_filter():
    matches = [Match(0, "v1", 0, 1), Match(0, "v2", 0, 1), Match(1, "v2", 0, 1), Match(2, "v3", 0, 1)]
    shown = ["v1", "v2"]
    assert matching_rows(matches, ALL_ROWS, shown) is None
    assert matching_rows(matches, ANY_VERSION, shown) == {0, 1}
    assert matching_rows(matches, EVERY_VERSION, shown) == {0}
    assert matching_rows(matches, CHOSEN_VERSIONS, ["v2"]) == {0, 1}
    assert matching_rows(matches, CHOSEN_VERSIONS, ["v3"]) == {2}
    assert matching_rows(matches, CHOSEN_VERSIONS, []) == frozenset()
    with pytest.raises(ValueError):
        matching_rows(matches, "some", shown)


def test_count_text():
    shown = [Match(0, "v1", 0, 1), Match(1, "v2", 0, 1), Match(1, "v2", 4, 5)]
    assert count_text(0, shown, []) == "1 of 3 in 2 versions"
    assert count_text(None, shown, []) == "3 matches in 2 versions"
    assert count_text(None, shown[:1], []) == "1 match in 1 version"
    assert count_text(2, shown, [Match(5, "v9", 0, 1)]) == "3 of 3 in 2 versions (1 in hidden versions)"
    assert count_text(None, [], []) == "No matches"
    assert count_text(None, [], shown) == "No matches shown (3 in hidden versions)"


def test_cell_matches_groups_by_cell():
    matches = [Match(0, "v1", 0, 1), Match(0, "v1", 4, 6), Match(2, "v2", 1, 3)]
    assert cell_matches(matches) == {(0, "v1"): ((0, 1), (4, 6)), (2, "v2"): ((1, 3),)}


# The Quotes tab


def test_search_quotes_counts_speaker_wording_and_versions():
    from storydiff.core.model import Occurrence, Quote

    quotes = [
        Quote("q1", "Helena Várga", "We found corrosion", {
            "v1": Occurrence("verbatim", "We found corrosion"),
            "v2": Occurrence("altered", "we found rust, corrosion"),
            "v3": Occurrence("absent"),
        }),
        Quote("q2", "Tomas Brennan", "Nobody wanted this", {"v1": Occurrence("verbatim", "Nobody wanted this")}),
    ]
    hits = search_quotes(quotes, FindOptions("varga"))
    assert [(h.quote_id, h.own, h.versions) for h in hits] == [("q1", 1, {})]
    hits = search_quotes(quotes, FindOptions("corrosion"))
    assert [(h.quote_id, h.own, h.versions, h.total) for h in hits] == [("q1", 1, {"v1": 1, "v2": 1}, 3)]
    assert quotes_count_text(0, hits) == "1 of 1 quote · 3 matches in 2 versions"
    assert quotes_count_text(None, search_quotes(quotes, FindOptions("w", whole_words=True))) == "No matches"
    assert search_quotes(quotes, FindOptions("")) == ()
