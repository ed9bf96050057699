"""The report layer: JSON against the bundled schema, HTML escaping and content, text summary."""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import jsonschema
import pytest

from storydiff.core.model import (
    Change,
    ChangeKind,
    Comparison,
    Occurrence,
    Passage,
    Quote,
    Row,
    Version,
    VersionStats,
)
from storydiff.report import (
    SCHEMA_ID,
    ExportError,
    comparison_to_dict,
    load_schema,
    render_html,
    render_summary,
    write_html,
    write_json,
)

EVIL = "<script>alert(1)</script>"

WIRE_SENTENCES = (
    "The minister said 3 people were hurt.",
    "Critics disagreed strongly.",
    '"We will fight war crimes," Jane Example said.',
)
SPIN_SENTENCES = (
    '"We will fight warfare crimes," Jane Example mentioned.',
    "The minister mentioned 4 people were hurt.",
    f"Critics disagreed {EVIL} & co.",
)
CAFE_SENTENCES = (
    "The minister said that 3 people.",
    "Were hurt, it seems.",
    "An extra sentence at the Café.",
)


def _version(vid: str, label: str, sentences: tuple[str, ...], **extra) -> Version:
    text = " ".join(sentences)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Version(id=vid, label=label, source=f"{vid}.txt", text=text, sha256=sha, **extra)


def _passages(version: Version, sentences: tuple[str, ...]) -> tuple[Passage, ...]:
    passages, cursor = [], 0
    for index, sentence in enumerate(sentences):
        start = version.text.index(sentence, cursor)
        cursor = start + len(sentence)
        passages.append(Passage(version.id, index, start, cursor, sentence))
    return tuple(passages)


def _change(row: int, version: Version, kind: ChangeKind, before: str, after: str, *,
            at: str | None = None, near: str = "", in_text: Version | None = None) -> Change:
    """A change at ``at`` (default ``after``), first found from ``near`` on in ``in_text``."""
    text = (in_text or version).text
    needle = after if at is None else at
    start = text.index(needle, text.index(near))
    return Change(row, version.id, kind, before, after, start, start + len(needle),
                  in_reference=in_text is not None)


def _stats(vid: str, words: int, shared: int, omitted: int, unique: int, moved: int,
           changed: float, trivial: float, subs=()) -> VersionStats:
    return VersionStats(vid, words, shared, omitted, unique, moved, round(words * changed),
                        changed, trivial, tuple(subs))


@pytest.fixture
def comparison() -> Comparison:
    """Three versions: a wire, a spun copy (one moved row) and a copy that drops two rows."""
    wire = _version("v1", "Example Wire", WIRE_SENTENCES, title="Minister & critics")
    spin = _version("v2", f'Spin {EVIL} & "Co"', SPIN_SENTENCES, date="2024-05-01")
    cafe = _version("v3", "Café Times", CAFE_SENTENCES, encoding="cp1252")
    return Comparison(
        model="all-MiniLM-L6-v2",
        threshold=0.6,
        reference="v1",
        versions=(wire, spin, cafe),
        passages={v.id: _passages(v, s) for v, s in
                  ((wire, WIRE_SENTENCES), (spin, SPIN_SENTENCES), (cafe, CAFE_SENTENCES))},
        rows=(
            Row(0, {"v1": (0,), "v2": (1,), "v3": (0, 1)}, {"v2": 0.912345, "v3": 0.8}),
            Row(1, {"v1": (1,), "v2": (2,), "v3": ()}, {"v2": 0.7, "v3": None}),
            Row(2, {"v1": (2,), "v2": (0,), "v3": ()}, {"v2": 0.85, "v3": None}, moved=("v2",)),
            Row(3, {"v3": (2,)}),  # unique to v3; the other versions are left out on purpose
        ),
        changes=(
            _change(0, spin, ChangeKind.REPORTING_VERB, "said", "mentioned",
                    near=SPIN_SENTENCES[1]),
            _change(0, spin, ChangeKind.NUMBER, "3", "4"),
            _change(0, cafe, ChangeKind.INSERTION, "", "that"),
            _change(0, cafe, ChangeKind.CASE, "were", "Were"),
            _change(0, cafe, ChangeKind.INSERTION, "", ", it seems"),
            _change(1, spin, ChangeKind.DELETION, "strongly", "", in_text=wire),
            _change(1, spin, ChangeKind.INSERTION, "", EVIL),
            _change(2, spin, ChangeKind.SUBSTITUTION, f"war {EVIL}", "warfare"),
            _change(2, spin, ChangeKind.QUOTE_STYLE, "'", '"', at='"'),
        ),
        stats={
            "v1": _stats("v1", 17, 3, 0, 0, 0, 0.0, 0.0),
            "v2": _stats("v2", 19, 3, 0, 0, 1, 0.25, 0.05,
                         [("said", "mentioned"), ("war", "warfare"), ("3", "4")]),
            "v3": _stats("v3", 14, 1, 2, 1, 0, 0.125, 0.0625),
        },
        quotes=(
            Quote("q1", f"Jane {EVIL}", f"We will fight war crimes {EVIL}", {
                "v1": Occurrence("verbatim", "We will fight war crimes,", 1, 26, "Jane Example"),
                "v2": Occurrence("altered", "We will fight warfare crimes,", 1, 30, "Jane Example"),
            }),
        ),
    )


