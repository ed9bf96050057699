"""Which version each version most likely derives from.

Every pair of versions is scored by the word pairs they share, as a share of the smaller
one's (an excerpt and an extended update both score high against their source). A
derivative keeps its source's wording, edits included, so a copy of an edited copy is
closest to the edited copy, not to the original. Links are taken strongest first into a
forest (no cycles) rooted at the reference, which gets no source; of two equally close
candidates the reference, then the one closer to the reference, then the longer one, is
the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from storydiff.core.model import Comparison
from storydiff.lineage.wording import Wording, overlap, shared_omissions, shared_unique

# Below this containment no version is taken as another's source.
SOURCE_MIN = 0.35


@dataclass(frozen=True)
class SourceLink:
    """``version`` most likely derives from ``source``; ``score`` is their overlap."""

    version: str
    source: str
    score: float


def choose_sources(comparison: Comparison, w: Wording) -> dict[str, SourceLink]:
    """Version id -> its link to its likely source (versions without one are left out)."""
    ids = [v.id for v in comparison.versions]
    order = {vid: n for n, vid in enumerate(ids)}
    edges = []
    for vid in ids:
        if vid == comparison.reference:
            continue  # the reference is the root of the lineage, whatever it was built from
        for other in ids:
            if other != vid:
                score = overlap(w, vid, other)
                if score >= SOURCE_MIN:
                    closeness = overlap(w, other, comparison.reference) if other != comparison.reference else 1.0
                    rank = (-round(score, 2), -round(closeness, 2), -len(w.bigrams[other]), order[other])
                    edges.append((rank, SourceLink(vid, other, score)))
    edges.sort(key=lambda edge: edge[0])
    links: dict[str, SourceLink] = {}
    for _, link in edges:
        if link.version not in links and not _reaches(links, link.source, link.version):
            links[link.version] = link
    return links


def _reaches(links: dict[str, SourceLink], start: str, target: str) -> bool:
    """True if following sources from ``start`` arrives at ``target``."""
    seen = set()
    while start in links and start not in seen:
        seen.add(start)
        start = links[start].source
        if start == target:
            return True
    return start == target


def source_evidence(comparison: Comparison, w: Wording, link: SourceLink, label: str) -> list[str]:
    """Short lines saying why ``link.source`` (shown as ``label``) is the source."""
    lines = [f"{link.score:.0%} of the shorter text's word pairs are also in {label}"]
    unique = shared_unique(w, link.version, link.source)
    if unique:
        lines.append(f"{unique} word pair{'s' if unique != 1 else ''} shared only with {label}")
    omitted = shared_omissions(w, link.version, link.source, comparison.reference)
    if omitted:
        lines.append(f"leaves out the same {omitted} reference statement{'s' if omitted != 1 else ''} as {label}")
    return lines
