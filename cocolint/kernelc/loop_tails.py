"""`do { ... } while_each_thread(g, t);`: a macro that closes a do-loop reads as `while`, padded.

The kernel's `do_each_*`/`while_each_*` pairs (and `while_for_each_*`) open a loop with one macro
and close it with another; `do { ... } for_each_vma_range(vmi, vma, end);` closes a plain `do`.  The closing one, right after the `}`, becomes `while` and spaces,
so the tail reads `} while (g, t);`: the `do` the opening macro stands for (rewritten as a
`while` loop by the iterator class, or left alone) and the body stay C.
"""

from __future__ import annotations

from cocolint.kernelc.scan import Normalised, blank, close_paren
from cocolint.lazyre import lazy_compile

TRIGGERS = (b"} while_", b"} for_each_")  # what the pass looks for first

_TAIL = lazy_compile(rb"\}[ \t]*((?:while_|for_each_)\w+)[ \t]*\(")


def loop_tails(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every `} while_xxx(args);` as `} while    (args);`."""
    if b"} while_" not in src and b"} for_each_" not in src:
        return buf
    for m in _TAIL.finditer(src):
        close = close_paren(src, m.end() - 1)
        if close < 0 or src[close + 1:close + 2] != b";":
            continue
        if buf is None:
            buf = bytearray(src)
        start = m.start(1)
        n = blank(buf, start + 5, m.end(1))
        if src[start:start + 5] != b"while":
            buf[start:start + 5] = b"while"
            n += 5
        out.count("loop_tail", n)
    return buf
