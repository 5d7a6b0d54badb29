"""Macro calls inside an asm template (`asm volatile("lock; " __ASM_SIZE(bts) " %1,%0" : ...)`): blank strings.

The grammar takes an asm template only as string literals (and identifiers) next to each
other; a macro that builds part of the instruction text (`__stringify(x)`, `__ASM_SIZE(op)`,
`HFENCE_GVMA(%0, %1)`, `ALTERNATIVE("a", "b", FEATURE)`) makes the whole statement an ERROR.
Each such call becomes a string literal of its own length on each line it covers, so the
template reads as the concatenated string it expands to; operands and clobbers are untouched.
"""

from __future__ import annotations

import re

from cocolint.kernelc.scan import Normalised, after, close_paren, top_commas
from cocolint.lazyre import lazy_compile

# `asm`, `asm__` (and `__asm`) followed by a blank or `(`: every asm statement has one of them
TRIGGERS = after([b"asm", b"asm__"], [b"(", b" ", b"\t", b"\n", b"\r", b"\f", b"\v"])

_ASM = lazy_compile(rb"asm(?:__)?(?:\s+(?:volatile|__volatile__|__volatile|goto|inline|__inline__|asm_inline))*"
                  rb"\s*\(")
_TOKEN = lazy_compile(rb'"(?:[^"\\\n]|\\.)*"|/\*.*?\*/|[A-Za-z_]\w*\s*\(|[():]', re.S)


def asm_templates(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite the macro calls of every asm template as blank strings."""
    if b"asm" not in src:
        return buf
    for m in _ASM.finditer(src):
        before = src[max(0, m.start() - 3):m.start()]
        if before.endswith(b"__"):
            before = before[:-2]
        if before[-1:].isalnum() or before.endswith(b"_"):
            continue  # part of a longer name (`__asm__` counts, `my_asm(` does not)
        for start, end in _template_calls(src, m.end()):
            if buf is None:
                buf = bytearray(src)
            if end < 0:  # an operand macro's last argument opens here
                buf[start] = 0x28
                continue
            n = _as_strings(buf, start, end)
            out.count("asm_template", n)
    return buf


def _template_calls(src: bytes, pos: int) -> list[tuple[int, int]]:
    """The macro calls of the asm statement whose `(` ends at pos that must become strings:
    every top-level call of the template, and in the operand lists a call that stands for a
    constraint (`CC_OUT(c) (oldbit)`: a call followed by the parenthesised operand)."""
    calls: list[tuple[int, int]] = []
    opens: list[int] = []  # where an operand macro's last argument gets its `(`
    depth = 0
    section = 0  # 0: template, 1: outputs, 2: inputs, 3: clobbers, 4: labels
    while True:
        t = _TOKEN.search(src, pos, pos + 20000)
        if t is None:
            return []  # no end in sight: not a statement we understand
        c = src[t.start()]
        if c == 0x22 or c == 0x2F:
            pos = t.end()
        elif c == 0x28:
            depth += 1
            pos = t.end()
        elif c == 0x29:
            if depth == 0:
                return calls + [(o, -1) for o in opens]
            depth -= 1
            pos = t.end()
        elif c == 0x3A:
            if depth == 0:
                section += 1
            pos = t.end()
        else:  # NAME(
            close = close_paren(src, t.end() - 1)
            if close < 0:
                return []
            if depth == 0 and (section == 0 or (section in (1, 2) and _operand_follows(src, close + 1))):
                calls.append((t.start(), close + 1))
            elif depth == 0 and section in (1, 2) and _operand_ends(src, close + 1):
                # a macro for a whole operand (`CONST_MASK_ADDR(nr, addr)`): its name (and all
                # arguments but the last) becomes the constraint string, its last argument the
                # operand: `"                  "( addr)`
                open_at = t.end() - 1
                commas = top_commas(src, open_at, close)
                cut = commas[-1] if commas else open_at
                if cut - t.start() >= 2 and b"\n" not in src[t.start():cut]:
                    calls.append((t.start(), cut))
                    opens.append(cut)
            pos = close + 1


def _operand_ends(src: bytes, pos: int) -> bool:
    while pos < len(src) and src[pos] in b" \t\r\n\\":
        pos += 1
    return src[pos:pos + 1] in (b",", b":", b")")


def _operand_follows(src: bytes, pos: int) -> bool:
    while pos < len(src) and src[pos] in b" \t\r\n\\":
        pos += 1
    return src[pos:pos + 1] == b"("


def _as_strings(buf: bytearray, start: int, end: int) -> int:
    """buf[start:end] as one blank string literal per line (a line piece under 2 bytes: spaces)."""
    n = 0
    pos = start
    while pos < end:
        nl = buf.find(b"\n", pos, end)
        stop = end if nl < 0 else nl
        a, b = pos, stop
        while a < b and buf[a] in b" \t":
            a += 1
        while b > a and buf[b - 1] in b" \t\r\\":  # a #define's continuation stays
            b -= 1
        if b - a >= 2:
            buf[a:b] = b'"' + b" " * (b - a - 2) + b'"'
            n += b - a
        elif b - a == 1:
            buf[a] = 0x20
            n += 1
        pos = stop + 1
    return n
