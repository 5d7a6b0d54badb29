"""csrc/declared.c: declared_names in C gives exactly declared_names_py's bytes and counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import declared_names as D

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native
from native_pass_helpers import agree, rewritten_by_others, run

pytestmark = NATIVE_TESTS


def test_the_native_pass_is_built_and_used() -> None:
    assert D._declared_names is native("declared_names").declared_names


def _same(src: bytes) -> None:
    agree(D.declared_names, D.declared_names_py, src)
    agree(D.declared_names, D.declared_names_py, src, rewritten_by_others(src))


_PIECES = ["enum", "enum ", "enum x ", "enum\r\n", "{", "}", "(", ")", ",", "=", " = {", ") = {", "\n", "\r\n", " ",
           "\t", "A", "OP", "x", "1", "_", "OPCODE(", "FMT(A)", "B, C", "/*", "*/", "//", "static ", "const ",
           "\"", "\0", "\xff", "\v", "\f", "DEFINE_T(u32, u8) = {", "\tX(Y),\n", "#define E(x) x\n", "penum {"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_generated_text(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_samples(data: st.DataObject) -> None:
    _same(mutated_sample(data, st.sampled_from(_PIECES).map(lambda p: p.encode("latin-1"))))


@pytest.mark.parametrize("src", [
    b"", b"enum", b"enum {", b"enum { A(x) }", b"enum { A(x)\n}", b"enum { A(x), B(y) = 2, };",
    b"enum e {\n\tFROM(FIXED),\n\tOP(EV_TC) = PACK(1, 1),\n};\n", b"xenum { A(x), };", b"enum{A( ),B(\t),C(a b),};",
    b"enum { /* c */ A(x) /* d */, B(y) // e\n};", b"enum { A(x)\t/*, B(y)\t//\n}", b"enum { a, Ab9_(c_1, 2)\n}",
    b"enum { X, \"s\" A(x),\n};", b"enum { A(x),\n", b"enum x\n\r{ A(b)= 1}", b"enum 9 { A(x), }",
    b"DEFINE_T(u32, u32, u8) = {\n", b"static const DEFINE_T( a , b ) = {", b"static  X(a) = {", b"staticX(a) = {",
    b"\tX(a) = {", b"X(a) = { Y(b) = {", b"X() = {", b"X( ) = {", b"X(a,\tb) = {", b"  const X(a) = {",
    b"enum { A(x), };\nX(a) = {\n", b'enum { X = "a,//" A(x),\n};', b'enum { X = "a" "b,//" A(x),\n};',
    b"enum { X, // c\n A(x),\n};", b"enum { X, /* a */ /* b */ A(x),\n};", b"enum { X /* a, */ A(x),\n};",
    b"enum { A(x), };\nenum { A(x), };", b"enum {\0A(x),\xff B(y),\r\n};",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_other_passes_rewrites_are_left_alone() -> None:
    src = b"enum e {\n\tA(x),\n\tB(y),\n};\nX(a, b) = {\n"
    buf = bytearray(src)
    buf[9:13] = b"    "  # `A(x)` already rewritten
    got, counts, _ = agree(D.declared_names, D.declared_names_py, src, buf)
    assert got is not None and got[9:13] == b"    " and b"B_y_" in got and counts[-1][0] == "declarator_call"


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    changed = 0
    for path in c_files():
        src = path.read_bytes()
        changed += agree(D.declared_names, D.declared_names_py, src)[0] is not None
        agree(D.declared_names, D.declared_names_py, src, found=True)
    assert changed >= 1
    text = b"enum v {\n\tFROM(FIXED),\n\tOP(EV) = P(1, 1), /* c */\n};\nstatic D_T(u32, u8) = {\n\t1,\n};\n"
    agree_on_prefixes_and_buffers(_same, text, lambda b: run(D.declared_names, b, None),
                                  lambda b: run(D.declared_names_py, b, None))


def test_bad_arguments() -> None:
    fn = accel.native.declared_names
    with pytest.raises(TypeError):
        fn(b"enum { A(x), };", bytearray(b"short"), D.Normalised(b""))
    with pytest.raises(TypeError):
        fn(b"enum { A(x), };", b"enum { A(x), };", D.Normalised(b""))
    with pytest.raises(AttributeError):  # out has no count(): the error comes through
        fn(b"enum { A(x), };", None, object())
