"""Copy as evidence, without Qt: the blocks built for cells, statements and quotations, and
their plain-text and HTML renderings (parsed back, hostile markup included)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fakes import BagOfWordsEmbedder

from passage_helpers import passages_in

from storydiff.core.model import Change, ChangeKind, Comparison, Occurrence, Quote, Row, Version
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.presentation.evidence import Piece, cells_evidence, quote_evidence, rows_evidence, wording_pieces
from storydiff.presentation.evidence_text import html_piece, html_text, plain_piece, plain_text

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "harbour-bridge"
HOSTILE_LABEL = '<script>alert("x")</script> & Co'
HOSTILE_SOURCE = 'javascript:alert(1)"><img src=x onerror=alert(2)>'


def _version(vid: str, label: str, source: str, text: str) -> Version:
    return Version(id=vid, label=label, source=source, text=text, sha256=vid * 8)


def _change(row: int, vid: str, kind: ChangeKind, before: str, after: str, text: str, *, ref_text: str = "") -> Change:
    if not after:  # a deletion points into the reference's text
        start = ref_text.index(before)
        return Change(row, vid, kind, before, after, start, start + len(before), in_reference=True)
    start = text.index(after)
    return Change(row, vid, kind, before, after, start, start + len(after))


@pytest.fixture
def comparison() -> Comparison:
    """Three versions of two statements: a spun copy with a hostile label, and one that drops
    the first statement, rewrites the second and is out of order there."""
    t1 = "The minister said 12 people died. Police closed the road."
    t2 = "The minister claimed 14 people <b>died</b>. Officers shut the road."
    t3 = "Police closed main road."
    versions = (_version("v1", "Wire", "wire.txt", t1),
                _version("v2", HOSTILE_LABEL, HOSTILE_SOURCE, t2),
                _version("v3", "Paper", "https://example.org/story?a=1&b=2", t3))
    passages = {
        "v1": passages_in("v1", t1, ["The minister said 12 people died.", "Police closed the road."]),
        "v2": passages_in("v2", t2, ["The minister claimed 14 people <b>died</b>.", "Officers shut the road."]),
        "v3": passages_in("v3", t3, ["Police closed main road."]),
    }
    rows = (Row(0, {"v1": (0,), "v2": (0,), "v3": ()}, {"v2": 0.8, "v3": None}),
            Row(1, {"v1": (1,), "v2": (1,), "v3": (0,)}, {"v2": 0.7, "v3": 0.9}, moved=("v3",)))
    changes = (
        _change(0, "v2", ChangeKind.REPORTING_VERB, "said", "claimed", t2),
        _change(0, "v2", ChangeKind.NUMBER, "12", "14", t2),
        _change(0, "v2", ChangeKind.PUNCTUATION, "died", "<b>died</b>", t2),
        _change(1, "v2", ChangeKind.SUBSTITUTION, "Police closed", "Officers shut", t2),
        _change(1, "v3", ChangeKind.INSERTION, "", "main ", t3),
        _change(1, "v3", ChangeKind.DELETION, "the ", "", t3, ref_text=t1),
    )
    quote = Quote("q1", "Ann Lee", "We will rebuild the bridge within a year", {
        "v1": Occurrence("verbatim", "We will rebuild the bridge within a year", speaker="Ann Lee"),
        "v2": Occurrence("misattributed", "We may rebuild the bridge within a year", speaker="Bob <i>Roe</i>"),
        "v3": Occurrence("absent"),
    })
    return Comparison("fake", 0.5, "v1", versions, passages, rows, changes, {}, (quote,))


class _Html(HTMLParser):
    """The text of an HTML fragment, the text inside each tag name, and every attribute."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.inside, self.attributes, self._open = "", {}, [], []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self._open.append(tag)
        self.inside.setdefault(tag, []).append("")
        self.attributes += attrs

    def handle_endtag(self, tag):
        if tag in self._open:
            self._open.reverse()
            self._open.remove(tag)
            self._open.reverse()

    def handle_data(self, data):
        self.text += data
        for tag in set(self._open):
            self.inside[tag][-1] += data


