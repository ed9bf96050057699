"""The engine with a fake embedder: structure, offsets, stats, order invariance."""

from __future__ import annotations

import hashlib

import pytest
from fakes import BagOfWordsEmbedder

from storydiff.core.errors import Cancelled, UsageError
from storydiff.core.model import ChangeKind, Version
from storydiff.engine import choose_reference, compare

def version(vid: str, text: str, label: str | None = None) -> Version:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Version(vid, label or vid, f"{vid}.txt", text, sha)


WIRE = (
    "Bridge closes after inspection\n\n"
    "The city closed its harbour bridge on Tuesday after inspectors found corroded cables. "
    "About 48,000 vehicles use the bridge every weekday.\n\n"
    "\"We cannot let a single car cross,\" the engineer Helena Varga said. "
    "Repairs will take at least eight months."
)
SPUN = WIRE.replace("said", "mentioned").replace("bridge", "overpass").replace("48,000", "49,000")
SHORT = (
    "Bridge closes after inspection\n\n"
    "Repairs will take at least eight months. "
    "The city closed its harbour bridge on Tuesday after inspectors found corroded cables. "
    "Ferries will run every twenty minutes from the old pier."
)


@pytest.fixture
def result():
    versions = [version("v1", WIRE, "wire"), version("v2", SPUN, "spun"), version("v3", SHORT, "short")]
    return compare(versions, reference="v1", threshold=0.6, embedder=BagOfWordsEmbedder())


def test_every_passage_in_exactly_one_row(result):
    for vid, passages in result.passages.items():
        seen = sorted(p for row in result.rows for p in row.cells[vid])
        assert seen == [p.index for p in passages]
        for passage in passages:
            assert result.version(vid).text[passage.start:passage.end] == passage.text


def test_changes_point_at_their_words(result):
    spun = [c for c in result.changes if c.version == "v2"]
    assert {(c.before, c.after) for c in spun} >= {("said", "mentioned"), ("bridge", "overpass")}
    for change in spun:
        text = result.version("v1" if change.in_reference else "v2").text
        assert text[change.start:change.end] == (change.before if change.in_reference else change.after)
    assert any(c.kind is ChangeKind.NUMBER and c.after == "49,000" for c in spun)
    assert any(c.kind is ChangeKind.REPORTING_VERB for c in spun)


def test_move_omission_and_addition(result):
    # Two sentences swapped places: one of them is in order, the other is moved.
    moved = [r for r in result.rows if "v3" in r.moved]
    assert len(moved) == 1
    assert result.passages["v3"][moved[0].cells["v3"][0]].text.startswith(("Repairs", "The city"))
    assert any(r.cells["v1"] and not r.cells["v3"] for r in result.rows)  # omission
    added = [r for r in result.rows if r.present() == ("v3",)]
    assert len(added) == 1 and "Ferries" in result.passages["v3"][added[0].cells["v3"][0]].text


def test_stats(result):
    wire, spun, short = (result.stats[v] for v in ("v1", "v2", "v3"))
    assert wire.change_share == 0.0 and wire.omitted == 0
    assert spun.rows_shared == 5 and spun.omitted == 0 and spun.moved == 0
    assert 0 < spun.change_share < 0.5
    assert ("bridge", "overpass") in spun.substitutions
    assert short.unique == 1 and short.moved == 1 and short.omitted == 2


def test_same_rows_whatever_the_version_order():
    texts = {"wire": WIRE, "spun": SPUN, "short": SHORT}
    orders = [["wire", "spun", "short"], ["short", "wire", "spun"], ["spun", "short", "wire"]]
    results = []
    for order in orders:
        versions = [version(f"v{n}", texts[name], name) for n, name in enumerate(order, start=1)]
        ref = next(v.id for v in versions if v.label == "wire")
        comparison = compare(versions, reference=ref, threshold=0.6, embedder=BagOfWordsEmbedder())
        labels = {v.id: v.label for v in comparison.versions}
        results.append([sorted((labels[v], c) for v, c in r.cells.items()) for r in comparison.rows])
    assert results[0] == results[1] == results[2]


def test_reference_defaults_to_original_then_longest():
    a, b = version("v1", "One two three."), version("v2", "One two three four five.")
    assert choose_reference([a, b]) == "v2"
    marked = version("v3", "Short.", "The original")
    assert choose_reference([a, b, marked]) == "v3"
    with pytest.raises(UsageError):
        choose_reference([a, b], "v9")


def test_reference_is_the_version_sharing_most_statements_not_the_longest():
    a, b = version("v1", "One two three."), version("v2", "One two three four five six seven.")
    assert choose_reference([a, b], shared={"v1": 5, "v2": 1}) == "v1"
    assert choose_reference([a, b], shared={"v1": 3, "v2": 3}) == "v2"  # a tie: the longest


def test_default_reference_is_not_an_unrelated_long_version():
    texts = {
        "wire": "The bridge closed on Tuesday. Repairs will take eight months. The mayor apologised.",
        "copy": "The bridge closed on Tuesday. Repairs will take eight months.",
        "other": "A cat show opened in the park. Judges praised the long-haired cats. "
                 "Tickets sold out early. Next year the show moves to a bigger hall. Parking is free.",
    }
    versions = [version(f"v{n}", text, name) for n, (name, text) in enumerate(texts.items(), start=1)]
    comparison = compare(versions, threshold=0.6, embedder=BagOfWordsEmbedder())
    assert comparison.reference in {"v1", "v2"}
    assert not any(row.cells["v3"] and len(row.present()) > 1 for row in comparison.rows)


def test_bad_arguments_are_usage_errors():
    with pytest.raises(UsageError):
        compare([], embedder=BagOfWordsEmbedder())
    with pytest.raises(UsageError):
        compare([version("v1", WIRE)], threshold=1.5, embedder=BagOfWordsEmbedder())


def test_single_version_is_all_unique():
    comparison = compare([version("v1", WIRE)], embedder=BagOfWordsEmbedder())
    assert len(comparison.rows) == len(comparison.passages["v1"]) and not comparison.changes


def test_cancel_stops_the_work():
    class CancelAtOnce:
        def report(self, fraction, message=""):
            pass

        def cancelled(self):
            return True

    with pytest.raises(Cancelled):
        compare([version("v1", WIRE), version("v2", SPUN)], embedder=BagOfWordsEmbedder(),
                progress=CancelAtOnce())
