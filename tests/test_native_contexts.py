"""csrc/contexts.c: macro_runs' brace walk in C gives what _enclosing and _contexts_py give, at every offset."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from cocolint.kernelc import macro_runs as mr

from native_helpers import NATIVE_TESTS, agree_on_prefixes_and_buffers, c_files, mutated_sample, native

pytestmark = NATIVE_TESTS


def _same(src: bytes, step: int = 1) -> list[tuple[int, int]]:
    n = native("brace_contexts", "enclosing")
    offsets = list(range(0, len(src) + 1, step))
    want = mr._contexts_py(src, offsets, {})
    assert n.brace_contexts(src, offsets) == want  # type: ignore[attr-defined]
    assert n.brace_contexts(src, offsets[::-1]) == want[::-1]  # type: ignore[attr-defined]  # (any order)
    for at in offsets:
        assert n.enclosing(src, at) == mr._enclosing(src, at), at  # type: ignore[attr-defined]
    return want


def test_the_native_walk_is_built_and_used() -> None:
    n = native("brace_contexts", "enclosing")
    assert mr._contexts is n.brace_contexts and mr.enclosing is n.enclosing  # type: ignore[attr-defined]


_PIECES = ["{", "}", "(", ")", "\"", "'", "=", ",", ";", ":", "\n", " ", "\t", "\r", "\f", "\v", "\\", "\0", "\xff",
           "/*", "*/", "//", "/", "*", "else", "do", "return", "struct", "union", "x", "_t", "9", "A", "struct s",
           "union u ", "mystruct", "\" = //", " = //", "= {", ") {", "if (x) {", "(type){", "\"a{\"", "};", "\n}", "#if X\n"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=50))
def test_generated_text(pieces: list[str]) -> None:
    _same("".join(pieces).encode("latin-1"))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_samples(data: st.DataObject) -> None:
    _same(mutated_sample(data, st.sampled_from(_PIECES).map(lambda p: p.encode("latin-1"))), step=5)


@pytest.mark.parametrize("src", [
    b"", b"{", b"}", b"}{", b"\"{", b"\"{\"{", b"x = {\n\tA(1)\n\tB(2)\n};\n", b"struct s {\n\tLIST(u8)\n\tX\n};",
    b"struct\n{\n}", b"union {", b"mystruct {", b"struct 9x {", b"struct x y {", b" struct\r\n\tx \t{",
    b"void f(void)\n{\n\tswitch (x) {\n\tCASE(A)\n\t}\n}\n", b"int a[] = { {1, 2}, {3} };", b"if (x) { y; } else {",
    b"do {", b"return (struct s){ .a = 1 };", b"f(a, (t){1});", b"/* { */ {", b"x; /* a */ /* b */ {", b"/*/ {",
    b"// {\n{", b"\"//\" {", b"\" = //\" {", b"a = \"x\" \" ; // \"\n{", b"a = // c\n{", b"x \\\n{", b"(" * 10 + b"{" + b")" * 5 + b"x",
    b"struct " + b"x" * 90 + b" {", b"{" + b"x" * 5000 + b") {", b"a:\n{", b"} {", b"{ {", b"= { , {",
])
def test_edge_cases(src: bytes) -> None:
    _same(src)


def test_every_sample_and_rule_file() -> None:
    kinds = set()
    for path in c_files():
        kinds.update(k for k, _ in _same(path.read_bytes(), step=7))
    assert kinds == {1, 2, 3, 4}  # every kind met


def test_every_prefix_a_large_source_and_buffers() -> None:
    n = native("brace_contexts", "enclosing")
    text = (b"static const struct pin pins[] = {\n\tPIN(A, 0, 4)\n\t{ \"a{\", B(1) },\n};\n"
            b"struct regs {\n\tREG_FIELD_LIST(u8)\n\tEMPTY\n};\nvoid f(void)\n{\n\tif (x) {\n\t\tCALL(a)\n\t}\n}\n")
    agree_on_prefixes_and_buffers(lambda src: _same(src, step=1 + len(src) // 200), text,
                                  lambda src: n.brace_contexts(src, [len(src) // 2]),  # type: ignore[attr-defined]
                                  lambda src: mr._contexts_py(src, [len(src) // 2], {}))
    rows = b"static const struct pin pins[] = {\n" + b"\tPIN(A, 0, 4)\n" * 50_000 + b"};\n"
    offsets = list(range(40, len(rows), 997))
    assert n.brace_contexts(rows, offsets) == mr._contexts_py(rows, offsets, {})  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        n.brace_contexts(b"ab", [3])  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        n.enclosing(b"ab", -1)  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        n.brace_contexts(b"ab", (1,))  # type: ignore[attr-defined]
