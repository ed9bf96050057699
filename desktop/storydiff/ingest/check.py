"""The check step's edit of an imported text: cut lines at its start or end, whole-page text.

An ``ImportEdit`` records what the user changed between extraction and comparison, so the
session and the report can say how the version's text came about: the label first proposed,
how many lines were cut from the start and the end, and whether the page's whole text was
used instead of the extracted article. ``apply_cuts`` does the cutting; a "line" is a
non-blank line of the text (blank lines only separate paragraphs).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from storydiff.core.errors import InputError


@dataclass(frozen=True)
class ImportEdit:
    """What the check step changed; the default changes nothing."""

    proposed_label: str = ""
    label: str = ""
    cut_start: int = 0
    cut_end: int = 0
    whole_page: bool = False

    def changes_anything(self) -> bool:
        return bool(self.cut_start or self.cut_end or self.whole_page or self.label != self.proposed_label)

    def to_json(self) -> str:
        """A compact JSON object, as stored with the version."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @staticmethod
    def from_json(text: str) -> ImportEdit:
        data = json.loads(text)
        return ImportEdit(**{k: data[k] for k in ImportEdit.__dataclass_fields__ if k in data})

    def describe(self) -> str:
        """One line for people, e.g. "cut 3 lines at the start; renamed from 'x'"."""
        parts = []
        if self.whole_page:
            parts.append("whole page text")
        if self.cut_start:
            parts.append(f"cut {_lines(self.cut_start)} at the start")
        if self.cut_end:
            parts.append(f"cut {_lines(self.cut_end)} at the end")
        if self.label != self.proposed_label:
            parts.append(f"renamed from '{self.proposed_label}'")
        return "; ".join(parts) or "as extracted"


def content_lines(text: str) -> int:
    """How many non-blank lines ``text`` has."""
    return sum(1 for line in text.split("\n") if line.strip())


def apply_cuts(text: str, cut_start: int, cut_end: int, source: str = "text") -> str:
    """``text`` without its first ``cut_start`` and last ``cut_end`` non-blank lines.

    The lines kept are unchanged (offsets inside them shift by the cut only). Raises
    ``InputError`` naming ``source`` when nothing would be left or a count is negative.
    """
    if cut_start < 0 or cut_end < 0:
        raise InputError(f"{source}: cannot cut a negative number of lines")
    lines = text.split("\n")
    kept = [n for n, line in enumerate(lines) if line.strip()]
    if cut_start + cut_end >= len(kept):
        raise InputError(f"{source}: cutting {cut_start + cut_end} of {len(kept)} lines leaves no text")
    if not cut_start and not cut_end:
        return text
    first, last = kept[cut_start], kept[len(kept) - 1 - cut_end]
    return "\n".join(lines[first : last + 1])


def _lines(count: int) -> str:
    return f"{count} line" + ("" if count == 1 else "s")
