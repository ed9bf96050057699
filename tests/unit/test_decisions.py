"""Manual decisions: each kind on the sample story, conflicts, undo by removal, pinning, export."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storydiff import cli
from storydiff.core.model import Comparison, Row
from storydiff.decisions import (
    KINDS,
    STATUSES,
    apply_decisions,
    describe,
    link,
    mark_moved,
    merge,
    quote_status,
    split,
    unlink,
)
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.storage.session import Decision, load_session, open_session

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"


def _compare(threshold: float) -> Comparison:
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    return compare(versions, reference="v1", threshold=threshold, embedder=BagOfWordsEmbedder())


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return _compare(0.5)


def nodes_of(row: Row) -> set[tuple[str, int]]:
    return {(vid, index) for vid, cell in row.cells.items() for index in cell}


def row_of(comparison: Comparison, node) -> Row:
    return next(row for row in comparison.rows if node in nodes_of(row))


def all_nodes(comparison: Comparison) -> list[tuple[str, int]]:
    return [(vid, p.index) for vid, passages in comparison.passages.items() for p in passages]


def assert_partition(comparison: Comparison) -> None:
    """Every passage in exactly one row, no empty row, rows numbered in order, every cell keyed."""
    seen = [node for row in comparison.rows for node in nodes_of(row)]
    assert sorted(seen) == sorted(all_nodes(comparison))
    assert all(nodes_of(row) for row in comparison.rows)
    assert [row.index for row in comparison.rows] == list(range(len(comparison.rows)))
    ids = [v.id for v in comparison.versions]
    assert all(list(row.cells) == ids for row in comparison.rows)


def applied(comparison: Comparison, *decisions: Decision) -> Comparison:
    result = apply_decisions(comparison, decisions)
    assert result.conflicts == ()
    assert_partition(result.comparison)
    return result.comparison


# ---- building decisions ----


def test_payloads_are_plain_json_that_survives_a_round_trip():
    decisions = [
        link([("v1", 0), ("v2", 3)]), unlink(("v2", 4)), split([("v1", 15), ("v3", 16)]),
        merge(("v1", 2), ("v1", 3)), mark_moved(("v4", 3), False), quote_status("We found it", "v4", "altered"),
    ]
    assert [d.kind for d in decisions] == list(KINDS)
    for decision in decisions:
        assert json.loads(json.dumps(decision.payload)) == decision.payload  # lists, not tuples
    assert decisions[0].payload == {"nodes": [["v1", 0], ["v2", 3]]}
    assert decisions[4].payload == {"node": ["v4", 3], "moved": False}


@pytest.mark.parametrize(
    "make",
    [
        lambda: link([]),
        lambda: link([("v1", 0)]),
        lambda: link([("v1", 0), ("v1", 0)]),
        lambda: link("v1"),
        lambda: split([]),
        lambda: unlink(("v1", -1)),
        lambda: unlink(("", 0)),
        lambda: unlink(("v1", True)),
        lambda: unlink(("v1", 1, 2)),
        lambda: merge(("v1", 0), ("v1", 0)),
        lambda: mark_moved(("v1", 0), "yes"),
        lambda: quote_status("  ", "v1", "altered"),
        lambda: quote_status("We found it", "v1", "wrong"),
        lambda: quote_status("We found it", "", "altered"),
    ],
)
def test_nonsense_is_refused(make):
    with pytest.raises(ValueError):
        make()


def test_every_status_is_accepted_and_described():
    for status in STATUSES:
        assert describe(quote_status("We found it", "v2", status)) == f"Mark quote {status}"
    assert describe(link([("v1", 0), ("v2", 0), ("v3", 0)])) == "Link 3 passages"
    assert describe(mark_moved(("v1", 0), False)) == "Unmark as moved"


# ---- each kind on the sample story ----


def test_link_moves_the_passages_into_the_first_ones_row(comparison):
    alone = next(row for row in comparison.rows if len(nodes_of(row)) == 1)
    (stray,) = nodes_of(alone)
    target = next(row for row in comparison.rows if row.cells["v1"] and not row.cells[stray[0]])
    anchor = ("v1", target.cells["v1"][0])
    result = applied(comparison, link([anchor, stray]))
    joined = row_of(result, anchor)
    assert nodes_of(joined) == nodes_of(target) | {stray}
    assert len(result.rows) == len(comparison.rows) - 1  # the row left empty vanished
    assert set(joined.similarity.values()) == {None}  # changed: no score until re-aligned
    assert any(c.row == joined.index and c.version == stray[0] for c in result.changes)
    assert result.stats[stray[0]].unique == comparison.stats[stray[0]].unique - 1


def test_rows_a_decision_did_not_touch_keep_their_similarity(comparison):
    alone = next(row for row in comparison.rows if len(nodes_of(row)) == 1)
    (stray,) = nodes_of(alone)
    result = applied(comparison, link([("v1", 0), stray]))
    before = {frozenset(nodes_of(row)): row for row in comparison.rows}
    kept = [row for row in result.rows if frozenset(nodes_of(row)) in before]
    assert len(kept) == len(result.rows) - 1
    assert all(row.similarity == before[frozenset(nodes_of(row))].similarity for row in kept)


def test_unlink_puts_the_passage_in_a_row_right_after_its_old_one(comparison):
    source = next(row for row in comparison.rows if len(nodes_of(row)) >= 3 and row.cells["v2"])
    node = ("v2", source.cells["v2"][0])
    result = applied(comparison, unlink(node))
    assert nodes_of(result.rows[source.index]) == nodes_of(source) - {node}
    assert nodes_of(result.rows[source.index + 1]) == {node}
    assert len(result.rows) == len(comparison.rows) + 1


def test_split_moves_the_passages_together_to_a_new_row_after_it(comparison):
    source = next(row for row in comparison.rows if len(row.cells["v1"]) == 2)
    leaving = [("v1", source.cells["v1"][1]), ("v3", source.cells["v3"][-1])]
    result = applied(comparison, split(leaving))
    assert nodes_of(result.rows[source.index]) == nodes_of(source) - set(leaving)
    assert nodes_of(result.rows[source.index + 1]) == set(leaving)
    assert result.rows[source.index + 2].cells == comparison.rows[source.index + 1].cells


def test_merge_joins_two_rows_at_the_earlier_position(comparison):
    first, second = comparison.rows[2], comparison.rows[5]
    a, b = ("v1", first.cells["v1"][0]), ("v2", second.cells["v2"][0])
    result = applied(comparison, merge(b, a))
    assert nodes_of(result.rows[2]) == nodes_of(first) | nodes_of(second)
    assert len(result.rows) == len(comparison.rows) - 1
    assert result.rows[5].cells == comparison.rows[6].cells


def test_mark_moved_flags_and_unflags_a_version_in_its_row(comparison):
    row = next(r for r in comparison.rows if r.cells["v4"] and "v4" not in r.moved)
    result = applied(comparison, mark_moved(("v4", row.cells["v4"][0])))
    assert result.rows[row.index].moved == ("v4",)
    assert result.rows[row.index].similarity == row.similarity  # the cells did not change
    assert result.stats["v4"].moved == comparison.stats["v4"].moved + 1
    flagged = next(r for r in comparison.rows if r.moved)
    vid = flagged.moved[0]
    result = applied(comparison, mark_moved((vid, flagged.cells[vid][0]), moved=False))
    assert vid not in result.rows[flagged.index].moved


def test_moved_flags_travel_with_their_passages(comparison):
    flagged = next(r for r in comparison.rows if r.moved)
    vid = flagged.moved[0]
    result = applied(comparison, unlink((vid, flagged.cells[vid][0])))
    assert result.rows[flagged.index + 1].moved == (vid,) and vid not in result.rows[flagged.index].moved


def test_quote_status_is_pinned_and_keeps_the_found_wording(comparison):
    quote = comparison.quotes[0]
    vid, found = next((v, o) for v, o in quote.occurrences.items() if o.text and o.status != "absent")
    result = applied(comparison, quote_status(quote.text, vid, "absent"))
    pinned = result.quotes[0].occurrences[vid]
    assert pinned == replace(found, status="absent")
    assert result.rows is comparison.rows  # no row decision: nothing rebuilt


def test_quote_status_without_a_found_wording_has_no_offsets(comparison):
    quote, vid = next((q, v) for q in comparison.quotes for v, o in q.occurrences.items() if o.text is None)
    result = applied(comparison, quote_status(quote.text, vid, "paraphrased"))
    occurrence = next(q for q in result.quotes if q.id == quote.id).occurrences[vid]
    assert (occurrence.status, occurrence.text, occurrence.start, occurrence.end) == ("paraphrased", None, None, None)


def test_quote_status_matches_a_slightly_different_wording(comparison):
    quote = comparison.quotes[1]
    words = quote.text.split()
    reworded = " ".join(words[:-2] + ["indeed"])  # as if re-aligning picked another rendering
    result = applied(comparison, quote_status(reworded, "v3", "verbatim"))
    assert result.quotes[1].occurrences["v3"].status == "verbatim"
    assert result.quotes[0] == comparison.quotes[0]


def test_quote_status_survives_row_decisions_that_rebuild_the_quotes(comparison):
    quote = comparison.quotes[0]
    row = row_of(comparison, ("v1", 0))
    result = applied(comparison, quote_status(quote.text, "v4", "verbatim"), unlink(("v3", row.cells["v3"][0])))
    assert result.rows is not comparison.rows
    assert next(q for q in result.quotes if q.text == quote.text).occurrences["v4"].status == "verbatim"


# ---- conflicts ----


def test_conflicts_are_reported_and_skipped(comparison):
    a, b = comparison.rows[2], comparison.rows[3]
    decisions = [
        link([("v2", 99), ("v1", 0)]),
        unlink(("v9", 0)),
        split([("v1", a.cells["v1"][0]), ("v1", b.cells["v1"][0])]),
        quote_status("Entirely unrelated words about something else", "v2", "altered"),
        quote_status(comparison.quotes[0].text, "v7", "altered"),
        Decision("rename", {"to": "x"}),
        Decision("link", {"row": 3, "version": "v2", "passages": [4, 5]}),  # not a shape we write
        Decision("merge", {"nodes": [["v1", 0], ["v1", 1], ["v1", 2]]}),
    ]
    result = apply_decisions(comparison, decisions)
    label = comparison.version("v2").label
    assert result.conflicts[:3] == (
        f"link: {label} passage 100 no longer exists",
        "unlink: version v9 is no longer in the comparison",
        "split: the passages are no longer in one row",
    )
    assert result.conflicts[3] == "rename: not a kind of decision this StoryDiff knows"
    assert result.conflicts[4].startswith("link: the decision is damaged (KeyError")
    assert result.conflicts[5].startswith("merge: the decision is damaged (ValueError")
    assert result.conflicts[6].startswith("quote-status: no quote like “Entirely unrelated")
    assert result.conflicts[7] == "quote-status: version v7 is no longer in the comparison"
    assert result.comparison is comparison  # nothing applied: the same object, exports unchanged


def test_a_conflicting_decision_changes_nothing_halfway(comparison):
    result = apply_decisions(comparison, [link([("v1", 0), ("v2", 1), ("v2", 500)])])
    assert len(result.conflicts) == 1 and result.comparison is comparison


def test_wishes_that_already_hold_are_no_conflicts(comparison):
    row = comparison.rows[2]
    together = [("v1", row.cells["v1"][0]), ("v2", row.cells["v2"][0])]
    alone = next(r for r in comparison.rows if len(nodes_of(r)) == 1)
    decisions = [link(together), merge(*together), split(sorted(nodes_of(row))), unlink(next(iter(nodes_of(alone))))]
    result = apply_decisions(comparison, decisions)
    assert result.conflicts == () and result.comparison is comparison


# ---- undo, order, pinning ----


def _some_decisions(comparison: Comparison) -> list[Decision]:
    rows = comparison.rows
    return [
        link([("v1", rows[0].cells["v1"][0]), ("v2", 0)]),
        unlink(("v3", rows[3].cells["v3"][0])),
        merge(("v1", rows[5].cells["v1"][0]), ("v1", rows[6].cells["v1"][0])),
        mark_moved(("v4", rows[8].cells["v4"][0])),
        quote_status(comparison.quotes[2].text, "v4", "paraphrased"),
        split([("v1", rows[2].cells["v1"][0]), ("v5", rows[2].cells["v5"][0])]),
    ]


def test_undo_is_removing_the_last_decision(comparison):
    decisions = _some_decisions(comparison)
    states = [apply_decisions(comparison, decisions[:n]).comparison for n in range(len(decisions) + 1)]
    assert states[0] is comparison
    for n in range(1, len(decisions) + 1):
        assert states[n] != states[n - 1]
        assert apply_decisions(comparison, decisions[: n - 1]).comparison == states[n - 1]


def test_applying_leaves_the_input_alone(comparison):
    rows = tuple(replace(row, cells=dict(row.cells), similarity=dict(row.similarity)) for row in comparison.rows)
    apply_decisions(comparison, _some_decisions(comparison))
    assert comparison.rows == rows


def test_decisions_are_pinned_across_re_alignment(comparison):
    strict = _compare(0.8)
    assert strict.rows != comparison.rows
    # Two passages that neither alignment puts together.
    pair = next(
        (("v1", i), ("v2", j))
        for i in range(len(comparison.passages["v1"]))
        for j in range(len(comparison.passages["v2"]))
        if ("v2", j) not in nodes_of(row_of(comparison, ("v1", i)))
        and ("v2", j) not in nodes_of(row_of(strict, ("v1", i)))
    )
    decisions = [link(pair), *_some_decisions(comparison)[3:]]
    loose, tight = apply_decisions(comparison, decisions), apply_decisions(strict, decisions)
    for result in (loose, tight):
        assert set(pair) <= nodes_of(row_of(result.comparison, pair[0]))
        assert_partition(result.comparison)
    fresh = apply_decisions(_compare(0.5), decisions)
    assert fresh.comparison.rows == loose.comparison.rows and fresh.conflicts == loose.conflicts


# ---- the property: any sequence keeps every passage in exactly one row ----


def _decision_strategy(nodes):
    node = st.one_of(st.sampled_from(nodes), st.tuples(st.sampled_from(["v1", "v2", "v9"]), st.integers(0, 30)))
    some = st.lists(node, min_size=2, max_size=4, unique=True)
    return st.one_of(
        some.map(link),
        node.map(unlink),
        st.lists(node, min_size=1, max_size=3, unique=True).map(split),
        st.lists(node, min_size=2, max_size=2, unique=True).map(lambda ab: merge(*ab)),
        st.tuples(node, st.booleans()).map(lambda nb: mark_moved(*nb)),
    )


@pytest.fixture(scope="module")
def node_pool(comparison):
    return all_nodes(comparison)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_decisions_keep_every_passage_in_exactly_one_row(comparison, node_pool, data):
    decisions = data.draw(st.lists(_decision_strategy(node_pool), max_size=8))
    result = apply_decisions(comparison, decisions)
    assert_partition(result.comparison)
    assert len(result.conflicts) <= len(decisions)
    if decisions and len(result.conflicts) == len(apply_decisions(comparison, decisions[:-1]).conflicts):
        _assert_wish_holds(result.comparison, decisions[-1])


def _assert_wish_holds(comparison: Comparison, decision: Decision) -> None:
    """What the last decision asked for is true of the result (it was not skipped)."""
    nodes = [tuple(n) for n in decision.payload.get("nodes", [decision.payload.get("node")])]
    row = row_of(comparison, nodes[0])
    if decision.kind in ("link", "merge"):
        assert set(nodes) <= nodes_of(row)
    elif decision.kind == "split":
        assert nodes_of(row) == set(nodes)
    elif decision.kind == "unlink":
        assert nodes_of(row) == {nodes[0]}
    else:
        assert (nodes[0][0] in row.moved) == decision.payload["moved"]


# ---- storage and the command line ----


@pytest.fixture
def fake_model(monkeypatch):
    monkeypatch.setattr("storydiff.alignment.embedder.Embedder", BagOfWordsEmbedder)


def test_export_applies_the_saved_decisions(capsys, tmp_path, fake_model):
    files = sorted(SAMPLE.glob("*.txt"))
    path, out = tmp_path / "s.storydiff", tmp_path / "export.json"
    args = ["compare", *files, "--reference", files[0], "--threshold", "0.5", "--save", path, "--quiet"]
    assert cli.main(list(map(str, args))) == 0, capsys.readouterr().err
    session = load_session(path)
    stray = next(iter(nodes_of(next(r for r in session.comparison.rows if len(nodes_of(r)) == 1))))
    anchor = ("v1", 0)
    decisions = (link([anchor, stray]), unlink(("v2", 999)))
    with open_session(path) as handle:
        handle.save(session.comparison, workspace=session.workspace, decisions=decisions)
    assert load_session(path).decisions == decisions  # the payloads survive storage as they were

    assert cli.main(["export", str(path), "--json", str(out)]) == 0
    err = capsys.readouterr().err
    assert "storydiff: warning: decision skipped: unlink:" in err and "passage 1000 no longer exists" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    linked = [row for row in data["rows"] if anchor[1] in row["cells"]["v1"] and stray[1] in row["cells"][stray[0]]]
    assert len(linked) == 1 and len(data["rows"]) == len(session.comparison.rows) - 1
    assert cli.main(["export", str(path), "--json", str(out), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
