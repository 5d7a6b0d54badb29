"""GNU attributes the grammar cannot place: a file's own attribute macros, before `(*`, register asm names.

    #define PRINTF(i, j) __attribute__((format(printf, i, j)))
    void PRINTF(1, 2) die(const char *fmt, ...);            ->  void              die(const char *fmt, ...);
    typedef int __attribute__((nonnull(2))) (*cmp_t)(...);  ->  typedef int                         (*cmp_t)(...);

The shared attribute lists (macros.toml, macros_derived.toml) hold the attribute macros defined
in include/ and arch/*/include; a tool or driver that defines its own (`PRINTF`, `NORETURN`
in scripts/dtc) would need its names listed, and the same names mean other things elsewhere.
So the names come from the file's own `#define NAME(...) __attribute__((...))` (or object-like),
and only their uses in that file are blanked (not the #define lines).  An `__attribute__((...))`
right before a parenthesised declarator (`(*name)`) is blanked too: the grammar takes it after
the declarator, not there.  A register variable's `asm("r0")` (`register u64 x0 asm("x0") = v;`,
arm64/s390/riscv hypercall and SMC code) is blanked like an attribute: tree-sitter-c takes no asm
name between a declarator and its `=` or `;`.
"""

from __future__ import annotations

import re

from cocolint import accel
from cocolint.kernelc.scan import Normalised, blank, close_paren
from cocolint.lazyre import lazy_compile

# an attribute, or an asm name (`asm(`, `__asm(`, `asm (`, `__asm__(`): the pass changes nothing without one
TRIGGERS: tuple[bytes, ...] = (b"__attribute__", b"asm(", b"asm (", b"asm__(", b"asm__ (")
# `register <type> name asm("r0")`, led by the literal `register` (a call `register_x(` stops at its `(`;
# one search instead of the four asm literals above, which a dispatcher scanning them at once may use)
_REGISTER_ASM = lazy_compile(rb"register\b[^;=(){}]*?\b((?:__asm__|__asm|asm)[ \t]*\()\"[^\"\n]*\"[ \t]*\)(?=[ \t]*[=;,])")
_DEFINE = lazy_compile(rb"#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)\n]*\))?[ \t]+__attribute__[ \t]*\(\(")
_BEFORE_DECLARATOR = lazy_compile(rb"__attribute__[ \t]*\(\(")
_LINE_START = lazy_compile(rb"[ \t]*#")


def local_attributes_py(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Blank the uses of the file's own attribute macros, and attributes before `(*`."""
    for m in _REGISTER_ASM.finditer(src):
        buf = _blank(src, buf, out, m.start(1), m.end())
    if TRIGGERS[0] not in src:
        return buf
    names = {m.group(1): m.group(2) is not None for m in _DEFINE.finditer(src)}
    if names:
        uses = re.compile(rb"\b(?:" + b"|".join(re.escape(n) for n in names) + rb")\b")
        for m in uses.finditer(src):
            line = src.rfind(b"\n", 0, m.start()) + 1
            if _LINE_START.match(src, line) or (line > 1 and src[line - 2] == 0x5C):
                continue  # a directive (its #define) or a continuation line
            end = m.end()
            if names[m.group()]:  # function-like: its arguments too
                if src[end:end + 1] != b"(":
                    continue
                end = close_paren(src, end) + 1
                if end <= 0:
                    continue
            buf = _blank(src, buf, out, m.start(), end)
    if b")) (*" in src:
        for m in _BEFORE_DECLARATOR.finditer(src):
            close = close_paren(src, m.end() - 2)
            if close > 0 and src[close + 1:close + 4] == b" (*":
                buf = _blank(src, buf, out, m.start(), close + 1)
    return buf


# csrc/localattrs.c: the same bytes and counts in C
_local_attributes = accel.pick("local_attributes", local_attributes_py)


def local_attributes(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """local_attributes_py, in C when the native module is built (a module-level function: passcache.py
    stores it by this module and name, so a run with COCOLINT_PURE_PYTHON=1 resolves it to the Python)."""
    return _local_attributes(src, buf, out)


def _blank(src: bytes, buf: bytearray | None, out: Normalised, start: int, end: int) -> bytearray:
    if buf is None:
        buf = bytearray(src)
    out.count("local_attribute", blank(buf, start, end))
    return buf
