"""Alignment maths on hand-made unit vectors (no model)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.alignment import VersionVectors, align_pair, build_rows
from storydiff.alignment.pairwise import unit

DIM = 32


def basis(k: int) -> np.ndarray:
    vector = np.zeros(DIM, dtype=np.float32)
    vector[k] = 1.0
    return vector


def stack(*vectors) -> VersionVectors:
    if not vectors:
        return VersionVectors(np.zeros((0, DIM), dtype=np.float32))
    return VersionVectors(np.stack([unit(np.asarray(v, dtype=np.float32)) for v in vectors]))


def pairs_of(links):
    return [(link.left, link.right, link.moved) for link in links]


def test_identical_versions_align_one_to_one():
    vectors = stack(*(basis(k) for k in range(5)))
    assert pairs_of(align_pair(vectors, vectors, 0.6)) == [((k,), (k,), False) for k in range(5)]


def test_a_split_sentence_is_one_link():
    left = stack(basis(0), basis(1) + basis(2), basis(3))
    right = stack(basis(0), basis(1), basis(2), basis(3))
    assert pairs_of(align_pair(left, right, 0.6)) == [
        ((0,), (0,), False), ((1,), (1, 2), False), ((2,), (3,), False)
    ]


def test_merged_sentences_are_one_link():
    left = stack(basis(0), basis(1), basis(2), basis(3))
    right = stack(basis(0), basis(1) + basis(2), basis(3))
    assert pairs_of(align_pair(left, right, 0.6)) == [
        ((0,), (0,), False), ((1, 2), (1,), False), ((3,), (2,), False)
    ]


def test_unrelated_neighbour_is_not_merged():
    left = stack(basis(0), basis(1), basis(2))
    right = stack(basis(0), basis(1) * 0.95 + basis(5) * 0.31, basis(6), basis(2))
    links = pairs_of(align_pair(left, right, 0.6))
    assert ((1,), (1,), False) in links
    assert all(2 not in right_ for _, right_, _ in links)


def test_reordered_passage_is_a_move_not_omission_plus_insertion():
    left = stack(*(basis(k) for k in range(6)))
    right = stack(basis(4), basis(0), basis(1), basis(2), basis(3), basis(5))
    links = pairs_of(align_pair(left, right, 0.6))
    assert ((4,), (0,), True) in links
    assert sorted(link[:2] for link in links) == sorted(((k,), (r,)) for k, r in
                                                      [(4, 0), (0, 1), (1, 2), (2, 3), (3, 4), (5, 5)])


def test_links_never_go_far_below_the_threshold():
    left = stack(basis(0), basis(1))
    right = stack(basis(0) * 0.3 + basis(7) * 0.954, basis(1))
    assert pairs_of(align_pair(left, right, 0.6)) == [((1,), (1,), False)]


def test_a_weaker_passage_between_two_links_is_linked_by_position():
    left = stack(basis(0), basis(1), basis(2))
    right = stack(basis(0), basis(1) * 0.5 + basis(7) * 0.866, basis(2))
    assert pairs_of(align_pair(left, right, 0.6)) == [((k,), (k,), False) for k in range(3)]


def test_a_gap_passage_links_only_to_its_best_match_in_the_gap():
    left = stack(basis(0), basis(1), basis(2))
    right = stack(basis(0), basis(1) * 0.5 + basis(7) * 0.866, basis(1) * 0.2 + basis(8) * 0.98, basis(2))
    assert pairs_of(align_pair(left, right, 0.6)) == [((0,), (0,), False), ((1,), (1,), False), ((2,), (3,), False)]


def test_a_gap_passage_far_below_the_threshold_is_not_linked_by_position():
    left = stack(basis(0), basis(1), basis(2))
    right = stack(basis(0), basis(1) * 0.3 + basis(7) * 0.954, basis(2))
    assert pairs_of(align_pair(left, right, 0.6)) == [((0,), (0,), False), ((2,), (2,), False)]


def test_a_close_rival_that_is_not_the_best_match_is_not_linked():
    # Both left passages resemble right 0 above the threshold; only the best one links.
    left = stack(basis(0), basis(0) * 0.8 + basis(5) * 0.6)
    right = stack(basis(0))
    assert pairs_of(align_pair(left, right, 0.6)) == [((0,), (0,), False)]


def test_an_unrelated_version_gets_no_links():
    rng = np.random.default_rng(7)
    left = stack(*(rng.normal(size=DIM) for _ in range(8)))
    right = stack(*(rng.normal(size=DIM) for _ in range(8)))
    assert align_pair(left, right, 0.72) == []


def test_empty_sides():
    empty = stack()
    assert align_pair(empty, stack(basis(0)), 0.6) == []
    assert align_pair(stack(basis(0)), empty, 0.6) == []


_version = stack


def _rows_by_content(rows, versions):
    """Rows as frozensets of (version, basis index) for order-free comparison."""
    return {
        frozenset((vid, int(np.argmax(versions[vid].vectors[p]))) for vid, cell in row.cells.items() for p in cell)
        for row in rows
    }


def test_rows_join_reference_links_and_shared_extras():
    versions = {
        "ref": _version(basis(0), basis(1), basis(2)),
        "a": _version(basis(0), basis(9), basis(2)),
        "b": _version(basis(0), basis(1), basis(9), basis(2)),
    }
    rows = build_rows("ref", versions, ["ref", "a", "b"], 0.6)
    cells = [{v: c for v, c in row.cells.items()} for row in rows]
    assert cells[0] == {"ref": (0,), "a": (0,), "b": (0,)}
    assert cells[1] == {"ref": (1,), "a": (), "b": (1,)}
    # The extra passage shared by a and b forms its own row, after the row before it.
    assert cells[2] == {"ref": (), "a": (1,), "b": (2,)}
    assert cells[3] == {"ref": (2,), "a": (2,), "b": (3,)}
    assert rows[0].similarity == {"a": pytest.approx(1.0), "b": pytest.approx(1.0)}
    assert rows[1].similarity["a"] is None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 11), min_size=0, max_size=9), min_size=2, max_size=4), st.randoms())
def test_every_passage_in_exactly_one_row_and_order_free(contents, random):
    versions = {f"v{n}": stack(*(basis(k) for k in c)) for n, c in enumerate(contents)}
    rank = sorted(versions)
    rows = build_rows("v0", versions, rank, 0.6)
    for vid, vv in versions.items():
        seen = sorted(p for row in rows for p in row.cells[vid])
        assert seen == list(range(len(vv.vectors)))
    assert all(row.present() for row in rows)
    # Same rows whatever order the mapping was built in (rank fixed by content).
    keys = list(versions)
    random.shuffle(keys)
    shuffled = build_rows("v0", {k: versions[k] for k in keys}, rank, 0.6)
    assert [dict(r.cells) for r in shuffled] == [dict(r.cells) for r in rows]


def test_pair_vectors_decide_a_merge_the_mean_would_miss():
    left = stack(basis(0), basis(1), basis(3))
    parts = stack(basis(0), basis(1) * 0.6 + basis(4) * 0.8, basis(1) * 0.3 + basis(5) * 0.954, basis(3))
    # Read together, the two middle passages say exactly what left passage 1 says.
    pairs = np.stack([unit(basis(0) + basis(1)), basis(1), unit(basis(2) + basis(3))])
    with_pairs = VersionVectors(parts.vectors, pairs)
    assert ((1,), (1, 2), False) in pairs_of(align_pair(left, with_pairs, 0.6))
    assert ((1,), (1, 2), False) not in pairs_of(align_pair(left, parts, 0.6))


def test_rows_do_not_chain_a_to_c_through_b():
    # v1's passage resembles both v0's and v2's, which say different things.
    versions = {
        "v0": _version(basis(0), basis(3)),
        "v1": _version(basis(0) + basis(1), basis(3)),
        "v2": _version(basis(1), basis(3)),
    }
    rows = build_rows("v0", versions, ["v0", "v1", "v2"], 0.6)
    assert not any(row.cells["v0"] == (0,) and row.cells["v2"] == (0,) for row in rows)
    assert any(row.cells == {"v0": (1,), "v1": (1,), "v2": (1,)} for row in rows)


def test_adjacent_passages_of_one_version_linked_to_different_rows_stay_apart():
    # v1 says statement 0 and 1 in two sentences; v2 merges them; v0 has both apart.
    versions = {
        "v0": _version(basis(0), basis(1)),
        "v1": _version(basis(0), basis(1)),
        "v2": _version(basis(0) * 0.7 + basis(9) * 0.714, basis(1) * 0.7 + basis(9) * 0.714),
    }
    rows = build_rows("v0", versions, ["v0", "v1", "v2"], 0.6)
    assert all(len(cell) <= 1 for row in rows for cell in row.cells.values())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 7), min_size=1, max_size=7), min_size=2, max_size=5))
def test_every_row_is_one_group_per_version_and_coherent(contents):
    # Passages mix two basis vectors, so pairwise links can conflict.
    versions = {
        f"v{n}": stack(*(basis(k) + 0.8 * basis((k + 1) % 8) for k in c)) for n, c in enumerate(contents)
    }
    rows = build_rows("v0", versions, sorted(versions), 0.6)
    for row in rows:
        present = {v: c for v, c in row.cells.items() if c}
        for cell in present.values():
            assert list(cell) == list(range(cell[0], cell[0] + len(cell)))
        if len(present) > 2:
            vectors = np.stack([versions[v].group(c) for v, c in present.items()])
            sims = vectors @ vectors.T
            mean = (sims.sum(axis=1) - 1.0) / (len(present) - 1)
            assert mean.min() >= 0.6 - 0.2 - 1e-6


def test_rows_the_reference_lacks_sit_next_to_their_neighbours():
    versions = {
        "ref": _version(basis(0), basis(1), basis(2)),
        "a": _version(basis(5), basis(1), basis(2)),  # an opening the reference lacks
        "far": _version(basis(9), basis(10)),  # shares nothing
    }
    rows = build_rows("ref", versions, ["ref", "a", "far"], 0.6)
    present = [tuple(sorted(v for v, c in row.cells.items() if c)) for row in rows]
    # The reference's first row, then a's opening (before the row that follows it in a),
    # then the shared rows; the unrelated version's rows come last.
    assert present == [("ref",), ("a",), ("a", "ref"), ("a", "ref"), ("far",), ("far",)]


def _rows_as_sets(cells_list):
    return sorted(sorted((v, c) for v, c in cells.items() if c) for cells in cells_list)


def test_adding_a_version_aligns_only_its_pairs_again():
    from storydiff.alignment.pair_cache import PairCache
    from storydiff.alignment.rows import cluster_passages

    versions = {f"v{n}": stack(*(basis(k + n) for k in range(5))) for n in range(3)}
    cache = PairCache()
    first = cluster_passages(versions, sorted(versions), 0.6, cache=cache)
    assert (cache.hits, cache.misses) == (0, 3)
    more = {**versions, "v3": stack(basis(0), basis(2), basis(4))}
    again = cluster_passages(more, sorted(more), 0.6, cache=cache)
    assert (cache.hits, cache.misses) == (3, 6)
    assert _rows_as_sets(again) == _rows_as_sets(cluster_passages(more, sorted(more), 0.6, cache=None))
    assert _rows_as_sets(first) == _rows_as_sets(cluster_passages(versions, sorted(versions), 0.6, cache=None))


def test_relabelled_versions_reuse_their_pairs():
    from storydiff.alignment.pair_cache import PairCache
    from storydiff.alignment.rows import cluster_passages

    cache = PairCache()
    versions = {"a": stack(basis(0), basis(1)), "b": stack(basis(1), basis(0))}
    cluster_passages(versions, ["a", "b"], 0.6, cache=cache)
    renamed = {"x": versions["a"], "y": versions["b"]}
    cluster_passages(renamed, ["x", "y"], 0.6, cache=cache)
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_cancelled_alignment_stops():
    from storydiff.alignment.rows import cluster_passages
    from storydiff.core.errors import Cancelled

    class Stop:
        def report(self, fraction, message=""):
            pass

        def cancelled(self):
            return True

    versions = {"a": stack(basis(0)), "b": stack(basis(0))}
    with pytest.raises(Cancelled):
        cluster_passages(versions, ["a", "b"], 0.6, progress=Stop())


def test_the_filter_for_unrelated_versions_keeps_a_merge_only_the_two_halves_make():
    left = stack(basis(1))
    halves = stack(basis(1) * 0.35 + basis(4) * 0.937, basis(1) * 0.35 + basis(5) * 0.937)
    together = VersionVectors(halves.vectors, np.stack([basis(1)]))  # read together: exactly left's
    assert pairs_of(align_pair(left, together, 0.6)) == [((0,), (0, 1), False)]
    assert align_pair(left, halves, 0.6) == []  # each half alone is far below the threshold
