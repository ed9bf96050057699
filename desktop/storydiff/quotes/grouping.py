"""Group the pieces of every version into statements: one per utterance.

Two steps, neither depending on the order of the versions:

1. **Sentence groups.** Two pieces of different versions render the same words
   when their longest common word runs cover most of the shorter one
   (``LINK_SHARE``, at least two words), wherever the alignment put them; when
   the alignment put them in one row, half is enough, and so is a share of
   their content words (``SPUN_SHARE``: a spinner's "sufficient in the tank"
   for "enough in the tank"). Groups are the connected pieces (union-find);
   candidates come from shared word pairs and shared rows, never all pairs.
2. **Statements.** Sentence groups that follow each other inside one quotation
   are one statement unless some version quotes one of them faithfully and in
   full, its quotation ending there (or starting there), without the other:
   the statement is split where outlets split it, and a statement printed
   whole by one outlet and trimmed by others stays one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storydiff.quotes.matching import common_words
from storydiff.quotes.names import same_person
from storydiff.quotes.pieces import Piece
from storydiff.quotes.words import meaning_keys_of_words

LINK_SHARE = 0.75  # of the shorter piece's words, in common runs: the same words anywhere
LINK_MIN_WORDS = 4
ROW_SHARE = 0.5  # the same, within one row of the alignment
SPUN_SHARE = 0.4  # of the smaller set of content keys, within one row: a reworded rendering
SPUN_MIN_KEYS = 2
CUT_MIN_CHARS = 3  # a cut-off start (last word's letters plus words) at least this long
SOLID_WORDS = 4  # a piece quoting at least this many words,
SOLID_SHARE = 0.6  # this share of its group's longest piece,
SOLID_FAITHFUL = 0.8  # with this share of its own words in common runs with it, quotes its sentence in full


def sentence_groups(pieces: Sequence[Piece]) -> list[list[int]]:
    """Indexes of ``pieces`` grouped by sentence rendered, each group sorted."""
    parent = list(range(len(pieces)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(pieces):
        if find(i) != find(j) and linked(pieces[i], pieces[j]):
            parent[find(i)] = find(j)
    return _components(find, len(pieces))


def _components(find, n: int) -> list[list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values())


def _candidate_pairs(pieces: Sequence[Piece]) -> list[tuple[int, int]]:
    """Pairs of pieces of different versions sharing two adjacent words or a row,
    and a cut-off piece with every piece starting as it does."""
    index: dict[object, list[int]] = defaultdict(list)
    for i, piece in enumerate(pieces):
        keys: set[object] = set(zip(piece.plain, piece.plain[1:]))
        keys.update(("row", r) for r in piece.rows)
        for key in keys:
            index[key].append(i)
    pairs = set()
    for i, piece in enumerate(pieces):
        if piece.cut:  # cut off after a word or two: compare with every start it may be
            pairs.update((min(i, j), max(i, j)) for j, other in enumerate(pieces)
                         if other.version != piece.version and other.plain[0].startswith(piece.plain[0]))
    for members in index.values():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if pieces[i].version != pieces[j].version:
                    pairs.add((i, j))
    return sorted(pairs)


def linked(a: Piece, b: Piece) -> bool:
    """True if pieces ``a`` and ``b`` render the same sentence (see the module)."""
    if _cut_prefix(a, b) or _cut_prefix(b, a):
        return True
    shorter = min(len(a.plain), len(b.plain))
    common = common_words(a.plain, b.plain)
    if common >= 2 and common >= LINK_SHARE * shorter and common >= min(LINK_MIN_WORDS, shorter):
        return True
    if not a.rows & b.rows:
        return False
    if common >= ROW_SHARE * shorter and common >= min(2, shorter):
        return True
    return _reworded(a, b)


def _cut_prefix(a: Piece, b: Piece) -> bool:
    """True if ``a`` is where a copy was cut off: the start of ``b``, its last word
    perhaps cut short ("I c" for "I can think of ...", "Politicia")."""
    n = len(a.plain)
    if not a.cut or n >= len(b.plain) or a.plain[: n - 1] != b.plain[: n - 1]:
        return False
    return b.plain[n - 1].startswith(a.plain[-1]) and len(a.plain[-1]) + n >= CUT_MIN_CHARS


def _reworded(a: Piece, b: Piece) -> bool:
    """Same row, no conflicting speakers, and enough content in common."""
    if a.speaker and b.speaker and not same_person(a.speaker, b.speaker):
        return False
    ka, kb = meaning_keys_of_words(a.words), meaning_keys_of_words(b.words)
    shared = len(ka & kb)
    return shared >= SPUN_MIN_KEYS and shared >= SPUN_SHARE * min(len(ka), len(kb))


def statements(pieces: Sequence[Piece], groups: Sequence[Sequence[int]]) -> list[list[int]]:
    """Indexes of ``pieces`` by statement: sentence groups merged as the module says."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    by_member = _by_member(pieces)
    solid = _solid(pieces, groups, group_of)
    parent = list(range(len(groups)))

    def find(g: int) -> int:
        while parent[g] != g:
            g = parent[g]
        return g

    adjacent = _adjacent(by_member, group_of)
    for a, b in sorted(adjacent):
        if _branches(a, b, adjacent) or _split(a, b, by_member, group_of, solid):
            continue
        if find(a) != find(b):
            parent[max(find(a), find(b))] = min(find(a), find(b))
    merged: dict[int, list[int]] = defaultdict(list)
    for g, members in enumerate(groups):
        merged[find(g)].extend(members)
    return [sorted(m) for m in merged.values()]


