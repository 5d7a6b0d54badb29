"""Object-like macros that stand for statements or struct members: each use gets its `;`.

    #define CHANNEL_INFO  u8 channel_id; u8 reserved[3];      struct chan {
    struct chan {                                                 CHANNEL_INFO;   <- `;` in the gap
            CHANNEL_INFO    /* common part */                     u16 flags;
            u16 flags;
A statement or member list hidden in a macro leaves no `;` where it is used, and tree-sitter
reads the name as the type of the next line.  The macros are those the file defines with a
body ending in `;`, and the member-list macros named in macros.toml (ACPICA's common headers,
defined in one header and used in many).  A use counts only where a statement or member
starts (after `{`, `;`, `}`, `)` or `:`) and nothing but code of the next member follows; the
`;` goes into the first space or tab after the name, or, with none, replaces its last character.
"""

from __future__ import annotations

import functools
import re

from cocolint import accel
from cocolint.kernelc.scan import Normalised, code_before, WORD as _WORD
from cocolint.lazyre import lazy_compile

_BODY_END = lazy_compile(rb"\\[ \t]*\r?\n[^\n\\]*;[ \t]*\r?\n")  # the last two lines of a macro ending in `;`
_DEFINE = lazy_compile(rb"[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w{3,})[ \t\\]")  # object-like: no `(`
_STARTS = frozenset(b"{;}):")
_NOT_AFTER = frozenset(b";(,)=[.-+*/|&?<>")  # the name is already a statement, or part of an expression


@functools.lru_cache(maxsize=1)
def _packaged() -> tuple[bytes, ...]:
    from cocolint.kernelc.macros import packaged_once as packaged

    return tuple(n.encode("ascii") for n in packaged().get("member-lists", {}).get("names", ()))


def triggers() -> tuple[bytes, ...]:
    """The packaged member-list names, and a line continuation (a #define over several lines)."""
    return _packaged() + (b"\\\n", b"\\\r", b"\\ ", b"\\\t")


def object_statements_py(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Give each use of a statement or member-list macro its `;`."""
    if out.found is not None:  # the packaged names are among the triggers: the scan saw which occur
        seen = out.found.which(_packaged())
        names = [n for n in _packaged() if n in seen]
    else:
        names = [n for n in _packaged() if n in src] if any(p in src for p in _prefixes()) else []  # cheap first
    names += _local(src)
    if not names:
        return buf
    previous = (-1, -1)  # the last use given its `;`: a use right after it starts a member too
    for m in _uses(tuple(sorted(set(names)))).finditer(src):
        start, end = m.start(), m.end()
        if start and (src[start - 1] in _WORD or src[start - 1] == 0x23):
            continue  # part of a longer name, or `#NAME`
        line_start = src.rfind(b"\n", 0, start) + 1
        if src[line_start:start].lstrip(b" \t").startswith(b"#") or _continued(src, line_start):
            continue  # a directive or a #define body: macro bodies are read elsewhere
        before = _code_before(src, start)
        if before >= 0 and src[before] not in _STARTS and not previous[0] <= before < previous[1]:
            continue
        gap = end
        while gap < len(src) and src[gap] in b" \t":
            gap += 1
        if gap < len(src) and src[gap] in _NOT_AFTER and src[gap:gap + 2] not in (b"/*", b"//"):
            continue
        previous = (start, end)
        at = end if gap > end else end - 1
        if buf is None:
            buf = bytearray(src)
        buf[at] = 0x3B
        out.count("object_statement", 1)
    return buf


def _present(src: bytes, out: Normalised) -> list[bytes]:
    """The packaged member-list names that occur in src (read off the trigger scan when there was one)."""
    if out.found is not None:
        seen = out.found.which(_packaged())
        return [n for n in _packaged() if n in seen]
    return [n for n in _packaged() if n in src] if any(p in src for p in _prefixes()) else []


# csrc/objstmts.c: the same bytes and counts in C (it looks names up as whole words: every packaged
# name is an identifier, macros.toml), given the packaged names found in the file
_native = accel.native.object_statements if accel.has("object_statements") else None  # type: ignore[union-attr]


def object_statements(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """object_statements_py, in C when the native module is built."""
    if _native is None:
        return object_statements_py(src, buf, out)
    return _native(src, buf, out, _present(src, out))


@functools.lru_cache(maxsize=1)
def _prefixes() -> tuple[bytes, ...]:
    return tuple({n[:4] for n in _packaged()})


def _local(src: bytes) -> list[bytes]:
    """The object-like macros src defines over several lines with a body ending in `;`.

    Found from the end: a continued line followed by one ending in `;` (the regex starts with a
    literal backslash, rare outside macros), then back to the #define that line belongs to.
    """
    out = []
    for m in _BODY_END.finditer(src):
        line_start = src.rfind(b"\n", 0, m.start()) + 1
        while line_start > 1 and _last(src, line_start - 1) == 0x5C:
            line_start = src.rfind(b"\n", 0, line_start - 1) + 1
        d = _DEFINE.match(src, line_start)
        if d is not None:
            out.append(d.group(1))
    return out


def _last(src: bytes, end: int, skip: bytes = b" \t\r") -> int:
    """The last byte before end that is not in skip (-1: none)."""
    j = end - 1
    while j >= 0 and src[j] in skip:
        j -= 1
    return src[j] if j >= 0 else -1


@functools.lru_cache(maxsize=256)
def _uses(names: tuple[bytes, ...]) -> re.Pattern[bytes]:
    return re.compile(rb"(?:" + b"|".join(re.escape(n) for n in sorted(set(names))) + rb")\b")


def _continued(src: bytes, line_start: int) -> bool:
    """Whether the line before line_start ends in a backslash (this line continues a directive)."""
    i = line_start - 2
    while i >= 0 and src[i] in b" \t\r":
        i -= 1
    return i >= 0 and src[i] == 0x5C


def _code_before(src: bytes, start: int) -> int:
    """The last code byte before start, comments and preprocessor lines skipped (-1: none)."""
    i = start - 1
    while i >= 0:
        i = code_before(src, i)
        if i < 0:
            return -1
        line_start = src.rfind(b"\n", 0, i) + 1
        if not (src[line_start:i + 1].lstrip(b" \t").startswith(b"#") or _continued(src, line_start)):
            return i
        while _continued(src, line_start):  # back to the directive's first line
            line_start = src.rfind(b"\n", 0, line_start - 1) + 1
        i = line_start - 1
    return -1
