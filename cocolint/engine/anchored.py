"""Run a pattern only where one of its names occurs: the nodes its anchor leads to, not every node of a tree.

A match of a compiled pattern holds a leaf spelled like the pattern's anchor name, and
the matched node sits above that leaf at the end of the anchor's chain of node types
(pattern/anchor.py).  So the candidates are found by searching the parsed text for the
name (bytes.find), taking the leaf at each occurrence and climbing the chain; the
pattern's own query then runs on each candidate, and only its matches rooted at the
candidate are kept (a match rooted deeper has a candidate of its own).  The query decides
every match, as it does over the whole tree; the exhaustive mode (Matcher(exhaustive=True))
runs every query over every tree, and tests compare the two on real kernel code.
"""

from __future__ import annotations

from cocolint import ts
from cocolint.pattern.anchor import PAREN, Anchor, operator_of

Captures = dict[str, list[ts.Node]]


class Occurrences:
    """The leaves of one tree spelled like a given name, found once per name."""

    def __init__(self, root: ts.Node) -> None:
        self.root = root
        self._text: bytes | None = None
        self._leaves: dict[str, list[ts.Node]] = {}

    def leaves(self, name: str) -> list[ts.Node]:
        """Nodes covering exactly the bytes of an occurrence of name (at most one per occurrence)."""
        if name not in self._leaves:
            if self._text is None:
                self._text = self.root.text or b""
            text, word, out = self._text, name.encode(), []
            n, base = len(word), self.root.start_byte  # the root's text starts at its first token
            pos = text.find(word)
            while pos >= 0:
                start = base + pos
                node = self.root.descendant_for_byte_range(start, start + n)
                if node is not None and node.start_byte == start and node.end_byte == start + n:
                    out.append(node)
                pos = text.find(word, pos + 1)
            self._leaves[name] = out
        return self._leaves[name]


def climb(leaf: ts.Node, anchor: Anchor) -> tuple[ts.Node, ts.Node | None] | None:
    """The node a match through leaf would be rooted at and its child on the way, or None if the types differ."""
    cur: ts.Node | None = leaf
    below = None
    for kind, op in anchor.chain:
        below = cur
        cur = cur.parent  # type: ignore[union-attr]
        while cur is not None and cur.type == PAREN:
            below, cur = cur, cur.parent
        if cur is None or cur.type != kind or (op is not None and operator_of(cur) != op):
            return None
    return cur, below  # type: ignore[return-value]


def candidates(occ: Occurrences, anchor: Anchor) -> list[tuple[ts.Node, str | None]]:
    """The distinct nodes where a pattern with this anchor may match, in source order, each with the
    operand ("left", "right") the name was found in (None: not an operand, or both)."""
    out: dict[int, tuple[ts.Node, str | None]] = {}
    for leaf in occ.leaves(anchor.name):
        found = climb(leaf, anchor)
        if found is None:
            continue
        node, below = found
        side = None
        if below is not None and node.type == "binary_expression":
            side = "right" if below == node.child_by_field_name("right") else \
                "left" if below == node.child_by_field_name("left") else None
        if node.id in out and out[node.id][1] != side:
            side = None  # reached from both operands: both operand orders may match
        out[node.id] = (node, side)
    return sorted(out.values(), key=lambda x: (x[0].start_byte, -x[0].end_byte))


# the statements whose condition is parenthesised by the syntax: a pattern requires those parentheses,
# its see-through alternatives never match them (pattern/compiler.py, SYNTACTIC_PARENS)
CONDITIONS = frozenset({"if_statement", "while_statement", "do_statement", "switch_statement"})
BARE_LIMIT = 1000  # nodes: a larger subtree is not searched (its candidates keep the full query)


def bare(node: ts.Node) -> bool:
    """True if no parenthesized expression lies in node's subtree other than a statement's condition.

    A see-through alternative of a pattern only ever matches such a parenthesized expression,
    so at a bare node the pattern's plain query (compiled without them, CompiledPattern.plain)
    has exactly the matches of its full one.  False for a subtree over BARE_LIMIT nodes.
    """
    if node.type == PAREN or node.descendant_count > BARE_LIMIT:
        return False
    cursor = node.walk()
    while True:
        if not cursor.goto_first_child():
            while not cursor.goto_next_sibling():
                if not cursor.goto_parent():
                    return True
        current = cursor.node
        if current.type == PAREN and not (cursor.field_name == "condition" and current.parent is not None
                                          and current.parent.type in CONDITIONS):
            return False


def matches_at(query: ts.Query, nodes: list[ts.Node], match: str,
               patterns: range | None = None) -> list[tuple[int, Captures]]:
    """The query's matches rooted at each of nodes (capture `match` is the root); with patterns, only
    those patterns' matches, numbered from the first of them (a query compiled with others)."""
    out = []
    for node in nodes:
        for index, captures in ts.matches(query, node):
            if patterns is not None:
                if index not in patterns:
                    continue
                index -= patterns.start
            root = captures.get(match)
            if root and root[0] == node:
                out.append((index, captures))
    return out
