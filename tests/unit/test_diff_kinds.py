"""Change kinds: several examples of each, the order they are tried in, names."""

from __future__ import annotations

import pytest

from storydiff.core.model import TRIVIAL_KINDS, ChangeKind
from storydiff.diffing import classify, diff_passages

K = ChangeKind

EXAMPLES = {
    K.WHITESPACE: [(" ", "  "), ("\n", " "), ("a b", "a\nb"), ("", " "), ("\t", "")],
    K.QUOTE_STYLE: [
        ('"', "“"), ("'", "’"), ('"Yes"', "“Yes”"), ("«Oui»", "“Oui”"), ("„Ja“", '"Ja"'),
        ("‘no’", '"no"'), ("don't", "don’t"), ("5′", "5'"), (' "', "“"),
    ],
    K.PUNCTUATION: [
        (",", ""), ("", ","), (".", "!"), ("-", "–"), ("—", "--"), ("…", "..."), (":", ";"),
        ("co-operate", "cooperate"), ("U.S.", "US"), ("1,000", "1000"), ('"', ""),
        ('fine,"', "fine”,"), ("(", "["),
    ],
    K.CASE: [
        ("Hello", "hello"), ("PRESIDENT", "President"), ("the President,", "the president"),
        ("THREE", "three"),
    ],
    K.NUMBER: [
        ("3", "4"), ("three", "four"), ("3.5 million", "3.6 million"),
        ("$3.5 million", "$3.6 million"), ("3", "three"), ("5 percent", "5%"), ("3.5", "35"),
        ("1,000", "10,000"), ("", "3"), ("dozens", "hundreds"), ("2023", "2024"),
        ("million", "billion"),
    ],
    K.NEGATION: [
        ("will", "will not"), ("could", "couldn't"), ("could", "couldn’t"), ("did not", "did"),
        ("", "not"), ("always", "never"), ("with", "without"), ("can", "cannot"),
        ("someone", "nobody"), ("is", "isn't"),
    ],
    K.REPORTING_VERB: [
        ("said", "mentioned"), ("said", "stated"), ("says", "claimed"), ("told", "informed"),
        ("according to", "said"), ("argued", "insisted"), ("has said", "told"),
        ("admitted", "acknowledged"), ("remarked", "noted"), ("warned", "cautioned"),
    ],
    K.NAME: [
        ("Smith", "Jones"), ("Reuters", "AP"), ("", "Smith"), ("Biden", ""),
        ("NATO", "the alliance"), ("the president", "President Biden"),
        ("Jane Smith", "John Smith"), ("Smith said", "Jones told"),
    ],
    K.SUBSTITUTION: [
        ("war", "warfare"), ("big", "large"), ("war crimes", "warfare crimes"),
        ("did not", "didn't"), ("house", "home"), ("😀", "😢"), ("the officials", "the police"),
    ],
    K.INSERTION: [("", "very"), (" ", "very "), ("", "big red")],
    K.DELETION: [("very", ""), ("big red ", " ")],
}


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [(before, after, kind) for kind, pairs in EXAMPLES.items() for before, after in pairs],
)
def test_classify_examples(before: str, after: str, kind: ChangeKind) -> None:
    assert classify(before, after) == kind


def test_every_kind_has_examples() -> None:
    assert set(EXAMPLES) == set(ChangeKind)


@pytest.mark.parametrize(("before", "after"), [pair for pairs in EXAMPLES.values() for pair in pairs])
def test_classify_is_symmetric_up_to_insertion_and_deletion(before: str, after: str) -> None:
    swap = {K.INSERTION: K.DELETION, K.DELETION: K.INSERTION}
    forward = classify(before, after)
    assert classify(after, before) == swap.get(forward, forward)


def test_trivial_kinds_are_the_first_four() -> None:
    trivial = {classify(b, a) for kind in TRIVIAL_KINDS for b, a in EXAMPLES[kind]}
    assert trivial == set(TRIVIAL_KINDS)


# --- names and sentence starts --------------------------------------------


def test_titlecase_opening_a_sentence_is_not_a_name() -> None:
    assert classify("The", "A", before_prefix="", after_prefix="") == K.SUBSTITUTION
    assert classify("The", "A", before_prefix="Rain fell. ", after_prefix="Rain fell. ") == (
        K.SUBSTITUTION
    )


def test_titlecase_mid_sentence_or_acronym_is_a_name() -> None:
    assert classify("Smith", "Jones", before_prefix="said ", after_prefix="said ") == K.NAME
    assert classify("Smith", "Jones", before_prefix="Mr. ", after_prefix="Mr. ") == K.NAME
    assert classify("Smith", "Jones", before_prefix="J. ", after_prefix="J. ") == K.NAME
    assert classify("AP", "Reuters", before_prefix="", after_prefix="") == K.NAME


def test_passage_level_names() -> None:
    def kinds(a: str, b: str) -> list[ChangeKind]:
        return [edit.kind for edit in diff_passages(a, b)]

    assert kinds("The minister met Smith.", "The minister met Jones.") == [K.NAME]
    assert kinds("Mr. Smith left.", "Mr. Jones left.") == [K.NAME]
    assert kinds("Reuters reported it.", "AP reported it.") == [K.NAME]
    assert kinds("The minister left.", "A minister left.") == [K.SUBSTITUTION]
    # Documented limit: a Titlecase name opening the passage is not recognised.
    assert kinds("Smith left.", "Jones left.") == [K.SUBSTITUTION]


# --- the order the kinds are tried in -------------------------------------


def test_number_edits_are_never_passed_off_as_trivial() -> None:
    assert classify("3.5", "35") == K.NUMBER  # punctuation alone, but a new figure
    assert classify("1,000", "1000") == K.PUNCTUATION  # same figure


def test_number_before_negation_before_reporting_verb_before_name() -> None:
    assert classify("3 did", "4 did not") == K.NUMBER
    assert classify("said", "did not say") == K.NEGATION
    assert classify("said Smith", "told Jones") == K.NAME


def test_passage_level_kinds_of_a_rewritten_sentence() -> None:
    a = "Smith said the company would pay $3.5 million, officials claimed."
    b = "Smith said the firm wouldn't pay $3.6 million, officials stated."
    edits = diff_passages(a, b)
    assert [(e.kind, e.before, e.after) for e in edits] == [
        # Semantic cleanup joins the two nearby swaps; the weightier kind wins.
        (K.NEGATION, "company would", "firm wouldn't"),
        (K.NUMBER, "3.5", "3.6"),
        (K.REPORTING_VERB, "claimed", "stated"),
    ]


def test_a_possessive_is_the_same_name():
    from storydiff.diffing import classify
    from storydiff.core.model import ChangeKind

    before, after = "Calder closed its harbour bridge", "Calder\u2019s harbour bridge was closed"
    assert classify(before, after, before_prefix="Port ", after_prefix="Port ") is ChangeKind.SUBSTITUTION
    assert classify("Smith's", "Jones's", before_prefix="a ", after_prefix="a ") is ChangeKind.NAME
