"""A sound literal pre-filter: a file that cannot hold a match of a rule's patterns is not parsed for it.

Soundness.  A finding of rule R needs a match of one of R's own patterns P (scope regions and
`patterns-not` only remove findings, so they never make a rule fire).  The compiled query of
P pins every name in P (identifiers, field and type names) with `#eq?` on the node's text,
so the file must contain each of those names as a whole token.  A rule can fire in a file
only if, for some pattern, every name of that pattern is present; a rule with a pattern
that pins no name (a raw query, `$X(...)`) runs on every file.

The check runs in two stages.  Stage 1 asks whether any *anchor* occurs as a plain
substring (`bytes.__contains__`, memmem speed); each pattern contributes its longest name,
and names that share a long substring are covered by that substring, so a whole tree is
scanned a few times, not once per name.  Files with no anchor (nearly all of a kernel
tree) stop here.  Stage 2, on the few files left, looks for every name as a whole
identifier: not followed by `[A-Za-z0-9_]` and not the tail of a longer identifier
(`cc_mask` does not hit `dcc_mask`).  Where tree-sitter could still split a token
(after a number, a `.`, a `\\`, a non-ASCII byte), the name counts as present: the
filter may let a file through, never drop one.

Contract with source rewriting: the filter reads the raw file; a normalisation step before
parsing may blank or replace code with keywords and punctuation, but must not create names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

_WORD = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_LETTER = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
# a byte before an identifier-looking run that may mean tree-sitter tokenizes the run differently
_MAYBE_SPLIT = frozenset(b"0123456789.'\\") | frozenset(range(0x80, 0x100))
MIN_SHARED_ANCHOR = 8  # shorter common substrings hit too many files to be worth it
MAX_SHARED_ANCHOR = 24

LiteralSets = Sequence[frozenset[str]] | None


def whole_identifier(source: bytes, name: bytes) -> bool:
    """True if name may occur in source as a whole C identifier token (never a false False)."""
    n = len(name)
    pos = source.find(name)
    while pos >= 0:
        if identifier_at(source, pos, n):
            return True
        pos = source.find(name, pos + 1)
    return False


def identifier_at(source: bytes, pos: int, n: int) -> bool:
    """Whether the n bytes at pos may be a whole C identifier token (never a false False)."""
    end = pos + n
    if end < len(source) and source[end] in _WORD:
        return False
    start = pos
    while start > 0 and source[start - 1] in _WORD:
        start -= 1
    return start == pos or source[start] not in _LETTER or (start > 0 and source[start - 1] in _MAYBE_SPLIT)


def choose_anchors(keys: set[str]) -> tuple[str, ...]:
    """Substrings such that every key contains one: shared ones first, the rest as themselves."""
    uncovered = set(keys)
    anchors: list[str] = []
    subs = _shareable(keys)
    while len(uncovered) > 1:
        # the substring most uncovered keys share, then the longest, then the first in sorted order
        counts = Counter(g for k in uncovered if k in subs for g in subs[k])
        shared = [g for g, n in counts.items() if n >= 2]
        if not shared:
            break
        best = min(shared, key=lambda g: (-counts[g], -len(g), g))
        anchors.append(best)
        uncovered = {k for k in uncovered if best not in k}
    # a key containing another key is covered by the shorter one
    for k in sorted(uncovered, key=len):
        if not any(a in k for a in anchors):
            anchors.append(k)
    return tuple(sorted(anchors))


def _shareable(keys: set[str]) -> dict[str, set[str]]:
    """Each key's substrings of 8 to 24 bytes that another key may share (keys sharing none left out).

    Every 8-byte run of a substring two keys share is itself shared, so only substrings made of
    shared 8-byte runs are kept: far fewer than all of them, and every one that can count.
    """
    w = MIN_SHARED_ANCHOR
    holders = Counter(g for k in keys for g in {k[i:i + w] for i in range(len(k) - w + 1)})
    out: dict[str, set[str]] = {}
    for k in keys:
        shared = [holders[k[i:i + w]] >= 2 for i in range(len(k) - w + 1)]
        if not any(shared):
            continue
        subs = out[k] = set()
        for i, ok in enumerate(shared):
            if not ok:
                continue
            for size in range(w, min(len(k) - i, MAX_SHARED_ANCHOR) + 1):
                if not shared[i + size - w]:  # a longer one holds this unshared run too
                    break
                subs.add(k[i:i + size])
    return out


class Prefilter:
    """Which rules (by index) a file's bytes admit; built once per rule set."""

    def __init__(self, literal_sets: Sequence[LiteralSets]) -> None:
        self.sets: list[tuple[tuple[bytes, ...], ...] | None] = [
            None if s is None else tuple(tuple(sorted(x.encode() for x in lits)) for lits in s)
            for s in literal_sets
        ]
        self.always = tuple(i for i, s in enumerate(self.sets) if s is None)
        keys = {max(lits, key=lambda b: (len(b), b)).decode() for s in self.sets if s for lits in s}
        self.anchors = tuple(a.encode() for a in choose_anchors(keys))
        self.names = tuple(sorted({n for s in self.sets if s for lits in s for n in lits}))

    def may_match(self, source: bytes) -> bool:
        """Stage 1: False if no rule can match (no rule without names, no anchor in source)."""
        if self.always:
            return True
        return any(a in source for a in self.anchors)

    def admitted(self, source: bytes, candidates: Sequence[int] | None = None,
                 any_anchor: bool | None = None) -> list[int]:
        """Rules among candidates (default: all) whose pattern names occur as whole identifiers.

        any_anchor: whether an anchor occurs, when the caller knows (None: searched here).
        """
        indices = range(len(self.sets)) if candidates is None else candidates
        if not (any(a in source for a in self.anchors) if any_anchor is None else any_anchor):
            return [i for i in indices if self.sets[i] is None]
        present: dict[bytes, bool] = {}

        def has(name: bytes) -> bool:
            if name not in present:
                present[name] = whole_identifier(source, name)
            return present[name]

        out = []
        for i in indices:
            sets = self.sets[i]
            if sets is None or any(all(has(n) for n in lits) for lits in sets):
                out.append(i)
        return out
