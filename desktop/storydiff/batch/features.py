"""What the grouping compares: per article, a vector, its names and numbers, its date and its
word shingles (for near-duplicates). Pure functions of the text and the passage vectors."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storydiff.core.model import Passage, Version
from storydiff.diffing.names import name_tokens
from storydiff.storage.cache import passage_texts, text_key

# Body passages read for the lead vector: the headline and the opening of the story say what
# the event is; the rest wanders into background shared with other events.
LEAD_PASSAGES = 4
SHINGLE_WORDS = 3
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_WORD = re.compile(r"\w+")
# Numbers too common in any story to say which event it is ("one of 2 ...", "10 a.m.").
_SMALL_NUMBERS = frozenset(str(n) for n in range(0, 13))


@dataclass(frozen=True)
class ArticleFeatures:
    """``vector``: unit vector of the whole article (mean of its statement passages);
    ``lead``: unit vector of its headline and opening passages; ``terms``: names and numbers
    (lower-cased); ``date``: its publication day if known; ``shingles``: hashed word 3-grams."""

    vector: np.ndarray
    lead: np.ndarray
    terms: frozenset[str]
    date: dt.date | None
    shingles: frozenset[str]


def embedded_texts(version: Version, passages: Sequence[Passage]) -> list[str]:
    """The texts ``engine.compare`` embeds for this version: each passage and each two
    adjacent passages read together; embedding them once serves grouping and comparison."""
    singles, doubles = passage_texts(version.text, passages)
    return singles + doubles


def article_features(version: Version, passages: Sequence[Passage],
                     vectors: Mapping[str, np.ndarray]) -> ArticleFeatures:
    """The features of one article; ``vectors`` maps sha256 of a passage text to its unit vector."""
    statements = [p for p in passages if not p.is_furniture] or list(passages)
    matrix = np.stack([vectors[text_key(p.text)] for p in statements])
    heads = [p for p in statements if p.kind == "headline"][:1]
    lead = heads + [p for p in statements if p.kind == "body"][:LEAD_PASSAGES]
    lead_matrix = np.stack([vectors[text_key(p.text)] for p in lead]) if lead else matrix[:LEAD_PASSAGES]
    return ArticleFeatures(
        vector=_unit(matrix.mean(axis=0)),
        lead=_unit(lead_matrix.mean(axis=0)),
        terms=_terms(statements),
        date=parse_date(version.date),
        shingles=shingles(version.text),
    )


def _terms(passages: Sequence[Passage]) -> frozenset[str]:
    names = {n.lower() for p in passages for n in name_tokens(p.text, "")}
    numbers = {n.replace(",", "") for p in passages for n in _NUMBER.findall(p.text)}
    return frozenset(names | (numbers - _SMALL_NUMBERS))


def shingles(text: str) -> frozenset[str]:
    """The text's word 3-grams (lower-cased), the unit of near-duplicate detection."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return frozenset({" ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1))


def parse_date(value: str | None) -> dt.date | None:
    """The day of an ISO 8601 date or date-time (``2012-12-09``, ``2012-12-09T10:00:00Z``), else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm > 0 else vector).astype(np.float32)
