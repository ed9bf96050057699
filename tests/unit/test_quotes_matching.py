"""Quotes across versions: matching, canonical wording and speaker, statuses, find_quotes."""

from __future__ import annotations

import hashlib

import pytest
from fakes import BagOfWordsEmbedder

from storydiff.core.model import Version
from storydiff.engine import compare
from storydiff.quotes import Quotation, find_quotes
from storydiff.quotes import status as st
from storydiff.quotes.words import meaning_keys
from storydiff.quotes.matching import Member, join_parts
from storydiff.quotes.paraphrase import Candidate, best_paraphrase

FULL = "We found corrosion far worse than predicted, and we cannot let a single car cross"


def member(text: str, version: str = "v1", speaker: str | None = "Helena Varga", parts=None):
    texts = parts or [text]
    quotations = tuple(Quotation(version, 0, len(t), t, speaker, None, False) for t in texts)
    return Member(version, quotations, 0)


# ---------------------------------------------------------------- statuses


@pytest.mark.parametrize(
    "text, status",
    [
        (FULL, st.VERBATIM),
        (FULL.upper().replace(",", " -"), st.VERBATIM),
        ("we cannot let a single car cross", st.TRIMMED),
        ("\u2026 we cannot let a single car cross", st.TRIMMED),
        ("We found corrosion far worse than predicted", st.TRIMMED),
        ("We found corrosion \u2026 we cannot let a single car cross", st.TRIMMED),
        ("We found corrosion ... we cannot let a single car cross", st.TRIMMED),
        ("We found corrosion we cannot let a single car cross", st.ALTERED),
        ("We found corrosion much worse than predicted, and we cannot let a single car cross", st.ALTERED),
        ("We found corrosion far worse than predicted, and we cannot let one single car cross", st.ALTERED),
    ],
)
def test_quoted_status(text, status):
    assert st.quoted_status(member(FULL), member(text)) == status


def test_parts_broken_by_attribution_are_trimmed_not_altered():
    broken = member("", parts=["We found corrosion", "we cannot let a single car cross"])
    assert st.quoted_status(member(FULL), broken) == st.TRIMMED
    halves = ["We found corrosion far worse than predicted", "and we cannot let a single car cross"]
    whole = member("", parts=halves)
    assert st.quoted_status(member(FULL), whole) == st.VERBATIM


def test_canonical_is_the_fullest_wording_the_others_agree_with():
    group = [member("we cannot let a single car cross", "v1"), member(FULL, "v2"),
             member(FULL.replace("far", "much"), "v3")]
    assert st.choose_canonical(group, "v1", ["v1", "v2", "v3"]).version == "v2"
    longer = member(FULL + " ever again today", "v4")
    assert st.choose_canonical([member(FULL, "v1"), member(FULL, "v2"), longer], "v1",
                               ["v1", "v2", "v4"]).version == "v4"


def test_canonical_speaker_is_the_majority_then_the_reference():
    order = ["v1", "v2", "v3"]
    group = [member(FULL, "v1", "Varga"), member(FULL, "v2", "Helena Varga"),
             member(FULL, "v3", "Tomas Brennan")]
    assert st.choose_speaker(group, "v1", order) == "Helena Varga"
    tie = [member(FULL, "v1", "Tomas Brennan"), member(FULL, "v2", "Helena Varga")]
    assert st.choose_speaker(tie, "v1", ["v1", "v2"]) == "Tomas Brennan"
    assert st.choose_speaker([member(FULL, "v1", None)], "v1", ["v1"]) is None


def test_only_two_names_conflict():
    assert st.misattributed(member(FULL, speaker="Tomas Brennan"), "Helena Varga")
    assert not st.misattributed(member(FULL, speaker="Varga"), "Helena Varga")
    assert not st.misattributed(member(FULL, speaker="a spokesperson"), "Helena Varga")
    assert not st.misattributed(member(FULL, speaker=None), "Helena Varga")


def candidate(text: str, speaker: str | None, row: int | None = None, first_person: bool = False) -> Candidate:
    return Candidate(3, 0, len(text), text, frozenset(meaning_keys(text)), speaker, row, first_person)


