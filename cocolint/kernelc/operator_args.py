"""Macro arguments that are a bare operator (`ALU(ADD, +)`, `ATOMIC_OP(or, |=)`) or empty: a same-length `0`.

Kernel code generates families of functions and test cases by passing an operator to a
macro; no C expression is a lone operator, so tree-sitter gives up on the whole call (and
often on the function around it).  The operator becomes a number of its own length, so the
call reads as a call with one more argument; nothing else in the file moves.  An empty argument
written with a space (`CASE(w,  , acq_, 32)`, `BUILD(i, 32, )`) gets a `0` in its first space;
`f( )` (no arguments) and `void (*)(void)` are C and stay.
"""

from __future__ import annotations

from itertools import repeat

from cocolint import accel
from cocolint.kernelc.scan import SPACES, Normalised, after
from cocolint.lazyre import lazy_compile

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    import re
    from typing import Iterable

    from cocolint.kernelc.triggers import Found

_OPS = rb"(?:<<=|>>=|<<|>>|==|!=|<=|>=|&&|\|\||[-+*/%&|^]=|[-+*/%&|^~!<>])"
# an argument after the first that is only an operator, or empty with a space in it (the regex
# starts with a literal `,`: a fast search; an operator or empty first argument is not looked for)
# (the lookahead: an operator's first character, so that the usual `, name` fails at once)
_AFTER_COMMA = lazy_compile(rb",(?:([ \t]*)(?=[-+*/%&|^~!<>=])(" + _OPS + rb")[ \t]*|([ \t]+))(?=[,)])")
_OP_LIST = (b"<<=", b">>=", b"<<", b">>", b"==", b"!=", b"<=", b">=", b"&&", b"||",
            *after([bytes([c]) for c in b"-+*/%&|^"], [b"="]), *(bytes([c]) for c in b"-+*/%&|^~!<>"))
_ENDS = (b",", b")")
# `,` gap operator gap end, each gap of at most one space; a longer gap holds two spaces in a row
# (the first two start at the comma of the match; the third is the end of a longer gap, after it)
_AT_COMMA = (after(after(after(after([b","], (b"", *SPACES)), _OP_LIST), (b"", *SPACES)), _ENDS)
             + after([b","], after(SPACES, SPACES + _ENDS)))
_GAP_END = after(after(SPACES, SPACES), _ENDS)
TRIGGERS = _AT_COMMA + _GAP_END


def operator_args_py(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every bare-operator or empty macro argument."""
    for m in _matches(src, out.found):
        if m.group(3) is not None:  # empty: a `0` in its first space
            start, end, kind = m.start(3), m.start(3) + 1, "empty_argument"
        else:
            start, end, kind = m.start(2), m.end(2), "operator_argument"
        if buf is None:
            buf = bytearray(src)
        buf[start:end] = b"0" * (end - start)
        out.count(kind, end - start)
    return buf


# csrc/opargs.c: the same bytes and counts in C
_operator_args = accel.pick("operator_args", operator_args_py)


def operator_args(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """operator_args_py, in C when the native module is built (a module-level function: passcache.py
    stores it by this module and name, so a run with COCOLINT_PURE_PYTHON=1 resolves it to the Python)."""
    return _operator_args(src, buf, out)


def _matches(src: bytes, found: Found | None) -> Iterable[re.Match[bytes]]:
    """_AFTER_COMMA's matches in src, as finditer finds them.

    found: the trigger scan's hits.  A match holds one comma, its first byte, and one of the
    triggers: at that comma, or (a gap of two blanks or more before the end) after it with only
    blanks and an operator between them; so the regex need only be tried at those commas.
    """
    if found is None:
        return _AFTER_COMMA.finditer(src)
    commas = set(found.starts(_AT_COMMA))
    commas.update(src.rfind(b",", 0, at) for at in found.starts(_GAP_END))
    commas.discard(-1)
    return [m for m in map(_AFTER_COMMA.match, repeat(src), sorted(commas)) if m is not None]
