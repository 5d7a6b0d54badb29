"""csrc/usage.c: usage_passes.case_ranges in one native call writes and counts exactly what case_ranges_py does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.kernelc import usage_passes as U
from cocolint.kernelc.scan import Normalised

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native

pytestmark = NATIVE_TESTS


def _run(fn, src: bytes) -> tuple[bytes, int, dict[str, int]]:
    buf = bytearray(src)
    out = Normalised(src)
    fn(src, buf, out)
    return bytes(buf), out.rewritten, out.by_class


def _same(src: bytes) -> None:
    native("case_ranges")
    assert _run(U.case_ranges, src) == _run(U.case_ranges_py, src), src


def test_the_native_pass_is_built_and_used() -> None:
    n = native("case_ranges")
    assert U._case_ranges is n.case_ranges
    src = b"switch (x) {\ncase 1...3:\n}\n"
    buf = bytearray(src)
    assert n.case_ranges(src, buf) == 1 and bytes(buf) == b"switch (x) {\ncase 1 - 3:\n}\n"


_PIECES = ["...", "..", ".", " ", "\t", "\n", "case", "case ", "xcase", "case_", "_case", "cases", "[", "]", ":", ";",
           "#", "A", "1", "(", ")", "\0", "\xff", "\r", "\\\n", "\f", "=", ",", "{", "}", "/* ... */"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_generated_text(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_edited_sample_files(data: st.DataObject) -> None:
    _same(mutated_sample(data, st.sampled_from([p.encode("latin-1") for p in _PIECES])))


@pytest.mark.parametrize("src", [
    b"", b"...", b"case...", b"case 1...3:", b"case 1 ... 3:", b"case 1 ...3:", b"case 1.... 3:", b"case 1...",
    b"\tcase A...B: break;", b"x; case 1...2", b"case 1: x...y", b"case 1; x...y", b"int a[] = { [0...3] = 1 };",
    b"[0] = 1, [2...3]", b"[0]...3", b"a[1;...", b"# case 1...2", b"case 1 # ...2", b"xcase 1...2", b"casex 1...2",
    b"_case 1...2", b"case_1...2", b"1case...2", b"case\n1...2", b"case X(1) ...\n X(9):", b"f(a, ...)",
    b"printk(\"...\");", b"...case", b"\0case\xff...\r", b"case (1)...(2): case 3...4:", b"case...case...case...",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_a_buffer_of_another_length_takes_the_python_path() -> None:
    native("case_ranges")
    src = b"case 1...3:"
    out, buf = Normalised(src), bytearray(b"xx")
    U.case_ranges(src, buf, out)  # the Python's slice assignment: the buffer grows as the Python makes it
    want_out, want = Normalised(src), bytearray(b"xx")
    U.case_ranges_py(src, want, want_out)
    assert (buf, out.by_class) == (want, want_out.by_class)
    with pytest.raises(ValueError):
        native("case_ranges").case_ranges(src, bytearray(b"xx"))
    with pytest.raises(BufferError):
        native("case_ranges").case_ranges(src, src)  # not writable


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    for path in c_files():
        _same(path.read_bytes())
    text = b"switch (c) {\ncase 'a'...'z': /* ... */\ncase X(1) ...\n\tX(9):\n}\nint t[] = { [1...4] = 2, };\n"
    agree_on_prefixes_and_buffers(_same, text, lambda b: native("case_ranges").case_ranges(b, bytearray(b)),
                                  lambda b: _run(U.case_ranges_py, b)[1] // 2)
