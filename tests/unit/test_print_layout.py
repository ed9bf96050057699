"""The paper layout's HTML (Qt-free): layout choice by version count, escaped input text."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

from fakes import BagOfWordsEmbedder

from storydiff.core.model import Version
from storydiff.engine import compare
from storydiff.report.print_layout import SIDE_BY_SIDE_MAX, choose_layout, print_html


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def version(vid: str, text: str, label: str) -> Version:
    return Version(vid, label, f"{vid}.txt", text, hashlib.sha256(text.encode()).hexdigest())


def test_layout_by_version_count():
    assert [choose_layout(n).side_by_side for n in (1, 3, 5, 6, 40)] == [True, True, True, False, False]
    assert [choose_layout(n).landscape for n in (2, 3, 4, 5, 6)] == [False, False, True, True, False]
    assert SIDE_BY_SIDE_MAX == 5


def test_input_text_is_escaped():
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    versions = [version("v1", f"The bridge closed. {hostile} Repairs start soon.", f"Wire {hostile}"),
                version("v2", "The bridge closed. Repairs start soon.", "Copy")]
    comparison = compare(versions, reference="v1", threshold=0.6, embedder=BagOfWordsEmbedder())
    for layout in (choose_layout(2), choose_layout(8)):
        parser = Tags()
        parser.feed(print_html(comparison, layout))
        assert "script" not in parser.tags and "img" not in parser.tags
        assert hostile in "".join(parser.text)
