"""One quote per utterance across versions: grouping, statements, statuses, paraphrases."""

from __future__ import annotations

import hashlib
import itertools

from fakes import BagOfWordsEmbedder

from storydiff.core.model import Version
from storydiff.engine import compare
from storydiff.quotes import find_quotes
from storydiff.quotes.words import expand_contractions, meaning_keys

LEAD = "Harbour bridge shut for repairs\n\n"
SAID = "City engineer Helena Varga spoke to reporters on Monday. "
WHOLE = (
    '"We found corrosion far worse than anyone predicted, and we cannot let a single car cross until '
    'every cable is replaced," Varga said.'
)
TRIM_END = '"We found corrosion far worse than anyone predicted," Varga said.'
TRIM_MIDDLE = 'Varga said the crew "cannot let a single car cross" until the work is done.'
SPUN = (
    '"We discovered rust far worse than anyone forecast, and we cannot allow a single vehicle to cross until '
    'every cable is swapped," Varga stated.'
)
INDIRECT = "Varga said the corrosion was far worse than predicted and no car could cross until every cable was replaced."
NARRATION = "The corrosion was far worse than predicted, and no car will cross until every cable is replaced."
TAIL = "\n\nFerries will run from the old pier every twenty minutes."


def version(vid: str, body: str) -> Version:
    text = LEAD + SAID + body + TAIL
    return Version(vid, vid, f"{vid}.txt", text, hashlib.sha256(text.encode()).hexdigest())


def statuses(versions, reference: str):
    comparison = compare(versions, reference=reference, threshold=0.5, embedder=BagOfWordsEmbedder())
    quotes = find_quotes(comparison)
    return quotes, [{v: o.status for v, o in q.occurrences.items()} for q in quotes]


def test_quote_printed_whole_and_trimmed_differently_is_one_quote():
    versions = [version("whole", WHOLE), version("end", TRIM_END), version("middle", TRIM_MIDDLE)]
    quotes, found = statuses(versions, "end")
    assert found == [{"whole": "verbatim", "end": "trimmed", "middle": "trimmed"}]
    assert quotes[0].text.startswith("We found corrosion") and quotes[0].text.endswith("is replaced")
    assert quotes[0].speaker == "Helena Varga"


def test_spun_quote_is_altered_not_a_new_quote():
    _, found = statuses([version("whole", WHOLE), version("spun", SPUN)], "whole")
    assert found == [{"whole": "verbatim", "spun": "altered"}]


def test_attributed_indirect_speech_is_paraphrased_and_narration_absent():
    versions = [version("whole", WHOLE), version("indirect", INDIRECT), version("narration", NARRATION)]
    quotes, found = statuses(versions, "whole")
    assert found == [{"whole": "verbatim", "indirect": "paraphrased", "narration": "absent"}]
    para = quotes[0].occurrences["indirect"]
    text = versions[1].text
    assert text[para.start : para.end] == para.text and para.text.startswith("Varga said the corrosion")


def test_long_statement_split_only_where_outlets_split_it():
    first = "We found corrosion far worse than anyone predicted."
    second = "Not a single car will cross until every cable is replaced."
    both = f'"{first} {second}" Varga said.'
    alone = f'"{first}" Varga said.'
    versions = [version("both", both), version("again", both), version("alone", alone)]
    _, found = statuses(versions, "both")
    assert found == [{"both": "verbatim", "again": "verbatim", "alone": "verbatim"},
                     {"both": "verbatim", "again": "verbatim", "alone": "absent"}]
    _, together = statuses([version("both", both), version("again", both)], "both")
    assert together == [{"both": "verbatim", "again": "verbatim"}]


def test_copy_cut_off_mid_word_is_trimmed():
    cut = LEAD + SAID + '"We found corrosion far worse than anyone predicted, and we cannot let a sin'
    versions = [version("whole", WHOLE), Version("cut", "cut", "cut.txt", cut, hashlib.sha256(cut.encode()).hexdigest())]
    _, found = statuses(versions, "whole")
    assert found == [{"whole": "verbatim", "cut": "trimmed"}]


def test_grouping_does_not_depend_on_the_order_of_the_versions():
    versions = [version("whole", WHOLE), version("end", TRIM_END), version("middle", TRIM_MIDDLE),
                version("spun", SPUN), version("indirect", INDIRECT), version("narration", NARRATION)]
    seen = set()
    for order in itertools.islice(itertools.permutations(versions[1:]), 0, 120, 17):
        quotes, found = statuses([versions[0], *order], "whole")
        seen.add(tuple((q.text, tuple(sorted(s.items()))) for q, s in zip(quotes, found)))
    assert len(seen) == 1
    assert seen.pop() == (("We found corrosion far worse than anyone predicted, and we cannot let a single car cross "
                           "until every cable is replaced",
                           (("end", "trimmed"), ("indirect", "paraphrased"), ("middle", "trimmed"),
                            ("narration", "absent"), ("spun", "altered"), ("whole", "verbatim"))),)


def test_word_forms_meet():
    assert expand_contractions(["it's", "won't", "cats"]) == ("it", "is", "will", "not", "cats")
    keys = meaning_keys("I am announcing I will not seek re-election; my term ends on the 7th of February")
    assert {"announ", "electi", "7", "februa"} <= keys
    assert {"announ", "electi", "7", "februa"} <= meaning_keys("She announced no reelection bid, leaving Feb. 7")


def test_indirect_speech_holding_a_partial_quotation_of_another_remark_is_a_paraphrase():
    other = ('Varga made an announcement that the bridge was "a danger to all" and that no car could '
             "cross until every cable was replaced, as the corrosion was far worse than predicted.")
    quotes, found = statuses([version("whole", WHOLE), version("other", other)], "whole")
    whole = next(q for q in quotes if q.occurrences["whole"].status == "verbatim")
    assert whole.occurrences["other"].status == "paraphrased"
