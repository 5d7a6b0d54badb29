"""`static int page[N] __attribute__((aligned(PAGE_SIZE))) = { 0 };`: the attribute is blanked.

The grammar takes a GNU attribute after a function declarator or a struct, but not after a
variable's declarator: there it ends the declaration and the initialiser becomes an ERROR
(often with the function around it).  An `__attribute__((...))` between a variable's name (or
its `]`) and the `=`, `;` or `,` that follows is blanked; attribute macros (`__aligned(16)`)
are blanked by the attribute class already.
"""

from __future__ import annotations

from cocolint.kernelc.scan import Normalised, blank, close_paren, skip_space
from cocolint.lazyre import lazy_compile

TRIGGERS = (b"__attribute__",)

_ATTRIBUTE = lazy_compile(rb"__attribute__[ \t]*\(")
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_]")


def trailing_attributes(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Blank every GNU attribute that follows a variable declarator."""
    if b"__attribute__" not in src:
        return buf
    for m in _ATTRIBUTE.finditer(src):
        before = skip_space(src, m.start() - 1, -1)
        if before < 0 or src[before] not in _WORD:
            continue
        close = close_paren(src, m.end() - 1)
        if close < 0:
            continue
        seen = src if buf is None else buf  # what comes after, once attribute macros are blanked
        after = skip_space(seen, close + 1)
        if after >= len(seen) or seen[after] not in b"=;,":
            continue
        if buf is None:
            buf = bytearray(src)
        n = blank(buf, m.start(), close + 1)
        out.count("trailing_attribute", n)
    return buf
