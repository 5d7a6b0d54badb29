"""The asm statement scans (usage_passes._colons, _template) jump with a regex where they used to step
byte by byte: the same parts and rewrites as the byte-by-byte reference below, on any input."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cocolint.kernelc import usage_passes as U
from cocolint.kernelc.more_kinds import as_string
from cocolint.kernelc.scan import Normalised, close_paren


def _colons_reference(src: bytes, start: int, end: int) -> list[tuple[int, int]]:
    parts, depth, i, a = [], 0, start, start
    while i < end:
        c = src[i]
        if c == 0x22:
            j = i + 1
            while j < end and src[j] != 0x22:
                j += 2 if src[j] == 0x5C else 1
            i = j
        elif c in b"([":
            depth += 1
        elif c in b")]":
            depth -= 1
        elif c == 0x3A and depth == 0:
            parts.append((a, i))
            a = i + 1
        i += 1
    parts.append((a, end))
    return parts


def _template_reference(src: bytes, buf: bytearray, a: int, b: int, out: Normalised) -> None:
    i = a
    while i < b:
        c = src[i]
        if c == 0x22:
            j = i + 1
            while j < b and src[j] != 0x22:
                j += 2 if src[j] == 0x5C else 1
            i = j + 1
            continue
        if c == 0x2F and src[i + 1:i + 2] in (b"*", b"/"):
            j = src.find(b"*/", i + 2, b) + 2 if src[i + 1] == 0x2A else src.find(b"\n", i, b)
            i = j if j > i else b
            continue
        if c == 0x23 and not src[src.rfind(b"\n", 0, i) + 1:i].strip():
            j = src.find(b"\n", i, b)
            i = j if j > i else b
            continue
        m = U._NAME.match(src, i, b)
        if m is None:
            i += 1
            continue
        end = m.end()
        if src[end:end + 1] == b"(":
            close = close_paren(src, end)
            if close < 0 or close >= b:
                return
            end = close + 1
        if end - m.start() >= 2 and b"\n" not in src[m.start():end] and buf[m.start()] == src[m.start()]:
            out.count("asm_macro", as_string(buf, m.start(), end))
        i = end


PIECES = ['"', '\\', "\\\"", ":", "::", "(", ")", "[", "]", " ", "\n", "\t", "#", "# define X\n", "/*", "*/", "//",
          "%0", "1f", "0x10", "PPC_OP", "ALT(x)", "r", "=r", "memory", ",", "x", "_", "\u00e9"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(0, 5), st.integers(0, 5))
def test_same_as_the_byte_by_byte_scans(parts: list[str], lo: int, hi: int) -> None:
    src = "".join(parts).encode()
    start, end = min(lo, len(src)), max(min(lo, len(src)), len(src) - hi)
    assert U._colons(src, start, end) == _colons_reference(src, start, end)
    fast, slow = bytearray(src), bytearray(src)
    out_fast, out_slow = Normalised(src), Normalised(src)
    U._template(src, fast, start, end, out_fast)
    _template_reference(src, slow, start, end, out_slow)
    assert (fast, out_fast.by_class) == (slow, out_slow.by_class)
