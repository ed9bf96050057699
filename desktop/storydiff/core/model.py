"""Immutable values passed between the layers.

Every offset here is a code-point offset into the owning version's ``text``
(Python ``str`` indexing). UTF-16 conversion for Qt lives in ``diffing.offsets``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ChangeKind(StrEnum):
    """What a word-level edit is; the first four are trivial and can be hidden."""

    PUNCTUATION = "punctuation"
    CASE = "case"
    QUOTE_STYLE = "quote-style"
    WHITESPACE = "whitespace"
    NUMBER = "number"
    NAME = "name"
    NEGATION = "negation"
    REPORTING_VERB = "reporting-verb"
    SUBSTITUTION = "substitution"
    INSERTION = "insertion"
    DELETION = "deletion"

    @property
    def trivial(self) -> bool:
        return self in TRIVIAL_KINDS


TRIVIAL_KINDS = frozenset(
    {ChangeKind.PUNCTUATION, ChangeKind.CASE, ChangeKind.QUOTE_STYLE, ChangeKind.WHITESPACE}
)


class PassageKind(StrEnum):
    """What a passage is on the page. Only ``furniture`` (page chrome: navigation, share
    buttons, ads, sign-up prompts) is not a statement: it keeps its offsets but is never
    aligned or counted."""

    BODY = "body"
    HEADLINE = "headline"
    BYLINE = "byline"
    DATELINE = "dateline"
    CAPTION = "caption"
    FURNITURE = "furniture"


@dataclass(frozen=True)
class Version:
    """One outlet's text of the story, decoded and NFC-normalised."""

    id: str
    label: str
    source: str
    text: str
    sha256: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    encoding: str | None = None
    retrieved: str | None = None


@dataclass(frozen=True)
class Passage:
    """One sentence of a version: ``version.text[start:end] == text``.

    ``kind`` is one of the ``PassageKind`` values (stored as a plain string).
    """

    version: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    kind: str = PassageKind.BODY.value

    @property
    def is_furniture(self) -> bool:
        """True for page chrome, which is kept for offsets but is not a statement."""
        return self.kind == PassageKind.FURNITURE


@dataclass(frozen=True)
class Row:
    """One statement: the passages of each version that say it.

    ``cells`` maps every version id to the indexes of its passages in this row
    (empty: omitted there). ``similarity`` maps a version id to the cosine
    similarity of its cell to the reference cell (``None`` where either side is
    empty). ``moved`` lists versions whose cell sits out of order.
    """

    index: int
    cells: dict[str, tuple[int, ...]]
    similarity: dict[str, float | None] = field(default_factory=dict)
    moved: tuple[str, ...] = ()

    def present(self) -> tuple[str, ...]:
        return tuple(v for v, cell in self.cells.items() if cell)


@dataclass(frozen=True)
class Change:
    """One word-level edit of ``version`` against the reference, in ``row``.

    ``start``/``end`` are offsets into the changed version's text; for a
    deletion they point into the reference's text (``in_reference`` is True).
    """

    row: int
    version: str
    kind: ChangeKind
    before: str
    after: str
    start: int | None
    end: int | None
    in_reference: bool = False

    @property
    def trivial(self) -> bool:
        return self.kind.trivial


@dataclass(frozen=True)
class Occurrence:
    """How one version renders a quote."""

    status: str
    text: str | None = None
    start: int | None = None
    end: int | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str | None
    text: str
    occurrences: dict[str, Occurrence]


@dataclass(frozen=True)
class VersionStats:
    """Per-version summary against the reference.

    ``change_share`` and ``trivial_share`` are fractions in [0, 1];
    ``substitutions`` are (before, after) pairs, most frequent first.
    """

    version: str
    words: int
    rows_shared: int
    omitted: int
    unique: int
    moved: int
    words_changed: int
    change_share: float
    trivial_share: float
    substitutions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Comparison:
    """The whole result of comparing the versions of one story."""

    model: str
    threshold: float
    reference: str
    versions: tuple[Version, ...]
    passages: dict[str, tuple[Passage, ...]]
    rows: tuple[Row, ...]
    changes: tuple[Change, ...]
    stats: dict[str, VersionStats]
    quotes: tuple[Quote, ...] = ()

    def version(self, version_id: str) -> Version:
        for version in self.versions:
            if version.id == version_id:
                return version
        raise KeyError(version_id)
