"""The quotes view's Qt-free helpers: filters, sort keys, wording spans, context and rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder

from passage_helpers import passages_in

from storydiff.core.model import Comparison, Occurrence, Quote, Row, Version
from storydiff.diffing import utf16_spans
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.presentation.quotes import (
    ALL_QUOTES,
    DIFFERING,
    STATUSES,
    occurrence_context,
    occurrence_passages,
    occurrence_row,
    occurrence_tooltip,
    occurrence_views,
    quote_differs,
    quote_matches,
    quote_row,
    speaker_key,
    status_rank,
    version_column_widths,
    wording_view,
)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"
V1 = 'Intro line. "We will rebuild it. All of it," Ann Lee said. Then rain.'
V2 = 'Then rain. Ann Lee said: "We will rebuild it."'


def _occurrence(text: str, words: str, status: str, speaker: str | None = "Ann Lee") -> Occurrence:
    start = text.index(words)
    return Occurrence(status, words, start, start + len(words), speaker)


@pytest.fixture
def small() -> Comparison:
    """v1 quotes Ann Lee across two sentences; v2 trims the quote and moves it to row 2."""
    passages = {
        "v1": passages_in("v1", V1, ["Intro line.", '"We will rebuild it.', 'All of it," Ann Lee said.', "Then rain."]),
        "v2": passages_in("v2", V2, ["Then rain.", 'Ann Lee said: "We will rebuild it."']),
    }
    rows = (
        Row(0, {"v1": (0,), "v2": ()}),
        Row(1, {"v1": (1, 2), "v2": (1,)}),
        Row(2, {"v1": (3,), "v2": (0,)}),
    )
    quote = Quote("q1", "Ann Lee", "We will rebuild it. All of it", {
        "v1": _occurrence(V1, "We will rebuild it. All of it", "verbatim"),
        "v2": _occurrence(V2, "We will rebuild it", "trimmed"),
    })
    versions = (Version("v1", "Wire", "v1.txt", V1, "0"), Version("v2", "Courier", "v2.txt", V2, "0"))
    return Comparison("fake", 0.5, "v1", versions, passages, rows, (), {}, (quote,))


@pytest.fixture(scope="module")
def sample() -> Comparison:
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    return compare(versions, reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())


def _quote(speaker: str | None, *statuses: str) -> Quote:
    occurrences = {f"v{n}": Occurrence(s, None if s == "absent" else "x") for n, s in enumerate(statuses, 1)}
    return Quote("q", speaker, "x", occurrences)


def test_speaker_filter_ignores_case_and_blank_text():
    quote = _quote("Helena Varga", "verbatim")
    assert quote_matches(quote, "varga", ALL_QUOTES)
    assert quote_matches(quote, "  ", ALL_QUOTES)
    assert not quote_matches(quote, "brennan", ALL_QUOTES)
    assert not quote_matches(_quote(None, "verbatim"), "varga", ALL_QUOTES)


def test_status_filters():
    same, trimmed = _quote("A", "verbatim", "verbatim"), _quote("A", "verbatim", "trimmed")
    assert not quote_differs(same) and quote_differs(trimmed)
    assert quote_matches(same, "", ALL_QUOTES) and not quote_matches(same, "", DIFFERING)
    assert quote_matches(trimmed, "", DIFFERING)
    assert quote_matches(trimmed, "", "trimmed") and not quote_matches(trimmed, "", "absent")
    assert quote_matches(trimmed, "a", "verbatim") and not quote_matches(trimmed, "b", "verbatim")


def test_sort_keys_put_the_worst_status_and_unnamed_speakers_last():
    assert sorted(STATUSES, key=status_rank)[0] == "verbatim"
    assert sorted(STATUSES, key=status_rank)[-1] == "misattributed"
    assert status_rank("verbatim") < status_rank("trimmed") < status_rank("altered")
    quotes = [_quote(None, "verbatim"), _quote("bo", "verbatim"), _quote("Al", "verbatim")]
    assert [q.speaker for q in sorted(quotes, key=speaker_key)] == ["Al", "bo", None]


def test_occurrence_tooltip():
    assert occurrence_tooltip("Wire", Occurrence("absent")) == "Wire: absent\nnot in this version"
    tip = occurrence_tooltip("Wire", Occurrence("misattributed", "Go.", 0, 3, "Tomas Brennan"))
    assert tip == "Wire: misattributed\nspeaker: Tomas Brennan\n“Go.”"


def test_wording_verbatim_has_no_marks():
    assert wording_view("we will go", "we will go") == ("we will go", (), ())


def test_wording_marks_substitutions_over_the_versions_own_text():
    canonical = "We found corrosion far worse, and a single car"
    wording = "We found corrosion much worse, and one single car"
    view = wording_view(canonical, wording)
    assert view.text == wording
    assert [(wording[s.start:s.end], s.kind_class) for s in view.spans] == [("much", "substitution"),
                                                                          ("one", "serious")]
    assert view.spans[0].tooltip == "far → much (substitution)"


def test_wording_lists_cut_words_and_marks_the_ellipsis_as_a_deletion():
    view = wording_view("We found rust, and we cannot let a car cross", "… we cannot let a car cross")
    assert view.removed == ("We found rust, and",)
    assert [(view.text[s.start:s.end], s.kind_class) for s in view.spans] == [("…", "deletion")]
    assert wording_view("we will not go home", "we will go home").removed == ("not",)


def test_wording_offsets_are_code_points_even_with_emoji_and_accents():
    wording = "Café 🎉 était très fermé"
    view = wording_view("Café 🎉 était très ouvert", wording)
    assert [wording[s.start:s.end] for s in view.spans] == ["fermé"]
    (span,) = utf16_spans(wording, ((s.start, s.end, s.kind_class) for s in view.spans))
    assert span[:2] == (view.spans[0].start + 1, view.spans[0].end + 1)  # the emoji is two UTF-16 units


def test_context_spans_every_passage_the_occurrence_touches(small):
    occurrence = small.quotes[0].occurrences["v1"]
    assert occurrence_passages(small, "v1", occurrence) == (1, 2)
    context = occurrence_context(small, "v1", occurrence)
    assert context.text == '"We will rebuild it. All of it," Ann Lee said.'
    assert context.text[context.start:context.end] == occurrence.text
    assert occurrence_context(small, "v1", Occurrence("absent")) is None


def test_rows_of_occurrences_and_of_quotes(small):
    quote = small.quotes[0]
    assert occurrence_row(small, "v1", quote.occurrences["v1"]) == 1
    assert occurrence_row(small, "v2", quote.occurrences["v2"]) == 1
    assert occurrence_row(small, "v1", Occurrence("absent")) is None
    assert quote_row(small, quote) == 1
    without_reference = Quote("q2", None, "x", {"v1": Occurrence("absent"), "v2": quote.occurrences["v2"]})
    assert quote_row(small, without_reference) == 1


def test_occurrence_views_reference_first_with_wording_and_context(small):
    views = occurrence_views(small, small.quotes[0])
    assert [(v.version, v.label, v.is_reference, v.status) for v in views] == [
        ("v1", "Wire", True, "verbatim"), ("v2", "Courier", False, "trimmed")]
    assert views[1].wording.removed == ("All of it",)
    assert views[1].context.text == 'Ann Lee said: "We will rebuild it."'


def test_sample_quote_rows_hold_the_reference_occurrence(sample):
    for quote in sample.quotes:
        row = sample.rows[quote_row(sample, quote)]
        occurrence = quote.occurrences["v1"]
        cell = " ".join(sample.passages["v1"][i].text for i in row.cells["v1"])
        assert occurrence.text in cell
    misattributed = [v for q in sample.quotes for v in occurrence_views(sample, q) if v.speaker_differs]
    assert [(v.version, v.speaker) for v in misattributed] == [("v4", "Tomas Brennan")]


def test_presentation_quotes_does_not_import_qt():
    code = "import sys, storydiff.presentation.quotes; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    desktop = str(Path(__file__).resolve().parents[2] / "desktop")
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": desktop}, check=False)
    assert result.returncode == 0


def test_cut_words_lose_edge_punctuation_but_keep_symbols():
    assert wording_view("we pay $4.2 million, she said", "we pay, she said").removed == ("$4.2 million",)


def test_version_columns_share_the_room_left_but_always_fit_a_badge():
    assert version_column_widths(1000, [80, 200, 120], badge=100, cap=130) == [100, 130, 120]
    assert version_column_widths(330, [80, 200, 120], badge=100, cap=130) == [100, 110, 110]
    assert version_column_widths(0, [200, 200], badge=100, cap=130) == [100, 100]
    assert version_column_widths(500, [], badge=100, cap=130) == []
