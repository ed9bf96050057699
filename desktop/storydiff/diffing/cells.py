"""The text of one row cell and the map from its offsets back to the version's text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storydiff.core.model import Passage


@dataclass(frozen=True)
class CellText:
    """``text`` is the cell's passages read together; ``pieces`` are
    (offset in text, offset in the version's text, length) per passage."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]

    def to_version(self, offset: int) -> int:
        """Code-point offset in ``text`` -> code-point offset in the version's text."""
        for local, origin, length in reversed(self.pieces):
            if offset >= local:
                return origin + min(offset - local, length)
        return self.pieces[0][1]


def cell_text(version_text: str, passages: Sequence[Passage], indexes: Sequence[int]) -> CellText:
    """The cell's text: the exact span when its passages are adjacent (so line breaks
    between them are seen as they are), otherwise the passages joined by spaces."""
    chosen = [passages[i] for i in indexes]
    if list(indexes) == list(range(indexes[0], indexes[-1] + 1)):
        start, end = chosen[0].start, chosen[-1].end
        return CellText(version_text[start:end], ((0, start, end - start),))
    pieces, parts, offset = [], [], 0
    for passage in chosen:
        pieces.append((offset, passage.start, passage.end - passage.start))
        parts.append(passage.text)
        offset += len(passage.text) + 1
    return CellText(" ".join(parts), tuple(pieces))
