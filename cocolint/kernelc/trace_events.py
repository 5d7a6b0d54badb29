"""TRACE_EVENT() and friends read as the function they describe: `void name(proto) { ... }`, same length.

    TRACE_EVENT(name, TP_PROTO(int a), TP_ARGS(a), TP_STRUCT__entry(__field(int, a)),
                TP_fast_assign(__entry->a = a;), TP_printk("%d", __entry->a));
becomes, byte for byte in place,
    void        name  (int a)  { TP_ARGS(a); struct {       int  a; }; {  __entry->a = a; }  TP_printk("%d", __entry->a) ;}
"""

from __future__ import annotations

import re

from cocolint import accel
from cocolint.kernelc.scan import Normalised, blank, close_paren, top_commas
from cocolint.lazyre import lazy_compile

TRIGGERS = (b"TP_PROTO",)

# kept only at the start of a line: searched from a newline (led by a literal; the names' first
# letters alone would be a character class, tested at every byte), and matched at the first byte
_EVENT = lazy_compile(rb"((?:TRACE_EVENT|DECLARE_EVENT_CLASS|DEFINE_EVENT|DECLARE_TRACE)\w*+)\(")
_LINE_EVENT = lazy_compile(rb"\n((?:TRACE_EVENT|DECLARE_EVENT_CLASS|DEFINE_EVENT|DECLARE_TRACE)\w*+)\(")
_ITEM = lazy_compile(rb"\s*([A-Za-z_]\w*)\s*\(")
# in TP_STRUCT__entry: `/* why */`, or `LOCAL_ENTRY` (an object-like macro of __field()s): blanked
_NAME = lazy_compile(rb"[A-Za-z_]\w*")
_BARE_FIELDS = lazy_compile(rb"\s*(?:/\*.*?\*/|([A-Za-z_]\w*)\b(?!\s*\())", re.S)
_TYPE_FIRST = frozenset({
    b"__field", b"__field_ext", b"__field_struct", b"__field_struct_ext", b"__field_packed", b"__array",
    b"__dynamic_array", b"__rel_dynamic_array", b"__field_desc", b"__array_desc",
})


def trace_events(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every trace-event definition at column 0 of a trace header (csrc/trace.c when built).

    (One name either way: the pass table is cached by module and name, kernelc/passcache.py.)
    """
    if b"TP_PROTO" not in src:
        return buf
    if _native_pass is None:
        return trace_events_py(src, buf, out)
    buf, n = _native_pass(src, buf)
    out.count("trace_event", n)
    return buf


def trace_events_py(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every trace-event definition at column 0 of a trace header (the reference of csrc/trace.c)."""
    if b"TP_PROTO" not in src:
        return buf
    first = _EVENT.match(src)
    for m in ([first] if first is not None else []) + list(_LINE_EVENT.finditer(src)):
        edits = _event(src, m)
        if not edits:
            continue
        if buf is None:
            buf = bytearray(src)
        n = 0
        for start, end, text in edits:
            if text is None:
                n += blank(buf, start, end)
            else:
                buf[start:end] = text
                n += end - start
        out.count("trace_event", n)
    return buf


# the whole pass in C when built (same edits, same count); bound once, as accel.pick binds
_native_pass = accel.pick("trace_events", None)

Edit = tuple[int, int, "bytes | None"]  # None: blank


def _event(src: bytes, m: re.Match[bytes]) -> list[Edit] | None:
    name_end, open_at = m.end(1), m.end() - 1
    close = close_paren(src, open_at, statements=True)
    if close < 0:
        return None
    semi = close + 1
    while semi < len(src) and src[semi] in b" \t":
        semi += 1
    if src[semi:semi + 1] != b";":
        semi = -1  # written without its `;`: the `)` closes the body (the last statement lacks its `;`)
    commas = top_commas(src, open_at, close)
    bounds = [open_at, *commas, close]
    args = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    edits: list[Edit] = [(m.start(1), open_at + 1, None)]
    leading = 2 if m.group(1).startswith(b"DEFINE_EVENT") else 1
    if leading == 1 and name_end - m.start(1) >= 4:
        edits.append((m.start(1), m.start(1) + 4, b"void"))
    for c in commas[:leading]:
        edits.append((c, c + 1, None))
    opened = False
    for k, (a, b) in enumerate(args[leading:], start=leading):
        after = bounds[k + 1]  # the comma (or the final parenthesis) after this argument
        item = _ITEM.match(src, a, b)
        word = item.group(1) if item else b""
        inner_open = item.end() - 1 if item else -1
        inner_close = close_paren(src, inner_open, statements=True) if item else -1
        if word == b"TP_PROTO" and inner_close > 0 and not opened:
            edits.append((item.start(1), item.end(1), None))
            edits.append((after, after + 1, b"{"))
            opened = True
            continue
        if not opened:
            return None
        if word == b"TP_STRUCT__entry" and inner_close > 0 and item.end() - item.start(1) >= 8:
            edits.append((item.start(1), item.end(), b"struct {".ljust(item.end() - item.start(1))))
            fields = _fields(src, inner_open + 1, inner_close)
            if fields is None:
                return None
            edits.extend(fields)
            edits.append((inner_close, inner_close + 1, b"}"))
            edits.append((after, after + 1, b";"))
        elif word == b"TP_fast_assign" and inner_close > 0:
            edits.append((item.start(1), item.end(), b"{".ljust(item.end() - item.start(1))))
            edits.append((inner_close, inner_close + 1, b"}"))
            if after != close:
                edits.append((after, after + 1, None))
        elif after != close:
            edits.append((after, after + 1, b";"))
    if not opened:
        return None
    if semi < 0:
        edits.append((close, close + 1, b"}"))
    else:
        edits.append((close, close + 1, b";"))
        edits.append((semi, semi + 1, b"}"))
    return edits


def _fields(src: bytes, start: int, end: int) -> list[Edit] | None:
    """`__field(int, a)` -> `int a;`, `__array(char, b, 16)` -> `char b;`, `__string(s, src)` -> `int s;`."""
    edits: list[Edit] = []
    pos = start
    while True:
        item = _ITEM.match(src, pos, end)
        if item is None:
            extra = _BARE_FIELDS.match(src, pos, end)  # a comment, or a macro naming a field list
            if extra is not None and extra.end() > pos:
                if extra.group(1):
                    edits.append((extra.start(1), extra.end(1), None))
                pos = extra.end()
                continue
            return edits if not src[pos:end].strip() else None
        word, open_at = item.group(1), item.end() - 1
        close = close_paren(src, open_at)
        if close < 0 or close >= end:
            return None
        commas = top_commas(src, open_at, close)
        if word in _TYPE_FIRST and commas:
            edits.append((item.start(1), open_at + 1, None))
            edits.append((commas[0], commas[0] + 1, None))
            if len(commas) > 1:
                edits.append((commas[1], close, None))
        elif not _NAME.fullmatch(src[open_at + 1:commas[0] if commas else close].strip()):
            edits.append((item.start(1), close + 1, None))  # `DEV_ENTRY(dev_of(qp))`: fields of a macro, no name
            pos = close + 1
            continue
        elif len(word) >= 3:
            edits.append((item.start(1), open_at + 1, b"int".ljust(open_at + 1 - item.start(1))))
            if commas:
                edits.append((commas[0], close, None))
        else:
            return None
        edits.append((close, close + 1, b";"))
        pos = close + 1
