"""`{ PINMUX_BIAS_REG("PUPR0", 0xe6060100, "N/A", 0) {`: a macro item of an initialiser gets its comma.

Register tables open an entry with a macro that expands to its leading members and go on,
on the same line, with the braced member that follows; the macro supplies the comma.  Where a
capitalised call right after an initialiser's `{` is followed on its line by another `{`, a
`,` goes into the space between them: `{ NAME(...),{`.
"""

from __future__ import annotations

from cocolint.kernelc.scan import UPPER, Normalised, after, close_paren
from cocolint.lazyre import lazy_compile

TRIGGERS = after([b"{ "], UPPER)

_ITEM = lazy_compile(rb"\{ ([A-Z][A-Z0-9_]*)\(")


def call_items(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Put the missing comma after each such macro item."""
    if b"{ " not in src:
        return buf
    for m in _ITEM.finditer(src):
        close = close_paren(src, m.end() - 1)
        if close < 0:
            continue
        gap = close + 1
        while gap < len(src) and src[gap] in b" \t":
            gap += 1
        if gap == close + 1 or src[gap:gap + 1] != b"{":
            continue
        if buf is None:
            buf = bytearray(src)
        buf[close + 1] = 0x2C
        out.count("call_item", 1)
    return buf
