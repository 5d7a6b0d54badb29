"""Where known macro names (and identifiers holding a pattern anchor) occur in a source, in order.

With the optional native module the normaliser's trigger scan (triggers.py) finds the names
and anchor words in its one native pass and hands them in; without it every identifier is
looked up in a set.  Both give the same whole-identifier spans, the only ones the caller keeps.
"""

from __future__ import annotations

from cocolint import accel
from cocolint.kernelc.macros import MacroSet, names_holding, packaged_classes
from cocolint.kernelc.scan import WORD_CHARS
from cocolint.lazyre import lazy_compile

_WORD_AFTER = lazy_compile(rb"\w*")
_IDENTIFIER = lazy_compile(rb"[A-Za-z_]\w*")
_NAMES: dict[int, tuple[MacroSet, frozenset[bytes]]] = {}
Span = tuple[int, int]


def accelerated() -> bool:
    """Whether the native multi-pattern search (cocolint._native.Literals) is in use."""
    return accel.has("Literals")


def names(m: MacroSet) -> frozenset[bytes]:
    """The names the identifier scan looks up (those holding an anchor word are found by anchor)."""
    cached = _NAMES.get(id(m))
    if cached is None or cached[0] is not m:
        if len(_NAMES) > 64:
            _NAMES.clear()
        classes = packaged_classes()
        base = classes["kinds"]
        added = m.kinds.keys() - base.keys()
        if m.anchors == classes["anchors"] and len(m.kinds) - len(added) == len(base):
            # every packaged name is in m: theirs were sorted with the cached lists, the others are sorted here
            holding = names_holding(sorted(added), m.anchors)
            plain = frozenset(classes["plain"]).union(n.encode("ascii") for n in added if n not in holding)
        else:
            holding = names_holding(list(m.kinds), m.anchors)
            plain = frozenset(n.encode("ascii") for n in m.kinds if n not in holding)
        cached = _NAMES[id(m)] = (m, plain)
    return cached[1]


def _widen(source: bytes, hits: list[Span]) -> list[Span]:
    """Each anchor hit widened to the identifier around it."""
    out = []
    for a, b in hits:
        lo = max(0, a - 80)
        a = lo + len(source[lo:a].rstrip(WORD_CHARS))
        out.append((a, _WORD_AFTER.match(source, b).end()))
    return out


def candidates(m: MacroSet, source: bytes, found: tuple[list[Span], list[Span]] | None = None) -> list[Span]:
    """Spans of known names and of identifiers containing an iterator-pattern word, in order.

    found: (name spans, anchor-word spans) from the caller's trigger scan (names may then include
    ones inside longer identifiers: the caller keeps whole identifiers); None: searched here.
    """
    if found is not None:
        spans, hits = found
    else:
        known = names(m)
        spans = [h.span() for h in _IDENTIFIER.finditer(source) if h.group() in known]
        hits = [h.span() for rx in m.anchor_regexes for h in rx.finditer(source)] if m.anchor_regexes else []
    if hits:
        return sorted(set(spans) | set(_widen(source, hits)))
    return sorted(spans)
