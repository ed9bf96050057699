"""Word lists behind the change kinds (English; lower case, straight apostrophe)."""

from __future__ import annotations

# Quote marks and look-alikes that outlets swap for one another: straight,
# curly, low-9, guillemets, primes, CJK corner brackets, backtick and acute
# accent typed as apostrophes, fullwidth forms.
QUOTE_MARKS = frozenset("\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b"
                        "\u00ab\u00bb\u2039\u203a\u2032\u2033\u2035\u2036"
                        "\u300c\u300d\u300e\u300f`\u00b4\u02bc\uff02\uff07")

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
          "sixty seventy eighty ninety").split()
_SCALES = "hundred thousand million billion trillion dozen".split()

# Words that carry a figure. "cent" covers "per cent"; "%" is handled apart.
NUMBER_WORDS = frozenset(
    _UNITS + _SCALES + [s + "s" for s in _SCALES] + ["half", "percent", "cent"]
)

# Words that negate; any word ending in "n't" negates too.
NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor nowhere without cannot".split()
)


def _inflections(base: str) -> set[str]:
    """Regular inflections of an English verb: base, -s, -ed, -ing."""
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    if base.endswith("ss"):
        return {base, base + "es", base + "ed", base + "ing"}
    return {base, base + "s", base + "ed", base + "ing"}


_REGULAR_REPORTING = (
    "state claim add note argue insist mention explain declare announce remark warn "
    "allege suggest acknowledge assert report comment reply respond confirm deny "
    "contend maintain observe concede stress emphasise emphasize reveal recall affirm "
    "proclaim complain predict urge ask tweet quote testify inform caution indicate "
    "assure vow pledge reiterate retort exclaim disclose boast clarify recount answer "
    "accuse cite describe"
).split()
_IRREGULAR_REPORTING = (
    "say said says saying tell told tells telling write wrote written writes writing "
    "admit admits admitted admitting speak speaks spoke spoken speaking according"
).split()

# Reporting verbs in every inflection; "according" stands for "according to".
REPORTING_VERBS = frozenset(
    set(_IRREGULAR_REPORTING).union(*(_inflections(verb) for verb in _REGULAR_REPORTING))
)

# Small words that may ride along with a reporting verb in the same edit
# ("has said" -> "told", "according to" -> "said") without making it more.
REPORTING_FILLERS = frozenset(
    "to has have had is was were are be been will would also".split()
)

# Abbreviations whose full stop does not end a sentence ("Mr. Smith").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gov sen rep gen col lt sgt capt st jr sr no vs etc inc corp "
    "co ltd mt ft rev hon pres supt det insp".split()
)
