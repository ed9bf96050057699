"""Find: searching every version's text of a comparison, without Qt.

By default a search ignores case and accents: the text and the query are both
*folded* (each code point decomposed, its combining marks dropped, then
casefolded), and every folded character remembers the code point of the
original text it came from, so a match in the folded text maps back to the
exact characters shown. *Match case* searches the text as it is (case and
accents both count). Every offset returned here is a code point into the cell's
text; the delegate converts them to UTF-16 with ``diffing.utf16_spans``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from storydiff.core.model import Comparison, Quote
from storydiff.diffing.cells import cell_text

# Row filters: every row, rows where any shown version matches, where every shown
# version matches, where every chosen version matches.
ALL_ROWS, ANY_VERSION, EVERY_VERSION, CHOSEN_VERSIONS = "all", "any", "every", "chosen"
ROW_FILTERS = (ALL_ROWS, ANY_VERSION, EVERY_VERSION, CHOSEN_VERSIONS)


@dataclass(frozen=True)
class FindOptions:
    """What to look for: ``text`` as typed, and the bar's three options."""

    text: str = ""
    match_case: bool = False
    whole_words: bool = False
    regex: bool = False


class Match(NamedTuple):
    """One match: ``text[start:end]`` (code points) of the cell of ``version`` in
    ``row`` (a position in ``Comparison.rows``)."""

    row: int
    version: str
    start: int
    end: int


@dataclass(frozen=True)
class Folded:
    """A text folded for searching: ``text`` and, per folded character, the
    code-point range ``[starts[i], ends[i])`` of the original character(s) it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original code-point range of the folded range ``[start, end)`` (``end > start``)."""
        return self.starts[start], self.ends[end - 1]


class FindError(ValueError):
    """The query cannot be searched for (an invalid regular expression); the message says why."""


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> Folded:
    """``text`` folded (accents dropped, casefolded) with its map back to ``text``.

    A character folding to several (``ß`` → ``ss``) maps each of them to itself;
    a combining mark dropped belongs to the character before it, so a match ending
    on an ``e`` of ``e\\u0301`` covers the accent too.
    """
    if text.isascii():
        return Folded(text.lower(), tuple(range(len(text))), tuple(range(1, len(text) + 1)))
    pieces, starts, owners = [], [], []
    for position, char in enumerate(text):
        folded = _fold_char(char)
        pieces.append(folded)
        starts.extend([position] * len(folded))
        if folded:
            owners.append(position)
    # A character's original range runs to the next character that folds to something.
    next_owner = dict(zip(owners, owners[1:] + [len(text)]))
    return Folded("".join(pieces), tuple(starts), tuple(next_owner[s] for s in starts))


def strip_marks(text: str) -> str:
    """``text`` without its combining marks (accents), case kept; safe on a regular expression."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def compile_query(options: FindOptions) -> re.Pattern[str] | None:
    """The pattern to run over cell texts (folded ones unless ``match_case``); None
    for an empty query. Raises FindError for an invalid regular expression.

    Whole words: the match may not continue a word at an end where the query
    itself starts or ends with a letter or digit (so ``U.S.`` matches ``U.S.-led``).
    """
    if not options.text:
        return None
    if options.regex:
        body = options.text if options.match_case else strip_marks(options.text)
        flags = 0 if options.match_case else re.IGNORECASE
        if options.whole_words:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        try:
            return re.compile(body, flags)
        except re.error as exc:
            raise FindError(f"invalid regular expression: {exc}") from None
    query = options.text if options.match_case else fold(options.text).text
    body = re.escape(query)
    if options.whole_words:
        body = (r"(?<!\w)" if _is_word(query[:1]) else "") + body + (r"(?!\w)" if _is_word(query[-1:]) else "")
    return re.compile(body)


def _is_word(char: str) -> bool:
    return bool(char) and (char.isalnum() or char == "_")


def search_text(text: str, pattern: re.Pattern[str], *, match_case: bool,
                folded: Folded | None = None) -> list[tuple[int, int]]:
    """The ``(start, end)`` code-point ranges of ``text`` that ``pattern`` matches
    (empty matches skipped). ``folded`` is ``fold(text)``, when already at hand."""
    if match_case:
        return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    folded = folded or fold(text)
    # Folded.original inlined: this runs for every cell on every keystroke.
    starts, ends = folded.starts, folded.ends
    return [(starts[m.start()], ends[m.end() - 1]) for m in pattern.finditer(folded.text) if m.end() > m.start()]


@dataclass(frozen=True)
class _Cell:
    row: int
    version: str
    text: str
    folded: Folded


class SearchIndex:
    """Every non-empty cell text of a comparison, folded once, for searching per keystroke."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self._cells = tuple(_indexed_cells(comparison))

    def __len__(self) -> int:
        return len(self._cells)

    def search(self, options: FindOptions) -> tuple[Match, ...]:
        """Every match of ``options`` in row order, then version order (the
        comparison's), then position. Raises FindError for an invalid regular expression."""
        pattern = compile_query(options)
        if pattern is None:
            return ()
        matches = []
        for cell in self._cells:
            spans = search_text(cell.text, pattern, match_case=options.match_case, folded=cell.folded)
            matches.extend(Match(cell.row, cell.version, start, end) for start, end in spans)
        return tuple(matches)


def _indexed_cells(comparison: Comparison) -> Iterable[_Cell]:
    order = {version.id: n for n, version in enumerate(comparison.versions)}
    for position, row in enumerate(comparison.rows):
        for version_id in sorted((v for v, cells in row.cells.items() if cells), key=order.__getitem__):
            version = comparison.version(version_id)
            text = cell_text(version.text, comparison.passages[version_id], row.cells[version_id]).text
            yield _Cell(position, version_id, text, fold(text))


