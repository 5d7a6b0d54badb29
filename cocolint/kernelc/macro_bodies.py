"""Macro bodies are code: every #define body parsed as C at its real offsets, in one padded copy."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from cocolint.kernelc.conditionals import directive_end

_DEFINE = re.compile(rb"#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)\n]*\))?")
_BLANK = bytes(b if b == 0x0A else 0x20 for b in range(256))


@dataclass
class MacroBodies:
    """The #define bodies of a file: their spans, names, and a same-length copy holding only them."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    copy: bytes = b""

    def name_at(self, offset: int) -> str | None:
        """The macro whose body holds offset."""
        i = bisect.bisect_right(self.spans, (offset, float("inf"))) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return self.names[i]
        return None

    @property
    def text(self) -> bytes:
        """The bodies, one per line (for literal pre-filters)."""
        return b"\n".join(self.copy[s:e] for s, e in self.spans)


def find(src: bytes, skip: list[tuple[int, int]] = ()) -> MacroBodies:
    """Every #define with a body (not in the spans of skip), and the padded copy to parse them in.

    In the copy each body sits at its own offsets, wrapped as `{` body `;}`: the `{` in the
    byte before the body (part of `#define NAME(...)`, blanked), the `;}` in the first free
    bytes after its line, so each body is one compound statement and damage stays inside it.
    """
    out = MacroBodies()
    if b"define" not in src:
        return out
    for m in _DEFINE.finditer(src):
        start = m.start()
        line_start = src.rfind(b"\n", 0, start) + 1
        if src[line_start:start].strip(b" \t") or any(s <= start < e for s, e in skip):
            continue
        body = m.end()
        end = directive_end(src, body)
        while body < end and src[body] in b" \t\\\r\n":
            body += 1
        tail = end
        while tail > body and src[tail - 1] in b" \t\r\\":
            tail -= 1
        if tail <= body:
            continue
        out.spans.append((body, tail))
        out.names.append(m.group(1).decode("ascii"))
    if not out.spans:
        return out
    buf = bytearray(src.translate(_BLANK))
    taken = 0
    for i, (s, e) in enumerate(out.spans):
        chunk = bytearray(src[s:e])
        for j in range(len(chunk) - 1):
            if chunk[j] == 0x5C and chunk[j + 1] in b"\r\n":  # a line continuation
                chunk[j] = 0x20
        buf[s:e] = chunk
        if s - 1 >= taken:
            buf[s - 1] = ord("{")
        limit = out.spans[i + 1][0] - 1 if i + 1 < len(out.spans) else len(buf)
        placed = 0
        p = e
        while p < limit and placed < 2:
            if buf[p] == 0x20:
                buf[p] = b";}"[placed]
                placed += 1
            p += 1
        taken = p
    out.copy = bytes(buf)
    return out
