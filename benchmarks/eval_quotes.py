"""Quotation extraction and speaker attribution against PolNeAR dev and BASIL.

PolNeAR (``polnear/data/dev``): brat ``.ann`` files with ``Source``, ``Cue`` and
``Content`` spans (``;`` joins the pieces of a discontinuous span) tied together
by ``E`` lines. A *direct quote* is a Content piece that opens with a quotation
mark: the journalist quotes the words, where other Content is paraphrase (a
paraphrase may hold a partial quote, ``that voting fraud is "a big problem"``:
that is not a direct quote). Gold and predicted spans are compared after
trimming whitespace, quotation marks and a trailing , ; : or full stop. Articles
annotated by several annotators are scored once, with the first annotation file.

- extraction: our full (non-partial) quotations against the direct-quote
  pieces; *overlap* counts a prediction right if it overlaps a gold piece and a
  gold piece found if a prediction overlaps it; *exact* needs equal spans;
- speaker: on gold pieces found (by the prediction overlapping most), right if
  our speaker shares a word with the gold Source text (titles and stopwords
  aside, so a surname matches), or our ``speaker_span`` overlaps the Source span
  (a gold source "he" can only be checked that way).

BASIL (``basil``): phrase annotations with ``quote: yes`` and a ``speaker``
(``Michael_Steele``; ``other_*`` for unnamed ones). Spans are located in the
article's sentences by their text. Reported: recall of ``quote: yes`` spans by
any quotation of ours (partial ones included) overlapping them, on all of them
and on those inside quotation marks; speaker accuracy where BASIL's speaker is
a person ("Hillary_Clinton", not "Romney_campaign" or "other_anti"), by name.
BASIL marks only the biased phrases of each article, so precision is not
measurable there.

Run from the repository root:
    PYTHONPATH=desktop .venv/bin/python benchmarks/eval_quotes.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from storydiff.quotes import extract_quotations
from storydiff.quotes.names import TITLES
from storydiff.quotes.words import STOPWORDS

MARKS = "\"“”„«»‘’'"


def default_data() -> Path:
    """``$STORYDIFF_DEVDATA``, else ``../shared/data`` beside the repository."""
    env = os.environ.get("STORYDIFF_DEVDATA")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared" / "data"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without surrounding whitespace, marks, and trailing , ; : or . (not ...)."""
    while start < end and (text[start].isspace() or text[start] in MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in MARKS + ",;:"):
        end -= 1
    if end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def key_words(text: str) -> set[str]:
    """Lower-case words of a name or source, titles and stopwords (pronouns too) left out."""
    words = re.findall(r"\w+", text.lower().replace("’s", "").replace("'s", ""))
    return {w for w in words if w not in STOPWORDS and w not in TITLES and len(w) > 1}


def speaker_right(quotation, source: tuple[str, list[tuple[int, int]]] | None) -> bool:
    """Our speaker shares a word with the gold source, or our attribution span overlaps it."""
    if source is None or not quotation.speaker:
        return False
    text, spans = source
    if key_words(quotation.speaker) & key_words(text):
        return True
    where = quotation.speaker_span
    return where is not None and any(overlaps(where, s) for s in spans)


# ---------------------------------------------------------------- PolNeAR


def read_ann(path: Path) -> tuple[dict, list[tuple[str, str]]]:
    """Spans ``{id: (label, [(start, end)...])}`` and the (content id, source id) pairs."""
    spans, links = {}, []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, places = fields[1].partition(" ")
            spans[fields[0]] = (label, [tuple(map(int, p.split())) for p in places.split(";")])
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":") for part in fields[1].split() if ":" in part)
            links.append((roles.get("Content"), roles.get("Source")))
    return spans, links


def polnear_gold(text: str, ann: Path) -> list[tuple[tuple[int, int], tuple | None]]:
    """Direct-quote pieces (trimmed spans) with their Source ``(text, spans)`` or None."""
    spans, links = read_ann(ann)
    source_of = dict(links)
    gold = []
    for tid, (label, pieces) in spans.items():
        src = spans.get(source_of.get(tid) or "")
        source = (" ".join(text[a:b] for a, b in src[1]), src[1]) if src else None
        direct = [trim(text, a, b) for a, b in pieces if _opens_with_mark(text[a:b])]
        gold += [(span, source) for span in direct if label == "Content" and span[0] < span[1]]
    return gold


