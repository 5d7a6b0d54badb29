"""csrc/opargs.c: operator_args in C gives exactly operator_args_py's bytes and counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint import accel
from cocolint.kernelc import operator_args as A

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native
from native_pass_helpers import agree, rewritten_by_others, run

pytestmark = NATIVE_TESTS

_OPS = ["<<=", ">>=", "<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "-=", "+=", "*=", "/=", "%=", "&=", "|=", "^=",
        "-", "+", "*", "/", "%", "&", "|", "^", "~", "!", "<", ">", "=", "<<<", "=>", "->", "++"]


def test_the_native_pass_is_built_and_used() -> None:
    assert A._operator_args is native("operator_args").operator_args


def _same(src: bytes) -> None:
    agree(A.operator_args, A.operator_args_py, src)
    agree(A.operator_args, A.operator_args_py, src, rewritten_by_others(src, 5))


_PIECES = _OPS + [",", ", ", ",\t", ")", "(", " ", "\t", "  ", "x", "ALU(ADD", "\n", "\r", "\0", "\xff", "\v", "/*"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_generated_text(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_samples(data: st.DataObject) -> None:
    _same(mutated_sample(data, st.sampled_from(_PIECES).map(lambda p: p.encode("latin-1"))))


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
    changed = 0
    for path in c_files():
        src = path.read_bytes()
        changed += agree(A.operator_args, A.operator_args_py, src)[0] is not None
        agree(A.operator_args, A.operator_args_py, src, found=True)
    assert changed >= 1
    text = b"ALU(ADD, +)\nATOMIC_OP(or, |=, x)\nCASE(w,  , acq_, 32)\nBUILD(i, 32, )\nf(a, b <<= c)\nT(x, <<=  )\n"
    agree_on_prefixes_and_buffers(_same, text, lambda b: run(A.operator_args, b, None),
                                  lambda b: run(A.operator_args_py, b, None))


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
