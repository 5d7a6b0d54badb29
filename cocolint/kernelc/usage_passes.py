"""GNU and macro forms found by a literal first: offsetof designators, typeof declarations, case ranges,
macros in asm statements, attributes after a declarator.

Each pass looks for a literal with bytes.find before any other work, so a file without
the form costs one search.  Every rewrite keeps the length and every newline.
"""

from __future__ import annotations

from cocolint import accel
from cocolint.kernelc.more_kinds import as_string
from cocolint.kernelc.asm_templates import TRIGGERS as _ASM_TRIGGERS
from cocolint.kernelc.scan import Normalised, blank, close_paren, code_before, skip_space, top_commas
from cocolint.lazyre import lazy_compile

_NOT_WORD = lazy_compile(rb"[^A-Za-z0-9_]")
_PLAIN = lazy_compile(rb"\s*[A-Za-z_]\w*\s*\Z")
_TYPE_WORDS = lazy_compile(rb"\s*(?:struct|union|enum|typeof|__typeof__|const|unsigned|signed)\b")


def _join(buf: bytearray, src: bytes, a: int, b: int) -> int:
    """Every byte of src[a:b] that is not a word character (or a newline) becomes `_`."""
    n = 0
    for m in _NOT_WORD.finditer(src, a, b):
        i = m.start()
        if src[i] not in b"\n\r\\":
            buf[i] = 0x5F
            n += 1
    return n


def _trim(src: bytes, a: int, b: int) -> tuple[int, int]:
    while a < b and src[a] in b" \t\r\n\\":
        a += 1
    while b > a and src[b - 1] in b" \t\r\n\\":
        b -= 1
    return a, b


def offsetof(src: bytes, buf: bytearray, out: Normalised) -> None:
    """`offsetof(struct s, a.b[i])`, `offsetof(typeof(*p), m)`: designator and type joined into identifiers."""
    at = src.find(b"offsetof")
    while at >= 0:
        nxt = src.find(b"offsetof", at + 8)
        builtin = src.endswith(b"__builtin_", 0, at)
        if (at and (src[at - 1:at].isalnum() or (src[at - 1] == 0x5F and not builtin))) \
                or src[at + 8:at + 9].isalnum() or src[at + 8:at + 9] == b"_":
            at = nxt
            continue
        open_at = skip_space(src, at + 8)
        close = close_paren(src, open_at) if open_at < len(src) and src[open_at] == 0x28 else -1
        commas = top_commas(src, open_at, close) if close > 0 else []
        if len(commas) == 1:
            ta, tb = _trim(src, open_at + 1, commas[0])
            ma, mb = _trim(src, commas[0] + 1, close)
            n = 0
            if (builtin or src.startswith((b"typeof", b"__typeof__"), ta)) and _TYPE_WORDS.match(src, ta, tb):
                n += _join(buf, src, ta, tb)
            if ma < mb and not _PLAIN.match(src, ma, mb) and b"/*" not in src[ma:mb]:
                n += _join(buf, src, ma, mb)
            out.count("offsetof", n)
        at = nxt


def typeof_declarations(src: bytes, buf: bytearray, out: Normalised) -> None:
    """`typeof(p->flags) val = ...;`: the expression is joined into one identifier so the type reads."""
    for word in (b"\ttypeof(", b"\t__typeof__("):  # a declaration starts an indented line
        at = src.find(word)
        while at >= 0:
            at += 1
            open_at = at + len(word) - 2
            if not (at and (src[at - 1:at].isalnum() or src[at - 1] == 0x5F)):
                close = close_paren(src, open_at)
                after = skip_space(src, close + 1) if close > 0 else len(src)
                inner = src[open_at + 1:close] if close > 0 else b""
                if after < len(src) and (src[after:after + 1].isalpha() or src[after] in b"_*") \
                        and not _PLAIN.match(inner) and not _TYPE_WORDS.match(inner) and b"\n" not in inner \
                        and src[code_before(src, at - 1):code_before(src, at - 1) + 1] in (b";", b"{", b"}", b"", b",", b"(", b"\n"):
                    a, b = _trim(src, open_at + 1, close)
                    out.count("typeof", _join(buf, src, a, b))
            at = src.find(word, open_at)


