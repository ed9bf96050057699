"""Acceptance: the sample story's gold quote statuses and speakers, with the fake embedder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder

from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.quotes import find_quotes
from storydiff.quotes.words import norm_words

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"
GOLD = json.loads((SAMPLE / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def quotes():
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(path), GOLD["labels"][path.name], path.name) for path in files]
    comparison = compare(versions, reference=GOLD["reference"], threshold=0.5, embedder=BagOfWordsEmbedder())
    return find_quotes(comparison)


def overlap(a: str, b: str) -> float:
    """Share of the words of ``a`` and ``b`` that they have in common."""
    wa, wb = set(norm_words(a)), set(norm_words(b))
    return len(wa & wb) / len(wa | wb)


@pytest.mark.parametrize("gold", GOLD["quotes"], ids=lambda g: g["text"][:30])
def test_gold_quote_found_with_its_statuses_and_speaker(quotes, gold):
    best = max(quotes, key=lambda q: overlap(q.text, gold["text"]))
    assert overlap(best.text, gold["text"]) > 0.8
    assert best.speaker == gold["speaker"]
    assert {v: o.status for v, o in best.occurrences.items()} == gold["occurrences"]


def test_every_quote_has_every_version_and_exact_offsets(quotes):
    texts = {path.name: read_document(path).text for path in SAMPLE.glob("*.txt")}
    assert [q.id for q in quotes] == [f"q{n}" for n in range(1, len(quotes) + 1)]
    for quote in quotes:
        assert set(quote.occurrences) == set(texts)
        for vid, occurrence in quote.occurrences.items():
            if occurrence.status == "absent":
                assert (occurrence.text, occurrence.start, occurrence.end) == (None, None, None)
            else:
                assert texts[vid][occurrence.start : occurrence.end] == occurrence.text


def test_quotes_follow_the_reference_reading_order(quotes):
    wire = read_document(SAMPLE / GOLD["reference"]).text
    starts = [q.occurrences[GOLD["reference"]].start for q in quotes]
    assert starts == sorted(starts) and all(s is not None for s in starts)
    assert len(quotes) == len(GOLD["quotes"]) and quotes[0].text in wire
