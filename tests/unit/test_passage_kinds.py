"""Passage kinds: headlines, bylines, datelines, captions and page furniture told from body text."""

from __future__ import annotations

import hashlib

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydiff.core.model import PassageKind, Row, Version
from storydiff.engine import assemble, split_passages
from storydiff.ingest.passage_kinds import classify
from storydiff.ingest.sentences import segment
from storydiff.report.json_export import comparison_to_dict, load_schema

LEAD = "The city council approved the budget on Tuesday after a long debate."
SECOND = "Critics said the plan would raise taxes for most residents."


def kinds_of(text: str) -> dict[str, str]:
    """Each passage's text -> its kind (texts in these tests are unique)."""
    segments = segment(text)
    return {text[s.start : s.end]: str(k) for s, k in zip(segments, classify(text, segments))}


def kind_in(text: str, passage: str) -> str:
    return kinds_of(text)[passage]


# --- each kind on hand-written pages -----------------------------------------------------------


@pytest.mark.parametrize(
    "headline", ["Council approves budget", "Will taxes rise next year?", "Mayor: 'We had no choice'"]
)
def test_first_short_line_without_full_stop_is_a_headline(headline):
    text = f"{headline}\n\n{LEAD} {SECOND}"
    assert kinds_of(text) == {headline: "headline", LEAD: "body", SECOND: "body"}


def test_headline_and_standfirst_but_not_a_run_of_broken_lines():
    text = f"Council approves budget\nTaxes will rise for most residents\n{LEAD}"
    assert list(kinds_of(text).values()) == ["headline", "headline", "body"]
    slides = "Council approves budget\nThe council met on Tuesday\nafter a long debate\nIt voted yes."
    assert list(kinds_of(slides).values()) == ["headline", "body", "body"]  # the broken sentence is one passage


def test_a_lone_sentence_is_not_a_headline():
    assert kinds_of("Council approves budget") == {"Council approves budget": "body"}


def test_title_case_subhead_in_the_body_is_a_headline():
    text = f"{LEAD}\n\nReaction From the Opposition\n\n{SECOND}"
    assert kind_in(text, "Reaction From the Opposition") == "headline"


@pytest.mark.parametrize(
    "byline",
    ["By Jane Doe", "By JANE DOE and JOHN ROE, Associated Press", "Jane Doe | Reuters",
     "By Jane Doe | Updated 3 hours ago", "Reporting by Jane Doe; Editing by John Roe",
     "By Jane Doe, Staff Writer"],
)
def test_bylines(byline):
    text = f"Council approves budget\n\n{byline}\n\n{LEAD}"
    assert kind_in(text, byline) == "byline"


def test_by_at_the_start_of_a_sentence_is_not_a_byline():
    sentence = "By Tuesday the council had approved the budget."
    assert kind_in(f"{sentence}\n\n{SECOND}", sentence) == "body"


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON (AP) —", "SPRINGFIELD, Ill. (AP) —", "WELLINGTON, Jan 19 (Reuters) -", "Jan 18, 2023",
     "Published 3 hours ago", "Last updated 29th May 2022", "Updated: 10:30 a.m. EST, Tue January 17, 2023",
     "– Jan 18, 2023", "2023-01-19"],
)
def test_datelines_and_date_lines(dateline):
    text = f"Council approves budget\n\n{dateline}\n\n{LEAD}"
    assert kind_in(text, dateline) == "dateline"


def test_scraped_date_stamp_before_the_lead_is_a_dateline_and_the_lead_is_body():
    text = f" date 2023-01-19 {LEAD}\n\n{SECOND}"
    assert kinds_of(text) == {"date 2023-01-19": "dateline", LEAD: "body", SECOND: "body"}


@pytest.mark.parametrize(
    "caption",
    ["(Image credit: Example Corp)", "Photo: Jane Doe", "FILE PHOTO: The mayor speaks in 2020.",
     "The mayor speaks at city hall (AP Photo/Jane Doe)", "REUTERS/Jane Doe/File Photo",
     "Sales by region (Source: example.com)"],
)
def test_captions_and_credits(caption):
    text = f"Council approves budget\n\n{caption}\n\n{LEAD}"
    assert kind_in(text, caption) == "caption"


