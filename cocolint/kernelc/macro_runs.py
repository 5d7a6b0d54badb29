"""Macro calls set side by side on their own lines: the `,` or `;` their expansion supplies.

    static const struct pin pins[] = {             struct regs_shift {
            PIN(A, 0, 4)          -> PIN(A, 0, 4)         REG_FIELD_LIST(uint8_t)  -> REG_FIELD_LIST         ;
            PIN(B, 1, 4)             ,PIN(B, 1, 4)  };
    };
    { "part", INFO(0x1f, 64)                        switch (type) {
            FLAGS(LOCK) },        -> ,FLAGS(LOCK)           CASE_NAME(A)     -> CASE_NAME(A)
                                                            CASE_NAME(B)        ;CASE_NAME(B)

Kernel tables are written as runs of macros whose expansion ends in `,` (pin and register
tables, PCI id lists, flash-part entries `INFO(...) FLAGS(...) PARSE_SFDP`); structs list
their members with one macro per line whose expansion is a member list ending in `;`; and
function or switch bodies run statement macros (`CASE_NAME(x)` for `case x: return "x";`).
Read as C, two items with only white space between them are not C, and tree-sitter loses the
table, the struct or the function.  A line that ends in a capitalised call's `)` (or holds
only a capitalised name) and is followed by a line starting with another item gets, in the
first blank of the line break: a `,` inside an initialiser brace (opened after `=`, or nested
in one); a `;` inside a function or switch body when the call starts its line.  Inside a
struct or union body a whole-member call keeps its name (a member of that type) with its
arguments blanked and a `;` on its `)`.  Only items directly inside the brace count (not
inside parentheses); a comment may end the line.  Kernel style has no trailing blanks, so
the search starts at the literal `)\n` (or `*/\n` after a comment).
"""

from __future__ import annotations

from cocolint import accel
from cocolint.kernelc.scan import Normalised, blank, close_paren, code_before
from cocolint.lazyre import lazy_compile

# `)\n` (or `*/\n`, a comment after the `)`) ends a call's line; `\n}` closes a struct, block or table.
# Nearly every file has one, so the pass does not test them (that cost 20% of its time): the
# search below is led by the literal `)` and does the same job; a dispatcher may still use them.
TRIGGERS: tuple[bytes, ...] = (b")\n", b"*/\n", b"\n}")
_ITEM = rb"(?:(?<=[ \t])(?=[A-Z_.{}])|(?=\};))"  # the next item (after its indentation), or the struct's end
# one search, led by the literal `)`: the line break and indentation (possessive), then the next item,
# `};`, an #if/#endif or a comment line (then _SKIP finds the item after them: not across #else/#elif,
# where the next item belongs to another arm); a `)` alone on its line
# (`\t)`) may precede a member declaration; a comment may end the line
_NEXT = rb"\n[ \t\n]*+(?:(?<=[ \t])(?=[A-Z_.{}])|(?=\};|#(?:if|endif)|/\*))"
_CALL_GAP = lazy_compile(rb"\)(?:" + _NEXT + rb"|(?<=\t\))\n[ \t\n]*+(?<=[ \t])(?=[a-z_]\w*[ \t]+[A-Za-z_*])"
                       rb"|[ \t]*/\*[^\n]*?\*/" + _NEXT + rb")")