def _branches(a: int, b: int, adjacent: dict[tuple[int, int], int]) -> bool:
    """True if ``b`` follows another sentence, or ``a`` precedes another, in at
    least as many members as ``b`` follows ``a``: outlets that put different
    sentences around one composed quotations of their own, and only a sequence
    most of them agree on is one statement."""
    support = adjacent[(a, b)]
    return any(n >= support for (x, y), n in adjacent.items() if (x == a) != (y == b) and (x == a or y == b))


def _split(a: int, b: int, by_member, group_of, solid: set[int]) -> bool:
    """True if some member ends its quotation with a solid piece of ``a`` (``a``
    before ``b``) without quoting ``b``, or starts it with a solid piece of ``b``
    without quoting ``a``."""
    for idx in by_member.values():
        seen = {group_of[i] for i in idx}
        last, first = idx[-1], idx[0]
        if group_of[last] == a and last in solid and b not in seen:
            return True
        if group_of[first] == b and first in solid and a not in seen:
            return True
    return False


def _by_member(pieces: Sequence[Piece]) -> dict[tuple[str, int], list[int]]:
    out: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, piece in enumerate(pieces):
        out[(piece.version, piece.member)].append(i)
    for idx in out.values():
        idx.sort(key=lambda i: pieces[i].start)
    return out


def _solid(pieces: Sequence[Piece], groups, group_of) -> set[int]:
    """Pieces that quote their sentence faithfully and in full: long enough, not
    a phrase inside the writer's sentence, mostly the words of the group's
    longest piece."""
    longest = [max(members, key=lambda i: (len(pieces[i].words), pieces[i].words)) for members in groups]
    out = set()
    for i, piece in enumerate(pieces):
        full = pieces[longest[group_of[i]]]
        if piece.partial or len(piece.words) < max(SOLID_WORDS, SOLID_SHARE * len(full.words)):
            continue
        if piece is full or common_words(piece.words, full.words) >= SOLID_FAITHFUL * len(piece.words):
            out.add(i)
    return out


def _adjacent(by_member, group_of) -> dict[tuple[int, int], int]:
    """Pairs (earlier, later) of sentence groups that follow each other inside a
    member, with the number of members where they do."""
    pairs: dict[tuple[int, int], int] = defaultdict(int)
    for idx in by_member.values():
        seq = [group_of[i] for i in idx]
        for pair in {(a, b) for a, b in zip(seq, seq[1:]) if a != b}:
            pairs[pair] += 1
    return pairs