def test_a_cell_is_its_version_s_words_with_the_changes_in_brackets(comparison):
    evidence = cells_evidence(comparison, [(0, "v2")], show_trivial=False)
    [section] = evidence.sections
    assert section.heading == "Statement 1"
    [block] = section.blocks
    assert block.label == HOSTILE_LABEL and block.source == HOSTILE_SOURCE
    text = "".join(plain_piece(p) for p in block.pieces)
    # The trivial markup change is hidden as the window hides it; its characters stay the version's own.
    assert text == "The minister [said → claimed] [12 → 14] people <b>died</b>."
    assert "similarity 0.80" in block.notes and "2 changes" in block.notes


def test_trivial_changes_are_written_when_shown(comparison):
    [block] = cells_evidence(comparison, [(0, "v2")], show_trivial=True).sections[0].blocks
    assert "[died → <b>died</b>]" in "".join(plain_piece(p) for p in block.pieces)


def test_a_statement_has_one_block_per_version_label_first(comparison):
    evidence = rows_evidence(comparison, [1], ["v1", "v2", "v3"], show_trivial=False)
    text = plain_text(evidence)
    blocks = text.split("\n— ")[1:]
    assert [b.split(":")[0] for b in blocks] == ["Wire", HOSTILE_LABEL, "Paper"]
    assert blocks[0].splitlines()[0] == "Wire: reference"
    assert "Police closed the road." in blocks[0]
    assert "[Police closed → Officers shut] the road." in blocks[1]
    # v3: an insertion in place, the dropped word listed (it has no place in v3's text), moved in words.
    assert "Police closed [+ main] road." in blocks[2]
    assert "removed: [− the]" in blocks[2]
    assert "moved: out of the reference's order" in blocks[2]
    assert "source: https://example.org/story?a=1&b=2" in blocks[2]


def test_an_omission_is_said_in_words(comparison):
    [_, _, block] = rows_evidence(comparison, [0], ["v1", "v2", "v3"], show_trivial=False).sections[0].blocks
    assert block.pieces == ()
    assert block.notes == ("omitted: this version does not carry this statement",)
    assert "— Paper: omitted: this version does not carry this statement" in plain_text(
        rows_evidence(comparison, [0], ["v1", "v2", "v3"], show_trivial=False))


def test_several_rows_keep_reading_order_and_selected_versions(comparison):
    evidence = cells_evidence(comparison, [(1, "v3"), (0, "v1"), (1, "v1")], show_trivial=False)
    assert [s.heading for s in evidence.sections] == ["Statement 1", "Statement 2"]
    assert [[b.label for b in s.blocks] for s in evidence.sections] == [["Wire"], ["Paper", "Wire"]]


def test_a_quote_gives_each_version_s_status_and_speaker(comparison):
    evidence = quote_evidence(comparison, comparison.quotes[0], show_trivial=False)
    [section] = evidence.sections
    assert section.canonical == "We will rebuild the bridge within a year"
    wire, spun, paper = section.blocks
    assert wire.notes == ("reference", "verbatim", "speaker: Ann Lee")
    assert spun.notes == ("misattributed", "credited to Bob <i>Roe</i>, not to Ann Lee")
    assert paper.notes == ("absent", "not in this version") and paper.pieces == ()
    text = plain_text(evidence)
    assert "“We [will → may] rebuild the bridge within a year”" in text
    assert "Quotation q1, Ann Lee" in text


def test_an_ellipsis_cut_is_a_removal_before_the_ellipsis():
    pieces = wording_pieces("We found rust and we closed it", "… we closed it", show_trivial=False)
    assert "".join(plain_piece(p) for p in pieces) == "[− We found rust and]… we closed it"