def ordered(matches: Iterable[Match], columns: Sequence[str]) -> list[Match]:
    """The matches in the versions ``columns`` (shown order), sorted as the view
    reads them: row, then column, then position."""
    place = {version: n for n, version in enumerate(columns)}
    return sorted((m for m in matches if m.version in place), key=lambda m: (m.row, place[m.version], m.start))


def step(keys: Sequence[tuple], current: int | None, forward: bool,
         origin: tuple | None = None) -> tuple[int | None, bool]:
    """The next (or previous) match and whether the step wrapped around.

    ``keys`` are the matches' positions in reading order (ascending, e.g. ``(row,
    column, start)``); ``current`` is the position in ``keys`` of the match shown
    now. Without one, the step starts at ``origin`` (a key prefix, e.g. the
    selected cell's ``(row, column)``): forward to the first match at or after it,
    backward to the last one at or before it. Returns ``(None, False)`` without matches.
    """
    count = len(keys)
    if not count:
        return None, False
    if current is not None:
        target = current + (1 if forward else -1)
        return target % count, not 0 <= target < count
    if origin is None:
        return (0 if forward else count - 1), False
    width = len(origin)
    if forward:
        found = next((n for n, key in enumerate(keys) if key[:width] >= origin), None)
        return (0, True) if found is None else (found, False)
    found = next((n for n in range(count - 1, -1, -1) if keys[n][:width] <= origin), None)
    return (count - 1, True) if found is None else (found, False)


def matching_rows(matches: Iterable[Match], row_filter: str, versions: Iterable[str]) -> frozenset[int] | None:
    """The rows the row filter keeps; None keeps every row (``ALL_ROWS``).

    ``versions`` are the versions the filter looks at (the shown ones for
    ``ANY_VERSION`` and ``EVERY_VERSION``, the chosen ones for ``CHOSEN_VERSIONS``):
    ``ANY_VERSION`` keeps a row where one of them matches, the others a row where
    every one of them matches (an omitted cell does not). No versions: no rows.
    Raises ValueError for an unknown filter.
    """
    if row_filter not in ROW_FILTERS:
        raise ValueError(f"unknown row filter: {row_filter!r}")
    if row_filter == ALL_ROWS:
        return None
    wanted = frozenset(versions)
    found: dict[int, set[str]] = {}
    for match in matches:
        if match.version in wanted:
            found.setdefault(match.row, set()).add(match.version)
    if row_filter == ANY_VERSION:
        return frozenset(found)
    return frozenset(row for row, seen in found.items() if wanted and seen >= wanted)


def count_text(current: int | None, shown: Sequence[Match], hidden: Sequence[Match]) -> str:
    """What the bar says: ``"3 of 17 in 5 versions"`` (``current`` is 0-based;
    without one, ``"17 matches in 5 versions"``), ``"No matches"``, and the matches
    of hidden versions, which are counted but not shown: ``" (4 in hidden versions)"``."""
    extra = f" ({len(hidden)} in hidden versions)" if hidden else ""
    if not shown:
        return ("No matches" if not hidden else "No matches shown") + extra
    versions = len({m.version for m in shown})
    where = f"in {versions} version{'s' if versions != 1 else ''}"
    if current is None:
        return f"{len(shown)} match{'es' if len(shown) != 1 else ''} {where}{extra}"
    return f"{current + 1} of {len(shown)} {where}{extra}"


def cell_matches(matches: Iterable[Match]) -> dict[tuple[int, str], tuple[tuple[int, int], ...]]:
    """The matches grouped by cell: ``(row, version) -> ((start, end), ...)``."""
    cells: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for match in matches:
        cells.setdefault((match.row, match.version), []).append((match.start, match.end))
    return {cell: tuple(spans) for cell, spans in cells.items()}


@dataclass(frozen=True)
class QuoteHit:
    """How a quote matches: ``versions`` maps each version whose wording matches to its
    number of matches; ``own`` counts the matches in the speaker and canonical wording."""

    quote_id: str
    versions: dict[str, int]
    own: int

    @property
    def total(self) -> int:
        return self.own + sum(self.versions.values())


def search_quotes(quotes: Iterable[Quote], options: FindOptions) -> tuple[QuoteHit, ...]:
    """The quotes whose speaker, canonical wording or any version's wording matches
    ``options``, in the order given. Raises FindError for an invalid regular expression."""
    pattern = compile_query(options)
    if pattern is None:
        return ()
    hits = []
    for quote in quotes:
        def count(text: str | None) -> int:
            return len(search_text(text, pattern, match_case=options.match_case)) if text else 0
        versions = {vid: n for vid, occurrence in quote.occurrences.items() if (n := count(occurrence.text))}
        own = count(quote.speaker) + count(quote.text)
        if versions or own:
            hits.append(QuoteHit(quote.id, versions, own))
    return tuple(hits)


def quotes_count_text(current: int | None, hits: Sequence[QuoteHit]) -> str:
    """What the bar says on the Quotes tab: ``"2 of 6 quotes · 17 matches in 5 versions"``
    (``current`` 0-based; without one, ``"6 quotes · ..."``), or ``"No matches"``."""
    if not hits:
        return "No matches"
    matches = sum(hit.total for hit in hits)
    versions = len({vid for hit in hits for vid in hit.versions})
    quotes = f"{len(hits)} quote{'s' if len(hits) != 1 else ''}"
    where = f"{matches} match{'es' if matches != 1 else ''} in {versions} version{'s' if versions != 1 else ''}"
    return f"{quotes} · {where}" if current is None else f"{current + 1} of {quotes} · {where}"
