"""Evidence (``storydiff.presentation.evidence``) written out: plain text and HTML.

Plain text writes each change in brackets: ``[before → after]`` for reworded words,
``[+ words]`` for added ones, ``[− words]`` for removed ones. The HTML is a fragment for
mail and documents: every style is inline (pasted HTML loses style sheets), insertions
are underlined, removals struck through and rewordings show "before → after", so colour
is never the only cue; every input string is escaped. Qt-free.
"""

from __future__ import annotations

from storydiff.core.model import ChangeKind
from storydiff.presentation.cells import kind_class
from storydiff.presentation.evidence import Evidence, Piece, Section, VersionBlock
from storydiff.report.html_cells import esc

NOTATION = "Changes are written [before → after] (reworded), [+ words] (added), [− words] (removed)."
# Inline styles: dark text on light tints (readable in a dark-mode mail client too, which keeps them).
_INS = "background:#d9f2dd;color:#0b3d17;text-decoration:underline"
_DEL = "background:#fbe3e3;color:#6b1010;text-decoration:line-through"
_MARK = "background:#fff0a8;color:#3b2f00"
# Secondary lines are smaller, not grey: a fixed grey is unreadable where the paste lands on a dark page.
_SMALL = "font-size:90%"
_TEXT = "margin:2px 0 0 1.2em"


# Plain text


def plain_text(evidence: Evidence) -> str:
    """The evidence as plain text: a title line, the notation, then each section."""
    parts = [f"From StoryDiff: “{evidence.title}”", NOTATION]
    parts += [_plain_section(section) for section in evidence.sections]
    return "\n\n".join(parts) + "\n"


def _plain_section(section: Section) -> str:
    lines = [section.heading, f"Changes against {section.against}."]
    if section.canonical is not None:
        lines.append(f"Canonical wording: “{section.canonical}”")
    return "\n".join(lines + [_plain_block(block) for block in section.blocks])


def _plain_block(block: VersionBlock) -> str:
    lines = [f"— {block.label}: {'; '.join(block.notes)}", f"  source: {_source_text(block)}"]
    if block.pieces:
        text = "".join(plain_piece(p) for p in block.pieces)
        lines.append("  " + _quoted(text, block.quoted).replace("\n", "\n  "))
    if block.aside:
        lines.append(f"  {_aside_caption(block.aside)}: " + ", ".join(plain_piece(p) for p in block.aside))
    return "\n".join(lines)


def plain_piece(piece: Piece) -> str:
    """A piece in the bracket notation; spaces at its ends stay outside the brackets."""
    if not piece.changed:
        return piece.text
    lead, after, trail = _split_space(piece.text)
    before = piece.before.strip()
    if before and after:
        return f"{lead}[{before} → {after}]{trail}"
    if after:
        return f"{lead}[+ {after}]{trail}"
    if before:
        return f"{lead}[− {before}]{trail}"
    return piece.text  # a change of spacing only: nothing readable to bracket


# HTML


def html_text(evidence: Evidence) -> str:
    """The evidence as an HTML fragment with inline styles."""
    legend = (f'<p style="{_SMALL};margin:0 0 6px 0">Changes: <del style="{_DEL}">words before</del> → '
              f'<mark style="{_MARK}">words after</mark> (reworded), <ins style="{_INS}">added</ins>, '
              f'<del style="{_DEL}">removed</del>; in bold: a number, a name or a negation changed.</p>')
    title = f'<p style="margin:0"><b>From StoryDiff:</b> “{esc(evidence.title)}”</p>'
    sections = "\n".join(_html_section(section) for section in evidence.sections)
    return f"<div>\n{title}\n{legend}\n{sections}\n</div>"


def _html_section(section: Section) -> str:
    parts = [f'<h3 style="margin:12px 0 0 0;font-size:110%">{esc(section.heading)}</h3>',
             f'<p style="{_SMALL};margin:0">Changes against {esc(section.against)}.</p>']
    if section.canonical is not None:
        parts.append(f'<p style="margin:4px 0 0 0">Canonical wording: “{esc(section.canonical)}”</p>')
    parts += [_html_block(block) for block in section.blocks]
    return "\n".join(parts)


def _html_block(block: VersionBlock) -> str:
    parts = [f'<p style="margin:8px 0 0 0"><b>{esc(block.label)}</b>: {esc("; ".join(block.notes))}<br>'
             f'<span style="{_SMALL}">source: {_source_html(block)}</span></p>']
    if block.pieces:
        text = "".join(html_piece(p) for p in block.pieces)
        parts.append(f'<p style="{_TEXT}">{_quoted(text, block.quoted)}</p>')
    if block.aside:
        items = ", ".join(html_piece(p) for p in block.aside)
        parts.append(f'<p style="{_TEXT};{_SMALL}">{esc(_aside_caption(block.aside))}: {items}</p>')
    return "\n".join(parts)


def html_piece(piece: Piece) -> str:
    """A piece as escaped HTML: ``<ins>`` added, ``<del>`` removed, ``<del>before</del> →
    <mark>after</mark>`` reworded; a change of fact (number, name, negation) in bold."""
    if not piece.changed:
        return _lines(piece.text)
    lead, after, trail = _split_space(piece.text)
    before = piece.before.strip()
    bold = ";font-weight:bold" if kind_class(ChangeKind(piece.kind)) == "serious" else ""
    if before and after:
        inner = (f'<del style="{_DEL}{bold}">{esc(before)}</del> → '
                 f'<mark style="{_MARK}{bold}">{esc(after)}</mark>')
    elif after:
        inner = f'<ins style="{_INS}{bold}">{esc(after)}</ins>'
    elif before:
        inner = f'<del style="{_DEL}{bold}">{esc(before)}</del>'
    else:
        return _lines(piece.text)
    return f'{_lines(lead)}<span title="{esc(piece.kind)}">{inner}</span>{_lines(trail)}'


# Shared


def _source_text(block: VersionBlock) -> str:
    retrieved = f" (retrieved {block.retrieved})" if block.retrieved else ""
    return (block.source or "not recorded") + retrieved


def _source_html(block: VersionBlock) -> str:
    # Only web addresses become links: a javascript: or file: source stays text.
    source = esc(block.source or "not recorded")
    if block.source.startswith(("http://", "https://")):
        source = f'<a href="{source}">{source}</a>'
    return source + (f" (retrieved {esc(block.retrieved)})" if block.retrieved else "")


def _aside_caption(aside: tuple[Piece, ...]) -> str:
    """Changes with no place in the version's text: removals of the reference's words, mostly."""
    return "removed" if all(not p.text.strip() for p in aside) else "also changed"


def _quoted(text: str, quoted: bool) -> str:
    return f"“{text}”" if quoted else text


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core)
    return text[:start], core, text[start + len(core):]


def _lines(text: str) -> str:
    return esc(text).replace("\n", "<br>")
