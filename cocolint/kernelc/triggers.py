"""Which normalisation passes a source needs: one native scan for every pass's trigger literals.

Each pass declares its triggers: literals at least one of which occurs in every source the pass
would change.  With the optional native module (`cocolint._native.Literals`, built from
cocolint/csrc/literals.c) one search finds every trigger, every macro name and the
iterator-pattern anchors the name search widens, in a single pass over the file; a pass none of
whose triggers occurs is not run at all.  Without it every pass runs and does its own cheap
checks, and the names are looked up among the identifiers (candidates.py).  Either way the output
is the same, because the triggers are necessary conditions.

A pass may also start from where its triggers occur (the scan's Found.starts: bare macros,
static macros, declared names, operator arguments, braced calls) instead of searching the file
again.  Its triggers then promise more: every match of its own search holds one of them at a
known offset (its first byte, or found back from it); without the scan it searches as before.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Callable, Sequence

from cocolint import accel

Span = tuple[int, int]


class Found(tuple):
    """A scan's (name spans, anchor spans), and where the gate's literals occur, for passes to start from."""

    hits: "Hits"  # every (literal, start, end) of the scan, overlapping, by start (native: csrc/gate.c)
    gate: "Gate"

    def starts(self, literals: tuple[bytes, ...]) -> list[int]:
        """Every offset where one of literals (each a literal of the gate) occurs, in order."""
        return self.hits.starts(self.gate.mask(literals))

    def which(self, literals: tuple[bytes, ...]) -> set[bytes]:
        """Those of literals (each a literal of the gate) that occur."""
        names = self.gate.literals
        return {names[i] for i in self.hits.found(self.gate.mask(literals))}


class Hits_py(list):
    """find_all's hits as a list, with the native Hits' methods (the reference of csrc/gate.c)."""

    def starts(self, mask: bytes) -> list[int]:
        """Every start of a hit whose literal has a non-zero byte in mask, in order."""
        return sorted([s for i, s, _ in self if i < len(mask) and mask[i]])

    def found(self, mask: bytes) -> list[int]:
        """The literals of mask that were hit, ascending, each once."""
        return sorted({i for i, _, _ in self if i < len(mask) and mask[i]})

    def tolist(self) -> list[tuple[int, int, int]]:
        return list(self)


def split_hits_py(hits: list[tuple[int, int, int]], anchor_count: int, first_name: int
                  ) -> tuple[Hits_py, list[int], list[Span], list[Span]]:
    """What Literals.scan_gate returns, from find_all's hits: the hits, the ids below first_name found
    (ascending, each once), the spans of the anchors' hits (ids below anchor_count) and of the names'
    (ids from first_name on)."""
    found = {h[0] for h in hits}
    anchors = [(s, e) for i, s, e in hits if i < anchor_count] if found and min(found) < anchor_count else []
    spans = [(s, e) for i, s, e in hits if i >= first_name] if found and max(found) >= first_name else []
    return Hits_py(hits), sorted(i for i in found if i < first_name), anchors, spans


if TYPE_CHECKING:
    Hits = Hits_py


class Gate:
    """The macro names, the anchor words and the triggers of a list of passes, searched for together."""

    def __init__(self, anchors: Sequence[bytes], passes: Sequence[tuple[str, Sequence[bytes]]],
                 names: Sequence[bytes] = (), extra: Sequence[bytes] = ()) -> None:
        self._spec = (anchors, passes, names, extra)  # the tables are built on the first native search
        self.literals: list[bytes] = []
        self._finder: object | None = None  # the native Literals of self.literals
        self._built = False
        self._ids: dict[tuple[bytes, ...], frozenset[int]] = {}  # a pass's literals -> ids
        self._masks: dict[tuple[bytes, ...], bytes] = {}  # Found.starts/which: a pass's literals -> mask
        self._ahead: dict[int, tuple[bytes, tuple]] = {}  # id(source) -> (source, its scan), see ahead()

    def _build(self, literals_type: Callable[[list[bytes]], object]) -> None:
        anchors, passes, names, extra = self._spec
        literals: dict[bytes, int] = {}

        def add(items: Sequence[bytes]) -> None:  # new literals get the next ids, in order
            for lit in items:
                if lit not in literals:
                    literals[lit] = len(literals)

        add(anchors)
        self.anchor_count = len(literals)
        self.always: set[str] = set()  # passes with no trigger
        self.by_literal: dict[int, tuple[str, ...]] = {}  # a literal -> the passes it runs
        by_literal = self.by_literal
        for name, triggers in passes:
            if not triggers:
                self.always.add(name)
            add(triggers)
            mine = (name,)  # (shared: no container per literal)
            for lit in triggers:
                i = literals[lit]
                had = by_literal.get(i)
                by_literal[i] = mine if had is None else (*had, name)
        add(extra)
        self.extra = {literals[x]: x for x in extra}  # the caller's own literals
        # the names last, each with an id of its own (a name that is also a trigger is found under
        # both ids): the name hits are those with ids from first_name on
        self.first_name = first = len(literals)
        self.literals = [*literals, *dict.fromkeys(names)]
        for k, name in enumerate(self.literals[first:]):
            literals.setdefault(name, first + k)
        self._literal_ids = literals
        # (built in well under 1 ms: even a one-file check searches for every name)
        self._finder = literals_type(self.literals) if self.literals else None
        self._built = True

    def _search(self, src: bytes) -> tuple[Hits, list[int], list[Span], list[Span]] | None:
        """Literals.scan_gate's (hits, trigger ids found, anchor spans, name spans); None without the
        native module, or with no literals."""
        literals_type = getattr(accel.native, "Literals", None)
        if literals_type is None:  # (not built, COCOLINT_PURE_PYTHON=1, or switched off by a test)
            return None
        if not self._built:
            self._build(literals_type)
        finder = self._finder
        if finder is None:
            return None
        if hasattr(finder, "scan_gate"):
            return finder.scan_gate(src, self.anchor_count, self.first_name)  # type: ignore[attr-defined]
        return split_hits_py(finder.find_all(src), self.anchor_count, self.first_name)  # type: ignore[attr-defined]

    def ids(self, literals: tuple[bytes, ...]) -> frozenset[int]:
        """The ids of literals in the scan (a KeyError for one the gate does not look for)."""
        out = self._ids.get(literals)
        if out is None:  # a few tuples per gate (the passes' own)
            out = self._ids[literals] = frozenset(self._literal_ids[lit] for lit in literals)
        return out

    def mask(self, literals: tuple[bytes, ...]) -> bytes:
        """The ids of literals as a mask (a non-zero byte at each), for Hits.starts/found."""
        out = self._masks.get(literals)
        if out is None:
            mask = bytearray(len(self.literals))
            for i in self.ids(literals):
                mask[i] = 1
            out = self._masks[literals] = bytes(mask)
        return out

    def ahead(self, src: bytes) -> None:
        """Scan src now, for the scan() of the same object to come: scanning a batch of files one
        after the other keeps the search's tables in the CPU caches (interleaved with the passes
        and with tree-sitter, they fall out of them and searching costs more)."""
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
        scanned = self._search(src)
        if scanned is None:
            return None, None, None
        hits, found, anchors, spans = scanned  # found: the ids below the names' (triggers, anchors, extra)
        run = set(self.always)
        by_literal = self.by_literal
        for i in found:
            passes = by_literal.get(i)
            if passes is not None:
                run.update(passes)
        extra = self.extra
        out = Found((spans, anchors))
        out.hits, out.gate = hits, self
        return out, run, ({extra[i] for i in found if i in extra} if extra else set())


def run_pass(fn: Callable[..., object], src: bytes, buf: bytearray | None, out: object) -> bytearray | None:
    """Call a pass that writes into an existing buffer (usage_passes): one is made for it, and
    dropped again when it changed nothing."""
    work = buf if buf is not None else bytearray(src)
    before = out.rewritten  # type: ignore[attr-defined]
    fn(src, work, out)
    if buf is None and out.rewritten == before:  # type: ignore[attr-defined]
        return None
    return work
