"""Which normalisation passes a source needs: one native scan for every pass's trigger literals.

Each pass declares its triggers: literals at least one of which occurs in every source the pass
would change (a tuple item lists literals that must all occur).  With the optional
`ahocorasick_rs` package one overlapping automaton finds every trigger, and the iterator-pattern
anchors the name search widens, in a single pass over the file; a pass none of whose triggers
occurs is not run at all.  Without it every pass runs and does its own cheap checks, as before.
Either way the output is the same, because the triggers are necessary conditions.
"""

from __future__ import annotations

from typing import Callable, Sequence

from cocolint.kernelc import candidates

Trigger = "bytes | tuple[bytes, ...]"
Span = tuple[int, int]

class Gate:
    """The triggers of a list of passes and of the anchors, searched for together."""

    def __init__(self, anchors: Sequence[bytes], passes: Sequence[tuple[str, Sequence[Trigger]]]) -> None:
        literals: dict[bytes, int] = {}
        for a in anchors:
            literals.setdefault(a, len(literals))
        self.anchor_count = len(literals)
        self.always: set[str] = set()  # passes with no trigger
        self.by_literal: dict[int, set[str]] = {}  # a literal that alone runs these passes
        self.groups: list[tuple[str, frozenset[int]]] = []  # literals that together run a pass
        for name, triggers in passes:
            if not triggers:
                self.always.add(name)
            for t in triggers:
                group = (t,) if isinstance(t, bytes) else tuple(t)
                ids = frozenset(literals.setdefault(lit, len(literals)) for lit in group)
                if len(ids) == 1:
                    self.by_literal.setdefault(next(iter(ids)), set()).add(name)
                else:
                    self.groups.append((name, ids))
        self.literals = list(literals)
        ac = candidates._ac
        # a DFA: ~2 ms to build for the ~800 literals, and 2.5x faster than the default NFA
        self._automaton = (ac.BytesAhoCorasick(self.literals, implementation=ac.Implementation.DFA)
                           if ac is not None and self.literals else None)

    def scan(self, src: bytes) -> tuple[list[Span] | None, set[str] | None]:
        """(anchor spans, names of the passes to run); (None, None) without the native scan."""
        if self._automaton is None or candidates._ac is None:  # (tests switch the accelerator off)
            return None, None
        hits = self._automaton.find_matches_as_indexes(src, overlapping=True)
        n = self.anchor_count
        found = {h[0] for h in hits}
        spans = [(s, e) for i, s, e in hits if i < n] if n and found and min(found) < n else []
        run = set(self.always)
        by_literal = self.by_literal
        for i in found:
            names = by_literal.get(i)
            if names is not None:
                run |= names
        run.update(name for name, ids in self.groups if ids <= found)
        return spans, run


def run_pass(fn: Callable[..., object], src: bytes, buf: bytearray | None, out: object) -> bytearray | None:
    """Call a pass that writes into an existing buffer (usage_passes): one is made for it, and
    dropped again when it changed nothing."""
    work = buf if buf is not None else bytearray(src)
    before = out.rewritten  # type: ignore[attr-defined]
    fn(src, work, out)
    if buf is None and out.rewritten == before:  # type: ignore[attr-defined]
        return None
    return work
