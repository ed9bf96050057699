"""Pair quotation marks into quoted stretches of a text.

A ``MarkedSpan`` is one top-level quotation: the words between an opening and a
closing mark. Rules, following newspaper convention:

- Double marks (curly ``“ ”``, straight ``"``, ``„ « »``) quote. A straight mark
  opens or closes by what surrounds it; a curly mark on the wrong side (a typo
  such as ``” …`` used to open) is read by its surroundings too.
- Single marks (``‘ ’ '``) inside a double-quoted stretch are a nested quote and
  are ignored. Single marks quote at the top level only in texts that use no
  double marks at all (British style); apostrophes inside words never count.
- A quotation that runs on into the next paragraph leaves the paragraph without
  a closing mark, and the next paragraph reopens with a mark. Such a quotation
  has one inner piece per paragraph.
- A quotation still open at the end of a paragraph that is not continued lost
  its closing mark. If it opened that paragraph (a quotation paragraph, as
  under "The statement quoted Musk:"), or the text ends there (an excerpt cut
  off mid-quotation), it runs to the paragraph's end; otherwise, and when it
  ran on from earlier paragraphs (a chain whose end is lost), it is dropped
  rather than guessed. It never runs past its paragraph.
- A closing mark after a comma, "?" or "!" with no mark before it in its
  paragraph lost its opening mark: the quotation starts with the paragraph
  (``We will win," she said.``).
- In a text that uses double marks, a line of its own quoted in single marks
  (a headline ``Minister: 'We will win'``, where a short capitalised label
  names the speaker) is a quotation too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SINGLE_MARKS = "‘’'"
# Two apostrophes stand for a double mark in some plain-text archives (''Yes,'' he said).
_DOUBLE = re.compile(r"''|[“„«”»\"]")
_SINGLE = re.compile(r"[‘’']")
# Characters after which a straight or misplaced mark is read as opening.
_BEFORE_OPENING = "([{—–-/\u00a0"

_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_LINE = re.compile(r"\n")


@dataclass(frozen=True)
class MarkedSpan:
    """One top-level quotation: ``pieces`` are the inner ``(start, end)`` spans,
    one per paragraph, each between its marks (marks excluded); ``opening`` is
    the offset of the first opening mark, ``closing`` the offset just past the
    last closing mark (a mark may be two characters: ``''``)."""

    pieces: tuple[tuple[int, int], ...]
    opening: int
    closing: int

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: split at blank lines, or at every line
    break when the text has no blank line (as the sentence splitter does)."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE
    spans, pos = [], 0
    for gap in separator.finditer(text):
        spans.append((pos, gap.start()))
        pos = gap.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every top-level quotation of ``text``, in reading order."""
    marks = _DOUBLE if _DOUBLE.search(text) else _SINGLE
    spans: list[MarkedSpan] = []
    state: _Open | None = None
    paragraphs = paragraph_spans(text)
    for number, (start, end) in enumerate(paragraphs):
        first = True
        for mark in marks.finditer(text, start, end):
            i, j = mark.span()
            if j - i > 1 or not _is_apostrophe(text, i, start, end):
                if first and state is None and _lost_opening(text, i, j, start, end):
                    spans.append(MarkedSpan(((start, i),), start, j))
                else:
                    state = _step(text, state, i, j, start, end, spans)
                first = False
        if state is not None:
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            continued = following is not None and _opens_paragraph(text, following, marks)
            if continued:
                state = state.suspend(end)
            else:
                if not state.pieces and (following is None or _line_start(text, state.opening, start)):
                    spans.append(state.close(end, end))
                state = None
    if marks is _DOUBLE:
        spans = sorted(spans + _single_quoted_lines(text, paragraphs), key=lambda s: s.opening)
    return spans


def _lost_opening(text: str, i: int, j: int, start: int, end: int) -> bool:
    """True if the mark ``text[i:j]``, the first of its paragraph, can only close
    a quotation whose opening mark is missing: it follows a comma, "?" or "!"
    and a space or the paragraph's end follows it."""
    return (
        _role(text, i, j, start, end) == "close"
        and i - 1 > start
        and text[i - 1] in ",?!"
        and (j == end or text[j].isspace())
    )