# --- JSON -------------------------------------------------------------------------------------


def test_bundled_schema_is_a_valid_draft_2020_12_schema():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == SCHEMA_ID


def test_dict_validates_against_bundled_schema(comparison):
    jsonschema.Draft202012Validator(load_schema()).validate(comparison_to_dict(comparison))


def test_dict_without_quotes_or_rows_validates(comparison):
    empty = replace(comparison, rows=(), changes=(), quotes=(), stats={})
    jsonschema.Draft202012Validator(load_schema()).validate(comparison_to_dict(empty))


def test_dict_top_level_and_versions(comparison):
    data = comparison_to_dict(comparison)
    assert data["schema"] == SCHEMA_ID
    assert data["model"] == "all-MiniLM-L6-v2"
    assert data["reference"] == "v1"
    assert data["threshold"] == 0.6
    assert data["generator"].startswith("storydiff ")
    assert [v["id"] for v in data["versions"]] == ["v1", "v2", "v3"]
    wire = data["versions"][0]
    assert wire["text"] == comparison.versions[0].text
    assert wire["title"] == "Minister & critics"
    assert "date" not in wire and "encoding" not in wire
    assert data["versions"][2]["encoding"] == "cp1252"
    assert wire["passages"][1] == {"index": 1, "start": 38, "end": 65, "text": WIRE_SENTENCES[1], "kind": "body"}


def test_dict_rows_name_every_version(comparison):
    rows = comparison_to_dict(comparison)["rows"]
    assert rows[0]["cells"] == {"v1": [0], "v2": [1], "v3": [0, 1]}
    assert rows[0]["similarity"] == {"v2": 0.9123, "v3": 0.8}
    assert rows[2]["moved"] == ["v2"]
    assert rows[3]["cells"] == {"v1": [], "v2": [], "v3": [2]}
    assert rows[3]["similarity"] == {"v2": None, "v3": None}


def test_dict_changes_and_stats(comparison):
    data = comparison_to_dict(comparison)
    first = data["changes"][0]
    assert {k: first[k] for k in ("row", "version", "kind", "before", "after")} == {
        "row": 0, "version": "v2", "kind": "reporting-verb", "before": "said", "after": "mentioned"}
    spin_text = comparison.versions[1].text
    assert spin_text[first["start"]:first["end"]] == "mentioned"
    deletion = data["changes"][5]
    assert deletion["kind"] == "deletion" and deletion["in_reference"] is True
    assert data["stats"]["v2"]["substitutions"][0] == ["said", "mentioned"]
    assert data["stats"]["v3"]["change_share"] == 0.125


def test_dict_quotes_name_every_version(comparison):
    occurrences = comparison_to_dict(comparison)["quotes"][0]["occurrences"]
    assert list(occurrences) == ["v1", "v2", "v3"]
    assert occurrences["v2"]["status"] == "altered"
    assert occurrences["v3"] == {"status": "absent", "text": None, "start": None, "end": None,
                                 "speaker": None}


def test_write_json_round_trips(comparison, tmp_path):
    path = tmp_path / "story.json"
    write_json(comparison, path)
    with open(path, encoding="utf-8") as handle:
        assert json.load(handle) == comparison_to_dict(comparison)
    assert "Café" in path.read_text(encoding="utf-8")  # ensure_ascii=False
    assert [p.name for p in tmp_path.iterdir()] == ["story.json"]  # no temporary file left


