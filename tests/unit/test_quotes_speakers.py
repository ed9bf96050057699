"""Speakers from context, transcripts, factboxes and headlines; marks missing on one side."""

from __future__ import annotations

from storydiff.quotes import Quotation, extract_quotations
from storydiff.quotes import status as st
from storydiff.quotes.extract import analyse
from storydiff.quotes.matching import Member
from storydiff.quotes.names import title_case


def quotes(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotations(text)]


def test_said_in_a_statement_gives_the_speaker():
    after = '"The bridge stays shut," Helena Varga said in a statement on Monday.'
    before = 'In a statement, Helena Varga said: "The bridge stays shut."'
    assert quotes(after) == [("The bridge stays shut", "Helena Varga")]
    assert quotes(before) == [("The bridge stays shut", "Helena Varga")]


def test_the_preceding_sentence_names_the_speaker():
    text = 'Helena Varga said on Tuesday she would resign.\n\n"It is time for someone else to lead."'
    assert quotes(text) == [("It is time for someone else to lead", "Helena Varga")]


def test_a_following_short_attribution_names_the_speaker():
    text = 'Mayor Tomas Brennan spoke first.\n\n"We will rebuild it," Rosa Lindqvist added.'
    assert quotes(text)[0][1] == "Rosa Lindqvist"


def test_a_pronoun_resolves_to_the_named_speaker_not_a_dateline_or_participle():
    text = (
        "SPRINGFIELD, May 2 (Wire) - City engineer Helena Varga will close the bridge, she said.\n\n"
        'Fighting back tears she said the cables had rusted. "It is not safe," she said.'
    )
    assert [s for _, s in quotes(text)] == ["Helena Varga"]


def test_a_pronoun_after_a_subordinate_clause_skips_its_verb():
    text = (
        "Daniel Achebe wrote to the council in May. Before the council confirmed the closure, "
        'Achebe visited the site. "It has to close," he said.'
    )
    assert quotes(text) == [("It has to close", "Daniel Achebe")]


def test_transcript_turns_are_quotations_of_their_speakers():
    text = (
        "HOST: Good evening and welcome to the programme.\n\n"
        "HELENA VARGA: Thank you for having me tonight.\n\n"
        "(SOUNDBITE) (English) CITY ENGINEER HELENA VARGA, SAYING:\n\n"
        "We will close it for repairs until the spring.\n\n"
        "STORY: The bridge closed on Monday."
    )
    assert quotes(text) == [
        ("Good evening and welcome to the programme", "Host"),
        ("Thank you for having me tonight", "Helena Varga"),
        ("We will close it for repairs until the spring", "Helena Varga"),
    ]


def test_a_headline_name_label_credits_a_single_quoted_quotation():
    text = 'Varga: \'The bridge will not reopen\'\n\nCity engineer Helena Varga spoke to "reporters" on Monday.'
    found = extract_quotations(text)
    assert (found[0].text, found[0].speaker) == ("The bridge will not reopen", "Varga")
    minister = extract_quotations("Minister: 'We acted too late'\n\nThe \"plan\" failed.")[0]
    assert (minister.text, minister.speaker) == ("We acted too late", "Minister")


def test_a_factbox_label_line_credits_the_quotation_below_it():
    text = (
        "Reactions to the closure:\n\n"
        "TOMAS BRENNAN, MAYOR OF SPRINGFIELD\n\n"
        '"We are grateful to the crews. They kept us safe."\n\n'
        "COUNCIL LEADER ROSA LINDQVIST\n\n"
        '"Nobody wanted this." DANIEL ACHEBE, HEAD OF THE NURSES\' UNION\n\n'
        '"The hospital will cope."'
    )
    assert [s for _, s in quotes(text)] == ["Tomas Brennan", "Rosa Lindqvist", "Daniel Achebe"]


def test_a_section_word_before_a_colon_is_no_speaker():
    text = 'STORY: "We have run out of time."\n\nIt was a hard day for Helena Varga, the city engineer.'
    assert quotes(text) == [("We have run out of time", "Helena Varga")]


def test_a_quotation_cut_off_at_the_end_of_the_text_is_kept():
    text = 'Helena Varga spoke to reporters.\n\n"The bridge is closed. We will rebuild it in the spr'
    assert quotes(text) == [("The bridge is closed. We will rebuild it in the spr", "Helena Varga")]