_SKIP = lazy_compile(rb"(?:[ \t]*#[ \t]*(?:if|endif)[^\n]*\n|[ \t]*/\*[^\n]*?\*/[ \t]*\n|[ \t]*\n)*[ \t]*" + _ITEM)
_NAME_GAP = lazy_compile(rb"\n[ \t]+[A-Z][A-Za-z0-9_]*(?=(\n[ \t]*)[A-Z.{}])")
# a name alone on the last line of a struct (`\tEMPTY_MEMBERS\n}`): its last letter becomes `;`
_LAST_NAME = lazy_compile(rb"\}(?<=[A-Z0-9_]\n\})")  # led by the `}` (rarer than the newline: a faster search)
_LONE_NAME = lazy_compile(rb"[ \t]+[A-Z][A-Z0-9_]{3,}\n")
_LINE_CALL = lazy_compile(rb"([A-Za-z_]\w*)[ \t]*\(")
_NAME_BEFORE = lazy_compile(rb"([A-Za-z_]\w*)[ \t]*\Z")
_CAPITAL = lazy_compile(rb"[A-Z]")
_STRUCT = lazy_compile(rb"\b(?:struct|union)(?:[ \t\r\n]+[A-Za-z_]\w*)?[ \t\r\n]*\Z")
_INIT, _STRUCT_BODY, _BLOCK, _OTHER = 1, 2, 3, 4
_MEMBER_START = frozenset(b"{;})")
_LINE_STARTS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ_{)")


