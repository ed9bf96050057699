"""The real model on the bundled sample story, scored against its gold rows."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from storydiff.alignment.scoring import score_links
from storydiff.core.model import ChangeKind
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document

pytestmark = pytest.mark.e2e


def load(files: list[Path]):
    return [make_version(read_document(f), f.name, f"v{n}") for n, f in enumerate(files, start=1)]


def gold_cells(gold: dict, comparison) -> list[dict[str, list[int]]]:
    """Gold rows with sentence texts replaced by our passage indexes (by label = file name)."""
    index = {
        (v.label, p.text): p.index for v in comparison.versions for p in comparison.passages[v.id]
    }
    ids = {v.label: v.id for v in comparison.versions}
    return [{ids[name]: [index[(name, text)] for text in texts] for name, texts in row.items()}
            for row in gold["rows"]]


@pytest.fixture(scope="module")
def sample(real_embedder, sample_files, gold):
    versions = load(sample_files)
    reference = next(v.id for v in versions if v.label == gold["reference"])
    return compare(versions, reference=reference, embedder=real_embedder)


def test_segmentation_matches_the_gold_sentences(sample, gold):
    for version in sample.versions:
        expected = [t for row in gold["rows"] for t in row[version.label]]
        assert sorted(p.text for p in sample.passages[version.id]) == sorted(expected)


def test_rows_match_the_gold(sample, gold):
    score = score_links([r.cells for r in sample.rows], gold_cells(gold, sample))
    assert score.f1 >= 0.9, score
    assert score.precision >= 0.9, score


def test_moved_paragraph_is_flagged(sample, gold):
    by_label = {v.label: v.id for v in sample.versions}
    for item in gold["moved"]:
        vid = by_label[item["version"]]
        row = next(r for r in sample.rows for p in r.cells[vid]
                   if sample.passages[vid][p].text == item["passage"])
        assert vid in row.moved


def test_spun_copy_stands_out(sample):
    stats = {sample.version(v).label: s for v, s in sample.stats.items()}
    spun, update = stats["03-spun.txt"], stats["05-update.txt"]
    assert spun.change_share > 3 * update.change_share
    assert len(spun.substitutions) >= 10
    kinds = {c.kind for c in sample.changes if c.version == sample.version("v3").id}
    assert ChangeKind.REPORTING_VERB in kinds or ChangeKind.SUBSTITUTION in kinds


def test_corrected_figure_is_a_number_change(sample):
    update = next(v for v in sample.versions if v.label == "05-update.txt")
    numbers = [c for c in sample.changes if c.version == update.id and c.kind is ChangeKind.NUMBER]
    assert numbers
    for change in numbers:
        assert update.text[change.start:change.end] == change.after


def test_result_does_not_depend_on_version_order(real_embedder, sample_files, sample, gold):
    files = list(sample_files)
    random.Random(7).shuffle(files)
    versions = load(files)
    reference = next(v.id for v in versions if v.label == gold["reference"])
    shuffled = compare(versions, reference=reference, embedder=real_embedder)

    def by_label(comparison):
        names = {v.id: v.label for v in comparison.versions}
        return [tuple(sorted((names[v], c) for v, c in row.cells.items())) for row in comparison.rows]

    assert by_label(shuffled) == by_label(sample)


def test_every_gold_quote_status_with_the_real_model(sample, gold):
    labels = {v.id: v.label for v in sample.versions}
    for expected in gold["quotes"]:
        words = set(expected["text"].lower().split())
        quote = max(sample.quotes, key=lambda q: len(words & set(q.text.lower().split())))
        assert quote.speaker == expected["speaker"]
        statuses = {labels[v]: o.status for v, o in quote.occurrences.items()}
        assert statuses == expected["occurrences"], expected["text"]
    assert len(sample.quotes) == len(gold["quotes"])
