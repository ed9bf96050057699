"""Alignment judgement with the real model on a hand-written story (fictional): an
unrelated version gets no rows, rows never chain, the default reference is the
version that shares the most, not the longest."""

from __future__ import annotations

import pytest

from storydiff.core.model import Version
from storydiff.engine import compare
from storydiff.storage.cache import text_key

WIRE = """Engineers in Alder Falls opened the floodgates of the Moraine dam on Friday after three days of heavy rain raised the reservoir to a record level.

The regional water authority said about 2,000 residents living below the dam had been told to leave their homes as a precaution.

"The dam is sound, but we cannot take any risk with people's safety," said authority director Ines Kowalczyk.

Forecasters expect another 80 millimetres of rain by Sunday.

Schools in the valley will stay closed until Tuesday, the council said.

The dam was built in 1958 and was last reinforced in 2011."""

REWRITE = """About 2,000 people living downstream of the Moraine dam were asked to evacuate on Friday, the regional water authority said.

Engineers opened the dam's floodgates after three days of torrential rain pushed the reservoir to its highest level on record.

Authority director Ines Kowalczyk said the structure was sound but that no risk would be taken with the safety of residents.

A further 80 millimetres of rain is forecast before Sunday.

Built in 1958, the dam was last strengthened in 2011."""

SHORT = """Engineers in Alder Falls opened the floodgates of the Moraine dam on Friday after three days of heavy rain raised the reservoir to a record level.

The regional water authority said about 2,000 residents living below the dam had been told to leave their homes as a precaution.

Forecasters expect another 80 millimetres of rain by Sunday."""

# Another story from the same kind of local news page: shares no statement.
UNRELATED = """The city council of Brenham voted on Thursday to sell the old tram depot to a housing cooperative for 4.5 million euros.

Councillors approved the sale by 23 votes to 9 after a debate that lasted more than four hours.

The cooperative plans to build 140 flats on the site, a third of them for rent below the market price.

Opposition councillors said the price was far too low for a plot so close to the city centre.

"This is a gift to developers dressed up as social policy," said councillor Marta Lindgren.

The mayor rejected the criticism and said an independent valuation had set the price.

Construction is expected to begin next spring and to take about three years.

The depot has stood empty since the last trams were moved to a new garage in 2016.

Residents of the neighbourhood have asked for a park to be included in the plans.

The cooperative said it would hold a public meeting about the design in March."""


def _version(vid: str, label: str, text: str) -> Version:
    return Version(vid, label, f"{label}.txt", text, text_key(text))


@pytest.fixture(scope="module")
def comparison(real_embedder):
    versions = [
        _version("v1", "unrelated", UNRELATED),
        _version("v2", "rewrite", REWRITE),
        _version("v3", "wire", WIRE),
        _version("v4", "short", SHORT),
    ]
    return compare(versions, embedder=real_embedder)


def test_an_unrelated_version_shares_no_row(comparison):
    shared = [row for row in comparison.rows if row.cells["v1"] and len(row.present()) > 1]
    assert shared == []


def test_the_default_reference_shares_the_most_statements_not_the_longest(comparison):
    assert comparison.reference == "v3"


def test_rewritten_statements_still_meet(comparison):
    def row_with(vid, index):
        return next(row for row in comparison.rows if index in row.cells[vid])

    assert row_with("v3", 0).cells["v2"] == (1,)  # the floodgates, reworded
    assert row_with("v3", 0).cells["v4"] == (0,)
    assert row_with("v3", 1).cells["v4"] == (1,)
    assert row_with("v3", 2).cells["v2"] == (2,)  # the quotation, now indirect speech
    assert row_with("v3", 5).cells["v2"] == (4,)  # built in 1958


def test_no_row_holds_two_unrelated_passages_of_a_version(comparison):
    for row in comparison.rows:
        for cell in row.cells.values():
            assert list(cell) == list(range(cell[0], cell[0] + len(cell))) if cell else True
