"""Small helpers shared by the HTML report and the text summary."""

from __future__ import annotations

from storydiff.core.model import Comparison, PassageKind, Version, VersionStats

# How many substitutions the reports list per version.
TOP_SUBSTITUTIONS = 5


def ordered_versions(comparison: Comparison) -> tuple[Version, ...]:
    """The reference first, then the other versions in the order given."""
    reference = comparison.version(comparison.reference)
    others = tuple(v for v in comparison.versions if v.id != comparison.reference)
    return (reference, *others)


def story_title(comparison: Comparison) -> str:
    """What the story is called: the reference's headline (its first passage of kind
    ``headline``, on one line), else its title, else its label."""
    reference = comparison.version(comparison.reference)
    for passage in comparison.passages.get(reference.id, ()):
        if passage.kind == PassageKind.HEADLINE and passage.text.strip():
            return " ".join(passage.text.split())
    return reference.title or reference.label


def percent(fraction: float) -> str:
    """A fraction in [0, 1] as a percentage with one decimal, e.g. ``"12.5%"``."""
    return f"{fraction * 100:.1f}%"


def substitution_pairs(stats: VersionStats | None) -> list[str]:
    """The most frequent substitutions as ``"before→after"`` strings."""
    if stats is None:
        return []
    return [f"{before}→{after}" for before, after in stats.substitutions[:TOP_SUBSTITUTIONS]]


def counts_line(comparison: Comparison) -> str:
    """How big the comparison is, e.g. ``"3 versions · 12 rows · 40 changes · 1 quotation"``."""
    parts = (
        (len(comparison.versions), "version"),
        (len(comparison.rows), "row"),
        (len(comparison.changes), "change"),
        (len(comparison.quotes), "quotation"),
    )
    return " · ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)


def changed_text(stats: VersionStats, is_reference: bool) -> str:
    """The share of words changed, or "shares nothing" for a version that carries none
    of the reference's statements (its 0% would say "unchanged")."""
    if not is_reference and stats.verdict and stats.coverage == 0.0 and stats.rows_shared == 0:
        return "shares nothing"
    return percent(stats.change_share)
