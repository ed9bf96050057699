"""Each version's lineage figures, added to its statistics: coverage, verdict, source,
evidence and spin figures (see ``VersionStats``)."""

from __future__ import annotations

from dataclasses import replace

from storydiff.core.model import Comparison, Verdict, VersionStats
from storydiff.lineage.edits import EditFigures, edit_figures
from storydiff.lineage.figures import coverage
from storydiff.lineage.sources import SourceLink, choose_sources, source_evidence
from storydiff.lineage.wording import Wording, containment, statement_share, wording

# Independent: few of its statements in any other version, and little shared wording.
INDEPENDENT_STATEMENTS = 0.3
INDEPENDENT_WORDING = 0.3
INDEPENDENT_STATEMENTS_LOOSE = 0.45  # ... or a little more, with hardly any shared wording
INDEPENDENT_WORDING_TIGHT = 0.15
# Share of its words written anew (against its basis) up to which a version is a copy,
# then a light edit; above: a rewrite.
COPY_MAX = 0.03
LIGHT_MAX = 0.45
# Spun: this share of narrative words swapped for others, a good part as short swaps,
# and its quotations mostly untouched.
SPUN_NARRATIVE = 0.08
SPUN_SWAPS = 0.25
# Garbled: grammatical words swapped for one another (the -> that, on -> in, her -> his),
# or content words out of order in a text that is still mostly the basis's.
GARBLED_FUNCTION_SWAPS = 0.02
GARBLED_ORDER = 0.15
GARBLED_MAX_CHANGE = 0.7
GARBLED_MIN_CHANGE = 0.1
GARBLED_MIN_ROWS = 5


def lineage_stats(comparison: Comparison) -> dict[str, VersionStats]:
    """``comparison.stats`` with every version's lineage figures filled in."""
    w = wording(comparison)
    links = choose_sources(comparison, w)
    return {vid: _judged(comparison, w, links, stats) for vid, stats in comparison.stats.items()}


def _judged(comparison: Comparison, w: Wording, links: dict[str, SourceLink], stats: VersionStats) -> VersionStats:
    vid = stats.version
    if vid not in w.rows:  # stats of a version the comparison does not hold
        return stats
    others = [v.id for v in comparison.versions if v.id != vid]
    link = links.get(vid)
    shared = statement_share(w, vid, others)
    wordy = max((containment(w, vid, o) for o in others), default=0.0)
    independent = vid != comparison.reference and _is_independent(shared, wordy)
    if independent:
        link = None
    basis = link.source if link else comparison.reference
    figures = edit_figures(comparison, vid, basis) if basis != vid else None
    verdict = _verdict(comparison, vid, independent, figures)
    evidence = _evidence(comparison, w, vid, link, shared, wordy, figures, verdict)
    touched, untouched = _quote_counts(comparison, vid)
    return replace(
        stats,
        coverage=coverage(comparison, vid),
        verdict=verdict,
        source=link.source if link else None,
        source_score=link.score if link else 0.0,
        evidence=tuple(evidence),
        narrative_substituted=figures.narrative_substituted if figures else 0.0,
        quotes_touched=touched,
        quotes_untouched=untouched,
        spin_pairs=figures.spin_pairs if figures else (),
    )


def _is_independent(shared: float, wordy: float) -> bool:
    if shared < INDEPENDENT_STATEMENTS and wordy < INDEPENDENT_WORDING:
        return True
    return shared < INDEPENDENT_STATEMENTS_LOOSE and wordy < INDEPENDENT_WORDING_TIGHT


def _verdict(comparison: Comparison, vid: str, independent: bool, f: EditFigures | None) -> str:
    if vid == comparison.reference:
        return Verdict.REFERENCE.value
    if independent or f is None or f.rows == 0:
        return Verdict.INDEPENDENT.value
    if f.new_share <= COPY_MAX:
        return Verdict.COPY.value
    if _garbled(f):
        return Verdict.GARBLED.value
    if f.narrative_substituted >= SPUN_NARRATIVE and f.swap_share >= SPUN_SWAPS:
        return Verdict.SPUN.value
    return (Verdict.LIGHT_EDIT if f.new_share <= LIGHT_MAX else Verdict.REWRITE).value


def _garbled(f: EditFigures) -> bool:
    if not GARBLED_MIN_CHANGE <= f.change_share <= GARBLED_MAX_CHANGE:
        return False
    if f.function_swaps >= GARBLED_FUNCTION_SWAPS:
        return True
    return f.rows >= GARBLED_MIN_ROWS and f.order_damage >= GARBLED_ORDER


def _quote_counts(comparison: Comparison, vid: str) -> tuple[int, int]:
    statuses = [q.occurrences[vid].status for q in comparison.quotes if vid in q.occurrences]
    return statuses.count("altered"), statuses.count("verbatim") + statuses.count("trimmed")


def _evidence(comparison, w, vid, link, shared, wordy, figures, verdict) -> list[str]:
    label = lambda other: comparison.version(other).label  # noqa: E731 - one-line lookup
    lines: list[str] = []
    if verdict == Verdict.INDEPENDENT and vid != comparison.reference:
        lines.append(f"{shared:.0%} of its statements are in another version; "
                     f"at most {wordy:.0%} of its word pairs")
    if link:
        lines.extend(source_evidence(comparison, w, link, label(link.source)))
    if figures and figures.rows:
        basis = label(link.source if link else comparison.reference)
        lines.append(f"{figures.change_share:.0%} of words reworded against {basis} "
                     f"over {figures.rows} shared statement{'s' if figures.rows != 1 else ''}")
        lines.extend(_spin_lines(figures, verdict))
    return lines


def _spin_lines(f: EditFigures, verdict: str) -> list[str]:
    lines = []
    if f.narrative_substituted >= SPUN_NARRATIVE / 2 or verdict == Verdict.SPUN:
        pairs = ", ".join(f"{b}→{a}" for b, a, _ in f.spin_pairs[:3])
        lines.append(f"{f.narrative_substituted:.0%} of narrative words swapped ({pairs})")
    if verdict == Verdict.GARBLED:
        lines.append(f"word order broken in {f.order_damage:.0%} of word pairs; "
                     f"{f.function_swaps:.1%} of words are grammatical words swapped")
    return lines
