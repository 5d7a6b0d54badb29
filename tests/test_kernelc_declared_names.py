"""Enumerators and declarators written as macro calls (cocolint/kernelc/declared_names.py)."""

from __future__ import annotations

import pytest

from cocolint import ts
from cocolint.kernelc import declared_names
from conftest import rewrite


def _names(src: bytes) -> tuple[bytes, dict[str, int]]:
    return rewrite(declared_names.declared_names, src)


def test_enumerator_calls_become_one_identifier() -> None:
    src = b"enum e {\n\tCODE(FIXED),\n\tOP(EV_A)\t= PACK(1, 1),\n\tMASK(EV_A, 64K_CONF, 3),\n\tLAST\n};\n"
    got, counts = _names(src)
    assert got == b"enum e {\n\tCODE_FIXED_,\n\tOP_EV_A_\t= PACK(1, 1),\n\tMASK_EV_A__64K_CONF__3_,\n\tLAST\n};\n"
    assert counts == {"enumerator_call": 10}
    assert not ts.parse(got).root_node.has_error


def test_a_declarator_call_with_an_initialiser_declares_a_variable_of_the_macro_type() -> None:
    src = b"static DEFINE_CASES(u32, u32, u8) = {\n\t{ 1, 2 },\n};\n"
    got, counts = _names(src)
    assert got == b"static DEFINE_CASES u32__u32__u8_ = {\n\t{ 1, 2 },\n};\n"
    assert counts == {"declarator_call": 6}
    assert not ts.parse(got).root_node.has_error


@pytest.mark.parametrize("src", [
    b"enum e {\n\tA = FOO(1),\n\tB = BIT(2) | BIT(x + 1),\n};\n",  # calls as values stay calls
    b"enum e {\n\tA = 1 |\n\t\tBIT(2),\n};\n",  # a value's continuation, not an enumerator
    b"int f(void)\n{\n\tx = FOO(a) = {\n",  # not at the start of a line
    b"static DEFINE_X(a + 1) = {\n};\n",  # not plain words
    b"int my_enum(int v) { return FOO(v); }\n",  # `enum` inside a longer name
])
def test_left_alone(src: bytes) -> None:
    assert _names(src)[0] == src
