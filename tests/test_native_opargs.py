"""csrc/opargs.c: operator_args in C gives exactly operator_args_py's bytes and counts."""

from __future__ import annotations

import pytest

from cocolint import accel
from cocolint.kernelc import operator_args as A

from native_helpers import NATIVE_TESTS, native, piece_tests
from native_pass_helpers import agree, agree_on_c_files, agree_on_prefixes, both_buffers

pytestmark = NATIVE_TESTS

_OPS = ["<<=", ">>=", "<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "-=", "+=", "*=", "/=", "%=", "&=", "|=", "^=",
        "-", "+", "*", "/", "%", "&", "|", "^", "~", "!", "<", ">", "=", "<<<", "=>", "->", "++"]


def test_the_native_pass_is_built_and_used() -> None:
    assert A._operator_args is native("operator_args").operator_args


_same = both_buffers(A.operator_args, A.operator_args_py, 5)


_PIECES = _OPS + [",", ", ", ",\t", ")", "(", " ", "\t", "  ", "x", "ALU(ADD", "\n", "\r", "\0", "\xff", "\v", "/*"]


test_generated_text, test_mutated_samples = piece_tests(_same, _PIECES, generated=2000, mutated=150, max_size=30)


@pytest.mark.parametrize("op", _OPS)
@pytest.mark.parametrize("shape", ["F(a,{})", "F(a, {} )", "F(a,\t{}\t, b)", "F(a,  {}  ,b)", "F(a,{}", "F(a,{}x)",
                                   "F(a,{}\n)", "F(a, {},", ",{}"])
def test_every_operator_in_every_place(op: str, shape: str) -> None:
    _same(shape.format(op).encode())


@pytest.mark.parametrize("src", [
    b"", b",", b", )", b",)", b", ,", b",\t\t,", b", \n)", b"f( )", b"void (*)(void)", b"CASE(w,  , acq_, 32)",
    b"BUILD(i, 32, )", b"ALU(ADD, +)", b"ATOMIC_OP(or, |=)", b"x, <<= )", b"x, <<=)", b"a,<)b,>)", b", \0)", b",\xff)",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file_and_every_prefix() -> None:
    assert agree_on_c_files(A.operator_args, A.operator_args_py) >= 1
    text = b"ALU(ADD, +)\nATOMIC_OP(or, |=, x)\nCASE(w,  , acq_, 32)\nBUILD(i, 32, )\nf(a, b <<= c)\nT(x, <<=  )\n"
    agree_on_prefixes(_same, A.operator_args, A.operator_args_py, text)


def test_the_counts_keep_their_order() -> None:
    _, counts, _ = agree(A.operator_args, A.operator_args_py, b"F(a,  , b, +)")
    assert [k for k, _ in counts] == ["earlier_pass", "empty_argument", "operator_argument"]
    _, counts, _ = agree(A.operator_args, A.operator_args_py, b"F(a, +,  )")
    assert [k for k, _ in counts] == ["earlier_pass", "operator_argument", "empty_argument"]


def test_bad_arguments() -> None:
    fn = accel.native.operator_args
    with pytest.raises(TypeError):
        fn("F(a, +)", None, A.Normalised(b""))
    with pytest.raises(TypeError):
        fn(b"F(a, +)", bytearray(b"F(a, +"), A.Normalised(b""))
