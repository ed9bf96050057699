"""Article extraction on real story versions wrapped in generated news pages (issue 10).

Every version under ``<data>/stories/*/versions/`` is wrapped in a page with a navigation bar,
an advertisement, a "related stories" list, reader comments and a footer (built here, never
saved), then extracted the way a download is (``ingest.read_bytes(..., kind="html")``). Scored:

- statement sentences kept: the gold units of ``alignment.json`` (body, headline and caption
  units of the segmented versions) found word for word in the extracted text (whitespace aside);
- quotations kept: every rendering in ``statements.json`` that is not ``absent``, found likewise;
- chrome leaked: pages whose extraction still holds a navigation, ad, related or comment line.

The baseline is the page's whole text (``whole_page=True``, what the check step offers when the
extraction cut too much): it keeps everything and leaks everything.

    PYTHONPATH=desktop .venv/bin/python benchmarks/eval_extraction.py [--data ../shared/data]

The data is never copied into this repository (see ``../shared/data/README.md``).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from storydiff.core.errors import InputError  # noqa: E402
from storydiff.ingest import read_bytes, read_document  # noqa: E402

NAV = ["Home", "World", "Politics", "Business", "Technology", "Sport", "Opinion", "Subscribe"]
AD = "Advertisement: Switch your energy plan today and save up to 30 per cent on every bill."
RELATED = ["Markets rally as central bank holds rates", "Ten recipes for a quick weeknight dinner",
           "Storm warning issued for the east coast"]
COMMENTS = ["Kiwi_reader: Honestly this is the best decision she could have made for herself.",
            "Dave88: Typical media spin, nobody believes a word of this any more.",
            "Marta: Thank you for the balanced reporting, I shared it with my family."]
FOOTER = ["Copyright 2026 The Example Herald. All rights reserved.", "Privacy policy", "Terms of use"]
# Lines whose presence means chrome leaked (single menu words could be in the story itself).
CHROME = [" ".join(NAV[1:4]), AD] + RELATED + COMMENTS + FOOTER[:1]


def default_data() -> Path:
    return Path(os.environ.get("STORYDIFF_DEVDATA", ROOT.parent / "shared" / "data"))


def page_for(text: str, title: str) -> bytes:
    """A news page around ``text``: one paragraph per non-blank line, chrome on every side."""
    esc = html.escape
    nav = "".join(f'<li><a href="/{esc(n.lower())}">{esc(n)}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/r{n}">{esc(r)}</a></li>' for n, r in enumerate(RELATED))
    comments = "".join(f'<div class="comment"><p>{esc(c)}</p></div>' for c in COMMENTS)
    footer = "".join(f"<p>{esc(f)}</p>" for f in FOOTER)
    body = "\n".join(f"<p>{esc(line.strip())}</p>" for line in text.splitlines() if line.strip())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | The Example Herald</title>
<meta name="author" content="Staff"></head><body>
<header><nav class="menu"><ul>{nav}</ul></nav></header>
<aside class="advertisement"><p>{esc(AD)}</p></aside>
<main><article>{body}</article></main>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>{comments}</section>
<footer>{footer}</footer></body></html>""".encode("utf-8")


def squash(text: str) -> str:
    return " ".join(text.split())


def gold_units(story: Path) -> dict[str, list[str]]:
    """version file -> its gold statement units (alignment.json) and quotation renderings."""
    units: dict[str, list[str]] = {}
    alignment = json.loads((story / "alignment.json").read_text(encoding="utf-8"))
    for name, version in alignment["segmented_versions"].items():
        units.setdefault(name, []).extend(u["text"] for u in version["units"])
    return units


def gold_quotes(story: Path) -> dict[str, list[str]]:
    quotes: dict[str, list[str]] = {}
    statements = json.loads((story / "statements.json").read_text(encoding="utf-8"))
    for statement in statements["statements"]:
        for name, rendering in statement["renderings"].items():
            if rendering.get("status") != "absent" and rendering.get("text"):
                quotes.setdefault(name, []).append(rendering["text"])
    return quotes


def score(story: Path, *, whole_page: bool) -> dict[str, float]:
    units, quotes = gold_units(story), gold_quotes(story)
    counts = {"units": 0, "units_kept": 0, "quotes": 0, "quotes_kept": 0, "pages": 0, "leaky": 0,
              "failed": 0, "seconds": 0.0}
    for path in sorted((story / "versions").glob("*.txt")):
        name = f"versions/{path.name}"
        source = read_document(path)
        page = page_for(source.text, source.title or path.stem)
        began = time.perf_counter()
        try:
            extracted = squash(read_bytes(page, name, kind="html", whole_page=whole_page).text)
        except InputError:
            extracted = ""
            counts["failed"] += 1
        counts["seconds"] += time.perf_counter() - began
        counts["pages"] += 1
        counts["leaky"] += any(squash(c) in extracted for c in CHROME)
        for key, texts in (("units", units.get(name, [])), ("quotes", quotes.get(name, []))):
            counts[key] += len(texts)
            counts[f"{key}_kept"] += sum(squash(t) in extracted for t in texts)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data())
    args = parser.parse_args()
    stories = sorted(p for p in (args.data / "stories").iterdir() if (p / "versions").is_dir())
    print(f"{'story':<22} {'mode':<10} {'pages':>5} {'units kept':>14} {'quotes kept':>14} "
          f"{'chrome leaked':>14} {'ms/page':>8}")
    for story in stories:
        for mode, whole in (("article", False), ("whole", True)):
            c = score(story, whole_page=whole)
            print(f"{story.name:<22} {mode:<10} {c['pages']:>5} "
                  f"{c['units_kept']:>4}/{c['units']:<4} {c['units_kept'] / max(1, c['units']):.3f} "
                  f"{c['quotes_kept']:>4}/{c['quotes']:<4} {c['quotes_kept'] / max(1, c['quotes']):.3f} "
                  f"{c['leaky']:>4}/{c['pages']:<4} {c['leaky'] / max(1, c['pages']):.2f} "
                  f"{1000 * c['seconds'] / max(1, c['pages']):>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
