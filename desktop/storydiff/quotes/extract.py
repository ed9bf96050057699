"""Direct quotations of one version's text, with their speakers.

``extract_quotations`` pairs the marks (``marks``), drops what is quoted but not
said (a word mentioned as a word, the title of a work), tells partial
quotations from full ones, and credits each to a speaker: the attribution in
its sentence (``attribution``), else, for a full quotation, the context (the
speaker of the quotation just before it, or a "X said:" introducing it). Names
are resolved with a ``NameBook`` filled in reading order, so a surname or a
pronoun resolves to a name given earlier in the same text.
"""

from __future__ import annotations

from collections.abc import Sequence

import bisect
from dataclasses import dataclass

from storydiff.ingest.sentences import Segment, segment
from storydiff.quotes import attribution as attr
from storydiff.quotes import kinds, labels
from storydiff.quotes.marks import MarkedSpan, find_marked_spans
from storydiff.quotes.names import NameBook
from storydiff.quotes.words import Token, tokens

_SHORT_ATTRIBUTION = 14  # tokens: a following "Brennan said." sentence at most this long


@dataclass(frozen=True)
class Quotation:
    """One direct quotation found in one version's text.

    ``start``/``end`` are code-point offsets of the quoted words (inside the
    marks, trailing comma or full stop left out) in the version's text; ``text``
    is those words (pieces of a quotation continued over paragraphs are joined
    by one space). ``speaker`` is the resolved name (or None), ``speaker_span``
    where the attribution names the speaker as written, ``partial`` marks a
    quotation inside a sentence of the writer's (``called it "a disgrace"``).
    """

    version: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_span: tuple[int, int] | None
    partial: bool


@dataclass(frozen=True)
class Analysis:
    """The quotations of a text and, per passage index, the speaker of the
    passage's own attribution ("Varga said repairs would..."), if any."""

    quotations: tuple[Quotation, ...]
    sentence_speakers: dict[int, str]


def extract_quotations(text: str, version_id: str = "") -> list[Quotation]:
    """The direct quotations of ``text`` in reading order (see ``Quotation``)."""
    return list(analyse(text, version_id).quotations)


def analyse(text: str, version_id: str = "", sentences: Sequence[Segment] | None = None) -> Analysis:
    """Quotations and passage speakers of ``text``; passages as ``segment`` splits them
    (pass ``sentences`` when that split is already at hand)."""
    return _Scanner(text, version_id, sentences).run()


