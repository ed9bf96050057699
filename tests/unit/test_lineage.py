"""Coverage, verdicts, sources, spin figures and the coverage map (issue 9).

The rows are given by hand (``engine.assemble``), so these tests judge the lineage,
not the alignment.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

import jsonschema
import pytest

from storydiff.core.model import Row, Version
from storydiff.engine import assemble, split_passages

ORIGINAL = [
    "The city council voted on Tuesday to close the old harbour bridge for urgent repairs.",
    "Engineers found badly corroded cables during a routine inspection last month.",
    'Mayor Jane Holt said: "We will not take any risks with the lives of our people."',
    "Commuters will be directed to a ferry service that runs every twenty minutes.",
    "Local shop owners warned that the long closure could cost them thousands of dollars.",
    "The council promised to publish a full report on the state of the bridge next week.",
]
LIGHT = [
    "The city council decided on Tuesday to shut the old harbour bridge for urgent repairs.",
    "Engineers found badly corroded cables during a routine inspection last month.",
    'Mayor Jane Holt said: "We will not take any risks with the lives of our people."',
    "Commuters will be sent to a ferry service that runs every twenty minutes.",
    "Local shop owners warned that the long closure could cost them thousands of dollars.",
    "The council promised to publish a complete report on the state of the bridge next week.",
]
LIGHT_AGAIN = [  # a copy of LIGHT with one more edit of its own
    "The city council decided on Tuesday to shut the old harbour bridge for urgent repairs.",
    "Engineers found badly corroded cables during a routine check last month.",
    'Mayor Jane Holt said: "We will not take any risks with the lives of our people."',
    "Commuters will be sent to a ferry service that runs every twenty minutes.",
    "Local shop owners warned that the long closure could cost them thousands of dollars.",
    "The council promised to publish a complete report on the state of the bridge next week.",
]
SPUN = [
    "The metropolis assembly balloted on Tuesday to shutter the aged harbour overpass for pressing fixes.",
    "Technicians discovered severely rusted wires during a regular examination last month.",
    'Mayor Jane Holt mentioned: "We will not take any risks with the lives of our people."',
    "Travellers will be steered to a boat service that operates every twenty minutes.",
    "Regional store proprietors cautioned that the lengthy shutdown could cost them thousands of dollars.",
    "The assembly vowed to issue a thorough account on the condition of the overpass next week.",
]
GARBLED = [
    "The city council voted in Tuesday for close a old harbour bridge to urgent repairs.",
    "Engineers found cables badly corroded during the inspection routine of last month.",
    'Mayor Jane Holt said: "We will not take any risks with the lives of our people."',
    "Commuters will be directed for the ferry service which runs all twenty minutes.",
    "Local shop owners warned what a long closure could cost to them thousands for dollars.",
    "The council promised for publish the full report in the state from bridge next week.",
]
REWRITE = [
    "Councillors agreed this week that the ageing crossing over the port must shut so crews can mend it.",
    "Inspectors checking it in the spring had spotted rust eating through its steel ropes.",
    'Mayor Jane Holt said: "We will not take any risks with the lives of our people."',
    "People who drive across each morning can instead board boats leaving three times an hour.",
    "Nearby traders fear losing a great deal of money while the road stays blocked for weeks.",
    "Officials expect to release their findings about the structure's condition within days.",
]
UNRELATED = [
    "A rare orchid has flowered in the botanical garden for the first time in forty years.",
    "Visitors queued around the glasshouse to see the pale yellow bloom.",
    "Gardeners said the plant needs a humid room and very little light.",
]


def _version(vid: str, sentences: list[str]) -> Version:
    text = " ".join(sentences)
    return Version(vid, f"label {vid}", f"{vid}.txt", text, hashlib.sha256(text.encode()).hexdigest())


def _comparison(texts: dict[str, list[str]], reference: str = "ref", moved: dict[int, tuple[str, ...]] | None = None):
    """Row i holds sentence i of every version that has one; versions whose text is
    UNRELATED get rows of their own."""
    versions = [_version(vid, sentences) for vid, sentences in texts.items()]
    passages = {v.id: split_passages(v) for v in versions}
    for v in versions:
        assert len(passages[v.id]) == len(texts[v.id]), v.id
    related = [vid for vid, s in texts.items() if s is not UNRELATED]
    rows = [
        Row(i, {vid: ((i,) if vid in related and i < len(texts[vid]) else ()) for vid in texts},
            moved=(moved or {}).get(i, ()))
        for i in range(max(len(texts[vid]) for vid in related))
    ]
    for vid in texts:
        if vid not in related:
            rows += [Row(len(rows), {o: ((i,) if o == vid else ()) for o in texts}) for i in range(len(texts[vid]))]
    return assemble("fake", 0.72, reference, versions, passages, rows)


@pytest.fixture(scope="module")
def story():
    return _comparison({
        "ref": ORIGINAL, "copy": list(ORIGINAL), "light": LIGHT, "again": LIGHT_AGAIN, "spun": SPUN,
        "garbled": GARBLED, "rewrite": REWRITE, "other": UNRELATED,
    })


def test_verdict_of_every_kind(story):
    verdicts = {vid: s.verdict for vid, s in story.stats.items()}
    assert verdicts == {
        "ref": "reference", "copy": "copy", "light": "light-edit", "again": "copy", "spun": "spun",
        "garbled": "garbled", "rewrite": "rewrite", "other": "independent",
    }


def test_coverage_is_apart_from_change_share(story):
    assert story.stats["ref"].coverage == 1.0
    assert story.stats["copy"].coverage == 1.0
    other = story.stats["other"]
    assert other.coverage == 0.0 and other.change_share == 0.0 and other.source is None


def test_a_version_missing_statements_has_the_coverage_it_carries():
    comparison = _comparison({"ref": ORIGINAL, "short": ORIGINAL[:3]})
    assert comparison.stats["short"].coverage == pytest.approx(0.5)
    assert comparison.stats["short"].verdict == "copy"


def test_source_of_a_copy_of_a_copy_is_the_copy(story):
    assert story.stats["again"].source == "light"
    assert story.stats["light"].source == "ref"
    assert story.stats["ref"].source is None  # the reference is the root


def test_source_does_not_depend_on_the_order_of_the_versions():
    texts = {"ref": ORIGINAL, "again": LIGHT_AGAIN, "light": LIGHT}
    assert _comparison(texts).stats["again"].source == "light"


def test_shared_quotations_alone_give_no_source(story):
    # REWRITE prints the mayor's quotation word for word but tells the rest in its own words:
    # two reporters quoting one speech, not a copy.
    assert story.stats["rewrite"].source is None
    assert story.stats["rewrite"].verdict == "rewrite"


def test_too_few_shared_statements_are_not_judged():
    comparison = _comparison({"ref": ORIGINAL, "two": LIGHT[:2]})
    stats = comparison.stats["two"]
    assert stats.verdict == ""  # not judged: two statements cannot tell an edit from a rewrite
    assert any(line.startswith("not judged") for line in stats.evidence)
    assert stats.coverage == pytest.approx(2 / 6)


def test_near_copies_with_no_witness_get_no_source():
    # "a" and "b" differ in one word and no third version prints either wording there:
    # one copies the other, but which came first is unknown, so neither gets a source.
    comparison = _comparison({"ref": REWRITE, "a": LIGHT, "b": LIGHT_AGAIN})
    for vid, other in (("a", "b"), ("b", "a")):
        stats = comparison.stats[vid]
        assert stats.source is None
        assert stats.verdict in ("copy", "light-edit")
        assert any("which came first is not clear" in line and f"label {other}" in line for line in stats.evidence)


def test_spun_and_garbled_are_told_apart_by_grammatical_swaps(story):
    garbled, spun = story.stats["garbled"], story.stats["spun"]
    assert garbled.verdict == "garbled" and garbled.source == "ref"
    assert any("grammatical words swapped" in line for line in garbled.evidence)
    assert spun.verdict == "spun" and not any("grammatical" in line for line in spun.evidence)


def test_evidence_names_the_source_and_the_figures(story):
    spun = story.stats["spun"]
    assert spun.source == "ref" and any("label ref" in line for line in spun.evidence)
    assert any("narrative words swapped" in line for line in spun.evidence)
    assert any("statements" in line for line in story.stats["other"].evidence)


def test_spin_figures_rank_narrative_swaps_and_count_quotes(story):
    spun = story.stats["spun"]
    assert spun.narrative_substituted > 0.2
    assert ("bridge", "overpass", 2) in spun.spin_pairs
    assert spun.spin_pairs == tuple(sorted(spun.spin_pairs, key=lambda p: -p[2]))
    assert spun.quotes_touched == 0 and spun.quotes_untouched == 1
    assert story.stats["copy"].narrative_substituted == 0.0


def test_json_carries_lineage_and_validates(story):
    from storydiff.report.json_export import comparison_to_dict, load_schema

    data = comparison_to_dict(story)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert data["stats"]["again"]["source"] == "light"
    assert data["stats"]["other"]["coverage"] == 0.0
    assert data["stats"]["spun"]["verdict"] == "spun"
    assert isinstance(data["stats"]["spun"]["evidence"], list)


def test_session_round_trips_the_lineage(story, tmp_path):
    from storydiff.storage.session import load_session, save_session

    save_session(tmp_path / "s.storydiff", story)
    assert load_session(tmp_path / "s.storydiff").comparison.stats == story.stats


def test_session_without_lineage_recomputes_it(story, tmp_path):
    import sqlite3

    from storydiff.storage.session import load_session, save_session

    path = tmp_path / "old.storydiff"
    save_session(path, story)
    with sqlite3.connect(path) as db:  # as a schema-2 file would read: no figures
        db.execute("UPDATE stats SET lineage = NULL")
    db.close()
    assert load_session(path).comparison.stats == story.stats


# --- the coverage map -------------------------------------------------------------------------


def test_coverage_map_states():
    from storydiff.presentation.coverage import coverage_map

    texts = {"ref": ORIGINAL, "light": LIGHT, "short": ORIGINAL[:3]}
    comparison = _comparison(texts, moved={1: ("light",)})
    cmap = coverage_map(comparison)
    assert cmap.versions == ("ref", "light", "short")
    states = [{vid: cell.state for vid, cell in line.cells.items()} for line in cmap.lines]
    assert states[0] == {"ref": "unchanged", "light": "reworded", "short": "unchanged"}
    assert states[1]["light"] == "moved" and states[1]["light"] != "omitted"
    assert states[4] == {"ref": "unchanged", "light": "unchanged", "short": "omitted"}
    assert 0.0 < cmap.lines[0].cells["light"].amount < 0.5
    assert cmap.lines[0].opening == "The city council voted on Tuesday to close…"
    assert cmap.lines[0].row == 0 and cmap.lines[4].carried_by == ("ref", "light")


def test_coverage_map_filters_and_sorts():
    from storydiff.presentation.coverage import coverage_map

    comparison = _comparison({"ref": ORIGINAL, "a": ORIGINAL[:4], "b": ORIGINAL[:2], "other": UNRELATED})
    unique = coverage_map(comparison, only="unique")
    assert [line.carried_by for line in unique.lines] == [("ref",), ("ref",)] + [("other",)] * 3
    assert len(coverage_map(comparison, only="unique", version="other").lines) == 3
    kept = coverage_map(comparison, only="kept-by-one")
    assert [line.row for line in kept.lines] == [2, 3]  # only "a" still carries them
    dropped = coverage_map(comparison, only="dropped-by-one")
    assert [line.row for line in dropped.lines] == [0, 1]  # every version but "other" carries them
    assert coverage_map(comparison, only="dropped-by-one", version="a").lines == ()
    fewest = coverage_map(comparison, statements="fewest")
    assert [len(line.carried_by) for line in fewest.lines] == sorted(len(line.carried_by) for line in fewest.lines)
    assert coverage_map(comparison, versions="coverage").versions == ("ref", "a", "b", "other")


def test_version_order_by_lineage(story):
    from storydiff.presentation.coverage import version_order

    order = version_order(story, "lineage")
    assert order[0] == "ref" and sorted(order) == sorted(v.id for v in story.versions)
    assert order.index("again") > order.index("light")


# --- reports ----------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.cov_cells = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "td" and "cov" in (dict(attrs).get("class") or "").split():
            self.cov_cells += 1

    def handle_data(self, data):
        self.text.append(data)


def test_html_report_shows_lineage_and_an_escaped_coverage_map():
    from storydiff.report.html_report import render_html

    evil = ["<script>alert(1)</script> The city council voted on Tuesday to close the old harbour bridge."]
    comparison = _comparison({"ref": ORIGINAL, "x": evil + ORIGINAL[1:], "other": UNRELATED})
    page = render_html(comparison)
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags
    assert parser.cov_cells == 3 * (6 + 3)  # every statement line, every version
    text = "".join(parser.text)
    assert "Coverage map" in text and "independent" in text and "shares nothing" in text
    assert "<script>alert(1)</script>" in text  # shown as text, not markup


def test_summary_states_coverage_verdict_and_shares_nothing():
    from storydiff.report.summary import render_summary

    comparison = _comparison({"ref": ORIGINAL, "spun": SPUN, "other": UNRELATED})
    text = render_summary(comparison)
    assert "coverage 100.0% · spun · source label ref" in text
    assert "changed shares nothing" in text and "coverage 0.0% · independent" in text
