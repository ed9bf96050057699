"""Find the source phrase of an attribution next to a quotation.

Patterns (the phrase returned is the speaker as written, before resolution):

- after a quotation: ``"...," Varga said`` / ``"...," said Daniel Achebe, a nurse``
  / ``"...," Helena Varga, the city engineer, said`` / ``"...," she told CNN`` /
  ``"...," according to Rosa Lindqvist``;
- before one: ``Varga said, "..."`` / ``Mayor Tomas Brennan said: "..."`` /
  ``He told reporters: "..."`` / ``According to X, "..."`` / ``Trump: "..."``;
- anywhere in a clause (indirect speech, partial quotes): ``Varga said repairs
  would take...`` / ``Trump called the rules "a disgrace"``.
"""

from __future__ import annotations

from collections.abc import Sequence

from storydiff.quotes.names import AGE, GROUP_PRONOUNS, NOT_NAMES, PERSON_PRONOUNS, TITLES, name_span, name_spans
from storydiff.quotes.words import Token, tokens

REPORTING_VERBS = frozenset(
    """say says said saying tell tells told telling add adds added adding ask asks asked asking
    write writes wrote writing state states stated mention mentions mentioned note notes noted
    noting explain explains explained explaining argue argues argued arguing insist insists
    insisted insisting claim claims claimed claiming declare declares declared declaring warn
    warns warned warning continue continues continued reply replies replied replying respond
    responds responded responding recall recalls recalled tweet tweets tweeted tweeting post
    posts posted acknowledge acknowledged admit admits admitted announce announced caution
    cautioned complain complained concede conceded confirm confirmed counter countered exclaim
    exclaimed joke joked quip quipped observe observed remark remarked reiterate reiterated
    shout shouts shouted shouting yell yells yelled yelling stress stressed suggest suggested
    urge urges urged vow vowed wonder wondered boast boasted charge charged contend contended
    lament lamented muse mused plead pleaded protest protested report reports reported reveal
    revealed snap snapped testify testified whisper whispered demand demanded assure assured
    brag bragged conclude concluded predict predicted promise promised emphasize emphasized
    emphasise emphasised agree agreed recount recounted scoff scoffed read reads sing sings
    sang singing chant chanted chanting comment commented assert asserts asserted asserting""".split()
)
# Verbs that frame a partial quotation: "called the rules "a disgrace"".
PARTIAL_CUES = frozenset(
    """call calls called calling describe describes described describing label labels labeled
    labelled brand branded term termed dub dubbed blast blasted slam slammed accuse accused
    criticize criticized praise praised pledge pledged accusing branding labeling dubbing""".split()
)
# A report made with a noun ("made a shock announcement that ..."): these verbs, a
# determiner, at most one more word, then one of these nouns.
_MAKING_VERBS = frozenset("make makes made making issue issues issued issuing".split())
_REPORT_NOUNS = frozenset(
    "announcement announcements statement statements declaration admission pledge promise vow".split()
)
# Of those, the forms that are seldom anything but a verb: they report indirect
# speech even without a quotation ("She described the job as a privilege").
FRAMING_VERBS = frozenset(
    """describe describes described describing labelled labeled branded termed dubbed
    criticized criticised praised pledged accused""".split()
)
# Words allowed between a speaker and the verb ("Varga has also said").
_AUXILIARIES = frozenset(
    "has had have would will also later then again once previously recently repeatedly "
    "reportedly simply flatly quickly often".split()
)
# Words that end a clause, or a verb phrase, so a subject never reaches back past them.
_CLAUSE_WORDS = frozenset(
    "that and but because while if when as so although though since where which "
    "is was are were be been to".split()
)
# Words that end an inverted source ("said Daniel Achebe in a statement").
_PHRASE_ENDS = frozenset(
    "in on at during after before while when via who which whose that according adding as to "
    "from last this".split()
)
_DASHES = "—―–"
PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS
# Words that open a noun phrase: a subject reaches back to one and no further.
DETERMINERS = frozenset("the a an his her their its this that these those our my".split())
_CLAUSE_MARKS = frozenset(",;:—–()[]\"“”‘’«»")
_MAX_SUBJECT = 8
# Words opening a subordinate clause, whose verb is not the sentence's report.
_SUBORDINATORS = frozenset("before after when while as if since although though because once until unless".split())
# A time phrase between a subject and its verb ("Ardern on Thursday announced"): not the subject.
_WHEN_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning
    afternoon evening night week weekend month year earlier""".split()
)
_WHEN_OPENERS = frozenset("on this last late early".split())
_MAX_ROLE_LABEL = 4  # words of a title standing for a speaker before a colon ("Prime Minister:")
_TAIL_WINDOW = 24


def source_after(text: str, start: int, end: int) -> list[Token] | None:
    """The source phrase of an attribution at the start of ``text[start:end]``
    (the text after a closing mark, to the end of its sentence), or None."""
    toks = tokens(text, start, end)
    while toks and toks[0].value in ",.":
        toks = toks[1:]
    if toks and toks[0].value in _DASHES:
        phrase = _inverted(toks[1:])  # a list's "...” ― Veronica Cruz"
        return phrase if phrase and name_span(phrase) == (0, len(phrase)) else None
    toks = _lstrip(toks)
    if len(toks) >= 2 and toks[0].lower == "according" and toks[1].lower == "to":
        return _inverted(toks[2:])
    if toks and toks[0].lower in REPORTING_VERBS:
        return _inverted(toks[1:])
    return _subject_of_verb(toks[:_TAIL_WINDOW])


def _subject_of_verb(toks: Sequence[Token]) -> list[Token] | None:
    """The subject of the first reporting verb of ``toks``, if it comes before
    the sentence ends ("Helena Varga, the city engineer, said")."""
    depth = 0
    for v, token in enumerate(toks):
        depth += {"(": 1, ")": -1}.get(token.value, 0)
        following = toks[v + 1].value if v + 1 < len(toks) else ""
        if depth <= 0 and (token.value in ".!?" or token.value in "“”\"") and following not in ",)":
            return None  # the sentence ended ("R-Ky., said" is no end)
        if token.lower in REPORTING_VERBS and _is_verb_position(toks, v):
            return _subject(toks[:v], toks[v])
    return None


def source_before(text: str, start: int, end: int) -> list[Token] | None:
    """The source phrase of an attribution ending ``text[start:end]`` (the text
    before an opening mark, from the start of its sentence), or None."""
    toks = tokens(text, start, end)
    last = toks[-1].value if toks else ""
    body = toks[:-1] if last in ",:" else toks
    window = {":": 12, ",": 6}.get(last, 1)
    for v in range(len(body) - 1, max(-1, len(body) - 1 - window), -1):
        if body[v].lower in REPORTING_VERBS and _is_verb_position(body, v):
            return _subject(body[:v], body[v])
        if body[v].lower == "to" and v and body[v - 1].lower == "according" and last == ",":
            return _inverted(body[v + 1 :])
    if last != ":":
        return None
    if body and len(body) <= _MAX_ROLE_LABEL and all(t.is_word and t.capitalised and t.lower in TITLES for t in body):
        return list(body)  # a headline's "Minister: '...'"
    return leading_subject(body)


def leading_subject(toks: Sequence[Token]) -> list[Token] | None:
    """The name (or pronoun) opening a clause: "Sen. Claire McCaskill (D-Mo.)
    scolded him:". Clauses that open with a preposition or an adverb ("With
    Democratic voters, President Obama is...") and datelines ("WASHINGTON —")
    are passed over; None if no clause opens with a name."""
    clause: list[Token] = []
    skipping, depth = False, 0
    for token in toks:
        depth += {"(": 1, ")": -1}.get(token.value, 0)
        if depth or token.value in "()":
            continue
        if token.value in _DASHES:
            clause, skipping = [], False  # a dateline ("WASHINGTON —") is no subject
        elif token.value == ",":
            if _names_someone(clause):
                return clause
            clause, skipping = [], False
        elif token.is_word and not token.capitalised and not skipping:
            if _names_someone(clause) or (len(clause) == 1 and clause[0].lower in PRONOUNS):
                return clause
            if clause and clause[0].lower not in NOT_NAMES:
                return None
            skipping = True  # an opening "In one of her final appearances": wait for a comma
        elif token.is_word and not skipping:
            clause.append(token)
    return clause if _names_someone(clause) else None  # a label: "Ardern:"


def _names_someone(clause: Sequence[Token]) -> bool:
    """True if ``clause`` is a run of capitalised words ending in a name."""
    return bool(clause) and clause[0].lower not in NOT_NAMES and name_span(clause) is not None


_PARTIAL_VERBS = REPORTING_VERBS | PARTIAL_CUES
_CLAUSE_VERBS = REPORTING_VERBS | FRAMING_VERBS


def source_in_clause(text: str, start: int, end: int, partial: bool = False) -> list[Token] | None:
    """The source phrase of the first reporting verb in ``text[start:end]``
    ("Varga said repairs would...", else "Varga issued a statement
    that..."); with ``partial`` the verbs that frame a
    partial quotation ("called it") count too, else only those seldom used as
    nouns (``FRAMING_VERBS``). None if there is none."""
    verbs = _PARTIAL_VERBS if partial else _CLAUSE_VERBS
    toks = _main_clause(tokens(text, start, end))
    made = None  # a report made with a noun: the source only if no verb reports
    for v, token in enumerate(toks):
        if token.value in "“”\"":
            break  # past the quotation: its own attribution, if any, is elsewhere
        if token.lower in verbs and _is_verb_position(toks, v):
            if v == 0:  # "Said a spokesman, ..."; not "Read more:"
                phrase = _inverted(toks[1:])
                return phrase if phrase and _personal(phrase) else None
            return _subject(toks[:v], toks[v])
        if token.lower == "according" and v + 1 < len(toks) and toks[v + 1].lower == "to":
            return _inverted(toks[v + 2 :])
        if made is None and v and _makes_report(toks, v):
            made = v
    return None if made is None else _subject(toks[:made], toks[made])


def _makes_report(toks: Sequence[Token], v: int) -> bool:
    """True if ``toks[v]`` is a verb making a report with a noun: "made a
    shock announcement", "issued a statement"."""
    if toks[v].lower not in _MAKING_VERBS or v + 2 >= len(toks) or toks[v + 1].lower not in DETERMINERS:
        return False
    return any(t.lower in _REPORT_NOUNS for t in toks[v + 2 : v + 4])


def _main_clause(toks: list[Token]) -> list[Token]:
    """``toks`` without an opening subordinate clause: "Before Twitter confirmed
    the deal, Smith revisited..." is Smith's sentence, not a report by Twitter."""
    if not toks or toks[0].lower not in _SUBORDINATORS:
        return toks
    comma = next((i for i, t in enumerate(toks) if t.value == "," or t.value in "“”\""), None)
    return toks[comma + 1 :] if comma is not None and toks[comma].value == "," else toks


def named_in(toks: Sequence[Token], last: bool = False, words: int = 2) -> list[Token] | None:
    """The first (or ``last``) name of at least ``words`` words among ``toks``, or None."""
    found = None
    for a, b in name_spans(toks):
        if b - a >= words:
            found = list(toks[a:b])
            if not last:
                return found
    return found


def _lstrip(toks: list[Token]) -> list[Token]:
    """Drop punctuation before the first word (the comma after a closing mark)."""
    i = 0
    while i < len(toks) and not toks[i].is_word:
        i += 1
    return toks[i:]


def _is_verb_position(toks: Sequence[Token], v: int) -> bool:
    """False for a reporting word used as a noun or adjective ("the said plan",
    "a report", "his claims"): a verb is not preceded by a determiner."""
    if v and toks[v - 1].lower in DETERMINERS:
        return False
    return not toks[v].capitalised or v == 0


def _inverted(toks: Sequence[Token]) -> list[Token] | None:
    """The source after an inverted verb, up to the first clause break."""
    out: list[Token] = []
    for token in toks:
        if token.value in _CLAUSE_MARKS or token.value in ".!?" or token.lower in _PHRASE_ENDS:
            break
        out.append(token)
    return out[:_MAX_SUBJECT] or None


def _subject(toks: Sequence[Token], verb: Token | None = None) -> list[Token] | None:
    """The subject ending ``toks`` (the words before a verb): auxiliaries and a
    comma-enclosed apposition ("Varga, the city engineer,") set aside. Before a
    participle ("..., saying") the subject is the clause's opening name."""
    toks = list(toks)
    if verb is not None and verb.lower.endswith("ing"):
        return leading_subject(toks)
    if len(toks) >= 2 and toks[-1].lower == "to":
        span = name_span(toks[:-1])  # "That prompted Musk to ask": the one asking
        if span is not None and toks[span[0]].lower not in NOT_NAMES:
            return toks[span[0] : span[1]]
    while toks and toks[-1].lower in _AUXILIARIES:
        toks.pop()
    toks = _drop_when(toks)
    if toks and toks[-1].value == ")":
        toks = _drop_brackets(toks)
    if toks and toks[-1].value == ",":
        return _appositive(toks[:-1])
    if toks and toks[-1].lower in PRONOUNS:
        return toks[-1:]  # "...what he calls": the pronoun, not the clause before it
    start = len(toks)
    while start and toks[start - 1].value not in _CLAUSE_MARKS and toks[start - 1].lower not in _CLAUSE_WORDS:
        start -= 1
        if toks[start].lower in DETERMINERS:
            break
    phrase = toks[start:][-_MAX_SUBJECT:]
    if phrase and not _personal(phrase):
        relative = _relative_clause(toks)
        head = _subject(toks[:relative]) if relative is not None else None
        if head and _personal(head):
            return head  # "The 42-year-old who steered ... its worst crisis said": not "its worst crisis"
    return phrase or None


def _personal(phrase: Sequence[Token]) -> bool:
    """True if ``phrase`` can stand for a person: it names one, is a pronoun,
    or holds a title or an age ("the 42-year-old")."""
    if _names_someone(phrase):
        return True
    return any(t.lower in PRONOUNS or t.lower in TITLES or AGE.fullmatch(t.lower) for t in phrase)


def _relative_clause(toks: Sequence[Token]) -> int | None:
    """Index of the "who" opening a relative clause that runs to the verb ("The
    42-year-old who steered the country through floods and its worst crisis
    said"): the subject comes before it. None if there is none."""
    for i in range(len(toks) - 1, 0, -1):
        if toks[i].value in ".!?;:“”\"":
            return None
        if toks[i].lower in {"who", "whose"}:
            return i if len(toks) - i >= 3 else None
    return None


def _drop_when(toks: list[Token]) -> list[Token]:
    """``toks`` without a final time phrase ("Jacinda Ardern on Thursday" ->
    "Jacinda Ardern"), when something is left before it."""
    end = len(toks)
    while end > 1 and toks[end - 1].lower in _WHEN_WORDS:
        end -= 1
    if end == len(toks):
        return toks
    while end > 1 and toks[end - 1].lower in _WHEN_OPENERS:
        end -= 1
    return toks[:end]


def _appositive(toks: list[Token]) -> list[Token] | None:
    """For "Helena Varga, the city engineer," or "A spokesman, Brian Fallon,"
    (final comma removed): whichever side of the apposition holds a name, else
    the side before it ("the mayor, who took office in May,")."""
    comma = max((i for i, t in enumerate(toks) if t.value == ","), default=None)
    if comma is None:
        return _subject(toks)
    before = _subject(toks[:comma])
    after = _subject(toks[comma + 1 :])
    if before and name_span(before) is not None:
        return before
    if after and name_span(after) is not None and after[0].lower not in {"who", "whose", "which"}:
        return after
    return before or after


def _drop_brackets(toks: list[Token]) -> list[Token]:
    """``toks`` without its final bracketed part ("Cummings (D-Md.)" -> "Cummings")."""
    for i in range(len(toks) - 1, -1, -1):
        if toks[i].value == "(":
            return toks[:i]
    return toks
