"""Who a source phrase names, and resolving short mentions within one version.

A source phrase is the few words an attribution uses for the speaker, as
written: "City engineer Helena Varga", "Varga", "she", "a spokesperson for the
union". ``name_span`` finds the personal name in it (titles dropped: the speaker
of "NATO Secretary-General Jens Stoltenberg" is "Jens Stoltenberg"). A
``NameBook`` remembers the names a version has given so far, so that a surname,
a title ("the mayor") or a pronoun later in the same version resolves to the
full name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from storydiff.quotes.words import Token

# Words that describe a role rather than name a person; dropped from names.
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. col col. lt lt.
    maj maj. sgt sgt. capt capt. adm adm. rev rev. hon hon. st. president vice mayor senator
    representative congressman congresswoman governor secretary secretary-general minister prime
    chancellor chief director spokesman spokeswoman spokesperson engineer professor judge justice
    general colonel captain commissioner chairman chairwoman chair ceo executive officer leader
    ambassador attorney candidate nominee pope king queen prince princess sheriff coach deputy
    former acting foreign defense defence interior press house senate speaker majority minority
    whip lawyer adviser advisor aide analyst economist manager founder inspector commander lord
    lady sir dame premier councillor councilman councilwoman mp mep pm""".split()
)
# Capitalised words that open a sentence or name a date: never part of a name.
NOT_NAMES = frozenset(
    """the a an and but or so yet in on at as after before then now when while still also
    meanwhile however later earlier last this that these those his her their its our my
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december i we you he she they it there
    according asked speaking writing with for by from to of about against into through during
    despite under since although though if because once until within without over among amid
    across like what why how where who which whose here dear thanks yes no not instead indeed
    moreover furthermore again today yesterday tonight tomorrow finally first second third
    overall separately similarly likewise nevertheless nonetheless otherwise therefore thus
    besides perhaps maybe sometimes often recently currently previously eventually ultimately
    clearly obviously apparently specifically notably unfortunately fortunately everything
    everyone everybody nothing nobody something someone somebody anything anyone""".split()
)
_MAX_NAME_WORDS = 4  # a longer capitalised run is a title or a headline, not a name
# Prepositions that attach an organisation to a source ("Mr. Morgan of the Sierra Club").
_PREPOSITIONS = frozenset({"of", "for", "at", "with", "from"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Abbreviated titles and the role they stand for, so "Gov. Rick Perry" answers "the governor".
_TITLE_WORDS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                "pres": "president", "prof": "professor", "capt": "captain", "col": "colonel"}
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
# An age standing for the person last named ("the 42-year-old said").
AGE = re.compile(r"\d+-year-old")
# Endings of a contraction ("I'm", "It's", "We've"): with a NOT_NAMES word before them, no name.
_CONTRACTIONS = frozenset({"m", "s", "re", "ve", "ll", "d", "t"})


def _name_word(token: Token) -> bool:
    """True for a capitalised word that can belong to a name ("I’m" and "It’s" cannot)."""
    if not (token.is_word and token.capitalised and token.lower not in TITLES and token.lower not in NOT_NAMES):
        return False
    head, _, tail = token.lower.partition("'")
    return not (tail in _CONTRACTIONS and head in NOT_NAMES)


def _possessive(token: Token) -> bool:
    """True for "Zealand's" or "Jones’": a name cannot run on past it ("New Zealand’s Jacinda Ardern")."""
    return token.lower.endswith(("'s", "s'"))


def title_case(word: str) -> str:
    """An all-capitals word as a name is written: "NGAREWA-PACKER" -> "Ngarewa-Packer",
    "O'BRIEN" -> "O'Brien", "ZEALAND'S" -> "Zealand's"; other words unchanged."""
    if not word.isupper() or len(word) < 2:
        return word
    titled = re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)
    return re.sub(r"(['’])S$", r"\1s", titled)


def name_span(phrase: Sequence[Token]) -> tuple[int, int] | None:
    """Indexes ``(i, j)`` of the name ending ``phrase`` (suffixes like "Jr." and a
    trailing possessive aside), or None if the phrase does not end in a name."""
    j = len(phrase)
    while j and (phrase[j - 1].lower in SUFFIXES or not phrase[j - 1].is_word):
        j -= 1
    i = j
    while i and _name_word(phrase[i - 1]) and not (i < j and _possessive(phrase[i - 1])):
        i -= 1
    return (i, j) if i < j else None


def first_name_span(phrase: Sequence[Token]) -> tuple[int, int] | None:
    """Indexes of the first name in ``phrase``, or None. A capitalised word just
    before a title modifies it ("Democratic" in "Democratic Sen. Claire
    McCaskill") and is passed over."""
    i = 0
    while i < len(phrase):
        if not _name_word(phrase[i]):
            i += 1
            continue
        j = i
        while j < len(phrase) and (_name_word(phrase[j]) or phrase[j].lower in SUFFIXES):
            j += 1
            if _possessive(phrase[j - 1]):
                break
        if j < len(phrase) and phrase[j].lower in TITLES:
            i = j
            continue
        return i, j
    return None


