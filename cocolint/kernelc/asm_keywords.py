"""`asm_inline volatile (...)`: the kernel's spelling of `asm inline`, read as the `asm` keyword.

include/linux/compiler_types.h defines `asm_inline` as `asm __inline` (or plain `asm`), and the
x86 headers use it for every ALTERNATIVE and hypercall; tree-sitter-c takes `asm`, `__asm__` or
`__asm` there and loses the statement (and the operands) otherwise.  Each whole-word use outside
its own #define becomes `asm` and blanks, so the statement is an asm statement with its operands.
"""

from __future__ import annotations

import re

from cocolint.kernelc.scan import Normalised, blank, WORD as _IS_WORD
from cocolint.lazyre import lazy_compile

TRIGGERS: tuple[bytes, ...] = (b"asm_inline",)
_USE = lazy_compile(rb"asm_inline\b")


def asm_keywords(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every `asm_inline` keyword as `asm` padded with blanks."""
    if TRIGGERS[0] not in src:
        return buf
    for m in _USE.finditer(src):
        if m.start() and src[m.start() - 1] in _IS_WORD:
            continue
        line = src.rfind(b"\n", 0, m.start()) + 1
        if re.match(rb"[ \t]*#[ \t]*(?:define|undef|ifn?def)", src[line:m.start()]):
            continue  # `#define asm_inline asm __inline`: the definition stays
        if buf is None:
            buf = bytearray(src)
        out.count("asm_keyword", blank(buf, m.start() + 3, m.end()))
    return buf
