"""`#define` and `#undef` written inside an initialiser or an argument list: blanked in the views.

Test tables define the macro that builds their next entries right where they are used,
in the middle of `static struct test tests[] = { ... }`.  The grammar takes directives only
between declarations and statements, so one such line turns the whole table into an ERROR.
The views blank these lines (as they blank `#if` lines); the macro-body view still reads the
definitions, since it works on the source before the views are cut.
"""

from __future__ import annotations

import re

from cocolint import accel
from cocolint.kernelc.conditionals import directive_end
from cocolint.kernelc.scan import code_before
from cocolint.lazyre import lazy_compile

TYPE_CHECKING = False  # typing is not imported at run time (start-up time)
if TYPE_CHECKING:
    from typing import Iterator

Span = tuple[int, int]
_DIRECTIVE = lazy_compile(rb"^[ \t]*#[ \t]*(define|undef|pragma|error|warning)\b", re.M)
_FRAGMENT_DIRECTIVE = lazy_compile(rb"^[ \t]*#[ \t]*(define|undef|pragma|error|warning|include)\b", re.M)
_ANY_DIRECTIVE = lazy_compile(rb"^[ \t]*#", re.M)
_LINE_DIRECTIVE = lazy_compile(rb"\n[ \t]*#")  # the same after the first line, led by a literal
_OPENS = frozenset(b",({=")  # the last code before the line: the line is inside an expression
# `\n#define` and `\n#undef` (led by the `#`, rarer than the newline: one search for both)
_DEFINE_LINE = lazy_compile(rb"#(?<=\n#)(?:define|undef)")
_RUN_END = lazy_compile(rb"\n(?!#)")  # the end of a line not followed by one starting with `#`
TRIGGERS = (b"enum", b"= {", b"={")  # an initialiser or enum to be inside (checked in the normaliser's scan)


def inline_directives_py(src: bytes, opened: bool = False, maybe: bool | None = None) -> list[Span]:
    """The `#define`/`#undef`/... lines whose preceding code leaves an expression open.

    opened: the whole file is parsed inside an initialiser (a table fragment, fragments.py): all of
    them, and its #include lines.  maybe: whether one of TRIGGERS occurs, when the caller knows.
    """
    out: list[Span] = []
    if not opened and (maybe is False or not _triggered(src, maybe is None)):
        return out
    last = 0  # the byte after the previous directive
    before = 0  # the last code byte before `last` (0: none yet)
    for start, hash_end in _directive_lines(src):
        if start < last:
            continue  # inside the previous directive's continuation lines
        at = code_before(src, start - 1) if start else -1
        if at >= last:
            before = src[at]
        end = directive_end(src, hash_end)
        if (_FRAGMENT_DIRECTIVE.match(src, start) if opened else before in _OPENS and _DIRECTIVE.match(src, start)):
            out.append((start, end))
        last = end
    return out


def _inline_directives_native(src: bytes, opened: bool = False, maybe: bool | None = None) -> list[Span]:
    """inline_directives_py with its trigger check, directive loop and code_before in C (csrc/defines_inline.c)."""
    if not opened and (maybe is False or maybe is None and b"enum" not in src and b"= {" not in src
                       and b"={" not in src):
        return []
    return _inline_directive_spans(src, bool(opened))


_inline_directive_spans = accel.pick("inline_directive_spans", None)
inline_directives = inline_directives_py if _inline_directive_spans is None else _inline_directives_native


def _directive_lines(src: bytes) -> Iterator[tuple[int, int]]:
    """(line start, the byte after its `#`) of every line starting with `#` after blanks: what
    _ANY_DIRECTIVE finds, searched from a newline (a `^` with re.M is tried at every byte)."""
    first = _ANY_DIRECTIVE.match(src)
    if first is not None:
        yield 0, first.end()
    for m in _LINE_DIRECTIVE.finditer(src):
        yield m.start() + 1, m.end()


def _triggered(src: bytes, look: bool = True) -> bool:
    """Whether a `#define` or `#undef` at column 0 follows code ending in an opener (blank lines
    and a comment between them allowed; only then is the file read directive by directive).

    look=False: one of TRIGGERS is known to occur."""
    if look and b"enum" not in src and b"= {" not in src and b"={" not in src:
        return False  # no initialiser or enum to be inside (register headers: only #defines)
    for j in define_openers(src):
        if src[j] == 0x2F:  # a comment ends the line before
            j = code_before(src, j)
        if j >= 0 and src[j] in _OPENS:
            return True
    return False


def define_openers_py(src: bytes) -> list[int]:
    """The searches of _triggered: for the first `#define`/`#undef` at column 0 of each run of lines
    starting with `#`, whose line before does not start with `#`, the last byte before it that is
    not a blank or newline, when that byte is an opener or ends a comment (no other decides)."""
    out = []
    found = _DEFINE_LINE.search(src)
    while found is not None:
        at = found.start() - 1  # the newline before the `#`
        if src[src.rfind(b"\n", 0, at) + 1] != 0x23:  # the line before does not start with `#`: the first of a run decides
            j = at - 1
            while j >= 0 and src[j] in b" \t\r\n":
                j -= 1
            if (j >= 1 and src[j] == 0x2F and src[j - 1] == 0x2A) or (j >= 0 and src[j] in _OPENS):
                out.append(j)
        # the rest of the run (lines starting with `#`) follows a directive line: past them at once
        run_end = _RUN_END.search(src, at + 1)
        if run_end is None:
            break
        found = _DEFINE_LINE.search(src, run_end.start())
    return out


# the searches are nearly all of _triggered's time: a native byte loop when built (csrc/defines_inline.c)
define_openers = accel.pick("define_openers", define_openers_py)