_CASE_BEFORE = lazy_compile(rb"(?:\bcase\b[^:;]*|\[[^\];]*)\Z")


def case_ranges(src: bytes, buf: bytearray, out: Normalised) -> None:
    """`case A...B:` and `case X(1) ...\\n X(9):` (no spaces around): `...` becomes ` - `.

    In one native call when built (csrc/usage.c); case_ranges_py is the reference."""
    if _case_ranges is not None and len(buf) == len(src):
        out.count("range", 2 * _case_ranges(src, buf))
    else:
        case_ranges_py(src, buf, out)


def case_ranges_py(src: bytes, buf: bytearray, out: Normalised) -> None:
    """case_ranges in Python: each `...` looked at in turn."""
    at = src.find(b"...")
    while at >= 0:
        if not (src[at - 1:at] == b" " and src[at + 3:at + 4] == b" ") and src[at + 3:at + 4] != b"." \
                and src[at - 1:at] != b".":
            line_start = src.rfind(b"\n", 0, at) + 1
            if (src.find(b"case", line_start, at) >= 0 or src.find(b"[", line_start, at) >= 0) \
                    and _CASE_BEFORE.search(src, line_start, at) and b"#" not in src[line_start:at]:
                buf[at:at + 3] = b" - "
                out.count("range", 2)
        at = src.find(b"...", at + 3)


_case_ranges = accel.pick("case_ranges", None)

_ASM = lazy_compile(rb"(?:asm|__asm__|__asm)\b(?:\s+(?:volatile|__volatile__|__volatile|goto|inline))*\s*\(")
_ITEM = lazy_compile(rb"\s*(?:\[\s*\w+\s*\]\s*)?\"")


def asm_macros(src: bytes, buf: bytearray, out: Normalised) -> None:
    """Macros in asm statements: `asm(PPC_OP(%0) : : "r"(x))`, `: : : CLOBBERS)` read as strings or go."""
    at = src.find(b"asm")
    while at >= 0:
        nxt = src[at + 3:at + 4]
        m = _ASM.match(src, at - 2 if src[at - 2:at] == b"__" else at) if nxt in b" \t(_v\n" else None
        at = src.find(b"asm", at + 3)  # `#include <asm/io.h>`: not a statement
        if m is None or (m.start() and (src[m.start() - 1:m.start()].isalnum() or src[m.start() - 1] == 0x5F)):
            continue
        open_at = m.end() - 1
        close = close_paren(src, open_at)
        if close < 0:
            continue
        parts = _colons(src, open_at + 1, close)
        for k, (a, b) in enumerate(parts):
            if k == 0:
                _template(src, buf, a, b, out)
            elif k < 4:
                _operands(src, buf, a, b, out, clobbers=k == 3)