def test_paraphrase_needs_the_content_and_the_speaker():
    keys = [meaning_keys("It took me two hours to get to work today and I have no idea how to manage for months.")]
    said = candidate("Varga said it took her two hours to reach work and she had no idea how to manage.", "Helena Varga")
    assert best_paraphrase(keys, "Helena Varga", frozenset(), [said]) == said
    narration = candidate("It took two hours to reach work today, and nobody knows how to manage.", None)
    assert best_paraphrase(keys, "Helena Varga", frozenset(), [narration]) is None
    other = candidate("Brennan said it took two hours to reach work and he had no idea how to manage.", "Tomas Brennan")
    assert best_paraphrase(keys, "Helena Varga", frozenset(), [other]) is None
    loose = candidate("Varga said work had been hard.", "Helena Varga")
    assert best_paraphrase(keys, "Helena Varga", frozenset(), [loose]) is None
    spun = candidate("I have no idea how to manage for months, it took me two hours to work.", None, 7, True)
    assert best_paraphrase(keys, "Helena Varga", frozenset({7}), [spun]) == spun
    assert best_paraphrase(keys, "Helena Varga", frozenset({8}), [spun]) is None


def test_indefinite_pronouns_carry_no_content_for_a_paraphrase():
    keys = [meaning_keys("I believe that running a city is the hardest job anyone could ever have, and also the best.")]
    said = candidate("She described the job as the hardest but admitted it was the best.", "Helena Varga")
    assert best_paraphrase(keys, "Helena Varga", frozenset(), [said]) == said


def test_a_short_quote_is_paraphrased_only_with_all_its_content():
    keys = [meaning_keys("budget hawk extraordinaire")]
    whole = candidate("Varga, who calls herself a budget hawk extraordinaire, spoke first.", "Helena Varga")
    assert best_paraphrase(keys, "Helena Varga", frozenset(), [whole]) == whole
    part = candidate("Varga said the budget would please every hawk on the council.", "Helena Varga")
    assert best_paraphrase(keys, "Helena Varga", frozenset(), [part]) is None


def test_join_parts_merges_a_quotation_broken_by_its_attribution():
    text = '"The bridge is shut," Varga said. "It will stay shut."'
    a = Quotation("v1", 1, 19, "The bridge is shut", "Varga", (22, 27), False)
    b = Quotation("v1", 35, 52, "It will stay shut", "Varga", (22, 27), False)
    assert join_parts([a, b], text) == [[a, b]]
    other = Quotation("v1", 35, 52, "It will stay shut", "Brennan", None, False)
    assert join_parts([a, other], text) == [[a], [other]]


# ---------------------------------------------------------------- find_quotes


def version(vid: str, text: str) -> Version:
    return Version(vid, vid, f"{vid}.txt", text, hashlib.sha256(text.encode()).hexdigest())


WIRE = (
    "Bridge closes after inspection\n\n"
    "City engineer Helena Varga said the cables had corroded. "
    '"We cannot let a single car cross until the cables are replaced," Varga said.\n\n'
    "Ferries will run from the old pier every twenty minutes."
)
COPY = WIRE.replace('"We cannot', '"We can not').replace("Ferries will run", "Boats will sail")
PARA = WIRE.replace(
    '"We cannot let a single car cross until the cables are replaced," Varga said.',
    "Varga said no car could cross the bridge until the cables were replaced.",
)
EXTRA = WIRE + '\n\n"We are doing what we can," said Mayor Tomas Brennan.'


def test_find_quotes_gives_every_version_an_occurrence():
    versions = [version("wire", WIRE), version("copy", COPY), version("para", PARA), version("extra", EXTRA)]
    comparison = compare(versions, reference="wire", threshold=0.5, embedder=BagOfWordsEmbedder())
    quotes = find_quotes(comparison)
    assert [q.id for q in quotes] == ["q1", "q2"]
    first, second = quotes
    assert first.speaker == "Helena Varga"
    assert {v: o.status for v, o in first.occurrences.items()} == {
        "wire": "verbatim", "copy": "altered", "para": "paraphrased", "extra": "verbatim"}
    para = first.occurrences["para"]
    assert PARA[para.start : para.end] == para.text and para.text.startswith("Varga said no car")
    assert second.speaker == "Tomas Brennan" and second.occurrences["extra"].status == "verbatim"
    assert {v: o.status for v, o in second.occurrences.items() if v != "extra"} == {
        "wire": "absent", "copy": "absent", "para": "absent"}
    wire = first.occurrences["wire"]
    assert WIRE[wire.start : wire.end] == wire.text == first.text


def test_find_quotes_without_quotations():
    versions = [version("a", "One plain sentence."), version("b", "Another plain sentence.")]
    comparison = compare(versions, reference="a", threshold=0.5, embedder=BagOfWordsEmbedder())
    assert find_quotes(comparison) == ()
