"""What a screen reader hears for cells, quote badges, coverage cells, versions and the strip."""

from __future__ import annotations

import pytest

from passage_helpers import passages_in

from storydiff.core.model import Change, ChangeKind, Comparison, Occurrence, Row, Version, VersionStats
from storydiff.presentation import cell_view
from storydiff.presentation.accessible_text import (
    cell_changes,
    cell_description,
    cell_name,
    change_in_words,
    coverage_cell_name,
    lane_description,
    lineage_description,
    quote_status_description,
    quote_status_name,
    quote_text_name,
    strip_description,
    version_description,
    version_name,
)

REF = "Ann said 40 ships came. Bob left town. Cy stayed."
V2 = "Ann claimed 45 big new steel ships came! Bob left. Cy stayed."


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.fixture
def small() -> Comparison:
    """v2 rewrites row 0 (a reporting verb, a number, four words added, "!"), drops "town" in
    row 1; v3 carries row 1 only, moved."""
    versions = tuple(Version(v, f"Outlet {v}", f"{v}.txt", t, "0") for v, t in
                     (("v1", REF), ("v2", V2), ("v3", "Bob left town.")))
    passages = {
        "v1": passages_in("v1", REF, ["Ann said 40 ships came.", "Bob left town.", "Cy stayed."]),
        "v2": passages_in("v2", V2, ["Ann claimed 45 big new steel ships came!", "Bob left.", "Cy stayed."]),
        "v3": passages_in("v3", "Bob left town.", ["Bob left town."]),
    }
    rows = (
        Row(0, {"v1": (0,), "v2": (0,), "v3": ()}, {"v2": 0.7, "v3": None}),
        Row(1, {"v1": (1,), "v2": (1,), "v3": (0,)}, {"v2": 0.9, "v3": 1.0}, moved=("v3",)),
        Row(2, {"v1": (2,), "v2": (2,), "v3": ()}, {"v2": 1.0, "v3": None}),
    )
    changes = (
        Change(0, "v2", ChangeKind.REPORTING_VERB, "said", "claimed", *_at(V2, "claimed")),
        Change(0, "v2", ChangeKind.NUMBER, "40", "45", *_at(V2, "45")),
        Change(0, "v2", ChangeKind.INSERTION, "", "big new steel ", *_at(V2, "big new steel ")),
        Change(0, "v2", ChangeKind.PUNCTUATION, ".", "!", *_at(V2, "!")),
        Change(1, "v2", ChangeKind.DELETION, " town", "", *_at(REF, " town"), in_reference=True),
    )
    return Comparison("fake", 0.5, "v1", versions, passages, rows, changes, {})


def _spoken(comparison: Comparison, row: int, vid: str, *, show_trivial: bool = True) -> tuple[str, str]:
    view = cell_view(comparison, row, vid, show_trivial=show_trivial)
    reference = vid == comparison.reference
    name = cell_name(comparison.version(vid).label, row + 1, view, reference=reference)
    changes = cell_changes(comparison, row, vid, show_trivial=show_trivial)
    return name, cell_description(view, changes, reference=reference)


def test_a_changed_cell_says_its_version_number_text_and_each_change(small):
    name, description = _spoken(small, 0, "v2")
    assert name == "Outlet v2, statement 1: Ann claimed 45 big new steel ships came!"
    assert description == ("reporting verb changed: 'said' replaced by 'claimed'; "
                           "number changed: '40' replaced by '45'; 'big new steel' added; "
                           "1 trivial change (punctuation)")


def test_trivial_changes_are_left_out_when_hidden(small):
    _, description = _spoken(small, 0, "v2", show_trivial=False)
    assert "trivial" not in description and "'big new steel' added" in description


def test_the_reference_omissions_deletions_and_moves_are_said(small):
    assert _spoken(small, 0, "v1") == ("Outlet v1 (reference), statement 1: Ann said 40 ships came.",
                                       "reference: the others are compared with it")
    assert _spoken(small, 0, "v3") == ("Outlet v3, statement 1: omitted",
                                       "omitted: this version does not carry the statement")
    assert _spoken(small, 1, "v2")[1] == "'town' removed"
    assert _spoken(small, 1, "v3")[1] == "unchanged; moved"
    assert _spoken(small, 2, "v2")[1] == "unchanged"


def test_long_edits_are_counted_not_read_out():
    long = Change(0, "v2", ChangeKind.INSERTION, "", "one two three four five", 0, 23)
    assert change_in_words(long) == "5 words added"
    swap = Change(0, "v2", ChangeKind.SUBSTITUTION, "a b c d e f", "g", 0, 1)
    assert change_in_words(swap) == "6 words replaced by 'g'"
    negation = Change(0, "v2", ChangeKind.NEGATION, "", "not", 0, 3)
    assert change_in_words(negation) == "negation changed: 'not' added"


def test_quote_badges_say_the_status_in_words_with_the_speaker():
    altered = Occurrence("altered", "We will act", 0, 11, "Jane Roe")
    assert quote_status_name("02-rewrite", altered) == "02-rewrite: altered wording, speaker Jane Roe"
    assert quote_status_description(altered) == "“We will act”"
    absent = Occurrence("absent")
    assert quote_status_name("03-spun", absent) == "03-spun: absent"
    assert quote_status_description(absent) == "not in this version"
    unnamed = Occurrence("misattributed", "We act", 0, 6, None)
    assert quote_status_name("x", unnamed) == "x: misattributed to another speaker, speaker not named"
    assert quote_text_name(None, "We\nact") == "unnamed speaker: “We act”"


def test_coverage_cells_and_versions():
    assert coverage_cell_name(12, "Ms Ardern said…", "09-aljazeera", "reworded (34% of its words)") == \
        "Statement 12, Ms Ardern said…: 09-aljazeera, reworded (34% of its words)"
    stats = VersionStats("v2", 400, 9, 1, 0, 0, 40, 0.12, 0.0, coverage=0.8, verdict="spun", source="v1")
    assert version_name("03-spun", stats, reference=False) == "03-spun, verdict spun"
    assert version_name("01-wire", stats, reference=True) == "01-wire, reference"
    assert version_description(400, stats, reference=False, source="01-wire") == \
        "400 words; covers 80% of the reference; 12% of its words changed; likely source 01-wire"
    nothing = VersionStats("v4", 90, 0, 0, 0, 0, 0, 0.0, 0.0, coverage=0.0, verdict="independent")
    assert version_description(90, nothing, reference=False, source=None) == \
        "90 words; shares nothing with the reference"
    assert version_description(1, None, reference=True, source=None) == "1 word"


def test_the_overview_strip_in_words():
    assert lane_description("Changes", [4, 1, 2]) == "Changes in statements 2, 3 and 5."
    assert lane_description("Omissions", [3]) == "Omissions in statement 4."
    assert strip_description([], []) == "No changes. No omissions."
    assert strip_description([1], [], found=[3, 0]) == (
        "Changes in statement 2. No omissions. Matches in statements 1 and 4.")


def test_the_lineage_tree_in_words(small):
    from storydiff.presentation.lineage_layout import LineageNode

    nodes = (LineageNode("v1", 0, 0, None), LineageNode("v2", 1, 1, "v1"))
    assert lineage_description(small, nodes) == "Outlet v1, the reference. Outlet v2, from Outlet v1."
    assert lineage_description(small, ()) == "No versions."
