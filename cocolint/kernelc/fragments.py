"""Table fragments: files #include'd into the middle of an array, enum or switch, parsed in that context.

    /* an #include'd table */          is parsed as   int __fragment[] = {  /* ... */
    { "first", .insns = { ... } },                     { "first", ... },
    DEVICE(0x1234, "name", FLAGS),                     DEVICE(...),
                                                       };
A C file cannot start with `{`, `[0] =`, `.field =`, `case X:` or `NAME,`; a file that does is
the inside of something.  The context (a one-line prefix and a suffix) is handed to ts.parse,
which edits the prefix out of the tree afterwards: no byte of the file moves.
"""

from __future__ import annotations

import re

ARRAY = (b"int __fragment[] = {", b"\n};\n")  # initialiser items, designators, enumerators
SWITCH = (b"void __fragment(void) { switch (0) {", b"\n}}\n")  # `case X: ...` arms

_SKIP = re.compile(rb"(?:\s+|/\*.*?\*/|//[^\n]*|#(?:[^\n]*\\\r?\n)*[^\n]*)*", re.S)  # space, comments, directives
_ITEM_START = re.compile(rb"\{|\[[^\]\n]*\][ \t]*=|\.[A-Za-z_]\w*[ \t]*=[^=]|\"")
_CASE = re.compile(rb"(?:case\b|default[ \t]*:)")
_ENUMERATOR = re.compile(rb"[A-Za-z_]\w*[ \t]*(?:,|=[^=][^;{}]*,)")  # `NAME,` or `NAME = 3,` ... no `;`
_CALL_ITEM = re.compile(rb"[A-Z][A-Z0-9_]*[ \t]*\(")


def context(src: bytes) -> tuple[bytes, bytes] | None:
    """The (prefix, suffix) a table fragment is parsed in, or None for an ordinary C file."""
    first = _SKIP.match(src).end()
    if first >= len(src):
        return None
    if _ITEM_START.match(src, first):
        return ARRAY
    if _CASE.match(src, first):
        return SWITCH
    if _ENUMERATOR.match(src, first) and b";" not in _code(src, first):
        return ARRAY
    if _CALL_ITEM.match(src, first) and _call_then_comma(src, first) and b";" not in _code(src, first):
        return ARRAY
    return None


def _code(src: bytes, start: int) -> bytes:
    """src from start without comments and strings (only asked for the few files that look like tables)."""
    return re.sub(rb"/\*.*?\*/|//[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", b"", src[start:], flags=re.S)


def _call_then_comma(src: bytes, start: int) -> bool:
    """`NAME(...)` followed by `,`: an item of an initialiser list (`UNUSUAL_DEV(...),`)."""
    from cocolint.kernelc.scan import close_paren, skip_space

    open_at = src.index(b"(", start)
    close = close_paren(src, open_at)
    if close < 0:
        return False
    nxt = skip_space(src, close + 1)
    return src[nxt:nxt + 1] == b","
