"""Byte-level scanning for the normaliser (blanking, parentheses, commas, code before an offset) and its result."""

from __future__ import annotations

from cocolint import accel, recache
from cocolint.record import dataclass, field
from cocolint.lazyre import lazy_compile

_SPACE = ord(" ")
_NL = ord("\n")
_BLANK = bytes(b if b == _NL else _SPACE for b in range(256))
_SPECIAL = lazy_compile(rb"[()\"';{}]|/\*")
_STRING = {0x22: recache.compile(rb'"(?:[^"\\\n]|\\[\s\S])*'), 0x27: recache.compile(rb"'(?:[^'\\\n]|\\[\s\S])*")}
_NESTING = lazy_compile(rb"[()\[\],]")
# close_paren's quick path: bytes its search stops at (a `/*` too), the second when `;{}` are let through
_PLAIN, _PLAIN_IN_STATEMENTS = b"()\"';{}", b"()\"'"
MAX_ARGS = 4000  # a macro's argument list longer than this is not rewritten
# identifier bytes, three ways: the bytes (for rstrip), a set (`c in WORD`), a table (`IS_WORD[c]`)
WORD_CHARS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
WORD = frozenset(WORD_CHARS)
IS_WORD = bytes(1 if b in WORD else 0 for b in range(256))
# spelling character classes out as literals, for the passes' triggers (triggers.py)
UPPER = tuple(bytes([c]) for c in range(ord("A"), ord("Z") + 1))
SPACES = (b" ", b"\t")


def after(prefixes: tuple[bytes, ...] | list[bytes], chars: tuple[bytes, ...] | list[bytes]) -> tuple[bytes, ...]:
    """Every prefix followed by every one of chars: a character class spelled out as literals."""
    return tuple(p + c for p in prefixes for c in chars)


@dataclass
class Normalised:
    """The source handed to tree-sitter and how many bytes differ from the original."""

    source: bytes
    rewritten: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    run: set[str] | None = None  # the passes (and later steps) the trigger scan chose; None: all
    present: set[bytes] | None = None  # the caller's extra literals the scan found; None: not looked for
    # the trigger scan's result (triggers.Found: where its literals occur); None: no scan, passes search
    found: object = field(default=None, repr=False, compare=False)

    def count(self, kind: str, n: int) -> None:
        """Record n bytes rewritten by the class kind."""
        if n:
            self.by_class[kind] = self.by_class.get(kind, 0) + n
            self.rewritten += n


def blank_py(buf: bytearray, start: int, end: int) -> int:
    """Turn buf[start:end] into spaces (newlines kept); how many bytes changed."""
    if end <= start:
        return 0
    seg = buf[start:end]
    n = len(seg) - seg.count(b" ") - seg.count(b"\n")
    if n:
        buf[start:end] = seg.translate(_BLANK)
    return n


def skip_space_py(src: bytes, i: int, step: int = 1) -> int:
    """The next index (forwards or backwards) that is not whitespace or a line continuation."""
    n = len(src)
    while 0 <= i < n:
        c = src[i]
        if c in b" \t\r\n\f\v\\":
            i += step
        else:
            return i
    return i


def code_before_py(src: bytes, i: int) -> int:
    """The last index before i that is code: whitespace and comments skipped."""
    while True:
        i = skip_space_py(src, i, -1)
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


def close_paren_py(src: bytes, open_at: int, statements: bool = False) -> int:
    """Index of the `)` balancing the `(` at open_at, or -1 (strings and comments respected)."""
    n = min(len(src), open_at + MAX_ARGS)
    if src[open_at:open_at + 1] == b"(":  # the usual: the first `)`, with nothing special before it
        close = src.find(b")", open_at + 1, n)
        if close > 0:
            inside = src[open_at + 1:close]
            if len(inside.translate(None, _PLAIN_IN_STATEMENTS if statements else _PLAIN)) == len(inside) \
                    and b"/*" not in inside:
                return close
    return _close_paren_py(src, open_at, n, statements)


def _close_paren_py(src: bytes, open_at: int, n: int, statements: bool) -> int:
    """close_paren without its quick path: each special byte up to n read in turn."""
    depth, i = 0, open_at
    search = _SPECIAL.search
    while True:
        m = search(src, i, n)
        if m is None:
            return -1
        i = m.start()
        c = src[i]
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return i
        elif c == 0x22 or c == 0x27:
            i = _STRING[c].match(src, i, n).end()  # the closing quote, a newline, or the end
        elif c == 0x2F:
            end = src.find(b"*/", i + 2, n)
            if end < 0:
                return -1
            i = end + 1
        elif not statements:
            return -1
        i += 1


def top_commas_py(src: bytes, open_at: int, close_at: int) -> list[int]:
    """The commas between open_at and close_at outside nested parentheses and brackets."""
    inside = src[open_at + 1:close_at]
    if close_at > open_at and len(inside.translate(None, b"()[]")) == len(inside):  # the usual: nothing nested
        out, at = [], src.find(b",", open_at + 1, close_at)
        while at >= 0:
            out.append(at)
            at = src.find(b",", at + 1, close_at)
        return out
    return _top_commas(src, open_at, close_at)


def _top_commas(src: bytes, open_at: int, close_at: int) -> list[int]:
    """top_commas without its quick path: the depth kept bracket by bracket."""
    out, depth = [], 0
    for m in _NESTING.finditer(src, open_at + 1, close_at):
        c = src[m.start()]
        if c == 0x2C:
            if depth == 0:
                out.append(m.start())
        elif c == 0x28 or c == 0x5B:
            depth += 1
        else:
            depth -= 1
    return out


def call_parens_py(src: bytes, end: int) -> tuple[int, int] | None:
    """(open, close) of the balanced `( ... )` that follows a name ending at end, if there is one."""
    open_at = skip_space_py(src, end)
    if open_at >= len(src) or src[open_at] != 0x28:
        return None
    close = close_paren_py(src, open_at)
    return None if close < 0 else (open_at, close)


# the native versions (csrc/scan.c) when built: same signatures, same results; the _py originals
# are the reference and the path without a C compiler
blank = accel.pick("blank", blank_py)
skip_space = accel.pick("skip_space", skip_space_py)
code_before = accel.pick("code_before", code_before_py)
close_paren = accel.pick("close_paren", close_paren_py)
_close_paren = accel.pick("_close_paren", _close_paren_py)
top_commas = accel.pick("top_commas", top_commas_py)
call_parens = accel.pick("call_parens", call_parens_py)
