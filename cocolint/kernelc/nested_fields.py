"""Byte-order bitfield lists written as nested macros: `__BITFIELD_FIELD(int a : 4, __BITFIELD_FIELD(...;))`.

    struct fmt {                                      struct fmt {
        __BITFIELD_FIELD(unsigned int op : 6,                          unsigned int op : 6;
        __BITFIELD_FIELD(unsigned int rt : 5,    ->                    unsigned int rt : 5;
        ;))                                                ;
    };                                                };
The macro puts its first argument (one member) before or after the rest, by byte order; read
in written order, each call is the member, a `;`, and the rest.  The names are data
(`[nested-fields]` in macros.toml); a call on a #define line is left to the macro-body view.
"""

from __future__ import annotations

import functools
import re

from cocolint.kernelc.conditionals import directive_end
from cocolint.kernelc.scan import Normalised, blank
from cocolint.lazyre import lazy_compile


_COMMENT = lazy_compile(rb"/\*.*?\*/", re.S)


@functools.lru_cache(maxsize=1)
def _names() -> tuple[bytes, ...]:
    from cocolint.kernelc.macros import packaged_once as packaged

    return tuple(n.encode("ascii") for n in packaged().get("nested-fields", {}).get("names", ()))


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[bytes]:
    return re.compile(rb"(?<![\w#])(?:" + b"|".join(re.escape(n) for n in _names()) + rb")[ \t]*\(")


def triggers() -> tuple[bytes, ...]:
    """The names the pass rewrites: one of them occurs in every source it changes."""
    return _names()


def nested_fields(src: bytes, buf: bytearray | None, out: Normalised) -> bytearray | None:
    """Rewrite every call: the name and `(` blanked, the top-level `,` a `;`, the `)` blanked."""
    if not any(n in src for n in _names()):
        return buf
    pattern = _pattern()
    first = pattern.search(src)
    if first is None:
        return buf
    tokens = re.compile(pattern.pattern + rb"|[(),]|/\*.*?\*/|\"(?:[^\"\\\n]|\\.)*\"|\n[ \t]*#", re.S)
    stack: list[list[int]] = []  # per open parenthesis: [start of the call or -1, open, first comma]
    pos = first.start()
    while True:
        t = tokens.search(src, pos)
        if t is None:
            return buf
        pos = t.end()
        c = src[t.start()]
        if c == 0x2C:
            if stack and stack[-1][0] >= 0 and stack[-1][2] < 0:
                stack[-1][2] = t.start()
        elif c == 0x28:
            stack.append([-1, t.start(), -1])
        elif c == 0x29:
            if not stack:
                continue
            call, open_at, comma = stack.pop()
            if call >= 0 and comma >= 0:
                if buf is None:
                    buf = bytearray(src)
                n = blank(buf, call, open_at + 1) + blank(buf, t.start(), t.start() + 1)
                buf[comma] = 0x3B
                rest = src[comma + 1:t.start()]
                if _COMMENT.sub(b"", rest).strip() == b";":  # the innermost `more` is an empty `;`
                    semi = comma + 1 + rest.rindex(b";")  # (the comma's `;` ends the member already)
                    n += blank(buf, semi, semi + 1)
                out.count("nested_field", n + 1)
        elif c == 0x0A:  # a directive: calls inside #define bodies are left to the macro-body view
            stack.clear()
            pos = directive_end(src, t.end())
        elif c not in (0x2F, 0x22):
            stack.append([t.start(), t.end() - 1, -1])
