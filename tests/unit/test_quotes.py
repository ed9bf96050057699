"""Quotation extraction and speaker attribution, one pattern per test."""

from __future__ import annotations

import pytest

from storydiff.quotes import Quotation, extract_quotations
from storydiff.quotes.marks import find_marked_spans


def only(text: str) -> Quotation:
    found = extract_quotations(text, "v1")
    assert len(found) == 1, found
    return found[0]


def speaker_of(text: str) -> str | None:
    return extract_quotations(text)[-1].speaker


# ---------------------------------------------------------------- marks and spans


@pytest.mark.parametrize("open_, close", [("\u201c", "\u201d"), ('"', '"'), ("''", "''")])
def test_curly_straight_and_doubled_apostrophe_marks(open_, close):
    text = f"{open_}We will reopen the bridge,{close} Varga said."
    q = only(text)
    assert q.text == "We will reopen the bridge"
    assert text[q.start : q.end] == q.text
    assert (q.version, q.speaker, q.partial) == ("v1", "Varga", False)


def test_offsets_leave_out_marks_and_final_full_stop():
    text = 'Mayor Tomas Brennan said: "Nobody wanted this."'
    q = only(text)
    assert text[q.start : q.end] == "Nobody wanted this"
    assert q.speaker_span is not None and text[slice(*q.speaker_span)] == "Tomas Brennan"


def test_quotation_of_several_sentences_is_one():
    q = only('"We found corrosion. We cannot let a car cross," Varga said.')
    assert q.text == "We found corrosion. We cannot let a car cross"


def test_quotation_continued_over_paragraphs():
    text = (
        'Helena Varga spoke on Tuesday. "The cables are gone. We closed the bridge.\n\n'
        '"Repairs will take months," she said.\n\nThe bridge opened in 1962.'
    )
    q = only(text)
    assert q.text == "The cables are gone. We closed the bridge. Repairs will take months"
    assert text[q.start :].startswith("The cables") and text[: q.end].endswith("take months")
    assert q.speaker == "Helena Varga"


def test_unclosed_quotation_is_dropped():
    assert extract_quotations('He said "this never closes.\n\nThe next paragraph is plain.') == []


def test_nested_single_quotes_stay_inside():
    for inner in ("\u2018", "'"):
        text = f'"He told me {inner}never again,{inner} and I believed him," Smith said.'
        q = only(text)
        assert "never again" in q.text and q.speaker == "Smith"


def test_apostrophes_are_not_marks():
    spans = find_marked_spans("The union\u2019s drivers don't know. \u201cWe\u2019re ready,\u201d she said.")
    assert len(spans) == 1


def test_single_marks_quote_in_texts_without_double_marks():
    q = only("'We won't stop,' said Rosa Lindqvist.")
    assert q.text == "We won't stop" and q.speaker == "Rosa Lindqvist"


def test_quotation_opening_a_line_reopens_a_running_quote():
    text = "\u201cFirst part of it.\n\u201cSecond part,\u201d Moore said. Then more text follows here."
    q = only(text)
    assert q.text == "First part of it. Second part"


# ---------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"The bridge is shut," Varga said.', "Varga"),
        ('"The bridge is shut," said Daniel Achebe, a nurse who crosses it daily.', "Daniel Achebe"),
        ('Varga said, "The bridge is shut."', "Varga"),
        ('Mayor Tomas Brennan said: "Nobody wanted this."', "Tomas Brennan"),
        ('"We were not told," Lindqvist told CNN.', "Lindqvist"),
        ('"We heard it on the radio," according to Rosa Lindqvist, a spokesperson for the union.',
         "Rosa Lindqvist"),
        ('According to Rosa Lindqvist, "We heard it on the radio."', "Rosa Lindqvist"),
        ('"The bridge is shut," Helena Varga, the city engineer, said.', "Helena Varga"),
        ('NATO Secretary-General Jens Stoltenberg said: "We stand together."', "Jens Stoltenberg"),
        ('City engineer Helena Varga said: "It is unsafe."', "Helena Varga"),
        ('"It is unsafe," Rep. Elijah E. Cummings (D-Md.) said in an interview.', "Elijah E. Cummings"),
        ('"It is unsafe," Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.', "Mitch McConnell"),
        ('"It is unsafe," wrote Cameron Easley for Morning Consult.', "Cameron Easley"),
        ("Trump attacked Clinton over Libya, saying, \"She's trigger-happy.\"", "Trump"),
        ('"It is unsafe." \u2015 Veronica Cruz', "Veronica Cruz"),
        ('"It is unsafe," a spokesman said.', "a spokesman"),
    ],
)
def test_attribution_patterns(text, speaker):
    assert speaker_of(text) == speaker


