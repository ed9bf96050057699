"""Pairwise links kept between alignments, so that adding, removing or relabelling one
version re-aligns only the pairs it is in.

A pair's links depend only on the two versions' vectors, their passage kinds and the
threshold, so that is the key: a digest of the vectors (not labels or ids), the kind
codes and the threshold. The cache is bounded (least recently used pairs go first)
and shared by every alignment in the process; dictionary operations are atomic under
the GIL, so worker threads can share it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from storydiff.alignment.pairwise import Link, VersionVectors

# About 10,000 pairs: 140 versions all against all, a few MB of small tuples.
MAX_PAIRS = 10_000

Key = tuple[bytes, bytes, float]


def version_digest(vectors: VersionVectors, codes: np.ndarray) -> bytes:
    """A digest of what a version's alignment depends on: its vectors and passage kinds."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(np.ascontiguousarray(vectors.vectors, dtype=np.float32).tobytes())
    if vectors.pairs is not None:
        digest.update(np.ascontiguousarray(vectors.pairs, dtype=np.float32).tobytes())
    digest.update(np.ascontiguousarray(codes, dtype=np.int8).tobytes())
    return digest.digest()


class PairCache:
    """Links of aligned pairs of versions, least recently used out first."""

    def __init__(self, limit: int = MAX_PAIRS) -> None:
        self.limit = limit
        self._links: OrderedDict[Key, tuple[Link, ...]] = OrderedDict()
        self.hits = self.misses = 0

    def __contains__(self, key: Key) -> bool:
        return key in self._links

    def links(self, key: Key, compute: Callable[[], list[Link]]) -> tuple[Link, ...]:
        """The links stored under ``key``, or ``compute()``'s, stored."""
        found = self._links.get(key)
        if found is not None:
            self.hits += 1
            self._links.move_to_end(key)
            return found
        self.misses += 1
        found = tuple(compute())
        self._links[key] = found
        while len(self._links) > self.limit:
            self._links.popitem(last=False)
        return found

    def clear(self) -> None:
        self._links.clear()
        self.hits = self.misses = 0


PAIRS = PairCache()