class _Scanner:
    """One reading of a text, sentence by sentence, keeping the names seen so far."""

    def __init__(self, text: str, version_id: str, sentences: Sequence[Segment] | None = None) -> None:
        self.text, self.version = text, version_id
        self.sentences: list[Segment] = list(sentences) if sentences is not None else segment(text)
        self.starts = [s.start for s in self.sentences]
        self.known = labels.known_surnames(text)
        turns = [t for t in labels.find_turns(text) if labels.is_speaker_label(t.label, self.known)]
        self.turns = {t.start: t.label for t in turns}
        self.spans = _with_turns(find_marked_spans(text), turns)
        self.book = NameBook()
        self.found: list[tuple[MarkedSpan, Quotation]] = []
        self.speakers: dict[int, str] = {}
        self.speaker_spans: dict[int, tuple[int, int] | None] = {}

    def run(self) -> Analysis:
        pending = list(self.spans)
        for k, sentence in enumerate(self.sentences):
            words = self._unquoted_tokens(sentence.start, sentence.end)
            if not kinds.headline(words):
                self.book.note_names(words)
                self.book.note_subject(attr.leading_subject(words))
            while pending and self.sentence_of(pending[0].opening) <= k:
                self._add(pending.pop(0))
            self._note_sentence(k, sentence)
        return Analysis(tuple(q for _, q in self.found), self.speakers)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (or the one just before it)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def _unquoted_tokens(self, start: int, end: int) -> list[Token]:
        """Tokens of ``text[start:end]`` outside every quotation."""
        inside = [(s.opening, s.closing) for s in self.spans if s.opening < end and s.closing > start]
        return [t for t in tokens(self.text, start, end) if not any(a <= t.start < b for a, b in inside)]

    def _note_sentence(self, k: int, sentence: Segment) -> None:
        """Record the speaker of a sentence that quotes nobody in full: its own
        clause's ("Ardern said she would ...", "She described the job as ...",
        "Ardern made an announcement that she had "no more in the tank""),
        whose indirect speech may paraphrase a quote."""
        held = [q for s, q in self.found if s.opening < sentence.end and s.closing > sentence.start]
        if any(not q.partial for q in held):
            return
        phrase = attr.source_in_clause(self.text, sentence.start, sentence.end, partial=bool(held))
        speaker, where = self.book.resolve(phrase or [])
        if speaker:
            self.speakers[k] = speaker
            self.speaker_spans[k] = where
            self.book.note_speaker(speaker)

    def _add(self, span: MarkedSpan) -> None:
        """Read one marked span: a quotation with its speaker, unless it is not one."""
        last = len(span.pieces) - 1
        trimmed = (kinds.trim(self.text, a, b, final=n == last) for n, (a, b) in enumerate(span.pieces))
        pieces = [p for p in trimmed if p[0] < p[1]]
        words = " ".join(self.text[a:b] for a, b in pieces)
        head = self._head(span)
        label = self.turns.get(span.opening)
        if label is not None:  # a transcript turn: its label's words, never partial
            partial, (speaker, where) = False, labels.label_speaker(label, self.book.resolve)
        elif not pieces or kinds.not_said(self.text, span.opening, head, words):
            return
        else:
            partial = kinds.is_partial(self.text, head, words)
            speaker, where = self._speaker(span, head, partial)
        self.book.note_speaker(speaker)
        quotation = Quotation(self.version, pieces[0][0], pieces[-1][1], words, speaker, where, partial)
        self.found.append((span, quotation))

    def _head(self, span: MarkedSpan) -> tuple[int, int]:
        """The sentence's text before the opening mark, after any earlier quotation."""
        mark = span.opening
        start = self.sentences[self.sentence_of(mark)].start
        earlier = [s.closing for s in self.spans if start < s.closing <= mark]
        line = self.text.rfind("\n", start, mark) + 1  # a quotation opening a line starts afresh
        return max([start, line, *earlier]), mark

    def _tail(self, span: MarkedSpan) -> tuple[int, int]:
        """The sentence's text after the closing mark, up to the next quotation;
        if nothing is left there, the next sentence when it is short enough to
        be an attribution (``"...wanted this." Brennan said.``)."""
        k = self.sentence_of(span.closing - 1)
        later = [s.opening for s in self.spans if s.opening >= span.closing]
        end = min([self.sentences[k].end, *later])
        if any(ch.isalnum() for ch in self.text[span.closing : end]) or k + 1 == len(self.sentences):
            return span.closing, end
        following = self.sentences[k + 1]
        short = len(tokens(self.text, following.start, following.end)) <= _SHORT_ATTRIBUTION
        unquoted = min([following.end, *later]) == following.end
        if short and unquoted and following.paragraph == self.sentences[k].paragraph:
            return following.start, following.end
        return span.closing, end

    def _speaker(self, span, head, partial) -> tuple[str | None, tuple[int, int] | None]:
        """Speaker and speaker span: a partial quotation's from its own clause
        (or an attribution after it) only; a full one's from the attribution
        after or before it, else from the context."""
        text, tail = self.text, self._tail(span)
        if partial:
            phrase = attr.source_in_clause(text, *head, partial=True) or attr.source_after(text, *tail)
        else:
            phrase = attr.source_after(text, *tail)
            if not phrase:
                phrase = attr.source_before(text, *head)
                if phrase and self._section_label(phrase, head):
                    return self._from_neighbours(self.sentence_of(span.opening))
        if phrase:
            return self.book.resolve(phrase)
        return (None, None) if partial else self._from_context(span, head)

    def _section_label(self, phrase: list[Token], head: tuple[int, int]) -> bool:
        """True if the "X:" before a quotation is a script's or page's section
        word ("STORY:", "Breaking news:"), not a speaker: furniture words only,
        or one word in capitals that is neither a surname the text names in full
        nor a speaking role."""
        if not self.text[head[0] : head[1]].rstrip().endswith(":"):
            return False
        if labels.is_furniture(phrase):
            return True
        word = phrase[0]
        return len(phrase) == 1 and word.value.isupper() and not labels.is_speaker_label((word,), self.known)

    def _from_context(self, span: MarkedSpan, head: tuple[int, int]):
        """Speaker of an unattributed full quotation: for one opening its
        paragraph, a speaker label on the line above (a factbox, a script) or a
        "X said:" sentence just before it; else the quotation just before it
        (same or previous paragraph); else, for one opening its paragraph, the
        sentence before it (its speaker, or a named subject) or, when nobody has
        been named yet, the first person the following sentence names."""
        k = self.sentence_of(span.opening)
        opens = not self.text[head[0] : head[1]].strip()
        if opens:
            label = labels.label_before(self.text, span.opening, self.known)
            if label is not None:
                return labels.label_speaker(label, self.book.resolve)
            if k and self._text_of(k - 1).rstrip().endswith(":"):
                found = self._introduction(k - 1)
                if found[0]:
                    return found
        if self.found:
            earlier, quotation = self.found[-1]
            paragraph = self.sentences[self.sentence_of(earlier.closing - 1)].paragraph
            near = paragraph >= self.sentences[k].paragraph - 1
            # A partial quotation passes its speaker on only if an attribution named one.
            if near and quotation.speaker_span and (quotation.speaker or not quotation.partial):
                return quotation.speaker, quotation.speaker_span
        return self._from_neighbours(k) if opens else (None, None)

    def _text_of(self, k: int) -> str:
        return self.text[self.sentences[k].start : self.sentences[k].end]

    def _introduction(self, j: int) -> tuple[str | None, tuple[int, int] | None]:
        """The speaker a sentence ending in a colon introduces: its reporting
        verb's subject ("Brennan said:"), else the last name in it ("The
        statement quoted Musk:")."""
        sentence = self.sentences[j]
        toks = tokens(self.text, sentence.start, sentence.end)
        if labels.is_furniture(toks):
            return None, None  # "Read more:", "STORY:"
        phrase = attr.source_in_clause(self.text, sentence.start, sentence.end)
        if phrase is None:
            phrase = attr.named_in(toks, last=True, words=1)
            words = [t for t in toks if t.is_word]
            if phrase and len(phrase) == len(words) and not labels.is_speaker_label(tuple(phrase), self.known):
                return None, None  # a line of its own that is no speaker's label ("Harbour Bridge:")
        return self.book.resolve(phrase or [])

    def _from_neighbours(self, k: int) -> tuple[str | None, tuple[int, int] | None]:
        """Speaker of a quotation paragraph from the sentence before it (in the
        previous paragraph at most): the speaker of its indirect speech, or the
        person it opens with; when nobody was named before the quotation, the
        first full name of the sentence after it."""
        previous = k - 1
        if previous >= 0 and self.sentences[previous].paragraph >= self.sentences[k].paragraph - 1:
            if previous in self.speakers:
                return self.speakers[previous], self.speaker_spans.get(previous)
            sentence = self.sentences[previous]
            subject = attr.leading_subject(self._unquoted_tokens(sentence.start, sentence.end))
            if subject and labels.is_furniture(subject):
                subject = None  # "BREAKING NEWS:" opens no sentence with a person
            speaker, where = self.book.resolve(subject or [])
            if subject and (self.book.knows(speaker) or len(subject) > 1 and speaker and speaker[0].isupper()):
                return speaker, where
        if self.book.last_person is None and self.book.last_named is None:
            after = self._after_quotation(k)
            if after is not None:
                sentence = self.sentences[after]
                name = attr.named_in(tokens(self.text, sentence.start, sentence.end))
                if name:
                    return self.book.resolve(name)
        return None, None

    def _after_quotation(self, k: int) -> int | None:
        """Index of the first sentence after the quotation opening in sentence
        ``k`` (the first one without a quotation mark), or None."""
        for j in range(k + 1, len(self.sentences)):
            sentence = self.sentences[j]
            if not any(s.opening < sentence.end and s.closing > sentence.start for s in self.spans):
                return j
        return None


def _with_turns(spans: list[MarkedSpan], turns: Sequence[labels.Turn]) -> list[MarkedSpan]:
    """The marked spans and the transcript turns (as spans without marks) in
    reading order; a marked span inside a turn's words is part of the turn."""
    inside = [(t.start, t.end) for t in turns]
    kept = [s for s in spans if not any(a <= s.opening < b for a, b in inside)]
    added = [MarkedSpan(((t.start, t.end),), t.start, t.end) for t in turns]
    return sorted(kept + added, key=lambda s: s.opening)