def _colons(src: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The `:`-separated parts of an asm statement (outside strings, brackets and parentheses)."""
    parts, depth, a = [], 0, start
    i = start
    while (m := _COLON_STOPS.search(src, i, end)) is not None:  # the regex skips what a byte loop would
        i = m.start()
        c = src[i]
        if c == 0x22:
            i = _STRING_BODY.match(src, i + 1, end).end()  # the closing quote (or the end)
        elif c == 0x28 or c == 0x5B:
            depth += 1
        elif c == 0x29 or c == 0x5D:
            depth -= 1
        elif depth == 0:  # `::` is two separators around an empty part
            parts.append((a, i))
            a = i + 1
        i += 1
    parts.append((a, end))
    return parts


_COLON_STOPS = lazy_compile(rb'["()\[\]:]')
_STRING_BODY = lazy_compile(rb'(?:[^"\\]|\\[\s\S])*+')  # a string literal's bytes after its opening quote
_TEMPLATE_STOPS = lazy_compile(rb'["/#A-Za-z_]')  # what the template scan acts on; other bytes are passed over
_NAME = lazy_compile(rb"[A-Za-z_]\w*")


def _template(src: bytes, buf: bytearray, a: int, b: int, out: Normalised) -> None:
    """Names (and calls) among the string literals of an asm template become blank strings."""
    i = a
    while i < b:
        stop = _TEMPLATE_STOPS.search(src, i, b)
        if stop is None:
            return
        i = stop.start()
        c = src[i]
        if c == 0x22:
            i = _STRING_BODY.match(src, i + 1, b).end() + 1
            continue
        if c == 0x2F and src[i + 1:i + 2] in (b"*", b"/"):  # a comment
            j = src.find(b"*/", i + 2, b) + 2 if src[i + 1] == 0x2A else src.find(b"\n", i, b)
            i = j if j > i else b
            continue
        if c == 0x23 and not src[src.rfind(b"\n", 0, i) + 1:i].strip():  # a directive line
            j = src.find(b"\n", i, b)
            i = j if j > i else b
            continue
        m = _NAME.match(src, i, b)
        if m is None:
            i += 1
            continue
        end = m.end()
        if src[end:end + 1] == b"(":
            close = close_paren(src, end)
            if close < 0 or close >= b:
                return
            end = close + 1
        if end - m.start() >= 2 and b"\n" not in src[m.start():end] and buf[m.start()] == src[m.start()]:
            out.count("asm_macro", as_string(buf, m.start(), end))
        i = end


def _operands(src: bytes, buf: bytearray, a: int, b: int, out: Normalised, clobbers: bool) -> None:
    """A bare macro name among operands (`ASM_CALL_CONSTRAINT`) or clobbers is blanked with its comma."""
    bounds = [a - 1, *top_commas(src, a - 1, b), b]
    items = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    for idx, (x, y) in enumerate(items):
        x, y = _trim(src, x, y)
        if x >= y or _ITEM.match(src, x, y) or not _NAME.fullmatch(src, x, y) or buf[x] != src[x]:
            continue
        if clobbers and y - x >= 2:
            out.count("asm_macro", as_string(buf, x, y))
            continue
        n = blank(buf, x, y)
        if idx + 1 < len(items):
            n += blank(buf, items[idx][1], items[idx][1] + 1)
        elif idx:
            n += blank(buf, items[idx - 1][1], items[idx - 1][1] + 1)
        out.count("asm_macro", n)


def trailing_attributes(src: bytes, buf: bytearray, out: Normalised) -> None:
    """`struct s v __attribute__((aligned(16)));`, `typedef u64 __attribute__((x)) t;`: the attribute goes."""
    at = src.find(b"__attribute__")
    while at >= 0:
        open_at = skip_space(src, at + 13)
        close = close_paren(src, open_at) if open_at < len(src) and src[open_at] == 0x28 else -1
        if close < 0:
            at = src.find(b"__attribute__", at + 13)
            continue
        before = code_before(src, at - 1)
        after = skip_space(src, close + 1)
        if before >= 0 and after < len(src) and (src[before:before + 1].isalnum() or src[before] in b"_]:") \
                and (src[after] in b";=," or src[after:after + 1].isalpha() or src[after] == 0x5F) \
                and not src.endswith((b"struct", b"union", b"enum"), 0, before + 1) \
                and buf[at] == src[at] and not _in_directive(src, at):
            out.count("attribute", blank(buf, at, close + 1))
        at = src.find(b"__attribute__", close + 1)


def _in_directive(src: bytes, at: int) -> bool:
    """Whether at is on a preprocessor line (`# define __rcu __attribute__((...))`)."""
    return src[src.rfind(b"\n", 0, at) + 1:at].lstrip(b" \t").startswith(b"#")


PASSES = (offsetof, typeof_declarations, case_ranges, asm_macros, trailing_attributes)
TRIGGERS = {offsetof: (b"offsetof",), typeof_declarations: (b"\ttypeof(", b"\t__typeof__("), case_ranges: (b"...",),
            asm_macros: _ASM_TRIGGERS, trailing_attributes: (b"__attribute__",)}

