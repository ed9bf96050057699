"""Turn a word diff of two aligned passages into classified edits (changes)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from storydiff.core.model import ChangeKind
from storydiff.diffing.kinds import classify
from storydiff.diffing.words import EQUAL, word_diff

# How much passage text before an edit is enough to tell whether it opens a
# sentence; bounding it keeps diffing a long text linear.
_CONTEXT_CHARS = 80

Span = tuple[int, int, int, int]  # a_start, a_end, b_start, b_end


@dataclass(frozen=True)
class Edit:
    """One change between passages ``a`` and ``b``.

    ``a[a_start:a_end] == before`` and ``b[b_start:b_end] == after``; offsets
    are code points. An insertion has ``a_start == a_end`` (where it goes in
    ``a``), a deletion ``b_start == b_end``.
    """

    kind: ChangeKind
    before: str
    after: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def _edit_spans(diffs: list[tuple[int, str]]) -> Iterator[Span]:
    """The spans of each run of non-equal ops, so a delete and the insert next
    to it (in either order) form one substitution-like edit."""
    a_pos = b_pos = 0
    start: tuple[int, int] | None = None
    for op, text in diffs:
        if op == EQUAL and start is not None:
            yield start[0], a_pos, start[1], b_pos
            start = None
        elif op != EQUAL and start is None:
            start = (a_pos, b_pos)
        a_pos += len(text) if op <= EQUAL else 0
        b_pos += len(text) if op >= EQUAL else 0
    if start is not None:
        yield start[0], a_pos, start[1], b_pos


def _same_space(a: str, i: int, b: str, j: int) -> bool:
    """True if ``a[i]`` and ``b[j]`` are the same whitespace character."""
    return a[i] == b[j] and a[i].isspace()


def _trim_shared_space(a: str, b: str, span: Span) -> Span:
    """Drop whitespace that both sides of the edit start or end with:
    ``" big" -> " large"`` becomes ``"big" -> "large"``."""
    a_start, a_end, b_start, b_end = span
    while a_start < a_end and b_start < b_end and _same_space(a, a_start, b, b_start):
        a_start, b_start = a_start + 1, b_start + 1
    while a_start < a_end and b_start < b_end and _same_space(a, a_end - 1, b, b_end - 1):
        a_end, b_end = a_end - 1, b_end - 1
    return a_start, a_end, b_start, b_end


def _make_edit(a: str, b: str, span: Span) -> Edit:
    a_start, a_end, b_start, b_end = span
    before, after = a[a_start:a_end], b[b_start:b_end]
    kind = classify(
        before,
        after,
        before_prefix=a[max(0, a_start - _CONTEXT_CHARS):a_start],
        after_prefix=b[max(0, b_start - _CONTEXT_CHARS):b_start],
    )
    return Edit(kind, before, after, a_start, a_end, b_start, b_end)


def diff_passages(a: str, b: str) -> list[Edit]:
    """The changes that turn passage ``a`` into passage ``b``, in text order.

    Built on :func:`word_diff`; equal text is never an edit. Replacing each
    ``a[a_start:a_end]`` with ``after`` rebuilds ``b`` exactly.
    """
    return list(_diff_passages(a, b))


@lru_cache(maxsize=8192)
def _diff_passages(a: str, b: str) -> tuple[Edit, ...]:
    # Cached: the comparison, the lineage figures and every re-assembly after a manual
    # correction diff the same pairs of passages again. Edits are frozen values.
    spans = _edit_spans(word_diff(a, b))
    return tuple(_make_edit(a, b, _trim_shared_space(a, b, span)) for span in spans)
