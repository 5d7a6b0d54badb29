"""Where a compiled pattern can match: one of its names and the node types between that name and the match.

A compiled query nests each pattern node directly inside its parent, with only
`parenthesized_expression` layers allowed in between (the see-through alternatives).  So
in any match, the leaf carrying one of the pattern's names is reached from the matched
node by the same chain of node types (and operators) as in the pattern, parentheses
aside.  The engine uses that to run a pattern only at the few nodes a name occurrence
leads to (engine/anchored.py) instead of over every node of a tree; the query itself
still decides every match, so the findings are the same (tests/test_anchored.py).
"""

from __future__ import annotations

from cocolint import ts
from cocolint.record import dataclass

PAREN = "parenthesized_expression"
NAMES = frozenset({"identifier", "field_identifier", "type_identifier", "statement_identifier"})


@dataclass(frozen=True)
class Anchor:
    """A name every match holds, and the (type, operator) of each node above it up to the match, innermost first."""

    name: str
    chain: tuple[tuple[str, str | None], ...]


def operator_of(node: ts.Node) -> str | None:
    """The operator token of an expression node (`|`, `&=`, `~`), if it has one."""
    op = node.child_by_field_name("operator")
    return None if op is None else op.type


def find_anchor(root: ts.Node, name: str, is_metavariable) -> Anchor | None:  # type: ignore[no-untyped-def]
    """The anchor for the first leaf under root spelled name (None if there is none)."""
    leaf = first_leaf(root, name.encode(), is_metavariable)
    if leaf is None:
        return None
    chain: list[tuple[str, str | None]] = []
    cur = leaf
    while cur != root:
        cur = cur.parent
        if cur is None:
            return None
        if cur.type != PAREN:
            chain.append((cur.type, operator_of(cur)))
    return Anchor(name, tuple(chain))


def first_leaf(root: ts.Node, name: bytes, is_metavariable) -> ts.Node | None:  # type: ignore[no-untyped-def]
    """The first name leaf under root spelled name that is not a metavariable."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in NAMES and node.named_child_count == 0 and node.text == name and not is_metavariable(node):
            return node
        stack.extend(reversed(node.children))
    return None
