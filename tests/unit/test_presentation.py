"""The compare view's Qt-free maths: cell views, navigation, overview strip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder

from passage_helpers import passages_in

from storydiff.core.model import Change, ChangeKind, Comparison, Passage, Row, Version
from storydiff.diffing import utf16_spans
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.presentation import (
    CellView,
    cell_view,
    change_marks,
    change_rows,
    change_tooltip,
    default_columns,
    deleted_line,
    kind_class,
    omission_rows,
    overview_marks,
    row_at_fraction,
    step,
    visible_band,
)

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"

# The reference and a copy with an emoji before its changes: astral characters
# take two UTF-16 units, so a converter that counts code points would be off by one.
REF_TEXT = "Ann said hi. Bob left town. Cy stayed."
V2_TEXT = "😀 Ann mentioned hi! Bob left. Cy stayed."
V3_TEXT = "Bob left town."


def _change(row, kind, before, after, text, word, *, in_reference=False, occurrence=0) -> Change:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return Change(row, "v2", kind, before, after, start, start + len(word), in_reference)


@pytest.fixture
def small() -> Comparison:
    """Three rows; v2 rewrites row 0, drops a word in row 1; v3 has row 1 only, moved."""
    versions = tuple(Version(v, f"Outlet {v}", f"{v}.txt", t, "0") for v, t in
                     (("v1", REF_TEXT), ("v2", V2_TEXT), ("v3", V3_TEXT)))
    passages = {
        "v1": passages_in("v1", REF_TEXT, ["Ann said hi.", "Bob left town.", "Cy stayed."]),
        "v2": passages_in("v2", V2_TEXT, ["😀 Ann mentioned hi!", "Bob left.", "Cy stayed."]),
        "v3": passages_in("v3", V3_TEXT, ["Bob left town."]),
    }
    rows = (
        Row(0, {"v1": (0,), "v2": (0,), "v3": ()}, {"v2": 0.8, "v3": None}),
        Row(1, {"v1": (1,), "v2": (1,), "v3": (0,)}, {"v2": 0.9, "v3": 1.0}, moved=("v3",)),
        Row(2, {"v1": (2,), "v2": (2,), "v3": ()}, {"v2": 1.0, "v3": None}),
    )
    changes = (
        _change(0, ChangeKind.REPORTING_VERB, "said", "mentioned", V2_TEXT, "mentioned"),
        _change(0, ChangeKind.PUNCTUATION, ".", "!", V2_TEXT, "!"),
        _change(0, ChangeKind.INSERTION, "", "😀 ", V2_TEXT, "😀 "),
        _change(1, ChangeKind.DELETION, " town", "", REF_TEXT, " town", in_reference=True),
    )
    return Comparison("fake", 0.5, "v1", versions, passages, rows, changes, {})


@pytest.fixture(scope="module")
def sample() -> Comparison:
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    return compare(versions, reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (ChangeKind.INSERTION, "insertion"),
        (ChangeKind.DELETION, "deletion"),
        (ChangeKind.SUBSTITUTION, "substitution"),
        (ChangeKind.REPORTING_VERB, "substitution"),
        (ChangeKind.NUMBER, "serious"),
        (ChangeKind.NAME, "serious"),
        (ChangeKind.NEGATION, "serious"),
        (ChangeKind.PUNCTUATION, "trivial"),
        (ChangeKind.CASE, "trivial"),
        (ChangeKind.QUOTE_STYLE, "trivial"),
        (ChangeKind.WHITESPACE, "trivial"),
    ],
)
def test_kind_class(kind, expected):
    assert kind_class(kind) == expected


def test_spans_point_at_the_changed_words_after_an_emoji(small):
    view = cell_view(small, 0, "v2", show_trivial=True)
    assert view.text == "😀 Ann mentioned hi!"
    assert [view.text[s.start:s.end] for s in view.spans] == ["😀 ", "mentioned", "!"]
    assert [s.kind_class for s in view.spans] == ["insertion", "substitution", "trivial"]
    assert view.spans[1].tooltip == "said → mentioned (reporting-verb)"
    assert view.spans[0].tooltip == "+ 😀 (insertion)"


def test_spans_convert_to_utf16_units(small):
    view = cell_view(small, 0, "v2", show_trivial=True)
    units = view.text.encode("utf-16-le")
    converted = utf16_spans(view.text, [(s.start, s.end, s.kind_class) for s in view.spans])
    # "😀" is one code point but two UTF-16 units: everything after it moves by one.
    assert converted[1][:2] == (view.spans[1].start + 1, view.spans[1].end + 1)
    for (start, end, _), span in zip(converted, view.spans):
        assert units[2 * start:2 * end].decode("utf-16-le") == view.text[span.start:span.end]


def test_trivial_changes_can_be_hidden(small):
    view = cell_view(small, 0, "v2", show_trivial=False)
    assert "trivial" not in {s.kind_class for s in view.spans}
    assert len(view.spans) == 2


def test_deletions_are_listed_not_highlighted(small):
    view = cell_view(small, 1, "v2", show_trivial=True)
    assert view == CellView(text="Bob left.", deleted=("town",), similarity=0.9)


def test_reference_cells_have_no_spans(small):
    assert cell_view(small, 0, "v1", show_trivial=True) == CellView(text="Ann said hi.")


def test_omitted_and_moved_cells(small):
    assert cell_view(small, 0, "v3", show_trivial=True) == CellView(omitted=True)
    moved = cell_view(small, 1, "v3", show_trivial=True)
    assert moved.moved and moved.similarity == 1.0 and moved.text == "Bob left town."


def test_cells_of_passages_that_are_not_adjacent():
    text = "One. Two. Three 😀 four."
    passages = passages_in("v2", text, ["One.", "Two.", "Three 😀 four."])
    versions = (Version("v1", "a", "a", "x", "0"), Version("v2", "b", "b", text, "0"))
    four = text.index("four")
    change = Change(0, "v2", ChangeKind.NUMBER, "five", "four", four, four + 4)
    comparison = Comparison("m", 0.5, "v1", versions, {"v1": (Passage("v1", 0, 0, 1, "x"),), "v2": passages},
                            (Row(0, {"v1": (0,), "v2": (0, 2)}),), (change,), {})
    view = cell_view(comparison, 0, "v2", show_trivial=True)
    assert view.text == "One. Three 😀 four."
    assert [view.text[s.start:s.end] for s in view.spans] == ["four"]
    assert view.spans[0].kind_class == "serious"


def test_overlapping_changes_are_clipped():
    text = "abcdefgh"
    versions = (Version("v1", "a", "a", "zzz", "0"), Version("v2", "b", "b", text, "0"))
    changes = (Change(0, "v2", ChangeKind.SUBSTITUTION, "x", "abcd", 0, 4),
               Change(0, "v2", ChangeKind.SUBSTITUTION, "y", "cdef", 2, 6),
               Change(0, "v2", ChangeKind.SUBSTITUTION, "z", "bc", 1, 3))
    comparison = Comparison("m", 0.5, "v1", versions,
                            {"v1": (Passage("v1", 0, 0, 3, "zzz"),), "v2": (Passage("v2", 0, 0, 8, text),)},
                            (Row(0, {"v1": (0,), "v2": (0,)}),), changes, {})
    spans = cell_view(comparison, 0, "v2", show_trivial=True).spans
    assert [(s.start, s.end) for s in spans] == [(0, 4), (4, 6)]


def test_every_sample_span_shows_its_change(sample):
    """Across the real sample, each span is the version's own text at a change's offsets."""
    for position, row in enumerate(sample.rows):
        for version in sample.versions[1:]:
            view = cell_view(sample, position, version.id, show_trivial=True)
            placed = [c for c in sample.changes if (c.row, c.version) == (row.index, version.id)
                      and not c.in_reference and c.after]
            expected = sorted(version.text[c.start:c.end] for c in placed)
            assert sorted(view.text[s.start:s.end] for s in view.spans) == expected


def test_change_tooltip_forms():
    assert change_tooltip(Change(0, "v", ChangeKind.DELETION, "a ", "", 0, 2, True)) == "− a (deletion)"
    assert change_tooltip(Change(0, "v", ChangeKind.WHITESPACE, " ", "  ", 0, 2)) == "whitespace"


def test_deleted_line():
    assert deleted_line(()) == ("", ())
    text, ranges = deleted_line(("a", ",", "up 😀 the"))
    assert text == "− a · , · up 😀 the"
    assert [text[s:e] for s, e in ranges] == ["a", ",", "up 😀 the"]


def test_default_columns_put_the_reference_first(small):
    reordered = Comparison(**{**small.__dict__, "reference": "v2"})
    assert default_columns(small) == ["v1", "v2", "v3"]
    assert default_columns(reordered) == ["v2", "v1", "v3"]


def test_change_rows_and_marks(small):
    assert change_rows(small, show_trivial=True) == [0, 1]
    assert change_marks(small, show_trivial=True) == {0: "substitution", 1: "deletion"}
    assert change_rows(small, show_trivial=True, versions=["v1", "v3"]) == []


def test_change_rows_leave_out_rows_with_trivial_changes_only(small):
    trivial_only = Comparison(**{**small.__dict__, "changes": small.changes[1:2]})
    assert change_rows(trivial_only, show_trivial=True) == [0]
    assert change_rows(trivial_only, show_trivial=False) == []


def test_omission_rows(small):
    assert omission_rows(small) == [0, 2]
    assert omission_rows(small, ["v1", "v2"]) == []


def test_sample_omissions_include_the_rewrites_dropped_sentences(sample):
    dropped = [n for n, row in enumerate(sample.rows) if row.cells["v1"] and not row.cells["v2"]]
    assert dropped and set(dropped) <= set(omission_rows(sample))


@pytest.mark.parametrize(
    ("current", "forward", "expected"),
    [(None, True, 2), (None, False, 9), (2, True, 5), (3, True, 5), (9, True, None),
     (5, False, 2), (6, False, 5), (2, False, None), (0, False, None), (10, False, 9)],
)
def test_step(current, forward, expected):
    assert step([2, 5, 9], current, forward) == expected


def test_step_without_rows():
    assert step([], None, True) is None
    assert step([], 3, False) is None


def test_overview_marks():
    tops, total = [0, 10, 30, 60], 100
    marks = overview_marks(tops, total, {3: "omitted", 1: "serious", 7: "trivial"})
    assert marks == [(0.1, 0.3, "serious"), (0.6, 1.0, "omitted")]
    assert overview_marks(tops, 0, {1: "serious"}) == []


def test_row_at_fraction():
    tops, total = [0, 10, 30, 60], 100
    fractions = (0.0, 0.05, 0.1, 0.29, 0.3, 0.99, 1.0)
    assert [row_at_fraction(tops, total, f) for f in fractions] == [0, 0, 1, 1, 2, 3, 3]
    assert row_at_fraction(tops, total, -2.0) == 0
    assert row_at_fraction(tops, total, 7.0) == 3
    with pytest.raises(ValueError):
        row_at_fraction([], 0, 0.5)


def test_visible_band():
    assert visible_band(0, 500, 400) == (0.0, 1.0)
    assert visible_band(250, 250, 1000) == (0.25, 0.5)
    assert visible_band(900, 250, 1000) == (0.9, 1.0)


def test_presentation_does_not_import_qt():
    code = "import sys, storydiff.presentation; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    desktop = str(Path(__file__).resolve().parents[2] / "desktop")
    result = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": desktop}, check=False)
    assert result.returncode == 0
