"""Table fragments: files #include'd into the middle of an array, enum or switch, parsed in that context.

    /* SPDX-License-Identifier: GPL-2.0 */      int __f[] = {
    /* Quirks, #include'd into an array */      
    { "first", .insns = { ... } },          ->  { "first", .insns = { ... } },
    DEVICE(0x1234, "name", FLAGS),              DEVICE(0x1234, "name", FLAGS),
                                                };      <- the suffix, parsed after the end
A C file cannot start with `{`, `[0] =`, `.field =`, `"str"`, `NAME,` or `NAME(...),`;
a file that does is the inside of something.  The comments and blank lines before its first
code are blanked (newlines kept) and the opening is written on the longest of their lines;
the closing is a suffix parsed after the last byte (ts.parse(source, suffix)), so no byte of
the file moves.  A fragment whose first code is its first byte (`{ "test name", ...`, the BPF
verifier's test tables) writes the opening into its first entry's description string instead;
with no such string it stays as it is.
(`case X:` arms #include'd into a switch need nothing: the grammar reads them at file scope.)
"""

from __future__ import annotations

import re

from cocolint import accel
from cocolint.kernelc.scan import Normalised, blank
from cocolint.lazyre import lazy_compile

_LOOK = 1 << 14  # a table fragment's first item comes within this many bytes
ARRAY = (b"int __f[]={", b"\n};\n")  # initialiser items, designators, enumerators

_COMMENT = rb"/\*[^*]*+\*++(?:[^/*][^*]*+\*++)*+/"  # `/\*.*?\*/` unrolled: no step per byte back into the regex
_LEAD = lazy_compile(rb"(?:\s+|" + _COMMENT + rb"|//[^\n]*)*")  # blank lines and comments
# ... and directives (a line ending in `\` or `\` CR continues); possessive: nothing follows, no step back
_SKIP = lazy_compile(rb"(?:\s++|" + _COMMENT + rb"|//[^\n]*+|#[^\n]*+(?:(?:(?<=\\)|(?<=\\\r))\n[^\n]*+)*+)*+")
_ITEM_START = lazy_compile(rb"\{|\[[^\]\n]*\][ \t]*=|\.[A-Za-z_]\w*[ \t]*=[^=]|\"")
_ENUMERATOR = lazy_compile(rb"[A-Za-z_]\w*[ \t]*(?:,|=[^=][^;{}]*,)")  # `NAME,` or `NAME = 3,`
_CALL_ITEM = lazy_compile(rb"[A-Z_][A-Z0-9_]*[ \t]*\(")
_NOISE = lazy_compile(rb"/\*.*?\*/|//[^\n]*|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", re.S)


def fragment_head_py(src: bytes, endpos: int) -> int:
    """Where the comments, blank space and directives that start src end (src read up to endpos)."""
    return _SKIP.match(src, 0, endpos).end()


# most of kind()'s time: a native byte loop when built (csrc/heads.c)
fragment_head = accel.pick("fragment_head", fragment_head_py)


def kind(src: bytes) -> tuple[bytes, bytes] | None:
    """The (opening, closing) a table fragment is parsed in, or None for an ordinary C file."""
    first = fragment_head(src, _LOOK)
    if first >= min(len(src), _LOOK):
        return None  # nothing but comments and directives (or too many of them to be a table's head)
    if _ITEM_START.match(src, first):
        return ARRAY
    if (_ENUMERATOR.match(src, first) or (_CALL_ITEM.match(src, first) and _call_then_comma(src, first))) \
            and b";" not in _NOISE.sub(b"", src[first:]):
        return ARRAY
    return None


def wrap(src: bytes, out: Normalised) -> tuple[bytes, bytes]:
    """src with the fragment's opening written into its leading comments, and the suffix to parse after it.

    (src, b"") for an ordinary file or a fragment with no room for its opening.
    """
    found = kind(src)
    if found is None:
        return src, b""
    opening, closing = found
    lead = _LEAD.match(src).end()
    if lead == 0:
        return _wrap_first_string(src, opening, closing, out)
    region = src[:lead]
    if b"cocolint:" in region:
        return src, b""  # a suppression comment stays readable
    line_start, best = 0, (-1, -1)
    for line in region.split(b"\n"):
        if len(line) >= len(opening) and len(line) > best[1] - best[0]:
            best = (line_start, line_start + len(line))
        line_start += len(line) + 1
    if best[0] < 0:
        return src, b""
    buf = bytearray(src)
    n = blank(buf, 0, lead)
    buf[best[0]:best[0] + len(opening)] = opening
    out.count("fragment_context", n)
    return bytes(buf), closing


_FIRST_STRING = lazy_compile(rb'\{\s*("[^"\\\n]*")[ \t]*,')


def _wrap_first_string(src: bytes, opening: bytes, closing: bytes, out: Normalised) -> tuple[bytes, bytes]:
    """A table that starts at its first byte with `{ "description", ...`: the description string
    (test data, not code) holds the opening and the first entry's `{`, and a `0` takes its place:
    `{\n\t"invalid access",` -> ` \n\tint __f[]={{    0,`."""
    m = _FIRST_STRING.match(src)
    head = opening + b"{"
    if m is None or m.end(1) - m.start(1) < len(head) + 1:
        return src, b""
    buf = bytearray(src)
    buf[0] = 0x20
    a, b = m.start(1), m.end(1)
    buf[a:b] = head + b" " * (b - a - len(head) - 1) + b"0"
    out.count("fragment_context", (b - a) + 1)
    return bytes(buf), closing


def _call_then_comma(src: bytes, start: int) -> bool:
    """`NAME(...)` followed by `,`: an item of an initialiser list (`UNUSUAL_DEV(...),`)."""
    from cocolint.kernelc.scan import close_paren, skip_space

    open_at = src.index(b"(", start)
    close = close_paren(src, open_at)
    if close < 0:
        return False
    nxt = skip_space(src, close + 1)
    return src[nxt:nxt + 1] == b","