def name_spans(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` token indexes of every name in ``tokens``, left to right
    (``first_name_span`` again after each one)."""
    i = 0
    while i < len(tokens):
        span = first_name_span(tokens[i:])
        if span is None:
            return
        yield i + span[0], i + span[1]
        i += span[1]


def _key(name: str) -> str:
    """The surname of ``name``, lower case: how mentions of one person are matched."""
    words = [w for w in name.replace("’", "'").split() if w.lower().strip(".") not in SUFFIXES]
    last = words[-1] if words else name
    return last.lower().removesuffix("'s")


def same_person(a: str | None, b: str | None) -> bool:
    """True if the speaker strings ``a`` and ``b`` can name the same person."""
    if not a or not b:
        return True
    return _key(a) == _key(b) or a.lower() in b.lower() or b.lower() in a.lower()


class NameBook:
    """The names one version has given so far, in reading order."""

    def __init__(self) -> None:
        self._full: Counter[str] = Counter()  # full names (two words or more), mentions
        self._by_key: dict[str, list[str]] = {}  # surname key -> full names, first mention first
        self._titles: dict[str, str] = {}  # "mayor" -> "Tomas Brennan"
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.last_named: str | None = None  # the latest full name given, whatever its role

    def note_names(self, tokens: Sequence[Token]) -> None:
        """Remember every full name (and the title before it) among ``tokens``."""
        for a, b in name_spans(tokens):
            name = _join(tokens[a:b])
            if 2 <= b - a <= _MAX_NAME_WORDS and not _possessive(tokens[b - 1]):
                if name not in self._full:
                    self._by_key.setdefault(_key(name), []).append(name)
                self._full[name] += 1
                self.last_named = name
                if a and tokens[a - 1].lower in TITLES:
                    self._titles[_role(tokens[a - 1].lower)] = name

    def resolve(self, phrase: Sequence[Token]) -> tuple[str | None, tuple[int, int] | None]:
        """The speaker a source phrase names and the ``(start, end)`` span that
        names it; ``(None, None)`` for an unresolved pronoun or an empty phrase."""
        if not phrase:
            return None, None
        span = (phrase[0].start, phrase[-1].end)
        if len(phrase) == 1 and phrase[0].lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(phrase[0].lower), span
        found = _phrase_name(phrase)
        if found is not None:
            tokens = phrase[found[0] : found[1]]
            return self._full_name(_join(tokens)), (tokens[0].start, tokens[-1].end)
        return self._descriptor(phrase), span

    def knows(self, name: str | None) -> bool:
        """True if ``name`` is a full name given so far, or the surname of one."""
        return bool(name) and _key(name) in self._by_key

    def note_speaker(self, speaker: str | None) -> None:
        """Remember the latest speaker, for pronouns that follow."""
        if speaker:
            # A capitalised speaker is taken for a person; "officials", "a source": a group.
            if speaker[0].isupper():
                self.last_person = speaker
            else:
                self.last_group = speaker

    def note_subject(self, phrase: Sequence[Token] | None) -> None:
        """Remember the name opening a sentence: the likeliest antecedent of a
        pronoun that follows. Only a person the text has named in full counts: a
        sentence may open with a dateline ("WELLINGTON,") or a participle
        ("Fighting back tears she said") that looks like a name."""
        if phrase:
            speaker, _ = self.resolve(phrase)
            if len(phrase) == 1 and phrase[0].lower in PERSON_PRONOUNS | GROUP_PRONOUNS or self.knows(speaker):
                self.note_speaker(speaker)

    def _pronoun(self, word: str) -> str | None:
        """The antecedent of a pronoun: the latest speaker or subject, else the latest full name."""
        if word in PERSON_PRONOUNS:
            return self.last_person or self.last_named
        return self.last_group or self.last_person

    def _full_name(self, name: str) -> str:
        """``name`` itself, or the full name that a lone surname refers to (the
        one mentioned most often, then the earliest)."""
        if " " in name:
            return name
        matches = self._by_key.get(_key(name), [])
        return max(matches, key=lambda full: self._full[full]) if matches else name

    def _descriptor(self, phrase: Sequence[Token]) -> str:
        """A role such as "the mayor" or "the Texas governor" resolved through a
        title given earlier, else the phrase as written."""
        words = [t for t in phrase if t.is_word]
        if len(words) >= 2 and words[0].lower == "the":
            name = self._titles.get(_role(words[-1].lower))
            if name:
                return name
            if any(AGE.fullmatch(t.lower) for t in words[1:]) and (self.last_person or self.last_named):
                return self.last_person or self.last_named  # "the 42-year-old": the person just named
        return _join(phrase)


def _role(title: str) -> str:
    """A title in one spelling: lower case, no dot, abbreviations spelt out."""
    word = title.lower().strip(".")
    return _TITLE_WORDS.get(word, word)


def _phrase_name(phrase: Sequence[Token]) -> tuple[int, int] | None:
    """The name a source phrase gives: the name before a preposition ("Mr.
    Morgan of the Sierra Club"), or the name ending it when all that precedes is
    titles ("Secretary of State John Kerry"); None for "a spokesman for Clinton"."""
    cut = next((i for i, t in enumerate(phrase) if t.lower in _PREPOSITIONS), None)
    if cut is None:
        return name_span(phrase)
    head = name_span(phrase[:cut])
    if head is not None:
        return head
    if all(t.lower in TITLES for t in phrase[:cut] if t.is_word):
        return name_span(phrase)
    return None


def _join(tokens: Sequence[Token]) -> str:
    """The tokens as written, single-spaced, with no space before punctuation; a
    name in capitals ("JACINDA ARDERN", a transcript's label) in title case."""
    words = [t for t in tokens if t.is_word]
    capitals = len(words) >= 2 and all(t.value.isupper() for t in words)  # one word may be an acronym
    out = ""
    for token in tokens:
        glue = "" if not out or (not token.is_word and token.value not in "(") else " "
        out += glue + (title_case(token.value) if capitals else token.value)
    return out
