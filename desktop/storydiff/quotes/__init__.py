"""Quotations: extraction, speaker attribution, matching across versions, statuses.

``extract_quotations(text)`` finds the direct quotations of one text with their
speakers; ``find_quotes(comparison)`` groups them across the versions of a
comparison and gives every version a status (verbatim, trimmed, altered,
paraphrased, absent, misattributed). Qt-free, like the rest of the pipeline.
"""

from storydiff.quotes.extract import Quotation, extract_quotations
from storydiff.quotes.find import find_quotes

__all__ = ["Quotation", "extract_quotations", "find_quotes"]
