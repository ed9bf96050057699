"""Each version's lineage figures, added to its statistics: coverage, verdict, source,
evidence and spin figures (see ``VersionStats``)."""

from __future__ import annotations

from dataclasses import replace

from storydiff.core.model import Comparison, Verdict, VersionStats
from storydiff.lineage.edits import EditFigures, edit_figures
from storydiff.lineage.sources import SourceLink, choose_sources, source_evidence
from storydiff.lineage.wording import (
    Wording,
    containment,
    coverage,
    statement_overlap,
    statement_share,
    wording,
)

# Independent: few of its statements in any other version, and little shared wording.
INDEPENDENT_STATEMENTS = 0.3
INDEPENDENT_WORDING = 0.3
INDEPENDENT_STATEMENTS_LOOSE = 0.45  # ... or a little more, with hardly any shared wording
INDEPENDENT_WORDING_TIGHT = 0.15
# Share of its words written anew (against its basis) up to which a version is a copy,
# then a light edit; above: a rewrite.
COPY_MAX = 0.03
LIGHT_MAX = 0.45
# Below this many statements shared with its basis a version's wording is not judged
# (verdict ""): two sentences cannot tell an edit from a rewrite, or a spinner from a
# translation.
JUDGE_MIN_ROWS = 3
# A machine rewording (spun or garbled) follows its source statement for statement: at
# least this share of the statements of the one that has fewer, over this many rows.
MACHINE_STATEMENTS = 0.8
MACHINE_MIN_ROWS = 5
MACHINE_MIN_CHANGE = 0.1
# Spun: this share of narrative words swapped for others, a good part as short swaps
# (a synonym tool in intact syntax), or a statement-for-statement rewording, without
# grammatical damage, that altered quotations too.
SPUN_NARRATIVE = 0.08
SPUN_SWAPS = 0.25
# Garbled (a machine translation's round trip): grammatical words swapped for one
# another (the -> that, on -> in, her -> his) at this share of the aligned words, and
# at least this share of the reworded words grammatical. Word order alone is not
# enough: paraphrase tools move whole clauses too.
GARBLED_FUNCTION_SWAPS = 0.015
GARBLED_FUNCTION_SHARE = 0.3


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
    one_for_one = statement_overlap(w, vid, basis) if basis != vid else 0.0
    touched, untouched = _quote_counts(comparison, vid)
    verdict = _verdict(comparison, vid, independent, link is not None, figures, one_for_one, touched)
    evidence = _evidence(comparison, w, vid, link, shared, wordy, figures, verdict)
    return replace(
        stats,
        coverage=coverage(w, vid, comparison.reference),
        verdict=verdict,
        source=link.source if link and link.settled else None,
        source_score=link.score if link and link.settled else 0.0,
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


def _verdict(comparison: Comparison, vid: str, independent: bool, kin: bool,
             f: EditFigures | None, one_for_one: float, quotes_touched: int) -> str:
    """The verdict, or "" (not judged) when too few statements are shared to judge.

    Copy, light edit, spun and garbled say that the version was made from another text of
    the comparison, so they need a kin (specific shared wording, see ``sources``); a
    version with none that still shares statements is a rewrite."""
    if vid == comparison.reference:
        return Verdict.REFERENCE.value
    if independent or f is None or f.rows == 0:
        return Verdict.INDEPENDENT.value
    if f.rows < JUDGE_MIN_ROWS:
        return ""
    if not kin:
        return Verdict.REWRITE.value
    if f.new_share <= COPY_MAX:
        return Verdict.COPY.value
    machine = _machine(f, one_for_one)
    if machine and _garbled(f):
        return Verdict.GARBLED.value
    if f.narrative_substituted >= SPUN_NARRATIVE and f.swap_share >= SPUN_SWAPS:
        return Verdict.SPUN.value
    if machine and quotes_touched and f.new_share > LIGHT_MAX:
        # Reworded statement for statement, quotations included: reporters and
        # students rewrite narrative but keep quotations; a paraphrase tool does not.
        return Verdict.SPUN.value
    return (Verdict.LIGHT_EDIT if f.new_share <= LIGHT_MAX else Verdict.REWRITE).value


def _machine(f: EditFigures, one_for_one: float) -> bool:
    """True if the version rewords its basis statement for statement, as a tool does."""
    return (f.rows >= MACHINE_MIN_ROWS and one_for_one >= MACHINE_STATEMENTS
            and f.change_share >= MACHINE_MIN_CHANGE)


def _garbled(f: EditFigures) -> bool:
    return f.function_swaps >= GARBLED_FUNCTION_SWAPS and f.function_share >= GARBLED_FUNCTION_SHARE


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
        if not verdict:
            lines.append(f"not judged: fewer than {JUDGE_MIN_ROWS} statements in common with {basis}")
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