def test_write_json_replaces_an_existing_file(comparison, tmp_path):
    path = tmp_path / "story.json"
    path.write_text("old", encoding="utf-8")
    write_json(comparison, str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == SCHEMA_ID
    assert [p.name for p in tmp_path.iterdir()] == ["story.json"]


def test_write_to_a_missing_folder_is_an_export_error(comparison, tmp_path):
    with pytest.raises(ExportError, match="Cannot write"):
        write_json(comparison, tmp_path / "missing" / "story.json")


# --- HTML -------------------------------------------------------------------------------------


class _PassageText(HTMLParser):
    """The visible text of each ``<span class="passage">``, minus struck-through markers."""

    def __init__(self) -> None:
        super().__init__()
        self.passages: list[str] = []
        self._depth = 0  # open elements inside the current passage
        self._skip = 0  # open <del>/.was elements inside it

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += 1
            self._skip += bool(self._skip or tag == "del" or "was" in classes)
        elif "passage" in classes:
            self._depth = 1
            self.passages.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if self._depth and not self._skip:
            self.passages[-1] += data


def _shown_passages(page: str) -> list[str]:
    parser = _PassageText()
    parser.feed(page)
    return parser.passages


def test_html_escapes_every_input_text(comparison):
    page = render_html(comparison)
    assert "<script>alert" not in page
    assert html.escape(EVIL, quote=True) in page
    assert html.escape('Spin <script>alert(1)</script> & "Co"', quote=True) in page
    assert "Minister &amp; critics" in page


def test_html_is_self_contained(comparison):
    page = render_html(comparison)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script|<link|\bsrc=|\bhref=|@import|url\(", page, re.IGNORECASE)
    assert "prefers-color-scheme: dark" in page


def test_html_shows_every_passage_text_unaltered(comparison):
    shown = _shown_passages(render_html(comparison))
    expected = [comparison.passages[vid][i]
                for row in comparison.rows for vid in ("v1", "v2", "v3")
                for i in row.cells.get(vid, ())]
    assert shown == [p.text for p in expected]


def test_html_marks_omitted_moved_and_similarity(comparison):
    page = render_html(comparison)
    assert page.count('class="cell omitted"') == 4  # v3 in rows 1-2, v1 and v2 in row 3
    main = page[page.index("<main>"):]  # the legend shows a badge too
    assert main.count('<span class="badge moved">moved</span>') == 1
    assert 'title="similarity 0.91"' in page
    assert "<title>StoryDiff: Minister &amp; critics</title>" in page
    assert "all-MiniLM-L6-v2" in page and "0.60" in page


def test_html_overlays_changes_by_kind(comparison):
    page = render_html(comparison)
    assert '<ins class="chg k-insertion" title="insertion: + “that”">that</ins>' in page
    assert '<del>said</del>→</span><mark>mentioned</mark>' in page
    assert 'class="chg k-number strong"' in page
    assert 'class="chg k-case trivial"' in page and 'class="chg k-quote-style trivial"' in page
    # The deletion points into the reference, so it is listed under the spun cell.
    assert '<div class="removed">removed: <del class="chg k-deletion"' in page
    assert 'id="show-trivial"' in page


def test_html_version_table_and_quotes(comparison):
    page = render_html(comparison)
    assert "25.0%" in page and "12.5%" in page
    assert "said→mentioned, war→warfare, 3→4" in page
    assert 'class="badge status-altered"' in page
    assert page.count('class="badge status-absent"') == 1


def test_html_without_quotes_says_so(comparison):
    page = render_html(replace(comparison, quotes=()))
    assert "No quotations extracted yet" in page


def test_write_html_writes_the_rendered_page(comparison, tmp_path):
    path = tmp_path / "report.html"
    write_html(comparison, path)
    assert path.read_text(encoding="utf-8") == render_html(comparison)
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


# --- Text summary -----------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_summary_mentions_labels_and_percentages(comparison):
    text = render_summary(comparison)
    for version in comparison.versions:
        assert version.label in text
    assert "Reference: Example Wire" in text and "all-MiniLM-L6-v2" in text
    for share in ("25.0%", "5.0%", "12.5%"):
        assert share in text
    assert "said→mentioned, war→warfare, 3→4" in text
    assert "rows shared 3 · omitted 0 · unique 0 · moved 1" in text
    assert "\x1b" not in text


def test_summary_lines_stay_under_100_columns(comparison):
    long = "x" * 150
    wide = replace(comparison, model=long, versions=(
        replace(comparison.versions[0], label=long, title=long), *comparison.versions[1:]))
    stats = dict(comparison.stats, v2=replace(comparison.stats["v2"],
                                              substitutions=((long, long),) * 6))
    text = render_summary(replace(wide, stats=stats), color=True)
    assert all(len(ANSI.sub("", line)) < 100 for line in text.splitlines())


def test_summary_colour_only_adds_escape_codes(comparison):
    coloured = render_summary(comparison, color=True)
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == render_summary(comparison)


def test_summary_strips_control_characters_from_input(comparison):
    hostile = replace(comparison.versions[1], label="Evil\x1b[31m\nOutlet")
    text = render_summary(replace(comparison, versions=(comparison.versions[0], hostile,
                                                        comparison.versions[2])))
    assert "\x1b" not in text
    assert "Evil [31m Outlet" in text
