"""The HTML report's provenance section: where each version came from, the settings, and the
user's own corrections and notes, marked as the user's. Every input string is escaped."""

from __future__ import annotations

from storydiff.report.html_cells import esc
from storydiff.report.provenance import Provenance, time_text

_COLUMNS = ("Version", "Source", "Time", "SHA-256 of the text", "Encoding", "Words")


def render_provenance(provenance: Provenance) -> str:
    """A table of the versions' origins, the settings line, and the user's entries."""
    head = "".join(f'<th scope="col">{name}</th>' for name in _COLUMNS)
    rows = "\n".join(
        f'<tr><th scope="row">{esc(v.label)}</th><td class="source">{esc(v.source)}</td>'
        f"<td>{esc(time_text(v))}</td><td><code>{esc(v.sha256)}</code></td>"
        f'<td>{esc(v.encoding or "—")}</td><td class="num">{v.words:,}</td></tr>'
        for v in provenance.versions
    )
    settings = (
        f'<p class="meta">Model {esc(provenance.model)} · threshold {provenance.threshold:.2f}'
        f" · StoryDiff {esc(provenance.storydiff_version)}</p>"
    )
    return (
        f'<table class="provenance">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
        f"{settings}\n{_user_entries(provenance)}"
    )


def _user_entries(provenance: Provenance) -> str:
    if not provenance.user:
        return '<p class="meta">No manual corrections or notes.</p>'
    items = "\n".join(
        f'<li class="by-user"><span class="badge user">by the user</span> {esc(u.kind)} on {esc(u.target)}: '
        f'{esc(u.text)} <span class="meta">({esc(u.created)})</span></li>'
        for u in provenance.user
    )
    return f"<h3>The user's corrections and notes</h3>\n<ul>\n{items}\n</ul>"
