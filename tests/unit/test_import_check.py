"""The check step's edit (cut lines, label, whole page) and duplicate detection on import."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import pytest

from storydiff.core.errors import InputError
from storydiff.core.model import Version
from storydiff.ingest.check import ImportEdit, apply_cuts, content_lines
from storydiff.ingest.duplicates import find_duplicate, shared_share, statements

TEXT = "Menu\n\nHome | World\n\nThe headline\n\nFirst paragraph here.\nSecond line.\n\nShare this\n\nComments (3)"


def test_cuts_count_non_blank_lines_and_keep_the_rest_unchanged():
    assert content_lines(TEXT) == 7
    assert apply_cuts(TEXT, 2, 2) == "The headline\n\nFirst paragraph here.\nSecond line."
    assert apply_cuts(TEXT, 0, 0) == TEXT
    assert apply_cuts(TEXT, 6, 0) == "Comments (3)"


@pytest.mark.parametrize(("start", "end"), [(7, 0), (4, 3), (-1, 0)])
def test_cuts_that_leave_nothing_are_refused(start, end):
    with pytest.raises(InputError, match="^page: "):
        apply_cuts(TEXT, start, end, "page")


def test_edit_round_trips_as_json_and_describes_itself():
    edit = ImportEdit(proposed_label="example.org: Bridge", label="Example", cut_start=2, cut_end=1, whole_page=True)
    assert ImportEdit.from_json(edit.to_json()) == edit
    assert edit.describe() == ("whole page text; cut 2 lines at the start; cut 1 line at the end; "
                               "renamed from 'example.org: Bridge'")
    assert not ImportEdit("a", "a").changes_anything() and ImportEdit("a", "a").describe() == "as extracted"


STORY = ("Harbour Bridge to close\n\nThe city council voted on Tuesday to close the bridge. "
         "\u201cIt is no longer safe,\u201d Mayor Ana Ruiz said. Engineers found cracks in three supports. "
         "Repairs will cost $48 million. The state will pay most of the cost. Ferries will run every "
         "twenty minutes. The council votes again in June. Residents were angry. Traffic will be heavy. "
         "Shops on the quay fear losing trade.")


def version(vid: str, label: str, text: str) -> Version:
    return Version(vid, label, f"{vid}.txt", text, hashlib.sha256(text.encode()).hexdigest())


def test_same_text_is_a_duplicate_naming_the_version():
    found = find_duplicate(STORY, None, [version("v1", "Other", "Something else entirely."), version("v2", "Wire", STORY)])
    assert (found.version_id, found.share) == ("v2", 1.0)
    assert found.message() == "'Wire' has the same text"


def test_same_raw_bytes_is_a_duplicate():
    loaded = version("v1", "Saved page", "Different extraction of the page.")
    if "raw_sha256" not in Version.__dataclass_fields__:
        pytest.fail("Version keeps the raw bytes' sha256")
    loaded = replace(loaded, raw_sha256="ab" * 32)
    found = find_duplicate(STORY, "ab" * 32, [loaded])
    assert found.message() == "'Saved page' was read from the same bytes"


def test_nearly_identical_statements_are_a_duplicate():
    reformatted = STORY.replace("Tuesday to close", "Tuesday to  close").replace("$48", "$ 48").upper()
    reworded = STORY.replace("Residents were angry.", "Residents were furious.")
    assert find_duplicate(reformatted, None, [version("v1", "Wire", STORY)]).share >= 0.9
    found = find_duplicate(reworded, None, [version("v1", "Wire", STORY)])
    assert found is not None
    assert re.fullmatch(r"'Wire' has 9\d% of the same statements, word for word", found.message())


def test_a_trimmed_or_rewritten_copy_is_not_a_duplicate():
    trimmed = STORY.split(" Ferries")[0] + "."
    rewritten = STORY.replace("said", "stated").replace("cost", "price").replace("will", "shall")
    loaded = [version("v1", "Wire", STORY)]
    assert find_duplicate(trimmed, None, loaded) is None
    assert find_duplicate(rewritten, None, loaded) is None


def test_statements_ignore_case_punctuation_and_short_lines():
    found = statements("Menu\n\nThe bridge, it said, is \u201cunsafe\u201d. OK.")
    assert found == frozenset({"the bridge it said is unsafe"})
    assert shared_share(frozenset(), found) == 0.0
