"""Where a version conveys a quote without quoting it: ``paraphrased`` or not at all.

A passage paraphrases a quote when it carries the quote's content *and* gives
it to the quote's speaker: "Ardern said she would step down no later than
Feb. 7" paraphrases "...my term as Prime Minister will conclude no later
than the 7th of February"; "Ardern's term will conclude no later than Feb. 7"
(narration, no attribution) does not. Content is judged on the stems of
content words (``meaning_keys``), more loosely where the alignment put the
passage in one of the quote's rows (its sentences matched by meaning there).
One exception to the attribution: first-person text in the quote's rows that
lost its quotation marks (a spinner's copy) is a paraphrase as it stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storydiff.quotes.names import same_person

IN_ROWS_SHARE = 0.25  # of the quote's content keys, attributed, in one of its rows
ELSEWHERE_SHARE = 0.45  # attributed, anywhere else in the version
FIRST_PERSON_SHARE = 0.3  # unattributed first-person text, in one of its rows
MIN_KEYS = 2
SHORT_KEYS = 3  # a whole quote with at most this many content keys must share them all
FIRST_PERSON = frozenset("i i'm i've i'd i'll me my mine we we're we've our us".split())


@dataclass(frozen=True)
class Candidate:
    """One passage of a version that does not quote the quote.

    ``speaker`` is the passage's own attribution ("Ardern said ..."), resolved,
    or None; ``row`` the row the alignment put it in (None: none);
    ``first_person`` that it speaks as "I"/"we" and holds no quotation.
    """

    passage: int
    start: int
    end: int
    text: str
    keys: frozenset[str]
    speaker: str | None
    row: int | None
    first_person: bool


def paraphrase_score(quote_keys: set[str], speaker: str | None, rows: frozenset[int],
                     candidate: Candidate, min_shared: int = MIN_KEYS) -> float | None:
    """Share of ``quote_keys`` that ``candidate`` carries (at least ``min_shared``
    of them), if that makes it a paraphrase of a quote by ``speaker`` found in
    ``rows``; None if it does not."""
    in_rows = candidate.row is not None and candidate.row in rows
    if not quote_keys:
        return None
    shared = len(quote_keys & candidate.keys)
    share = shared / len(quote_keys)
    if shared < min_shared:
        return None
    if candidate.speaker and speaker and same_person(candidate.speaker, speaker):
        return share if share >= (IN_ROWS_SHARE if in_rows else ELSEWHERE_SHARE) else None
    if not candidate.speaker and in_rows and candidate.first_person:
        return share if share >= FIRST_PERSON_SHARE else None
    return None


def best_paraphrase(quote_keys: Sequence[set[str]], speaker: str | None, rows: frozenset[int],
                    candidates: Iterable[Candidate]) -> Candidate | None:
    """The candidate that paraphrases the quote best (earliest on ties), or None.
    ``quote_keys`` are the content keys of the whole quote and of each of its
    sentences: a passage may paraphrase one sentence of a long statement. A
    whole quote of at most ``SHORT_KEYS`` keys must be carried whole."""
    # A short quote ("free speech absolutist") is carried whole or not at all.
    least = [len(keys) if n == 0 and len(keys) <= SHORT_KEYS else MIN_KEYS for n, keys in enumerate(quote_keys)]
    scored = []
    for candidate in candidates:
        scores = [s for keys, m in zip(quote_keys, least)
                  if (s := paraphrase_score(keys, speaker, rows, candidate, m)) is not None]
        if scores:
            scored.append((max(scores), -candidate.passage, candidate))
    return max(scored, key=lambda t: (t[0], t[1]))[2] if scored else None
