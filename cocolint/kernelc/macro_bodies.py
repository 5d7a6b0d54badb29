"""Macro bodies are code: every #define body parsed as C at its real offsets, in one padded copy."""

from __future__ import annotations

import bisect

from cocolint.kernelc.conditionals import directive_end
from cocolint.record import dataclass, field
from cocolint.lazyre import lazy_compile

# `body`: the rest of a one-line #define (no backslash, no `/*` on it), blanks before it skipped
_DEFINE = lazy_compile(rb"#[ \t]*define[ \t]+([A-Za-z_]\w*)(\([^)\n]*\))?"
                     rb"(?:[ \t\r]*+(?P<body>[^\n\\/]*+(?:/(?!\*)[^\n\\/]*+)*+)(?=\n|\Z))?")
_BLANK = bytes(b if b == 0x0A else 0x20 for b in range(256))
_LEADING = lazy_compile(rb"[ \t\\\r\n]*")


@dataclass
class MacroBodies:
    """The #define bodies of a file: their spans, names, and a same-length copy holding only them."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    source: bytes = field(default=b"", repr=False)  # the file the spans are in
    _copy: bytes | None = field(default=None, repr=False)

    def name_at(self, offset: int) -> str | None:
        """The macro whose body holds offset."""
        i = bisect.bisect_right(self.spans, (offset, float("inf"))) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return self.names[i]
        return None

    @property
    def copy(self) -> bytes:
        """The same-length copy holding only the bodies, each wrapped as `{` body `;}` (built when first asked)."""
        if self._copy is None:
            self._copy = _padded_copy(self.source, self.spans) if self.spans else b""
        return self._copy

    @property
    def text(self) -> bytes:
        """The bodies, one per line, line continuations blanked (for literal pre-filters)."""
        if any(self.spans[i + 1][0] < self.spans[i][1] for i in range(len(self.spans) - 1)):
            return b"\n".join(self.copy[s:e] for s, e in self.spans)  # nested #defines: read the copy
        # a body never ends in a backslash, so blanking continuations after the join blanks the same ones
        return _continuations(b"\n".join(self.source[s:e] for s, e in self.spans))


def _continuations(text: bytes) -> bytes:
    """text with each backslash that ends a line turned into a space."""
    return text.replace(b"\\\n", b" \n").replace(b"\\\r", b" \r")


def find(src: bytes, skip: list[tuple[int, int]] = ()) -> MacroBodies:
    """Every #define with a body (not in the spans of skip), and the padded copy to parse them in.

    In the copy each body sits at its own offsets, wrapped as `{` body `;}`: the `{` in the
    byte before the body (part of `#define NAME(...)`, blanked), the `;}` in the first free
    bytes after its line, so each body is one compound statement and damage stays inside it.
    """
    out = MacroBodies()
    if b"define" not in src:
        return out
    dead = sorted(skip)  # by start: the first one not ended before a define is the only one to ask
    d = 0
    for m in _DEFINE.finditer(src):
        start = m.start()
        if start and src[start - 1] != 0x0A and src[src.rfind(b"\n", 0, start) + 1:start].strip(b" \t"):
            continue  # not first on its line
        while d < len(dead) and dead[d][1] <= start:
            d += 1
        if d < len(dead) and dead[d][0] <= start:
            continue  # in a dead (assembler or C++) arm
        body = m.start("body")
        if body >= 0:  # the common one-line #define: no need to look for its end
            tail = body + len(m.group("body").rstrip(b" \t\r"))
        else:
            end = directive_end(src, m.end())
            body = _LEADING.match(src, m.end(), end).end()
            tail = body + len(src[body:end].rstrip(b" \t\r\\"))
        if tail <= body:
            continue
        out.spans.append((body, tail))
        out.names.append(m.group(1).decode("ascii"))
    out.source = src
    return out


def _padded_copy(src: bytes, spans: list[tuple[int, int]]) -> bytes:
    buf = bytearray(src.translate(_BLANK))
    taken = 0
    last = len(spans) - 1
    for i, (s, e) in enumerate(spans):
        buf[s:e] = _continuations(src[s:e])
        if s - 1 >= taken:
            buf[s - 1] = 0x7B  # `{`
        limit = spans[i + 1][0] - 1 if i < last else len(buf)
        first = buf.find(b" ", e, limit)
        second = buf.find(b" ", first + 1, limit) if first >= 0 else -1
        if second >= 0:
            buf[first] = 0x3B  # `;`
            buf[second] = 0x7D  # `}`
            taken = second + 1
        else:
            if first >= 0:
                buf[first] = 0x3B
            taken = max(e, limit)
    return bytes(buf)