def test_a_quotation_paragraph_without_its_closing_mark_stops_at_the_paragraph():
    text = (
        "The statement quoted Varga:\n\n"
        '"The bridge is closed and will stay closed.\n\n'
        "Traffic was diverted through the town centre."
    )
    assert quotes(text) == [("The bridge is closed and will stay closed", "Varga")]


def test_a_quotation_without_its_opening_mark_starts_with_its_paragraph():
    text = 'Helena Varga spoke on Monday.\n\nThe bridge will stay closed," she said. Traffic was diverted.'
    assert quotes(text) == [("The bridge will stay closed", "Helena Varga")]


def test_a_single_quoted_title_line_is_not_a_quotation():
    found = extract_quotations("'Bridges of the North'\n\nA \"book\" by Helena Varga.")
    assert [q.text for q in found] == ["book"]


def test_title_case_of_names_in_capitals():
    assert title_case("NGAREWA-PACKER") == "Ngarewa-Packer"
    assert title_case("O'BRIEN") == "O'Brien"
    assert title_case("ZEALAND'S") == "Zealand's"
    assert title_case("Varga") == "Varga"


def analysed_speakers(text: str) -> list[str]:
    return list(analyse(text).sentence_speakers.values())


def test_a_time_phrase_before_the_verb_is_not_part_of_the_speaker():
    text = 'City engineer Helena Varga on Thursday said the bridge "will stay shut" until spring.'
    assert quotes(text) == [("will stay shut", "Helena Varga")]


def test_indirect_speech_around_a_partial_quotation_has_its_speaker():
    text = (
        "Mayor Tomas Brennan on Monday made a surprise announcement that he had "
        '"nothing left to give" and would resign by March.'
    )
    assert analysed_speakers(text) == ["Tomas Brennan"]


def test_a_framing_verb_without_quotation_marks_names_the_speaker():
    text = "Helena Varga spoke on Monday. She described the repairs as a burden but admitted they were needed."
    assert analysed_speakers(text) == ["Helena Varga"]


def test_a_reporting_verb_wins_over_a_statement_issued_in_the_same_clause():
    text = (
        "Aide Rosa Lindqvist issued a statement shortly after Tomas Brennan told voters that the plan "
        'was "a fraud from start to finish."'
    )
    assert quotes(text) == [("a fraud from start to finish", "Tomas Brennan")]


def test_a_noun_of_saying_is_no_verb_outside_a_quotation():
    text = "Daniel Achebe joined the firm in May. The social media brand has grown since then."
    assert analysed_speakers(text) == []


def test_an_age_after_a_relative_clause_stands_for_the_person_just_named():
    text = (
        "City engineer Helena Varga will retire in May.\n\n"
        "The 58-year-old who led the city through floods, a fire and its worst storm said she had "
        '"nothing left to give". "It is time," she said.'
    )
    assert [s for _, s in quotes(text)] == ["Helena Varga", "Helena Varga"]


def test_a_relative_clause_is_passed_over_only_for_a_subject_that_is_no_person():
    text = (
        "Shifting tides could flood the homes of people who live by the sea, Mayor Tomas Brennan said.\n\n"
        '"We have to act," he said.'
    )
    assert quotes(text) == [("We have to act", "Tomas Brennan")]


def test_a_description_opening_a_sentence_never_misattributes():
    for said in ("The 58-year-old", "A spokesman for the city"):
        member = Member("v1", (Quotation("v1", 0, 5, "We act", said, None, False),), 0)
        assert not st.misattributed(member, "Helena Varga")


def test_script_and_page_labels_never_become_speakers():
    words = '"We will rebuild the bridge before the winter comes."'
    for label in ("STORY:", "Story:", "BREAKING NEWS:", "Read more:", "EDITOR'S NOTE:"):
        for gap in (" ", "\n\n"):
            text = f"Harbour bridge closes\n\n{label}{gap}{words}\n\nThe bridge closed on Monday."
            assert [s for _, s in quotes(text)] == [None], (label, gap)


def test_a_label_line_naming_a_known_person_still_gives_the_speaker():
    text = 'City engineer Helena Varga spoke on Monday.\n\nVARGA:\n\n"We will rebuild the bridge."'
    assert quotes(text) == [("We will rebuild the bridge", "Helena Varga")]