_HEADLINE_WORDS = 30  # a line longer than this is prose, not a headline
_LABEL_WORDS = 4  # "Minister:", "Jacinda Ardern:", "NZ Prime Minister:"; longer is a headline's clause


def _single_quoted_lines(text: str, paragraphs: list[tuple[int, int]]) -> list[MarkedSpan]:
    """Quotations in single marks on lines without double marks: the mark
    follows a label's colon (``Ardern: 'I am done'``) and the quotation closes
    on the same line. (A line that is only a quoted title, a subhead such as
    ``'All Bets Are Off.'``, is left alone.)"""
    spans = []
    for start, end in paragraphs:
        line = text[start:end]
        if _DOUBLE.search(line) or len(line.split()) > _HEADLINE_WORDS:
            continue
        found = [m.start() for m in _SINGLE.finditer(text, start, end) if not _is_apostrophe(text, m.start(), start, end)]
        if len(found) < 2:
            continue
        i, k = found[0], found[-1]
        before = text[start:i].rstrip()
        label = before[:-1].split()
        short_label = 0 < len(label) <= _LABEL_WORDS and all(w[:1].isupper() for w in label)
        opens = before.endswith(":") and short_label and _role(text, i, i + 1, start, end) != "close"
        if opens and _role(text, k, k + 1, start, end) != "open" and k > i + 1:
            spans.append(MarkedSpan(((i + 1, k),), i, k + 1))
    return spans


class _Open:
    """A quotation being read: its opening mark, the pieces finished so far
    (earlier paragraphs or lines) and the start of the current piece (None
    between a paragraph left open and the mark that reopens it)."""

    def __init__(self, opening: int, inner: int) -> None:
        self.opening, self.pieces, self.current = opening, [], inner

    def suspend(self, end: int) -> _Open:
        """End the current piece at ``end``, until a mark reopens the quotation."""
        if self.current is not None:
            self.pieces.append((self.current, end))
        self.current = None
        return self

    def close(self, i: int, j: int) -> MarkedSpan:
        """The finished quotation, closed by the mark ``text[i:j]``."""
        return MarkedSpan((*self.pieces, (self.current, i)), self.opening, j)


def _step(text: str, state: _Open | None, i: int, j: int, start: int, end: int, spans: list):
    """Read the mark ``text[i:j]`` of the paragraph ``text[start:end]``; return the
    open quotation after it, appending to ``spans`` the one it closes."""
    if state is not None and _line_start(text, i, start):
        # A mark opening a line inside a quotation reopens it (the convention for
        # a quotation running on over paragraphs, which some texts break by lines).
        if state.current is not None:
            state.suspend(_previous_line_end(text, start, i))
        state.current = j
        return state
    role = _role(text, i, j, start, end)
    if state is None:
        return None if role == "close" else _Open(i, j)
    if role == "open":
        return _Open(i, j)  # a second opening mark: the first one was never closed
    spans.append(state.close(i, j))
    return None


def _line_start(text: str, i: int, start: int) -> bool:
    """True if only spaces stand between the start of the line (or paragraph) and ``i``."""
    line = max(start, text.rfind("\n", start, i) + 1)
    return not text[line:i].strip()


def _previous_line_end(text: str, start: int, i: int) -> int:
    """End of the line before the one holding ``i``, trailing spaces left out."""
    end = text.rfind("\n", start, i)
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _opens_paragraph(text: str, start: int, marks: re.Pattern) -> bool:
    """True if the paragraph at ``start`` begins with one of ``marks``."""
    while start < len(text) and text[start].isspace():
        start += 1
    return marks.match(text, start) is not None


def _role(text: str, i: int, j: int, start: int, end: int) -> str:
    """``open``, ``close`` or ``either`` for the mark ``text[i:j]``, from its neighbours."""
    before = text[i - 1] if i > start else " "
    after = text[j] if j < end else " "
    opening = (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()
    closing = not before.isspace() and (after.isspace() or not after.isalnum())
    if opening and not closing:
        return "open"
    if closing and not opening:
        return "close"
    return "either"


def _is_apostrophe(text: str, i: int, start: int, end: int) -> bool:
    """True for a single mark inside a word (``don't``, ``O’Brien``)."""
    if text[i] not in SINGLE_MARKS:
        return False
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return before.isalnum() and after.isalnum()