def test_surname_resolves_to_the_full_name_given_earlier():
    text = 'City engineer Helena Varga inspected the cables. "They are gone," Varga said.'
    assert speaker_of(text) == "Helena Varga"


def test_pronoun_resolves_to_the_latest_speaker():
    text = (
        'Mayor Tomas Brennan said ferries would run. Varga said repairs would take months. '
        '"If the parts arrive, we could reopen by spring," she said.'
    )
    q = only(text)
    assert q.speaker == "Varga"
    assert text[slice(*q.speaker_span)] == "she"


def test_pronoun_after_full_name_gives_full_name():
    text = 'Helena Varga said repairs would take months. "We could reopen by spring," she said.'
    assert speaker_of(text) == "Helena Varga"


def test_pronoun_resolves_to_the_subject_after_a_dateline():
    text = (
        "WASHINGTON \u2014 In her last hearing, Hillary Rodham Clinton defended her record.\n\n"
        '"I take responsibility," she said.'
    )
    assert speaker_of(text) == "Hillary Rodham Clinton"


def test_lower_case_title_before_the_name():
    assert speaker_of('"We could reopen by spring," said mayor Tomas Brennan.') == "Tomas Brennan"


def test_role_resolves_through_an_earlier_title():
    text = 'Mayor Tomas Brennan opened the meeting. "Nobody wanted this," the mayor said.'
    assert speaker_of(text) == "Tomas Brennan"


def test_quotation_broken_by_its_attribution_keeps_its_speaker():
    found = extract_quotations('"The bridge is shut," Varga said. "It will stay shut."')
    assert [q.speaker for q in found] == ["Varga", "Varga"]


def test_colon_sentence_introduces_the_next_paragraph():
    found = extract_quotations('Mayor Tomas Brennan told the council:\n\n"Nobody wanted this."')
    assert found[0].speaker == "Tomas Brennan"


def test_unattributed_quotation_has_no_speaker():
    assert only('The sign on the gate: nothing.\n\n"Bridge closed."').speaker is None


# ---------------------------------------------------------------- partial quotations


def test_partial_quotation_takes_the_clause_speaker():
    q = only('Mayor Tomas Brennan called the closure "a painful necessity" on Tuesday.')
    assert q.partial and q.text == "a painful necessity"
    assert q.speaker == "Tomas Brennan"


def test_partial_quotation_inside_indirect_speech():
    q = only('Varga said the cables were "far worse than predicted" by the last inspection.')
    assert q.partial and q.speaker == "Varga"


def test_scare_quotes_are_partial_and_force_no_speaker():
    found = extract_quotations('"We will win," Smith said. The so-called "reform" failed.')
    scare = found[-1]
    assert scare.partial and scare.text == "reform" and scare.speaker is None


def test_full_quotation_after_reporting_verb_is_not_partial():
    assert not only('He said "We will win."').partial


# ---------------------------------------------------------------- must not fire


@pytest.mark.parametrize(
    "text",
    [
        'The president would not use the word "genocide" in his speech.',
        'The phrase "fake news" spread quickly.',
        'He watched the film "Jaws" again.',
        'His book "Fire and Fury" sold well.',
        'They played a song called "Hey Jude" at the rally.',
        'The album "Born in the U.S.A." topped the charts.',
        '<tweet tweet-id="783499116076687360"></tweet>',
    ],
)
def test_words_titles_and_markup_are_not_quotations(text):
    assert extract_quotations(text) == []


def test_title_cue_does_not_swallow_a_real_partial_quote():
    q = only('The mayor called it "a disgrace that should never have happened".')
    assert q.partial


def test_nested_quote_is_not_credited_separately():
    text = "\u201cThey called it \u2018a miracle,\u2019 but it failed,\u201d Dr. Oz said."
    found = extract_quotations(text)
    assert len(found) == 1 and found[0].speaker == "Oz"


def test_empty_and_plain_texts():
    assert extract_quotations("") == []
    assert extract_quotations("No quotation here. None at all.") == []