def macro_runs(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Give each item of a macro run its `,`, each statement macro its `;`, each member-list call its `;`."""
    gaps = []  # (the `)` of the call ending the line or -1 for a name, gap start, gap end, line start)
    for close, end in call_gaps(src):
        if end < len(src) and src[end] in b"#/ \t\n":  # directive, comment or blank lines, then the item
            skip = _SKIP.match(src, end)
            if skip is None:
                continue
            end = skip.end()
        line = _call_line(src, close)
        if line >= 0:
            gaps.append((close, src.index(b"\n", close), end, line))
    for brace in last_names(src):
        nl = brace - 1  # the newline before the `}`
        line = src.rfind(b"\n", 0, nl) + 1
        if _LONE_NAME.fullmatch(src, line, nl + 1):
            gaps.append((-2, nl - 1, nl, line))
    memo: dict[int, int] = {}  # _enclosing's answers for this source (the Python path)
    if gaps:  # names: in the braces of the calls found, or of a table ending in a lone name
        lo = _enclosing(src, min(g[1] for g in gaps), memo) if _contexts is _contexts_py \
            else enclosing(src, min(g[1] for g in gaps))
        hi = max(g[2] for g in gaps) + 4096
        gaps += [(-1, m.start(1), m.end(1), -1) for m in _NAME_GAP.finditer(src, max(lo, 0), hi)]
    if not gaps:
        return buf
    gaps.sort(key=lambda g: g[1])
    contexts = _contexts_py(src, [g[1] for g in gaps], memo) if _contexts is _contexts_py \
        else _contexts(src, [g[1] for g in gaps])
    for (close, start, end, line), (kind, open_brace) in zip(gaps, contexts):
        nxt = src[end:end + 1]
        if close == -2:  # a lone name before `}`: a member or a statement, given its `;`
            if kind == _STRUCT_BODY and (buf is None or buf[start] == src[start]):
                buf = bytearray(src) if buf is None else buf
                buf[start] = 0x3B
                out.count("macro_run_last_name", 1)
        elif kind == _INIT and nxt != b"}":
            buf = _put(src, buf, out, start, end, 0x2C, "macro_run_item")
        elif kind == _BLOCK and nxt != b"." and (close < 0 or line == _name_start(src, close)) \
                and _starts_statement(src if buf is None else buf, line, open_brace):
            buf = _put(src, buf, out, start, end, 0x3B, "macro_run_statement")
        elif kind == _STRUCT_BODY and close >= 0:
            buf = _member_call(src, buf, out, close, open_brace)
    return buf


def call_gaps_py(src: bytes) -> list[tuple[int, int]]:
    """Every (start, end) of _CALL_GAP in src: a `)` ending an item's line and the gap to the next item."""
    return [m.span() for m in _CALL_GAP.finditer(src)]


def last_names_py(src: bytes) -> list[int]:
    """Every `}` closing a brace after a line that ends in a capitalised name (_LAST_NAME)."""
    return [m.start() for m in _LAST_NAME.finditer(src)]


# the two whole-file searches are most of the pass's time: native byte loops when built (csrc/gaps.c)
call_gaps = accel.pick("call_gaps", call_gaps_py)
last_names = accel.pick("last_names", last_names_py)


def _put(src: bytes, buf: bytearray | None, out: Normalised, start: int, end: int, c: int, kind: str) -> bytearray:
    """Write c into the first blank of the gap outside directive lines (unless another pass wrote there)."""
    at = start
    while at < end:
        if src[at] in b" \t":
            break
        if src[at] == 0x23:  # a directive line: its end
            at = src.find(b"\n", at, end)
            if at < 0:
                at = end
        at += 1
    if buf is None:
        buf = bytearray(src)
    before = start - 1  # what another pass made of the item: `NAME,a, b,` already ends in a `,`
    while before > 0 and buf[before] in b" \t\r\n":
        before -= 1
    if at < end and buf[at] in b" \t" and buf[before] != c:
        buf[at] = c
        out.count(kind, 1)
    return buf


def _starts_statement(seen: bytes | bytearray, line: int, open_brace: int) -> bool:
    """Whether the code before line ends a statement (`;`, `{`, `}`, `:`): a lone `FLAGS` line before
    it may be a declaration macro, and then the call is not known to be a statement."""
    i = code_before(seen, line - 1) if line > 0 else -1
    return i >= open_brace and seen[i] in b";{}:"


def _call_line(src: bytes, close: int) -> int:
    """Where the line of the `)` at close starts, if it ends a call of a capitalised name; else -1."""
    start = line = src.rfind(b"\n", 0, close) + 1
    while src[line] in b" \t":
        line += 1
    if start > 1 and src[start - 2] == 0x5C or start > 2 and src[start - 3:start - 1] == b"\\\r":
        return -1  # the continuation of a #define or #if
    if src[line] not in _LINE_STARTS or src.find(b"//", line, close) >= 0:
        return -1  # `if (x)`, `foo(x)`, `} else if (x)`, `&& bar(y))`, `// _MMIO(0x20)`: not an item
    m = _LINE_CALL.match(src, line)
    if m is not None and close_paren(src, m.end() - 1) == close:  # the line is the call (strings allowed)
        return line if _CAPITAL.search(m.group(1)) else -1
    name = _name_start(src, close)
    return line if name >= 0 and _CAPITAL.search(src, name, src.index(b"(", name)) else -1


def _name_start(src: bytes, close: int) -> int:
    """Where the name called by the `)` at close starts, or -1."""
    line = src.rfind(b"\n", 0, close) + 1
    while src[line] in b" \t":
        line += 1
    m = _LINE_CALL.match(src, line)
    if m is not None and close_paren(src, m.end() - 1) == close:
        return line
    open_at = _open_paren(src, close)
    if open_at < 0:
        return -1
    name = _NAME_BEFORE.search(src, max(0, open_at - 64), open_at)
    return name.start(1) if name is not None else -1


def _open_paren(src: bytes, close: int) -> int:
    """The `(` balancing the `)` at close, looking back at most 4000 bytes (no strings in between)."""
    depth, i, stop = 0, close, max(0, close - 4000)
    while i >= stop:
        c = src[i]
        if c == 0x29:
            depth += 1
        elif c == 0x28:
            depth -= 1
            if depth == 0:
                return i
        elif c in b"\";{}":
            return -1
        i -= 1
    return -1


def _contexts_py(src: bytes, offsets: list[int], memo: dict[int, int]) -> list[tuple[int, int]]:
    """For each offset: the kind of the brace directly around it (not inside parentheses) and where it opens."""
    kinds: dict[int, int] = {}
    result = []
    for at in offsets:
        brace = _enclosing(src, at, memo)
        if brace < 0 or src.count(b"(", brace, at) != src.count(b")", brace, at):
            result.append((_OTHER, brace))
            continue
        kind = kinds.get(brace)
        if kind is None:
            kind = kinds[brace] = _brace_kind(src, brace, memo)
        result.append((kind, brace))
    return result


def _enclosing(src: bytes, at: int, memo: dict[int, int] | None = None) -> int:
    """The unmatched `{` before at (a brace inside a string on its line is skipped; in a comment, not).

    memo: answers found before in src, by offset. Every offset the walk passes at depth 0 has the
    walk's answer, so a table's rows, each walking back over the rows before it, take one step each.
    """
    depth = 0
    passed = []  # offsets at depth 0 on the way
    while True:
        if not depth and memo is not None:
            known = memo.get(at)
            if known is not None:
                found = known
                break
            passed.append(at)
        opened, closed = src.rfind(b"{", 0, at), src.rfind(b"}", 0, at)
        if opened < 0:
            found = -1
            break
        brace = max(opened, closed)
        if src.count(b'"', src.rfind(b"\n", 0, brace) + 1, brace) % 2:  # `"bpf_{list_head}"`
            at = brace
            continue
        if closed > opened:
            depth += 1
            at = closed
        elif depth:
            depth -= 1
            at = opened
        else:
            found = opened
            break
    if memo is not None:
        for offset in passed:
            memo[offset] = found
    return found


# the brace walk in C when built (csrc/contexts.c: its own memo, the same answers)
_contexts = accel.pick("brace_contexts", _contexts_py)
enclosing = accel.pick("enclosing", _enclosing)


def _brace_kind(src: bytes, at: int, memo: dict[int, int], nested: bool = True) -> int:
    i = code_before(src, at - 1)
    c = src[i] if i >= 0 else 0
    if c == 0x3D:  # `= {`
        return _INIT
    if c in b",{":  # an item of an initialiser if the brace around it is one, else a block in a block
        outer = _enclosing(src, at, memo) if nested else -1
        kind = _brace_kind(src, outer, memo, False) if outer >= 0 else _OTHER
        return kind if kind in (_INIT, _BLOCK) else _OTHER
    if c == 0x29:  # `(type){` is a compound literal; `f(...) {`, `if (x) {`, `switch (x) {` a body
        opened = _open_paren(src, i)
        j = code_before(src, opened - 1) if opened > 0 else -1
        if j >= 0 and (src[j] in b"=,({" or src.endswith(b"return", 0, j + 1)):
            return _INIT
        return _BLOCK
    if src.endswith((b"else", b"do"), 0, i + 1):
        return _BLOCK
    if c in b";}:" and nested:
        outer = _enclosing(src, at, memo)
        return _BLOCK if outer >= 0 and _brace_kind(src, outer, memo, False) == _BLOCK else _OTHER
    if _STRUCT.search(src, max(0, i - 80), i + 1):
        return _STRUCT_BODY
    return _OTHER


def _member_call(src: bytes, buf: bytearray | None, out: Normalised, close: int, open_brace: int) -> bytearray | None:
    """`LIST(uint8_t)` as a whole member: `LIST         ;` (a member of type LIST)."""
    start = _name_start(src, close)
    if start < 0:
        return buf
    seen = src if buf is None else buf  # a member-list name before it may have got its `;` already
    i = code_before(seen, start - 1)  # comments and directive lines skipped
    while i > open_brace:
        line = seen.rfind(b"\n", 0, i) + 1
        if seen[line:i + 1].lstrip(b" \t")[:1] != b"#":
            break
        i = code_before(seen, line - 1)
    if i < open_brace or seen[i] not in _MEMBER_START:
        return buf
    if buf is None:
        buf = bytearray(src)
    open_at = src.index(b"(", start)
    n = blank(buf, open_at, close)
    after = close + 1
    while after < len(buf) and buf[after] in b" \t\r\n":
        after += 1
    if after < len(buf) and buf[after] == 0x3B:  # another pass gave it its `;`
        n += blank(buf, close, close + 1)
    else:
        buf[close] = 0x3B
        n += 1
    out.count("member_list_call", n)
    return buf
