"""Provenance in the exports, the report's title from the story, and hostile input kept inert."""

from __future__ import annotations

import hashlib
import json
import os
from html.parser import HTMLParser

import pytest
from fakes import BagOfWordsEmbedder

from storydiff.core.model import Version
from storydiff.engine import compare, make_version
from storydiff.ingest import read_document
from storydiff.report import render_html, write_json
from storydiff.report.provenance import FILE_CHANGED, FILE_MODIFIED, RETRIEVED, UNKNOWN, build_provenance
from storydiff.storage.session_values import Note

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
STYLE = "</style><marquee>styled</marquee><style>"
LINK = '<a href="javascript:alert(3)">click here</a>'
HOSTILE = (SCRIPT, IMG, STYLE, LINK)

BODY = (
    "The city closed its harbour bridge on Tuesday after inspectors found corroded cables. "
    "About 48,000 vehicles use the bridge every weekday. "
    '"We cannot let a single car cross," the engineer Helena Varga said.'
)


def version(vid: str, text: str, label: str, **extra) -> Version:
    return Version(vid, label, extra.pop("source", f"{vid}.txt"), text, hashlib.sha256(text.encode()).hexdigest(), **extra)


def run(versions, reference="v1"):
    return compare(versions, reference=reference, threshold=0.6, embedder=BagOfWordsEmbedder())


class Page(HTMLParser):
    """What a browser would build: every start tag with its attributes, the text of each element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.open: list[str] = []
        self.data: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        self.data.append((self.open[-1] if self.open else "", data))

    def text(self) -> str:
        return "".join(data for _, data in self.data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_hostile_markup_in_every_input_stays_text(tmp_path):
    hostile = " ".join(HOSTILE)
    wire = version("v1", f"Bridge closes {SCRIPT}\n\n{BODY} {hostile} Repairs take months.", f"Wire {IMG}",
                   source=f"https://example.org/{LINK}", encoding=STYLE, title=LINK)
    copy = version("v2", f"Bridge closes\n\n{BODY.replace('said', 'mentioned')} {hostile}", f"Copy {STYLE}")
    comparison = run([wire, copy])
    notes = (Note("version", "v2", f"note {hostile}"), Note("row", "v1:1", LINK))
    page = parse(render_html(comparison, provenance=build_provenance(comparison, notes=notes)))

    names = [tag for tag, _ in page.tags]
    assert not {"script", "img", "marquee", "a", "iframe", "object", "embed"} & set(names)
    assert names.count("style") == 1
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name, value)
    style_text = "".join(data for tag, data in page.data if tag == "style")
    assert "marquee" not in style_text and "alert" not in style_text
    # The hostile text is still there, as text the reader can see.
    text = page.text()
    for piece in HOSTILE:
        assert piece in text
    assert f"note {hostile}" in text


def test_title_is_the_references_headline_then_its_title_then_its_label():
    headline = "Harbour bridge closes after inspection"
    with_headline = run([version("v1", f"{headline}\n\n{BODY}", "wire", title="Page title | Site"),
                         version("v2", BODY, "copy")])
    page = parse(render_html(with_headline))
    title = "".join(data for tag, data in page.data if tag == "title")
    assert title == f"StoryDiff: {headline}"
    assert "".join(data for tag, data in page.data if tag == "h1") == headline

    no_headline = run([version("v1", BODY, "wire", title="Page title"), version("v2", BODY, "copy")])
    assert "<title>StoryDiff: Page title</title>" in render_html(no_headline)
    bare = run([version("v1", BODY, "wire"), version("v2", BODY, "copy")])
    assert "<title>StoryDiff: wire</title>" in render_html(bare)


def test_json_provenance_per_version_and_settings(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(f"Bridge closes\n\n{BODY}", encoding="utf-8")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    wire = make_version(read_document(path), "wire", "v1")
    web = version("v2", BODY, "web", source="https://example.org/story", retrieved="2026-12-01T09:00:00+00:00",
                  encoding="utf-8")
    pasted = version("v3", BODY + " Extra words here.", "pasted", source="<pasted>")
    comparison = run([wire, web, pasted])
    out = tmp_path / "c.json"
    write_json(comparison, out)
    data = json.loads(out.read_text(encoding="utf-8"))["provenance"]
    assert data["model"] == "fake-bag-of-words" and data["threshold"] == 0.6 and data["storydiff"]
    assert data["by_user"] == []
    by_id = {v["id"]: v for v in data["versions"]}
    assert by_id["v1"]["time"] == "2023-11-14T22:13:20+00:00" and by_id["v1"]["time_kind"] == FILE_MODIFIED
    assert by_id["v1"]["source"] == str(path) and by_id["v1"]["encoding"] == wire.encoding
    assert by_id["v1"]["sha256"] == wire.sha256 and by_id["v1"]["words"] == comparison.stats["v1"].words
    assert (by_id["v2"]["time"], by_id["v2"]["time_kind"]) == ("2026-12-01T09:00:00+00:00", RETRIEVED)
    assert (by_id["v3"]["time"], by_id["v3"]["time_kind"]) == (None, UNKNOWN)

    path.write_text("Someone edited the file afterwards.", encoding="utf-8")
    changed = {v.id: v for v in build_provenance(comparison).versions}
    assert changed["v1"].time_kind == FILE_CHANGED and changed["v1"].time is not None


def test_users_corrections_and_notes_are_marked_as_theirs():
    from storydiff.decisions import link, quote_status

    comparison = run([version("v1", f"Bridge closes\n\n{BODY}", "wire"),
                      version("v2", f"Bridge closes\n\n{BODY.replace('said', 'mentioned')}", "copy")])
    quote = comparison.quotes[0]
    decisions = (link([("v1", 1), ("v2", 1)]), quote_status(quote.text, "v2", "altered"))
    notes = (Note("quote", quote.text[:80], "checked against the video"), Note("row", "v1:1", "first statement"))
    provenance = build_provenance(comparison, decisions=decisions, notes=notes)
    assert [(u.kind, u.target) for u in provenance.user] == [
        ("correction", "passages wire #2, copy #2"),
        ("correction", f"quote “{quote.text[:59]}…” in copy" if len(quote.text) > 60 else f"quote “{quote.text}” in copy"),
        ("note", f"quote {quote.id}"),
        ("note", f"row {next(r.index for r in comparison.rows if 1 in r.cells['v1']) + 1}"),
    ]
    html = render_html(comparison, provenance=provenance)
    page = parse(html)
    assert page.text().count("by the user") == 4
    assert "checked against the video" in page.text()


@pytest.mark.parametrize("kind", ["row", "quote", "version"])
def test_notes_on_targets_that_are_gone_still_show(kind):
    comparison = run([version("v1", BODY, "wire"), version("v2", BODY, "copy")])
    entry = build_provenance(comparison, notes=(Note(kind, "zz:99", "orphan"),)).user[0]
    assert entry.text == "orphan" and entry.kind == "note" and entry.target
