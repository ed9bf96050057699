"""Sentence segmentation of news text: passages with exact code-point offsets."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from storydiff.ingest.sentences import Segment, segment


def passages(text: str) -> list[str]:
    """The text of each segment, in order."""
    return [text[s.start : s.end] for s in segment(text)]


def paragraphs(text: str) -> list[int]:
    return [s.paragraph for s in segment(text)]


# --- basics -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n", "\n\n\n", " \t\n \n"])
def test_empty_or_blank_text_has_no_segments(text):
    assert segment(text) == []


def test_single_word():
    assert segment("Hello") == [Segment(0, 5, 0)]


def test_text_without_punctuation_is_one_segment():
    text = "officials met on tuesday and nothing happened"
    assert segment(text) == [Segment(0, len(text), 0)]


def test_segment_is_a_named_tuple_with_offsets_and_paragraph():
    first = segment("One. Two.")[1]
    assert (first.start, first.end, first.paragraph) == (5, 9, 0)


def test_two_simple_sentences():
    assert segment("It rained. We stayed in.") == [Segment(0, 10, 0), Segment(11, 24, 0)]


@pytest.mark.parametrize("mark", ["!", "?", "…", "...", "?!", "!!"])
def test_each_terminal_mark_ends_a_sentence(mark):
    assert passages(f"Stop{mark} Then go.") == [f"Stop{mark}", "Then go."]


def test_leading_and_trailing_whitespace_is_excluded():
    text = "  \n\n  First one.   Second one.  \n\n "
    assert segment(text) == [Segment(6, 16, 0), Segment(19, 30, 0)]


def test_runs_of_spaces_between_sentences_belong_to_no_segment():
    assert passages("One.\t \u00a0 Two.") == ["One.", "Two."]


def test_last_sentence_without_final_punctuation_is_kept():
    assert passages("It ended. And then") == ["It ended.", "And then"]


# --- what may follow a terminal mark ----------------------------------------------------------


def test_lowercase_after_full_stop_does_not_split():
    assert passages("The ratio fell to 3 vs. 2 in the end. it was odd.") == [
        "The ratio fell to 3 vs. 2 in the end. it was odd."
    ]


@pytest.mark.parametrize(
    "start",
    ["2024 was hard.", '"Why not?"', "“Why not?”", "‘Why not?’", "(Why not?)", "[Why not?]",
     "— and then?", "– and then?", "- and then?", "«Pourquoi?»", "$5 was paid."],
)
def test_plausible_sentence_starts(start):
    assert passages(f"It ended. {start}") == ["It ended.", start]


def test_full_stop_without_following_space_does_not_split():
    assert passages("See example.com.The end.") == ["See example.com.The end."]


def test_accented_capital_starts_a_sentence():
    text = "Il a dit non. Élysée a confirmé."
    assert passages(text) == ["Il a dit non.", "Élysée a confirmé."]


def test_caseless_script_counts_as_a_capital():
    assert passages("He wrote it. 東京 is big.") == ["He wrote it.", "東京 is big."]


def test_emoji_after_exclamation_stays_with_the_sentence():
    assert passages("What a day! 🎉 indeed.") == ["What a day! 🎉 indeed."]


# --- quotes and brackets ----------------------------------------------------------------------


def test_closing_straight_quote_belongs_to_the_sentence_it_closes():
    assert passages('He said, "We will win." Then he left.') == [
        'He said, "We will win."',
        "Then he left.",
    ]


def test_closing_curly_quote_belongs_to_the_sentence_it_closes():
    assert passages("He said, “We will win.” Then he left.") == [
        "He said, “We will win.”",
        "Then he left.",
    ]


def test_single_quotes_close_like_double_quotes():
    assert passages("He said, 'We will win.' Then he left.") == [
        "He said, 'We will win.'",
        "Then he left.",
    ]
    assert passages("He said, ‘We will win.’ Then he left.") == [
        "He said, ‘We will win.’",
        "Then he left.",
    ]


def test_guillemets_close_the_sentence():
    assert passages("Il a dit : « Nous gagnerons. » Puis il est parti.") == [
        "Il a dit : « Nous gagnerons. » Puis il est parti."
    ]
    assert passages("Il a dit «Nous gagnerons.» Puis il est parti.") == [
        "Il a dit «Nous gagnerons.»",
        "Puis il est parti.",
    ]


def test_nested_quotes_close_together():
    text = "She said, “He told me ‘no.’” Then she left."
    assert passages(text) == ["She said, “He told me ‘no.’”", "Then she left."]


def test_nested_inner_quote_closing_mid_sentence():
    text = "“He told me, ‘We will win.’ Then he left,” she said."
    assert passages(text) == ["“He told me, ‘We will win.’", "Then he left,” she said."]


def test_comma_before_closing_quote_does_not_end_the_sentence():
    assert passages('"We will win," he said.') == ['"We will win," he said.']
    assert passages("“We will win,” he said. Then he left.") == [
        "“We will win,” he said.",
        "Then he left.",
    ]


@pytest.mark.parametrize(
    "quote", ['"Is it over?"', "“Is it over?”", "“Not again!”", "'Really?'"]
)
def test_quoted_question_with_lowercase_attribution_is_one_sentence(quote):
    assert passages(f"{quote} she asked.") == [f"{quote} she asked."]


@pytest.mark.parametrize(
    "attribution", ["Smith asked.", "John Smith asked.", "The senator asked.", "I said."]
)
def test_quoted_question_with_capitalised_attribution_is_one_sentence(attribution):
    text = f"“Is it over?” {attribution} Nobody answered."
    assert passages(text) == [f"“Is it over?” {attribution}", "Nobody answered."]


def test_quoted_question_followed_by_a_new_sentence_splits():
    text = "“Is it over?” The crowd fell silent. Nobody moved."
    assert passages(text) == ["“Is it over?”", "The crowd fell silent.", "Nobody moved."]


def test_quoted_full_stop_with_capitalised_name_splits():
    # A full stop inside the quote is the writer saying the sentence ended.
    assert passages("“We will win.” Smith said so.") == ["“We will win.”", "Smith said so."]


def test_quoted_question_answered_by_a_quote_splits():
    text = "“Is it over?” “No,” he said."
    assert passages(text) == ["“Is it over?”", "“No,” he said."]


def test_quoted_question_with_distant_verb_splits():
    text = "“Is it over?” The long and bitter campaign had asked much."
    assert passages(text) == ["“Is it over?”", "The long and bitter campaign had asked much."]


def test_question_in_brackets_is_not_a_quotation():
    assert passages("He won (who knew?) Smith said. Then.") == [
        "He won (who knew?)",
        "Smith said.",
        "Then.",
    ]


def test_quote_spanning_sentences_is_not_merged():
    assert passages('"First. Second," she said.') == ['"First.', 'Second," she said.']


def test_opening_quote_of_next_sentence_is_not_taken():
    assert passages('He said "no." "Yes," she said.') == ['He said "no."', '"Yes," she said.']


def test_closing_bracket_belongs_to_the_sentence():
    assert passages("(He declined to comment.) The talks went on.") == [
        "(He declined to comment.)",
        "The talks went on.",
    ]


def test_full_stop_after_bracket():
    assert passages("It grew (by 3%). Then it fell.") == ["It grew (by 3%).", "Then it fell."]


# --- abbreviations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    "Mr. Mrs. Ms. Dr. Prof. Sen. Rep. Gov. Gen. Col. Lt. Sgt. Capt. Rev. St. Jr. Sr. Mt. Ft."
    .split(),
)
def test_titles_never_end_a_sentence(title):
    text = f"It was {title} The Smith again. Next one."
    assert passages(text) == [f"It was {title} The Smith again.", "Next one."]


def test_titles_before_names():
    text = "Mr. Smith met Dr. Jones and Sen. Warren at St. Paul's. They talked."
    assert passages(text) == [
        "Mr. Smith met Dr. Jones and Sen. Warren at St. Paul's.",
        "They talked.",
    ]


def test_title_inside_opening_bracket():
    assert passages("The bill (Rep. Lee) passed.") == ["The bill (Rep. Lee) passed."]


def test_lowercase_title_lookalike_is_an_ordinary_word():
    assert passages("The wall is 10 ft. The roof is higher.") == [
        "The wall is 10 ft.",
        "The roof is higher.",
    ]


@pytest.mark.parametrize(
    "abbr", ["U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "a.m.", "p.m.", "Inc.", "Corp.", "Ltd.",
             "Co.", "etc.", "e.g.", "i.e.", "vs.", "approx.", "est.", "Jan.", "Feb.", "Aug.",
             "Sept.", "Oct.", "Nov.", "Dec."]
)
def test_abbreviation_before_a_name_does_not_split(abbr):
    text = f"It was {abbr} Smith who spoke."
    assert passages(text) == [text]


@pytest.mark.parametrize("abbr", ["U.S.", "a.m.", "p.m.", "Inc.", "etc.", "Corp.", "D.C."])
@pytest.mark.parametrize("starter", ["The", "He", "It", "They", "But", "In", "This", "I"])
def test_abbreviation_before_a_common_starter_splits(abbr, starter):
    text = f"It happened in {abbr} {starter} left."
    assert passages(text) == [f"It happened in {abbr}", f"{starter} left."]


def test_us_the_next_day_splits():
    text = "He lived in the U.S. The next day he left."
    assert passages(text) == ["He lived in the U.S.", "The next day he left."]


def test_us_officials_does_not_split():
    assert passages("U.S. officials met U.K. Prime Minister Sunak.") == [
        "U.S. officials met U.K. Prime Minister Sunak."
    ]


def test_starter_that_is_itself_an_initial_does_not_split():
    assert passages("Written by J. R. R. Tolkien and the U.S. A. Smith firm.") == [
        "Written by J. R. R. Tolkien and the U.S. A. Smith firm."
    ]


def test_abbreviation_before_opening_quote_and_starter_splits():
    assert passages("Sales fell at Acme Inc. “The year was hard,” he said.") == [
        "Sales fell at Acme Inc.",
        "“The year was hard,” he said.",
    ]


def test_abbreviation_at_end_of_paragraph_ends_it():
    text = "He moved to the U.S.\n\nShe stayed."
    assert passages(text) == ["He moved to the U.S.", "She stayed."]


def test_times_with_am_pm():
    text = "The vote was at 10.30 a.m. Tuesday and ended at 5 p.m. The count began."
    assert passages(text) == [
        "The vote was at 10.30 a.m. Tuesday and ended at 5 p.m.",
        "The count began.",
    ]


def test_months_before_dates():
    text = "On Sept. 11 and Jan. 6 things changed. Oct. 3 was calm."
    assert passages(text) == ["On Sept. 11 and Jan. 6 things changed.", "Oct. 3 was calm."]


def test_number_sign_abbreviation():
    text = "He lives at No. 10 Downing St. with staff. She said no. Then she left."
    assert passages(text) == [
        "He lives at No. 10 Downing St. with staff.",
        "She said no.",
        "Then she left.",
    ]


def test_single_letter_initials():
    assert passages("John F. Kennedy spoke. J.R.R. Tolkien wrote.") == [
        "John F. Kennedy spoke.",
        "J.R.R. Tolkien wrote.",
    ]


def test_single_letter_initial_never_ends_even_before_a_starter():
    assert passages("It was George W. The Younger.") == ["It was George W. The Younger."]


def test_spaced_initials():
    text = "E. B. White wrote it. He was right."
    assert passages(text) == ["E. B. White wrote it.", "He was right."]


def test_ordinary_word_before_full_stop_splits():
    assert passages("He came from Inca. The rest is history.") == [
        "He came from Inca.",
        "The rest is history.",
    ]


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Revenue hit $3.5 billion in the quarter.",
        "Inflation rose 2.4% last month.",
        "A pint costs £1.20 in town.",
        "Pi is roughly 3.14 they say.",
        "Version 2.10.3 fixed it.",
        "The train leaves at 10.30 tonight.",
        "The index closed at 1,234.56 points.",
    ],
)
def test_decimals_money_versions_and_times_never_split(text):
    assert passages(text) == [text]


def test_number_at_sentence_end_splits():
    assert passages("The score was 10. Then it rained.") == ["The score was 10.", "Then it rained."]


def test_sentence_may_start_with_a_digit():
    assert passages("It ended. 2024 was hard.") == ["It ended.", "2024 was hard."]


def test_numbered_list_marker_is_not_a_sentence():
    assert passages("1. Taxes rise. 2. Spending falls.") == ["1. Taxes rise.", "2. Spending falls."]


# --- ellipses and dashes ----------------------------------------------------------------------


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_ellipsis_followed_by_lowercase_does_not_split(ellipsis):
    text = f"He paused{ellipsis} and then spoke. Done."
    assert passages(text) == [f"He paused{ellipsis} and then spoke.", "Done."]


@pytest.mark.parametrize("ellipsis", ["...", "…"])
def test_ellipsis_followed_by_capital_splits(ellipsis):
    text = f"He waited{ellipsis} Then he spoke."
    assert passages(text) == [f"He waited{ellipsis}", "Then he spoke."]


def test_detached_ellipsis_in_a_quote():
    assert passages("“We will … win,” he said.") == ["“We will … win,” he said."]


@pytest.mark.parametrize("dash", ["—", "–", "-", " — ", " – ", "--"])
def test_dashes_do_not_split(dash):
    text = f"The vote{dash}a surprise{dash}passed. Then came the count."
    assert passages(text) == [f"The vote{dash}a surprise{dash}passed.", "Then came the count."]


# --- headlines, bylines, datelines, paragraphs ------------------------------------------------


def test_blank_lines_separate_paragraphs_and_headlines():
    text = (
        "Bank raises rates\n\nBy Jane Doe\n\n"
        "LONDON (Reuters) - The bank raised rates. Markets fell.\n"
    )
    assert passages(text) == [
        "Bank raises rates",
        "By Jane Doe",
        "LONDON (Reuters) - The bank raised rates.",
        "Markets fell.",
    ]
    assert paragraphs(text) == [0, 1, 2, 2]


def test_dateline_and_byline_on_the_first_line_join_the_first_sentence():
    text = "By Jane Doe LONDON (Reuters) - The bank raised rates. Markets fell."
    assert passages(text) == [
        "By Jane Doe LONDON (Reuters) - The bank raised rates.",
        "Markets fell.",
    ]


def test_dateline_with_abbreviated_place():
    text = "WASHINGTON, D.C. (AP) — The Senate voted. It passed."
    assert passages(text) == ["WASHINGTON, D.C. (AP) — The Senate voted.", "It passed."]


def test_dateline_with_month():
    text = "NEW YORK, Oct. 3 (Reuters) - Stocks rose."
    assert passages(text) == [text]


def test_without_blank_lines_every_line_is_a_paragraph():
    text = "Bank raises rates\nBy Jane Doe\nLONDON (Reuters) - Rates rose. Markets fell.\n"
    assert passages(text) == [
        "Bank raises rates",
        "By Jane Doe",
        "LONDON (Reuters) - Rates rose.",
        "Markets fell.",
    ]
    assert paragraphs(text) == [0, 1, 2, 2]


def test_list_items_without_punctuation_are_separate_passages():
    text = "Key points\n- rates up\n- jobs down\n• prices flat"
    assert passages(text) == ["Key points", "- rates up", "- jobs down", "• prices flat"]
    assert paragraphs(text) == [0, 1, 2, 3]


def test_single_newline_in_blank_line_text_is_wrapping():
    text = "Title\n\nThe bank raised\nrates on Tuesday. It was\nexpected.\n\nEnd"
    assert passages(text) == [
        "Title",
        "The bank raised\nrates on Tuesday.",
        "It was\nexpected.",
        "End",
    ]
    assert paragraphs(text) == [0, 1, 1, 2]


def test_newline_after_final_punctuation_is_a_boundary_in_wrapped_text():
    text = "Intro.\n\nRates rose.\nMarkets fell.\nGov.\nSmith spoke."
    assert passages(text) == ["Intro.", "Rates rose.", "Markets fell.", "Gov.\nSmith spoke."]
    assert paragraphs(text) == [0, 1, 1, 1]


def test_newline_after_quoted_question_then_lowercase_continues():
    text = "Intro\n\n“Is it over?”\nshe asked."
    assert passages(text) == ["Intro", "“Is it over?”\nshe asked."]


def test_blank_line_may_contain_spaces():
    assert paragraphs("One\n  \t\nTwo\nthree") == [0, 1]
    assert passages("One\n  \t\nTwo\nthree") == ["One", "Two\nthree"]


def test_many_blank_lines_count_as_one_break():
    assert paragraphs("One\n\n\n\nTwo") == [0, 1]


def test_leading_blank_lines_do_not_switch_to_blank_line_mode():
    text = "\n\nHeadline\nFirst line.\n\n"
    assert passages(text) == ["Headline", "First line."]
    assert paragraphs(text) == [0, 1]


def test_paragraph_numbers_count_only_non_empty_paragraphs():
    text = "Go.\n\n \n\nRun. Hide.\n\nWait"
    assert [(s.paragraph, text[s.start : s.end]) for s in segment(text)] == [
        (0, "Go."), (1, "Run."), (1, "Hide."), (2, "Wait"),
    ]


def test_headline_with_question_mark():
    assert passages("Is the Fed done? Markets think so\n\nBody.") == [
        "Is the Fed done?",
        "Markets think so",
        "Body.",
    ]


# --- news layout: datelines, state abbreviations, transcript turns, page lines ---------------


@pytest.mark.parametrize(
    "dateline",
    ["SPRINGFIELD, Ill. (AP) —", "WELLINGTON, Jan 19 (Reuters) -", "WASHINGTON (AP) —",
     "SAN FRANCISCO—", "LOS ANGELES, Calif. —", "ALBANY, N.Y. (AP) —", "TAMPA, Fla. (AP) -",
     "PHOENIX, Ariz. –", "HARRISBURG, Pa. (AP) —", "NEW YORK, Sept. 3 (Reuters) -"],
)
def test_dateline_is_one_sentence_with_its_lead(dateline):
    sep = "" if dateline.endswith("—") and " " not in dateline[-2:] else " "
    lead = f"{dateline}{sep}The governor signed the bill on Tuesday."
    assert passages(f"{lead} It takes effect in May.") == [lead, "It takes effect in May."]


@pytest.mark.parametrize(
    "state", ["Ill.", "Calif.", "Mass.", "Fla.", "Wash.", "Ariz.", "Pa.", "Va.", "Tenn.", "Wis."]
)
def test_state_abbreviation_followed_by_its_sentence_does_not_split(state):
    text = f"She grew up in Springfield, {state} and moved away at 18."
    assert passages(text) == [text]
    text = f"The plant in Dayton, {state} Smith Industries owns closed."
    assert passages(text) == [text]


def test_state_abbreviation_before_a_new_sentence_splits():
    assert passages("She lives in Springfield, Ill. The governor lives there too.") == [
        "She lives in Springfield, Ill.",
        "The governor lives there too.",
    ]


def test_lowercase_state_lookalike_is_an_ordinary_word():
    assert passages("He was ill. Smith took over.") == ["He was ill.", "Smith took over."]


@pytest.mark.parametrize("month", ["Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."])
def test_month_abbreviation_before_a_day_does_not_split(month):
    text = f"The vote is on {month} 14 and the count follows."
    assert passages(text) == [text]


@pytest.mark.parametrize("abbr", ["U.S.", "U.K.", "U.N."])
def test_country_abbreviation_mid_sentence_does_not_split(abbr):
    text = f"The {abbr} Senate and {abbr} officials met {abbr} Ambassador Lee on Monday."
    assert passages(text) == [text]


def test_transcript_turns_start_passages_and_paragraphs():
    text = (
        "Transcript of the interview.\n\n"
        "HOST: Welcome back to the programme\n"
        "JACINDA ARDERN: Thank you for having me\n"
        "MINISTER: It is good to be here. We have news."
    )
    assert passages(text) == [
        "Transcript of the interview.",
        "HOST: Welcome back to the programme",
        "JACINDA ARDERN: Thank you for having me",
        "MINISTER: It is good to be here.",
        "We have news.",
    ]
    assert paragraphs(text) == [0, 1, 2, 3, 3]


def test_a_mixed_case_label_is_not_a_transcript_turn():
    text = "Intro.\n\nThe rule was simple\nNote: nobody followed it"
    assert passages(text) == ["Intro.", "The rule was simple\nNote: nobody followed it"]


def test_a_date_stamp_opening_a_paragraph_is_its_own_passage():
    text = " date 2023-01-19 WELLINGTON - The prime minister quit. She left.\n\nMore."
    assert passages(text) == [
        "date 2023-01-19", "WELLINGTON - The prime minister quit.", "She left.", "More.",
    ]


def test_an_iso_date_inside_a_sentence_does_not_split():
    text = "The filing dated 2023-01-19 was late."
    assert passages(text) == [text]


def test_the_line_after_a_photo_credit_starts_a_new_passage():
    text = (
        "Headline\n\nThe minister speaks in Sydney, July 8, 2022. REUTERS/Jane Doe/File Photo\n"
        "The minister said on Thursday she would resign.\n\nEnd."
    )
    assert passages(text)[1:4] == [
        "The minister speaks in Sydney, July 8, 2022.",
        "REUTERS/Jane Doe/File Photo",
        "The minister said on Thursday she would resign.",
    ]


def test_a_line_of_page_chrome_stands_alone():
    text = "Headline\n\nClick to play video: 'The minister resigns'\nThe minister resigns\n\nEnd."
    assert passages(text) == [
        "Headline", "Click to play video: 'The minister resigns'", "The minister resigns", "End.",
    ]


def test_a_wrapped_sentence_ending_in_a_chrome_word_is_not_cut():
    text = "Intro.\n\nThe minister announced it on\nTwitter.\nThen she left.\n\nEnd."
    assert passages(text) == [
        "Intro.", "The minister announced it on\nTwitter.", "Then she left.", "End.",
    ]


def test_quoted_exclamation_with_tweeted_attribution_is_one_sentence():
    text = "“We need long tweets!” Musk tweeted on April 15. Nobody replied."
    assert passages(text) == ["“We need long tweets!” Musk tweeted on April 15.", "Nobody replied."]


# --- exact offsets with non-ASCII text --------------------------------------------------------


def test_emoji_and_accents_have_code_point_offsets():
    text = "Café ☕ opens. Zoë 👩‍👩‍👧 cheers! Fin."
    got = segment(text)
    # The family emoji is five code points: three people joined by two zero-width joiners.
    assert got == [Segment(0, 13, 0), Segment(14, 31, 0), Segment(32, 36, 0)]
    assert [text[s.start : s.end] for s in got] == [
        "Café ☕ opens.",
        "Zoë 👩‍👩‍👧 cheers!",
        "Fin.",
    ]


def test_emoji_and_accents_across_paragraphs():
    text = "🙂 Ça va.\n\n“Très bien.” Merci ❤️!"
    assert segment(text) == [Segment(0, 8, 0), Segment(10, 22, 1), Segment(23, 32, 1)]


def test_decomposed_accent_offsets():
    text = "Cafe\u0301 closed. It reopened."
    assert segment(text) == [Segment(0, 13, 0), Segment(14, 26, 0)]


# --- properties -------------------------------------------------------------------------------

_NEWSY_PIECES = [
    "The", "he", "said", "Mr.", "Dr.", "U.S.", "a.m.", "Inc.", "J.R.R.", "F.", "No.", "10",
    "$3.5", "2.4%", "Élysée", "café", "👩‍👩‍👧", "🎉", "東京", ".", "!", "?", "...", "…", ",",
    "\"", "'", "“", "”", "‘", "’", "«", "»", "(", ")", "—", "-", " ", " ", " ", "\n", "\n\n",
    "\t", "\u00a0", "\u2029",
]
_newsy_text = st.lists(st.sampled_from(_NEWSY_PIECES), max_size=60).map("".join)


def check_cover(text: str, segments: list[Segment]) -> None:
    """Segments are ordered, stripped, non-empty and cover every non-space character once."""
    covered = [False] * len(text)
    previous_end, previous_paragraph = 0, -1
    for s in segments:
        assert previous_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
        assert s.paragraph in (previous_paragraph, previous_paragraph + 1)
        previous_end, previous_paragraph = s.end, s.paragraph
        covered[s.start : s.end] = [True] * (s.end - s.start)
    outside = "".join(ch for ch, inside in zip(text, covered) if not inside)
    assert outside.strip() == ""
    assert "".join(text[s.start : s.end] for s in segments) == "".join(
        ch for ch, inside in zip(text, covered) if inside or not ch.isspace()
    )


@settings(max_examples=400)
@given(st.text())
@example("")
@example("\n\n")
@example("a.\u2029B")
def test_segments_cover_arbitrary_text(text):
    check_cover(text, segment(text))


@settings(max_examples=400)
@given(_newsy_text)
@example('He said, "We will win." Then he left.')
@example("U.S. The\n\n“Is it over?” she asked.\nMr. Smith")
def test_segments_cover_newsy_text(text):
    got = segment(text)
    check_cover(text, got)
    assert segment(text) == got


_one_paragraph = st.lists(
    st.sampled_from([p for p in _NEWSY_PIECES if p not in ("\n\n", "\u2029")]), max_size=30
).map("".join)


@given(_one_paragraph)
def test_a_paragraph_splits_the_same_whatever_surrounds_it(body):
    assume(body.strip() and not re.search(r"\n\s*\n", body))
    text = f"Head line.\n\n{body}\n\nTail line."
    assert passages(text)[1:-1] == passages(f"{body}\n\nx")[:-1]


# --- speed ------------------------------------------------------------------------------------


def test_ten_thousand_sentences_in_well_under_a_second():
    sentence = (
        'Mr. Smith said, "The U.S. economy grew 2.4% to $3.5 trillion." Then he left at 5 p.m. '
        "The vote was close. Did it work? “Is it over?” she asked… and waited. "
    )
    text = sentence * 2000  # 10,000 sentences
    began = time.perf_counter()
    got = segment(text)
    elapsed = time.perf_counter() - began
    assert len(got) == 10_000
    assert elapsed < 0.5


def test_pathological_runs_stay_fast():
    text = "." * 50_000 + " " + "a." * 50_000 + " " + "?" * 50_000
    began = time.perf_counter()
    check_cover(text, segment(text))
    assert time.perf_counter() - began < 1.0


def test_a_line_opening_in_lower_case_carries_on_the_sentence_above():
    # A web story's slides, one line each, breaking one sentence over lines.
    text = (
        "Council agrees to sell the tram depot\n"
        "The council agreed on Monday to sell the old depot\n"
        "promising that a third of the new flats will be cheap\n"
        "Work starts next spring."
    )
    assert passages(text) == [
        "Council agrees to sell the tram depot",
        "The council agreed on Monday to sell the old depot\npromising that a third of the new flats will be cheap",
        "Work starts next spring.",
    ]


def test_a_lower_case_line_after_a_finished_sentence_stands_alone():
    text = "The depot was sold.\nsee also: trams\nWork starts next spring."
    assert passages(text) == ["The depot was sold.", "see also: trams", "Work starts next spring."]