def test_bracket_notation_keeps_spaces_outside():
    assert plain_piece(Piece("main ", "", "insertion")) == "[+ main] "
    assert plain_piece(Piece("", " the ", "deletion")) == "[− the]"
    assert plain_piece(Piece(" ", "  ", "whitespace")) == " "


def test_html_marks_changes_and_escapes_everything(comparison):
    evidence = rows_evidence(comparison, [0, 1], ["v1", "v2", "v3"], show_trivial=True)
    source = html_text(evidence)
    parsed = _Html(source)
    # Hostile label and text come back as the same characters, never as tags.
    assert HOSTILE_LABEL in parsed.text and "<b>died</b>" in parsed.text
    assert "script" not in parsed.inside and "img" not in parsed.inside and "i" not in parsed.inside
    assert HOSTILE_LABEL in parsed.inside["b"]  # the label is the block's bold lead
    assert not any(name == "onerror" or name == "src" for name, _ in parsed.attributes)
    # Only the web address is a link.
    assert {value for name, value in parsed.attributes if name == "href"} == {"https://example.org/story?a=1&b=2"}
    # Changes: before struck, after marked, insertions underlined; styles inline.
    assert {"said", "12", "Police closed", "the"} <= set(parsed.inside["del"]) - {"removed"}
    assert {"claimed", "14", "Officers shut"} <= set(parsed.inside["mark"])
    assert "main" in parsed.inside["ins"]
    assert "line-through" in source and "underline" in source and "class=" not in source
    assert "said → claimed" in " ".join(parsed.text.split())  # the arrow: a cue besides colour


def test_html_puts_changes_of_fact_in_bold():
    for kind in (ChangeKind.NUMBER, ChangeKind.NAME, ChangeKind.NEGATION):
        assert "font-weight:bold" in html_piece(Piece("14", "12", kind.value))
    for kind in (ChangeKind.SUBSTITUTION, ChangeKind.REPORTING_VERB, ChangeKind.INSERTION, ChangeKind.PUNCTUATION):
        assert "font-weight:bold" not in html_piece(Piece("claimed", "said", kind.value))


def test_html_of_a_quote_keeps_statuses_and_escapes_the_speaker(comparison):
    parsed = _Html(html_text(quote_evidence(comparison, comparison.quotes[0], show_trivial=False)))
    assert "credited to Bob <i>Roe</i>, not to Ann Lee" in parsed.text
    assert "i" not in parsed.inside
    assert parsed.inside["del"][-1] == "will" and parsed.inside["mark"][-1] == "may"
    assert "absent; not in this version" in parsed.text


@pytest.fixture(scope="module")
def sample() -> Comparison:
    files = sorted(SAMPLE.glob("*.txt"))
    versions = [make_version(read_document(f), f.stem, f"v{n}") for n, f in enumerate(files, start=1)]
    return compare(versions, reference="v1", threshold=0.5, embedder=BagOfWordsEmbedder())


def test_a_statement_of_the_sample_names_the_quotations_in_it(sample):
    quote = sample.quotes[0]
    row = next(i for i, r in enumerate(sample.rows) if r.cells.get("v1") and any(
        quote.text[:20] in sample.passages["v1"][p].text for p in r.cells["v1"]))
    evidence = rows_evidence(sample, [row], [v.id for v in sample.versions], show_trivial=False)
    by_label = {b.label: b for b in evidence.sections[0].blocks}
    for version in sample.versions:
        status = quote.occurrences[version.id].status
        if status != "absent" and by_label[version.label].pieces:
            assert any(n.startswith(f"quotation {quote.id} (") and n.endswith(status)
                       for n in by_label[version.label].notes), version.label
    # Every version's text is its own: the plain text with the brackets resolved gives it back.
    for version in sample.versions:
        block = by_label[version.label]
        own = "".join(p.text for p in block.pieces)
        assert all(sample.passages[version.id][i].text in own for i in sample.rows[row].cells[version.id])
