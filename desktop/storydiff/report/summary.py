"""A short plain-text summary of a comparison for the terminal."""

from __future__ import annotations

from collections.abc import Callable

from storydiff.core.model import Comparison, Version, VersionStats
from storydiff.report._common import (
    TOP_SUBSTITUTIONS,
    changed_text,
    counts_line,
    ordered_versions,
    percent,
    story_title,
)

WIDTH = 99  # every line stays under 100 columns
_SIDE = 24  # longest before or after shown in one substitution

_BOLD, _DIM, _YELLOW, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[33m", "\x1b[0m"

Paint = Callable[[str, str], str]


def render_summary(comparison: Comparison, *, color: bool = False) -> str:
    """The comparison in a few lines per version, each under 100 columns.

    With ``color`` the text gains ANSI codes; without them it is identical.
    """
    paint = _painter(color)
    lines = _header_lines(comparison, paint)
    labels = {v.id: v.label for v in comparison.versions}
    for version in ordered_versions(comparison):
        lines.append("")
        stats = comparison.stats.get(version.id)
        lines.extend(_version_lines(version, stats, version.id == comparison.reference, paint, labels))
    text = "\n".join(lines) + "\n"
    if comparison.quotes:
        from storydiff.report.quote_table import render_quote_table

        text += "\n" + render_quote_table(comparison, only_differing=True, color=color)
    return text


def plain(text: str) -> str:
    """``text`` on one printable line: control characters (escapes too) become spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in "…" when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _painter(color: bool) -> Paint:
    if not color:
        return lambda text, _code: text
    return lambda text, code: f"{code}{text}{_RESET}"


def _header_lines(comparison: Comparison, paint: Paint) -> list[str]:
    reference = comparison.version(comparison.reference)
    title = clip(plain(story_title(comparison)), WIDTH - len("Story: "))
    model = clip(plain(comparison.model), WIDTH - len("Model:  · threshold 0.00"))
    return [
        f"Story: {paint(title, _BOLD)}",
        f"Reference: {clip(plain(reference.label), WIDTH - len('Reference: '))}",
        f"Model: {model} · threshold {comparison.threshold:.2f}",
        counts_line(comparison),
    ]


def _version_lines(
    version: Version, stats: VersionStats | None, is_reference: bool, paint: Paint,
    labels: dict[str, str],
) -> list[str]:
    suffix = " (reference)" if is_reference else ""
    label = clip(plain(version.label), WIDTH - len(suffix))
    lines = [paint(label, _BOLD) + paint(suffix, _DIM)]
    if stats is None:
        return [*lines, "  no statistics"]
    lines.append(
        f"  words {stats.words:,} · rows shared {stats.rows_shared} · omitted {stats.omitted}"
        f" · unique {stats.unique} · moved {stats.moved}"
    )
    lines.append(
        f"  changed {paint(changed_text(stats, is_reference), _YELLOW)}"
        f" · trivial {paint(percent(stats.trivial_share), _YELLOW)}"
    )
    if stats.verdict:
        lines.append(_lineage_line(stats, labels))
    if stats.substitutions:
        lines.append(_substitutions_line(stats))
    return lines


def _lineage_line(stats: VersionStats, labels: dict[str, str]) -> str:
    """Coverage, verdict and source on one line."""
    line = f"  coverage {percent(stats.coverage)} · {stats.verdict}"
    if stats.source:
        line += f" · source {plain(labels.get(stats.source, stats.source))}"
    return clip(line, WIDTH)


def _substitutions_line(stats: VersionStats) -> str:
    prefix = "  top substitutions: "
    pairs = stats.substitutions[:TOP_SUBSTITUTIONS]
    items = [f"{clip(plain(b), _SIDE)}→{clip(plain(a), _SIDE)}" for b, a in pairs]
    return prefix + clip(", ".join(items), WIDTH - len(prefix))
