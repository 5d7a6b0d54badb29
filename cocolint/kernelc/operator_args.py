"""Macro arguments that are a bare operator (`ALU(ADD, +)`, `ATOMIC_OP(or, |=)`) or empty: a same-length `0`.

Kernel code generates families of functions and test cases by passing an operator to a
macro; no C expression is a lone operator, so tree-sitter gives up on the whole call (and
often on the function around it).  The operator becomes a number of its own length, so the
call reads as a call with one more argument; nothing else in the file moves.  An empty argument
written with a space (`CASE(w,  , acq_, 32)`, `BUILD(i, 32, )`) gets a `0` in its first space;
`f( )` (no arguments) is C and stays.
"""

from __future__ import annotations

import re

from cocolint.kernelc.scan import Normalised

# an argument that is only an operator: between `(` or `,` and `,` or `)`
_OPERATOR_ARG = re.compile(
    rb"(?<=[(,])([ \t]*)(<<=|>>=|<<|>>|==|!=|<=|>=|&&|\|\||[-+*/%&|^]=|[-+*/%&|^~!<>])[ \t]*(?=[,)])")


_EMPTY_ARG = re.compile(rb"(?<=,)[ \t]+(?=[,)])|(?<=\()[ \t]+(?=,)")


def operator_args(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every bare-operator macro argument as `0`s (`(*)`, a pointer declarator, stays)."""
    for m in _OPERATOR_ARG.finditer(src):
        start, end = m.start(2), m.end(2)
        op = m.group(2)
        if op in (b"*", b"^") and src[m.start() - 1:m.start()] == b"(" and src[m.end():m.end() + 1] == b")":
            continue  # `void (*)(void)`: an abstract pointer declarator, C as written
        if buf is None:
            buf = bytearray(src)
        buf[start:end] = b"0" * (end - start)
        out.by_class["operator_argument"] = out.by_class.get("operator_argument", 0) + end - start
        out.rewritten += end - start
    if b" ," in src or b", )" in src or b",\t" in src:
        for m in _EMPTY_ARG.finditer(src):
            if buf is None:
                buf = bytearray(src)
            buf[m.start()] = 0x30
            out.by_class["empty_argument"] = out.by_class.get("empty_argument", 0) + 1
            out.rewritten += 1
    return buf
