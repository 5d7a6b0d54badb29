"""Byte-level scanning for the normaliser (blanking, parentheses, commas, code before an offset) and its result."""

from __future__ import annotations

from dataclasses import dataclass, field

_SPACE = ord(" ")
_NL = ord("\n")
MAX_ARGS = 4000  # a macro's argument list longer than this is not rewritten


@dataclass
class Normalised:
    """The source handed to tree-sitter and how many bytes differ from the original."""

    source: bytes
    rewritten: int = 0
    by_class: dict[str, int] = field(default_factory=dict)


def blank(buf: bytearray, start: int, end: int) -> int:
    n = 0
    for i in range(start, end):
        if buf[i] != _NL and buf[i] != _SPACE:
            buf[i] = _SPACE
            n += 1
    return n


def skip_space(src: bytes, i: int, step: int = 1) -> int:
    """The next index (forwards or backwards) that is not whitespace or a line continuation."""
    n = len(src)
    while 0 <= i < n:
        c = src[i]
        if c in b" \t\r\n\f\v\\":
            i += step
        else:
            return i
    return i


def code_before(src: bytes, i: int) -> int:
    """The last index before i that is code: whitespace and comments skipped."""
    while True:
        i = skip_space(src, i, -1)
        if i > 0 and src[i] == 0x2F and src[i - 1] == 0x2A:  # the end of a /* comment */
            opened = src.rfind(b"/*", 0, i - 1)
            if opened < 0:
                return i
            i = opened - 1
            continue
        line_start = src.rfind(b"\n", 0, i) + 1
        slashes = src.find(b"//", line_start, i + 1)
        if slashes >= 0 and src.count(b'"', line_start, slashes) % 2 == 0:
            i = slashes - 1
            continue
        return i


def close_paren(src: bytes, open_at: int, statements: bool = False) -> int:
    """Index of the `)` balancing the `(` at open_at, or -1 (strings and comments respected)."""
    depth, i, n = 0, open_at, min(len(src), open_at + MAX_ARGS)
    while i < n:
        c = src[i]
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i
        elif c == 0x22 or c == 0x27:
            i += 1
            while i < n and src[i] != c and src[i] != _NL:
                i += 2 if src[i] == 0x5C else 1
        elif c == 0x2F and src[i + 1:i + 2] == b"*":
            end = src.find(b"*/", i + 2, n)
            if end < 0:
                return -1
            i = end + 1
        elif c in b";{}" and not statements:
            return -1
        i += 1
    return -1


def top_commas(src: bytes, open_at: int, close_at: int) -> list[int]:
    out, depth = [], 0
    for i in range(open_at + 1, close_at):
        c = src[i]
        if c in b"([":
            depth += 1
        elif c in b")]":
            depth -= 1
        elif c == 0x2C and depth == 0:
            out.append(i)
    return out
