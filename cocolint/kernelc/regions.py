"""A file's top-level items that hold a rule's names: the only ones parsed, so tree-sitter reads less.

Every match of a pattern with names holds its names, and a match is one node:
it lies inside one top-level item of the file (a function, a declaration, an initialiser).
Kernel style closes every top-level brace with a `}` at the start of a line and nothing
inside a body starts there, so the text is cut after each such line; the pieces holding
none of the names are left out of the parse (tree-sitter's included ranges: every node keeps its
offset, line and column).
A piece holding a name keeps all its items, so a match, the function around it, and the
scopes looked up among its ancestors are all still there.

This is a guess about layout, so it is checked: the caller parses the pieces and uses that
tree only when it has no ERROR or MISSING node and every top-level node lies inside one piece
(whole()), and parses the whole text otherwise
(kernelc/views.py; with the pre-filter off the whole text is parsed: the reference the soundness
benchmark and tests compare with).
"""

from __future__ import annotations

from cocolint.engine.prefilter import identifier_at
from cocolint.lazyre import lazy_compile

Span = tuple[int, int]

# the end of a line that is a top-level `}` (`}`, `};`, `} __packed;`): not a `\` continued one
_CLOSE = lazy_compile(rb"^\}[^\n\\]*+\n", 8)  # re.M
# pieces only when they are at most this share of the text (past it, a piece that parses damaged costs
# a second parse of it all for little saved)
KEEP_AT_MOST = 0.75


def pieces(text: bytes) -> list[int]:
    """Where each piece starts: 0, then after every top-level `}` line (but the last byte).

    A `}` line that continues a `\\` line is the end of a macro definition (`} while (0)`), which
    may sit inside a function: not a cut."""
    out = [0]
    for m in _CLOSE.finditer(text):
        at = m.start()
        if m.end() < len(text) and not (at >= 2 and (text[at - 2] == 0x5C or text[at - 3:at - 1] == b"\\\r")):
            out.append(m.end())
    return out


def whole(tree_root: object, spans: list[Span]) -> bool:
    """Whether every top-level node of a tree parsed from spans lies inside one of them: a node
    across two pieces means a cut fell inside an item (braces opened in one piece and closed in a
    later one), and the pieces cannot stand for the file."""
    k, n = 0, len(spans)
    for child in tree_root.children:  # type: ignore[attr-defined]
        start, end = child.start_byte, child.end_byte
        while k < n and spans[k][1] <= start:
            k += 1
        if k == n or start < spans[k][0] or end > spans[k][1]:
            return False
    return True


def occurrences(text: bytes, names: tuple[bytes, ...] | list[bytes]) -> list[int]:
    """Offsets of every occurrence of one of names that may be a whole identifier, in order: the
    pre-filter's own test (engine/prefilter.py identifier_at), so a file it lets through for a name
    keeps the piece where that name is."""
    out = []
    for name in names:
        n = len(name)
        at = text.find(name)
        while at >= 0:
            if identifier_at(text, at, n):
                out.append(at)
            at = text.find(name, at + 1)
    out.sort()
    return out


def kept(text: bytes, names: tuple[bytes, ...] | list[bytes], original: bytes | None = None) -> list[Span] | None:
    """The pieces of text that hold one of names, adjacent ones joined; None when they would keep more
    than KEEP_AT_MOST of it, or when no name occurs (the caller then parses the whole text).

    original: where to look for the names, when text is a rewritten copy of it with the same offsets
    (the normaliser rewrites some macro names: a rule naming one still finds its pieces)."""
    hits = occurrences(text if original is None else original, names)
    if not hits:
        return None
    starts = pieces(text)
    ends = [*starts[1:], len(text)]
    out: list[Span] = []
    total = 0
    h, nh = 0, len(hits)
    for s, e in zip(starts, ends):
        while h < nh and hits[h] < s:
            h += 1
        if h < nh and hits[h] < e:
            total += e - s
            if out and out[-1][1] == s:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
    return out if total <= KEEP_AT_MOST * len(text) else None