def _opens_with_mark(piece: str) -> bool:
    piece = piece.lstrip()
    return piece[:1] in "\"“”„«" or piece.startswith("''")


def polnear_articles(root: Path) -> list[tuple[str, Path]]:
    """(text, annotation file) per dev article; the first annotator's file where
    several annotated one article."""
    dev = root / "polnear" / "data" / "dev"
    if not dev.is_dir():
        sys.exit(f"PolNeAR dev not found under {root}")
    chosen: dict[str, Path] = {}
    for ann in sorted((dev / "attributions").glob("*.ann")):
        chosen.setdefault(re.sub(r"_[0-9a-f]+$", "", ann.stem), ann)
    return [((dev / "text" / f"{name}.txt").read_text(encoding="utf-8"), ann) for name, ann in chosen.items()]


def score_polnear(root: Path) -> dict:
    counts = dict.fromkeys(
        "pred pred_ok gold gold_ok any_ok exact spk_n spk_ok nosrc named_n named_ok".split(), 0
    )
    articles = polnear_articles(root)
    for text, ann in articles:
        _score_article(text, polnear_gold(text, ann), counts)
    counts["articles"] = len(articles)
    return counts


def _score_article(text: str, gold, c: dict) -> None:
    quotations = extract_quotations(text)
    preds = [q for q in quotations if not q.partial]
    spans = [trim(text, q.start, q.end) for q in preds]
    c["pred"] += len(preds)
    c["pred_ok"] += sum(any(overlaps(s, g) for g, _ in gold) for s in spans)
    c["gold"] += len(gold)
    c["exact"] += len(set(spans) & {g for g, _ in gold})
    c["any_ok"] += sum(any(overlaps((q.start, q.end), g) for q in quotations) for g, _ in gold)
    for g, source in gold:
        best = max(range(len(preds)), key=lambda i: overlaps(spans[i], g), default=None)
        if best is not None and overlaps(spans[best], g):
            c["gold_ok"] += 1
            _score_speaker(preds[best], source, c)


def _score_speaker(quotation, source, c: dict) -> None:
    if source is None:
        c["nosrc"] += 1
        return
    c["spk_n"] += 1
    c["spk_ok"] += speaker_right(quotation, source)
    if key_words(source[0]):  # not a pronoun: the name itself can be checked
        c["named_n"] += 1
        c["named_ok"] += bool(quotation.speaker) and bool(key_words(quotation.speaker) & key_words(source[0]))


# ---------------------------------------------------------------- BASIL


