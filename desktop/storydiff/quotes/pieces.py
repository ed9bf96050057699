"""Quotations cut into sentence pieces, and one version's rendering of a quote.

Outlets quote a long statement differently: one prints three sentences in one
quotation, another breaks it with "she said", a third quotes only the first
sentence, a fourth a few words of the second inside its own sentence. To
group these, every quotation is cut where the version's passages (sentences)
cut it: a ``Piece`` is the quoted words of one member inside one passage. A
``Rendering`` is the pieces of one version that render one quote, read
together; its words and gaps are what the statuses compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from storydiff.core.model import Passage
from storydiff.quotes.matching import Member
from storydiff.quotes.words import expand_contractions, join_words, words_and_gaps

# Characters left off the ends of a piece: space and quotation marks.
_EDGE = " \t\r\n\u00a0\"'“”‘’«»„‚"


@dataclass(frozen=True)
class Piece:
    """The quoted words of one member inside one passage of one version.

    ``start``/``end`` are code-point offsets into the version's text (marks and
    space at the edges left out); ``member`` is the member's reading-order
    index in its version; ``gaps`` are word indexes an ellipsis or an
    attribution break precedes; ``partial`` is True when every quotation of the
    piece sits inside the writer's own sentence.
    """

    version: str
    member: int
    passage: int
    start: int
    end: int
    words: tuple[str, ...]
    gaps: frozenset[int]
    speaker: str | None
    partial: bool
    rows: frozenset[int]
    cut: bool = False  # the text ends here: the copy was cut off, perhaps mid-word
    plain: tuple[str, ...] = field(init=False)  # the words, contractions spelt out, for matching

    def __post_init__(self) -> None:
        object.__setattr__(self, "plain", expand_contractions(self.words))

    @property
    def key(self) -> tuple[str, int, int]:
        """Identity of the piece in its version: (version, member, passage)."""
        return self.version, self.member, self.passage


def pieces_of(member: Member, text: str, passages: Sequence[Passage], row_of: dict[int, int]) -> list[Piece]:
    """The pieces of ``member`` (of a version with ``text`` and ``passages``),
    in reading order; ``row_of`` maps the version's passage index to its row."""
    spans: dict[int, list[tuple[int, int, bool]]] = {}
    for part in member.parts:
        for passage in passages:
            a, b = max(part.start, passage.start), min(part.end, passage.end)
            if a < b:
                spans.setdefault(passage.index, []).append((a, b, part.partial))
    out = []
    for index in sorted(spans):
        piece = _piece(member, index, spans[index], text, row_of)
        if piece is not None:
            out.append(piece)
    return out


def _piece(member: Member, index: int, spans, text: str, row_of: dict[int, int]) -> Piece | None:
    """One passage's share of ``member``: its spans read together, a gap between them."""
    words, gaps = join_words(words_and_gaps(text[a:b]) for a, b, _ in spans)
    if not words:
        return None
    start, end = _strip(text, spans[0][0], spans[-1][1])
    rows = frozenset({row_of[index]} if index in row_of else ())
    partial = all(p for _, _, p in spans)
    cut = not text[end:].strip(_EDGE)
    return Piece(member.version, member.position, index, start, end, tuple(words),
                 frozenset(g for g in gaps if 0 < g < len(words)), member.speaker, partial, rows, cut)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


@dataclass(frozen=True)
class Rendering:
    """The pieces (reading order) with which one version renders one quote."""

    version: str
    pieces: tuple[Piece, ...]
    words: tuple[str, ...] = field(init=False)
    gaps: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        # Between two pieces lies a sentence end or a break: words left out there are marked.
        words, gaps = join_words((piece.words, piece.gaps) for piece in self.pieces)
        object.__setattr__(self, "words", tuple(words))
        object.__setattr__(self, "gaps", frozenset(gaps))

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    @property
    def speaker(self) -> str | None:
        return next((p.speaker for p in self.pieces if p.speaker), None)

    @property
    def rows(self) -> frozenset[int]:
        return frozenset().union(*(p.rows for p in self.pieces))

    def wording(self, text: str) -> str:
        """The quoted words as printed: each member's stretch, joined by one space."""
        stretches: list[list[int]] = []
        for piece in self.pieces:
            if stretches and stretches[-1][2] == piece.member:
                stretches[-1][1] = piece.end
            else:
                stretches.append([piece.start, piece.end, piece.member])
        return " ".join(text[a:b] for a, b, _ in stretches)

