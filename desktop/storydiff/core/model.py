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
    # Where an imported version came from (issue 10): ``source`` keeps the path or URL given,
    # ``final_url`` the address after redirects, ``canonical_url`` the one the page declares,
    # ``raw_sha256`` the sha256 of the bytes read (before extraction), ``edit`` the check
    # step's edit as JSON (``storydiff.ingest.check.ImportEdit``), None when nothing was changed.
    final_url: str | None = None
    canonical_url: str | None = None
    raw_sha256: str | None = None
    edit: str | None = None


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


class Verdict(StrEnum):
    """What a version is (DESIGN.md "verdict"): the reference itself, a verbatim copy,
    a light edit, a rewrite, a synonym-spun copy, a garbled (machine-translated) copy,
    or an independent write-up that shares little with the others."""

    REFERENCE = "reference"
    COPY = "copy"
    LIGHT_EDIT = "light-edit"
    REWRITE = "rewrite"
    SPUN = "spun"
    GARBLED = "garbled"
    INDEPENDENT = "independent"


@dataclass(frozen=True)
class VersionStats:
    """Per-version summary against the reference (and, for lineage, the others).

    ``change_share`` and ``trivial_share`` are fractions in [0, 1];
    ``substitutions`` are (before, after) pairs, most frequent first.

    Lineage and spin figures (all computed in ``storydiff.lineage``; the defaults
    mean "not judged", e.g. a value built by hand):

    - ``coverage``: share in [0, 1] of the reference's statements (rows holding a
      non-furniture reference passage) that this version carries; 1.0 for the
      reference. Independent of ``change_share``: a version that shares nothing
      has coverage 0.0 and change share 0.0.
    - ``verdict``: a ``Verdict`` value ("" = not judged).
    - ``source``: id of the version this one most likely derives from, or None.
    - ``source_score``: strength in [0, 1] of the evidence for ``source`` (share of
      this version's statements that the source carries in closely matching words).
    - ``evidence``: short human-readable lines behind verdict and source.
    - ``narrative_substituted``: share in [0, 1] of this version's narrative words
      (outside quotations, in statements shared with the reference) that are
      single-word or short-phrase substitutions of the reference's wording.
    - ``quotes_touched`` / ``quotes_untouched``: quotations this version prints
      with altered wording (``altered``) / word for word (``verbatim``, ``trimmed``).
    - ``spin_pairs``: narrative (before, after, count) substitutions, most frequent
      first: what the spin panel ranks.
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
    coverage: float = 0.0
    verdict: str = ""
    source: str | None = None
    source_score: float = 0.0
    evidence: tuple[str, ...] = ()
    narrative_substituted: float = 0.0
    quotes_touched: int = 0
    quotes_untouched: int = 0
    spin_pairs: tuple[tuple[str, str, int], ...] = ()


# The VersionStats fields that storydiff.lineage fills in (stored together in sessions).
LINEAGE_FIELDS = (
    "coverage", "verdict", "source", "source_score", "evidence",
    "narrative_substituted", "quotes_touched", "quotes_untouched", "spin_pairs",
)


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
