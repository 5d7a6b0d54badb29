"""Whole-file rewrites that are not one known name: static tables, bare macros, GNU forms, #define comments."""

from __future__ import annotations

import re
from itertools import repeat

from cocolint import accel
from cocolint.kernelc.conditionals import directive_end
from cocolint.kernelc.macros import MacroSet
from cocolint.kernelc.scan import Normalised, blank as _blank, close_paren as _close_paren, skip_space as _skip_space
from cocolint.kernelc.scan import IS_WORD as _IS_WORD, SPACES, UPPER, after
from cocolint.lazyre import lazy_compile

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from cocolint.kernelc.triggers import Found

# triggers (triggers.py): literals one of which every source a pass changes contains
# `static[ \t]+(const[ \t]+)?[A-Z]`: `static` and one blank then a capital or a blank, or the same after `const`
_STATIC_AT, _CONST_AT = (after(after([word], SPACES), UPPER + SPACES) for word in (b"static", b"const"))
STATIC_TRIGGERS = _STATIC_AT + _CONST_AT
BARE_TRIGGERS = after([b"\n"], UPPER)  # and a file whose first byte is a capital (the normaliser checks it)
VARIADIC_TRIGGERS = (b"...)",)
RANGE_TRIGGERS = (b" ... ",)
DEFINE_COMMENT_TRIGGERS = (b"\\\n", b"\\\r")  # a continued line
STATEMENT_TRIGGERS = ()  # `define` is in most files and in thousands of places: a trigger would cost more than it saves

# possessive (`*+`, `++`) where giving bytes back could never help: no backtracking through long names
_STATIC_CALL = lazy_compile(rb"(static[ \t]++(?:const[ \t]++)?)([A-Z][A-Z0-9_]*+)\(")
_RANGE_BEFORE = lazy_compile(rb"(?:\bcase\b[^:;]*|\[[^\];]*)\Z")
_BARE_CALL = lazy_compile(rb"\n([A-Z][A-Z0-9_]++)(?=\(|[ \t]*\r?\n)")
_BARE_FIRST = lazy_compile(rb"([A-Z][A-Z0-9_]++)(?=\(|[ \t]*\r?\n)")
# a call's simple arguments (no parentheses, comments or character literals outside strings; strings
# with no escape) and its `;`, on one line: `EXPORT_SYMBOL(x);`, `MODULE_LICENSE("GPL");`
ONE_LINE_STATEMENT = lazy_compile(rb"\([^()\n\"'/]*+(?:\"[^\"\\\n]*+\"[^()\n\"'/]*+)*+\)[ \t]*+;")
_ONE_IDENT = lazy_compile(rb"\s*[A-Za-z_]\w*\s*")
_BARE_KINDS = (None, "declaration", "type_arguments")  # kinds a bare or `static` invocation may have


def _bare_name(macros: MacroSet, name: bytes) -> bool:
    """Whether a name invoked bare or after `static` at file scope is a macro to blank (by its spelling
    and its kind: bare_macros and static_macros ask the same)."""
    text = name.decode("ascii")
    return macros.static_macro.match(text) is not None and macros.kind(text) in _BARE_KINDS


