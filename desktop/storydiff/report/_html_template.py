"""The skeleton and stylesheet of the HTML report.

Everything is inline: the report is one file that opens offline, loads
nothing and runs no script. The Content-Security-Policy makes the browser
refuse scripts and remote resources even if some input slipped through unescaped.
"""

from __future__ import annotations

from string import Template

PAGE = Template("""\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="$generator">
<title>$title</title>
<style>
$css
</style>
</head>
<body>
<header>
$header
</header>
<input type="checkbox" id="show-trivial" checked>
<label for="show-trivial" class="toggle">Show trivial changes
(punctuation, case, quotation marks, spacing)</label>
$legend
<main>
<section id="versions">
<h2>Versions</h2>
$versions
</section>
<section id="coverage">
<h2>Coverage map</h2>
$coverage
</section>
<section id="compare">
<h2>Side by side</h2>
$compare
</section>
<section id="quotes">
<h2>Quotations</h2>
$quotes
</section>
<section id="provenance">
<h2>Provenance</h2>
$provenance
</section>
</main>
</body>
</html>
""")

# Named colours, swapped as a set for dark mode so every pair keeps its contrast.
CSS = """\
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #65656d; --border: #d5d5db; --head-bg: #f4f4f7;
  --omitted-bg: #ececf0; --ins-bg: #cdf3d4; --ins-fg: #0b5a1c; --sub-bg: #fff0a8;
  --strong-bg: #ffd2d2; --del-fg: #b3001e; --trivial-bg: #e6e9ef; --moved-bg: #d6e4ff;
  --moved-fg: #123c8c; --ok-bg: #cdf3d4; --warn-bg: #fff0a8; --bad-bg: #ffd2d2;
  --info-bg: #d6e4ff; --para-bg: #eadcff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #1c1c20; --fg: #e8e8ec; --muted: #a0a0aa; --border: #45454d; --head-bg: #26262c;
    --omitted-bg: #2a2a30; --ins-bg: #1d4a28; --ins-fg: #aef0bd; --sub-bg: #55470c;
    --strong-bg: #5e1f25; --del-fg: #ff8f9c; --trivial-bg: #353a44; --moved-bg: #23396a;
    --moved-fg: #c4d6ff; --ok-bg: #1d4a28; --warn-bg: #55470c; --bad-bg: #5e1f25;
    --info-bg: #23396a; --para-bg: #41306a;
  }
}
body { margin: 1.5rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
h2 { margin: 2rem 0 .5rem; font-size: 1.15rem; }
.meta, .muted, .source { color: var(--muted); }
.meta { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--border); padding: .35rem .5rem; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
thead th { background: var(--head-bg); position: sticky; top: 0; z-index: 1; }
table.versions th { overflow-wrap: normal; hyphens: none; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.compare { table-layout: fixed; }
table.compare th.rownum { width: 2.5rem; color: var(--muted); font-weight: normal; }
.source { font-size: .85em; font-weight: normal; }
td.omitted { background: var(--omitted-bg); color: var(--muted); font-style: italic; }
.badge { display: inline-block; padding: 0 .4em; border-radius: .6em; font-size: .8em;
  font-style: normal; white-space: nowrap; background: var(--trivial-bg); }
.badge.moved, .badge.ref { background: var(--moved-bg); color: var(--moved-fg); }
.badge.kind { color: var(--muted); }
.badge.user { background: var(--sub-bg); color: var(--fg); }
table.provenance code { font-size: .8em; word-break: break-all; }
/* Page chrome (share buttons, ads...): kept in the text, but not a statement. */
td.furniture { color: var(--muted); font-style: italic; font-size: .85em; opacity: .75; }
.status-verbatim { background: var(--ok-bg); }
.status-trimmed { background: var(--info-bg); }
.status-altered { background: var(--warn-bg); }
.status-paraphrased { background: var(--para-bg); }
.status-misattributed { background: var(--bad-bg); }
.status-absent, .status-other { background: var(--omitted-bg); color: var(--muted); }
ins, mark { color: inherit; text-decoration: none; border-radius: .2em; }
ins.chg { background: var(--ins-bg); color: var(--ins-fg); }
.chg mark { background: var(--sub-bg); }
.chg.strong mark, ins.chg.strong { background: var(--strong-bg); }
del.chg, .was del, .removed del { color: var(--del-fg); }
.was { font-size: .8em; color: var(--del-fg); }
.chg.trivial mark, ins.chg.trivial { background: var(--trivial-bg); }
.removed, .unplaced { margin-top: .3rem; font-size: .85em; color: var(--muted); }
.toggle { cursor: pointer; }
.legend { margin: .5rem 0 0; font-size: .9em; }
.legend > * { margin-right: .6em; }
ul.evidence { margin: 0; padding-left: 1.1em; font-size: .85em; color: var(--muted); }
.verdict { white-space: nowrap; font-weight: 600; }
.cov-wrap { overflow-x: auto; }
table.coverage { width: auto; }
table.coverage td.cov { text-align: center; white-space: nowrap; font-size: .85em; min-width: 2.2em; }
table.coverage th[scope=col] { white-space: nowrap; font-size: .85em; }
table.coverage td.opening { min-width: 16em; font-size: .9em; }
.cov.unchanged { background: var(--ok-bg); }
.cov.reworded { background: var(--warn-bg); }
.cov.moved { background: var(--moved-bg); color: var(--moved-fg); }
.cov.omitted { background: var(--omitted-bg); color: var(--muted); }
.cov.added { background: var(--info-bg); }
#show-trivial:not(:checked) ~ main .trivial .was,
#show-trivial:not(:checked) ~ main del.trivial,
#show-trivial:not(:checked) ~ main .unplaced .trivial,
#show-trivial:not(:checked) ~ main div.trivial { display: none; }
#show-trivial:not(:checked) ~ main .trivial mark,
#show-trivial:not(:checked) ~ main ins.trivial { background: none; color: inherit; }
"""

# A key to the highlight colours, built from the same markup as the cells.
LEGEND = """\
<p class="legend">
<ins class="chg k-insertion">inserted</ins>
<span class="chg k-substitution"><span class="was"><del>before</del>→</span><mark>after</mark>
</span>
<span class="chg k-number strong"><span class="was"><del>3</del>→</span><mark>4</mark></span>
<del class="chg k-deletion">deleted</del>
<span class="chg k-punctuation trivial"><span class="was"><del>'</del>→</span><mark>"</mark>
</span>
<span class="badge moved">moved</span>
</p>"""
