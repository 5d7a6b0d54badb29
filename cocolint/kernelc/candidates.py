"""Where known macro names (and identifiers holding a pattern anchor) occur in a source, in order.

With the optional `ahocorasick_rs` package one automaton pass finds every name (several
hundred MB/s); without it every identifier is looked up in a set (about the speed one regex
per first letter had, without ~90 ms of compiling them on each start).  Both give the same
whole-identifier spans, the only ones the caller keeps.
"""

from __future__ import annotations

import re

from cocolint.kernelc.macros import MacroSet
from cocolint.lazyre import lazy_compile

try:  # optional accelerator: a multi-pattern search in native code
    import ahocorasick_rs as _ac
except ImportError:  # pragma: no cover - exercised when the package is absent
    _ac = None

_WORD_CHARS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
_WORD_AFTER = lazy_compile(rb"\w*")
_IDENTIFIER = lazy_compile(rb"[A-Za-z_]\w*")
_NAMES: dict[int, tuple[MacroSet, frozenset[bytes]]] = {}
Span = tuple[int, int]


def accelerated() -> bool:
    """Whether the native multi-pattern search is in use."""
    return _ac is not None


_AUTOMATA: dict[int, tuple[MacroSet, object, object | None]] = {}
_SEARCHED: dict[int, int] = {}  # bytes searched with a macro set's quick-to-build automaton
DFA_AFTER = 3_000_000  # bytes after which the DFA (3x faster search, 5x slower build) pays for itself


def _automata(m: MacroSet, size: int = 0) -> tuple[object, object | None]:
    """The two automata of a macro set (names, and pattern anchors).

    A one-file check gets a contiguous NFA, built in a few ms; once a run has searched a
    few MB with it, the names are rebuilt as a DFA.  Both report the same spans.
    """
    cached = _AUTOMATA.get(id(m))
    searched = _SEARCHED.get(id(m), 0) + size
    if cached is not None and cached[0] is m:
        if searched <= DFA_AFTER or searched - size > DFA_AFTER:
            _SEARCHED[id(m)] = searched
            return cached[1], cached[2]
    listed = sorted(names(m))
    kind = _ac.MatchKind.LeftmostLongest
    impl = _ac.Implementation.DFA if searched > DFA_AFTER else _ac.Implementation.ContiguousNFA
    # leftmost-longest: a name at an identifier's start is reported whole (a shorter
    # prefix or a name starting inside an earlier identifier cannot hide it)
    names_ac = _ac.BytesAhoCorasick(listed, matchkind=kind, implementation=impl)
    anchors_ac = (_ac.BytesAhoCorasick([a.encode("ascii") for a in m.anchors], implementation=impl)
                  if m.anchors else None)
    if len(_AUTOMATA) > 64:
        _AUTOMATA.clear()
        _SEARCHED.clear()
    _AUTOMATA[id(m)] = (m, names_ac, anchors_ac)
    _SEARCHED[id(m)] = searched
    return names_ac, anchors_ac


def names(m: MacroSet) -> frozenset[bytes]:
    """The names the identifier scan looks up (those holding an anchor word are found by anchor)."""
    cached = _NAMES.get(id(m))
    if cached is None or cached[0] is not m:
        if len(_NAMES) > 64:
            _NAMES.clear()
        listed = "\n" + "\n".join(m.kinds) + "\n"
        holding = set()  # the names holding an anchor word, found by one search of them all
        for hit in re.finditer("|".join(re.escape(a) for a in m.anchors), listed) if m.anchors else ():
            holding.add(listed[listed.rfind("\n", 0, hit.start()) + 1:listed.find("\n", hit.end())])
        cached = _NAMES[id(m)] = (m, frozenset(n.encode("ascii") for n in m.kinds if n not in holding))
    return cached[1]


def _widen(source: bytes, hits: list[Span]) -> list[Span]:
    """Each anchor hit widened to the identifier around it."""
    out = []
    for a, b in hits:
        lo = max(0, a - 80)
        a = lo + len(source[lo:a].rstrip(_WORD_CHARS))
        out.append((a, _WORD_AFTER.match(source, b).end()))
    return out


def candidates(m: MacroSet, source: bytes, found: tuple[list[Span], list[Span]] | None = None) -> list[Span]:
    """Spans of known names and of identifiers containing an iterator-pattern word, in order.

    found: (name spans, anchor-word spans) when the caller's trigger scan found them already
    (names may then include ones inside longer identifiers: the caller keeps whole identifiers).
    """
    if found is not None:
        spans, hits = found
        if hits:
            return sorted(set(spans) | set(_widen(source, hits)))
        return sorted(spans)
    if _ac is not None:
        names_ac, anchors_ac = _automata(m, len(source))
        spans = names_ac.find_matches_as_indexes(source)
        if anchors_ac is not None:
            hits = [(s, e) for _, s, e in anchors_ac.find_matches_as_indexes(source, overlapping=True)]
            if hits:
                return sorted({(s, e) for _, s, e in spans} | set(_widen(source, hits)))
        return [(s, e) for _, s, e in spans]
    known = names(m)
    spans = [h.span() for h in _IDENTIFIER.finditer(source) if h.group() in known]
    if m.anchor_regexes:
        hits = [h.span() for rx in m.anchor_regexes for h in rx.finditer(source)]
        if hits:
            return sorted(set(spans) | set(_widen(source, hits)))
    return sorted(spans)