def static_macros(macros: MacroSet, src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """`static NAME(x, "str", 3);` at file scope: the storage class is blanked, leaving a call."""
    cands = _native_statics(src) if _native_statics is not None else static_candidates_py(src, out.found)
    for start, name_at, open_at in cands:
        if not _bare_name(macros, src[name_at:open_at]):
            continue
        if buf is None:
            buf = bytearray(src)
        out.count("static_macro", _blank(buf, start, name_at))
    return buf


def static_candidates_py(src: bytes, found: Found | None = None) -> list[tuple[int, int, int]]:
    """(start, name start, `(`) of each `static NAME(...);` at the start of a line whose arguments are not
    one identifier (`static DEFINE_MUTEX(lock);` already reads as a declaration): all but the name's check."""
    cands = []
    for hit in _static_calls(src, found):
        line_start = src.rfind(b"\n", 0, hit.start()) + 1
        if src[line_start:hit.start()].strip(b" \t"):
            continue
        open_at = hit.end() - 1
        close = _close_paren(src, open_at)
        if close < 0 or _skip_space(src, close + 1) >= len(src) or src[_skip_space(src, close + 1)] != 0x3B:
            continue
        if _ONE_IDENT.fullmatch(src, open_at + 1, close):
            continue
        cands.append((hit.start(1), hit.start(2), open_at))
    return cands


def _static_calls(src: bytes, found: Found | None) -> list[re.Match[bytes]]:
    """_STATIC_CALL's matches, as finditer finds them; found: the trigger scan's hits.

    A match starts at a `static` trigger, or (`static const X`) one blank before a `const` one."""
    if found is None:
        return list(_STATIC_CALL.finditer(src))
    starts = set(found.starts(_STATIC_AT))
    starts.update(at - 7 for at in found.starts(_CONST_AT) if at >= 7 and src.startswith(b"static", at - 7)
                  and src[at - 1] in b" \t")
    return [m for m in map(_STATIC_CALL.match, repeat(src), sorted(starts)) if m is not None]


# the search and every check but the name's in one native call when built (csrc/statics.c)
_native_statics = accel.pick("static_candidates", None)


def bare_macros(macros: MacroSet, src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """`ACPI_MODULE_NAME("x")` alone on a line at file scope, no `;`: blanked (a macro by its capitals)."""
    if _native_bare is not None:
        cands = _native_bare(src)
    else:  # the scan found every `\n` and capital: the regex is tried only there
        cands = bare_candidates_py(src, out.found.starts(BARE_TRIGGERS) if out.found is not None else None)
    for start, name_end, end in cands:
        if not _bare_name(macros, src[start:name_end]):
            continue
        if buf is None:
            buf = bytearray(src)
        out.count("bare_macro", _blank(buf, start, end))
    return buf


def bare_candidates_py(src: bytes, starts: list[int] | None = None) -> list[tuple[int, int, int]]:
    """(start, name end, end) of each capital name alone on a line with its arguments, no `;` (all
    bare_macros' checks but the name's); starts: every `\n` + capital (the trigger scan's), or None."""
    first = _BARE_FIRST.match(src)
    if starts is not None:
        calls = [m for m in map(_BARE_CALL.match, repeat(src), starts) if m is not None]
    else:
        calls = list(_BARE_CALL.finditer(src))
    cands = []
    for hit in ([first] if first else []) + calls:
        start = hit.start(1)
        end = hit.end(1)
        if src[end:end + 1] == b"(":
            if ONE_LINE_STATEMENT.match(src, end):
                continue  # `EXPORT_SYMBOL(x);`: already a statement (what the checks below conclude, sooner)
            close = _close_paren(src, end)
            if close < 0:
                continue
            end = close + 1
        line_end = src.find(b"\n", end)
        line_end = len(src) if line_end < 0 else line_end
        if src[end:line_end].strip(b" \t\r") and not src[end:line_end].strip().startswith((b"/*", b"//")):
            continue  # more code on the line
        nxt = _skip_space(src, line_end)
        if nxt < len(src) and (src[nxt] in b"{=;,)" or src[nxt - 1] in b" \t"):
            continue  # a function header, an initialiser, or an indented continuation
        cands.append((start, hit.end(1), end))
    return cands


# the search and every check but the name's in one native call when built (csrc/bare.c): the
# regex tried at every trigger start was most of the pass's time
_native_bare = accel.pick("bare_candidates", None)


_VARIADIC_DEFINE = lazy_compile(rb"#[ \t]*+define[ \t]++\w++\([^)\n]*?(\w+)\.\.\.\)")


def variadic_params(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """`#define pr(fmt, args...)`: the GNU name of the variadic parameter is blanked (`...` stays)."""
    for start, end in variadic_spans(src):
        if buf is None:
            buf = bytearray(src)
        out.count("variadic_name", _blank(buf, start, end))
    return buf


def variadic_spans_py(src: bytes) -> list[tuple[int, int]]:
    """The span of each variadic parameter's GNU name (`args` of `args...)`) in a #define, in order."""
    at = src.find(b"...)", 1)  # the regex needs `name...)`: memmem finds the few `...)` faster than it reads every #
    while at > 0 and not _IS_WORD[src[at - 1]]:
        at = src.find(b"...)", at + 4)
    if at < 0:
        return []
    return [m.span(1) for m in _VARIADIC_DEFINE.finditer(src)]


variadic_spans = accel.pick("variadic_spans", variadic_spans_py)  # csrc/variadic.c


_DEFINE_START = lazy_compile(rb"[ \t]*#[ \t]*define\b")
_CONTINUATION = lazy_compile(rb"\\\r?\n")
_COMMENT = lazy_compile(rb"/\*.*?\*/", re.S)


def define_comments(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Comments inside a multi-line #define end tree-sitter's macro body early: blanked there."""
    for start, end in define_comment_spans(src):
        if buf is None:
            buf = bytearray(src)
        out.count("define_comment", _blank(buf, start, end))
    return buf


def define_comment_spans_py(src: bytes) -> list[tuple[int, int]]:
    """Each comment inside a multi-line #define, in order."""
    spans = []
    done = 0
    while (cont := _CONTINUATION.search(src, done)) is not None:  # the next one after the last directive
        start = src.rfind(b"\n", 0, cont.start()) + 1
        while start > 1 and src[start - 2:start - 1] == b"\\":  # back to the first line of the directive
            start = src.rfind(b"\n", 0, start - 1) + 1
        end = directive_end(src, start)
        done = max(end, cont.end())
        if not _DEFINE_START.match(src, start) or src.find(b"/*", start, end) < 0:
            continue
        spans.extend(c.span() for c in _COMMENT.finditer(src, start, end))
    return spans


define_comment_spans = accel.pick("define_comment_spans", define_comment_spans_py)  # csrc/define_comments.c


def ranges(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """GNU ranges `case 1 ... 9:` and `[0 ... 7] =`: ` ... ` becomes ` - ` (one expression)."""
    at = src.find(b" ... ")
    while at >= 0:
        line_start = src.rfind(b"\n", 0, at) + 1
        if (src.find(b"case", line_start, at) >= 0 or src.find(b"[", line_start, at) >= 0) \
                and _RANGE_BEFORE.search(src, line_start, at):
            if buf is None:
                buf = bytearray(src)
            buf[at + 1:at + 4] = b" - "
            out.count("range", 2)
        at = src.find(b" ... ", at + 5)
    return buf


_NOT_BEFORE_CALL = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.>#")
_DEFINE_FN = lazy_compile(rb"#[ \t]*+define[ \t]++([A-Za-z_]\w*+)\(")
# ... whose first line has a `;`, opens a comment or continues (a one-line #define with none has no `;`)
_DEFINE_FN_LONG = lazy_compile(rb"#[ \t]*+define[ \t]++([A-Za-z_]\w*+)\((?=[^\n]*;|[^\n]*/\*|[^\n]*\\[ \t\r]*(?:\n|\Z))")


def statement_macros(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Macros this file defines with a body ending in `;` are statements: `N(UP) N(DOWN)` gets its `;`s.

    The `;` goes into the first space or tab after the invocation (never a newline), and only
    where a statement follows; an invocation that already has its `;` is left alone.
    """
    gaps = statement_gaps(src)
    if gaps:
        if buf is None:
            buf = bytearray(src)
        for gap in gaps:
            buf[gap] = 0x3B
        out.count("statement_macro", len(gaps))
    return buf


def statement_gaps_py(src: bytes) -> list[int]:
    """Where statement_macros writes each `;`, in order."""
    if b";" not in src or b"define" not in src:
        return []  # no body ends in `;` (register headers: thousands of #defines and no `;`), no #define
    names = []
    for name, open_at in define_fns_long(src):
        last = directive_end(src, open_at + 1) - 1  # the body's last byte before blanks and `\`s (read in place)
        while src[last] in b" \t\\\r\n":  # (the `(` after the name stops it)
            last -= 1
        if src[last] == 0x3B:
            names.append(src[name:open_at])
    if not names:
        return []
    gaps = []
    for start, open_at in _calls(src, names):
        if start and src[start - 1] in _NOT_BEFORE_CALL:
            continue  # part of a longer name, a member or a directive (no lookbehind: it would slow the search)
        line_start = src.rfind(b"\n", 0, start) + 1
        if src[line_start:start].lstrip(b" \t").startswith(b"#"):
            continue
        close = _close_paren(src, open_at)
        if close < 0:
            continue
        nxt = _skip_space(src, close + 1)
        if nxt >= len(src) or not (src[nxt:nxt + 1].isalpha() or src[nxt] in b"_}"):
            continue
        gap = close + 1
        while gap < nxt and src[gap] not in b" \t":
            gap += 1
        if gap >= nxt:
            continue
        gaps.append(gap)
    return gaps


def define_fns_long_py(src: bytes) -> list[tuple[int, int]]:
    """The name span of each _DEFINE_FN_LONG match (its `(` follows)."""
    return [m.span(1) for m in _DEFINE_FN_LONG.finditer(src)]


# the whole-file search is most of statement_macros' time: a native byte loop when built (csrc/defines.c)
define_fns_long = accel.pick("define_fns_long", define_fns_long_py)
# the whole pass in one native call when built (csrc/statements.c, with defines.c's search)
statement_gaps = accel.pick("statement_gaps", statement_gaps_py)


def _calls(src: bytes, names: list[bytes]) -> list[tuple[int, int]]:
    """(start, `(`) of each `NAME(` of names, as finditer over their alternation finds them: one
    memory search per name (the alternation's first letters were a class tried at every byte).

    At most one name matches at an offset (a name is followed by its `(`), so the leftmost
    matches that do not overlap an earlier one are the alternation's."""
    hits = []
    for name in set(names):
        needle = name + b"("
        at = src.find(needle)
        while at >= 0:
            hits.append((at, at + len(name)))
            at = src.find(needle, at + 1)
    hits.sort()
    out, done = [], 0
    for start, open_at in hits:
        if start >= done:
            out.append((start, open_at))
            done = open_at + 1
    return out