def test_the_line_before_a_bare_credit_is_its_caption():
    text = f"Council approves budget\n\nThe mayor at city hall in 2020.\nREUTERS/Jane Doe\n\n{LEAD}"
    kinds = kinds_of(text)
    assert kinds["The mayor at city hall in 2020."] == "caption"
    assert kinds["REUTERS/Jane Doe"] == "caption"
    assert kinds[LEAD] == "body"


@pytest.mark.parametrize(
    "chrome",
    ["Skip to Content", "Story continues below advertisement", "Share this article",
     "Sign up for our newsletter", "Read more: Council raises taxes", "Advertisement",
     "Click here to subscribe", "Twitter", "Facebook", "We use cookies to improve your experience.",
     "Related: Council raises taxes", "Watch: The mayor explains the budget",
     "© 2023 Example News. All rights reserved.", "Leave a Reply",
     "Get the latest city news. Sent to your email, every day."],
)
def test_page_furniture(chrome):
    text = f"Council approves budget\n\n{LEAD}\n\n{chrome}\n\n{SECOND}"
    got = kinds_of(text)
    assert {k for p, k in got.items() if p not in (LEAD, SECOND, "Council approves budget")} == {"furniture"}
    assert got[LEAD] == got[SECOND] == "body"


def test_a_list_of_related_links_is_furniture_until_prose_resumes():
    text = f"{LEAD}\n\nRelated\n\nCouncil raises taxes\n\nMayor faces vote\n\n{SECOND}"
    assert kinds_of(text) == {
        LEAD: "body", "Related": "furniture", "Council raises taxes": "furniture",
        "Mayor faces vote": "furniture", SECOND: "body",
    }


# --- furniture never swallows a statement -----------------------------------------------------

_SUBJECTS = ["The council", "Twitter", "Advertising revenue", "Share prices", "Readers", "Cookies",
             "The newsletter", "Copyright law", "Photo agencies", "She", "Related firms", "Watch sales",
             "Jane Doe", "By-elections", "Click rates", "Print sales", "Comments"]
_VERBS = ["said", "rose", "fell", "will share", "read more", "signed up for", "clicked", "watched",
          "subscribed to", "skipped", "printed", "shared", "reported"]
_OBJECTS = ["the article", "our newsletter", "more stories", "this story", "the advertisement",
            "content", "cookies", "Twitter", "here", "all rights reserved", "by 3%", "on Tuesday"]
_sentence = st.builds(
    lambda s, v, o, end: f"{s} {v} {o}{end}", st.sampled_from(_SUBJECTS), st.sampled_from(_VERBS),
    st.sampled_from(_OBJECTS), st.sampled_from([".", "!", "?", ".”"]),
)
_layout = st.sampled_from(["\n\n", "\n", " "])


@settings(max_examples=300)
@given(st.lists(_sentence, min_size=1, max_size=6), _layout,
       st.sampled_from(["", "Related\n\n", "Advertisement\n\n", "Read more:\n\n"]))
def test_ordinary_sentences_are_never_furniture(sentences, separator, before):
    text = before + separator.join(sentences)
    segments = segment(text)
    for s, kind in zip(segments, classify(text, segments)):
        if kind == PassageKind.FURNITURE:
            assert s.end <= len(before), text[s.start : s.end]  # only the heading itself


def test_ordinary_two_word_sentences_stay_statements():
    for sentence in ["Twitter agreed.", "Share prices fell.", "Advertisement revenue rose.", "Comments closed."]:
        assert kind_in(f"{LEAD}\n\n{sentence}\n\n{SECOND}", sentence) != "furniture"


# --- the engine, the JSON ---------------------------------------------------------------------


def version(vid: str, text: str) -> Version:
    return Version(vid, vid, f"{vid}.txt", text, hashlib.sha256(text.encode()).hexdigest())


PAGE = f"Council approves budget\n\nBy Jane Doe\n\n{LEAD}\n\nStory continues below advertisement\n\n{SECOND}"
PLAIN = f"{LEAD}\n\n{SECOND}"


def test_split_passages_sets_each_kind():
    kinds = [p.kind for p in split_passages(version("v1", PAGE))]
    assert kinds == ["headline", "byline", "body", "furniture", "body"]


