"""Building decisions, and reading them back from their JSON payloads.

Every constructor validates its arguments (``ValueError`` for nonsense) and
returns a ``Decision`` whose payload holds only JSON data: nodes are stored as
``[version_id, passage_index]`` lists so that they survive a session file.
``read`` turns a payload back into checked arguments, with the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storydiff.quotes import status as st
from storydiff.storage.session_values import Decision

Node = tuple[str, int]  # (version id, passage index): stable while the version's text is unchanged

KINDS = ("link", "unlink", "split", "merge", "mark-moved", "quote-status")
STATUSES = (st.VERBATIM, st.TRIMMED, st.ALTERED, st.PARAPHRASED, st.ABSENT, st.MISATTRIBUTED)


def link(nodes: Sequence[Node]) -> Decision:
    """These passages (two or more) say the same thing: one row, the first node's, holds them all."""
    return Decision("link", {"nodes": _json_nodes(_nodes(nodes, at_least=2))})


def unlink(node: Node) -> Decision:
    """Take this passage out of its row into a row of its own, right after the old one."""
    return Decision("unlink", {"node": list(_node(node))})


def split(nodes: Sequence[Node]) -> Decision:
    """These passages (one or more, all of one row) leave it together, as a new row right after it."""
    return Decision("split", {"nodes": _json_nodes(_nodes(nodes, at_least=1))})


def merge(a: Node, b: Node) -> Decision:
    """The rows holding ``a`` and ``b`` become one row, at the position of the earlier."""
    return Decision("merge", {"nodes": _json_nodes(_nodes((a, b), at_least=2))})


def mark_moved(node: Node, moved: bool = True) -> Decision:
    """Flag (or, with ``moved=False``, unflag) the passage's version as out of order in its row."""
    if not isinstance(moved, bool):
        raise ValueError(f"moved is True or False, not {moved!r}")
    return Decision("mark-moved", {"node": list(_node(node)), "moved": moved})


def quote_status(quote_text: str, version_id: str, status: str) -> Decision:
    """Pin ``version_id``'s status (one of ``STATUSES``) for the quote worded ``quote_text``."""
    if not isinstance(quote_text, str) or not quote_text.strip():
        raise ValueError("a quote status needs the quote's wording")
    if status not in STATUSES:
        raise ValueError(f"a quote status is one of {', '.join(STATUSES)}, not {status!r}")
    return Decision("quote-status", {"quote": quote_text, "version": _version(version_id), "status": status})


def read(decision: Decision) -> dict[str, Any]:
    """The checked arguments of ``decision``: ``nodes`` (tuple of nodes), ``node``,
    ``moved``, or ``quote``/``version``/``status``, by kind.

    Raises ``ValueError``, ``KeyError`` or ``TypeError`` for a payload these
    constructors would not have made (a damaged file, another program's edit).
    """
    payload = decision.payload
    if decision.kind in ("link", "split", "merge"):
        at_least = 1 if decision.kind == "split" else 2
        nodes = _nodes(payload["nodes"], at_least=at_least)
        if decision.kind == "merge" and len(nodes) != 2:
            raise ValueError("a merge names two passages")
        return {"nodes": nodes}
    if decision.kind == "unlink":
        return {"node": _node(payload["node"])}
    if decision.kind == "mark-moved":
        mark_moved(payload["node"], payload["moved"])  # validates both
        return {"node": _node(payload["node"]), "moved": payload["moved"]}
    if decision.kind == "quote-status":
        quote_status(payload["quote"], payload["version"], payload["status"])
        return {key: payload[key] for key in ("quote", "version", "status")}
    raise ValueError(f"unknown kind of decision {decision.kind!r}")


def describe(decision: Decision) -> str:
    """A short label for the decision, for an undo menu ("Link 3 passages")."""
    payload = decision.payload
    labels = {
        "link": lambda: f"Link {len(payload.get('nodes', ()))} passages",
        "unlink": lambda: "Unlink a passage",
        "split": lambda: "Split a row",
        "merge": lambda: "Merge two rows",
        "mark-moved": lambda: "Mark as moved" if payload.get("moved", True) else "Unmark as moved",
        "quote-status": lambda: f"Mark quote {payload.get('status', '')}",
    }
    return labels.get(decision.kind, lambda: decision.kind)()


def _nodes(nodes: Sequence[Node], *, at_least: int) -> tuple[Node, ...]:
    if isinstance(nodes, (str, bytes)) or not isinstance(nodes, Sequence):
        raise ValueError(f"expected a list of (version, passage) nodes, not {nodes!r}")
    checked = tuple(_node(node) for node in nodes)
    if len(checked) < at_least:
        raise ValueError(f"expected at least {at_least} passage(s), got {len(checked)}")
    if len(set(checked)) != len(checked):
        raise ValueError("the same passage is named twice")
    return checked


def _node(node: Node) -> Node:
    """``node`` as a ``(version id, passage index)`` tuple; lists (from JSON) are accepted."""
    if isinstance(node, (str, bytes)) or not isinstance(node, Sequence) or len(node) != 2:
        raise ValueError(f"a node is (version id, passage index), not {node!r}")
    version, index = node
    # bool is an int in Python, but True is no passage index.
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise ValueError(f"a passage index is a whole number from 0, not {index!r}")
    return (_version(version), index)


def _version(version_id: str) -> str:
    if not isinstance(version_id, str) or not version_id:
        raise ValueError(f"a version id is a non-empty string, not {version_id!r}")
    return version_id


def _json_nodes(nodes: Sequence[Node]) -> list[list[Any]]:
    return [list(node) for node in nodes]
