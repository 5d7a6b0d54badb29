"""Which normalisation passes a source needs: one native scan for every pass's trigger literals.

Each pass declares its triggers: literals at least one of which occurs in every source the pass
would change.  With the optional
`ahocorasick_rs` package one overlapping automaton finds every trigger, and the iterator-pattern
anchors the name search widens, in a single pass over the file; a pass none of whose triggers
occurs is not run at all.  Without it every pass runs and does its own cheap checks, as before.
Either way the output is the same, because the triggers are necessary conditions.

The ~1,500 macro names are most of the automaton's literals and of its build time (~4 ms of a
one-file check).  Until a process has searched DFA_AFTER bytes they are left out of it: the
file's identifiers are split out (a byte table and bytes.split, well under 1 ms) and the names
among them are located with bytes.find.  That finds every name that occurs as a whole
identifier, at each of its occurrences; a name only ever inside longer identifiers is not
reported, and those are the spans the caller drops (it keeps whole identifiers only).  The
DFA built for long runs holds every name, as before.

A pass may also start from where its triggers occur (the scan's Found.starts: bare macros,
static macros, declared names, operator arguments, braced calls) instead of searching the file
again.  Its triggers then promise more: every match of its own search holds one of them at a
known offset (its first byte, or found back from it); without the scan it searches as before.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable, Sequence

from cocolint.kernelc import candidates  # its `_ac`: the accelerator, or None
from cocolint.kernelc.scan import WORD

_TOKENS = bytes(b if b in WORD else 0x20 for b in range(256))  # identifier bytes kept, the rest blanks
_WORD_BYTES = bytes(sorted(WORD))

Span = tuple[int, int]
DFA_AFTER = 3_000_000  # bytes searched after which the DFA (over twice as fast, ~20 ms to build) pays for itself


class Found(tuple):
    """A scan's (name spans, anchor spans), and where the gate's literals occur, for passes to start from."""

    hits: list[tuple[int, int, int]]  # every (literal, start, end) of the scan, overlapping
    gate: "Gate"

    def starts(self, literals: tuple[bytes, ...]) -> list[int]:
        """Every offset where one of literals (each a literal of the gate) occurs, in order."""
        ids = self.gate.ids(literals)
        return sorted([s for i, s, _ in self.hits if i in ids])

    def which(self, literals: tuple[bytes, ...]) -> set[bytes]:
        """Those of literals (each a literal of the gate) that occur."""
        ids, names = self.gate.ids(literals), self.gate.literals
        return {names[i] for i, _, _ in self.hits if i in ids}


class Gate:
    """The macro names, the anchor words and the triggers of a list of passes, searched for together."""

    def __init__(self, anchors: Sequence[bytes], passes: Sequence[tuple[str, Sequence[bytes]]],
                 names: Sequence[bytes] = (), extra: Sequence[bytes] = ()) -> None:
        self._spec = (anchors, passes, names, extra)  # the tables are built on the first native search
        self.literals: list[bytes] = []
        self._automaton: object | None = None
        self._searched = 0  # bytes searched with the quick-to-build automaton
        self._by_token = False  # whether the automaton leaves the names out (they are found by token)
        self._built = False
        self._ids: dict[tuple[bytes, ...], frozenset[int]] = {}  # Found.starts/which: a pass's literals -> ids
        self._ahead: dict[int, tuple[bytes, tuple]] = {}  # id(source) -> (source, its scan), see ahead()

    def _build(self) -> None:
        anchors, passes, names, extra = self._spec
        literals: dict[bytes, int] = {}

        def add(items: Sequence[bytes]) -> None:  # new literals get the next ids, in order
            for lit in items:
                if lit not in literals:
                    literals[lit] = len(literals)

        add(anchors)
        self.anchor_count = len(literals)
        self.always: set[str] = set()  # passes with no trigger
        self.by_literal: dict[int, set[str]] = {}  # a literal -> the passes it runs
        for name, triggers in passes:
            if not triggers:
                self.always.add(name)
            add(triggers)
            for lit in triggers:
                self.by_literal.setdefault(literals[lit], set()).add(name)
        add(extra)
        self.extra = {literals[x]: x for x in extra}  # the caller's own literals
        if b"".join(names).translate(None, _WORD_BYTES):  # (no name in the packaged lists has other bytes)
            add([n for n in names if not _is_identifier(n)])
        self.quick = len(literals)  # the literals the quick automaton holds: the other names are found by token
        self.names = frozenset(literals[n] for n in literals.keys() & names)
        self.token_names = frozenset(names).difference(literals)
        self.literals = list(literals)
        self._literal_ids, self._names = literals, names  # every name joins the literals for the DFA (_every_literal)
        self._built = True

    def _every_literal(self) -> list[bytes]:
        """The literals with every name among them (their ids follow the quick automaton's)."""
        if len(self.literals) == self.quick and self.token_names:
            literals = self._literal_ids
            for lit in self._names:
                if lit not in literals:
                    literals[lit] = len(literals)
            self.names = frozenset(map(literals.__getitem__, self._names))
            self.literals = list(literals)
        return self.literals

    def _search(self, src: bytes) -> tuple[list[tuple[int, int, int]], bool] | None:
        """Every occurrence of every literal the automaton holds, overlapping: (literal, start, end); and
        whether the names left out of it are still to be found (see the module docstring)."""
        ac = candidates._ac
        if ac is None:  # (tests switch the accelerator off)
            return None
        if not self._built:
            self._build()
        if not self.literals and not self.token_names:
            return None
        before, after = self._searched, self._searched + len(src)
        if self._automaton is None or before <= DFA_AFTER < after:
            # a one-file check gets a contiguous NFA without the names (~1 ms to build); after a few
            # MB, a DFA of every literal (~20 ms to build, over twice as fast)
            if after > DFA_AFTER:
                self._automaton = ac.BytesAhoCorasick(self._every_literal(), implementation=ac.Implementation.DFA)
                self._by_token = False
            else:
                quick = self.literals[:self.quick]
                self._automaton = ac.BytesAhoCorasick(quick, implementation=ac.Implementation.ContiguousNFA) \
                    if quick else False  # (every literal is a name)
                self._by_token = bool(self.token_names)
        self._searched = after
        hits = self._automaton.find_matches_as_indexes(src, overlapping=True) if self._automaton else []  # type: ignore[attr-defined]
        return hits, self._by_token

    def _token_spans(self, src: bytes) -> list[Span]:
        """Every occurrence of each name left out of the automaton that occurs as a whole identifier."""
        spans = []
        for name in self.token_names.intersection(src.translate(_TOKENS).split()):
            size = len(name)
            at = src.find(name)
            while at >= 0:
                spans.append((at, at + size))
                at = src.find(name, at + 1)
        return spans

    def ids(self, literals: tuple[bytes, ...]) -> frozenset[int]:
        """The ids of literals in the scan (a KeyError for one the gate does not look for)."""
        out = self._ids.get(literals)
        if out is None:  # a few tuples per gate (the passes' own)
            out = self._ids[literals] = frozenset(self._literal_ids[lit] for lit in literals)
        return out

    def ahead(self, src: bytes) -> None:
        """Scan src now, for the scan() of the same object to come: scanning a batch of files one
        after the other keeps the automaton in the CPU caches (interleaved with the passes and
        with tree-sitter, it falls out of them and searching costs about twice as much)."""
        ahead = self._ahead
        if len(ahead) >= 256:  # (a batch holds 32 files: never reached unless a scan is never asked for)
            ahead.clear()
        ahead[id(src)] = (src, self._scan(src))

    def scan(self, src: bytes) -> tuple[Found | None, set[str] | None, set[bytes] | None]:
        """((name spans, anchor spans), names of the passes to run, extra literals found);
        (None, None, None) without the native scan.  The first is a Found: its starts() are
        where the passes' own triggers occur.

        Name spans hold every whole-identifier occurrence of a name, and may hold names inside longer
        identifiers as well; the caller keeps whole identifiers.
        """
        if self._ahead:
            done = self._ahead.pop(id(src), None)
            if done is not None and done[0] is src:  # (held in the dict: its id cannot have been reused)
                return done[1]  # type: ignore[return-value]
        return self._scan(src)

    def _scan(self, src: bytes) -> tuple[Found | None, set[str] | None, set[bytes] | None]:
        searched = self._search(src)
        if searched is None:
            return None, None, None
        hits, by_token = searched
        n = self.anchor_count
        found = {h[0] for h in hits}
        anchors = [(s, e) for i, s, e in hits if i < n] if n and found and min(found) < n else []
        names = self.names
        spans = [(s, e) for i, s, e in hits if i in names] if not names.isdisjoint(found) else []
        if by_token:
            spans += self._token_spans(src)
        run = set(self.always)
        by_literal = self.by_literal
        for i in found:
            passes = by_literal.get(i)
            if passes is not None:
                run |= passes
        extra = self.extra
        out = Found((spans, anchors))
        out.hits, out.gate = hits, self
        return out, run, ({extra[i] for i in found if i in extra} if extra else set())


def _is_identifier(name: bytes) -> bool:
    """Whether name is all identifier bytes (such names can be found among a source's tokens)."""
    return bool(name) and not name.translate(None, _WORD_BYTES)


def run_pass(fn: Callable[..., object], src: bytes, buf: bytearray | None, out: object) -> bytearray | None:
    """Call a pass that writes into an existing buffer (usage_passes): one is made for it, and
    dropped again when it changed nothing."""
    work = buf if buf is not None else bytearray(src)
    before = out.rewritten  # type: ignore[attr-defined]
    fn(src, work, out)
    if buf is None and out.rewritten == before:  # type: ignore[attr-defined]
        return None
    return work
