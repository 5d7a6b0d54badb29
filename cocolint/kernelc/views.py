"""The trees rules run over for one file: the primary view, other #if arms, and macro bodies."""

from __future__ import annotations

from cocolint import ts
from cocolint.kernelc import macro_bodies, regions
from cocolint.kernelc.conditionals import view
from cocolint.kernelc.prepare import Prepared
from cocolint.record import dataclass

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable

Span = tuple[int, int]


@dataclass
class View:
    """One parse of (a rewritten copy of) the file; offsets are the original file's."""

    tree: ts.Tree
    only: list[Span] | None = None  # findings count only when they start in these spans
    macros: macro_bodies.MacroBodies | None = None  # set for the macro-body view

    def keeps(self, node: ts.Node) -> bool:
        """Whether a match at node is this view's to report (not a repeat of an earlier view)."""
        if self.only is None:
            return True
        start = node.start_byte
        return any(s <= start < e for s, e in self.only)

    def function(self, node: ts.Node) -> str | None:
        """The macro a node of a macro body belongs to (None outside macro bodies)."""
        return self.macros.name_at(node.start_byte) if self.macros is not None else None


def parse_prepared(source: bytes, p: Prepared | None, wanted: Callable[[bytes], bool] | None = None,
                   extra_needed: bool = False, names: tuple[bytes, ...] | None = None) -> list[View]:
    """Parse the primary view of a file prepare() has read (p None: source as written), then the
    other views whose text wanted() says a rule could match.

    extra_needed: wanted() can only say yes to a text holding one of the literals prepare(extra=...)
    looked for (a rule set's anchors, no rule without names); when its scan found none
    (p.present empty), no other view or macro body is looked for.

    names: every name a match must hold one of (every rule to run has names); then only the primary
    view's top-level items holding one of them are parsed, when that parse is clean (kernelc/regions.py).
    """
    if p is None:
        return [View(ts.parse(source))]
    views = [View(_parse_primary(source, p, names))]
    if extra_needed and p.present is not None and not p.present:
        return views
    for index in range(1, p.views.count):
        only = p.views.only(index)
        if only and (wanted is None or any(wanted(p.normalised[s:e]) for s, e in only)):
            views.append(View(ts.parse(view(p.normalised, p.views, index), p.suffix), only=only))
    bodies = macro_bodies.find(p.normalised, p.views.dead)
    if bodies.spans and (wanted is None or wanted(bodies.text)):
        views.append(View(ts.parse(bodies.copy), only=bodies.spans, macros=bodies))
    return views


def _parse_primary(source: bytes, p: Prepared, names: tuple[bytes, ...] | None) -> ts.Tree:
    """The primary view's tree: only the top-level items holding one of names, when that parses
    without an ERROR or MISSING node and no node across two pieces; otherwise all of it."""
    if names and not p.suffix:
        spans = regions.kept(p.source, names, source)
        if spans is not None:
            tree = ts.parse_ranges(p.source, spans)
            if not tree.root_node.has_error and regions.whole(tree.root_node, spans):
                return tree
    return ts.parse(p.source, p.suffix)
