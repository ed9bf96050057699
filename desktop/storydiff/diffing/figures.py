"""The numeric content of a text: what the ``number`` change kind compares."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from storydiff.diffing.lexicon import NUMBER_WORDS
from storydiff.diffing.tokens import tokenize


def _plain_number(token: str) -> str | None:
    """``token`` with thousands separators removed and a ``.`` decimal point.

    Heuristic: the last of mixed ``,``/``.`` is the decimal point; groups of
    exactly three digits after repeated or single separators are thousands,
    except that a single ``.`` is always a decimal point (English use).
    Returns None when the token does not read as one number ("1.2.3").
    """
    if "," in token and "." in token:
        point = max(token.rfind(","), token.rfind("."))
        return token[:point].replace(",", "").replace(".", "") + "." + token[point + 1:]
    separator = "," if "," in token else "."
    groups = token.split(separator)
    if len(groups) == 1:
        return token
    thousands = all(len(group) == 3 for group in groups[1:])
    if thousands and (separator == "," or len(groups) > 2):
        return "".join(groups)
    return ".".join(groups) if len(groups) == 2 else None


def _figure(token: str) -> str:
    """A canonical form of a token holding digits: ``"1,000"`` and ``"1000"`` agree.

    Tokens that are not plain numbers ("3rd", "1990s", "1.2.3") keep their
    lower-cased spelling.
    """
    plain = _plain_number(token)
    try:
        value = Decimal(plain) if plain is not None else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        return token.lower()
    return format(value.normalize(), "f")


def numeric_terms(text: str) -> list[str]:
    """The figures in ``text``, in order: digit tokens in canonical form, number
    words lower-cased (``"three"`` stays a word, so ``"3"`` -> ``"three"`` is a
    change of figure), and ``"%"``.
    """
    terms = []
    for token in tokenize(text):
        lower = token.lower()
        if any(char.isdigit() for char in token):
            terms.append(_figure(token))
        elif lower in NUMBER_WORDS or token == "%":
            terms.append(lower)
    return terms