def basil_article(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """The article text (sentences joined by spaces, paragraphs by blank lines)
    and each sentence's (offset, text)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    parts, sentences, pos = [], [], 0
    for paragraph in data["body-paragraphs"]:
        for i, sentence in enumerate(paragraph):
            sentences.append((pos, sentence))
            parts.append(sentence + (" " if i + 1 < len(paragraph) else "\n\n"))
            pos += len(parts[-1])
    return "".join(parts), sentences


def basil_gold(ann_path: Path, sentences) -> list[tuple[tuple[int, int], str, bool]]:
    """``quote: yes`` spans: (span, speaker, inside marks) located by their text."""
    data = json.loads(ann_path.read_text(encoding="utf-8"))
    out = []
    for item in data.get("phrase-level-annotations", []):
        if item.get("quote") != "yes":
            continue
        for offset, sentence in sentences:
            if sentence[item["start"] : item["end"]] == item["txt"]:
                marked = _between_marks(sentence, item["start"], item["end"])
                out.append(((offset + item["start"], offset + item["end"]), item.get("speaker", ""), marked))
                break
    return out


def _between_marks(sentence: str, start: int, end: int) -> bool:
    """True if a quotation mark opens before ``start`` and one closes after ``end``."""
    return any(m in sentence[: start + 1] for m in "\"“") and any(m in sentence[end - 1 :] for m in "\"”")


# BASIL speaker labels that name a group, not a person ("Romney_campaign", "Tea_Party").
GROUP_WORDS = frozenset(
    "campaign lawmakers democrats republicans party officials administration house senate "
    "committee companies plaintiffs catholics gop naacp".split()
)


def person_label(label: str) -> bool:
    """True for a BASIL speaker such as "Hillary_Clinton": two or three capitalised parts."""
    parts = label.split("_")
    return 2 <= len(parts) <= 3 and all(p[:1].isupper() and p.lower() not in GROUP_WORDS for p in parts)


def score_basil(root: Path) -> dict:
    base = root / "basil"
    if not base.is_dir():
        return {}
    c = dict(gold=0, found=0, marked=0, marked_found=0, spk_n=0, spk_ok=0, articles=0)
    for ann in sorted(base.glob("annotations/*/*_ann.json")):
        article = base / "articles" / ann.parent.name / ann.name.replace("_ann.json", ".json")
        if not article.exists():
            continue
        c["articles"] += 1
        text, sentences = basil_article(article)
        quotations = extract_quotations(text)
        for span, speaker, marked in basil_gold(ann, sentences):
            _score_basil_span(quotations, span, speaker, marked, c)
    return c


def _score_basil_span(quotations, span, speaker: str, marked: bool, c: dict) -> None:
    hits = [q for q in quotations if overlaps((q.start, q.end), span)]
    c["gold"] += 1
    c["found"] += bool(hits)
    c["marked"] += marked
    c["marked_found"] += marked and bool(hits)
    if hits and person_label(speaker):
        c["spk_n"] += 1
        said = hits[0].speaker
        c["spk_ok"] += bool(said) and bool(key_words(said) & key_words(speaker.replace("_", " ")))


# ---------------------------------------------------------------- report


def pct(a: int, b: int) -> float:
    return 100.0 * a / b if b else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def report(pol: dict, basil: dict) -> None:
    p, r = pct(pol["pred_ok"], pol["pred"]), pct(pol["gold_ok"], pol["gold"])
    ep, er = pct(pol["exact"], pol["pred"]), pct(pol["exact"], pol["gold"])
    print(f"PolNeAR dev: {pol['articles']} articles, {pol['gold']} direct-quote pieces, "
          f"{pol['pred']} predicted")
    print(f"{'measure':34} {'P':>6} {'R':>6} {'F1':>6}")
    print(f"{'direct quotes, overlap':34} {p:6.1f} {r:6.1f} {f1(p, r):6.1f}")
    print(f"{'direct quotes, exact span':34} {ep:6.1f} {er:6.1f} {f1(ep, er):6.1f}")
    print(f"{'  recall if partial ones count':34} {'':6} {pct(pol['any_ok'], pol['gold']):6.1f}")
    print(f"{'speaker right (found, with source)':34} {pct(pol['spk_ok'], pol['spk_n']):6.1f}"
          f"   n={pol['spk_n']} (no gold source: {pol['nosrc']})")
    print(f"{'  gold source a name: by name only':34} {pct(pol['named_ok'], pol['named_n']):6.1f}"
          f"   n={pol['named_n']}")
    if basil:
        print(f"\nBASIL: {basil['articles']} articles, {basil['gold']} quote spans")
        print(f"{'quote spans found (overlap)':34} {pct(basil['found'], basil['gold']):6.1f}")
        print(f"{'  of those inside marks':34} {pct(basil['marked_found'], basil['marked']):6.1f}"
              f"   n={basil['marked']}")
        print(f"{'speaker right (a person named)':34} {pct(basil['spk_ok'], basil['spk_n']):6.1f}"
              f"   n={basil['spk_n']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=None,
        help="dev data folder (default: $STORYDIFF_DEVDATA, else ../shared/data)",
    )
    args = parser.parse_args(argv)
    root = args.data or default_data()
    report(score_polnear(root), score_basil(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
