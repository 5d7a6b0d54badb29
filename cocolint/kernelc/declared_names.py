"""Macro calls that stand for the name being declared: one identifier of the same length.

    enum v4l2_code {                                 enum v4l2_code {
            FROM_BUS_FMT(FIXED),             ->              FROM_BUS_FMT_FIXED_,
            OPCODE(EV_TC_MODE) = PACK(1, 1),                 OPCODE_EV_TC_MODE_ = PACK(1, 1),
    DEFINE_TEST_ARRAY_TYPED(u32, u32, u8) = {  ->   DEFINE_TEST_ARRAY_TYPED u32__u32__u8_ = {

An enumerator list or a table definition often pastes the declared name together in a macro
(`#define FROM_BUS_FMT(n) V4L2_MBUS_FMT_ ## n = MEDIA_BUS_FMT_ ## n`); a call is neither an
enumerator nor a declarator, so tree-sitter loses the enum or the table.  Where an enumerator
starts (after the enum's `{` or a `,`) and is followed by `,`, `=` or `}`, a capitalised call
whose arguments are plain words becomes one identifier (its `(`, commas, blanks and `)` turn
into `_`).  A call starting a line and followed by `= {` becomes a declaration of that type:
`(` a blank, the arguments joined into the declared name.
"""

from __future__ import annotations

from cocolint import accel
from cocolint.kernelc.scan import Normalised, code_before, WORD as _WORD
from cocolint.lazyre import lazy_compile

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    import re
    from typing import Iterator

TRIGGERS: tuple[bytes, ...] = (b"enum", b") = {")
_ENUM = lazy_compile(rb"enum(?:[ \t\r\n]+[A-Za-z_]\w*)?[ \t\r\n]*\{")
_ENUMERATOR = lazy_compile(rb"([A-Z][A-Za-z0-9_]*)\(([\w \t,]*)\)(?=[ \t]*(?:[,=}\n]|/[*/]))")
_DECLARATOR = lazy_compile(rb"(?:static[ \t]+|const[ \t]+)*([A-Z][A-Za-z0-9_]*)\(([\w \t,]*)\) = \{")
_JOIN = bytes(b if chr(b).isalnum() or b == 0x5F else 0x5F for b in range(256))


def declared_names_py(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every enumerator or declarator written as a macro call."""
    found = out.found  # the trigger scan's hits (None: searched here)
    for m in _enums(src, found.starts(TRIGGERS[:1]) if found is not None else None):
        if m.start() and src[m.start() - 1] in _WORD:
            continue
        end = src.find(b"}", m.end())
        if end < 0 or src.find(b"(", m.end(), end) < 0:  # no call in this enum
            continue
        for e in _ENUMERATOR.finditer(src, m.end(), end):
            before = code_before(src, e.start() - 1)
            if before < 0 or src[before] not in b"{,":
                continue
            buf = _join(src, buf, out, e.end(1), e.end(), "enumerator_call")
    for at in found.starts(TRIGGERS[1:]) if found is not None else _all(src, TRIGGERS[1]):
        line = src.rfind(b"\n", 0, at) + 1  # `NAME(args) = {` starting its line
        m = _DECLARATOR.match(src, line)
        if m is not None and m.end() == at + len(TRIGGERS[1]):
            buf = _join(src, buf, out, m.end(1), m.end(2) + 1, "declarator_call", declaration=True)
    return buf


# csrc/declared.c: the same bytes and counts in C
_declared_names = accel.pick("declared_names", declared_names_py)


def declared_names(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """declared_names_py, in C when the native module is built (a module-level function: passcache.py
    stores it by this module and name, so a run with COCOLINT_PURE_PYTHON=1 resolves it to the Python)."""
    return _declared_names(src, buf, out)


def _enums(src: bytes, starts: list[int] | None) -> Iterator[re.Match[bytes]]:
    """_ENUM's matches, as finditer finds them; starts: where `enum` occurs (None: not known)."""
    if starts is None:
        if TRIGGERS[0] in src:
            yield from _ENUM.finditer(src)
        return
    done = 0
    for at in starts:
        if at >= done:  # finditer resumes after its last match
            m = _ENUM.match(src, at)
            if m is not None:
                done = m.end()
                yield m


def _all(src: bytes, literal: bytes) -> Iterator[int]:
    """Every offset of literal in src."""
    at = src.find(literal)
    while at >= 0:
        yield at
        at = src.find(literal, at + 1)


def _join(src: bytes, buf: bytearray | None, out: Normalised, start: int, end: int, kind: str,
          declaration: bool = False) -> bytearray | None:
    """`(a, b)` at start..end as `_a__b_` (or ` a__b_` for a declaration), unless another pass changed it."""
    args = src[start + 1:end - 1].strip()
    if not args or b"\n" in args or (buf is not None and buf[start:end] != src[start:end]):
        return buf
    if buf is None:
        buf = bytearray(src)
    joined = src[start:end].translate(_JOIN)
    if declaration:  # ` a__b_`: the leading blanks kept, the name starting at the first argument
        lead = len(src[start + 1:end]) - len(src[start + 1:end].lstrip())
        joined = b" " * (1 + lead) + joined[1 + lead:]
    buf[start:end] = joined
    out.count(kind, sum(1 for a, b in zip(src[start:end], joined) if a != b))
    return buf
