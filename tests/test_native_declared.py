"""csrc/declared.c: declared_names in C gives exactly declared_names_py's bytes and counts."""

from __future__ import annotations

import pytest

from cocolint import accel
from cocolint.kernelc import declared_names as D

from native_helpers import NATIVE_TESTS, native, piece_tests
from native_pass_helpers import agree, agree_on_c_files, agree_on_prefixes, both_buffers

pytestmark = NATIVE_TESTS


def test_the_native_pass_is_built_and_used() -> None:
    assert D._declared_names is native("declared_names").declared_names


_same = both_buffers(D.declared_names, D.declared_names_py)


_PIECES = ["enum", "enum ", "enum x ", "enum\r\n", "{", "}", "(", ")", ",", "=", " = {", ") = {", "\n", "\r\n", " ",
           "\t", "A", "OP", "x", "1", "_", "OPCODE(", "FMT(A)", "B, C", "/*", "*/", "//", "static ", "const ",
           "\"", "\0", "\xff", "\v", "\f", "DEFINE_T(u32, u8) = {", "\tX(Y),\n", "#define E(x) x\n", "penum {"]


test_generated_text, test_mutated_samples = piece_tests(_same, _PIECES, generated=1500, mutated=150)


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
    assert agree_on_c_files(D.declared_names, D.declared_names_py) >= 1
    text = b"enum v {\n\tFROM(FIXED),\n\tOP(EV) = P(1, 1), /* c */\n};\nstatic D_T(u32, u8) = {\n\t1,\n};\n"
    agree_on_prefixes(_same, D.declared_names, D.declared_names_py, text)


def test_bad_arguments() -> None:
    fn = accel.native.declared_names
    with pytest.raises(TypeError):
        fn(b"enum { A(x), };", bytearray(b"short"), D.Normalised(b""))
    with pytest.raises(TypeError):
        fn(b"enum { A(x), };", b"enum { A(x), };", D.Normalised(b""))
    with pytest.raises(AttributeError):  # out has no count(): the error comes through
        fn(b"enum { A(x), };", None, object())
