"""Give one word-level edit its :class:`ChangeKind`.

The kinds are tried in a fixed order and the first that fits wins:
whitespace, quote-style, punctuation, case (the trivial four), then number,
negation, reporting-verb, name, and finally substitution, insertion or
deletion. Decisions worth knowing:

- A figure that changes form counts as a number change: ``"3"`` -> ``"three"``
  and ``"5 percent"`` -> ``"5%"`` are ``number``, because fact-checkers want
  to see every edit to a figure. Separators alone do not count:
  ``"1,000"`` -> ``"1000"`` is ``punctuation``.
- Adding or removing quote marks (not swapping their style) is ``punctuation``.
- ``negation`` compares the count of negating words on each side, so
  ``"did not"`` -> ``"didn't"`` is not a negation change (it is a
  ``substitution``).
- ``reporting-verb`` needs every word on both sides to be a reporting verb
  or a small helper word ("has", "to"): ``"said"`` -> ``"mentioned"`` is one,
  ``"Smith said"`` -> ``"Jones told"`` is a ``name`` change.
"""

from __future__ import annotations

import unicodedata

from storydiff.core.model import ChangeKind
from storydiff.diffing.figures import numeric_terms
from storydiff.diffing.lexicon import (
    NEGATIONS,
    QUOTE_MARKS,
    REPORTING_FILLERS,
    REPORTING_VERBS,
)
from storydiff.diffing.names import name_tokens
from storydiff.diffing.tokens import norm_words

_UNIFY_QUOTES = str.maketrans({mark: '"' for mark in QUOTE_MARKS})


def _squash(text: str) -> str:
    """``text`` without any whitespace."""
    return "".join(text.split())


def _skeleton(text: str) -> str:
    """``text`` without whitespace, quote marks and punctuation (Unicode P*)."""
    return "".join(
        char
        for char in text
        if not (char.isspace() or char in QUOTE_MARKS or unicodedata.category(char)[0] == "P")
    )


def _negation_count(text: str) -> int:
    return sum(word in NEGATIONS or word.endswith("n't") for word in norm_words(text))


def _is_reporting(text: str) -> bool:
    """True if ``text`` is only reporting verbs (at least one) and helper words."""
    words = norm_words(text)
    return (
        any(word in REPORTING_VERBS for word in words)
        and all(word in REPORTING_VERBS or word in REPORTING_FILLERS for word in words)
    )


def _trivial_kind(before: str, after: str, numbers_differ: bool) -> ChangeKind | None:
    """The trivial kind of the edit, or None if it is substantive."""
    if _squash(before) == _squash(after):
        return ChangeKind.WHITESPACE
    if _squash(before.translate(_UNIFY_QUOTES)) == _squash(after.translate(_UNIFY_QUOTES)):
        return ChangeKind.QUOTE_STYLE
    if numbers_differ:
        return None  # "3.5" -> "35" must not pass as punctuation
    skeleton_before, skeleton_after = _skeleton(before), _skeleton(after)
    if skeleton_before == skeleton_after:
        return ChangeKind.PUNCTUATION
    if skeleton_before.casefold() == skeleton_after.casefold():
        return ChangeKind.CASE
    return None


def _fallback_kind(before: str, after: str) -> ChangeKind:
    """Substitution, insertion or deletion, ignoring incidental whitespace."""
    if before.strip() and after.strip():
        return ChangeKind.SUBSTITUTION
    return ChangeKind.INSERTION if after.strip() else ChangeKind.DELETION


def classify(
    before: str,
    after: str,
    *,
    before_prefix: str | None = None,
    after_prefix: str | None = None,
) -> ChangeKind:
    """The kind of the edit that turns ``before`` into ``after``.

    ``before``/``after`` are the removed and added text ("" for a pure
    insertion or deletion). The optional prefixes are the passage text
    preceding the edit on each side, used only to tell a sentence-initial
    capital from a name; None (the default) takes the edit as mid-sentence.
    """
    numbers_differ = numeric_terms(before) != numeric_terms(after)
    trivial = _trivial_kind(before, after, numbers_differ)
    if trivial is not None:
        return trivial
    if numbers_differ:
        return ChangeKind.NUMBER
    if _negation_count(before) != _negation_count(after):
        return ChangeKind.NEGATION
    if _is_reporting(before) and _is_reporting(after):
        return ChangeKind.REPORTING_VERB
    if name_tokens(before, before_prefix) != name_tokens(after, after_prefix):
        return ChangeKind.NAME
    return _fallback_kind(before, after)
