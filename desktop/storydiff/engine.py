"""The pipeline facade: versions -> passages -> embeddings -> rows -> changes -> quotes.

One engine for the command line and the window. ``compare`` is a pure function of
its inputs with a ``progress`` object for reporting and cancelling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from storydiff.alignment.embedder import Embedder
from storydiff.alignment.rows import VersionVectors, cluster_passages, order_rows, shared_statements
from storydiff.storage.cache import passage_texts, text_key
from storydiff.core.errors import UsageError
from storydiff.core.model import Change, ChangeKind, Comparison, Passage, Row, Version, VersionStats
from storydiff.core.progress import NullProgress, Progress, SubProgress, check
from storydiff.diffing import diff_passages, pair_stats, word_count
from storydiff.diffing.cells import CellText, cell_text
from storydiff.ingest import Document
from storydiff.ingest.passage_kinds import classify as classify_passages
from storydiff.ingest.sentences import segment
from storydiff.lineage import lineage_stats
from storydiff.lineage.figures import carriers
from storydiff.quotes import find_quotes

# Cosine similarity from which two passages count as the same statement.
# Tuned on MRPC train (benchmarks/tune_threshold.py); see README "Threshold".
DEFAULT_THRESHOLD = 0.72

__all__ = ["DEFAULT_THRESHOLD", "assemble", "compare", "make_version", "split_passages", "choose_reference"]


def make_version(document: Document, label: str, version_id: str) -> Version:
    """A ``Version`` from an ingested document; the sha256 is of the UTF-8 text."""
    return Version(
        id=version_id,
        label=label,
        source=document.source,
        text=document.text,
        sha256=text_key(document.text),
        title=document.title,
        date=document.date,
        author=document.author,
        encoding=document.encoding,
        retrieved=document.retrieved,
        final_url=document.final_url,
        canonical_url=document.canonical_url,
        raw_sha256=document.raw_sha256,
    )


def split_passages(version: Version) -> tuple[Passage, ...]:
    """The version's sentences as passages with code-point offsets into its text, each with
    its kind (body, headline, byline, dateline, caption or furniture)."""
    segments = segment(version.text)
    kinds = classify_passages(version.text, segments)
    return tuple(
        Passage(version.id, index, s.start, s.end, version.text[s.start : s.end], s.paragraph, kind.value)
        for index, (s, kind) in enumerate(zip(segments, kinds, strict=True))
    )


def choose_reference(
    versions: Sequence[Version], explicit: str | None = None, shared: Mapping[str, int] | None = None
) -> str:
    """The reference's id: ``explicit`` if given, else a version labelled or named
    "original", else the version that shares the most statements with the others
    (``shared``: version id -> (row, other version) pairs it shares, see
    ``alignment.rows.shared_statements``). Ties, and a missing ``shared``: the longest
    by words, then the earliest sha256, so that the choice does not depend on the
    order of the versions."""
    ids = [v.id for v in versions]
    if explicit is not None:
        if explicit not in ids:
            raise UsageError(f"reference {explicit!r} is not one of the versions")
        return explicit
    marked = [v for v in versions if "original" in f"{v.label} {Path(v.source).stem}".lower()]
    pool = marked or list(versions)
    shared = shared or {}
    return min(pool, key=lambda v: (-shared.get(v.id, 0), -word_count(v.text), v.sha256)).id


def compare(
    versions: Sequence[Version],
    *,
    reference: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    embedder: Embedder,
    progress: Progress | None = None,
) -> Comparison:
    """Align and diff ``versions`` (at least one; ids unique) against the reference.

    ``threshold`` is a cosine similarity in (0, 1). Raises ``UsageError`` for bad
    arguments and ``Cancelled`` if ``progress`` asks to stop.
    """
    progress = progress or NullProgress()
    _check_arguments(versions, threshold)
    if reference is not None:
        choose_reference(versions, reference)  # a bad explicit reference fails before any work
    passages = {v.id: split_passages(v) for v in versions}
    vectors = _embed({v.id: v for v in versions}, passages, embedder, SubProgress(progress, 0.0, 0.8))
    check(progress)
    rank = [v.id for v in sorted(versions, key=lambda v: (v.sha256, v.label, v.id))]
    kinds = {vid: [p.kind for p in ps] for vid, ps in passages.items()}
    clusters = cluster_passages(vectors, rank, threshold, kinds, progress=SubProgress(progress, 0.8, 0.9))
    reference = choose_reference(versions, reference, shared_statements(clusters))
    rows = order_rows(clusters, reference, vectors, rank)
    check(progress)
    progress.report(0.95, "comparing wording")
    comparison = assemble(embedder.model_id, threshold, reference, versions, passages, rows)
    progress.report(1.0, "done")
    return comparison


def assemble(
    model: str,
    threshold: float,
    reference: str,
    versions: Sequence[Version],
    passages: dict[str, tuple[Passage, ...]],
    rows: Sequence[Row],
) -> Comparison:
    """The comparison that ``rows`` make: word changes, statistics and quotes.

    Used after alignment and again after a user corrects rows by hand; needs no model.
    Rows are renumbered in the order given.
    """
    rows = tuple(row if row.index == n else replace(row, index=n) for n, row in enumerate(rows))
    pairs = _diff_rows(rows, {v.id: v for v in versions}, passages, reference)
    changes = tuple(change for pair in pairs for change in _changes(pair))
    holders = [frozenset(carriers(row, passages)) for row in rows]
    stats = {v.id: _stats(v, rows, holders, pairs, reference, passages) for v in versions}
    comparison = Comparison(model, threshold, reference, tuple(versions), passages, rows, changes, stats)
    comparison = replace(comparison, quotes=find_quotes(comparison))
    return replace(comparison, stats=lineage_stats(comparison))


def _check_arguments(versions: Sequence[Version], threshold: float) -> None:
    if not versions:
        raise UsageError("nothing to compare: give at least one version")
    if len({v.id for v in versions}) != len(versions):
        raise UsageError("two versions share one id")
    check_threshold(threshold)


def check_threshold(threshold: float) -> None:
    """``UsageError`` unless ``threshold`` is a cosine similarity strictly between 0 and 1."""
    if not 0.0 < threshold < 1.0:
        raise UsageError(f"threshold must be between 0 and 1, not {threshold}")


def _embed(versions, passages, embedder: Embedder, progress: Progress) -> dict[str, VersionVectors]:
    """Vectors of every passage and of every two adjacent passages read together
    (the evidence for split and merged sentences), embedded in one batch."""
    split = {vid: passage_texts(versions[vid].text, ps) for vid, ps in passages.items()}
    singles = {vid: pair[0] for vid, pair in split.items()}
    doubles = {vid: pair[1] for vid, pair in split.items()}
    texts = [t for vid in passages for t in singles[vid] + doubles[vid]]
    matrix = embedder.embed(texts, progress=progress)
    out, start = {}, 0
    for vid in passages:
        n, m = len(singles[vid]), len(doubles[vid])
        out[vid] = VersionVectors(matrix[start : start + n], matrix[start + n : start + n + m] if m else None)
        start += n + m
    return out


@dataclass(frozen=True)
class _PairDiff:
    """One aligned (reference cell, version cell) pair of a row, diffed once."""

    row: int
    version: str
    before: CellText
    after: CellText
    edits: tuple


def _diff_rows(rows, versions, passages, reference) -> list[_PairDiff]:
    pairs = []
    for row in rows:
        ref_cell = row.cells[reference]
        if not ref_cell:
            continue
        before = cell_text(versions[reference].text, passages[reference], ref_cell)
        for vid, cell in row.cells.items():
            if vid != reference and cell:
                after = cell_text(versions[vid].text, passages[vid], cell)
                edits = tuple(diff_passages(before.text, after.text))
                pairs.append(_PairDiff(row.index, vid, before, after, edits))
    return pairs


def _changes(pair: _PairDiff) -> list[Change]:
    changes = []
    for edit in pair.edits:
        if edit.kind is ChangeKind.DELETION:
            side, start, end, in_ref = pair.before, edit.a_start, edit.a_end, True
        else:
            side, start, end, in_ref = pair.after, edit.b_start, edit.b_end, False
        changes.append(
            Change(pair.row, pair.version, edit.kind, edit.before, edit.after,
                   side.to_version(start), side.to_version(end), in_ref)
        )
    return changes


# A substitution longer than this on either side is a rewrite, not a word swap.
SWAP_MAX_WORDS = 4


def _is_swap(before: str, after: str) -> bool:
    return word_count(before) <= SWAP_MAX_WORDS and word_count(after) <= SWAP_MAX_WORDS


def _stats(version: Version, rows, holders: Sequence[frozenset[str]], pairs: Sequence[_PairDiff],
           reference: str, passages: dict[str, tuple[Passage, ...]]) -> VersionStats:
    """The version's figures against the reference. ``holders[n]``: the versions whose cell
    in row ``n`` holds a statement. Furniture (page chrome) is not a statement: its words are
    not counted, and a row whose cells hold only furniture counts neither as shared,
    omitted nor unique."""
    vid = version.id
    statements = [r for r in rows if holders[r.index]]
    mine = [r for r in statements if vid in holders[r.index]]
    numbers = [pair_stats(p.before.text, p.after.text, p.edits) for p in pairs
               if p.version == vid and holders[p.row]]
    words_changed = sum(n.words_changed for n in numbers)
    aligned_words = sum(max(n.words_before, n.words_after) for n in numbers)
    edits = sum(n.changes for n in numbers)
    substitutions = Counter(pair for n in numbers for pair in n.substitutions if _is_swap(*pair))
    return VersionStats(
        version=vid,
        words=_statement_words(version, passages),
        rows_shared=sum(1 for r in mine if reference in holders[r.index]
                        and (vid != reference or len(holders[r.index]) > 1)),
        omitted=sum(1 for r in statements if reference in holders[r.index] and vid not in holders[r.index]),
        unique=sum(1 for r in mine if holders[r.index] == {vid}),
        moved=sum(1 for r in mine if vid in r.moved),
        words_changed=words_changed,
        change_share=words_changed / aligned_words if aligned_words else 0.0,
        trivial_share=sum(n.trivial_changes for n in numbers) / edits if edits else 0.0,
        substitutions=tuple(pair for pair, _ in substitutions.most_common()),
    )


def _statement_words(version: Version, passages) -> int:
    """Words of the version outside furniture passages."""
    own = passages[version.id]
    return word_count(version.text) - sum(word_count(p.text) for p in own if p.is_furniture)
