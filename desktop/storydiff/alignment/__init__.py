"""Embeddings and alignment: passages -> vectors -> pairwise links -> N-way rows."""

from storydiff.alignment.pairwise import Link, align_pair
from storydiff.alignment.rows import VersionVectors, build_rows

__all__ = ["Link", "VersionVectors", "align_pair", "build_rows"]
