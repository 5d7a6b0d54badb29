"""Macro calls with a braced argument, as items of an initialiser, read as the initialiser they expand to.

    { PRESENT_ENTRY_HID("80862289", "2", ATOM_AIRMONT, { DMI_MATCH(DMI_SYS_VENDOR, "x"), }), ... }
becomes, byte for byte in place,
    {                  {"80862289", "2", ATOM_AIRMONT, { DMI_MATCH(DMI_SYS_VENDOR, "x"), }}, ... }

A braced argument is never valid in a function call, so the callee is a macro; it is rewritten
only when its name is a macro name by kernel convention (capitals) or is #defined in the file,
and only where an initialiser item stands: after `{`, `,` or `=`, before `,` or `}` (or `;`
after `=`).  Without this, tree-sitter reads the whole file as one ERROR.
"""

from __future__ import annotations

from itertools import repeat

from cocolint import accel
from cocolint.kernelc.scan import Normalised, blank, close_paren, code_before, skip_space, IS_WORD as _IS_WORD
from cocolint.lazyre import lazy_compile

TRIGGERS = (b", {", b", .")  # `, {` or `, .member = {`

# `x, {` or `x, .field = {`: a braced item or argument after another.  Only this literal-led
# layout is looked for: `,\n\t{` too would cost a scan of every line break (3% of parse time)
_HIT = lazy_compile(rb", (?:\.[A-Za-z_]\w*[ \t]*=[ \t]*)?\{")
_ITEM_BEFORE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_)]\"'")
_BRACKETS = lazy_compile(rb"[(){}\[\]]")
_CAPITALS = lazy_compile(rb"[A-Z][A-Z0-9_]*\Z")
_DEFINE_FN = lazy_compile(rb"#[ \t]*+define[ \t]++([A-Za-z_]\w*+)\(")
_OPEN = {0x29: 0x28, 0x7D: 0x7B, 0x5D: 0x5B}
WINDOW = 3000  # how far back the call's `(` is looked for
MAX_HITS = 2000  # braced items looked at per file


def braced_calls_py(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every capitals (or file-defined) macro call with a braced argument in an initialiser."""
    if b"{" not in src:
        return buf
    defined: set[bytes] | None = None
    done = 0
    if out.found is not None:  # every match starts at one of the triggers the scan found
        matches = [h for h in map(_HIT.match, repeat(src), out.found.starts(TRIGGERS)) if h is not None]
    else:
        matches = _HIT.finditer(src)
    hits = [h.end() - 1 for h in matches if h.start() and src[h.start() - 1] in _ITEM_BEFORE]
    for brace in hits[:MAX_HITS]:
        if brace < done:
            continue
        opener = _opener(src, brace)
        if opener < 0 or src[opener] != 0x28:
            continue  # a nested initialiser list, not an argument
        j = opener
        while j > 0 and _IS_WORD[src[j - 1]]:
            j -= 1
        name = src[j:opener]
        if not name or not (_CAPITALS.match(name) or name in (defined := defined if defined is not None
                                                               else set(_DEFINE_FN.findall(src)))):
            continue
        close = close_paren(src, opener, statements=True)
        if close < brace:
            continue
        before = code_before(src, j - 1)
        after = skip_space(src, close + 1)
        if before < 0 or after >= len(src) or src[before] not in b"{,=":
            continue
        if not (src[after] in b",}" or (src[before] == 0x3D and src[after] == 0x3B)):
            continue
        if buf is None:
            buf = bytearray(src)
        if buf[j:opener + 1] != src[j:opener + 1] or buf[close] != src[close]:
            continue  # already rewritten by another pass
        n = blank(buf, j, opener) + 2
        buf[opener] = 0x7B
        buf[close] = 0x7D
        out.count("braced_call", n)
        done = close
    return buf


# csrc/braced.c: the same bytes and counts in C
_braced_calls = accel.pick("braced_calls", braced_calls_py)


def braced_calls(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """braced_calls_py, in C when the native module is built (a module-level function: passcache.py
    stores it by this module and name, so a run with COCOLINT_PURE_PYTHON=1 resolves it to the Python)."""
    return _braced_calls(src, buf, out)


def _opener(src: bytes, at: int) -> int:
    """The unmatched bracket before at (within WINDOW bytes), or -1."""
    depth = 0
    for m in reversed(list(_BRACKETS.finditer(src, max(0, at - WINDOW), at))):
        c = src[m.start()]
        if c in _OPEN:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return m.start()
    return -1