def _furniture_comparison():
    """v1 (a page with chrome) against v2 (plain text); furniture rows stand alone."""
    versions = [version("v1", PAGE), version("v2", PLAIN)]
    passages = {v.id: split_passages(v) for v in versions}
    rows = [
        Row(0, {"v1": (0,), "v2": ()}), Row(1, {"v1": (1,), "v2": ()}),
        Row(2, {"v1": (2,), "v2": (0,)}), Row(3, {"v1": (3,), "v2": ()}),
        Row(4, {"v1": (4,), "v2": (1,)}),
    ]
    return assemble("m", 0.5, "v1", versions, passages, rows)


def test_furniture_is_not_counted_in_statistics():
    comparison = _furniture_comparison()
    page, plain = comparison.stats["v1"], comparison.stats["v2"]
    chrome_words = len("Story continues below advertisement".split())
    assert page.words == len(PAGE.split()) - chrome_words
    assert page.unique == 2  # the headline and the byline; not the chrome line
    assert plain.omitted == 2 and plain.rows_shared == 2
    assert page.rows_shared == 2


def test_json_passages_carry_their_kind_and_validate():
    data = comparison_to_dict(_furniture_comparison())
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    kinds = [p["kind"] for p in data["versions"][0]["passages"]]
    assert kinds == ["headline", "byline", "body", "furniture", "body"]
    assert {p["kind"] for p in data["versions"][1]["passages"]} == {"body"}


# --- sessions ---------------------------------------------------------------------------------


def test_passage_kinds_survive_a_saved_session(tmp_path):
    from storydiff.storage.session import load_session, save_session

    comparison = _furniture_comparison()
    path = tmp_path / "page.storydiff"
    save_session(path, comparison)
    assert load_session(path).comparison.passages == comparison.passages


def test_a_session_saved_before_kinds_opens_with_every_passage_as_body(tmp_path):
    import sqlite3

    from storydiff.storage.session import load_session, save_session

    comparison = _furniture_comparison()
    path = tmp_path / "old.storydiff"
    save_session(path, comparison)
    with sqlite3.connect(path) as db:  # back to schema 1: no kind column
        db.execute("ALTER TABLE passages DROP COLUMN kind")
        db.execute("PRAGMA user_version = 1")
    db.close()
    before = path.read_bytes()
    loaded = load_session(path).comparison
    assert {p.kind for ps in loaded.passages.values() for p in ps} == {"body"}
    assert [p.text for p in loaded.passages["v1"]] == [p.text for p in comparison.passages["v1"]]
    assert path.read_bytes() == before  # upgraded in memory, the file left alone


# --- what the compare view shows --------------------------------------------------------------


def test_cells_carry_their_kind_tag_and_dim_furniture():
    from storydiff.presentation import cell_view

    comparison = _furniture_comparison()
    views = [cell_view(comparison, n, "v1", show_trivial=False) for n in range(5)]
    assert [v.tag for v in views] == ["headline", "byline", None, None, None]
    assert [v.dimmed for v in views] == [False, False, False, True, False]
    # Chrome missing from the plain version is no omission there.
    chrome_gap = cell_view(comparison, 3, "v2", show_trivial=False)
    assert not chrome_gap.omitted and chrome_gap.dimmed and chrome_gap.text == ""
    assert cell_view(comparison, 0, "v2", show_trivial=False).omitted


def test_html_report_dims_furniture_and_tags_kinds():
    from storydiff.report.html_cells import render_compare_table

    table = render_compare_table(_furniture_comparison())
    assert table.count('class="cell furniture"') == 1
    assert '<span class="badge kind">headline</span>' in table
    assert '<span class="badge kind">byline</span>' in table


def test_ten_thousand_passages_in_one_paragraph_are_classified_fast():
    import time

    text = "The vote was close. Did it work? Mr. Smith left at 5 p.m. The count began. " * 2500
    segments = segment(text)
    began = time.perf_counter()
    kinds = classify(text, segments)
    assert len(kinds) == 10_000 and set(kinds) == {PassageKind.BODY}
    assert time.perf_counter() - began < 0.5
