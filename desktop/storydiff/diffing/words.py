"""Word-level diff: diff-match-patch run over tokens instead of characters.

Each distinct token becomes one character, as ``diff_linesToChars`` does for
lines, so the diff and its semantic cleanup work on whole words and never
produce "g-re-en" letter soup.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

from storydiff.diffing.tokens import tokenize

DELETE, EQUAL, INSERT = -1, 0, 1

# Private-use code points: none is a letter, digit or space, so the cleanup's
# boundary scoring treats every token boundary alike instead of misreading a
# token number as, say, a newline (which chr(10) would be).
_PRIVATE_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
CAPACITY = sum(hi - lo + 1 for lo, hi in _PRIVATE_RANGES)


def _private_char(index: int) -> str:
    """The ``index``-th private-use character (0 <= index < CAPACITY)."""
    for lo, hi in _PRIVATE_RANGES:
        if index <= hi - lo:
            return chr(lo + index)
        index -= hi - lo + 1
    raise ValueError("token index beyond the private-use area")


class TokenCodec:
    """Maps each distinct token to one character and back.

    ``capacity`` bounds the number of distinct tokens. When it runs out, the
    rest of the text becomes a single token, as ``diff_linesToChars`` does:
    the diff stays exact, only coarser at the end.
    """

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._chars: dict[str, str] = {}
        self._tokens: dict[str, str] = {}

    def encode(self, text: str, limit: int) -> str:
        """One character per token of ``text``, allotting at most ``limit`` tokens."""
        pieces = tokenize(text)
        chars = []
        for i, token in enumerate(pieces):
            if token not in self._chars and len(self._chars) >= limit:
                chars.append(self._char_for("".join(pieces[i:])))
                break
            chars.append(self._char_for(token))
        return "".join(chars)

    def decode(self, chars: str) -> str:
        """The text that ``chars`` (from :meth:`encode`) stands for."""
        return "".join(self._tokens[char] for char in chars)

    def _char_for(self, token: str) -> str:
        char = self._chars.get(token)
        if char is None:
            char = _private_char(len(self._chars))
            self._chars[token] = char
            self._tokens[char] = token
        return char


def encode_pair(a: str, b: str, capacity: int = CAPACITY) -> tuple[str, str, TokenCodec]:
    """Encode both texts with one shared codec: ``(chars_a, chars_b, codec)``.

    Like ``diff_linesToChars``, ``a`` gets two thirds of the capacity; ``b``
    keeps one slot in reserve so that its remainder token always fits.
    """
    codec = TokenCodec(capacity)
    chars_a = codec.encode(a, limit=max(1, capacity * 2 // 3))
    chars_b = codec.encode(b, limit=capacity - 1)
    return chars_a, chars_b, codec


def word_diff(a: str, b: str, *, capacity: int = CAPACITY) -> list[tuple[int, str]]:
    """Diff ``a`` against ``b`` word by word.

    Returns diff-match-patch operations ``(op, text)`` with op -1 (only in
    ``a``), 0 (in both) or 1 (only in ``b``); every ``text`` is whole tokens.
    The ops rebuild both inputs: joining ops <= 0 gives ``a``, ops >= 0 gives
    ``b``. ``capacity`` (distinct tokens) is only lowered by tests.
    Diff-match-patch's 1 s timeout applies: past it, very long inputs get a
    valid but less minimal diff.
    """
    chars_a, chars_b, codec = encode_pair(a, b, capacity)
    dmp = diff_match_patch()
    diffs = dmp.diff_main(chars_a, chars_b, checklines=False)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, codec.decode(chars)) for op, chars in diffs]
