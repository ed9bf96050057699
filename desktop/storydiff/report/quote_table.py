"""Quotes in the terminal: who said what, and how each version printed it."""

from __future__ import annotations

from storydiff.core.model import Comparison, Quote
from storydiff.report._common import ordered_versions
from storydiff.report.summary import WIDTH, clip, plain

_STATUS_COLOURS = {
    "verbatim": "\x1b[32m", "trimmed": "\x1b[36m", "altered": "\x1b[33m",
    "paraphrased": "\x1b[35m", "absent": "\x1b[2m", "misattributed": "\x1b[31m",
}
_RESET = "\x1b[0m"


def differs(quote: Quote) -> bool:
    """True when the versions do not all print the quote verbatim."""
    return any(o.status != "verbatim" for o in quote.occurrences.values())


def render_quote_table(comparison: Comparison, *, only_differing: bool = False, color: bool = False) -> str:
    """One block per quote: speaker and canonical wording, then each version's status.

    With ``only_differing``, quotes every version prints verbatim are left out.
    Every line stays under 100 columns; input text is flattened to one printable line.
    """
    quotes = [q for q in comparison.quotes if differs(q) or not only_differing]
    if not comparison.quotes:
        return "No quotations found.\n"
    head = (f"Quotes: {len(quotes)} of {len(comparison.quotes)} differ between versions"
            if only_differing else f"Quotes: {len(quotes)}")
    lines = [head]
    for quote in quotes:
        lines.extend(_quote_lines(comparison, quote, color))
    return "\n".join(lines) + "\n"


def _quote_lines(comparison: Comparison, quote: Quote, color: bool) -> list[str]:
    speaker = plain(quote.speaker or "unknown speaker")
    words = clip(plain(quote.text), WIDTH - len(quote.id) - len(speaker) - 8)
    lines = [f"  {quote.id} {speaker}: \u201c{words}\u201d"]
    line, visible = "     ", 5
    for version in ordered_versions(comparison):
        occurrence = quote.occurrences.get(version.id)
        status = occurrence.status if occurrence else "absent"
        label = clip(plain(version.label), 24)
        width = len(label) + 1 + len(status) + 3  # escape codes take no columns
        if visible + width > WIDTH and line.strip():
            lines.append(line.rstrip(" ·"))
            line, visible = "     ", 5
        line += f"{label} {_paint(status, color)} · "
        visible += width
    lines.append(line.rstrip(" ·"))
    return lines


def _paint(status: str, color: bool) -> str:
    return f"{_STATUS_COLOURS.get(status, '')}{status}{_RESET}" if color else status
